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
from typing import Literal, Protocol, TypeVar

__all__ = ["Anchor", "Change", "Edit", "Licence", "OffsetMap", "Trace", "apply_edits"]


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
    @property
    def evidence(self) -> tuple[tuple[str, Licence], ...]: ...


@dataclass(frozen=True, slots=True)
class Anchor:
    """A glossary mention that gives evidence for applying an ambiguous term (see
    :mod:`cleanup.glossary.evidence`): its concept, its paragraph (0-based line), its span in
    offsets of the whole text (``start``, ``end``) and where it starts in its line (``col``).
    The pipeline gives them in the coordinates of the original text."""

    concept: str
    line: int
    start: int
    end: int
    col: int = 0

    def moved(self, lines: int) -> Anchor:
        """The anchor with its line moved by ``lines`` (to the numbering of a whole file)."""
        return Anchor(self.concept, self.line + lines, self.start, self.end, self.col)

    def to_json(self, record: int | None = None) -> dict[str, object]:
        """Plain text (``record`` None): ``line`` is the anchor's 1-based line and ``start``,
        ``end`` are offsets in it. A JSON Lines record: ``line`` is the record's line and the
        offsets are in its text."""
        start = self.start if record is not None else self.col
        return {
            "concept": self.concept,
            "line": (self.line if record is None else record) + 1,
            "start": start,
            "end": start + self.end - self.start,
        }


@dataclass(frozen=True, slots=True)
class Licence:
    """Why the glossary may apply a concept's mentions in a paragraph.

    ``basis``: ``unambiguous`` (a term that is not ambiguous: no evidence needed), ``paragraph``
    (an anchor in the same paragraph), ``related`` (an anchor of a related concept nearby) or
    ``always`` (``--glossary-context always``); ``anchor`` is the mention that licensed it.
    ``key``: for a spelling the glossary does not list (GL06), the transliteration key it
    shares with a listed name.
    """

    basis: str
    anchor: Anchor | None = None
    key: str | None = None

    def moved(self, lines: int) -> Licence:
        if self.anchor is None:
            return self
        return Licence(self.basis, self.anchor.moved(lines), self.key)

    def to_json(self, concept: str, record: int | None = None) -> dict[str, object]:
        out: dict[str, object] = {"concept": concept, "basis": self.basis}
        if self.anchor is not None:
            out["anchor"] = self.anchor.to_json(record)
        if self.key is not None:
            out["key"] = self.key
        return out


@dataclass(frozen=True, slots=True)
class Change:
    """A replacement proposed by one rule, in the coordinates of the text the rule was given.
    A glossary rule names the ``concept`` and the ``licence`` to apply it."""

    start: int
    end: int
    after: str
    rule: str
    concept: str | None = None
    licence: Licence | None = None

    @property
    def rules(self) -> tuple[str, ...]:
        return (self.rule,)

    @property
    def concepts(self) -> tuple[str, ...]:
        return (self.concept,) if self.concept else ()

    @property
    def evidence(self) -> tuple[tuple[str, Licence], ...]:
        if self.concept and self.licence is not None:
            return ((self.concept, self.licence),)
        return ()


@dataclass(frozen=True, slots=True)
class Edit:
    """One entry of the edit log, in code-point offsets of the original text.

    ``rules`` lists every rule that contributed to this span, in pipeline order.
    ``concepts`` lists glossary concept ids involved (empty for normalisation rules), and
    ``evidence`` why each was applied (concept id, licence).
    """

    start: int
    end: int
    before: str
    after: str
    rules: tuple[str, ...]
    concepts: tuple[str, ...] = ()
    evidence: tuple[tuple[str, Licence], ...] = ()

    def to_json(
        self, record: int | None = None, id: object = None, per_line: bool = True
    ) -> dict[str, object]:
        """The edit as one object of the edit log. With ``record`` (the 0-based index of the
        line or JSONL record), it is located by ``line`` (1-based) and by the deprecated
        ``record``; ``id`` is the record's own id (``--id-field``). ``per_line``: the input is
        plain text, a line per record (evidence anchors are located by their own line)."""
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
        if self.evidence:
            where = None if per_line else (record or 0)
            out["evidence"] = [lic.to_json(c, where) for c, lic in self.evidence]
        return out

    def shifted(self, offset: int, lines: int = 0) -> Edit:
        """The edit moved by ``offset`` code points (and its evidence by ``lines`` lines)."""
        evidence = self.evidence
        if lines and evidence:
            evidence = tuple((c, lic.moved(lines)) for c, lic in evidence)
        return Edit(
            self.start + offset,
            self.end + offset,
            self.before,
            self.after,
            self.rules,
            self.concepts,
            evidence,
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


_T = TypeVar("_T")


def _merge_names(a: tuple[_T, ...], b: Iterable[_T]) -> tuple[_T, ...]:
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
            evidence: tuple[tuple[str, Licence], ...] = ()
            while True:
                if i < n_old and old[i][0] <= ge and (j >= n_ch or old[i][0] <= todo[j].start):
                    s, t, e = old[i]
                    old_rules = _merge_names(old_rules, e.rules)
                    concepts = _merge_names(concepts, e.concepts)
                    if e.evidence:
                        evidence = _merge_names(evidence, e.evidence)
                    d_old += len(e.after) - (e.end - e.start)
                    ge = max(ge, t)
                    i += 1
                elif j < n_ch and todo[j].start <= ge:
                    c = todo[j]
                    new_rules = _merge_names(new_rules, c.rules)
                    if c.concepts:
                        concepts = _merge_names(concepts, c.concepts)
                        evidence = _merge_names(evidence, c.evidence)
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
                    evidence,
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
