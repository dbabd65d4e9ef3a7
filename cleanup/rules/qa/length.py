"""QA checks on the length of the output against the source."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .base import Check, QAFinding, Segment

__all__ = ["MODEL_PATH", "REPEAT_WORDS", "TooLong", "TooShort", "length_bounds", "repeated_passage"]

#: The SentencePiece model the lengths are counted with (scripts/calibrate_qa_length.py).
MODEL_PATH = Path(__file__).resolve().parent / "data" / "length.model"


def length_bounds(options: Any) -> tuple[tuple[int, int, float, float], ...]:
    """The ratio bounds for ``options``: its own, or the shipped calibration for the shipped
    model (another model without bounds has none: the checks are off)."""
    from .calibration import BOUNDS

    if options.length_bounds:
        return tuple(options.length_bounds)
    return BOUNDS if options.length_model is None else ()


class _Length(Check):
    needs_lengths = True

    def _ratio(self, seg: Segment) -> tuple[float, float, float] | None:
        """(ratio, low, high) for the segment's length bucket, if it has one."""
        if seg.degenerate or not seg.n_src or seg.n_hyp is None:
            return None
        for lo, hi, low, high in length_bounds(self.options):
            if lo <= seg.n_src < hi:
                return seg.n_hyp / seg.n_src, low, high
        return None


class TooShort(_Length):
    """Report an output too short for its source.

    **What it does**
    Counts the SentencePiece pieces of source and output with a multilingual model and
    compares the ratio with bounds calibrated per source length on human translations
    (NTREX-128 and FLORES-200: the 1st percentile, so that it fires on about 1% of them);
    a ratio below the bound is reported. OMI01 counts the sentences.

    **Why is this bad**
    A much shorter output has usually dropped a clause or a sentence.

    **Example**
    a 30-word source, output ``Syrian factions said.`` -> LEN01; two source sentences, the
    output translates the second only, ratio 0.57 -> LEN01 (the bound for 48 pieces and
    more is 0.592)

    **Use instead**
    A complete translation.
    """

    code = "LEN01"
    name = "output-too-short"

    def check(self, seg: Segment) -> list[QAFinding]:
        got = self._ratio(seg)
        if got is None or got[0] >= got[1]:
            return []
        ratio, low, _ = got
        message = f"{seg.n_hyp} pieces for {seg.n_src} in the source: ratio {ratio:.2f} < {low}"
        return [self.finding(seg, message, f"{ratio:.2f}")]


class TooLong(_Length):
    """Report an output too long for its source: information, or a warning when the output
    repeats itself.

    **What it does**
    As LEN01, with the upper bound (the 99.5th percentile of the human translations). On its
    own a long output is information only: human translations are sometimes that long (5.6
    per 1,000 lines of NTREX-128 and FLORES-200), and in a sample of real MT output none of
    these findings was a defect. When the output also says a passage of five words or more
    twice (case and punctuation aside), the finding is a warning, with the repeated passage as
    evidence: no human translation of those test sets does that, and a repeated sentence is
    what an MT system's overlong output usually is (measured by scripts/bench_num_len.py,
    docs/scoring.md).

    **Why is this bad**
    A much longer output may repeat itself or hallucinate text the source does not have.

    **Example**
    a full translation repeated three times -> LEN02 (a warning); a translation that explains
    more than the source says -> LEN02 (information)

    **Use instead**
    A translation of what the source says.
    """

    code = "LEN02"
    name = "output-too-long"
    severity = "info"

    def check(self, seg: Segment) -> list[QAFinding]:
        got = self._ratio(seg)
        if got is None or got[0] <= got[2]:
            return []
        ratio, _, high = got
        message = f"{seg.n_hyp} pieces for {seg.n_src} in the source: ratio {ratio:.2f} > {high}"
        span = repeated_passage(seg.hyp)
        if span is None:
            return [self.finding(seg, message, f"{ratio:.2f}")]
        start, end = span
        passage = seg.hyp[start:end]
        message += f", and it repeats {passage!r}"
        return [self.finding(seg, message, passage, start, end, severity="warning")]


_WORD = re.compile(r"\w+")
#: Words a passage must have for LEN02 to call it a repetition.
REPEAT_WORDS = 5


def repeated_passage(text: str, n: int = REPEAT_WORDS) -> tuple[int, int] | None:
    """The span of the first passage of ``n`` words or more that ``text`` has said before
    (words compared in lower case, punctuation aside), as long as the repetition goes on."""
    words = [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(text)]
    seen: dict[tuple[str, ...], int] = {}
    for i in range(len(words) - n + 1):
        gram = tuple(w[2] for w in words[i : i + n])
        j = seen.setdefault(gram, i)
        if j == i:
            continue
        k = n
        while i + k < len(words) and j + k < i and words[j + k][2] == words[i + k][2]:
            k += 1
        return words[i][0], words[i + k - 1][1]
    return None
