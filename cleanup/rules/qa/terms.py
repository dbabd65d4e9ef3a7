"""QA check against the glossary: deprecated spellings of names in the output."""

from __future__ import annotations

from .base import Check, QAFinding, Segment

__all__ = ["DeprecatedTerm"]


class DeprecatedTerm(Check):
    """Report a deprecated glossary term in the output.

    **What it does**
    Finds, with the glossary's matcher (the one ``tarjama clean`` uses), the English terms the
    glossary lists as deprecated (spelling variants, MT calques) in the output, and names the
    house-style form that replaces each. Runs only with a glossary (``tarjama qa`` loads the
    shipped one unless ``--no-glossary``).

    **Why is this bad**
    A variant spelling makes one actor look like two to extraction and search.

    **Example**
    ``The Levant Liberation Committee said`` -> TRM01 (use ``Hayat Tahrir al-Sham``)

    **Use instead**
    The glossary's form (``tarjama clean`` makes the change).
    """

    code = "TRM01"
    name = "deprecated-term"
    needs_glossary = True

    def check(self, seg: Segment) -> list[QAFinding]:
        matcher = self.shared.get("glossary.matcher")
        if matcher is None or seg.degenerate:
            return []
        out: list[QAFinding] = []
        for m in matcher.find(seg.hyp):
            term = m.term
            if term.status != "deprecated" or term.lang != "en":
                continue
            surface = seg.hyp[m.start : m.end]
            message = f"deprecated term {surface!r}" + (
                f": use {term.replacement!r}" if term.replacement else ""
            )
            out.append(self.finding(seg, message, surface, m.start, m.end))
        return out
