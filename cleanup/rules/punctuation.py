"""PN: doubled and clashing punctuation."""

from __future__ import annotations

import re

from ..edits import Change
from ..english import ABBREVIATIONS, STATE_ABBREVIATIONS
from .base import Context, LeadScanner, Rule

__all__ = ["DoubledPunctuation"]


_MARKS = ",;:.?!"
_FINAL = ".?!"
_WORD_BEFORE_RE = re.compile(r"((?:[A-Za-z]\.)+[A-Za-z]|[A-Za-z]+)\.$")


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the period at ``dot`` ends an abbreviation such as ``U.S.`` or ``Inc.``."""
    m = _WORD_BEFORE_RE.search(text, max(0, dot - 20), dot + 1)
    if m is None:
        return False
    word = m.group(1)
    if "." in word:  # U.S. a.m. e.g.
        return True
    if len(word) == 1:  # an initial: George W., Jr.
        return word.isupper()
    return word.lower() in ABBREVIATIONS or word.lower() in STATE_ABBREVIATIONS


class DoubledPunctuation(Rule):
    """Collapse doubled punctuation; where two different marks meet, keep the one the sentence
    needs.

    **What it does**
    ``,,`` becomes ``,``, ``;;`` becomes ``;`` and ``..`` (exactly two periods) becomes ``.``.
    Where a comma, semicolon or colon meets a sentence-final mark (``,.`` ``.,`` ``;.`` ``,?``),
    the sentence-final mark stays, unless the text goes on in lower case (``team., and``): then
    the sentence did not end, and the comma (or semicolon, colon) stays. An ellipsis (``...``)
    is never touched, and a period that ends an abbreviation (``U.S.,`` ``Inc.,``) keeps the
    comma after it.

    **Why is this bad**
    MT systems emit the source's punctuation and their own, giving ``the city,. The army``;
    sentence splitters and readers stumble.

    **Example**
    ``in the city of Aleppo,. The army said,, on Friday`` ->
    ``in the city of Aleppo. The army said, on Friday``

    **Use instead**
    One mark.
    """

    code = "PN01"
    name = "doubled-punctuation"
    group = "punctuation"
    scanner = LeadScanner(_MARKS, "[,;:.?!]")
    trigger = (scanner.pattern,)

    def changes(self, text: str, ctx: Context) -> list[Change]:
        out: list[Change] = []
        done = -1
        n = len(text)
        for s in self.scanner.starts(text):
            if s < done:
                continue
            while s > 0 and text[s - 1] in _MARKS:
                s -= 1
            e = s + 2
            while e < n and text[e] in _MARKS:
                e += 1
            done = e
            run = text[s:e]
            after = self._fix(text, s, run, _continues_lower(text, e))
            if after is not None and after != run:
                out.append(Change(s, e, after, self.code))
        return out

    @staticmethod
    def _fix(text: str, start: int, run: str, goes_on: bool) -> str | None:
        if "..." in run:
            return None  # an ellipsis, with whatever surrounds it, is left alone
        finals = "".join(c for c in run if c in _FINAL)
        others = "".join(c for c in run if c not in _FINAL)
        if not finals:
            # ,, ;; collapse; a mix such as ,; is left alone
            return run[0] if len(set(run)) == 1 and run[0] in ",;" else None
        if not others:
            return "." if run == ".." else None  # ?! !! ?. are left alone
        if run[0] == "." and start > 0 and _is_abbreviation(text, start):
            # U.S., Inc.; the period belongs to the abbreviation: keep the mark after it
            return "." + others[0] if len(set(others)) == 1 else None
        if goes_on and finals == ".":
            # "the team., and": a lower-case continuation means the sentence did not end
            return others[0] if len(set(others)) == 1 else None
        return finals[0] if len(set(finals)) == 1 else None


def _continues_lower(text: str, end: int) -> bool:
    """Whether the line goes on after ``end`` (past spaces) with a lower-case letter."""
    n = len(text)
    while end < n and text[end] in " \t":
        end += 1
    return end < n and text[end].islower()
