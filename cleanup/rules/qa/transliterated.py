"""QA check on transliterated leftovers: an Arabic word of the source romanised in the output
instead of translated (``tawajin`` for طواجن "tagines", ``zabadi`` for زبادي "yogurt").

Both sides are reduced to a *consonant skeleton*, the letters a romanisation keeps most
reliably:

* **the output word**: its transliteration key (:func:`cleanup.glossary.translit.translit_key`:
  the spelling variants of romanised Arabic made one, ``q`` = ``k``, ``th`` = ``t``, ``dh`` =
  ``z``, ``gh`` = ``g``...), without its vowels and the glides ``w`` and ``y``, with ``g`` =
  ``j`` (Egyptian ج is ``g``), ``p`` = ``b`` and ``v`` = ``f`` (letters Arabic lacks),
  doubled letters written once;
* **each source word**: folded (:func:`cleanup.arabic.fold`), with the article and the
  clitics in front taken off (each way of reading it is tried), and its letters mapped by
  :data:`ARABIC_TO_LATIN`: the long vowels and the glides (ا و ي), ayn and hamza give nothing,
  the final taa marbuta nothing (``-a``, ``-ah`` in a romanisation), each other letter the
  Latin consonant of its usual romanisation (emphatics as their plain letters).

A lower-case word of the output (at least :data:`MIN_LETTERS` letters) is reported when its
skeleton is a skeleton of a word of the source (at least :data:`MIN_SKELETON` letters), it is
not an English word (Zipf frequency below :data:`MAX_ZIPF`: loanwords in use, ``sharia``,
``souk``, ``tajine``, are above it) and it is not a name the glossary knows (a mention of the
glossary in the output, a word with the transliteration key of a word of a glossary term, or a
source word inside a mention of an Arabic glossary term). Capitalised words are left alone: in
the human translations of NTREX-128 and FLORES-200 every one that matched (about 100) was a
name of a person or place from another language that the Arabic transliterates; so is a
lower-case word joined by a hyphen to a capitalised one (``Byeong-seug``). The figures are in
docs/scoring.md; ``scripts/bench_transliterated.py`` measures them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any

from ...arabic import CLITICS, fold
from ...chars import ARABIC_LETTER
from ...glossary.reference import zipf
from ...glossary.translit import translit_key
from .base import Check, QAFinding, Segment

__all__ = [
    "ARABIC_TO_LATIN",
    "MAX_ZIPF",
    "MIN_SKELETON",
    "TransliteratedWord",
    "arabic_skeletons",
    "latin_skeleton",
]

#: Each Arabic letter (as :func:`cleanup.arabic.fold` leaves it) -> the Latin consonant class
#: of its usual romanisations ("" for a letter romanisations write as a vowel or leave out).
ARABIC_TO_LATIN: dict[str, str] = {
    "ا": "",  # alef: a long vowel, or the seat of a hamza
    "ء": "",  # hamza
    "ؤ": "",
    "ئ": "",
    "ع": "",  # ayn: an apostrophe or nothing
    "و": "",  # waw: w or u / o / ou, a glide the Latin side drops too
    "ي": "",  # yaa: y or i / ee / ei, likewise
    "ب": "b",
    "پ": "b",
    "ت": "t",
    "ث": "t",  # th -> t in the transliteration key
    "ط": "t",
    "ج": "j",  # j, or g in Egyptian names (Giza); the Latin side writes g as j
    "غ": "j",  # gh -> g -> j
    "گ": "j",
    "ح": "h",
    "ه": "h",
    "خ": "kh",
    "د": "d",
    "ض": "d",
    "ذ": "z",  # dh -> z in the transliteration key
    "ز": "z",
    "ظ": "z",
    "ر": "r",
    "س": "s",
    "ص": "s",
    "ش": "sh",
    "ف": "f",
    "ڤ": "f",
    "ق": "k",  # q -> k in the transliteration key
    "ك": "k",
    "ل": "l",
    "م": "m",
    "ن": "n",
}
#: The Latin letters that a skeleton leaves out or writes as another.
_LATIN_CLASS = str.maketrans({"a": "", "e": "", "i": "", "o": "", "u": "", "y": "", "w": ""})
_LATIN_MERGE = str.maketrans({"g": "j", "p": "b", "v": "f", "x": "ks"})
_DOUBLED = re.compile(r"(.)\1+")
#: Skeletons shorter than this match too many words by chance.
MIN_SKELETON = 2
#: A word at least this frequent in English (Zipf scale, wordfreq) is English, or a loanword
#: English uses (``tajine`` 1.23, ``zaatar`` 1.35, ``souk`` 2.35); a leftover is rarer.
MAX_ZIPF = 1.0
#: Output words shorter than this are not looked at (``al``, ``bin``...).
MIN_LETTERS = 4
_AR_WORD = re.compile(f"[{ARABIC_LETTER}]+")
#: A lower-case word (a hyphen may join it to another: ``al-tawajin``); capitalised words are
#: names (see the module docstring).
_LATIN_WORD = re.compile(f"(?<![\\w'’])[a-z]{{{MIN_LETTERS},}}(?:['’][a-z]+)?(?![\\w'’])")
_ARTICLE = "ال"


@functools.lru_cache(maxsize=1 << 16)
def latin_skeleton(word: str) -> str:
    """The consonant skeleton of a romanised word (see the module docstring)."""
    key = translit_key(word).translate(_LATIN_CLASS).translate(_LATIN_MERGE)
    return _DOUBLED.sub(r"\1", key)


#: Letters with a second common romanisation: ق as g (Gulf and Egyptian speech: ``nugud``), ث
#: as s (Levantine), ذ and ظ as d or z, ض as dh (-> z).
_ALTERNATIVES: dict[str, str] = {"ق": "j", "ث": "s", "ذ": "d", "ظ": "d", "ض": "z"}
#: At most this many skeletons per word (each letter with an alternative doubles them).
_MAX_VARIANTS = 8


def _skeletons(stem: str) -> set[str]:
    if stem.endswith("ه"):  # the taa marbuta, folded to haa: -a / -ah in a romanisation
        stem = stem[:-1]
    out = [""]
    for ch in stem:
        first = ARABIC_TO_LATIN.get(ch, "")
        other = _ALTERNATIVES.get(ch)
        if other is not None and len(out) * 2 <= _MAX_VARIANTS:
            out = [x + first for x in out] + [x + other for x in out]
        else:
            out = [x + first for x in out]
    return {_DOUBLED.sub(r"\1", x) for x in out}


def _stems(word: str) -> set[str]:
    """``word`` and what is left of it without the article and the clitics in front."""
    out = {word}
    for clitic in CLITICS:
        if not word.startswith(clitic):
            continue
        rest = word[len(clitic) :]
        if len(rest) < 2:
            continue
        out.add(rest)
        if rest.startswith(_ARTICLE):
            out.add(rest[2:])
        elif clitic.endswith("ل") and rest.startswith("ل"):  # ل + الجيش -> للجيش
            out.add(rest[1:])
    return {s for s in out if len(s) >= 2}


@functools.lru_cache(maxsize=1 << 16)
def arabic_skeletons(word: str) -> frozenset[str]:
    """The consonant skeletons of an Arabic word, one per way of reading its front (with and
    without the article and clitics), each at least :data:`MIN_SKELETON` letters."""
    return frozenset(
        s for stem in _stems(fold(word)) for s in _skeletons(stem) if len(s) >= MIN_SKELETON
    )


@functools.lru_cache(maxsize=1 << 16)
def _rare(word: str) -> bool:
    """Not an English word nor a loanword English uses (``word`` lower-cased)."""
    return zipf(word, "en") < MAX_ZIPF


@functools.cache
def _common_english() -> frozenset[str]:
    """The 30,000 most frequent English words (wordfreq; all far above :data:`MAX_ZIPF`):
    taken out of a segment's words in one set operation, before anything is looked up."""
    from wordfreq import top_n_list

    return frozenset(top_n_list("en", 30000))


@functools.lru_cache(maxsize=8)
def _glossary_keys(matcher: Any) -> frozenset[str]:
    """The transliteration keys of the words of the glossary's English terms."""
    keys: set[str] = set()
    for concept in matcher.glossary.concepts:
        for term in concept.terms:
            if term.lang != "en":
                continue
            for w in re.findall(r"[^\W\d_]+", term.text):
                if len(w) >= MIN_LETTERS:
                    keys.add(translit_key(w))
    return frozenset(keys)


_NAME_BEFORE = re.compile(r"[A-Z][\w'’]*[-‐‑]$")


def _in_name(text: str, start: int) -> bool:
    """Whether the word at ``start`` is joined by a hyphen to a capitalised word before it:
    part of a name (``Byeong-seug``)."""
    return start > 0 and _NAME_BEFORE.search(text, max(0, start - 40), start) is not None


class TransliteratedWord(Check):
    """Report a word of the output that is an Arabic word of the source romanised.

    **What it does**
    Compares the consonant skeleton of each lower-case word of the output that is not an
    English word (wordfreq Zipf frequency below 1.0) with the skeletons of the words of the
    source (an Arabic -> Latin letter table, the article and clitics taken off); a match that
    is not a name the glossary knows is reported. Capitalised words are names in human
    translations and are left alone. Measured: no finding on the 3,009 human translations of
    NTREX-128 and FLORES-200; every finding right on injected leftovers (docs/scoring.md).

    **Why is this bad**
    The reader gets an Arabic word in Latin letters instead of its meaning: an untranslated
    word that the Arabic-script check cannot see.

    **Example**
    ``... such as tawajin, pottery and leather goods`` for ``مثل الطواجن والفخار`` -> TRL01
    (``tawajin``: طواجن)

    **Use instead**
    The English word (``tagines``), or the glossary's name.
    """

    code = "TRL01"
    name = "transliterated-word"
    severity = "warning"
    needs_glossary = True

    def check(self, seg: Segment) -> Iterable[QAFinding]:
        if seg.degenerate:
            return ()
        # sets first, at C speed: most segments stop here
        words = set(_LATIN_WORD.findall(seg.hyp)) - _common_english()
        if not words:
            return ()
        arabic_words = _AR_WORD.findall(seg.src)
        source = frozenset().union(*map(arabic_skeletons, arabic_words))
        rare = {w for w in words if latin_skeleton(w) in source and _rare(w)}
        if not rare:
            return ()
        hits: list[tuple[re.Match[str], str]] = []
        for m in _LATIN_WORD.finditer(seg.hyp):
            if m.group() in rare and not _in_name(seg.hyp, m.start()):
                skeleton = latin_skeleton(m.group())
                arabic = next(w for w in arabic_words if skeleton in arabic_skeletons(w))
                hits.append((m, arabic))
        if not hits:
            return ()
        hits = self._not_names(seg, hits)
        return [
            self.finding(
                seg,
                f"{m.group()!r} looks like the Arabic {arabic} romanised, not translated",
                m.group(),
                m.start(),
                m.end(),
            )
            for m, arabic in hits
        ]

    def _not_names(
        self, seg: Segment, hits: list[tuple[re.Match[str], str]]
    ) -> list[tuple[re.Match[str], str]]:
        """The hits that are not names the glossary knows."""
        matcher = self.shared.get("glossary.matcher")
        if matcher is None:
            return hits
        keys = _glossary_keys(matcher)
        spans = [(x.start, x.end) for x in matcher.find(seg.hyp)]
        names = {seg.src[x.start : x.end] for x in matcher.find(seg.src)}
        out = []
        for m, arabic in hits:
            if translit_key(m.group()) in keys:
                continue
            if any(s < m.end() and m.start() < e for s, e in spans):
                continue
            if any(arabic in n for n in names):
                continue
            out.append((m, arabic))
        return out
