"""GL: the glossary rules of ``tarjama clean`` (GL01-GL05).

The rules share one search of the text (:class:`Planner`, built once per pipeline, with the
compiled glossary, by the first of them): each mention of a glossary name is classified once,
and each rule hands the pipeline its own share of the changes, with the concept id and the
evidence that licensed it in every change, so the edit log says which concept an edit belongs
to and why it was made. The rules are batched (they compute their changes on the same text and
never overlap). The glossary is loaded only when one of them is selected, so ``--no-glossary``
costs nothing.

A term marked ``ambiguous`` is applied only with evidence in its context
(:mod:`cleanup.glossary.evidence`): the rules survey the whole document once, in the first
pass, and every later pass and the report of GL05 (an ambiguous mention left alone) use that
survey, so a line cleaned again on its own is decided as in the whole document.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from itertools import accumulate
from typing import TYPE_CHECKING, Any

from ..arabic import ARABIC_LETTER_RE
from ..chars import APOSTROPHES
from ..config import Config
from ..edits import Anchor, Change, Licence
from ..english import ABBREVIATIONS, FUNCTION_WORDS
from ..scan import line_starts
from .base import Context, Finding, Rule

# The glossary's modules are imported when the first Planner is built (_import_glossary), so
# that `tarjama clean --no-glossary` does not pay for them.
if TYPE_CHECKING:
    from ..glossary.evidence import (
        ALWAYS,
        UNAMBIGUOUS,
        WINDOW,
        MentionAt,
        Survey,
        license_mentions,
    )
    from ..glossary.matcher import Entry, Matcher, Mention
    from ..glossary.model import Term
    from ..glossary.unlisted import UnlistedIndex, UnlistedMatch


def _import_glossary() -> None:
    global ALWAYS, UNAMBIGUOUS, WINDOW, MentionAt, Survey, license_mentions, Mention, UnlistedIndex
    from ..glossary.evidence import (
        ALWAYS,
        UNAMBIGUOUS,
        WINDOW,
        MentionAt,
        Survey,
        license_mentions,
    )
    from ..glossary.matcher import Mention
    from ..glossary.unlisted import UnlistedIndex


__all__ = [
    "GLOSSARY_RULES",
    "AmbiguousNameLeft",
    "ArabicName",
    "DeprecatedName",
    "NameCapital",
    "NameForm",
    "Planner",
    "is_sentence_start",
]

_QUOTES_BRACKETS = "\"'“”‘’«»‹›„‚‟‛([{<"
_SKIP_BACK = " \t\u00a0" + _QUOTES_BRACKETS
_OPENING = "\"'“‘«‹„‚‟‛([{<"
_APOSTROPHE_RE = re.compile(f"(?<=[^\\W\\d_])[{re.escape(APOSTROPHES)}](?=[^\\W\\d_])")


def is_sentence_start(text: str, pos: int) -> bool:
    """Whether ``pos`` starts a sentence: the start of a paragraph, or after ``. ! ?`` (not an
    ellipsis or an abbreviation), or after a colon and an opening quotation mark; spaces,
    quotation marks and brackets in between are skipped."""
    i = pos - 1
    quoted = False
    while i >= 0 and text[i] in _SKIP_BACK:
        quoted = quoted or text[i] in _OPENING
        i -= 1
    if i < 0 or text[i] in "\n\r":
        return True
    # a comma or semicolon right after a sentence end is doubled punctuation that PN01 removes
    k = i
    while k >= 0 and text[k] in ",;" + _SKIP_BACK:
        k -= 1
    if k >= 0 and k < i and text[k] in ".!?":
        i = k
    c = text[i]
    if c in "!?":
        return True
    if c == ":":
        return quoted
    if c != ".":
        return False
    # count the dots of a run such as "..." or ". . ." (three or more: an ellipsis; two: a
    # doubled full stop, which PN01 reduces to one)
    dots, k = 0, i
    while k >= 0 and text[k] in ". ":
        dots += text[k] == "."
        k -= 1
    if dots >= 3:
        return False
    if dots == 2:
        return True
    j = i
    while j > 0 and text[j - 1].isalpha():
        j -= 1
    word = text[j:i]
    if len(word) == 1 and word.isupper():  # initials and U.S., U.N.
        return False
    return word.lower() not in ABBREVIATIONS


def _keep_tail(after: str, tail: str, text: str, end: int) -> str:
    """The replacement of a mention that took in the punctuation its term ends with (``Sham.``,
    ``U.S.``): if the replacement does not end with it, the mark stays after it, since it may
    also end the sentence (nothing the text held is lost)."""
    if tail and not after.endswith(tail) and text.endswith(tail, 0, end):
        return after + tail
    return after


def _capitalise(s: str) -> str:
    return s[:1].upper() + s[1:] if s[:1].islower() else s


def _all_caps(s: str) -> bool:
    return len(s) > 1 and s.isupper()


_NO_APOSTROPHE = frozenset(APOSTROPHES)


def _flat_apostrophes(s: str) -> str:
    return _APOSTROPHE_RE.sub("'", s)


_WORD_RE = re.compile(r"[^\W\d_]+")
_SENTENCE_END_RE = re.compile(r"[.!?](?=\s)")


def in_title_case(text: str, start: int, end: int, names: Sequence[tuple[int, int]] = ()) -> bool:
    """Whether ``text[start:end]`` stands in a title-case headline: in its sentence (or line),
    the words that are not function words, nor the sentence's first word, nor inside a name
    (``names``: the spans of the glossary mentions, sorted) are mostly (three in four)
    capitalised, and there are two or more of them (``Russian Forces Strike Kyiv``). Such a
    line is written in its own style: a glossary rule does not recase a word in it."""
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    hi = len(text) if hi < 0 else hi
    for m in _SENTENCE_END_RE.finditer(text, lo, start):
        lo = m.end()
    m2 = _SENTENCE_END_RE.search(text, end, hi)
    if m2:
        hi = m2.start()
    spans = [(start, end)]
    i = bisect.bisect_left(names, (lo, lo))
    while i < len(names) and names[i][0] < hi:
        spans.append(names[i])
        i += 1
    words = [
        w.group()
        for k, w in enumerate(_WORD_RE.finditer(text, lo, hi))
        if k  # the first word of a sentence has its capital anyway
        and w.group().lower() not in FUNCTION_WORDS
        and not any(s <= w.start() < e for s, e in spans)
    ]
    if len(words) < 2:
        return False  # too few words to tell a headline from a sentence
    capitals = sum(1 for w in words if w[0].isupper())
    return capitals * 4 >= len(words) * 3


def _keep_word_case(base: str, surface: str) -> str:
    """``base`` with the first letter of each word capitalised as in ``surface`` (word by
    word, when both have as many words)."""
    bw, sw = list(_WORD_RE.finditer(base)), list(_WORD_RE.finditer(surface))
    if len(bw) != len(sw):
        return base
    out = list(base)
    for b, w in zip(bw, sw, strict=True):
        i = b.start()
        out[i] = out[i].upper() if w.group()[0].isupper() else out[i].lower()
    return "".join(out)


def _arabic_context(text: str, s: int, e: int) -> bool:
    """Whether the nearest letter before or after ``text[s:e]`` (on the same line) is Arabic."""
    i = s - 1
    while i >= 0 and text[i] != "\n" and not text[i].isalpha():
        i -= 1
    if i >= 0 and text[i] != "\n" and ARABIC_LETTER_RE.match(text[i]):
        return True
    j = e
    while j < len(text) and text[j] != "\n" and not text[j].isalpha():
        j += 1
    return j < len(text) and text[j] != "\n" and ARABIC_LETTER_RE.match(text[j]) is not None


Found = tuple[int, int, "Entry", tuple[str, ...]]


class Planner:
    """Classifies every mention of a text once and remembers the result for the rules."""

    def __init__(self, matcher: Matcher, config: Config) -> None:
        _import_glossary()
        self.matcher = matcher
        self.quotes = config.quotes
        self.context = config.glossary_context
        self.date = config.date
        self._key: tuple[object, ...] | None = None
        self._plan: dict[str, list[Change]] = {}
        self._styled: dict[str, str] = {}
        self._cased: dict[tuple[str, str], str] = {}
        self._scanned: tuple[str, dt.date, list[Found]] | None = None
        glossary = matcher.glossary
        #: concepts with an ambiguous term: the survey keeps their licences
        self.watched = frozenset(
            c.id for c in glossary.concepts if any(t.ambiguous for t in c.terms)
        )
        self._related: dict[str, frozenset[str]] | None = None
        #: concepts of the Syria domain: their anchors license any concept in their paragraph
        self.domain = frozenset(c.id for c in glossary.concepts if c.scope == "syria")
        self._names: Sequence[tuple[int, int]] = ()
        self._starts: tuple[str, list[int]] | None = None
        self._index: UnlistedIndex | None = None
        self._unlisted_found: tuple[list[Found], list[UnlistedMatch]] | None = None

    def day(self, ctx: Context | None) -> dt.date:
        """The date of the document: its own (a record's date field), else the configured
        one, else today."""
        if ctx is not None and ctx.date is not None:
            return ctx.date
        return self.date or dt.date.today()

    def _scan(
        self, text: str, alphabet: AbstractSet[str] | None, ctx: Context | None
    ) -> list[Found]:
        day = self.day(ctx)
        got = self._scanned
        if got is not None and got[1] == day and (got[0] is text or got[0] == text):
            return got[2]
        found = self.matcher.scan(text, alphabet, day)
        self._scanned = (text, day, found)
        return found

    def _becomes(self, entry: Entry) -> Term | None:
        """The term cleaning turns a mention of ``entry``'s term into (a deprecated form into
        its replacement, an Arabic name into its English term), or None."""
        term = entry.term
        target = term.replacement if term.lang == "en" else term.english
        if target is None or target == term.text:
            return None
        for t in entry.concept.terms:
            if t.text == target and t.lang == "en":
                return t
        return None

    def _line_starts(self, text: str) -> list[int]:
        got = self._starts
        if got is not None and (got[0] is text or got[0] == text):
            return got[1]
        starts = line_starts(text)
        self._starts = (text, starts)
        return starts

    def _promotes(self, entry: Entry) -> bool:
        """Whether cleaning turns a mention of ``entry``'s term into an unambiguous term."""
        got = self._becomes(entry)
        return got is not None and not got.ambiguous

    def _demotes(self, entry: Entry) -> bool:
        """Whether cleaning turns a mention of ``entry``'s term into an ambiguous term."""
        got = self._becomes(entry)
        return got is not None and got.ambiguous

    def unlisted_index(self) -> UnlistedIndex:
        """The transliteration keys of the glossary's names (GL06), built on first use."""
        if self._index is None:
            self._index = UnlistedIndex.from_glossary(self.matcher.glossary)
        return self._index

    def _unlisted(
        self, text: str, found: list[Found], alphabet: AbstractSet[str] | None
    ) -> list[UnlistedMatch]:
        """The unlisted spellings of glossary names in ``text`` (``found``: its listed ones;
        ``alphabet``: a superset of its non-ASCII characters, if known)."""
        got = self._unlisted_found
        if got is not None and got[0] is found:
            return got[1]
        spans = [(f[0], f[1]) for f in found]
        res = self.unlisted_index().find(text, spans, alphabet=alphabet)
        self._unlisted_found = (found, res)
        return res

    def _target_promotes(self, concept_id: str) -> bool:
        """Whether the English preferred term of a concept is unambiguous (so a rewritten
        unlisted spelling of it is an anchor)."""
        c = self.matcher.glossary.get(concept_id)
        pref = c.preferred("en") if c is not None else None
        return pref is not None and not pref.ambiguous

    def related(self) -> dict[str, frozenset[str]]:
        if self._related is None:
            from ..glossary.evidence import related_concepts

            self._related = related_concepts(self.matcher.glossary)
        return self._related

    # -- the survey: which ambiguous mentions have evidence -------------------------------

    def survey(self, text: str, ctx: Context) -> Survey | None:
        """The licences of the watched concepts in ``text`` (a whole document, or a block with
        its context lines), keyed by (line, concept id); anchors in original coordinates.
        None unless the context mode is ``evidence``."""
        if self.context != "evidence":
            return None
        found = self._scan(text, ctx.alphabet or None, ctx)
        watched = self.watched
        # an unlisted spelling needs an anchor to be licensed: a text with none (news about
        # anything but Syria) is not searched for them
        anchored = any(not f[2].term.ambiguous and not f[3] for f in found)
        unlisted = self._unlisted(text, found, ctx.alphabet or None) if anchored else []
        if not unlisted and not any(f[2].concept.id in watched and not f[3] for f in found):
            return Survey({})
        starts = self._line_starts(text)
        ordinals = list(  # each line's position among the non-blank lines
            accumulate((1 if x.strip() else 0 for x in text.split("\n")[:-1]), initial=0)
        )
        mentions = [
            MentionAt(
                bisect.bisect_right(starts, s) - 1,
                s,
                e,
                entry.concept.id,
                entry.term.ambiguous,
                entry.term.ambiguous and self._promotes(entry),
                not entry.term.ambiguous and self._demotes(entry),
            )
            for s, e, entry, others in found
            if not others  # a form of two concepts is never applied, and proves nothing
        ]
        for u in unlisted:  # needs evidence as an ambiguous name does (GL06)
            line = bisect.bisect_right(starts, u.start) - 1
            promotes = self._target_promotes(u.concept_id)
            mentions.append(MentionAt(line, u.start, u.end, u.concept_id, True, promotes))
        mentions.sort(key=lambda m: m.start)
        licences = license_mentions(mentions, ordinals, self.related(), self.domain)
        keep = watched | {u.concept_id for u in unlisted}
        out: dict[tuple[int, str], Licence] = {}
        for key, lic in licences.items():
            if key[1] not in keep:
                continue
            a = lic.anchor
            if a is not None:
                if ctx.locate is not None:
                    line, s0, e0, col = ctx.locate(a.start, a.end)
                    a = Anchor(a.concept, line, s0, e0, col)
                else:
                    a = Anchor(a.concept, a.line, a.start, a.end, a.start - starts[a.line])
                lic = Licence(lic.basis, a)
            out[key] = lic
        left = frozenset(
            bisect.bisect_right(starts, s) - 1
            for s, _, entry, others in found
            if entry.term.ambiguous
            and not others
            and (bisect.bisect_right(starts, s) - 1, entry.concept.id) not in out
        )
        lines = frozenset(bisect.bisect_right(starts, u.start) - 1 for u in unlisted)
        return Survey(out, left, lines)

    def licence(self, entry: Entry, line: int, ctx: Context | None) -> Licence | None:
        """Why a mention of ``entry`` on line ``line`` of the text may be applied, or None."""
        if not entry.term.ambiguous:
            return UNAMBIGUOUS
        if self.context == "always":
            return ALWAYS
        if self.context == "never" or ctx is None:
            return None
        got: Survey | None = ctx.surveys.get("glossary")
        if got is None:
            return None
        return got.licences.get((ctx.document_line(line), entry.concept.id))

    # -- the changes ---------------------------------------------------------------------

    def changes(self, code: str, text: str, ctx: Context | None = None) -> list[Change]:
        survey = ctx.surveys.get("glossary") if ctx is not None else None
        lines = ctx.lines if ctx is not None else None
        key = (id(survey), id(lines))
        if self._key is None or self._key[1:] != key or self._key[0] is not text:
            self._plan = self.plan(text, ctx.alphabet if ctx else None, ctx)
            self._key = (text, *key)
        return self._plan.get(code, [])

    def _word_case(self, base: str, surface: str) -> str:
        """:func:`_keep_word_case`, remembered (a few names recur all through a text)."""
        got = self._cased.get((base, surface))
        if got is None:
            if len(self._cased) >= 10_000:
                self._cased.clear()
            got = self._cased[base, surface] = _keep_word_case(base, surface)
        return got

    def _style(self, s: str) -> str:
        """Apostrophes in the quote style of the run (QT02 would make the same change)."""
        got = self._styled.get(s)
        if got is None:
            got = s
            if _NO_APOSTROPHE.isdisjoint(s):
                pass  # the common case: nothing to restyle
            elif self.quotes == "straight":
                got = _flat_apostrophes(s)
            elif self.quotes == "curly":
                got = _APOSTROPHE_RE.sub("\u2019", s)
            self._styled[s] = got
        return got

    def plan(
        self,
        text: str,
        alphabet: AbstractSet[str] | None = None,
        ctx: Context | None = None,
    ) -> dict[str, list[Change]]:
        """Every change the glossary rules make to ``text``, by rule code."""
        out: dict[str, list[Change]] = {}
        style = self._style
        starts: list[int] | None = None
        found = self._scan(text, alphabet, ctx)
        self._names = _Spans(found)
        gl01: list[Change] = []
        for start, end, entry, ambiguous in found:
            if ambiguous:
                continue
            licence = UNAMBIGUOUS
            if entry.unsure:  # an ambiguous term
                if starts is None:
                    starts = self._line_starts(text)
                got = self.licence(entry, bisect.bisect_right(starts, start) - 1, ctx)
                if got is None:
                    continue  # no evidence: left alone (GL05 reports it)
                licence = got
            fix = entry.fix
            if fix is not None:  # an English deprecated term: the common change, inline
                after = style(fix) if entry.apostrophe else fix
                if entry.tail:
                    after = _keep_tail(after, entry.tail, text, end)
                surface = text[start:end]
                if surface.isupper() and len(surface) > 1 and not _all_caps(entry.term.text):
                    after = after.upper()
                elif after[:1].islower() and is_sentence_start(text, start):
                    after = _capitalise(after)
                if after != surface:
                    gl01.append(Change(start, end, after, "GL01", entry.concept_id, licence))
                continue
            listed = entry.listed
            if listed is not None:  # an English term that is not deprecated
                # a listed form written exactly, that needs no capital
                if entry.apostrophe:
                    listed = style(listed)
                if (
                    end - start == len(listed)
                    and text.startswith(listed, start)
                    and (not listed[:1].islower() or not is_sentence_start(text, start))
                ):
                    continue
            got2 = self.classify(text, Mention(start, end, entry, ambiguous))
            if got2 is not None:
                code, after = got2
                out.setdefault(code, []).append(
                    Change(start, end, after, code, entry.concept.id, licence)
                )
        if gl01:
            out["GL01"] = gl01
        survey: Survey | None = ctx.surveys.get("glossary") if ctx is not None else None
        if survey is not None and survey.licences and survey.unlisted:
            changes = self._unlisted_changes(text, found, survey, ctx)
            if changes:
                out["GL06"] = changes
        return out

    def _unlisted_changes(
        self, text: str, found: list[Found], survey: Survey, ctx: Context | None
    ) -> list[Change]:
        """GL06: the unlisted spellings with evidence, rewritten to the preferred form."""
        out: list[Change] = []
        starts = self._line_starts(text)
        alphabet = ctx.alphabet or None if ctx is not None else None
        if (
            ctx is not None
            and ctx.lines is not None  # a later pass: only where the first found some
            and not any(ctx.document_line(k) in survey.unlisted for k in range(len(starts)))
        ):
            return out
        for u in self._unlisted(text, found, alphabet):
            line = bisect.bisect_right(starts, u.start) - 1
            doc_line = ctx.document_line(line) if ctx is not None else line
            lic = survey.licences.get((doc_line, u.concept_id))
            concept = self.matcher.glossary.get(u.concept_id)
            pref = concept.preferred("en") if concept is not None else None
            if lic is None or pref is None:
                continue
            surface = text[u.start : u.end]
            after = self._style(pref.text)
            if len(surface) > 1 and surface.isupper():
                after = after.upper()
            elif after[:1].islower() and is_sentence_start(text, u.start):
                after = _capitalise(after)
            if after != surface:
                why = Licence(lic.basis, lic.anchor, u.key)
                out.append(Change(u.start, u.end, after, "GL06", u.concept_id, why))
        return out

    def classify(self, text: str, m: Mention) -> tuple[str, str] | None:
        """The rule code and the replacement for one mention, or None to leave it."""
        if m.ambiguous:
            return None
        term = m.entry.term
        surface = text[m.start : m.end]
        if term.lang != "en":
            if term.english is None or _arabic_context(text, m.start, m.end):
                return None
            after = self._style(term.english)
            if after[:1].islower() and is_sentence_start(text, m.start):
                after = _capitalise(after)
            return "GL02", after
        if term.status == "deprecated":
            assert term.replacement is not None
            after = _keep_tail(self._style(term.replacement), m.entry.tail, text, m.end)
            if _all_caps(surface) and not _all_caps(term.text):
                after = after.upper()
            elif after[:1].islower() and is_sentence_start(text, m.start):
                after = _capitalise(after)
            return ("GL01", after) if after != surface else None
        if term.exact or (_all_caps(surface) and not _all_caps(term.text)):
            base = surface
        else:
            base = self._style(term.text)
            if self.quotes == "keep" and _flat_apostrophes(base) == _flat_apostrophes(surface):
                base = surface
            if base != surface:
                # a headline keeps its capitals (asked only when it would change something)
                kept = self._word_case(base, surface)
                if kept != base and in_title_case(text, m.start, m.end, self._names):
                    base = kept
        after = base
        if base[:1].islower() and is_sentence_start(text, m.start):
            after = _capitalise(base)
        if after == surface:
            return None
        return ("GL03" if base != surface else "GL04"), after

    # -- what is left alone --------------------------------------------------------------

    def left_alone(self, text: str, ctx: Context) -> Iterable[Finding]:
        """GL05: the mentions of ambiguous terms that no evidence licenses. With a survey
        (``evidence`` mode), only the lines where it found one are scanned again (rules never
        add or remove a line, and a glossary rewrite makes only licensed names)."""
        if self.context == "always":
            return
        survey: Survey | None = ctx.surveys.get("glossary")
        starts = self._line_starts(text)
        for start, end, entry, line in self._left_candidates(text, starts, survey, ctx):
            if self.licence(entry, line, ctx) is not None:
                continue
            why = (
                "ambiguous terms are never applied (--glossary-context never)"
                if self.context == "never"
                else "no unambiguous glossary name in its paragraph, nor a related one within "
                f"{WINDOW} paragraphs, says it is meant"
            )
            yield Finding(
                "GL05",
                start,
                end,
                f"{text[start:end]!r} may be {entry.concept.label!r} ({entry.concept.id}), "
                f"but the term is ambiguous and {why}: left alone",
                "info",
            )

    def _left_candidates(
        self, text: str, starts: list[int], survey: Survey | None, ctx: Context
    ) -> Iterator[tuple[int, int, Entry, int]]:
        """The mentions of ambiguous terms in ``text`` (start, end, entry, line): on the lines
        the survey names, or on every line without one."""
        if survey is None:
            for start, end, entry, others in self._scan(text, ctx.alphabet or None, ctx):
                if not others and entry.term.ambiguous:
                    yield start, end, entry, bisect.bisect_right(starts, start) - 1
            return
        if not survey.unlicensed:
            return
        ends = [*starts[1:], len(text) + 1]
        lines = sorted(k for k in range(len(starts)) if ctx.document_line(k) in survey.unlicensed)
        sub = "\n".join(text[starts[k] : ends[k] - 1] for k in lines)
        sub_starts = line_starts(sub)
        for start, end, entry, others in self.matcher.scan(
            sub, ctx.alphabet or None, self.day(ctx)
        ):
            if others or not entry.term.ambiguous:
                continue
            i = bisect.bisect_right(sub_starts, start) - 1
            shift = starts[lines[i]] - sub_starts[i]
            yield start + shift, end + shift, entry, lines[i]


class _Spans(Sequence[tuple[int, int]]):
    """The (start, end) spans of found mentions, as a sorted sequence (built on demand)."""

    def __init__(self, found: Sequence[Found]) -> None:
        self._found = found

    def __len__(self) -> int:
        return len(self._found)

    def __getitem__(self, i: int) -> tuple[int, int]:  # type: ignore[override]
        f = self._found[i]
        return f[0], f[1]


class _GlossaryRule(Rule):
    group = "glossary"
    batch = True
    survey_key = "glossary"

    def __init__(self, config: Config, shared: dict[str, Any] | None = None) -> None:
        """Raises :class:`~cleanup.glossary.GlossaryError` (a ConfigError) for a bad
        glossary file."""
        super().__init__(config, shared)
        planner = self.shared.get("glossary.planner")
        if planner is None:
            from ..glossary import cache

            matcher = cache.compiled(config.glossary_paths, unchecked=config.glossary_unchecked)
            planner = self.shared["glossary.planner"] = Planner(matcher, config)
        self.planner: Planner = planner

    def changes(self, text: str, ctx: Context) -> list[Change]:
        return self.planner.changes(self.code, text, ctx)

    def survey(self, text: str, ctx: Context) -> Survey | None:
        return self.planner.survey(text, ctx)


class DeprecatedName(_GlossaryRule):
    """Replace a deprecated spelling of a name with its house-style form.

    **What it does**
    Replaces a spelling variant or machine-translation calque listed as *deprecated* in the
    glossary with the term that replaces it: the preferred form, or the admitted form it is a
    misspelling of (a misspelt nom de guerre becomes the nom de guerre, never the legal name).
    Matching ignores letter case, the apostrophe form and hyphen/space after an article
    (``al-``/``el-``); a possessive or a prefix keeps its affix; the replacement takes a
    capital at the start of a sentence and stays in capitals in an all-capitals headline.

    **Why is this bad**
    Extraction counts ``Hay'at Tahrir al-Sham``, ``Hayat Tahrir al-Sham`` and
    ``Levant Liberation Committee`` as three actors when they are one.

    **Example**
    ``Hay’at Tahrir al-Sham's fighters`` -> ``Hayat Tahrir al-Sham's fighters``;
    ``pro-Hizbollah militias`` -> ``pro-Hezbollah militias``

    **Use instead**
    The house-style name from the glossary (``tarjama glossary lint`` checks the glossary;
    ``--no-glossary`` turns the stage off).
    """

    code = "GL01"
    name = "deprecated-name"


class ArabicName(_GlossaryRule):
    """Replace an Arabic-script name left in English text with its English house-style form.

    **What it does**
    Finds glossary names written in Arabic script inside English text and replaces them with
    the English preferred term of the concept (or the English term an Arabic admitted name is
    mapped to). Matching ignores diacritics, tatweel, the forms of alef and hamza, taa marbuta
    against haa and alef maqsura against yaa. Names inside a run of Arabic text (an untranslated
    clause) are left alone: replacing one word there would not make the clause English.

    **Why is this bad**
    An untranslated name is invisible to English extraction and search.

    **Example**
    ``fighters of هيئة تحرير الشام entered`` -> ``fighters of Hayat Tahrir al-Sham entered``

    **Use instead**
    The English name.
    """

    code = "GL02"
    name = "arabic-name"


class NameForm(_GlossaryRule):
    """Write a glossary name in exactly its listed form.

    **What it does**
    A preferred or admitted name whose letter case, apostrophe or article separator differs
    from the glossary's listed form is rewritten in the listed form (``by Al Qaeda`` ->
    ``by al Qaeda``, ``Hayat Tahrir Al-Sham`` -> ``Hayat Tahrir al-Sham``). A name in an
    all-capitals headline is left in capitals; at the start of a sentence the name keeps a
    capital (GL04).

    **Why is this bad**
    Case and punctuation variants of one name defeat exact matching and deduplication.

    **Example**
    ``a statement by Al Qaeda`` -> ``a statement by al Qaeda``

    **Use instead**
    The name as the glossary lists it.
    """

    code = "GL03"
    name = "name-form"


class NameCapital(_GlossaryRule):
    """Capitalise a glossary name at the start of a sentence or a headline.

    **What it does**
    A glossary name that starts a paragraph (a headline) or a sentence, after ``. ! ?`` and
    any quotation marks or brackets, starts with a capital letter, whether or not it was
    replaced. Abbreviations (``U.S.``, ``Gen.``) and ellipses do not end a sentence.

    **Why is this bad**
    ``al Qaeda said...`` at the start of a sentence breaks sentence splitters and true-casing,
    and looks like a typo.

    **Example**
    ``... in Aleppo. al Qaeda said`` -> ``... in Aleppo. Al Qaeda said``

    **Use instead**
    A capital at the start of the sentence.
    """

    code = "GL04"
    name = "name-capital"


class UnlistedSpelling(_GlossaryRule):
    """Replace a spelling the glossary does not list, but that can only be one of its names.

    **What it does**
    Finds capitalised names that are not in the glossary but reduce to the same
    transliteration key as exactly one concept's name (``Lattakiya`` and ``Latakia``: q/k,
    ou/u, ee/i, doubled letters, dh/z, the article forms, vowel spellings...), and rewrites
    them to the concept's preferred form, only when the text gives context evidence for the
    concept as it does for an ambiguous name (see GL05 and docs/glossary-format.md), and only
    when the spelling is not an ordinary word, a common given name or surname or a place
    elsewhere in the reference data of ``tarjama glossary lint``. The edit log gives the key
    and the evidence; ``tarjama glossary annotate`` marks the mention ``unlisted``.

    **Why is this bad**
    Machine translation invents new spellings every week; each is one more actor or place
    for extraction, and a listed-variants glossary is always a week behind.

    **Example**
    ``Shelling hit Lattakiya countryside, the Syrian Observatory for Human Rights said.`` ->
    ``Shelling hit Latakia countryside, ...``

    **Use instead**
    The house-style name; add the new spelling to the glossary as a deprecated variant
    (``tarjama glossary mine`` lists candidates) so that it is matched without evidence.
    """

    code = "GL06"
    name = "unlisted-spelling"


class AmbiguousNameLeft(_GlossaryRule):
    """Report an ambiguous glossary name left alone for lack of evidence.

    **What it does**
    A glossary term marked ``ambiguous`` (a name of other people, places or things too, or an
    ordinary word) is applied only when its context shows the concept is meant: an unambiguous
    glossary name in the same paragraph, or a related one within three paragraphs (see
    docs/glossary-format.md, *Ambiguity and context evidence*). A mention without that
    evidence is left as it is, not rewritten and not annotated, and reported here, so that
    nothing is skipped in silence. Reports only.

    **Why is this bad**
    It is not: leaving ``Jordan Spieth`` alone is right. But a wire about Syria that never
    names anything unambiguous near the mention loses a rewrite or a tag, and the report
    says where.

    **Example**
    ``Jordan Spieth won the Masters.`` is reported: ``Jordan`` may be the country, but nothing
    around it says so.

    **Use instead**
    Nothing to change in the text. ``--glossary-context always`` applies ambiguous terms
    without evidence (the old behaviour); ``never`` never applies them.
    """

    code = "GL05"
    name = "ambiguous-name-left"
    fixes = False
    batch = False

    def report(self, text: str, ctx: Context) -> Iterable[Finding]:
        return self.planner.left_alone(text, ctx)


#: The glossary rules, in the order they are listed (GL01-GL04 run as one batch).
GLOSSARY_RULES: tuple[type[Rule], ...] = (
    DeprecatedName,
    ArabicName,
    NameForm,
    NameCapital,
    AmbiguousNameLeft,
)
