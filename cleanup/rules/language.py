"""LG: segments that are not English (reported, never changed)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ..arabic import ARABIC_SPAN_RE
from ..english import FUNCTION_WORDS
from ..scan import lines_starts
from .base import Context, Finding, Rule

__all__ = ["NotEnglish", "UntranslatedArabic", "detect_language"]


class UntranslatedArabic(Rule):
    """Report Arabic script left untranslated in the English output.

    **What it does**
    Reports every run of Arabic-script words in a line. The text is not changed: only a
    glossary can say what a name should be in English (the glossary stage replaces known names
    before this check runs).

    **Why is this bad**
    Untranslated words are lost to English extraction, and usually mean the MT system failed
    on a name or a whole clause.

    **Example**
    ``fighters of هيئة تحرير الشام entered`` is reported as LG01.

    **Use instead**
    Translate the span, or add the name to the glossary.
    """

    code = "LG01"
    name = "untranslated-arabic"
    group = "language"
    fixes = False
    chars = "".join(chr(c) for c in range(0x0621, 0x064B))

    def report(self, text: str, ctx: Context) -> list[Finding]:
        out: list[Finding] = []
        start = 0
        for line in text.split("\n"):  # a run never spans lines, and ASCII lines have none
            if not line.isascii():
                out.extend(
                    Finding(self.code, m.start(), m.end(), f"untranslated Arabic text: {m.group()}")
                    for m in ARABIC_SPAN_RE.finditer(text, start, start + len(line))
                )
            start += len(line) + 1
        return out


# Frequent function words of other languages written in Latin script that MT output or
# pass-through source text brings (French, Spanish, Italian, Portuguese, German, Dutch, Turkish,
# Indonesian/Malay). Words that are also English or common in English names are left out.
_FOREIGN_FUNCTION_WORDS = frozenset(
    " ".join(
        [
            "les des une est dans pour qui avec pas sont mais cette aux ces",  # French
            "los las del que una por para como pero sus este",  # Spanish
            "il di che della per non sono gli anche alla dei delle questo",  # Italian
            "das dos uma com não foi pelo pela",  # Portuguese
            "der und ist nicht mit von ein eine auf für sich auch wird",  # German
            "het een niet dat voor zijn wordt",  # Dutch
            "ve bir bu için ile olarak çok daha",  # Turkish
            "yang untuk dengan ini itu dari tidak akan",  # Indonesian, Malay
        ]
    ).split()
)
_FOREIGN_WORD_RE = re.compile(
    r"\b(?:" + "|".join(sorted(_FOREIGN_FUNCTION_WORDS, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
_FUNCTION_WORD_RE = re.compile(
    r"\b(?:" + "|".join(sorted(FUNCTION_WORDS, key=len, reverse=True)) + r")\b", re.IGNORECASE
)
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# More of the most frequent function words between spaces (after the, of, to, and): a line that
# holds one is English to _FUNCTION_WORD_RE too, and ``in`` finds them many times faster.
_COMMON = tuple(
    f" {w} "
    for w in "a in is for on was that with said by as at from it has".split()
    if w in FUNCTION_WORDS
)


@lru_cache(maxsize=1)
def _detector_factory() -> Any:
    from langdetect import DetectorFactory  # slow import: only when needed
    from langdetect.detector_factory import init_factory

    DetectorFactory.seed = 0
    init_factory()
    from langdetect import detector_factory

    return detector_factory._factory


def detect_language(text: str) -> tuple[str, float]:
    """Most likely language of ``text`` and its probability (langdetect, seeded)."""
    from langdetect.lang_detect_exception import LangDetectException

    factory = _detector_factory()
    det = factory.create()
    det.append(text)
    try:
        langs = det.get_probabilities()
    except LangDetectException:
        return "und", 0.0
    if not langs:
        return "und", 0.0
    return langs[0].lang, float(langs[0].prob)


class NotEnglish(Rule):
    """Report lines that are in another language than English.

    **What it does**
    For each line (segment) of at least ``min_language_words`` words that contains none of the
    most frequent English function words but at least two of another language's (French,
    Spanish, Italian, Portuguese, German, Dutch, Turkish, Indonesian), asks langdetect (seeded,
    so the answer is the same every run); a confident answer other than English is reported.
    Lines that are mostly Arabic script are left to LG01. The text is not changed.

    **Why is this bad**
    MT pipelines sometimes pass a source segment through, or translate into the wrong language;
    English extraction then silently finds nothing in it.

    **Example**
    ``Les factions armées ont annoncé leur entrée dans plusieurs quartiers d'Alep`` is
    reported as LG02 (fr).

    **Use instead**
    English output, or route the segment to a model for its language.
    """

    code = "LG02"
    name = "not-english"
    group = "language"
    fixes = False

    def report(self, text: str, ctx: Context) -> list[Finding]:
        out: list[Finding] = []
        min_words = self.config.min_language_words
        english = _FUNCTION_WORD_RE.search
        lines = text.split("\n")
        suspects = [
            k
            for k, line in enumerate(lines)
            if len(line) >= 12
            and " the " not in line
            and " of " not in line
            and " to " not in line
            and " and " not in line
            and not any(map(line.__contains__, _COMMON))
            and not english(line)
        ]
        if not suspects:
            return out
        starts = lines_starts(lines[: suspects[-1] + 1])
        for k in suspects:
            line = lines[k]
            start = starts[k]
            words = _WORD_RE.findall(line)
            if len(words) < min_words:
                continue
            if len({w.lower() for w in _FOREIGN_WORD_RE.findall(line)}) < 2:
                continue  # no sign of another language: names, headlines, lists
            arabic = sum(map(len, ARABIC_SPAN_RE.findall(line)))
            if arabic * 2 > len(line):
                continue  # mostly Arabic script: LG01 reports it
            lang, prob = detect_language(line)
            if lang != "en" and prob >= 0.8:
                out.append(
                    Finding(
                        self.code,
                        start,
                        start + len(line),
                        f"segment appears to be {lang}, not English (p={prob:.2f})",
                    )
                )
        return out
