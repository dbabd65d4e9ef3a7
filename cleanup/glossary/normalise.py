"""The normalised form names are matched in, with a map back to the original offsets.

Normalisation makes the variation that is not spelling disappear:

* letter case of ASCII letters (``Al-Nusra`` = ``al-Nusra``);
* punctuation, apostrophe forms (``' ’ ʾ ʿ ` ´``), hyphens and dashes, quotation marks and
  Unicode spaces all become a space; runs of spaces, hyphens and apostrophes become one space
  (``al-Sham`` = ``al Sham`` = ``al - Sham``, ``Workers' Party`` = ``Workers Party``), while
  other punctuation keeps a space of its own, so a name never matches across a comma;
* Arabic script: :mod:`cleanup.arabic`'s normalisation (diacritics, tatweel and Quranic marks
  dropped, the forms of alef, hamza seats, taa marbuta and alef maqsura folded), done here
  letter by letter for speed.

Terms and texts go through the same code (:func:`normalise_term` is :class:`NormText`), so they
can never disagree. The normalised text starts with one extra space so that every word start
is preceded by a space: patterns are stored as ``" " + normalised term`` and can only match at
word starts.

Speed: the common case (no Arabic script) is a handful of C-level passes: ``str.replace`` for
the few non-ASCII punctuation marks present, then two ``bytes.translate`` over the UTF-8 bytes
(ASCII bytes map to ASCII bytes and multi-byte sequences are left alone, so decoding gives a
string aligned character by character with the original), then ``str.find`` for the rare runs
that need squeezing.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Set as AbstractSet

from ..arabic import FOLDS, MARKS_RE
from ..chars import APOSTROPHES, ARABIC_MARKS, DOUBLE_QUOTES, HYPHENS, UNICODE_SPACES, expand
from ..scan import char_runs, text_alphabet

__all__ = ["NormText", "normalise", "normalise_term", "without_surrogates"]


def _non_ascii(chars: str) -> str:
    return "".join(c for c in chars if not c.isascii())


#: Non-ASCII characters replaced, one for one, by the ASCII character they behave like.
_NON_ASCII: tuple[tuple[str, str], ...] = (
    *((c, "'") for c in _non_ascii(APOSTROPHES) + "\u201b"),
    *((c, '"') for c in _non_ascii(DOUBLE_QUOTES)),
    *((c, ",") for c in "\u2039\u203a\u2014\u2015\u2026\u00b7\u2022\u060c\u061b\u061f\u066a"),
    *((c, "-") for c in _non_ascii(HYPHENS)),
    *((c, " ") for c in expand(UNICODE_SPACES)),
)
_NON_ASCII_MAP = dict(_NON_ASCII)
_MARKS = frozenset(expand(ARABIC_MARKS))
_LOWER_PUNCT = bytes(
    (b + 32 if 65 <= b <= 90 else 32 if b < 128 and not chr(b).isalnum() else b) for b in range(256)
)
_SQUEEZABLE = b" \t-'`"
_CLASSES = bytes(
    (115 if b in _SQUEEZABLE else 120 if b < 128 else b)
    for b in range(256)  # "s" / "x"
)
_ARABIC_FOLD_PAIRS = tuple(FOLDS.items())  # cleanup.arabic's folds, applied letter by letter


class NormText:
    """The normalised form of a text, and the map from its offsets back to the text.

    ``text`` has one leading space; offset ``i`` of ``text`` corresponds to offset ``i - 1`` of
    the original when nothing was squeezed.
    """

    __slots__ = ("_arabic", "_nstarts", "_ostarts", "original", "text")

    def __init__(self, original: str, alphabet: AbstractSet[str] | None = None) -> None:
        """``alphabet``, if given, is a superset of the non-ASCII characters of ``original``
        (the pipeline keeps one); it saves a pass over the text."""
        self.original = original
        s = original
        self._arabic = False
        marks: list[str] = []
        if not s.isascii():
            if alphabet is None:
                alphabet = text_alphabet(s)
            for c in alphabet:
                r = _NON_ASCII_MAP.get(c)
                if r is None and "\ud800" <= c <= "\udfff":
                    # a lone surrogate (a JSON string may hold "\ud800") matches nothing and
                    # cannot go to the automaton: one U+FFFD in its place keeps the alignment
                    r = "\ufffd"
                if r is not None:
                    s = s.replace(c, r)
                elif "\u0600" <= c <= "\u06ff":
                    # Arabic letters or marks (maybe: the alphabet may be a superset, and
                    # then the Arabic steps below are only slower, never different)
                    self._arabic = True
                    if c in _MARKS:
                        marks.append(c)
        raw = s.encode()
        flat = raw.translate(_LOWER_PUNCT).decode()
        if self._arabic:
            # One str.replace per letter present: far faster than str.translate with a table
            # on a long text (the letters are rare, and the replacement is one for one).
            for c, r in _ARABIC_FOLD_PAIRS:
                if c in flat:
                    flat = flat.replace(c, r)
        # spans to squeeze (-> " ") or to drop (-> "")
        cuts: list[tuple[int, int, str]] = []
        classes = raw.translate(_CLASSES)
        if b"ss" in classes:
            cls = classes.decode()
            i = cls.find("ss")
            while i >= 0:
                j = i + 2
                while j < len(cls) and cls[j] == "s":
                    j += 1
                cuts.append((i, j, " "))
                i = cls.find("ss", j)
        if marks:  # the Arabic marks (harakat, tatweel) are dropped
            cuts.extend((a, b, "") for a, b in char_runs(original, marks))
            cuts.sort()
        self._nstarts: list[int] | None = None
        self._ostarts: list[int] = []
        if not cuts:
            self.text = " " + flat
            return
        parts = [" "]
        nstarts = [0]
        ostarts = [-1]
        npos = 1
        opos = 0
        for start, end, rep in cuts:
            if start < opos:  # a mark inside a squeezed run (cannot happen) or overlap
                continue
            if start > opos:
                nstarts.append(npos)
                ostarts.append(opos)
                parts.append(flat[opos:start])
                npos += start - opos
            if rep:
                nstarts.append(npos)
                ostarts.append(start)
                parts.append(rep)
                npos += 1
            opos = end
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
        if self._nstarts is None:
            return i - 1
        e = self.start(i - 1) + 1
        if self._arabic:
            m = MARKS_RE.match(self.original, e)
            if m:
                e = m.end()
        return e


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def without_surrogates(text: str, alphabet: AbstractSet[str] | None = None) -> str:
    """``text`` with each lone surrogate (a JSON string may hold ``"\\ud800"``) replaced by
    U+FFFD, one for one: the automata take only valid Unicode."""
    if text.isascii():
        return text
    if alphabet is not None and not any("\ud800" <= c <= "\udfff" for c in alphabet):
        return text
    return _SURROGATE_RE.sub("\ufffd", text)


def normalise(text: str) -> NormText:
    return NormText(text)


def normalise_term(term: str) -> str:
    """The normalised form of a glossary term, without the leading space: exactly what
    :class:`NormText` makes of the same characters in a text, with outer spaces stripped."""
    return NormText(term).text.strip(" ")
