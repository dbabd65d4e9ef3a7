"""AR and DG: Arabic punctuation and Arabic-Indic digits left in English text."""

from __future__ import annotations

import re

from ..chars import (
    ARABIC_DIACRITIC,
    ARABIC_LETTER,
    DOUBLE_QUOTES,
    INVISIBLE,
    SINGLE_QUOTES,
    expand,
)
from ..edits import Change
from .base import Context, Rule, char_runs, find_all

__all__ = ["ARABIC_INDIC_DIGITS", "ARABIC_PUNCTUATION", "ArabicDigits", "ArabicPunctuation"]

ARABIC_PUNCTUATION = {
    "\u060c": ",",  # ARABIC COMMA
    "\u061b": ";",  # ARABIC SEMICOLON
    "\u061f": "?",  # ARABIC QUESTION MARK
    "\u066a": "%",  # ARABIC PERCENT SIGN
    "\u066b": ".",  # ARABIC DECIMAL SEPARATOR
    "\u066c": ",",  # ARABIC THOUSANDS SEPARATOR
    "\u06d4": ".",  # ARABIC FULL STOP
}
_ARABIC_CHAR_RE = re.compile(f"[{ARABIC_LETTER}{ARABIC_DIACRITIC}]")
# Skipped when looking for the script around a mark: spaces, quotes, Arabic punctuation and
# the invisible characters other rules remove (so the result does not depend on rule order).
_SKIP = frozenset(
    " \t\u00a0" + expand(INVISIBLE) + "".join(ARABIC_PUNCTUATION) + DOUBLE_QUOTES + SINGLE_QUOTES
)


def _between_arabic(text: str, i: int) -> tuple[bool, int]:
    """Whether the run of spaces, quotes and Arabic punctuation around ``i`` (on its line) has
    Arabic script on both sides, and where the run ends (so that every mark of a run is judged
    with one look at its two ends)."""
    s = i
    while s > 0 and text[s - 1] in _SKIP:
        s -= 1
    e = i + 1
    n = len(text)
    while e < n and text[e] in _SKIP:
        e += 1
    before = text[s - 1] if s > 0 else ""
    after = text[e] if e < n else ""
    arabic = bool(_ARABIC_CHAR_RE.match(before) and _ARABIC_CHAR_RE.match(after))
    return arabic, e


class ArabicPunctuation(Rule):
    """Replace Arabic punctuation in English text with its Latin equivalent.

    **What it does**
    Turns ``،`` (Arabic comma) into ``,``, ``؛`` into ``;``, ``؟`` into ``?``, ``٪`` into ``%``,
    the Arabic decimal separator ``٫`` into ``.``, the thousands separator ``٬`` into ``,`` and
    ``۔`` into ``.``. A mark with Arabic script on both sides (inside a quoted Arabic name or
    phrase) is left as it is.

    **Why is this bad**
    MT systems copy source punctuation through. Sentence splitters, tokenisers and number
    parsers for English do not know these marks.

    **Example**
    ``in Aleppo، Idlib and Hama؛ the army said`` -> ``in Aleppo, Idlib and Hama; the army said``

    **Use instead**
    Latin punctuation in English text.
    """

    code = "AR01"
    name = "arabic-punctuation"
    group = "arabic"
    batch = True
    chars = "".join(ARABIC_PUNCTUATION)

    def changes(self, text: str, ctx: Context) -> list[Change]:
        out: list[Change] = []
        run_end, arabic = -1, False
        for i in find_all(text, self.present(ctx)):
            if i >= run_end:
                arabic, run_end = _between_arabic(text, i)
            if not arabic:
                out.append(Change(i, i + 1, ARABIC_PUNCTUATION[text[i]], self.code))
        return out


_DIGIT_TABLE = {c: str(i) for i in range(10) for c in (chr(0x0660 + i), chr(0x06F0 + i))}
#: Arabic-Indic (U+0660-U+0669) and Extended Arabic-Indic (U+06F0-U+06F9) digits.
ARABIC_INDIC_DIGITS = "".join(_DIGIT_TABLE)
_DIGIT_TRANSLATION = str.maketrans(_DIGIT_TABLE)


class ArabicDigits(Rule):
    """Replace Arabic-Indic digits with ASCII digits.

    **What it does**
    Turns Arabic-Indic digits (U+0660-U+0669, ``٠١٢٣٤٥٦٧٨٩``) and Extended Arabic-Indic digits
    (U+06F0-U+06F9, ``۰۱۲۳۴۵۶۷۸۹``) into ``0``-``9``.

    **Why is this bad**
    Casualty counts and dates are the facts extraction needs most; ``٢٥٥`` is not a number to
    an English pipeline.

    **Example**
    ``claimed the lives of ٢٥٥ people`` -> ``claimed the lives of 255 people``

    **Use instead**
    ASCII digits.
    """

    code = "DG01"
    name = "arabic-indic-digits"
    group = "arabic"
    batch = True
    chars = ARABIC_INDIC_DIGITS

    def changes(self, text: str, ctx: Context) -> list[Change]:
        return [
            Change(s, e, text[s:e].translate(_DIGIT_TRANSLATION), self.code)
            for s, e in char_runs(text, self.present(ctx))
        ]
