"""Arabic orthographic normalisation for matching (never for output).

Removes diacritics (harakat, tanwin, shadda, sukun, dagger alef, Quranic marks) and tatweel,
and folds letter variants that writers and MT use interchangeably: alef forms (أ إ آ ٱ -> ا),
hamza on waw and yaa (ؤ -> و, ئ -> ي), taa marbuta (ة -> ه) and alef maqsura (ى -> ي); Persian
and Urdu forms of kaf and yaa (ک -> ك, ی -> ي). Every character maps to at most one, so
offsets are easy to keep (removed characters are the only change in length).
"""

from __future__ import annotations

import re

__all__ = ["ARABIC_LETTER", "normalize_arabic", "normalize_arabic_with_map"]

ARABIC_LETTER = re.compile(
    r"[\u0620-\u064a\u066e-\u06d3\u06fa-\u06fc\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]"
)

_REMOVE = {c: None for c in range(0x064B, 0x0660)}  # harakat, tanwin, shadda, sukun...
_REMOVE.update({0x0670: None, 0x0640: None})  # dagger alef, tatweel
_REMOVE.update({c: None for c in range(0x06D6, 0x06EE)})  # Quranic annotation marks
_FOLD = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ؤ": "و",
    "ئ": "ي",
    "ة": "ه",
    "ى": "ي",
    "ک": "ك",
    "ی": "ي",
}
_TABLE: dict[int, str | None] = {**_REMOVE, **{ord(k): v for k, v in _FOLD.items()}}


def normalize_arabic(text: str) -> str:
    """The text with diacritics and tatweel removed and letter variants folded."""
    return text.translate(_TABLE)


def normalize_arabic_with_map(text: str) -> tuple[str, list[int]]:
    """The normalised text and, for each of its characters, the offset in ``text``."""
    out: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        mapped = _TABLE.get(ord(ch), ch)
        if mapped is None:
            continue
        out.append(mapped)
        offsets.append(i)
    return "".join(out), offsets
