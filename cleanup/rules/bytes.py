"""BF: SentencePiece byte-fallback tokens (``<0xC3><0xA1>``) left in MT output.

A SentencePiece model with byte fallback spells a character that is not in its vocabulary as
the bytes of its UTF-8 encoding, one piece per byte (``á`` = ``<0xC3><0xA1>``). A decoder
that does not join them back leaves the pieces in the text. :func:`byte_runs` finds runs of
such tokens and :func:`decoded_spans` says which stretches of a run decode to characters that
may be put back; ``tarjama qa`` (``BYT01``) and the number checks use them too.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from ..edits import Change
from .base import Context, Rule

__all__ = ["BYTE_TOKEN_RE", "ByteFallback", "blank_byte_tokens", "byte_runs", "decoded_spans"]

#: One byte-fallback token: ``<0x`` and two hex digits (either case) and ``>``.
BYTE_TOKEN_RE = re.compile(r"<0[xX][0-9A-Fa-f]{2}>")
_RUN_RE = re.compile(r"(?:<0[xX][0-9A-Fa-f]{2}>)+")
_WIDTH = 6  # characters of one token

# Characters a token may never be decoded to: controls, format characters (bidi controls,
# zero-width characters, the soft hyphen, byte-order marks), surrogates, private use and
# unassigned code points, line and paragraph separators.
_NEVER = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
# ASCII is always in a SentencePiece vocabulary, except perhaps rare punctuation; letters,
# digits, spaces and the token's own brackets are never decoded (so a repair can never make
# a new token out of the text around it).
_ASCII_OK = frozenset("!\"#$%&'()*+,-./:;=?@[\\]^_`{|}~")


def byte_runs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each maximal run of adjacent byte tokens in ``text``."""
    if "<0" not in text:
        return
    for m in _RUN_RE.finditer(text):
        yield m.start(), m.end()


def _length(lead: int) -> int:
    """The length of the UTF-8 sequence that ``lead`` starts (0: it cannot start one)."""
    if lead < 0x80:
        return 1
    if 0xC2 <= lead <= 0xDF:
        return 2
    if 0xE0 <= lead <= 0xEF:
        return 3
    if 0xF0 <= lead <= 0xF4:
        return 4
    return 0


def _allowed(ch: str) -> bool:
    if ch.isascii():
        return ch in _ASCII_OK
    return ch != "\ufffd" and unicodedata.category(ch) not in _NEVER


def decoded_spans(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """The stretches of the token run ``text[start:end]`` that decode as UTF-8, as (start, end,
    characters): read from the left, each token that starts a valid UTF-8 sequence of a
    character that may be put back joins the current stretch with the tokens of its sequence;
    any other token ends the stretch and is left as it is. A run that is valid only in part
    thus gives its maximal valid stretches, and the rest stays."""
    data = bytes(int(text[p + 3 : p + 5], 16) for p in range(start, end, _WIDTH))
    out: list[tuple[int, int, str]] = []
    chars: list[str] = []
    first = i = 0
    n = len(data)
    while i < n:
        k = _length(data[i])
        ch = None
        if k and i + k <= n:
            try:
                ch = data[i : i + k].decode("utf-8")
            except UnicodeDecodeError:
                ch = None
        if ch is not None and _allowed(ch):
            if not chars:
                first = i
            chars.append(ch)
            i += k
            continue
        if chars:
            out.append((start + first * _WIDTH, start + i * _WIDTH, "".join(chars)))
            chars = []
        i += 1
    if chars:
        out.append((start + first * _WIDTH, start + n * _WIDTH, "".join(chars)))
    return out


def blank_byte_tokens(text: str) -> str:
    """``text`` with every byte token replaced by as many spaces (offsets are kept), so that
    their hex digits are not read as numbers."""
    if "<0" not in text:
        return text
    return BYTE_TOKEN_RE.sub(lambda m: " " * len(m.group()), text)


class ByteFallback(Rule):
    """Decode SentencePiece byte-fallback tokens into the characters they spell.

    **What it does**
    Finds runs of adjacent tokens ``<0xNN>`` (two hex digits, either case) and replaces each
    stretch of a run that is valid UTF-8 with the characters it encodes. A stretch that is not
    valid UTF-8 is left as it is, and so is one that would decode to a control character, a
    bidi control or another invisible format character, a private-use or unassigned code point,
    the replacement character ``�``, or an ASCII letter, digit, space or ``<``/``>`` (those are
    always in a model's vocabulary, so such a token is not byte fallback). A run valid only in
    part keeps its invalid tokens and has its valid stretches decoded. ``tarjama qa`` reports
    the tokens that remain (``BYT01``).

    **Why is this bad**
    A SentencePiece model with byte fallback spells a character outside its vocabulary as the
    bytes of its UTF-8 encoding; a decoder that does not join them back leaves
    ``Fern<0xC3><0xA1>ndez`` in the text, so the name matches nothing and the hex digits read
    as numbers.

    **Example**
    ``Fern<0xC3><0xA1>ndez said it was 30<0xC2><0xB0>C`` -> ``Fernández said it was 30°C``

    **Use instead**
    Decode the model's output with SentencePiece's own decoder, which joins the bytes.
    """

    code = "BF01"
    name = "byte-fallback"
    group = "bytes"
    needles = ("<0x", "<0X")
    adds_marks = True

    def changes(self, text: str, ctx: Context) -> list[Change]:
        return [
            Change(s, e, chars, self.code)
            for start, end in byte_runs(text)
            for s, e, chars in decoded_spans(text, start, end)
        ]
