"""The cleaning pipeline: run the selected rules in order and keep the edit log."""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass, field

from .config import Config
from .edits import Edit, OffsetMap, Side, Trace
from .quotes import QuoteTracker, next_opens_quote_in
from .rules import GLOSSARY_POSITION, Context, Finding, Rule, select_rules
from .rules.base import text_alphabet
from .rules.mojibake import Mojibake

__all__ = ["Pipeline", "Result"]


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


def _glossary_stages(config: Config) -> list[Rule]:
    if not config.glossary:
        return []
    from .glossary.stage import build_stages

    stages: list[Rule] = build_stages(config)
    return stages


class Pipeline:
    """A configured sequence of rules. Build once, run on many texts."""

    def __init__(self, config: Config | None = None) -> None:
        self.config = config or Config()
        rules = select_rules(self.config)
        self.fixers: list[Rule] = [r for r in rules if r.fixes]
        self.reporters: list[Rule] = [r for r in rules if not r.fixes]
        gl = _glossary_stages(self.config)
        if gl:
            from .rules import RULES

            before = {c.code for c in RULES[:GLOSSARY_POSITION]}
            k = sum(1 for r in self.fixers if r.code in before)
            self.fixers[k:k] = gl
        # Consecutive batchable rules form one stage.
        self.stages: list[list[Rule]] = []
        for r in self.fixers:
            if r.batch and self.stages and self.stages[-1][-1].batch:
                self.stages[-1].append(r)
            else:
                self.stages.append([r])
        self.track_quotes = self.config.segmented and any(r.code == "QT03" for r in rules)

    def _run_stages(self, trace: Trace, ctx: Context, counts: Counter[str]) -> None:
        """Run every fixing rule once, in order, on ``trace.text``."""
        alphabet = ctx.alphabet
        for stage in self.stages:
            cur = trace.text
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
                        ch = r.changes(trace.text, ctx)
                        counts[r.code] += trace.apply(ch)
                        alphabet.update(text_alphabet("".join(c.after for c in ch)))
                    continue
            for ch in batches:
                trace.apply(ch)
                alphabet.update(text_alphabet("".join(c.after for c in ch)))
            for r, ch in per_rule:
                counts[r.code] += sum(1 for c in ch if cur[c.start : c.end] != c.after)

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
    ) -> Result:
        """Clean ``text``. ``next_opens_quote`` says whether the paragraph after ``text`` opens
        with a quotation mark; ``document`` says ``text`` is a whole document (so segmented
        quote pairing can be reported here). Without ``explain`` the edit log is not kept
        (``Result.edits`` is empty), which is faster. ``lookahead``, for a block of a longer
        document, holds the first lines of the next block (and then decides the former)."""
        if lookahead is not None:
            next_opens_quote = next_opens_quote_in(lookahead)
        ctx = Context(
            self.config,
            next_opens_quote=next_opens_quote,
            lookahead=lookahead,
            lookahead_final=lookahead_final,
        )
        trace = Trace(text, explain)
        counts: Counter[str] = Counter()
        ctx.alphabet = text_alphabet(text)
        self._run_stages(trace, ctx, counts)
        # Mojibake that ftfy could not see past a character a later rule removed (a soft hyphen,
        # a bidi mark next to it) is repairable now: run the pipeline again on the result, so
        # that cleaning cleaned text never changes it. Rare, and bounded.
        mojibake = next((r for r in self.fixers if isinstance(r, Mojibake)), None)
        for _ in range(3):
            if mojibake is None or not mojibake.recheck(trace.text, ctx):
                break
            ctx.suspect_lines.clear()
            self._run_stages(trace, ctx, counts)
        alphabet = ctx.alphabet
        out = trace.text
        if out.count("\n") != text.count("\n"):
            raise RuntimeError("a rule changed the number of lines (a bug in tarjama)")
        findings: list[Finding] = []
        for rule in self.reporters:
            if rule.applies(out, alphabet):
                findings.extend(rule.report(out, ctx))
        if document and self.track_quotes:
            tracker = QuoteTracker()
            starts = [0] + [i + 1 for i, c in enumerate(out) if c == "\n"]
            for line, col, char, why in tracker.feed(out) + tracker.finish():
                pos = starts[line] + col
                findings.append(Finding("QT03", pos, pos + 1, f"unpaired {char}: {why}"))
        findings.sort(key=lambda f: (f.start, f.code))
        return Result(text, out, trace.finish(), findings, counts)
