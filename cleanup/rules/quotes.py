"""QT: quotation marks and apostrophes."""

from __future__ import annotations

import re
from collections.abc import Set
from typing import Any

from ..chars import APOSTROPHES, DOUBLE_QUOTES, LATIN_LETTER, SINGLE_QUOTES
from ..config import Config
from ..edits import Change
from ..quotes import (
    LineQuotes,
    MarkRuns,
    analyse_line,
    iter_quote_lines,
    next_opens_quote,
    next_paragraph,
    well_paired,
)
from .base import NEVER, Context, Rule, find_all

__all__ = ["Apostrophes", "QuoteStyle", "UnpairedQuotes"]


_LATIN_RE = re.compile(f"[{LATIN_LETTER}]")
_SINGLE_RE = re.compile(f"[{SINGLE_QUOTES}]")
_SINGLE_MARKS = frozenset(SINGLE_QUOTES)
_OPENING_CONTEXT = frozenset("([{-\u2014\u2013/" + DOUBLE_QUOTES)


def _neighbours(runs: MarkRuns, i: int) -> tuple[str, str]:
    """The nearest characters before and after ``i`` on its line that are not single quotation
    marks (a double mark next to it is its context: double marks are settled before single
    ones, and the spaces around them may still be removed)."""
    j, k = runs.before(i), runs.after(i)
    prev = runs.text[j] if j >= runs.start else ""
    nxt = runs.text[k] if k < runs.end else ""
    return prev, nxt


def _style_apostrophe(style: str) -> str:
    return "\u2019" if style == "curly" else "'"


class Apostrophes(Rule):
    """Use one apostrophe form inside names and words.

    **What it does**
    Replaces ``’ ʼ ʾ ʿ ` ´ ′ ‘`` (and ``'`` in curly style) between two Latin letters with the
    apostrophe of the chosen quote style: ``'`` for ``--quotes straight``, ``’`` for
    ``--quotes curly``. With ``--quotes keep`` it does nothing.

    **Why is this bad**
    Transliterated names carry the Arabic hamza and ayn as any of half a dozen marks, so
    ``Hay'at``, ``Hay’at`` and ``Hayʾat`` are three different strings to software.

    **Example**
    ``Maʿarrat al-Numan``, ``Ma`arrat al-Numan`` -> ``Ma'arrat al-Numan``

    **Use instead**
    One apostrophe form throughout.
    """

    code = "QT02"
    name = "apostrophes-in-names"
    group = "quotes"

    def __init__(self, config: Config, shared: dict[str, Any] | None = None) -> None:
        super().__init__(config, shared)
        self.want = _style_apostrophe(config.quotes)
        forms = APOSTROPHES.replace(self.want, "")
        if config.quotes == "keep":
            self.needles = ()
            self.trigger = (NEVER,)
        else:
            self.chars = "".join(c for c in forms if not c.isascii())
            self.needles = tuple(c for c in forms if c.isascii())
        self._charset = frozenset(self.chars)

    def changes(self, text: str, ctx: Context) -> list[Change]:
        if self.config.quotes == "keep":
            return []
        forms = self.present(ctx) + "".join(n for n in self.needles if n in text)
        return [
            Change(i, i + 1, self.want, self.code)
            for i in find_all(text, forms)
            if i > 0 and _LATIN_RE.match(text, i - 1) and _LATIN_RE.match(text, i + 1)
        ]


class UnpairedQuotes(Rule):
    """Remove quotation marks that cannot be paired.

    **What it does**
    Pairs the double quotation marks (``" “ ” „ « »`` ...) of each paragraph in reading order
    and removes a mark that cannot be part of any valid pairing: a closing mark with nothing
    open, or an opening mark never closed. Each removal is logged. A quotation running over
    several paragraphs, where each continued paragraph opens with a quotation mark, is valid and
    kept. ``"`` after a digit (inches, seconds) is not a quotation mark. With ``--segmented``
    (one sentence per line) quotations may run over lines, and unpaired marks are only
    reported, never removed.

    **Why is this bad**
    A dangling quote makes everything after it look quoted: extraction attributes the rest of
    the wire to a speaker, and quote-aware tokenisers mis-segment.

    **Example**
    ``repelled a major attack. "In the region.`` -> ``repelled a major attack. In the region.``

    **Use instead**
    Balanced quotation marks.
    """

    code = "QT03"
    name = "unpaired-quotes"
    group = "quotes"
    chars = DOUBLE_QUOTES.replace('"', "")
    needles = ('"',)
    checks_lines = True

    def may_change(self, line: str) -> bool:
        return not well_paired(line, 0, len(line))  # a line in well-formed pairs is kept

    def applies(self, text: str, alphabet: Set[str] | None = None) -> bool:
        return not self.config.segmented and super().applies(text, alphabet)

    def changes(self, text: str, ctx: Context) -> list[Change]:
        out, _ = self._decide(text, ctx.next_opens_quote, ctx.alphabet)
        return out

    def _decide(
        self, text: str, continued_at_end: bool, alphabet: Set[str] | None
    ) -> tuple[list[Change], dict[int, bool]]:
        """The marks to remove, and for each paragraph with marks whether its first mark
        validly opens a quotation. Paragraphs are decided last to first: a quotation left open
        continues only into a paragraph whose first mark validly opens (is not itself removed).
        """
        out: list[Change] = []
        by_form = self.config.quotes != "straight"
        opens_validly: dict[int, bool] = {}
        for start, end in reversed(list(iter_quote_lines(text, alphabet))):
            lead = start + len(text[start:end]) - len(text[start:end].lstrip(" \t"))
            starts_with_mark = lead < end and text[lead] in DOUBLE_QUOTES
            if well_paired(text, start, end):
                opens_validly[start] = starts_with_mark
                continue
            nxt = next_paragraph(text, end)
            continued = continued_at_end if nxt is None else opens_validly.get(nxt, False)
            marks = analyse_line(text, start, end, continued, by_form)
            opens_validly[start] = (
                starts_with_mark
                and marks.pos[0] == lead
                and marks.opens[0]
                and not marks.unmatched(0)
            )
            out.extend(_removals(marks, self.code))
        out.sort(key=lambda c: c.start)
        return out, opens_validly


_STRAIGHT = {c: '"' for c in DOUBLE_QUOTES} | {c: "'" for c in SINGLE_QUOTES}


def _removals(marks: LineQuotes, code: str) -> list[Change]:
    """One change removing each unmatched mark; adjacent ones are removed by one change."""
    out: list[Change] = []
    run_start = run_end = -1
    for k, pos in enumerate(marks.pos):
        if not marks.unmatched(k):
            continue
        if pos != run_end:
            if run_end > 0:
                out.append(Change(run_start, run_end, "", code))
            run_start = pos
        run_end = pos + 1
    if run_end > 0:
        out.append(Change(run_start, run_end, "", code))
    return out


class _CurlySingles:
    """Curly single marks, line by line: ‘ for a mark that opens a quotation, ’ for a closing
    one or an apostrophe. A mark opens when it stands after a space, a bracket or a dash and
    before a letter or digit, and a closing mark follows it in the same line; otherwise it is a
    leading apostrophe ('90s, 'em). Neighbouring quotation marks are looked through, so the
    answer does not depend on the style of the double marks around it. Each line is read once
    (for each line, the last closing mark is found first), so the work is linear."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.runs: MarkRuns | None = None
        self.last_closer = -1

    def _line(self, i: int) -> MarkRuns:
        runs = self.runs
        if runs is None or not runs.start <= i < runs.end:
            text = self.text
            start = text.rfind("\n", 0, i) + 1
            end = text.find("\n", i)
            runs = self.runs = MarkRuns(text, start, len(text) if end < 0 else end, _SINGLE_MARKS)
            self.last_closer = -1
            for m in _SINGLE_RE.finditer(text, start, runs.end):
                before, after = _neighbours(runs, m.start())
                closing = before and not before.isspace() and before not in _OPENING_CONTEXT
                if closing and not (after.isalpha() and before.isalpha()):
                    self.last_closer = m.start()
        return runs

    def want(self, i: int) -> str:
        runs = self._line(i)
        prev, nxt = _neighbours(runs, i)
        opening_context = prev == "" or prev.isspace() or prev in _OPENING_CONTEXT
        if opening_context and nxt.isalnum() and self.last_closer > i:
            return "\u2018"
        return "\u2019"


class QuoteStyle(Rule):
    """Use one quotation-mark style.

    **What it does**
    Maps every quotation mark to the chosen style. ``--quotes straight`` (default): double
    marks (``“ ” „ ‟ « » ″ ＂``) become ``"`` and single marks (``‘ ’ ‚ ‛ ‹ › ′``) become ``'``.
    ``--quotes curly``: opening marks become ``“``/``‘`` and closing marks ``”``/``’``, with the
    direction taken from how the marks pair in the paragraph, and ``’`` for apostrophes.
    ``--quotes keep`` changes nothing. Primes after a digit (``5′``, ``10″``) are measurements
    and are kept.

    **Why is this bad**
    MT output mixes straight quotes, curly quotes and guillemets within one story, so the same
    quotation looks different every time and quote-based extraction (who said what) misses.

    **Example**
    ``the “Salvation Government” and «Nusra Front»`` ->
    ``the "Salvation Government" and "Nusra Front"``

    **Use instead**
    One style per output.
    """

    code = "QT01"
    name = "quote-style"
    group = "quotes"

    def __init__(self, config: Config, shared: dict[str, Any] | None = None) -> None:
        super().__init__(config, shared)
        if config.quotes == "keep":
            self.chars = ""
            self.needles = ()
            self.trigger = (NEVER,)
        else:
            self.chars = "".join(c for c in DOUBLE_QUOTES + SINGLE_QUOTES if not c.isascii())
            self.needles = ('"', "'") if config.quotes == "curly" else ()
        self._charset = frozenset(self.chars)

    def applies(self, text: str, alphabet: Set[str] | None = None) -> bool:
        return self.config.quotes != "keep" and super().applies(text, alphabet)

    def changes(self, text: str, ctx: Context) -> list[Change]:
        style = self.config.quotes
        if style == "keep":
            return []
        out: list[Change] = []
        marks = self.present(ctx)
        if style == "curly":  # double marks in curly style are done per line below
            marks = "".join(c for c in marks if c in SINGLE_QUOTES) + ("'" if "'" in text else "")
        curly = _CurlySingles(text) if style == "curly" else None
        for i in find_all(text, marks):
            c = text[i]
            if c in "\u2032\u2033" and i > 0 and text[i - 1].isdigit():
                continue
            if curly is None:
                want = _STRAIGHT[c]
            elif c in SINGLE_QUOTES:
                want = curly.want(i)
            else:
                continue  # double marks in curly style are done per line below
            if want != c:
                out.append(Change(i, i + 1, want, self.code))
        if style == "curly":
            out.extend(self._curly_double(text, ctx))
            out.sort(key=lambda ch: ch.start)
        return out

    def _curly_double(self, text: str, ctx: Context) -> list[Change]:
        """“ or ” for each double mark, by how the marks pair; the changes to a run of adjacent
        marks are one change (a run of a million marks is a million changes otherwise)."""
        out: list[Change] = []
        run_start = run_end = -1
        run: list[str] = []
        for start, end in iter_quote_lines(text, ctx.alphabet):
            continued = next_opens_quote(text, end, ctx.next_opens_quote)
            marks = analyse_line(text, start, end, continued)
            for k, pos in enumerate(marks.pos):
                if marks.unit[k]:
                    continue
                want = "\u201c" if marks.opens[k] else "\u201d"
                if marks.char[k] == want:
                    continue
                if pos != run_end:
                    if run:
                        out.append(Change(run_start, run_end, "".join(run), self.code))
                    run_start, run = pos, []
                run.append(want)
                run_end = pos + 1
        if run:
            out.append(Change(run_start, run_end, "".join(run), self.code))
        return out
