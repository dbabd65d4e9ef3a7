"""The cleaning pipeline: run the selected rules in order and keep the edit log."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .config import Config
from .edits import Edit, OffsetMap, Side, Trace
from .quotes import QuoteTracker
from .rules import GLOSSARY_POSITION, Context, Finding, Rule, select_rules

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
        return self.to_original(start, "start"), self.to_original(end, "end")


def _glossary_stages(config: Config) -> list[Rule]:
    if not config.glossary:
        return []
    try:
        from .glossary.stage import build_stages
    except ImportError:  # the glossary stage is not part of this build
        return []
    return build_stages(config)


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
        self.track_quotes = self.config.segmented and any(
            r.code == "QT03" for r in rules
        )

    @property
    def codes(self) -> list[str]:
        return [r.code for r in self.fixers + self.reporters]

    def run(self, text: str, next_opens_quote: bool = False, document: bool = True) -> Result:
        """Clean ``text``. ``next_opens_quote`` says whether the paragraph after ``text`` opens
        with a quotation mark; ``document`` says ``text`` is a whole document (so segmented
        quote pairing can be reported here)."""
        ctx = Context(self.config, next_opens_quote=next_opens_quote)
        trace = Trace(text)
        counts: Counter[str] = Counter()
        for rule in self.fixers:
            if not rule.applies(trace.text):
                continue
            changes = rule.changes(trace.text, ctx)
            if changes:
                n = trace.apply(changes)
                if n:
                    counts[rule.code] += n
        out = trace.text
        findings = list(ctx.findings)
        for rule in self.reporters:
            if rule.applies(out):
                findings.extend(rule.report(out, ctx))
        if document and self.track_quotes:
            tracker = QuoteTracker()
            starts = [0] + [i + 1 for i, c in enumerate(out) if c == "\n"]
            for line, col, char, why in tracker.feed(out) + tracker.finish():
                pos = starts[line] + col
                findings.append(Finding("QT03", pos, pos + 1, f"unpaired {char}: {why}"))
        findings.sort(key=lambda f: (f.start, f.code))
        return Result(text, out, trace.finish(), findings, counts)
