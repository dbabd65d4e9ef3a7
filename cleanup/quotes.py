"""Quotation-mark analysis shared by the quote and spacing rules.

A paragraph's double quotation marks are classified by their form (``“`` can only open, ``”``
only close) or, for ambiguous marks such as ``"``, by their context, and then paired greedily in
reading order. English double quotes do not nest, so a valid paragraph alternates open, close,
open, close. Marks that cannot be paired are *unmatched*; the last opener of a paragraph is
legitimately unmatched when the next paragraph opens with a quotation mark (a quotation running
over several paragraphs).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Set
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from .chars import CLOSERS, DOUBLE_QUOTES, OPENERS, SINGLE_QUOTES
from .scan import find_all

__all__ = [
    "DOUBLE_RE",
    "LineQuotes",
    "MarkRuns",
    "QuoteTracker",
    "analyse_line",
    "iter_quote_lines",
    "next_opens_quote",
    "opens_with_quote",
    "well_paired",
]

DOUBLE_RE = re.compile(f"[{DOUBLE_QUOTES}]")
# A mark's context is the nearest character on each side that is not itself a quotation mark,
# so that its role does not change when a neighbouring mark is restyled or removed.
# Apostrophe forms count as marks too: QT02 turns ` ´ ʼ ʾ ʿ into quote-style apostrophes.
_ANY_MARK = (
    frozenset(DOUBLE_QUOTES) | frozenset(SINGLE_QUOTES) | frozenset("`\u00b4\u02bc\u02be\u02bf")
)
_OPEN_BEFORE = frozenset("([{-\u2013\u2014/")
_CLOSE_AFTER = frozenset(".,;:!?)]}-\u2013\u2014/\u2026")
_ATTACHES = frozenset(",;:!?)].")
_UNIT_MARKS = '"\u2033\uff02'


@dataclass(slots=True)
class LineQuotes:
    """The double quotation marks of a paragraph, mark ``k`` in position ``k`` of each list
    (lists, not an object per mark: a line may hold a million marks)."""

    pos: list[int]  # offsets in the analysed text
    char: list[str]
    partner: list[int]  # index of the paired mark, -1 if unmatched
    unit: list[bool]  # a " after a digit (inches, seconds) that pairs with nothing
    opens: list[bool]  # final direction: True for an opening mark
    continues: int = -1  # the unmatched opener continued by the next paragraph, if any

    def __len__(self) -> int:
        return len(self.pos)

    def unmatched(self, k: int) -> bool:
        """Whether mark ``k`` cannot be part of any valid pairing."""
        return self.partner[k] < 0 and not self.unit[k] and k != self.continues


class MarkRuns:
    """The nearest character that is not one of ``marks`` (default: any quotation mark) on
    each side of an offset of ``text[start:end]``, in linear time over the line: the run of
    marks around the offset is found once and kept, so a run of a million marks is walked
    once, however many of its marks are asked about (in order)."""

    __slots__ = ("end", "marks", "run_end", "run_start", "start", "text")

    def __init__(
        self, text: str, start: int, end: int, marks: AbstractSet[str] | None = None
    ) -> None:
        self.text, self.start, self.end = text, start, end
        self.marks = _ANY_MARK if marks is None else marks
        self.run_start = self.run_end = -1  # the run of marks last looked at

    def _run(self, i: int) -> None:
        """Find the run of marks that holds (or is next to) offset ``i``."""
        text, marks = self.text, self.marks
        s = i
        while s > self.start and text[s - 1] in marks:
            s -= 1
        e = i + 1
        while e < self.end and text[e] in marks:
            e += 1
        self.run_start, self.run_end = s, e

    def before(self, i: int) -> int:
        """Offset of the nearest non-mark before ``i`` (``start - 1`` if none)."""
        if i <= self.start or self.text[i - 1] not in self.marks:
            return i - 1
        if not self.run_start <= i < self.run_end:
            self._run(i)
        return self.run_start - 1

    def after(self, i: int) -> int:
        """Offset of the nearest non-mark after ``i`` (``end`` if none)."""
        if i + 1 >= self.end or self.text[i + 1] not in self.marks:
            return i + 1
        if not self.run_start <= i < self.run_end:
            self._run(i)
        return self.run_end


def _context_between(text: str, j: int, k: int, start: int, end: int) -> str:
    """The role a mark's context gives it, from the nearest non-marks ``text[j]`` before it
    and ``text[k]`` after it (``j < start`` or ``k >= end``: the edge of the line)."""
    prev = text[j] if j >= start else ""
    nxt = text[k] if k < end else ""
    if nxt in (" ", "\t"):
        # Spaces before closing punctuation are removed by SP01: judge by the punctuation.
        m = k
        while m < end and text[m] in " \t":
            m += 1
        if m < end and text[m] in _ATTACHES:
            nxt = text[m]
    after_gap = prev == "" or prev.isspace() or prev in _OPEN_BEFORE
    before_gap = nxt == "" or nxt.isspace() or nxt in _CLOSE_AFTER
    open_like = after_gap and not before_gap
    close_like = before_gap and not after_gap
    if open_like and not close_like:
        return "open"
    if close_like and not open_like:
        return "close"
    return "either"


def _by_form(ch: str, ctx: str) -> str:
    if ch in OPENERS:
        # A form that only opens, but in a clear closing context, is a misdirected mark.
        return "either" if ctx == "close" else "open"
    if ch in CLOSERS:
        return "either" if ctx == "open" else "close"
    return ctx


def _role(
    text: str, i: int, start: int, end: int, by_form: bool = True, runs: MarkRuns | None = None
) -> str:
    runs = runs or MarkRuns(text, start, end)
    ctx = _context_between(text, runs.before(i), runs.after(i), start, end)
    return _by_form(text[i], ctx) if by_form else ctx


def _roles(text: str, start: int, end: int, by_form: bool) -> list[tuple[int, str, str]]:
    """``(offset, mark, role)`` of each double mark of the line, in order. The marks of one
    run share their context, which is judged once per run."""
    runs = MarkRuns(text, start, end)
    marks = runs.marks
    key = (-2, -2)
    ctx = ""
    out: list[tuple[int, str, str]] = []
    last = end - 1
    for m in DOUBLE_RE.finditer(text, start, end):
        i = m.start()
        if start < i < last and text[i - 1] not in marks and text[i + 1] not in marks:
            j, k = i - 1, i + 1  # a lone mark, the common case
        else:
            j, k = runs.before(i), runs.after(i)
        if j != key[0] or k != key[1]:
            key, ctx = (j, k), _context_between(text, j, k, start, end)
        ch = text[i]
        out.append((i, ch, _by_form(ch, ctx) if by_form else ctx))
    return out


def analyse_line(
    text: str, start: int, end: int, continued: bool, by_form: bool = True
) -> LineQuotes:
    """Classify and pair the double quotation marks of ``text[start:end]`` (one paragraph).

    ``continued`` says the next paragraph opens with a quotation mark. Offsets are into ``text``.
    With ``by_form`` false, a mark's direction is judged from its context alone, as if it were
    a straight ``"`` (the straight quote style analyses text the way it will look after it).
    """
    found = _roles(text, start, end, by_form)
    n = len(found)
    partner = [-1] * n
    unit = [False] * n
    open_k = -1
    for k in range(n):
        pos, ch, role = found[k]
        if role == "open" or (role == "either" and open_k < 0):
            open_k = k
        elif open_k >= 0:
            partner[open_k] = k
            partner[k] = open_k
            open_k = -1
        elif ch in _UNIT_MARKS and pos > start and text[pos - 1].isdigit():
            unit[k] = True
    # Openers left without a partner: every one but the paragraph's last is unmatched; the last
    # may continue into the next paragraph.
    continues = open_k if open_k >= 0 and continued else -1
    opens = [False] * n
    for k in range(n):
        p = partner[k]
        if p >= 0:
            opens[k] = p > k
        else:
            pos, _, role = found[k]
            if k == continues or role == "open":
                opens[k] = True
            elif role == "either":
                opens[k] = pos == start or text[pos - 1].isspace()
    return LineQuotes([f[0] for f in found], [f[1] for f in found], partner, unit, opens, continues)


# Fast path for the common case: a line whose double marks are only " “ ”, in well-formed
# pairs (an opening mark after a space, a bracket or a dash and before a non-space; a closing
# mark after a non-space and before a space, punctuation or the end). Every such mark pairs.
_MARKS = DOUBLE_QUOTES
_NO_MARK = f"[^{_MARKS}\\n]"
_FIRST = f"[^\\s{_MARKS}]"  # the first (and the last) character inside a pair
_PAIR = (
    '(?:(?<=[\\s(\\[{\u2014\u2013/-])|^)["\u201c]'
    + _FIRST
    + "(?:"
    + _NO_MARK
    + "*?"
    + _FIRST
    + ")?"
    + '["\u201d](?=[\\s.,;:!?)\\]}\u2014\u2013/\u2026-]|$)'
)
_PAIRED_LINE_RE = re.compile(f"{_NO_MARK}*(?:{_PAIR}{_NO_MARK}*)*")


def well_paired(text: str, start: int, end: int) -> bool:
    """Whether every double quotation mark of the line ``text[start:end]`` is in a well-formed
    pair (the common case, decided by one regular expression): then its marks pair whatever
    the paragraphs around it hold."""
    m = _PAIRED_LINE_RE.match(text, start, end)
    return m is not None and m.end() == end


def opens_with_quote(line: str) -> bool:
    """Whether a paragraph starts with a quotation mark that can open a quotation."""
    s = line.lstrip(" \t")
    if not s or s[0] not in DOUBLE_QUOTES:
        return False
    i = len(line) - len(s)
    return _role(line, i, 0, len(line)) != "close"


def next_opens_quote(text: str, line_end: int, fallback: bool) -> bool:
    """Whether the next non-blank paragraph after the line ending at ``line_end`` opens with a
    quotation mark; ``fallback`` answers for the text after the end of ``text``."""
    pos = line_end
    n = len(text)
    while pos < n:
        nl = text.find("\n", pos + 1)
        if nl < 0:
            nl = n
        line = text[pos + 1 : nl]
        if line.strip():
            return opens_with_quote(line)
        pos = nl
    return fallback


def next_opens_quote_in(text: str) -> bool:
    """Whether the first non-blank paragraph of ``text`` opens with a quotation mark."""
    return next_opens_quote("\n" + text, 0, False)


def next_paragraph(text: str, line_end: int) -> int | None:
    """Start offset of the next non-blank line after the line ending at ``line_end``, or None
    if there is none in ``text``."""
    pos = line_end
    n = len(text)
    while pos < n:
        nl = text.find("\n", pos + 1)
        if nl < 0:
            nl = n
        if text[pos + 1 : nl].strip():
            return pos + 1
        pos = nl
    return None


def quote_positions(text: str, alphabet: Set[str] | None = None) -> list[int]:
    """Sorted offsets of the double quotation marks in ``text``."""
    marks = [c for c in DOUBLE_QUOTES if c == '"' or (c in alphabet if alphabet else c in text)]
    return find_all(text, marks)


def line_bounds(text: str, positions: Iterable[int]) -> Iterator[tuple[int, int]]:
    """(start, end) of each distinct line holding one of the sorted ``positions``."""
    done = -1
    for i in positions:
        if i < done:
            continue
        start = text.rfind("\n", 0, i) + 1
        end = text.find("\n", i)
        if end < 0:
            end = len(text)
        done = end
        yield start, end


def iter_quote_lines(text: str, alphabet: Set[str] | None = None) -> Iterator[tuple[int, int]]:
    """(start, end) of each line of ``text`` that contains a double quotation mark.

    ``alphabet`` (a superset of the non-ASCII characters of ``text``) saves looking for marks
    that do not occur.
    """
    yield from line_bounds(text, quote_positions(text, alphabet))


class QuoteTracker:
    """Pairs double quotation marks across the lines of sentence-segmented text, where a
    quotation may open on one line and close on a later one.

    Feed the cleaned text in order, with the number of its first line; unmatched marks come back
    as ``(line, column, char, reason)`` with 0-based lines and columns.
    """

    def __init__(self) -> None:
        self.open: tuple[int, int, str] | None = None

    def feed(self, text: str, first_line: int = 0) -> list[tuple[int, int, str, str]]:
        out: list[tuple[int, int, str, str]] = []
        line = first_line
        line_pos = 0  # offset in text of the start of ``line``
        for start, end in iter_quote_lines(text):
            line += text.count("\n", line_pos, start)
            line_pos = start
            runs = MarkRuns(text, start, end)
            for m in DOUBLE_RE.finditer(text, start, end):
                i = m.start()
                role = _role(text, i, start, end, True, runs)
                if role == "open" or (role == "either" and self.open is None):
                    if self.open is not None:
                        out.append((*self.open, "opening quote is never closed"))
                    self.open = (line, i - start, m.group())
                elif self.open is not None:
                    self.open = None
                elif not (m.group() in _UNIT_MARKS and i > start and text[i - 1].isdigit()):
                    out.append((line, i - start, m.group(), "closing quote was never opened"))
        return out

    def finish(self) -> list[tuple[int, int, str, str]]:
        if self.open is None:
            return []
        out = [(*self.open, "opening quote is never closed")]
        self.open = None
        return out
