"""IV: invisible and control characters, and Unicode spaces."""

from __future__ import annotations

import re

from ..chars import (
    ARABIC,
    ARABIC_DIACRITIC,
    ARABIC_LETTER,
    BIDI_CONTROLS,
    CONTROLS,
    UNICODE_SPACES,
    ZERO_WIDTH,
    expand,
)
from ..edits import Change
from .base import Context, Rule, char_runs

__all__ = [
    "BidiControls",
    "ControlCharacters",
    "SoftHyphen",
    "TatweelInLatin",
    "UnicodeSpaces",
    "ZeroWidth",
]


class BidiControls(Rule):
    """Remove bidirectional formatting characters.

    **What it does**
    Deletes the left-to-right and right-to-left marks (U+200E, U+200F), the Arabic letter mark
    (U+061C), the embeddings and overrides (U+202A-U+202E) and the isolates (U+2066-U+2069).

    **Why is this bad**
    MT output copied from right-to-left pages carries them invisibly. They split tokens, break
    exact matching of names and numbers, and can reorder what a reader sees.

    **Example**
    ``Aleppo\\u200f,`` -> ``Aleppo,``

    **Use instead**
    Plain text with no directional controls; English text needs none.
    """

    code = "IV01"
    name = "bidi-controls"
    group = "invisible"
    batch = True
    chars = expand(BIDI_CONTROLS)

    def changes(self, text: str, ctx: Context) -> list[Change]:
        return [Change(s, e, "", self.code) for s, e in char_runs(text, self.present(ctx))]


_JOINER_KEEP_RE = re.compile(f"[{ARABIC}]|[\U0001f000-\U0001faff\u2600-\u27bf]")


class ZeroWidth(Rule):
    """Remove zero-width characters and byte-order marks inside text.

    **What it does**
    Deletes zero-width space (U+200B), word joiner and invisible operators (U+2060-U+2064),
    U+180E and byte-order marks (U+FEFF) wherever they occur, including at the start of a file.
    Zero-width joiner and non-joiner (U+200C, U+200D) are removed too, except between two Arabic
    letters or two emoji, where they change how the text is drawn.

    **Why is this bad**
    A zero-width space inside ``Ald\\u200bb`` makes two tokens out of one word; extraction and
    search no longer find the name.

    **Example**
    ``Hay\\u200bat Tahrir`` -> ``Hayat Tahrir``

    **Use instead**
    Text without invisible characters.
    """

    code = "IV02"
    name = "zero-width"
    group = "invisible"
    batch = True
    chars = expand(ZERO_WIDTH)

    def changes(self, text: str, ctx: Context) -> list[Change]:
        out: list[Change] = []
        for s, e in char_runs(text, self.present(ctx)):
            if set(text[s:e]) <= {"\u200c", "\u200d"}:
                before = text[s - 1 : s]
                after = text[e : e + 1]
                if _JOINER_KEEP_RE.match(before) and _JOINER_KEEP_RE.match(after):
                    continue
            out.append(Change(s, e, "", self.code))
        return out


class SoftHyphen(Rule):
    """Remove soft hyphens.

    **What it does**
    Deletes U+00AD SOFT HYPHEN.

    **Why is this bad**
    A soft hyphen is a hint for line breaking that is invisible in most renderers but not to
    software: ``Idl\\u00adib`` does not match ``Idlib``.

    **Example**
    ``Lata\\u00adkia`` -> ``Latakia``

    **Use instead**
    Let the renderer hyphenate.
    """

    code = "IV03"
    name = "soft-hyphen"
    group = "invisible"
    batch = True
    chars = "\u00ad"

    def changes(self, text: str, ctx: Context) -> list[Change]:
        return [Change(s, e, "", self.code) for s, e in char_runs(text, self.chars)]


class TatweelInLatin(Rule):
    """Remove Arabic tatweel (kashida) outside Arabic words.

    **What it does**
    Deletes U+0640 ARABIC TATWEEL unless it touches an Arabic letter: inside Latin words, next to
    spaces or punctuation. Tatweel inside Arabic words is kept: there it is a legitimate (if
    decorative) elongation.

    **Why is this bad**
    MT systems sometimes carry the elongation of the source word into the transliteration,
    producing ``Aleppـo``, which matches nothing.

    **Example**
    ``Hamـa`` -> ``Hama``

    **Use instead**
    Latin words without tatweel.
    """

    code = "IV04"
    name = "tatweel-in-latin"
    group = "invisible"
    batch = True
    chars = "\u0640"
    arabic = re.compile(f"[{ARABIC_LETTER}{ARABIC_DIACRITIC}]")

    def changes(self, text: str, ctx: Context) -> list[Change]:
        return [
            Change(s, e, "", self.code)
            for s, e in char_runs(text, self.chars)
            if not (self.arabic.match(text[s - 1 : s]) or self.arabic.match(text[e : e + 1]))
        ]


class ControlCharacters(Rule):
    """Remove control characters other than tab and newline.

    **What it does**
    Deletes C0 controls (U+0000-U+001F except tab, line feed and the carriage return of a CRLF
    line ending), DEL (U+007F) and C1 controls (U+0080-U+009F) that the mojibake repair left.

    **Why is this bad**
    Controls are never content in news text. They break JSON consumers, terminals and
    tokenisers, and C1 controls are almost always remains of an encoding error.

    **Example**
    ``the army\\x07 said`` -> ``the army said``

    **Use instead**
    Text without control characters. A lone carriage return (not part of CRLF) is removed too.
    """

    code = "IV05"
    name = "control-characters"
    group = "invisible"
    batch = True
    chars = expand(CONTROLS) + "\r"
    # a CR that ends a line (not the last) is the CR of a CRLF line ending: it stays
    trigger = (f"[{CONTROLS}]", r"\r(?!$)")

    def changes(self, text: str, ctx: Context) -> list[Change]:
        present = self.present(ctx)
        out: list[Change] = []
        for s, e in char_runs(text, present):
            if text[e - 1] == "\r" and text[e : e + 1] == "\n":
                e -= 1  # the CR of a CRLF line ending stays
            if e > s:
                out.append(Change(s, e, "", self.code))
        return out


class UnicodeSpaces(Rule):
    """Turn Unicode space characters into an ordinary space.

    **What it does**
    Replaces no-break space (U+00A0), narrow no-break space (U+202F), the typographic spaces
    U+2000-U+200A, medium mathematical space (U+205F), ogham space (U+1680) and the ideographic
    space (U+3000) with U+0020, and so the line and paragraph separators (U+2028, U+2029),
    which are not line breaks in this line-based format.

    **Why is this bad**
    They look like spaces but do not split tokens for many tools; ``14\\u00a0000`` and
    ``14 000`` compare unequal, and a name with a no-break space inside is not found.

    **Example**
    ``Deir\\u00a0ez-Zor`` -> ``Deir ez-Zor``

    **Use instead**
    An ordinary space.
    """

    code = "IV06"
    name = "unicode-spaces"
    group = "invisible"
    batch = True
    chars = expand(UNICODE_SPACES) + "\u2028\u2029"

    def changes(self, text: str, ctx: Context) -> list[Change]:
        return [
            Change(s, e, " " * (e - s), self.code) for s, e in char_runs(text, self.present(ctx))
        ]
