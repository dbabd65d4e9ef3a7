"""Concepts read from another format, before they are checked: what an import builds.

A draft is checked exactly as a glossary file is (by the loader, from the table a
``[[concept]]`` block parses to), and a problem is reported at the draft's place in the file it
came from. Only checked concepts reach the TOML writer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import GlossaryError, Problem
from ..loader import concept_from_table
from ..model import LANGUAGES, Concept
from .toml import format_glossary

__all__ = [
    "MAX_IMPORT_BYTES",
    "DraftConcept",
    "DraftTerm",
    "drafts_to_concepts",
    "drafts_to_toml",
]

#: The largest file ``tarjama glossary import`` reads (64 MiB; the shipped glossary is about
#: 1 MB as TBX): a larger one is refused before it is parsed, so that a hostile file (a huge
#: attribute or text node) cannot take the memory and time of the machine.
MAX_IMPORT_BYTES = 64 * 1024 * 1024


@dataclass
class DraftTerm:
    """One term as another format gives it (``replacement`` and ``en`` empty when unset)."""

    lang: str
    status: str
    text: str
    replacement: str = ""
    exact: bool = False
    en: str = ""
    line: int = 0
    ambiguous: bool | None = None
    valid_from: str = ""  # ISO dates, empty when open
    valid_until: str = ""

    def item(self) -> str | dict[str, Any]:
        """The term as it stands in a TOML array: a string, or an inline table."""
        flags = self.flags()
        return {"term": self.text, **flags} if flags else self.text

    def flags(self) -> dict[str, bool | str]:
        out: dict[str, bool | str] = {}
        if self.exact:
            out["exact"] = True
        if self.ambiguous is not None:
            out["ambiguous"] = self.ambiguous
        if self.valid_from:
            out["valid_from"] = self.valid_from
        if self.valid_until:
            out["valid_until"] = self.valid_until
        return out


@dataclass
class DraftConcept:
    """A concept as another format gives it; ``line`` is where it starts in that file."""

    id: str
    type: str = ""
    note: str = ""
    scope: str = ""
    valid_from: str = ""  # ISO dates, empty when open
    valid_until: str = ""
    relations: list[tuple[str, str]] = field(default_factory=list)  # (type, target id)
    identifiers: list[tuple[str, str]] = field(default_factory=list)
    terms: list[DraftTerm] = field(default_factory=list)
    line: int = 0

    def to_table(self) -> dict[str, Any]:
        """The table a ``[[concept]]`` block with this content parses to."""
        table: dict[str, Any] = {"id": self.id, "type": self.type}
        if self.scope:
            table["scope"] = self.scope
        if self.valid_from:
            table["valid_from"] = self.valid_from
        if self.valid_until:
            table["valid_until"] = self.valid_until
        if self.note:
            table["note"] = self.note
        if self.relations:
            table["relations"] = [{"type": t, "id": i} for t, i in self.relations]
        if self.identifiers:
            table["identifiers"] = dict(self.identifiers)
        langs = list(LANGUAGES) + sorted({t.lang for t in self.terms} - set(LANGUAGES))
        for lang in langs:
            terms = [t for t in self.terms if t.lang == lang]
            if terms:
                table[lang] = _language_table(terms)
        return table


def _language_table(terms: Sequence[DraftTerm]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    preferred = [t for t in terms if t.status == "preferred"]
    if preferred:
        out["preferred"] = preferred[0].item()
    for extra in preferred[1:]:  # a second preferred term: kept, so the check reports it
        out.setdefault("admitted", []).append(extra.item())
    pref_text = preferred[0].text if preferred else ""
    admitted: list[Any] = []
    for t in terms:
        if t.status != "admitted":
            continue
        nested = [d.item() for d in terms if d.status == "deprecated" and d.replacement == t.text]
        entry: dict[str, Any] = {"term": t.text, **t.flags()}
        if nested:
            entry["deprecated"] = nested
        if t.en:
            entry["en"] = t.en
        admitted.append(entry if len(entry) > 1 else t.text)
    if admitted:
        out.setdefault("admitted", []).extend(admitted)
    plain = [
        t.item()
        for t in terms
        if t.status == "deprecated" and t.replacement in ("", pref_text) and pref_text
    ]
    if plain:
        out["deprecated"] = plain
    return out


def _orphans(d: DraftConcept, source: str) -> list[Problem]:
    """Deprecated terms replaced by a term the concept does not have in that language."""
    out: list[Problem] = []
    for t in d.terms:
        if t.status != "deprecated" or not t.replacement:
            continue
        targets = {u.text for u in d.terms if u.lang == t.lang and u.status != "deprecated"}
        if t.replacement not in targets:
            out.append(
                Problem(
                    source,
                    t.line or d.line,
                    0,
                    "GLL002",
                    f"concept {d.id!r}: deprecated {t.text!r} is replaced by "
                    f"{t.replacement!r}, which is not a preferred or admitted "
                    f"{t.lang} term of the concept",
                )
            )
    return out


def drafts_to_concepts(drafts: Sequence[DraftConcept], source: str) -> list[Concept]:
    """Check the drafts as the loader checks a file; GlossaryError with every problem,
    located in ``source``, if there is one."""
    concepts: list[Concept] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for d in drafts:
        concept, found = concept_from_table(d.to_table(), source, d.line)
        prefix = f"concept {d.id!r}: " if d.id else ""
        problems.extend(
            Problem(source, p.line or d.line, 0, p.code, prefix + p.message) for p in found
        )
        problems.extend(_orphans(d, source))
        if d.id in seen:
            problems.append(
                Problem(
                    source,
                    d.line,
                    0,
                    "GLL003",
                    f"duplicate concept id {d.id!r} (first at line {seen[d.id]})",
                )
            )
        seen.setdefault(d.id, d.line)
        if concept is not None:
            concepts.append(concept)
    if problems:
        raise GlossaryError.from_problems(problems)
    return concepts


def drafts_to_toml(drafts: Sequence[DraftConcept], source: str, header: str) -> str:
    """The checked drafts as one glossary file, through the one TOML writer."""
    return format_glossary(drafts_to_concepts(drafts, source), header)
