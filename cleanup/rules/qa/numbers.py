"""QA checks on numbers: a number of the source missing from the output, and a number in the
output that the source does not have (numbers read by :mod:`.numerals`)."""

from __future__ import annotations

from decimal import Decimal

from .base import Check, QAFinding, Segment
from .numerals import Number, english_numbers

__all__ = ["MissingNumber", "NumberNotInSource"]


def _all_values(numbers: list[Number]) -> frozenset[Decimal]:
    return frozenset().union(*(n.values for n in numbers))


class MissingNumber(Check):
    """Report a number of the source that the output does not have.

    **What it does**
    Reads the numbers of the source (digits of any script, with Arabic or Latin separators and
    scale words: ``١٤٬٠٠٠``, ``14 ألف``) and of the output (digits and English number words:
    ``14,000``, ``fourteen thousand``) as values, and reports each source number whose value is
    not in the output. An error; a warning when the reference lacks it too.

    **Why is this bad**
    Casualty counts, dates and amounts are the facts extraction needs most, and an MT system
    that drops or changes one changes the story.

    **Example**
    source ``قتل ٢٥٥ شخصا``, output ``25 people were killed`` -> NUM01 (``٢٥٥``)

    **Use instead**
    Every number of the source, in digits or in words.
    """

    code = "NUM01"
    name = "number-missing"
    severity = "error"

    def check(self, seg: Segment) -> list[QAFinding]:
        if seg.degenerate or not seg.src_numbers:
            return []
        out: list[QAFinding] = []
        digits = _all_values(seg.hyp_digits)
        ref_values = _all_values(english_numbers(seg.ref)) if seg.ref is not None else None
        for num in seg.src_numbers:
            if num.values & digits or num.values & _all_values(seg.hyp_numbers):
                continue
            soft = ref_values is not None and not (num.values & ref_values)
            message = f"number {num.text!r} of the source is not in the output" + (
                " (nor in the reference)" if soft else ""
            )
            out.append(self.finding(seg, message, num.text, severity="warning" if soft else None))
        return out


class NumberNotInSource(Check):
    """Report a number in the output that the source does not have (information only).

    **What it does**
    Reports each number written in digits in the output whose value is not among the source's
    numbers. Information, not a warning: a correct translation may add a number (a date
    written out in the source in words, a unit conversion).

    **Why is this bad**
    A number the source does not have is often a changed one (``255`` -> ``25``) or an
    invention.

    **Example**
    source ``قتل ٢٥٥ شخصا``, output ``25 people were killed`` -> NUM02 (``25``)

    **Use instead**
    The numbers of the source.
    """

    code = "NUM02"
    name = "number-not-in-source"
    severity = "info"

    def check(self, seg: Segment) -> list[QAFinding]:
        if seg.degenerate:
            return []
        src_values = _all_values(seg.src_numbers)
        return [
            self.finding(
                seg, f"number {num.text!r} is not in the source", num.text, num.start, num.end
            )
            for num in seg.hyp_digits
            if num.text[0].isdigit() and not (num.values & src_values)
        ]
