"""The glossary data model: concepts with typed relations and terms per language and status.

It follows TBX (ISO 30042) in spirit: a *concept* is the thing named (a faction, a person, a
place...), and each *term* is one name for it in one language, with a status:

* ``preferred``: the house-style form (exactly one per language that has terms);
* ``admitted``: a legitimate other name (an acronym, a nom de guerre, an official long form);
* ``deprecated``: a spelling variant or an MT calque, replaced by ``replacement`` (the preferred
  form, or the admitted form it is a misspelling of).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal

__all__ = [
    "CONCEPT_TYPES",
    "LANGUAGES",
    "RELATION_TYPES",
    "SCOPES",
    "STATUSES",
    "Concept",
    "Glossary",
    "Location",
    "Relation",
    "Status",
    "Term",
    "valid_on_day",
]

CONCEPT_TYPES: tuple[str, ...] = (
    "faction",
    "coalition",
    "armed-force",
    "militia",
    "jihadist-group",
    "government",
    "political-body",
    "person",
    "country",
    "governorate",
    "city",
    "town",
    "village",
    "district",
    "neighbourhood",
    "region",
    "border-crossing",
    "road",
    "airbase",
    "military-base",
    "dam",
    "prison",
    "organisation",
    "un-body",
    "monitor",
    "media",
    "operation",
)
RELATION_TYPES: tuple[str, ...] = (
    "formerly",
    "succeeded-by",
    "part-of",
    "located-in",
    "leader-of",
    "spokesperson-of",
    "member-of",
    "affiliated-with",
)
LANGUAGES: tuple[str, ...] = ("en", "ar")
#: Where a concept is in the news: ``syria`` (the default: the Syrian conflict) or ``world``
#: (named in news beyond it: other countries, the UN, international media, world leaders).
SCOPES: tuple[str, ...] = ("syria", "world")
Status = Literal["preferred", "admitted", "deprecated"]
STATUSES: tuple[str, ...] = ("preferred", "admitted", "deprecated")


@dataclass(frozen=True, slots=True)
class Location:
    """Where something was defined: a file and a 1-based line and column."""

    file: str
    line: int
    col: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True, slots=True)
class Relation:
    """A typed link from one concept to another (``formerly``, ``part-of``...)."""

    type: str
    id: str


@dataclass(frozen=True, slots=True)
class Term:
    """One name of a concept in one language.

    ``replacement`` is set for deprecated terms only: the text of the preferred or admitted term
    of the same language that replaces it. ``exact`` terms match only case-sensitively and
    exactly as written (short forms such as ``HTS`` or ``IS``). ``english`` is set
    for Arabic terms: the English term an Arabic-script mention in English text is replaced by
    (None when the glossary cannot tell which English name an Arabic admitted term stands for).
    """

    text: str
    lang: str
    status: Status
    replacement: str | None = None
    exact: bool = False
    english: str | None = None
    location: Location | None = field(default=None, compare=False, repr=False)
    #: True: this form also names other people, places or things, or is an ordinary word or
    #: phrase, so it is applied only with evidence in its context; False: reviewed and found
    #: unambiguous; None: not reviewed (lint checks it against reference data).
    reviewed_ambiguous: bool | None = None
    #: the period in which this term names this concept (``valid_from`` inclusive,
    #: ``valid_until`` exclusive; None: open)
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None

    @property
    def ambiguous(self) -> bool:
        return self.reviewed_ambiguous is True

    @property
    def dated(self) -> bool:
        return self.valid_from is not None or self.valid_until is not None

    def valid_on(self, day: dt.date) -> bool:
        """Whether this term names its concept on ``day`` (its own period)."""
        return _within(day, self.valid_from, self.valid_until)


@dataclass(frozen=True, slots=True)
class Concept:
    """A named thing, with its terms in every language and its relations to other concepts."""

    id: str
    type: str
    terms: tuple[Term, ...]
    note: str = ""
    relations: tuple[Relation, ...] = ()
    identifiers: tuple[tuple[str, str], ...] = ()
    location: Location | None = field(default=None, compare=False, repr=False)
    #: ``syria`` or ``world`` (see SCOPES): only a ``syria`` concept's mention is evidence for
    #: the whole Syria domain (docs/glossary-format.md)
    scope: str = "syria"
    #: the period in which the concept exists (``valid_from`` inclusive, ``valid_until``
    #: exclusive; None: open)
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None

    @property
    def source(self) -> str:
        """``file:line`` of the ``[[concept]]`` block that defined this concept."""
        return str(self.location) if self.location else ""

    def preferred(self, lang: str = "en") -> Term | None:
        for t in self.terms:
            if t.lang == lang and t.status == "preferred":
                return t
        return None

    def admitted(self, lang: str = "en") -> tuple[Term, ...]:
        return tuple(t for t in self.terms if t.lang == lang and t.status == "admitted")

    def deprecated(self, lang: str = "en") -> tuple[Term, ...]:
        return tuple(t for t in self.terms if t.lang == lang and t.status == "deprecated")

    def terms_in(self, lang: str) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if t.lang == lang)

    def period(self, term: Term) -> tuple[dt.date | None, dt.date | None]:
        """When ``term`` names this concept while it exists: the concept's period and the
        term's, intersected (None: open)."""
        return _later(self.valid_from, term.valid_from), _earlier(
            self.valid_until, term.valid_until
        )

    def exists_on(self, day: dt.date) -> bool:
        """Whether ``day`` is in the concept's period."""
        return _within(day, self.valid_from, self.valid_until)

    @property
    def dated(self) -> bool:
        return self.valid_from is not None or self.valid_until is not None

    @property
    def label(self) -> str:
        """The English preferred form, or the id when there is none."""
        p = self.preferred("en")
        return p.text if p else self.id


def valid_on_day(pairs: Sequence[tuple[Concept, Term]], day: dt.date) -> list[int]:
    """Which of the (concept, term) pairs one surface form stands for name it on ``day``
    (their indices): those whose term names its concept that day (a term's own period is a
    hard limit), and among them those whose concept exists then if any (a concept's period
    only chooses between concepts: "the Fourth Armoured Division" in a 2026 report is still the
    Assad-era division)."""
    links = [i for i, (_, t) in enumerate(pairs) if t.valid_on(day)]
    alive = [i for i in links if pairs[i][0].exists_on(day)]
    return alive or links


def _within(day: dt.date, start: dt.date | None, end: dt.date | None) -> bool:
    return (start is None or start <= day) and (end is None or day < end)


def _later(a: dt.date | None, b: dt.date | None) -> dt.date | None:
    return b if a is None else a if b is None else max(a, b)


def _earlier(a: dt.date | None, b: dt.date | None) -> dt.date | None:
    return b if a is None else a if b is None else min(a, b)


@dataclass(frozen=True)
class Glossary:
    """A loaded glossary: concepts in a stable order (file order, overlays replacing in place).

    ``files`` lists the files it was read from, in load order.
    """

    concepts: tuple[Concept, ...]
    files: tuple[str, ...] = ()
    _by_id: dict[str, Concept] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_id.update((c.id, c) for c in self.concepts)

    def get(self, concept_id: str) -> Concept | None:
        return self._by_id.get(concept_id)

    def __len__(self) -> int:
        return len(self.concepts)

    def __iter__(self) -> Iterator[Concept]:
        return iter(self.concepts)

    def __contains__(self, concept_id: object) -> bool:
        return concept_id in self._by_id

    def terms(self) -> Iterator[tuple[Concept, Term]]:
        """Every (concept, term) pair, in order."""
        for c in self.concepts:
            for t in c.terms:
                yield c, t
