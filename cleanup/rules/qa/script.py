"""QA checks on the script and the language of the output."""

from __future__ import annotations

import re
import unicodedata

from ...arabic import ARABIC_LETTER_RE, ARABIC_SPAN_RE
from ...chars import LATIN_LETTER
from ...english import FUNCTION_WORDS, HEADLINE_WORDS
from ..language import detect_language
from .base import Check, QAFinding, Segment

__all__ = ["UntranslatedText", "WrongLanguage"]

_LETTER = re.compile(r"[^\W\d_]")
_LATIN = re.compile(f"[{LATIN_LETTER}]")
_NON_LATIN_LETTER = re.compile(f"[^\\W\\d_{LATIN_LETTER}]")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_ENGLISH_WORDS = FUNCTION_WORDS | HEADLINE_WORDS
_ENGLISH_SHAPE = re.compile(r"(?:ing|tion|ed|ly|'s|’s)$|th|wh|sh|ck|ght|ea|oo")


def _script_name(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return name.split(" ")[0].title() if name else "unknown"


class UntranslatedText(Check):
    """Report Arabic script left in the output.

    **What it does**
    Reports each run of Arabic words in the output (the runs ``LG01`` of ``tarjama clean``
    reports). When Arabic letters are most of the output's letters, the segment was not
    translated at all: one error; otherwise each run is a warning.

    **Why is this bad**
    Untranslated words are lost to English readers and extraction; usually a name or a clause
    the system could not handle.

    **Example**
    ``The factions said they entered حلب`` -> UNT01 (warning, ``حلب``)

    **Use instead**
    A translation, or the glossary's English name.
    """

    code = "UNT01"
    name = "untranslated-text"
    severity = "error"

    def check(self, seg: Segment) -> list[QAFinding]:
        hyp = seg.hyp
        if seg.degenerate or ARABIC_LETTER_RE.search(hyp) is None:
            return []
        letters = len(_LETTER.findall(hyp))
        whole = len(ARABIC_LETTER_RE.findall(hyp)) * 2 > letters
        out: list[QAFinding] = []
        for m in ARABIC_SPAN_RE.finditer(hyp):
            if whole:
                return [
                    self.finding(
                        seg, "the segment is not translated", m.group(), m.start(), m.end()
                    )
                ]
            out.append(
                self.finding(
                    seg,
                    "Arabic script left in the output",
                    m.group(),
                    m.start(),
                    m.end(),
                    "warning",
                )
            )
        return out


class WrongLanguage(Check):
    """Report an output in another language than English.

    **What it does**
    An output mostly in a script other than Latin (and not Arabic: see UNT01) is reported.
    A Latin-script output of five words or more with few English function and headline words
    (fewer than one word in four) goes to langdetect (seeded); a confident answer (p >= 0.9)
    other than English is reported.

    **Why is this bad**
    The system translated into the wrong language or passed the source through; an English
    pipeline silently finds nothing in it.

    **Example**
    ``les factions ont annoncé leur entrée dans plusieurs quartiers`` -> LNG01 (fr)

    **Use instead**
    English output.
    """

    code = "LNG01"
    name = "wrong-language"
    severity = "error"

    def check(self, seg: Segment) -> list[QAFinding]:
        hyp = seg.hyp
        if seg.degenerate or ARABIC_LETTER_RE.search(hyp) is not None:
            return []
        if _NON_LATIN_LETTER.search(hyp) is not None:
            letters = _LETTER.findall(hyp)
            other = len(letters) - len(_LATIN.findall(hyp))
            if other * 2 > len(letters):
                script = _script_name(next(c for c in letters if not _LATIN.match(c)))
                return [self.finding(seg, f"the output is in {script} script", hyp[:80])]
        return self._latin(seg)

    def _latin(self, seg: Segment) -> list[QAFinding]:
        """Latin script: is it English? A cheap test first, langdetect only if suspicious."""
        if not self.options.language_detect:
            return []
        words = _WORD.findall(seg.hyp)
        if len(words) < self.options.min_detect_words:
            return []
        lower = [w for w in words if w.islower()]
        if len(lower) < 3:  # names and headlines: nothing to tell the language by
            return []
        # English prose is about 40% function words; headlines have English-shaped words
        # ("comparing", "divides", "quickly") or common ones ("against", "watch")
        evidence = sum(1 for w in lower if w in _ENGLISH_WORDS or _ENGLISH_SHAPE.search(w))
        if evidence * 4 >= len(lower):
            return []
        lang, prob = detect_language(seg.hyp)
        if lang not in ("en", "und") and prob >= 0.9:
            message = f"the output looks like {lang!r} (langdetect p={prob:.2f})"
            return [self.finding(seg, message, seg.hyp[:80])]
        return []
