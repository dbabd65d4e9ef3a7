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
    Reads the numbers of the source as values: digits of any script, with Arabic or Latin
    separators and scale words (``١٤٬٠٠٠``, ``30،000``, ``14 ألف``), and numbers written in
    words, cardinal and ordinal (``خمسة وعشرين``, ``السادس عشر``, ``ثلاثمئة``, ``مليونين``,
    ``ثمانينيات القرن العشرين`` = the 1980s). Reads those of the output: digits, English number
    words (``14,000``, ``fourteen thousand``, ``16th``, ``sixteenth``, ``twenty-five``) and
    Roman numerals after a name (``Louis XVI``). Reports each source number whose value is
    not in the output. An error; a warning when the reference lacks it too. One and two
    written in words (``الأول``, ``اثنين``) and fractions (``نصف``) are not required: they are
    translated in too many other ways ("former", "both", "semi-final").

    **Why is this bad**
    Casualty counts, dates and amounts are the facts extraction needs most, and an MT system
    that drops or changes one changes the story.

    **Example**
    source ``قتل ٢٥٥ شخصا``, output ``25 people were killed`` -> NUM01 (``٢٥٥``); source
    ``القرن السادس عشر``, output ``the 6th century`` -> NUM01 (``السادس عشر``)

    **Use instead**
    Every number of the source, in digits or in words: ``the 16th century``.
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
            if not num.required or num.values & digits or num.values & _all_values(seg.hyp_numbers):
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
    numbers, those in digits and those in words (``السادس عشر`` allows ``16th``; ``خمسينيات
    القرن التاسع عشر`` allows ``1850s``; ``الساعة 12:00`` allows ``1200 GMT``). Information, not
    a warning: a correct translation may still add a number (a unit conversion, a dual noun:
    ``بهدفين`` "by two goals" rendered ``2-2``). On the human translations of NTREX-128 and
    FLORES-200 it fires on 3 segments in 1,000; on their English with one number changed in
    10% of the segments, 95% of its findings are the changed number (scripts/bench_num_len.py).

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
