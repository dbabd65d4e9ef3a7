"""MJ: mojibake (text decoded with the wrong encoding), repaired with ftfy's encoding fixes."""

from __future__ import annotations

import re

import ftfy
from ftfy import TextFixerConfig
from ftfy.badness import MOJIBAKE_CATEGORIES

from ..chars import (
    DOUBLE_QUOTES,
    INVISIBLE,
    SINGLE_QUOTES,
    UNICODE_SPACES,
    expand,
)
from ..edits import Change
from ..scan import char_class
from .arabic import ARABIC_INDIC_DIGITS, ARABIC_PUNCTUATION
from .base import Context, Rule, find_all

__all__ = ["Mojibake"]


# Every alternative of ftfy's badness heuristic needs at least one character of these
# categories (the "common" characters, curly quotes and Greek/Cyrillic letters only ever count
# next to one of them), so text without any of them cannot be judged mojibake by ftfy.
_SUSPECT_CATEGORIES = (
    "c1",
    "bad",
    "law",
    "currency",
    "numeric",
    "kaomoji",
    "upper_accented",
    "lower_accented",
    "box",
)
_SUSPECT = set("".join(expand(MOJIBAKE_CATEGORIES[k]) for k in _SUSPECT_CATEGORIES))
# Characters of the heuristic's literal sequences (Windows-1251 and Greek mojibake among them).
_SUSPECT |= set("ŒœÂÃÎÐØÙ√≈‚×°àÅ\u00a0¡вЂВГРСΒΓΞΟā€β")
_SUSPECT_RE = re.compile(char_class(_SUSPECT))
# A suspect character alone between ASCII characters is only mojibake in these cases.
_ALONE_OK = set(
    "\x80\x81\x82\x83\x84\x85\x86\x87\x88\x89\x8a\x8b\x8c\x8d\x8e\x8f"
    "\x90\x91\x92\x93\x94\x95\x96\x97\x98\x99\x9a\x9b\x9c\x9d\x9e\x9fŒœ"
)


def _looks_bad(text: str, i: int) -> bool:
    """Cheap necessary condition for ftfy's heuristic at a suspect character: every pattern
    it knows pairs the character with another non-ASCII character, except C1 controls, Œ/œ,
    and Ã/Â next to a space. Invisible characters that a later rule removes are looked
    through."""
    c = text[i]
    if c in _ALONE_OK:
        return True
    j = i - 1
    while j >= 0 and text[j] in _INVISIBLE:
        j -= 1
    k = i + 1
    while k < len(text) and text[k] in _INVISIBLE:
        k += 1
    prev = text[j] if j >= 0 else " "
    nxt = text[k] if k < len(text) else " "
    if not prev.isascii() or not nxt.isascii():
        return True
    return c in "ÃÂ" and (prev in " \n" or nxt == " ")


_CONFIG = TextFixerConfig()
# Invisible characters a later rule removes (bidi marks, zero-width characters, soft hyphen,
# tatweel): looked through when deciding whether a character has non-ASCII neighbours.
_INVISIBLE = frozenset(expand(INVISIBLE))


_TOKEN_RE = re.compile(r"\s*\S+\s*|\s+")


def _trimmed(a: str, b: str, offset: int, code: str) -> Change:
    """One change turning ``a`` (at ``offset``) into ``b``, without their common ends."""
    p = 0
    while p < min(len(a), len(b)) and a[p] == b[p]:
        p += 1
    s = 0
    while s < min(len(a), len(b)) - p and a[-1 - s] == b[-1 - s]:
        s += 1
    return Change(offset + p, offset + len(a) - s, b[p : len(b) - s], code)


_RESYNC = 8  # tokens to look ahead for the place where the two lines agree again
_AGREE = 3  # tokens that must agree there


def _agree(a: list[str], i: int, b: list[str], j: int) -> bool:
    """Whether ``a`` from ``i`` and ``b`` from ``j`` agree again: both end there, or their
    next ``_AGREE`` tokens (as many as both have) are equal."""
    k = min(_AGREE, len(a) - i, len(b) - j)
    if k == 0:
        return i == len(a) and j == len(b)
    return a[i : i + k] == b[j : j + k]


def _line_changes(line: str, fixed: str, offset: int, code: str) -> list[Change]:
    """Small replacements that turn ``line`` into ``fixed``. ftfy's repairs are local, so the
    two are walked word by word in step; where they differ, the nearest place where they agree
    again is looked for a few words ahead, and the stretch in between becomes one change,
    trimmed to what changed. Linear in the length of the line (a general diff is quadratic)."""
    a = _TOKEN_RE.findall(line)
    b = _TOKEN_RE.findall(fixed)
    pos = [0]
    for t in a:
        pos.append(pos[-1] + len(t))
    out: list[Change] = []
    i = j = 0
    while i < len(a) or j < len(b):
        if i < len(a) and j < len(b) and a[i] == b[j]:
            i += 1
            j += 1
            continue
        end = (len(a), len(b))
        for d in range(1, 2 * _RESYNC + 1):
            hit = next(
                (
                    (i + di, j + d - di)
                    for di in range(max(0, d - _RESYNC), min(d, _RESYNC) + 1)
                    if i + di <= len(a)
                    and j + d - di <= len(b)
                    and _agree(a, i + di, b, j + d - di)
                ),
                None,
            )
            if hit is not None:
                end = hit
                break
        out.append(
            _trimmed(line[pos[i] : pos[end[0]]], "".join(b[j : end[1]]), offset + pos[i], code)
        )
        i, j = end
    return out


# ftfy judges a whole line, and one character that cannot be part of the mis-decoding (a real
# curly quote, a bidi mark, an Arabic comma) makes it give up on the line. Such characters are
# often ones a later rule removes or changes, so after ftfy has judged the line as it is, it
# judges it again with each of them blanked out: the repair then does not depend on them, and
# cleaning the cleaned text finds nothing more to repair. Repairs that would touch a blanked
# character are not taken.
_CHANGEABLE = frozenset(
    DOUBLE_QUOTES
    + SINGLE_QUOTES
    + "".join(_INVISIBLE)
    + "".join(ARABIC_PUNCTUATION)
    + "".join(ARABIC_INDIC_DIGITS)
    + expand(UNICODE_SPACES)
    + "\u2028\u2029"
)
_BLANK = str.maketrans(dict.fromkeys(_CHANGEABLE, " "))


def _repair(line: str, offset: int, code: str) -> list[Change]:
    fixed = ftfy.fix_encoding(line, _CONFIG)
    if "\n" in fixed:
        return []  # a repair that would break the line in two is not taken
    if fixed != line:
        return _line_changes(line, fixed, offset, code)
    blanked = line.translate(_BLANK)
    if blanked == line:
        return []
    refixed = ftfy.fix_encoding(blanked, _CONFIG)
    if refixed == blanked or "\n" in refixed:
        return []
    return [
        c
        for c in _line_changes(blanked, refixed, offset, code)
        if line[c.start - offset : c.end - offset] == blanked[c.start - offset : c.end - offset]
    ]


class Mojibake(Rule):
    """Repair mojibake: text that was encoded in one encoding and decoded in another.

    **What it does**
    Runs ftfy's encoding repair (``ftfy.fix_encoding``, with ``restore_byte_a0``,
    ``replace_lossy_sequences``, ``decode_inconsistent_utf8`` and ``fix_c1_controls`` on) on each
    line that contains a character ftfy could judge to be mojibake. Other lines are not touched.

    **Why is this bad**
    UTF-8 read as Windows-1252 turns ``’`` into ``â€™`` and ``é`` into ``Ã©``. Extraction then
    sees garbage tokens and names that never match a gazetteer.

    **Example**
    ``the factionsâ€™ advance`` -> ``the factions’ advance``

    **Use instead**
    Decode the source bytes with the right encoding; where that is lost, this rule reverses it.
    """

    code = "MJ01"
    name = "mojibake"
    group = "mojibake"
    chars = "".join(sorted(_SUSPECT))
    adds_marks = True

    def may_add_marks(self, line: str) -> bool:
        return not line.isascii() and any(
            _looks_bad(line, m.start()) for m in _SUSPECT_RE.finditer(line)
        )

    def changes(self, text: str, ctx: Context) -> list[Change]:
        out: list[Change] = []
        done_to = -1
        for i in find_all(text, self.present(ctx)):
            if i < done_to or not _looks_bad(text, i):
                continue
            start = text.rfind("\n", 0, i) + 1
            end = text.find("\n", i)
            if end < 0:
                end = len(text)
            done_to = end
            out.extend(_repair(text[start:end], start, self.code))
        return out
