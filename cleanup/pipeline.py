"""The cleaning pipeline: run the selected rules in order and keep the edit log."""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import re
from collections import Counter
from collections.abc import Callable, Container, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from .config import Config
from .edits import Edit, OffsetMap, Side, Trace
from .quotes import DOUBLE_RE, QuoteTracker, well_paired
from .rules import Context, Finding, Rule, select_rules
from .rules.base import NEVER, Locate
from .scan import ASCII_CONTROLS, line_starts, lines_starts, split_lead, text_alphabet

__all__ = ["MAX_PASSES", "Pipeline", "Result"]

#: Passes over a text before the pipeline gives up looking for its fixed point (one pass is
#: almost always enough).
MAX_PASSES = 8


@dataclass
class Result:
    """The outcome of cleaning one text.

    ``edits`` are in code-point offsets of ``original``: sorted, non-overlapping, and applying
    them to ``original`` gives ``text``. ``findings`` are in offsets of the cleaned ``text``.
    ``counts`` holds the number of changes each rule made.
    """

    original: str
    text: str
    edits: list[Edit]
    findings: list[Finding] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    #: False if the text did not reach its fixed point in ``MAX_PASSES`` passes (a bug)
    converged: bool = True
    #: what rules worked out about the whole text (see ``Rule.survey``), by survey key: the
    #: glossary's licences, keyed by (line, concept id), lines counted from ``line_offset``
    surveys: dict[str, Any] = field(default_factory=dict)
    #: for a block cleaned with lines before it (``lookbehind``): how many; the surveys count
    #: lines from the first of them
    line_offset: int = 0
    _map: OffsetMap | None = field(default=None, repr=False)

    @property
    def changed(self) -> bool:
        return self.text != self.original

    def to_original(self, pos: int, side: Side = "start") -> int:
        """Map an offset of the cleaned text to the original text."""
        if self._map is None:
            self._map = OffsetMap(self.edits)
        return self._map.to_original(pos, side)

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the cleaned text to the original text."""
        if self._map is None:
            self._map = OffsetMap(self.edits)
        return self._map.span_to_original(start, end)


class Pipeline:
    """A configured sequence of rules. Build once, run on many texts."""

    def __init__(self, config: Config | None = None) -> None:
        self.config = config or Config()
        rules = select_rules(self.config)
        self.fixers: list[Rule] = [r for r in rules if r.fixes]
        self.reporters: list[Rule] = [r for r in rules if not r.fixes]
        # Consecutive batchable rules form one stage.
        self.stages: list[list[Rule]] = []
        for r in self.fixers:
            if r.batch and self.stages and self.stages[-1][-1].batch:
                self.stages[-1].append(r)
            else:
                self.stages.append([r])
        self.track_quotes = self.config.segmented and any(r.code == "QT03" for r in rules)
        #: the fast path's test of which lines a rule may change (None: no fast path, every
        #: line goes through every rule, as when a selected rule declares no trigger)
        self.line_test = LineTest.build(self.fixers)
        #: the rules that may add a double quotation mark to a line (see ``Rule.adds_marks``)
        self.adders = [r for r in self.fixers if r.adds_marks]

    def _run_stages(
        self, trace: Trace, ctx: Context, counts: Counter[str], tail: int = 0, head: int = 0
    ) -> None:
        """Run every fixing rule once, in order, on ``trace.text``. Changes are counted in
        ``counts``, except in the first ``head`` and the last ``tail`` lines (context that
        belongs to the previous or the next block). A rule with a survey that ``ctx`` does
        not hold yet surveys the text its stage is given (the first pass)."""
        alphabet = ctx.alphabet
        for stage in self.stages:
            cur = trace.text
            for rule in stage:
                key = rule.survey_key
                if key is not None and key not in ctx.surveys:
                    ctx.locate = _locator(trace)
                    ctx.surveys[key] = rule.survey(cur, ctx)
                    ctx.locate = None
            per_rule = [
                (rule, rule.changes(cur, ctx)) for rule in stage if rule.applies(cur, alphabet)
            ]
            per_rule = [(r, ch) for r, ch in per_rule if ch]
            if not per_rule:
                continue
            batches = [ch for _, ch in per_rule]
            if len(per_rule) > 1:
                merged = sorted((c for ch in batches for c in ch), key=lambda c: (c.start, c.end))
                if all(a.end <= b.start for a, b in itertools.pairwise(merged)):
                    batches = [merged]
                else:  # overlapping changes: apply rule by rule, recomputing each on new text
                    for r, _ in per_rule:
                        now = trace.text
                        ch = r.changes(now, ctx)
                        first, limit = _body_start(now, head), _head_end(now, tail)
                        counts[r.code] += sum(
                            1
                            for c in ch
                            if first <= c.start < limit and now[c.start : c.end] != c.after
                        )
                        trace.apply(ch)
                        alphabet.update(text_alphabet("".join(c.after for c in ch)))
                    continue
            for ch in batches:
                trace.apply(ch)
                alphabet.update(text_alphabet("".join(c.after for c in ch)))
            first, limit = _body_start(cur, head), _head_end(cur, tail)
            for r, ch in per_rule:
                counts[r.code] += sum(
                    1 for c in ch if first <= c.start < limit and cur[c.start : c.end] != c.after
                )

    @property
    def codes(self) -> list[str]:
        return [r.code for r in self.fixers + self.reporters]

    def run(
        self,
        text: str,
        next_opens_quote: bool = False,
        document: bool = True,
        explain: bool = True,
        lookahead: str | None = None,
        lookahead_final: bool = True,
        lookbehind: str | None = None,
        date: dt.date | None = None,
    ) -> Result:
        """Clean ``text`` to its fixed point (see :meth:`_to_fixed_point`).

        ``date`` is the document's own date (a record's date field), for dated glossary terms;
        None: the configured date (``Config.date``), else today.

        ``next_opens_quote`` says whether the paragraph after ``text`` opens with a quotation
        mark; ``document`` says ``text`` is a whole document (so segmented quote pairing can be
        reported here). Without ``explain`` the edit log is not kept (``Result.edits`` is
        empty), which is faster.

        ``lookahead``, for a block of a longer document, holds the first lines of the next
        block (``lookahead_final``: they reach the end of the document). They are cleaned
        together with ``text``, as the lines after it in the whole document would be, and
        then left out of the result (their edits, counts and findings belong to the next
        block): so the last paragraphs of a block are decided exactly as in the whole document.
        ``lookbehind`` likewise holds the last lines of the block before (the glossary's
        context evidence looks at the paragraphs before a mention too).
        """
        if lookahead is None and lookbehind is None:
            return self._run(text, next_opens_quote, document, explain, 0, 0, date)
        head = 0 if lookbehind is None else lookbehind.count("\n") + 1
        tail = 0 if lookahead is None else lookahead.count("\n") + 1
        whole_text = text
        if lookbehind is not None:
            whole_text = lookbehind + "\n" + whole_text
        if lookahead is not None:
            whole_text = whole_text + "\n" + lookahead
        final = lookahead is None or lookahead_final
        whole = self._run(
            whole_text, not final, document and lookahead is None, explain, tail, head, date
        )
        front = len(whole_text) - len(text) - (0 if lookahead is None else len(lookahead) + 1)
        start = _body_start(whole.text, head)
        end = _head_end(whole.text, tail)
        edits = [e.shifted(-front) for e in whole.edits if front <= e.start < front + len(text)]
        findings = [
            Finding(f.code, f.start - start, f.end - start, f.message, f.severity)
            for f in whole.findings
            if start <= f.start < end
        ]
        return Result(
            text,
            whole.text[start:end],
            edits,
            findings,
            whole.counts,
            whole.converged,
            whole.surveys,
            head,
        )

    def _run(
        self,
        text: str,
        next_opens_quote: bool,
        document: bool,
        explain: bool,
        tail: int,
        head: int = 0,
        date: dt.date | None = None,
    ) -> Result:
        trace = Trace(text, explain)
        counts: Counter[str] = Counter()
        surveys: dict[str, Any] = {}
        alphabet: set[str] = set()
        converged = self._to_fixed_point(
            trace, next_opens_quote, counts, tail, head, surveys, date, alphabet
        )
        out = trace.text
        if out.count("\n") != text.count("\n"):
            raise RuntimeError("a rule changed the number of lines (a bug in tarjama)")
        findings: list[Finding] = []
        ctx = Context(self.config, next_opens_quote, alphabet, surveys, date=date)
        for rule in self.reporters:
            key = rule.survey_key
            if key is not None and key not in surveys:  # no fixing rule surveyed it
                ctx.locate = _locator(trace)
                surveys[key] = rule.survey(out, ctx)
                ctx.locate = None
            if rule.applies(out, ctx.alphabet):
                findings.extend(rule.report(out, ctx))
        if document and self.track_quotes:
            tracker = QuoteTracker()
            starts = [0] + [i + 1 for i, c in enumerate(out) if c == "\n"]
            for line, col, char, why in tracker.feed(out) + tracker.finish():
                pos = starts[line] + col
                findings.append(Finding("QT03", pos, pos + 1, f"unpaired {char}: {why}"))
        findings.sort(key=lambda f: (f.start, f.code))
        return Result(text, out, trace.finish(), findings, counts, converged, surveys)

    def _to_fixed_point(
        self,
        trace: Trace,
        next_opens_quote: bool,
        counts: Counter[str],
        tail: int = 0,
        head: int = 0,
        surveys: dict[str, Any] | None = None,
        date: dt.date | None = None,
        alphabet: set[str] | None = None,
    ) -> bool:
        """Run the rules until cleaning the text changes nothing more.

        The first pass runs every rule on the whole text. Every rule decides a line from that
        line alone, apart from the quotation rules, which also look at whether the next
        paragraph opens with a quotation mark. So a later pass only needs the lines that the
        last pass changed, and the lines whose unpaired quotation marks depend on a changed
        line after them; they run again as one small text, each followed by the lines it
        depends on (which give context and are not changed). A pass that changes nothing
        ends the loop: then cleaning the output again gives the output (idempotence by
        construction). Returns False if ``MAX_PASSES`` were not enough (a bug in a rule).
        The surveys of the first pass (kept in ``surveys``) serve every later one. Each pass
        adds to ``alphabet`` the characters of its text outside printable ASCII and those its
        changes brought: at the end it is a superset of those of the cleaned text.
        """
        before = trace.text
        surveys = {} if surveys is None else surveys
        alphabet = set() if alphabet is None else alphabet
        first = self._first_pass_by_lines(trace, next_opens_quote, counts, tail, head, date)
        if first is None:
            ctx = Context(self.config, next_opens_quote, text_alphabet(before), surveys, date=date)
            self._run_stages(trace, ctx, counts, tail, head)
            alphabet |= ctx.alphabet
        else:
            alphabet |= first.alphabet
        # the lines of the text after the last pass, and those the pass changed (the fast path
        # and the later passes know them; after a full first pass, the texts are compared)
        known = None if first is None else (first.lines, first.changed)
        for _ in range(MAX_PASSES - 1):
            after = trace.text
            if known is None:
                if after == before:
                    return True
                lines_before, lines = before.split("\n"), after.split("\n")
                if len(lines_before) != len(lines):
                    raise RuntimeError("a rule changed the number of lines (a bug in tarjama)")
                changed = [
                    k for k, (a, b) in enumerate(zip(lines_before, lines, strict=True)) if a != b
                ]
            else:
                lines, changed = known
                if not changed:
                    return True
            before = after
            body = range(head, len(lines) - tail)
            now = self._rerun_lines(
                trace, lines, changed, next_opens_quote, counts, body, surveys, date, alphabet
            )
            lines = list(lines)
            for k, line in now.items():
                lines[k] = line
            known = lines, sorted(now)
        return trace.text == before

    def _first_pass_by_lines(
        self,
        trace: Trace,
        next_opens_quote: bool,
        counts: Counter[str],
        tail: int,
        head: int,
        date: dt.date | None,
    ) -> _FirstPass | None:
        """The fast path of the first pass: run the stages only on the lines where the line
        test says some rule may act (and the paragraphs that decide their quotation marks, as
        context), as one small text, and put the result back into ``trace``. A line no rule's
        trigger finds is left as it is by every rule, so the trace, the counts and the edit log
        are those of the whole first pass. Returns None (nothing done) when the test cannot be
        used (a selected rule without a trigger) or would skip no line."""
        test = self.line_test
        if test is None:
            return None
        lines = trace.text.split("\n")
        hit = test.lines(lines)
        if len(hit) == len(lines):
            return None
        changing = frozenset(hit)
        adders = self.adders

        def depends(j: int) -> bool:
            """Whether line ``j``'s marks may need the next paragraph: as it reads now, or once
            a rule has added a mark to it (HT01 decodes ``&quot;``)."""
            line = lines[j]
            return _depends_on_next(line) or (
                j in changing and any(r.may_add_marks(line) for r in adders)
            )

        sub = _with_context(lines, hit, depends)
        if not sub:  # no line to clean: the text is ASCII
            return _FirstPass(set(ASCII_CONTROLS), lines, [])
        part_lines = [lines[k] for k in sub]
        part_text, where = _part(lines, sub)
        broken = len(where) > len(sub)  # the part ends with a line break and an empty line
        part = Trace(part_text, trace.explain)
        ctx = Context(self.config, next_opens_quote, text_alphabet(part_text), {}, where, date=date)
        before = bisect.bisect_left(sub, head)  # lines of the previous block in the part
        after = len(sub) - bisect.bisect_left(sub, len(lines) - tail)  # of the next block
        if after and broken:
            after += 1  # the empty line at the end comes after them
        self._run_stages(part, ctx, counts, after, before)
        seen = ctx.alphabet | ASCII_CONTROLS  # the lines left out are ASCII
        if part.text == part.original:
            return _FirstPass(seen, lines, [])
        cleaned = _part_lines(part.text, broken)
        if len(cleaned) != len(sub):
            raise RuntimeError("a rule changed the number of lines (a bug in tarjama)")
        if trace.explain:  # in the offsets of the lines as they were
            trace.edits = [e for _, e in _edits_back(part.edits, lines, sub)]
        changed = []
        for i, k in enumerate(sub):
            if cleaned[i] != part_lines[i]:
                lines[k] = cleaned[i]
                changed.append(k)
        trace.text = "\n".join(lines)
        return _FirstPass(seen, lines, changed)

    def _rerun_lines(
        self,
        trace: Trace,
        lines: list[str],
        changed: list[int],
        next_opens_quote: bool,
        counts: Counter[str],
        body: range,
        surveys: dict[str, Any],
        date: dt.date | None = None,
        alphabet: set[str] | None = None,
    ) -> dict[int, str]:
        """One more pass over the ``changed`` lines and the lines whose quotation marks depend
        on them, applied to ``trace``. The lines run as one small text in which each is
        followed by the paragraphs that decide its quotation marks (context only: their own
        changes are left for the pass in which they are themselves due). Returns the lines it
        changed, by index, as they are now."""
        order = _with_dependants(lines, changed)  # sorted
        todo = set(order)
        if self.line_test is not None:  # a line no trigger finds is at its fixed point
            todo = {order[i] for i in self.line_test.lines([lines[k] for k in order])}
        if not todo:
            return {}
        sub = _with_context(lines, sorted(todo))
        text, where = _part(lines, sub)
        part = Trace(text, True)
        ctx = Context(self.config, next_opens_quote, text_alphabet(text), surveys, where, date=date)
        self._run_stages(part, ctx, Counter())
        if alphabet is not None:
            alphabet |= ctx.alphabet
        edits = part.finish()
        if not edits:
            return {}
        patches: list[Edit] = []
        for k, e in _edits_back(edits, lines, sub, todo):
            patches.append(e)
            if k in body:  # lines outside it are context of another block
                counts.update(e.rules)
        trace.apply(patches)
        cleaned = _part_lines(part.text, len(where) > len(sub))
        return {k: cleaned[i] for i, k in enumerate(sub) if k in todo and cleaned[i] != lines[k]}


class _FirstPass(NamedTuple):
    """What the fast first pass knows: a superset of the characters outside printable ASCII of
    the text after it, its lines, and the indexes of those it changed."""

    alphabet: set[str]
    lines: list[str]
    changed: list[int]


class LineTest:
    """The fast path's one test: the lines of a text that one of the selected fixing rules may
    change (see ``Rule.trigger``).

    A line outside ASCII is always cleaned, and so is a last line that ends with a CR (no line
    break follows it: it is not the CR of a CRLF).
    An ASCII line is cleaned if one of the rules' triggers finds something in it; for a rule
    that checks lines (``Rule.checks_lines``), only if the line also passes the rule's check.
    """

    def __init__(self, plain: _Trigger, checked: Sequence[tuple[_Trigger, Rule]]) -> None:
        self.plain = plain
        self.checked = list(checked)

    @classmethod
    def build(cls, rules: Sequence[Rule]) -> LineTest | None:
        """The test for ``rules``; None if one of them has no trigger (it may change any line)
        or needs a survey of the whole document first."""
        plain: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
        checked: list[tuple[_Trigger, Rule]] = []
        for r in rules:
            trigger = r.line_trigger()
            if trigger is None or r.survey_key is not None:
                return None
            if trigger[0] == (NEVER,):
                continue
            if r.checks_lines:
                checked.append((_Trigger([trigger], needles_in_pattern=False), r))
            else:
                plain.append(trigger)
        return cls(_Trigger(plain), checked)

    def lines(self, lines: Sequence[str]) -> list[int]:
        """The indexes of the ``lines`` that some rule may change, in order."""
        search, ends, needle, more = self.plain.tests()
        checked = self.checked
        one = checked[0][0] if len(checked) == 1 else None
        quote: str | None = None  # the usual checked trigger (QT03: one needle, then the check)
        check: Callable[[str], bool] = bool
        if one is not None and one.pattern is None and not one.suffixes and len(one.needles) == 1:
            quote, check = one.needles[0], checked[0][1].may_change
            checked = []  # tested in the same pass as the plain triggers
        hit = [
            k
            for k, line in enumerate(lines)
            if not line.isascii()
            or (search is not None and search(line))
            or (ends and line.endswith(ends))
            or (needle is not None and needle in line)
            or (more is not None and more(line))
            or (quote is not None and quote in line and check(line))
        ]
        for trigger, rule in checked:  # the lines the plain triggers left, checked
            search, ends, needle, more = trigger.tests()
            check = rule.may_change
            done = set(hit)
            hit = sorted(
                done.union(
                    k
                    for k, line in enumerate(lines)
                    if k not in done
                    and (
                        (search is not None and search(line))
                        or (ends and line.endswith(ends))
                        or (needle is not None and needle in line)
                        or (more is not None and more(line))
                    )
                    and check(line)
                )
            )
        last = len(lines) - 1
        if lines and lines[last].endswith("\r") and (not hit or hit[-1] != last):
            hit.append(last)  # a CR at the end of the text is no CRLF: IV05 removes it
        return hit


_Search = Callable[[str], object]


class _Trigger:
    """Triggers (expressions, needles) joined into a few tests of an ASCII line, each one call
    of C code (see :meth:`tests`).

    The expressions become one, ``a(?:tail|...)|b(?:tail|...)|...``: for each ASCII character
    that leads one of them, that character and the tails that may follow it. ``re`` skips to
    the next lead character in C, and there tries only the alternative that starts with it (an
    alternative that starts with a lookbehind is tried at every lead: 16% slower on corpus c;
    one that starts with a class of several leads loses the skipping). So do the needles (if
    ``needles_in_pattern``), except those that end with a line break (``" \\n"``: the line ends
    with ``" "``: a suffix) and those that start with a space or a tab (a frequent lead, which
    would stop the expression at every word): they are looked for with ``in``."""

    def __init__(
        self,
        triggers: Sequence[tuple[tuple[str, ...], tuple[str, ...]]],
        needles_in_pattern: bool = True,
    ) -> None:
        tails: dict[str, list[str]] = {}
        self.needles: list[str] = []
        self.suffixes: tuple[str, ...] = ()
        for patterns, needles in triggers:
            for n in needles:
                if n.endswith("\n"):
                    self.suffixes += (n[:-1],)
                elif n[0] in " \t" or not needles_in_pattern:
                    self.needles.append(n)
                else:
                    patterns += (re.escape(n),)
            for p in patterns:
                lead, tail = split_lead(p)
                lead_re = re.compile(lead)
                for c in filter(lead_re.fullmatch, map(chr, range(128))):
                    tails.setdefault(c, []).append(f"(?:{tail})")
        alternatives = (f"{re.escape(c)}(?:{'|'.join(t)})" for c, t in tails.items())
        self.pattern = re.compile("|".join(alternatives)) if tails else None
        one = self.needles[0] if len(self.needles) == 1 else None
        more = None
        if len(self.needles) > 1:
            more = re.compile("|".join(map(re.escape, self.needles))).search
        self._tests = (self.pattern.search if self.pattern else None), self.suffixes, one, more

    def tests(self) -> tuple[_Search | None, tuple[str, ...], str | None, _Search | None]:
        """What finds a trigger in a line (None: nothing to test): ``search(line)``,
        ``line.endswith(suffixes)``, ``needle in line`` (the one needle) and ``more(line)``
        (more needles). Built once, with the trigger."""
        return self._tests


def _locator(trace: Trace) -> Locate:
    """Maps spans of ``trace.text`` (as it is now) to the original text: line, original span
    and column. The map is built on first use (most texts never need it)."""
    made: list[tuple[OffsetMap, list[int]]] = []

    def locate(start: int, end: int) -> tuple[int, int, int, int]:
        if not made:
            made.append((OffsetMap(list(trace.edits)), line_starts(trace.original)))
        omap, starts = made[0]
        s, e = omap.span_to_original(start, end) if trace.explain else (start, end)
        line = bisect.bisect_right(starts, s) - 1
        return line, s, e, s - starts[line]

    return locate


def _body_start(text: str, head: int) -> int:
    """Where the text after its first ``head`` lines starts (0 when ``head`` is 0)."""
    pos = 0
    for _ in range(head):
        pos = text.find("\n", pos) + 1
    return pos


def _head_end(text: str, tail: int) -> int:
    """Where the last ``tail`` lines of ``text`` start, less one (the line break before them):
    the end of the part that counts. ``len(text)`` when ``tail`` is 0."""
    end = len(text)
    for _ in range(tail):
        end = text.rfind("\n", 0, end)
    return end


def _part(lines: Sequence[str], sub: Sequence[int]) -> tuple[str, list[int]]:
    """The part of a text made of the ``lines`` that ``sub`` picks, as one text for the rules,
    and the line of the text each of its lines stands for. If a line break follows the last
    of them in the text, the part ends with one too (before an empty line), so that its last
    line ends as it does in the text (IV05 removes a CR that ends the text, and keeps the CR
    of a CRLF)."""
    text = "\n".join(lines[k] for k in sub)
    if sub[-1] < len(lines) - 1:
        return text + "\n", [*sub, sub[-1] + 1]
    return text, list(sub)


def _part_lines(text: str, broken: bool) -> list[str]:
    """The lines of a part (see :func:`_part`) after cleaning, without the empty line after its
    last line break (``broken``)."""
    out = text.split("\n")
    if broken:
        if out[-1]:
            raise RuntimeError("a rule changed a line break (a bug in tarjama)")
        out.pop()
    return out


def _depends_on_next(line: str) -> bool:
    """Whether how a line's quotation marks are read may depend on the next paragraph: it has
    a double mark that does not pair up within the line."""
    return DOUBLE_RE.search(line) is not None and not well_paired(line, 0, len(line))


def _with_dependants(lines: Sequence[str], changed: Sequence[int]) -> list[int]:
    """``changed`` and, before each, the run of paragraphs whose quotation marks depend on it."""
    out = set(changed)
    for k in changed:
        j = k - 1
        while j >= 0:
            if not lines[j].strip():
                j -= 1
                continue
            if j in out or not _depends_on_next(lines[j]):
                break
            out.add(j)
            j -= 1
    return sorted(out)


def _with_context(
    lines: Sequence[str], keys: Sequence[int], depends: Callable[[int], bool] | None = None
) -> list[int]:
    """``keys`` (sorted indexes of ``lines``) and, after each, the paragraphs that decide how
    its quotation marks are read (:func:`_context_after`), up to one already taken; sorted.
    With ``depends``, only for a key ``k`` with ``depends(k)`` (the others pair their marks
    whatever comes next); without, for every key."""
    picked = set(keys)
    last = len(lines) - 1
    for k in keys:
        if k < last and k + 1 in picked and lines[k + 1].strip():
            continue  # its next paragraph is taken: any context it needs follows
        if depends is not None and not depends(k):
            continue
        for j in _context_after(lines, k, depends):
            if j in picked:
                break
            picked.add(j)
    return sorted(picked)


def _edits_back(
    edits: Sequence[Edit],
    lines: Sequence[str],
    sub: Sequence[int],
    keep: Container[int] | None = None,
) -> Iterator[tuple[int, Edit]]:
    """The edits of a part made of the lines ``sub`` of ``lines`` (see :func:`_part`), each with
    its line, in the offsets of the text the lines make; with ``keep``, only the edits of the
    lines it holds."""
    starts = lines_starts(lines)
    sub_starts = lines_starts([lines[k] for k in sub])
    for e in edits:
        i = bisect.bisect_right(sub_starts, e.start) - 1
        k = sub[i]
        if keep is not None and k not in keep:
            continue
        if e.end > sub_starts[i] + len(lines[k]):
            raise RuntimeError("a rule changed a line break (a bug in tarjama)")
        yield k, e.shifted(starts[k] - sub_starts[i])


def _context_after(
    lines: Sequence[str], k: int, depends: Callable[[int], bool] | None = None
) -> Iterator[int]:
    """The paragraphs after line ``k`` that decide how its quotation marks are read: the next
    non-blank line, and the next after it as long as the last one depends on its own next
    (``depends(j)``; by default, as line ``j`` reads now: :func:`_depends_on_next`)."""
    j = k + 1
    while j < len(lines):
        if lines[j].strip():
            yield j
            if not (_depends_on_next(lines[j]) if depends is None else depends(j)):
                return
        j += 1
