"""QA checks on the output as a whole: empty, or a copy of the source."""

from __future__ import annotations

from ..qa.base import Check, QAFinding, Segment

__all__ = ["EmptyOutput", "SourceCopy"]


class EmptyOutput(Check):
    """Report an empty output for a non-empty source.

    **What it does**
    Reports a segment whose output is empty (or only spaces) while the source is not.

    **Why is this bad**
    The system dropped the whole segment: everything it said is lost to the reader and to
    extraction, and the alignment of the following segments may be off too.

    **Example**
    source ``قالت الفصائل``, output `` `` -> EMP01

    **Use instead**
    A translation of every segment.
    """

    code = "EMP01"
    name = "empty-output"
    severity = "error"

    def check(self, seg: Segment) -> list[QAFinding]:
        if seg.hyp.strip() or not seg.src.strip():
            return []
        return [self.finding(seg, "the output is empty", seg.src.strip()[:80])]


class SourceCopy(Check):
    """Report an output that is the source itself.

    **What it does**
    Reports a segment whose output is its source, character for character (spaces at the
    ends aside).

    **Why is this bad**
    The system copied instead of translating (a failure mode of neural MT on rare input); an
    English pipeline then reads Arabic, or nothing.

    **Example**
    source ``قالت الفصائل``, output ``قالت الفصائل`` -> SRC01

    **Use instead**
    A translation.
    """

    code = "SRC01"
    name = "source-copied"
    severity = "error"

    def check(self, seg: Segment) -> list[QAFinding]:
        h = seg.hyp.strip()
        if not h or h != seg.src.strip():
            return []
        return [self.finding(seg, "the output is the source", h[:80])]
