"""IV: invisible and control characters, and Unicode spaces."""

from __future__ import annotations

import re

from ..chars import ARABIC, BIDI_CONTROLS, CONTROLS, LATIN_LETTER, UNICODE_SPACES
from ..edits import Change
from .base import Context, Rule, regex_changes

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
    trigger = re.compile(f"[{BIDI_CONTROLS}]+")

    def changes(self, text: str, ctx: Context) -> list[Change]:
        assert self.trigger is not None
        return regex_changes(self.trigger, text, self.code, "")


_ZW_RE = re.compile("[\u200b\u200c\u200d\u2060-\u2064\ufeff\u180e]+")
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
    trigger = _ZW_RE

    def changes(self, text: str, ctx: Context) -> list[Change]:
        def repl(m: re.Match[str]) -> str | None:
            run = m.group()
            if set(run) <= {"\u200c", "\u200d"}:
                before = text[m.start() - 1 : m.start()]
                after = text[m.end() : m.end() + 1]
                if _JOINER_KEEP_RE.match(before) and _JOINER_KEEP_RE.match(after):
                    return None
            return ""

        return regex_changes(_ZW_RE, text, self.code, repl)


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
    trigger = re.compile("\u00ad+")

    def changes(self, text: str, ctx: Context) -> list[Change]:
        assert self.trigger is not None
        return regex_changes(self.trigger, text, self.code, "")


class TatweelInLatin(Rule):
    """Remove Arabic tatweel (kashida) next to Latin letters.

    **What it does**
    Deletes U+0640 ARABIC TATWEEL when it touches a Latin letter. Tatweel inside Arabic words is
    kept: there it is a legitimate (if decorative) elongation.

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
    trigger = re.compile(f"(?<=[{LATIN_LETTER}])\u0640+|\u0640+(?=[{LATIN_LETTER}])")

    def changes(self, text: str, ctx: Context) -> list[Change]:
        assert self.trigger is not None
        return regex_changes(self.trigger, text, self.code, "")


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
    trigger = re.compile(f"[{CONTROLS}]+|\r+(?!\n)")

    def changes(self, text: str, ctx: Context) -> list[Change]:
        assert self.trigger is not None
        return regex_changes(self.trigger, text, self.code, "")


class UnicodeSpaces(Rule):
    """Turn Unicode space characters into an ordinary space.

    **What it does**
    Replaces no-break space (U+00A0), narrow no-break space (U+202F), the typographic spaces
    U+2000-U+200A, medium mathematical space (U+205F), ogham space (U+1680) and the ideographic
    space (U+3000) with U+0020.

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
    trigger = re.compile(f"[{UNICODE_SPACES}]")

    def changes(self, text: str, ctx: Context) -> list[Change]:
        assert self.trigger is not None
        return regex_changes(self.trigger, text, self.code, " ")
