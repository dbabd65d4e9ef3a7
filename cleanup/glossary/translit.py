"""Transliteration keys: one key for the many Latin spellings of one Arabic name.

Arabic names reach English in many romanisations: ``Lattakia`` / ``Latakiya`` / ``Latakieh``,
``Mohammed`` / ``Muhammad`` / ``Mohamad``, ``Abd al-Rahman`` / ``Abdul Rahman`` /
``Abdurrahman``. :func:`translit_key` reduces a spelling to a *key* such that spellings of the
same name mostly share it and spellings of different names mostly do not. It is built from
generic rules of romanisation only (no list of names), applied in this order:

1. **Letters** (:func:`_words`): accents dropped (``Öcalan`` = ``Ocalan``), case folded,
   apostrophes and the ayn and hamza signs removed (``Ma'arrat`` = ``Maarrat``); hyphens,
   spaces and other marks separate words.
2. **Articles** (:func:`_drop_articles`): the article (``al``, ``el``) before another word is
   dropped; a sun-letter form that is also an English word (``as``, ``at``, ``an``, ``ash``...)
   only when a hyphen joins it (``as-Suwayda``, but not "known as Suwayda"), as the glossary
   matcher does.
3. **Abd + article** (:func:`_join_abd`): ``Abd al-``, ``Abdul``, ``Abdel``, ``Abd Allah``,
   ``Abdur-`` all become ``abd`` joined to the name that follows.
4. **Particles** (:data:`_PARTICLES`): ``ibn`` / ``bin`` / ``ben`` are one word.
5. **Spelling rules** of a word (:data:`RULES`, a table applied in order): ``ou`` before a
   vowel at a word start is ``w`` (``Ouadi``); the consonant spellings (:data:`_CONSONANTS`:
   q/k/c/ck, ch/sh, dh/z, th/t, gh/g, ph/f, dj/j; ``kh`` is kept); doubled consonants
   written once; the endings (the nisba ``-iya`` / ``-iyah`` / ``-iyeh`` / ``-iye`` /
   ``-ia`` / ``-ieh``; the nisba ``-i`` / ``-y`` / ``-ee``, kept apart from the taa
   marbuta ``-a`` / ``-ah`` / ``-eh`` / ``-e``); the glides (``i`` before a vowel is
   ``y``: ``Masiaf`` = ``Masyaf``; ``u`` or ``o`` before a vowel is ``w``: ``Moaz`` =
   ``Muaz``; ``y`` and ``w`` not before a vowel are vowels: ``Zaynab`` = ``Zeinab``,
   ``Jawbar`` = ``Jobar``); and last the vowels: a run of vowels is ``u`` if it has an
   ``o`` or a ``u``, else ``a`` (so a / e / i alternate freely, and o / u / ou / oo / aw,
   but ``Khamenei`` and ``Khomeini`` stay apart).
6. The words are joined without spaces (``Abu Kamal`` = ``Abukamal``), and the rules applied
   again until nothing changes (letters that meet across a join).

The given-name families follow from these rules alone: ``Mohammed``, ``Muhammad``,
``Mohamed`` and ``Mohamad`` are all ``muhamad``; ``Ahmed`` and ``Ahmad`` are ``ahmad``.

A key is a key of itself (``translit_key(translit_key(s)) == translit_key(s)``). Figures for
the rules (how often spellings of one name share a key, and different names do not) are in
docs/glossary-format.md, "Unlisted spellings: measured"; ``scripts/bench_unlisted.py``
measures them.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Callable
from typing import NamedTuple

from ..chars import APOSTROPHES, HYPHENS
from .matcher import JOINABLE_ARTICLES, RISKY_ARTICLES

__all__ = ["RULES", "Rule", "translit_key"]

#: Removed: the apostrophe forms, the ayn and hamza signs (U+02BF, U+02BE are in APOSTROPHES;
#: U+02BB, U+02BD, U+02C8 are look-alikes); folded: the Latin letters that have no accent to
#: drop (Turkish dotless i, Danish o, Polish l...).
_FOLD = str.maketrans(
    {
        **dict.fromkeys(APOSTROPHES + "\u02bb\u02bd\u02c8"),
        "ı": "i",
        "ø": "o",
        "đ": "d",
        "ł": "l",
        "æ": "ae",
        "œ": "oe",
        "ß": "ss",
    }
)
_WORD_RE = re.compile(r"[^\W_]+")
_HYPHENS = frozenset(HYPHENS)

#: Words that are one particle: "son of".
_PARTICLES = {"ibn": "bin", "ben": "bin", "bn": "bin"}

#: ``abd`` and an article or a sun letter doubled by one: ``abdul`` + ``rahman``,
#: ``abdel`` + ``aziz``, ``abdallah``, ``abdurrahman``.
_ABD_RE = re.compile(r"^abd(?:[aeiou]l|[aeiou](?=([b-df-hj-np-tv-z])\1))")
#: A word that is ``abd`` with at most the article still on it: joined to the next word.
_ABD_WORD_RE = re.compile(r"abd(?:[aeiou]l?)?")

_V = "aeiou"
#: Passes after the first before giving up on a fixed point (two are enough in practice:
#: tests/glossary/test_translit.py checks every glossary term and reference spelling).
_MAX_PASSES = 4


#: The spellings of one consonant, longest first (they are tried in this order).
_CONSONANTS = {
    "sch": "sh",  # German: Schami = Shami
    "ch": "sh",  # French: Chami = Shami, Tichrine = Tishrin
    "dj": "j",  # French: Djabal = Jabal
    "ck": "k",
    "ph": "f",
    "dh": "z",  # ذ / ظ: Muadhamiyah = Muazamiya, Dhahab = Zahab
    "th": "t",  # ث: Uthman = Utman
    "gh": "g",  # غ: Menagh = Menag
    "q": "k",  # ق: Qardaha = Kardaha
    "c": "k",  # Cizire, Kassab = Cassab
}


def _consonant(m: re.Match[str]) -> str:
    return _CONSONANTS[m.group()]


def _vowel(run: re.Match[str]) -> str:
    """One vowel for a run of vowels: ``u`` if it has an o or a u, else ``a``."""
    return "u" if "o" in run.group() or "u" in run.group() else "a"


class Rule(NamedTuple):
    """A spelling rule: every match of ``pattern`` in a word becomes ``replacement``."""

    pattern: re.Pattern[str]
    replacement: str | Callable[[re.Match[str]], str]
    why: str


#: The spelling rules of one word, in the order they are applied.
RULES: tuple[Rule, ...] = tuple(
    Rule(re.compile(pattern), replacement, why)
    for pattern, replacement, why in (
        (r"^ou(?=[aei])", "w", "Ouadi = Wadi: French ou before a vowel at a word start"),
        ("|".join(_CONSONANTS), _consonant, "consonant spellings: see _CONSONANTS"),
        (rf"([^{_V}])\1+", r"\1", "doubled consonants written once (Lattakia = Latakia)"),
        (
            rf"(?<=[^{_V}])(?:iy|ey|i|y)(?:ah|eh|a|e)$",
            "iya",
            "the nisba ending: -iya = -iyah = -iyeh = -iye = -ia = -ieh",
        ),
        (rf"(?<=[^{_V}y])(?:ee|i|y)$", "y", "the nisba -i = -y = -ee, apart from -a"),
        (rf"(?<=[^{_V}])(?:ah|eh|e)$", "a", "the taa marbuta: -a = -ah = -eh = -e"),
        (rf"(?<=[^{_V}y])iy?(?=[aou])", "y", "i before a vowel is y (Masiaf = Masyaf)"),
        (r"(?<=[aeou])i(?=[aeou])", "y", "i between other vowels is y (Sahnaia = Sahnaya)"),
        (rf"(?<=[^{_V}w])[ou]+(?=[aei])", "w", "u or o before a vowel is w (Moaz = Mwaz)"),
        (rf"(?<=[{_V}])y(?![{_V}])|(?<=[^{_V}])y(?=[^{_V}])", "i", "y not before a vowel"),
        (rf"(?<=[{_V}])w(?![{_V}])", "u", "w after a vowel, not before one (Jawbar = Jobar)"),
        (rf"[{_V}]+", _vowel, "a run of vowels: u if it has an o or a u, else a"),
    )
)


def _words(text: str) -> list[tuple[str, str]]:
    """The words of ``text``, each with the separator after it (``"-"`` if a hyphen is in
    it, ``" "`` otherwise, ``""`` after the last word): case folded, accents dropped,
    apostrophes removed (:data:`_FOLD`)."""
    text = text.casefold()
    if not text.isascii():
        text = "".join(
            ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
        )
    text = text.translate(_FOLD)
    found = list(_WORD_RE.finditer(text))
    out: list[tuple[str, str]] = []
    for m, after in itertools.pairwise(found):
        gap = text[m.end() : after.start()]
        out.append((m.group(), "-" if any(ch in _HYPHENS for ch in gap) else " "))
    if found:
        out.append((found[-1].group(), ""))
    return out


def _drop_articles(words: list[tuple[str, str]]) -> list[str]:
    """The words without the articles before another word (see the module docstring)."""
    out: list[str] = []
    for i, (w, sep) in enumerate(words):
        if i + 1 < len(words) and (w in JOINABLE_ARTICLES or (w in RISKY_ARTICLES and sep == "-")):
            continue
        out.append(w)
    return out


def _join_abd(words: list[str]) -> list[str]:
    """``abd`` (with or without the article on it) joined to the next word, and the article
    after ``abd`` dropped: ``Abd al-Rahman`` = ``Abdul Rahman`` = ``Abdurrahman``."""
    out: list[str] = []
    i = 0
    while i < len(words):
        w = words[i]
        if i + 1 < len(words) and _ABD_WORD_RE.fullmatch(w):
            w += words[i + 1]
            i += 1
        out.append(_ABD_RE.sub("abd", w))
        i += 1
    return out


@functools.lru_cache(maxsize=1 << 16)  # words repeat far more than names do
def _word_key(word: str) -> str:
    """The key of one word: the particles, then :data:`RULES` in order."""
    word = _PARTICLES.get(word, word)
    for rule in RULES:
        word = rule.pattern.sub(rule.replacement, word)
    return word


@functools.lru_cache(maxsize=1 << 16)
def _one_pass(text: str) -> str:
    words = _join_abd(_drop_articles(_words(text)))
    return "".join(_word_key(w) for w in words)


def translit_key(text: str) -> str:
    """The transliteration key of a romanised Arabic name (see the module docstring):
    two spellings of one name mostly share it. ``""`` for text without letters or digits.

    The words' keys are joined, and letters that meet across a join can make a rule apply
    again (``Ahmad Jamal``: ``d`` + ``j``), so the rules are applied until nothing changes:
    the key is its own key."""
    key = _one_pass(text)
    for _ in range(_MAX_PASSES):
        again = _one_pass(key)
        if again == key:
            break
        key = again
    return key
