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
    "MarkRuns",
    "QuoteMark",
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
class QuoteMark:
    """One double quotation mark of a paragraph."""

    pos: int  # offset in the analysed text
    char: str
    role: str  # "open", "close" or "either", from the form and the context
    partner: int = -1  # index of the paired mark, -1 if unmatched
    unit: bool = False  # a " after a digit (inches, seconds) that pairs with nothing
    continues: bool = False  # an unmatched opener continued by the next paragraph

    opens: bool = False  # final direction: True for an opening mark

    @property
    def unmatched(self) -> bool:
        return self.partner < 0 and not self.unit and not self.continues


class MarkRuns:
    """The nearest character that is not one of ``marks`` (default: any quotation mark) on
    each side of an offset of ``text[start:end]``, in linear time over the line: a run of
    marks is walked once, however many marks it holds."""

    __slots__ = ("_left", "_right", "end", "marks", "start", "text")

    def __init__(
        self, text: str, start: int, end: int, marks: AbstractSet[str] | None = None
    ) -> None:
        self.text, self.start, self.end = text, start, end
        self.marks = _ANY_MARK if marks is None else marks
        self._left: dict[int, int] = {}
        self._right: dict[int, int] = {}

    def before(self, i: int) -> int:
        """Offset of the nearest non-mark before ``i`` (``start - 1`` if none)."""
        text, memo, path, marks = self.text, self._left, [], self.marks
        j = i - 1
        while j >= self.start and text[j] in marks:
            if j in memo:
                j = memo[j]
                break
            path.append(j)
            j -= 1
        for p in path:
            memo[p] = j
        memo[i] = j
        return j

    def after(self, i: int) -> int:
        """Offset of the nearest non-mark after ``i`` (``end`` if none)."""
        text, memo, path, marks = self.text, self._right, [], self.marks
        k = i + 1
        while k < self.end and text[k] in marks:
            if k in memo:
                k = memo[k]
                break
            path.append(k)
            k += 1
        for p in path:
            memo[p] = k
        memo[i] = k
        return k


def _context_role(text: str, i: int, start: int, end: int, runs: MarkRuns | None = None) -> str:
    runs = runs or MarkRuns(text, start, end)
    j = runs.before(i)
    prev = text[j] if j >= start else ""
    k = runs.after(i)
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


def _role(
    text: str, i: int, start: int, end: int, by_form: bool = True, runs: MarkRuns | None = None
) -> str:
    ch = text[i]
    ctx = _context_role(text, i, start, end, runs)
    if not by_form:
        return ctx
    if ch in OPENERS:
        # A form that only opens, but in a clear closing context, is a misdirected mark.
        return "either" if ctx == "close" else "open"
    if ch in CLOSERS:
        return "either" if ctx == "open" else "close"
    return ctx


def analyse_line(
    text: str, start: int, end: int, continued: bool, by_form: bool = True
) -> list[QuoteMark]:
    """Classify and pair the double quotation marks of ``text[start:end]`` (one paragraph).

    ``continued`` says the next paragraph opens with a quotation mark. Offsets are into ``text``.
    With ``by_form`` false, a mark's direction is judged from its context alone, as if it were
    a straight ``"`` (the straight quote style analyses text the way it will look after it).
    """
    runs = MarkRuns(text, start, end)
    marks = [
        QuoteMark(m.start(), m.group(), _role(text, m.start(), start, end, by_form, runs))
        for m in DOUBLE_RE.finditer(text, start, end)
    ]
    open_k = -1
    for k, q in enumerate(marks):
        if q.role == "open" or (q.role == "either" and open_k < 0):
            open_k = k
        elif open_k >= 0:
            marks[open_k].partner = k
            q.partner = open_k
            open_k = -1
        elif q.char in _UNIT_MARKS and q.pos > start and text[q.pos - 1].isdigit():
            q.unit = True
    # Openers left without a partner: every one but the paragraph's last is unmatched; the last
    # may continue into the next paragraph.
    if open_k >= 0 and continued:
        marks[open_k].continues = True
    for k, q in enumerate(marks):
        if q.partner >= 0:
            q.opens = q.partner > k
        elif q.continues or q.role == "open":
            q.opens = True
        elif q.role == "either":
            q.opens = q.pos == start or text[q.pos - 1].isspace()
    return marks


# Fast path for the common case: a line whose double marks are only " “ ”, in well-formed
# pairs (an opening mark after a space, a bracket or a dash and before a non-space; a closing
# mark after a non-space and before a space, punctuation or the end). Every such mark pairs.
_MARKS = '"\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033\uff02\u301d\u301e'
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
