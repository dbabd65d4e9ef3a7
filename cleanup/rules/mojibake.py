"""MJ: mojibake (text decoded with the wrong encoding), repaired with ftfy's encoding fixes."""

from __future__ import annotations

import difflib
import re

import ftfy
from ftfy import TextFixerConfig
from ftfy.badness import MOJIBAKE_CATEGORIES

from ..edits import Change
from .base import Context, Rule

__all__ = ["Mojibake"]


def _expand(chars: str) -> set[str]:
    """Expand a regex character-class body such as ``"a-cxy"`` into its characters."""
    out: set[str] = set()
    i = 0
    while i < len(chars):
        if i + 2 < len(chars) and chars[i + 1] == "-":
            out.update(chr(c) for c in range(ord(chars[i]), ord(chars[i + 2]) + 1))
            i += 3
        else:
            out.add(chars[i])
            i += 1
    return out


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
_SUSPECT = set().union(*(_expand(MOJIBAKE_CATEGORIES[k]) for k in _SUSPECT_CATEGORIES))
_SUSPECT |= set("ŒœÂÃÎÐØÙ√≈‚×°àÅ")
SUSPECT_RE = re.compile("[" + "".join(re.escape(c) for c in sorted(_SUSPECT)) + "]")

_CONFIG = TextFixerConfig()


def _line_changes(line: str, fixed: str, offset: int, code: str) -> list[Change]:
    """Smallest replacements that turn ``line`` into ``fixed``."""
    if len(line) + len(fixed) > 20000:
        p = 0
        while p < min(len(line), len(fixed)) and line[p] == fixed[p]:
            p += 1
        s = 0
        while s < min(len(line), len(fixed)) - p and line[-1 - s] == fixed[-1 - s]:
            s += 1
        return [Change(offset + p, offset + len(line) - s, fixed[p : len(fixed) - s], code)]
    out: list[Change] = []
    sm = difflib.SequenceMatcher(None, line, fixed, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag != "equal":
            out.append(Change(offset + i1, offset + i2, fixed[j1:j2], code))
    return out


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
    trigger = SUSPECT_RE

    def changes(self, text: str, ctx: Context) -> list[Change]:
        out: list[Change] = []
        done_to = -1
        for m in SUSPECT_RE.finditer(text):
            if m.start() < done_to:
                continue
            start = text.rfind("\n", 0, m.start()) + 1
            end = text.find("\n", m.start())
            if end < 0:
                end = len(text)
            done_to = end
            line = text[start:end]
            fixed = ftfy.fix_encoding(line, _CONFIG)
            if fixed != line:
                out.extend(_line_changes(line, fixed, start, self.code))
        return out
