"""Concept- and term-level differences between two glossaries (``tarjama glossary diff``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .model import Glossary, Term

__all__ = ["Difference", "diff_glossaries"]


@dataclass(frozen=True, slots=True)
class Difference:
    kind: str  # "added" | "removed" | "changed"
    concept: str
    what: str

    def __str__(self) -> str:
        sign = {"added": "+", "removed": "-", "changed": "~"}[self.kind]
        return f"{sign} {self.concept}: {self.what}" if self.what else f"{sign} {self.concept}"

    def to_json(self) -> dict[str, str]:
        return {"kind": self.kind, "concept": self.concept, "what": self.what}


def _term_key(t: Term) -> tuple[str, str]:
    return (t.lang, t.text)


def _describe(t: Term) -> str:
    extra = f" -> {t.replacement!r}" if t.status == "deprecated" else ""
    flags = [f for f, on in (("exact", t.exact), ("ambiguous", t.ambiguous)) if on]
    if t.reviewed_ambiguous is False:
        flags.append("not ambiguous")
    if t.dated:
        flags.append(_period(t.valid_from, t.valid_until))
    shown = f" ({', '.join(flags)})" if flags else ""
    return f"{t.lang} {t.status} {t.text!r}{extra}{shown}"


def _period(start: dt.date | None, end: dt.date | None) -> str:
    return f"valid {start or '...'} to {end or '...'}"


def diff_glossaries(old: Glossary, new: Glossary) -> list[Difference]:
    """Concept- and term-level differences from ``old`` to ``new``."""
    out: list[Difference] = []
    for c in old.concepts:
        if c.id not in new:
            out.append(Difference("removed", c.id, ""))
    for c in new.concepts:
        o = old.get(c.id)
        if o is None:
            out.append(Difference("added", c.id, ""))
            continue
        if o.type != c.type:
            out.append(Difference("changed", c.id, f"type {o.type} -> {c.type}"))
        if o.scope != c.scope:
            out.append(Difference("changed", c.id, f"scope {o.scope} -> {c.scope}"))
        if (o.valid_from, o.valid_until) != (c.valid_from, c.valid_until):
            was, now = _period(o.valid_from, o.valid_until), _period(c.valid_from, c.valid_until)
            out.append(Difference("changed", c.id, f"{was} -> {now}"))
        if o.note != c.note:
            out.append(Difference("changed", c.id, "note"))
        for r in set(o.relations) - set(c.relations):
            out.append(Difference("changed", c.id, f"- relation {r.type} {r.id}"))
        for r in set(c.relations) - set(o.relations):
            out.append(Difference("changed", c.id, f"+ relation {r.type} {r.id}"))
        before = {_term_key(t): t for t in o.terms}
        after = {_term_key(t): t for t in c.terms}
        for k, t in before.items():
            if k not in after:
                out.append(Difference("changed", c.id, f"- {_describe(t)}"))
            elif after[k] != t:
                out.append(Difference("changed", c.id, f"{_describe(t)} -> {_describe(after[k])}"))
        for k, t in after.items():
            if k not in before:
                out.append(Difference("changed", c.id, f"+ {_describe(t)}"))
    return out
