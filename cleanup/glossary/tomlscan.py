"""Where things are in a glossary TOML file.

``tomllib`` gives values but no line numbers, so schema errors would have no location. This
module scans the file's lines for the ``[[concept]]`` headers and the ``key =`` lines of each
block (skipping the continuation lines of multi-line arrays) so that a value can be traced to
its line, and a list item to its line and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["BlockIndex", "FileIndex", "scan"]

_HEADER_RE = re.compile(r"^\s*\[\[\s*([A-Za-z0-9_-]+)\s*\]\]\s*(#.*)?$")
_TABLE_RE = re.compile(r"^\s*\[\s*([A-Za-z0-9_.\- ]+?)\s*\]\s*(#.*)?$")
_BARE = r'(?:[A-Za-z0-9_-]+|"[^"\n]*"|\'[^\'\n]*\')'
_KEY_RE = re.compile(rf"^\s*({_BARE}(?:\s*\.\s*{_BARE})*)\s*=(?!=)")


def _key_name(raw: str) -> str:
    parts = re.findall(_BARE, raw)
    return ".".join(p.strip("\"'") for p in parts)


def _depth_change(s: str) -> int:
    """Net change of bracket/brace depth over ``s``, ignoring strings and comments."""
    depth = 0
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if c == "#":
            break
        if c == '"':
            i += 1
            while i < n and s[i] != '"':
                i += 2 if s[i] == "\\" else 1
        elif c == "'":
            i += 1
            while i < n and s[i] != "'":
                i += 1
        elif c in "[{":
            depth += 1
        elif c in "]}":
            depth -= 1
        i += 1
    return depth


@dataclass
class BlockIndex:
    """The lines of one ``[[concept]]`` block (all 1-based)."""

    line: int
    keys: dict[str, tuple[int, int]] = field(default_factory=dict)  # key -> (first, last) line
    lines: list[str] = field(default_factory=list, repr=False)  # the whole file

    def line_of(self, key: str) -> int:
        """The line of ``key`` (e.g. ``en.deprecated``), or of the first dotted key under it
        (``fr`` -> ``fr.preferred``), or of its nearest enclosing key, or the block header."""
        k = key
        while k:
            if k in self.keys:
                return self.keys[k][0]
            sub = [v[0] for name, v in self.keys.items() if name.startswith(k + ".")]
            if sub:
                return min(sub)
            k = k.rpartition(".")[0]
        return self.line

    def find(self, key: str, text: str, nth: int = 0) -> tuple[int, int]:
        """Line and column of the ``nth`` quoted occurrence of ``text`` in the value of ``key``."""
        k = key
        while k and k not in self.keys:
            k = k.rpartition(".")[0]
        if not k:
            return self.line, 1
        first, last = self.keys[k]
        seen = 0
        for ln in range(first, last + 1):
            s = self.lines[ln - 1]
            for quote in ('"', "'"):
                start = 0
                needle = quote + text + quote
                while True:
                    j = s.find(needle, start)
                    if j < 0:
                        break
                    if seen == nth:
                        return ln, j + 1
                    seen += 1
                    start = j + 1
        return first, 1


@dataclass
class FileIndex:
    blocks: list[BlockIndex]
    other_keys: dict[str, int]  # top-level keys outside any [[concept]] block -> line


def scan(text: str, array: str = "concept") -> FileIndex:
    lines = text.splitlines()
    blocks: list[BlockIndex] = []
    other: dict[str, int] = {}
    cur: BlockIndex | None = None
    prefix = ""
    depth = 0
    open_key: str | None = None
    multiline: str | None = None
    for i, s in enumerate(lines, start=1):
        if multiline is not None:
            if multiline in s:
                multiline = None
            if cur is not None and open_key:
                cur.keys[open_key] = (cur.keys[open_key][0], i)
            continue
        if depth > 0:
            depth += _depth_change(s)
            if cur is not None and open_key:
                cur.keys[open_key] = (cur.keys[open_key][0], i)
            continue
        m = _HEADER_RE.match(s)
        if m:
            if m.group(1) == array:
                cur = BlockIndex(i, lines=lines)
                blocks.append(cur)
            else:
                cur = None
                other.setdefault(m.group(1), i)
            prefix = ""
            continue
        m = _TABLE_RE.match(s)
        if m:
            name = re.sub(r"\s+", "", m.group(1))
            if name.startswith(array + ".") and cur is not None:
                prefix = name[len(array) + 1 :] + "."
            else:
                cur = None
                other.setdefault(name, i)
            continue
        m = _KEY_RE.match(s)
        if not m:
            continue
        key = prefix + _key_name(m.group(1))
        rest = s[m.end() :]
        if cur is None:
            other.setdefault(key, i)
            open_key = None
        else:
            cur.keys.setdefault(key, (i, i))
            open_key = key
        for q in ('"""', "'''"):
            if rest.count(q) % 2 == 1:
                multiline = q
        if multiline is None:
            depth = max(0, _depth_change(rest))
    return FileIndex(blocks, other)
