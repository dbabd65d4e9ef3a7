"""PN: doubled and clashing punctuation."""

from __future__ import annotations

import re

from ..edits import Change
from .base import Context, Rule

__all__ = ["DoubledPunctuation"]

_ABBREVIATIONS = frozenset(
    "inc co corp ltd jr sr st mr mrs ms dr prof gen col lt sgt capt maj gov sen rep vs etc no "
    "bros ave mt ft approx dept est govt jan feb mar apr aug sep sept oct nov dec".split()
)

# ,, ;;  ..(exactly two)  ,. ;. :. ,? ,! ;? ;! (non-final then final)  ., .; .: (final then not)
_PN_RE = re.compile(
    r",{2,}|;{2,}|(?<!\.)\.\.(?!\.)|[,;:]+(?=[.?!])(?!\.\.)|(?<![.])(?<=\.)[,;:]+"
)
_WORD_BEFORE_RE = re.compile(r"((?:[A-Za-z]\.)+|[A-Za-z]+)\.$")


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
    return word.lower() in _ABBREVIATIONS


class DoubledPunctuation(Rule):
    """Collapse doubled punctuation; where two different marks meet, keep the sentence-final one.

    **What it does**
    ``,,`` becomes ``,``, ``;;`` becomes ``;`` and ``..`` (exactly two periods) becomes ``.``.
    Where a comma, semicolon or colon meets a sentence-final mark (``,.`` ``.,`` ``;.`` ``,?``),
    only the sentence-final mark stays. An ellipsis (``...``) is never touched, and a period
    that ends an abbreviation (``U.S.,`` ``Inc.,``) keeps the comma after it.

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
    trigger = _PN_RE

    def changes(self, text: str, ctx: Context) -> list[Change]:
        out: list[Change] = []
        for m in _PN_RE.finditer(text):
            s = m.group()
            if s[0] == "," and len(set(s)) == 1:
                out.append(Change(m.start(), m.end(), ",", self.code))
            elif s[0] == ";" and len(set(s)) == 1:
                out.append(Change(m.start(), m.end(), ";", self.code))
            elif s == "..":
                out.append(Change(m.start(), m.end(), ".", self.code))
            elif m.start() > 0 and text[m.start() - 1] == ".":
                # ., .; .: after a period: drop the mark unless the period ends an abbreviation.
                if not _is_abbreviation(text, m.start() - 1):
                    out.append(Change(m.start(), m.end(), "", self.code))
            else:
                # ,. ;? ... : drop the non-final marks before the sentence-final one.
                out.append(Change(m.start(), m.end(), "", self.code))
        return out
