"""A streaming unified diff for line-aligned input and output (cleaning never adds or removes a
line, so line i of the output always corresponds to line i of the input)."""

from __future__ import annotations

from collections import deque
from typing import IO

from ..driver import Piece

CONTEXT = 3


class DiffWriter:
    """Writes unified-diff hunks as pieces of one file arrive."""

    def __init__(self, name: str, out: IO[str], context: int = CONTEXT) -> None:
        self.name = name
        self.out = out
        self.context = context
        self.header_done = False
        self.before: deque[tuple[int, str]] = deque(maxlen=context)
        self.hunk: list[tuple[int, str, str]] | None = None  # (line, old, new)
        self.trailing = 0
        self.line = 0

    def add(self, piece: Piece) -> None:
        for old, new in zip(piece.original, piece.cleaned, strict=True):
            self._line(old, new)

    def _line(self, old: str, new: str) -> None:
        i = self.line
        self.line += 1
        if old == new:
            if self.hunk is None:
                self.before.append((i, old))
                return
            self.hunk.append((i, old, new))
            self.trailing += 1
            if self.trailing > 2 * self.context:
                self._flush()
            return
        if self.hunk is None:
            self.hunk = [(j, t, t) for j, t in self.before]
            self.before.clear()
        self.hunk.append((i, old, new))
        self.trailing = 0

    def _flush(self) -> None:
        if self.hunk is None:
            return
        extra = max(0, self.trailing - self.context)
        hunk = self.hunk[: len(self.hunk) - extra] if extra else self.hunk
        for j, t, _ in self.hunk[len(self.hunk) - extra :] if extra else []:
            self.before.append((j, t))
        self.hunk = None
        self.trailing = 0
        if not self.header_done:
            self.out.write(f"--- {self.name}\n+++ {self.name} (cleaned)\n")
            self.header_done = True
        first = hunk[0][0] + 1
        n = len(hunk)
        self.out.write(f"@@ -{first},{n} +{first},{n} @@\n")
        k = 0
        while k < n:
            if hunk[k][1] == hunk[k][2]:
                self.out.write(f" {hunk[k][1]}\n")
                k += 1
                continue
            run_end = k
            while run_end < n and hunk[run_end][1] != hunk[run_end][2]:
                run_end += 1
            for _, old, _ in hunk[k:run_end]:
                self.out.write(f"-{old}\n")
            for _, _, new in hunk[k:run_end]:
                self.out.write(f"+{new}\n")
            k = run_end

    def finish(self) -> None:
        self._flush()
