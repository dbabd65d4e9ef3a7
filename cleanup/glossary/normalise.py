"""The normalised form names are matched in, with a map back to the original offsets.

Normalisation makes the variation that is not spelling disappear:

* letter case (``Al-Nusra`` = ``al-Nusra``);
* every character that is not a letter or a digit counts as a word break, so apostrophe forms
  (``' ’ ʾ ʿ ` ´``), hyphens and punctuation all become a space; runs of spaces, hyphens and
  apostrophes become one space (``al-Sham`` = ``al Sham`` = ``al - Sham``, ``Workers' Party``
  = ``Workers Party``), while other punctuation keeps its own space so that a name never
  matches across a comma;
* Arabic script: diacritics, tatweel and Quranic marks are dropped; alef forms (أ إ آ ٱ) become ا,
  taa marbuta ة becomes ه, alef maqsura ى becomes ي, ؤ becomes و and ئ becomes ي.

The normalised text starts with one extra space so that every word start is preceded by a space:
patterns are stored as ``" " + normalised term`` and can only match at word starts.
"""

from __future__ import annotations

import bisect
import re

__all__ = ["NormText", "normalise", "normalise_term"]

_NON_WORD_RE = re.compile(r"[^\w ]")
_SQUEEZE_RE = re.compile(
    "[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000\\-\u2010\u2011\u2012\u2013\u2212"
    "'\u2019\u02bc\u02be\u02bf`\u00b4\u2032\u2018]{2,}"
    "|[\u0640\u064b-\u065f\u0670\u06d6-\u06ed]+"
)
_ARABIC_RE = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_ARABIC_FOLD = str.maketrans(
    {
        "\u0623": "\u0627",  # أ
        "\u0625": "\u0627",  # إ
        "\u0622": "\u0627",  # آ
        "\u0671": "\u0627",  # ٱ
        "\u0629": "\u0647",  # ة -> ه
        "\u0649": "\u064a",  # ى -> ي
        "\u0624": "\u0648",  # ؤ -> و
        "\u0626": "\u064a",  # ئ -> ي
        "\u06cc": "\u064a",  # Persian yeh
        "\u06a9": "\u0643",  # keheh -> kaf
    }
)
#: Characters dropped after the last letter of an Arabic match (they belong to it).
ARABIC_MARKS = "\u0640\u064b-\u065f\u0670\u06d6-\u06ed"
_TRAILING_MARKS_RE = re.compile(f"[{ARABIC_MARKS}]+")


def _lower(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


class NormText:
    """The normalised form of a text, and the map from its offsets back to the text.

    ``text`` has one leading space; offset ``i`` of ``text`` corresponds to offset ``i - 1`` of
    the original when nothing was squeezed.
    """

    __slots__ = ("_nstarts", "_ostarts", "original", "text")

    def __init__(self, original: str) -> None:
        self.original = original
        flat = _NON_WORD_RE.sub(" ", _lower(original))
        if _ARABIC_RE.search(original):
            flat = flat.translate(_ARABIC_FOLD)
        self._nstarts: list[int] | None = None
        self._ostarts: list[int] = []
        if _SQUEEZE_RE.search(original) is None:
            self.text = " " + flat
            return
        parts = [" "]
        nstarts = [0]
        ostarts = [-1]
        npos = 1
        opos = 0
        for m in _SQUEEZE_RE.finditer(original):
            seg = flat[opos : m.start()]
            if seg:
                nstarts.append(npos)
                ostarts.append(opos)
                parts.append(seg)
                npos += len(seg)
            if _TRAILING_MARKS_RE.match(m.group()) is None:
                nstarts.append(npos)
                ostarts.append(m.start())
                parts.append(" ")
                npos += 1
            opos = m.end()
        if opos < len(flat):
            nstarts.append(npos)
            ostarts.append(opos)
            parts.append(flat[opos:])
        self.text = "".join(parts)
        self._nstarts = nstarts
        self._ostarts = ostarts

    def start(self, i: int) -> int:
        """Original offset of the character at normalised offset ``i``."""
        if self._nstarts is None:
            return i - 1
        k = bisect.bisect_right(self._nstarts, i) - 1
        return self._ostarts[k] + (i - self._nstarts[k])

    def end(self, i: int) -> int:
        """Original end offset for a normalised span ending (exclusively) at ``i``: just after
        the last letter, and after any Arabic marks that follow it."""
        e = self.start(i - 1) + 1 if self._nstarts is not None else i - 1
        if self._nstarts is not None:
            m = _TRAILING_MARKS_RE.match(self.original, e)
            if m:
                e = m.end()
        return e


def normalise(text: str) -> NormText:
    return NormText(text)


def normalise_term(term: str) -> str:
    """The normalised form of a glossary term, without the leading space: exactly what
    :class:`NormText` makes of the same characters in a text, with outer spaces stripped."""
    return NormText(term).text.strip(" ")
