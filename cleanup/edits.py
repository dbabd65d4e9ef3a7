"""The edit log: what changed, where, and why, in the coordinates of the original text.

A rule never edits text directly. It proposes :class:`Change` objects against the text it is given;
the pipeline applies them and folds them into a :class:`Trace`, which keeps the list of
:class:`Edit` objects in the coordinates of the *original* text. Edits are sorted, never overlap and
never touch, so applying them to the original text gives exactly the cleaned text, and any offset of
the cleaned text can be mapped back to the original (:class:`OffsetMap`).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

__all__ = ["Change", "Edit", "OffsetMap", "Trace", "apply_edits"]


class _Replacement(Protocol):
    """What :meth:`Trace.apply` needs of a change: a span, its new text, and who made it."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def after(self) -> str: ...
    @property
    def rules(self) -> tuple[str, ...]: ...
    @property
    def concepts(self) -> tuple[str, ...]: ...


@dataclass(frozen=True, slots=True)
class Change:
    """A replacement proposed by one rule, in the coordinates of the text the rule was given."""

    start: int
    end: int
    after: str
    rule: str
    concept: str | None = None

    @property
    def rules(self) -> tuple[str, ...]:
        return (self.rule,)

    @property
    def concepts(self) -> tuple[str, ...]:
        return (self.concept,) if self.concept else ()


@dataclass(frozen=True, slots=True)
class Edit:
    """One entry of the edit log, in code-point offsets of the original text.

    ``rules`` lists every rule that contributed to this span, in pipeline order.
    ``concepts`` lists glossary concept ids involved (empty for normalisation rules).
    """

    start: int
    end: int
    before: str
    after: str
    rules: tuple[str, ...]
    concepts: tuple[str, ...] = ()

    def to_json(self, record: int | None = None, id: object = None) -> dict[str, object]:
        """The edit as one object of the edit log. With ``record`` (the 0-based index of the
        line or JSONL record), it is located by ``line`` (1-based) and by the deprecated
        ``record``; ``id`` is the record's own id (``--id-field``)."""
        out: dict[str, object] = {}
        if record is not None:
            out["line"] = record + 1
            if id is not None:
                out["id"] = id
            out["record"] = record
        out.update(
            start=self.start,
            end=self.end,
            before=self.before,
            after=self.after,
            rules=list(self.rules),
        )
        if self.concepts:
            out["concepts"] = list(self.concepts)
        return out

    def shifted(self, offset: int) -> Edit:
        return Edit(
            self.start + offset,
            self.end + offset,
            self.before,
            self.after,
            self.rules,
            self.concepts,
        )


def apply_edits(original: str, edits: Iterable[Edit]) -> str:
    """Apply sorted, non-overlapping edits to ``original``."""
    parts: list[str] = []
    pos = 0
    for e in edits:
        if e.start < pos:
            raise ValueError(f"edits overlap or are unsorted at offset {e.start}")
        parts.append(original[pos : e.start])
        parts.append(e.after)
        pos = e.end
    parts.append(original[pos:])
    return "".join(parts)


def _merge_names(a: tuple[str, ...], b: Iterable[str]) -> tuple[str, ...]:
    out = list(a)
    for x in b:
        if x not in out:
            out.append(x)
    return tuple(out)


class Trace:
    """Accumulates the edits of successive pipeline stages in original coordinates."""

    __slots__ = ("edits", "explain", "original", "text")

    def __init__(self, original: str, explain: bool = True) -> None:
        self.original = original
        self.text = original
        self.explain = explain
        self.edits: list[Edit] = []

    def apply(self, changes: Sequence[_Replacement]) -> int:
        """Apply one stage's changes (sorted, non-overlapping, in current-text coordinates):
        :class:`Change` objects of rules, or :class:`Edit` objects of a pass over a part of the
        text, shifted to the current text.

        Changes and earlier edits that overlap or touch in the current text are merged into one
        edit, so the log never holds two edits that touch.
        """
        cur = self.text
        todo = [c for c in changes if cur[c.start : c.end] != c.after]
        if not todo:
            return 0
        pieces: list[str] = []
        pos = 0
        for c in todo:
            if c.start < pos or c.end < c.start:
                who = ", ".join(c.rules)
                raise ValueError(f"rule {who}: changes overlap or are unsorted at {c.start}")
            pieces.append(cur[pos : c.start])
            pieces.append(c.after)
            pos = c.end
        pieces.append(cur[pos:])
        new = "".join(pieces)
        if not self.explain:
            self.text = new
            return len(todo)

        old: list[tuple[int, int, Edit]] = []
        d = 0
        for e in self.edits:
            s = e.start + d
            old.append((s, s + len(e.after), e))
            d += len(e.after) - (e.end - e.start)

        out: list[Edit] = []
        i = j = 0
        d_old = 0  # current minus original offset, after the consumed old edits
        d_new = 0  # new minus current offset, after the consumed changes
        n_old, n_ch = len(old), len(todo)
        while i < n_old or j < n_ch:
            take_old = j >= n_ch or (i < n_old and old[i][0] <= todo[j].start)
            if take_old:
                gs, ge, e = old[i]
                if j >= n_ch or todo[j].start > ge:
                    out.append(e)
                    d_old += len(e.after) - (e.end - e.start)
                    i += 1
                    continue
            else:
                gs, ge = todo[j].start, todo[j].end
            o_s, n_s = gs - d_old, gs + d_new
            old_rules: tuple[str, ...] = ()
            new_rules: tuple[str, ...] = ()
            concepts: tuple[str, ...] = ()
            while True:
                if i < n_old and old[i][0] <= ge and (j >= n_ch or old[i][0] <= todo[j].start):
                    s, t, e = old[i]
                    old_rules = _merge_names(old_rules, e.rules)
                    concepts = _merge_names(concepts, e.concepts)
                    d_old += len(e.after) - (e.end - e.start)
                    ge = max(ge, t)
                    i += 1
                elif j < n_ch and todo[j].start <= ge:
                    c = todo[j]
                    new_rules = _merge_names(new_rules, c.rules)
                    if c.concepts:
                        concepts = _merge_names(concepts, c.concepts)
                    d_new += len(c.after) - (c.end - c.start)
                    ge = max(ge, c.end)
                    j += 1
                else:
                    break
            o_e, n_e = ge - d_old, ge + d_new
            out.append(
                Edit(
                    o_s,
                    o_e,
                    self.original[o_s:o_e],
                    new[n_s:n_e],
                    _merge_names(old_rules, new_rules),
                    concepts,
                )
            )
        self.text = new
        self.edits = out
        return len(todo)

    def finish(self) -> list[Edit]:
        """The final edit log, without edits that a later stage turned back into the original."""
        return [e for e in self.edits if e.before != e.after]


Side = Literal["start", "end"]


class OffsetMap:
    """Maps code-point offsets of the cleaned text back to the original text.

    An offset inside a replaced span maps to the start of the original span (``side="start"``) or
    to its end (``side="end"``); offsets in unchanged text map exactly.
    """

    def __init__(self, edits: Sequence[Edit]) -> None:
        self._edits = list(edits)
        self._cur_starts: list[int] = []
        self._deltas: list[int] = []  # delta (cleaned - original) before each edit
        delta = 0
        for e in self._edits:
            self._cur_starts.append(e.start + delta)
            self._deltas.append(delta)
            delta += len(e.after) - (e.end - e.start)
        self._final_delta = delta

    def to_original(self, pos: int, side: Side = "start") -> int:
        k = bisect.bisect_right(self._cur_starts, pos) - 1
        if k < 0:
            return pos
        e = self._edits[k]
        cs = self._cur_starts[k]
        ce = cs + len(e.after)
        if pos == cs == ce:  # just after a deletion: a start lies after it, an end before it
            return e.end if side == "start" else e.start
        if pos == cs:
            return e.start
        if pos < ce:
            return e.start if side == "start" else e.end
        delta = self._deltas[k] + len(e.after) - (e.end - e.start)
        return pos - delta

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the cleaned text to the smallest original span that produced it."""
        a = self.to_original(start, "start")
        if end == start:
            return a, a
        return a, max(a, self.to_original(end, "end"))
