"""Character classes: the one place where a range of characters is written down.

Each is a string ready to put inside ``[...]`` of a regular expression (``expand`` spells one
out). Everything in tarjama that asks "is this an Arabic letter, a quotation mark, an invisible
character, an apostrophe?" asks it through these.
"""

from __future__ import annotations

# Arabic script blocks: Arabic, Arabic Supplement, Arabic Extended-A, presentation forms.
ARABIC = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
# Arabic letters: the letters of the Arabic and Arabic Supplement blocks and the presentation
# forms (no punctuation, digits, tatweel or diacritics).
ARABIC_LETTER = (
    "\u0620-\u063f\u0641-\u064a\u066e-\u066f\u0671-\u06d3\u06d5\u06ee-\u06ef\u06fa-\u06fc"
    "\u06ff\u0750-\u077f\u08a0-\u08c9\ufb50-\ufbb1\ufbd3-\ufd3d\ufd50-\ufd8f\ufd92-\ufdc7\ufdf0-\ufdfb"
    "\ufe70-\ufe74\ufe76-\ufefc"
)
# Arabic diacritics (harakat, tanwin, shadda, sukun, dagger alef) and Quranic marks.
ARABIC_DIACRITIC = "\u064b-\u065f\u0670\u06d6-\u06ed"
# What Arabic spelling ignores: the diacritics and the tatweel (kashida) that stretches a word.
ARABIC_MARKS = "\u0640" + ARABIC_DIACRITIC
LATIN_LETTER = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"

BIDI_CONTROLS = "\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060-\u2064\ufeff\u180e"
UNICODE_SPACES = "\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
# Invisible characters the cleaning removes (bidi controls, zero-width characters, the soft
# hyphen and a tatweel outside Arabic words): other rules look through them.
INVISIBLE = BIDI_CONTROLS + ZERO_WIDTH + "\u00ad\u0640"
# C0 and C1 controls other than tab (\t) and line feed (\n); \r is handled separately.
CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f"

# Quotation marks. Each maps to its plain kind: '"' (double) or "'" (single).
DOUBLE_QUOTES = '"\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033\u301d\u301e\uff02'
SINGLE_QUOTES = "'\u2018\u2019\u201a\u201b\u2039\u203a\u2032"
# Marks that can only open or only close a quotation (English and Arabic-MT conventions).
OPENERS = "\u201c\u201e\u201f\u00ab\u301d\u2018\u201a\u201b\u2039"
CLOSERS = "\u201d\u00bb\u301e\u2019\u203a"
# The forms an apostrophe takes inside a transliterated name (the hamza and ayn of Hay'at,
# Ma'arrat): ' ’ ʼ ʾ ʿ ` ´ ′ ‘.
APOSTROPHES = "'\u2019\u02bc\u02be\u02bf`\u00b4\u2032\u2018"
# Hyphens and the dashes MT puts in their place inside names.
HYPHENS = "-\u2010\u2011\u2012\u2013\u2212"


def expand(char_class: str) -> str:
    """The characters of a class body such as ``"a-cxy"``, spelled out."""
    out: list[str] = []
    i = 0
    while i < len(char_class):
        if i + 2 < len(char_class) and char_class[i + 1] == "-":
            out.extend(chr(c) for c in range(ord(char_class[i]), ord(char_class[i + 2]) + 1))
            i += 3
        else:
            out.append(char_class[i])
            i += 1
    return "".join(out)
