"""Arabic script: the one normalisation for matching, and clitics.

Everything in tarjama that compares Arabic words (the glossary matcher, terminology accuracy,
the QA checks) compares them through :func:`fold`, so that two spellings writers and MT systems
use interchangeably are one. Each choice, and why:

* **Diacritics and tatweel are dropped** (harakat, tanwin, shadda, sukun, dagger alef, Quranic
  marks, and the tatweel that stretches a word): news text mostly leaves them out, and when it
  writes them they do not make another name.
* **Alef forms fold to bare alef** (أ إ آ ٱ -> ا): hamza on and under alef, madda and wasla are
  left out or confused all the time (أحمد / احمد).
* **Taa marbuta folds to haa** (ة -> ه) and **alef maqsura to yaa** (ى -> ي): both are written
  either way at the end of a word, in Egypt and online especially (حماة / حماه, على / علي).
* **Hamza on waw and on yaa are kept** (ؤ is not و, ئ is not ي): folding them makes ordinary
  words into names (البادئة "the prefix" would read البادية, the Syrian Desert), and news
  writes the seat where the word has one.
* **Persian and Urdu kaf and yaa** fold to the Arabic letters (ک -> ك, ی -> ي): keyboards and
  OCR produce them in Arabic text.

Every character maps to at most one, so offsets are easy to keep: dropped marks are the only
change in length (:func:`fold_with_map` gives the map).

A *clitic* is a one-letter word written joined to the next: the conjunctions و and ف, the
prepositions ب ل ك, and pairs of them (وب, ول...). A name can carry one in front
(وحلب = "and Aleppo"); after ل the alef of the article goes (ل + الجيش -> للجيش). A split is
taken only when the whole token is not itself a word at least as common as the name alone
(:func:`clitic_split_plausible`, word frequencies from ``wordfreq``): فاطمة is Fatima, not
ف + أطمة (Atmeh), while وحلب is rarer than حلب and reads "and Aleppo".
"""

from __future__ import annotations

import re
from functools import lru_cache

from .chars import ARABIC_DIACRITIC, ARABIC_LETTER, ARABIC_MARKS

__all__ = [
    "ARABIC_LETTER_RE",
    "ARABIC_SPAN_RE",
    "CLITICS",
    "FOLDS",
    "MARKS_RE",
    "TANWIN_RE",
    "clitic_ok",
    "clitic_split_plausible",
    "fold",
    "fold_with_map",
    "has_arabic",
]

#: One Arabic letter.
ARABIC_LETTER_RE = re.compile(f"[{ARABIC_LETTER}]")
#: A run of Arabic words (with their marks) separated by spaces: untranslated text in English.
ARABIC_SPAN_RE = re.compile(
    f"[{ARABIC_LETTER}][{ARABIC_LETTER}{ARABIC_DIACRITIC}\u0640]*"
    f"(?:[ \u00a0]+[{ARABIC_LETTER}][{ARABIC_LETTER}{ARABIC_DIACRITIC}\u0640]*)*"
)
#: A run of diacritics and tatweel.
MARKS_RE = re.compile(f"[{ARABIC_MARKS}]+")
#: Tanwin (fathatan, dammatan, kasratan), after any shadda or tatweel: names do not take it.
TANWIN_RE = re.compile("[\u0651\u0640]*[\u064b-\u064d]")

#: Letter variants that fold to one letter (see the module docstring).
FOLDS: dict[str, str] = {
    "\u0623": "\u0627",  # أ -> ا
    "\u0625": "\u0627",  # إ -> ا
    "\u0622": "\u0627",  # آ -> ا
    "\u0671": "\u0627",  # ٱ -> ا
    "\u0629": "\u0647",  # ة -> ه
    "\u0649": "\u064a",  # ى -> ي
    "\u06cc": "\u064a",  # Persian yeh -> ي
    "\u06a9": "\u0643",  # keheh -> ك
}
_TABLE: dict[int, str | None] = {ord(k): v for k, v in FOLDS.items()}
_TABLE.update({ord(c): None for c in "\u0640\u0670"})
_TABLE.update({c: None for c in range(0x064B, 0x0660)})
_TABLE.update({c: None for c in range(0x06D6, 0x06EE)})

#: The clitics a word may carry in front (and none).
CLITICS = frozenset({"", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك"})


def has_arabic(text: str) -> bool:
    """Whether ``text`` holds an Arabic letter."""
    return ARABIC_LETTER_RE.search(text) is not None


def fold(text: str) -> str:
    """``text`` as Arabic is compared: marks dropped, letter variants folded."""
    return text.translate(_TABLE)


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """:func:`fold` and, for each character of the result, its offset in ``text``."""
    out: list[str] = []
    offsets: list[int] = []
    get = _TABLE.get
    for i, ch in enumerate(text):
        mapped = get(ord(ch), ch)
        if mapped is None:
            continue
        out.append(mapped)
        offsets.append(i)
    return "".join(out), offsets


def clitic_ok(prefix: str, after_lam: bool = False) -> bool:
    """Whether ``prefix`` (the letters joined before a word) is a clitic. ``after_lam``: the
    word is an article word whose alef was dropped after ل, so the prefix must end in ل."""
    if after_lam:
        return prefix.endswith("\u0644") and prefix[:-1] in CLITICS
    return prefix in CLITICS


@lru_cache(maxsize=4096)
def _zipf_ar(word: str) -> float:
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "ar"))


def clitic_split_plausible(token: str, stem: str) -> bool:
    """Whether ``token`` (a clitic joined to ``stem``) should be read as clitic + ``stem``: not
    when the whole token is itself a known word at least as frequent as ``stem`` alone."""
    whole = _zipf_ar(token)
    return whole == 0 or whole < _zipf_ar(stem)
