"""Glossary statistics of a corpus: what ``tarjama glossary stats`` reports.

The corpus is cleaned and its mentions found exactly as ``tarjama glossary annotate`` finds
them (:mod:`cleanup.annotate`). Each mention is counted under its concept and under the
variant as written in the raw text, with that variant's glossary status; a spelling the
glossary does not list, rewritten by the unlisted-spelling rule, is counted as ``unlisted``.
The mentions of ambiguous terms that the cleaning left alone for lack of evidence (the
findings of GL05) are counted per concept, with an example.

:meth:`CorpusStats.to_json` is the one document every output is drawn from: the JSON output
itself, :func:`format_text`, and the HTML page (:mod:`cleanup.report.glossary_stats`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from .annotate import MentionRecord, piece_mentions, record_text
from .driver import CleanOptions, FileOutcome, Piece, RecordFinding, clean_stream
from .glossary.matcher import Matcher
from .glossary.model import Concept, Term

__all__ = ["STATUSES", "CorpusStats", "Example", "format_text"]

#: The status of a variant: the glossary status of the term it is written as, ``arabic`` for
#: a term in Arabic script (whatever its status), ``unlisted`` for a spelling the glossary
#: does not list.
STATUSES = ("preferred", "admitted", "deprecated", "arabic", "unlisted")

#: Characters of context shown on each side of an example.
CONTEXT = 40


@dataclass(frozen=True, slots=True)
class Example:
    """Where a mention is: file, 1-based line (or JSONL record), the mention as written and
    up to :data:`CONTEXT` characters of its line on each side."""

    file: str
    line: int
    before: str
    text: str
    after: str

    @classmethod
    def at(cls, file: str, line: int, text: str, start: int, end: int) -> Example:
        before = text[max(0, start - CONTEXT) : start]
        after = text[end : end + CONTEXT]
        return cls(file, line, before, text[start:end], after)

    def to_json(self) -> dict[str, object]:
        return dataclasses.asdict(self)


@dataclass
class ConceptStats:
    concept: Concept
    mentions: int = 0
    #: (variant as written, status) -> mentions
    variants: Counter[tuple[str, str]] = field(default_factory=Counter)
    unlisted: dict[str, Example] = field(default_factory=dict)  # first example of each
    left_alone: int = 0
    left_example: Example | None = None


class CorpusStats:
    """Counts over a corpus, added to one stream (or one mention) at a time."""

    def __init__(self, matcher: Matcher) -> None:
        self.matcher = matcher
        self.files: list[str] = []
        self.documents = 0
        self.records = 0
        self.characters = 0
        self.concepts: dict[str, ConceptStats] = {}
        self._status: dict[tuple[str, str, dt.date | None], str] = {}

    # -- adding ------------------------------------------------------------------------------

    def add_stream(
        self,
        stream: BinaryIO,
        name: str,
        options: CleanOptions,
        progress: Callable[[int], None] | None = None,
    ) -> FileOutcome:
        """Clean and annotate one input as ``tarjama glossary annotate`` does and count it.
        Plain text is one document per input; JSON Lines and TSV one per record.

        Raises :class:`~cleanup.io.InputError` for invalid input."""
        opts = dataclasses.replace(options, explain=True, keep_original=True)
        texts = [0]

        def on_piece(piece: Piece) -> None:
            texts[0] += self._add_piece(piece, name, opts)

        outcome = clean_stream(stream, name, opts, None, on_piece, progress)
        self.files.append(name)
        self.records += outcome.records
        self.documents += texts[0] if options.input_format != "text" else 1
        return outcome

    def _add_piece(self, piece: Piece, name: str, options: CleanOptions) -> int:
        """Count one cleaned piece; return the number of records with text in it."""
        raw: list[str | None] = [record_text(body, options) for body in piece.original]
        for value in raw:
            self.characters += len(value or "")
        for m in piece_mentions(piece, options, self.matcher):
            self.add_mention(m, raw[m.record - piece.first_record] or "", name)
        left: dict[int, list[RecordFinding]] = {}
        for f in piece.findings:
            if f.code == "GL05":
                left.setdefault(f.record, []).append(f)
        for rec, findings in left.items():
            cleaned = record_text(piece.cleaned[rec - piece.first_record], options) or ""
            day = piece.dates.get(rec) or options.config.date
            found = {(x.start, x.end): x.concept for x in self.matcher.find(cleaned, day)}
            for f in findings:
                concept = found.get((f.column, f.end))
                if concept is not None:
                    self.add_left_alone(concept, Example.at(name, f.line, cleaned, f.column, f.end))
        return sum(value is not None for value in raw)

    def add_mention(self, m: MentionRecord, raw: str, file: str) -> None:
        """Count one mention; ``raw`` is its record (or field) before cleaning."""
        concept = m.mention.concept
        text = raw[m.raw_start : m.raw_end]
        unlisted = bool(getattr(m, "unlisted", False))
        status = "unlisted" if unlisted else self.status(text, concept, m.mention.term, m.date)
        cs = self._concept(concept)
        cs.mentions += 1
        cs.variants[(text, status)] += 1
        if unlisted and text not in cs.unlisted:
            cs.unlisted[text] = Example.at(file, m.line, raw, m.raw_start, m.raw_end)

    def add_left_alone(self, concept: Concept, example: Example) -> None:
        """Count one mention of ``concept`` left alone for lack of evidence (GL05)."""
        cs = self._concept(concept)
        cs.left_alone += 1
        if cs.left_example is None:
            cs.left_example = example

    def status(
        self, text: str, concept: Concept, fallback: Term, day: dt.date | None = None
    ) -> str:
        """The status of ``text`` as a name of ``concept``: that of the glossary term it is
        written as (``fallback``, the term found in the cleaned text, when it is none)."""
        key = (text, concept.id, day)
        got = self._status.get(key)
        if got is None:
            term = fallback
            for x in self.matcher.find(text, day):
                if x.concept.id == concept.id and (x.start, x.end) == (0, len(text)):
                    term = x.term
            got = "arabic" if term.lang == "ar" else term.status
            self._status[key] = got
        return got

    def _concept(self, concept: Concept) -> ConceptStats:
        cs = self.concepts.get(concept.id)
        if cs is None:
            cs = self.concepts[concept.id] = ConceptStats(concept)
        return cs

    # -- the document ------------------------------------------------------------------------

    def to_json(self, top: int | None = None) -> dict[str, Any]:
        """The statistics as one JSON document (fields in docs/glossary-format.md, *Corpus
        statistics*); ``top``: list only that many concepts, the most mentioned first."""
        mentioned = sorted(
            (c for c in self.concepts.values() if c.mentions),
            key=lambda c: (-c.mentions, c.concept.id),
        )
        left = sorted(
            (c for c in self.concepts.values() if c.left_alone),
            key=lambda c: (-c.left_alone, c.concept.id),
        )
        unlisted = [
            {
                **_concept_json(c.concept),
                "text": text,
                "count": c.variants[(text, "unlisted")],
                "example": example.to_json(),
            }
            for c in mentioned
            for text, example in c.unlisted.items()
        ]
        unlisted.sort(key=lambda u: (-u["count"], u["concept"], u["text"]))
        return {
            "files": list(self.files),
            "totals": {
                "documents": self.documents,
                "records": self.records,
                "characters": self.characters,
                "mentions": sum(c.mentions for c in mentioned),
                "concepts": len(mentioned),
                "variants": sum(len(c.variants) for c in mentioned),
                "unlisted": sum(u["count"] for u in unlisted),
                "left_alone": sum(c.left_alone for c in left),
            },
            "top": top,
            "concepts": [_mentioned_json(c) for c in mentioned[:top]],
            "unlisted": unlisted,
            "left_alone": [
                {
                    **_concept_json(c.concept),
                    "count": c.left_alone,
                    "example": c.left_example.to_json() if c.left_example else None,
                }
                for c in left
            ],
        }


def _concept_json(concept: Concept) -> dict[str, Any]:
    return {"concept": concept.id, "label": concept.label, "type": concept.type}


def _mentioned_json(c: ConceptStats) -> dict[str, Any]:
    variants = sorted(c.variants.items(), key=lambda kv: (-kv[1], kv[0]))
    return {
        **_concept_json(c.concept),
        "mentions": c.mentions,
        "left_alone": c.left_alone,
        "variants": [{"text": t, "status": s, "count": n} for (t, s), n in variants],
    }


# -- text --------------------------------------------------------------------------------------


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _example_text(e: Mapping[str, Any]) -> str:
    return f"{e['file']}:{e['line']}: {e['before']}[{e['text']}]{e['after']}"


def format_text(doc: Mapping[str, Any]) -> str:
    """The document of :meth:`CorpusStats.to_json` as a readable table."""
    t = doc["totals"]
    lines = [
        f"{_plural(len(doc['files']), 'file')}, {_plural(t['documents'], 'document')}, "
        f"{_plural(t['records'], 'record')}, {_plural(t['characters'], 'character')}",
        f"{_plural(t['mentions'], 'mention')} of {_plural(t['concepts'], 'concept')}, as "
        f"{_plural(t['variants'], 'variant')}; {t['unlisted']:,} in unlisted spellings; "
        f"{t['left_alone']:,} ambiguous left alone for lack of evidence",
        "",
    ]
    shown = len(doc["concepts"])
    if shown < t["concepts"]:
        lines.append(f"The {shown} most mentioned concepts:")
    width = max((len(v["text"]) for c in doc["concepts"] for v in c["variants"]), default=0)
    lines.append(f"{'mentions':>8}  {'left':>5}  concept")
    for c in doc["concepts"]:
        lines.append(f"{c['mentions']:>8,}  {c['left_alone']:>5,}  {c['label']} ({c['concept']})")
        for v in c["variants"]:
            lines.append(f"{'':>17}{v['count']:>6,}  {v['text']:<{width}}  {v['status']}")
    lines.append("")
    lines.append("Unlisted variants (not in the glossary, rewritten by their transliteration key):")
    for u in doc["unlisted"]:
        lines.append(f"{u['count']:>8,}  {u['text']} -> {u['label']} ({u['concept']})")
        lines.append(f"{'':>10}{_example_text(u['example'])}")
    if not doc["unlisted"]:
        lines.append(f"{'':>10}none")
    lines.append("")
    lines.append("Ambiguous mentions left alone for lack of evidence (GL05):")
    for a in doc["left_alone"]:
        lines.append(f"{a['count']:>8,}  {a['label']} ({a['concept']})")
        if a["example"] is not None:
            lines.append(f"{'':>10}{_example_text(a['example'])}")
    if not doc["left_alone"]:
        lines.append(f"{'':>10}none")
    return "\n".join(lines) + "\n"
