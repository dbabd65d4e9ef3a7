"""Reading segment files for scoring and QA: strict, with errors that name file and line.

Lines are split on ``\\n`` only and each line is right-stripped, exactly as the ``sacrebleu``
command reads its files, so that scores agree with it (CRLF files work: the ``\\r`` goes with
the other trailing whitespace). Unlike sacrebleu's API, nothing is truncated: differing line
counts are an error.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

__all__ = ["ScoreInputError", "check_same_length", "read_segments", "split_segments"]


class ScoreInputError(ValueError):
    """Bad input for scoring or QA; the message names the files, counts and lines."""


def split_segments(text: str) -> list[str]:
    """One segment per line: split on ``\\n`` only, right-strip each line (as sacrebleu)."""
    if not text:
        return []
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    return [line.rstrip() for line in lines]


def _decode(name: str, data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ScoreInputError(
            f"{name}:{line}: invalid UTF-8 (byte 0x{data[exc.start]:02x} at byte offset "
            f"{exc.start})"
        ) from None


def read_segments(path: str | Path, *, allow_empty: bool = False) -> list[str]:
    """Read one segment per line from ``path`` (``-`` is stdin).

    Raises :class:`ScoreInputError` for a missing or unreadable file, invalid UTF-8 (naming the
    line and byte offset) and, unless ``allow_empty``, an empty file.
    """
    name = str(path)
    if name == "-":
        data = sys.stdin.buffer.read()
        name = "<stdin>"
    else:
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise ScoreInputError(f"{name}: cannot read: {exc.strerror or exc}") from None
    text = _decode(name, data)  # a BOM stays, as in sacrebleu
    segments = split_segments(text)
    if not segments and not allow_empty:
        raise ScoreInputError(f"{name}: empty file (no segments)")
    return segments


def check_same_length(named: Sequence[tuple[str, Sequence[str]]]) -> None:
    """Raise :class:`ScoreInputError` unless every stream has the same number of segments."""
    if not named:
        return
    counts = [(name, len(segs)) for name, segs in named]
    if len({n for _, n in counts}) > 1:
        listing = ", ".join(f"{name}: {n} lines" for name, n in counts)
        raise ScoreInputError(f"line counts differ ({listing})")
