"""Nasty text for property tests: what MT output is made of, and what breaks text tools.

Pieces are drawn from the project's own character classes (every quotation mark, invisible,
control and space character, Arabic punctuation and digits), real mojibake made by decoding
UTF-8 with the wrong codec, lone surrogates (a JSON string may hold them), the names of the
shipped glossary in every form and script, and a little of everything else Unicode has.
"""

from __future__ import annotations

from functools import cache

from hypothesis import strategies as st

from cleanup.chars import (
    BIDI_CONTROLS,
    CONTROLS,
    DOUBLE_QUOTES,
    SINGLE_QUOTES,
    UNICODE_SPACES,
    ZERO_WIDTH,
    expand,
)
from cleanup.rules.arabic import ARABIC_INDIC_DIGITS, ARABIC_PUNCTUATION

_WORDS = (
    "the army said , . ; : ! ? ( ) [ ] ... 14,000 2.5 12: 00 U.S. e.g. a.m. Inc. etc "
    "http://www.sana.sy/a,b x@y.com & &amp; &quot; -- \u2014 \u2013 / % $ 5\u2033 10\u2032"
).split(" ")
_SPACING = [" ", " ", " ", "  ", "\t", "\n", "\n", "\r\n", "\r"]
# SentencePiece byte-fallback tokens (valid, invalid, partial) and times with a spaced colon
TOKENS = ["<0xC3><0xA1>", "<0xe2><0x80>", "<0x9C>", "<0xE2><0x80><0x8F>", "<0x", "0xC2>"]
TOKENS += ["at 10 : 30", " GMT", "between 06 :30 and 07: 30", " pm", "-", ":", " : "]
_MOJIBAKE_SOURCES = ["é", "’", "“Aleppo”", "Muḥammad", "ü", "–", "…", "Ş", "ʿ", "ä"]


def _mojibake() -> list[str]:
    out: list[str] = []
    for s in _MOJIBAKE_SOURCES:
        for codec in ("cp1252", "latin-1", "cp1256"):
            try:
                out.append(s.encode("utf-8").decode(codec))
            except UnicodeDecodeError:
                continue
    return out


@cache
def glossary_names() -> list[str]:
    """Every term of the shipped glossary (every status, both scripts), with a few cased
    differently, as MT writes them."""
    from cleanup.glossary import load_glossary

    names = [t.text for _, t in load_glossary().terms()]
    return names + [n.upper() for n in names[::7]] + [n.lower() for n in names[::5]]


@cache
def pieces() -> list[str]:
    chars = (
        DOUBLE_QUOTES
        + SINGLE_QUOTES
        + expand(BIDI_CONTROLS)
        + expand(ZERO_WIDTH)
        + expand(CONTROLS)
        + expand(UNICODE_SPACES)
        + "".join(ARABIC_PUNCTUATION)
        + ARABIC_INDIC_DIGITS
        + "\u00ad\u0640\u2028\u2029`\u00b4\u02bc\u02be\u02bf"
    )
    return [
        *chars,
        *_WORDS,
        *_SPACING,
        *TOKENS,
        *_mojibake(),
        "\ud800",
        "\udfff",
        "هيئة",
        "الشام",
    ]


def nasty_texts(max_size: int = 40, names: bool = True) -> st.SearchStrategy[str]:
    """Strings of nasty pieces, glossary names and arbitrary characters."""
    parts = [st.sampled_from(pieces()), st.characters(codec=None), st.text(max_size=3)]
    if names:
        parts.append(st.sampled_from(glossary_names()))
    return st.lists(st.one_of(*parts), max_size=max_size).map("".join)


#: One-line patterns that made some rule quadratic before (or could): each is repeated to the
#: length wanted. The linear-work test and scripts/bench_adversarial.py both use them.
PATHOLOGICAL = {
    "straight quotes": '"',
    "curly openers": "\u201c",
    "guillemets": "\u00ab\u00bb",
    "single quotes": "'a ",
    "apostrophes": "\u2018a",
    "arabic commas": "\u060c",
    "arabic commas in words": "a\u060c",
    "spaced commas": "a ,",
    "unspaced commas": "a,",
    "url commas": "http://a,b",
    "dots and commas": ".,",
    "brackets": "( ",
    "spaced quotes": '" a ',
    "invisible": "\u200b\u200f",
    "mojibake": "\u00c3\u00a9",
    "tatweel": "\u0640",
    "names": "Hama al-Sham ",
    "articles": "al-",
    "deprecated": "Hizbollah ",
    "byte tokens": "<0xE2><0x80>",
    "decodable byte tokens": "<0xC3><0xA1>",
    "spaced times": "at 1 : 00 - 2 : 00 ",
}
