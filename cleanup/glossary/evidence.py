"""Context evidence: when an ambiguous glossary term may be applied.

A term marked ``ambiguous`` (docs/glossary-format.md) names its concept, but also other people,
places or things, or it is an ordinary word. Its mentions are rewritten by ``tarjama clean``
and reported by ``tarjama glossary annotate`` only when the text around them shows that the
concept is meant. The rule, on the paragraphs (lines) of one document (a plain-text stream, or
one JSON Lines record or TSV cell):

* an **anchor** is a mention of a term that is not ambiguous (``Idlib``, ``Hayat Tahrir
  al-Sham``): it names its concept whatever the context;
* an ambiguous mention is **licensed** by an anchor of a concept of the Syria domain
  (``scope = "syria"``, the default) in the *same paragraph* (the paragraph is about the
  Syrian conflict), or by an anchor of a *related* concept within ``WINDOW`` paragraphs before
  or after it (blank lines do not count). The concepts related to a concept are itself, those
  it has a relation to and those that have a relation to it (``leader-of``, ``part-of``...),
  and the places it lies in, up its ``located-in`` and ``part-of`` chain (its governorate and
  country);
* an anchor of a ``world`` concept (the United States, Reuters, Hezbollah: named in any news)
  licenses only the *other* concepts related to it (``Hezbollah`` licenses ``Naim Qassem``):
  that a story names the United States says nothing about whether its ``USA`` is the country
  or ``USA Gymnastics``;
* an unambiguous mention that cleaning turns into an ambiguous term (``الأردن`` becomes
  ``Jordan``) licenses its concept on its line: the raw text named it unambiguously;
* a licensed mention whose cleaning turns it into an unambiguous term (``Raed Saleh`` becomes
  ``Raed al-Saleh``) is an anchor in turn: it will be one in the cleaned text. One that stays
  ambiguous (``Jordan``) is not, so ambiguous mentions never license each other.

The licensed set is the smallest one closed under these rules, whatever order the mentions are
looked at, and it depends only on the text, so cleaning is deterministic. It is also
idempotent: the anchors of the cleaned text are among the anchors of the text it came from
(a rewrite never makes an anchor that was not one), so cleaning it again licenses nothing
new. Licensing is per paragraph and concept: every mention of a concept in one paragraph is
licensed or none is.
"""

from __future__ import annotations

import bisect
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from ..edits import Anchor, Licence
from .model import Concept, Glossary

__all__ = [
    "ALWAYS",
    "UNAMBIGUOUS",
    "WINDOW",
    "MentionAt",
    "Survey",
    "license_mentions",
    "related_concepts",
]

#: How many paragraphs before and after an ambiguous mention a related anchor may be.
WINDOW = 3


UNAMBIGUOUS = Licence("unambiguous")
ALWAYS = Licence("always")


@dataclass(frozen=True, slots=True)
class MentionAt:
    """What the evidence rule needs of a mention."""

    line: int
    start: int
    end: int
    concept: str
    ambiguous: bool
    #: licensed, it becomes an anchor (cleaning turns it into an unambiguous term)
    promotes: bool = False
    #: an unambiguous mention that cleaning turns into an ambiguous term (الأردن becomes
    #: Jordan): what it becomes is licensed by what it was
    demotes: bool = False


@dataclass(frozen=True, slots=True)
class Survey:
    """What the evidence rule found in one document: the licence of every (line, concept)
    with evidence for its ambiguous mentions (and its unlisted spellings, GL06), the lines
    that hold an ambiguous mention left without (GL05 looks only there), and the lines that
    hold an unlisted spelling (GL06 looks only there in a later pass)."""

    licences: dict[tuple[int, str], Licence]
    unlicensed: frozenset[int] = frozenset()
    unlisted: frozenset[int] = frozenset()


def related_concepts(glossary: Glossary) -> dict[str, frozenset[str]]:
    """For each concept id, the ids of the concepts related to it (see the module docstring)."""
    by_id: Mapping[str, Concept] = {c.id: c for c in glossary.concepts}
    links: dict[str, set[str]] = {c.id: {c.id} for c in glossary.concepts}
    for c in glossary.concepts:
        for r in c.relations:
            if r.id in by_id:
                links[c.id].add(r.id)
                links[r.id].add(c.id)
    out: dict[str, frozenset[str]] = {}
    for c in glossary.concepts:
        found = set(links[c.id])
        seen = {c.id}
        todo = [c.id]
        while todo:  # up the located-in / part-of chain
            cur = by_id[todo.pop()]
            for r in cur.relations:
                if r.type in ("located-in", "part-of") and r.id in by_id and r.id not in seen:
                    seen.add(r.id)
                    found.add(r.id)
                    todo.append(r.id)
        out[c.id] = frozenset(found)
    return out


def license_mentions(
    mentions: Iterable[MentionAt],
    ordinals: Sequence[int],
    related: Mapping[str, frozenset[str]],
    domain: AbstractSet[str] | None = None,
    window: int = WINDOW,
) -> dict[tuple[int, str], Licence]:
    """The licence of every (line, concept) that has a mention of an ambiguous term and
    evidence for it. ``ordinals[line]`` is the line's position among the non-blank lines;
    ``domain`` the concepts whose anchors license their whole paragraph (None: all).
    Linear in the number of mentions (each (line, concept) is an anchor once, and looks at the
    pending concepts of at most ``2 * window + 1`` paragraphs)."""
    out: dict[tuple[int, str], Licence] = {}
    queue: deque[Anchor] = deque()
    anchored: set[tuple[int, str]] = set()
    pending: dict[int, dict[str, MentionAt]] = {}  # ordinal -> concept -> first mention
    pending_lines: list[int] = []  # ordinals with pending mentions, sorted
    for m in mentions:
        key = (m.line, m.concept)
        if not m.ambiguous:
            if m.demotes:
                out[key] = UNAMBIGUOUS
            if key not in anchored:
                anchored.add(key)
                queue.append(Anchor(m.concept, m.line, m.start, m.end))
            continue
        o = ordinals[m.line]
        slot = pending.get(o)
        if slot is None:
            slot = pending[o] = {}
            bisect.insort(pending_lines, o)
        got = slot.get(m.concept)
        if got is None or (m.promotes and not got.promotes):
            slot[m.concept] = m  # one per paragraph and concept: one that promotes if any
    if not pending:
        return out
    while queue:
        a = queue.popleft()
        here = ordinals[a.line]
        in_domain = domain is None or a.concept in domain
        lo = bisect.bisect_left(pending_lines, here - window)
        hi = bisect.bisect_right(pending_lines, here + window)
        for o in pending_lines[lo:hi]:
            slot = pending[o]
            if not slot:
                continue
            same = o == here
            for concept in list(slot):
                if (slot[concept].line, concept) in out:
                    del slot[concept]  # a demoted mention on the line licenses it already
                    continue
                if in_domain:
                    if same:
                        basis = "paragraph"
                    elif a.concept in related.get(concept, ()):
                        basis = "related"
                    else:
                        continue
                elif concept != a.concept and a.concept in related.get(concept, ()):
                    basis = "related"
                else:
                    continue
                m = slot.pop(concept)
                key = (m.line, concept)
                out[key] = Licence(basis, a)
                if m.promotes and key not in anchored:
                    anchored.add(key)
                    queue.append(Anchor(concept, m.line, m.start, m.end))
    return out
