"""Mentions of glossary concepts in cleaned text, located in both the cleaned and the raw text.

This is what extraction consumes: for each record (a line of plain text, or one JSON Lines record)
the text is cleaned exactly as ``tarjama clean`` would clean it, the glossary names in the cleaned
text are found, and each mention's span is mapped back to the raw record through the edit log.
Each mention carries its evidence: a term marked ambiguous is reported only where the cleaning
found evidence for it in its context (see :mod:`cleanup.glossary.evidence`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from .driver import CleanOptions, FileOutcome, Piece, clean_stream
from .edits import Edit, Licence, OffsetMap
from .glossary.evidence import ALWAYS, UNAMBIGUOUS
from .glossary.matcher import Matcher, Mention

#: (line in the record, concept id) -> licence, for one record
Licences = dict[tuple[int, str], Licence]

__all__ = [
    "MentionRecord",
    "annotate_stream",
    "annotate_text",
    "mention_records",
    "piece_mentions",
    "record_text",
]


@dataclass(frozen=True, slots=True)
class MentionRecord:
    record: int
    start: int
    end: int
    raw_start: int
    raw_end: int
    text: str
    mention: Mention
    id: object = None  # the record's own id (--id-field)
    licence: Licence = UNAMBIGUOUS
    per_line: bool = True  # plain text (evidence anchors located by their own line)
    #: the date dated terms were resolved on, and whether it was given (--date, a record's
    #: --date-field) or assumed (today)
    date: dt.date | None = None
    date_given: bool = False
    #: the raw text had a spelling the glossary does not list, rewritten by GL06
    unlisted: bool = False

    @property
    def line(self) -> int:
        """The 1-based line (plain text) or record (JSON Lines) of the mention."""
        return self.record + 1

    def to_json(self, file: str | None = None) -> dict[str, object]:
        c, t = self.mention.concept, self.mention.term
        out: dict[str, object] = {}
        if file is not None:
            out["file"] = file
        out["line"] = self.line
        if self.id is not None:
            out["id"] = self.id
        out.update(
            record=self.record,
            start=self.start,
            end=self.end,
            raw_start=self.raw_start,
            raw_end=self.raw_end,
            text=self.text,
            concept=c.id,
            type=c.type,
            term=t.text,
            status=t.status,
            lang=t.lang,
            preferred=c.label,
        )
        if self.mention.ambiguous:
            out["ambiguous"] = [c.id, *self.mention.ambiguous]
        else:
            out["evidence"] = self.licence.to_json(c.id, None if self.per_line else self.record)
        if self.unlisted:
            out["unlisted"] = True
        if self.date is not None:
            out["date"] = self.date.isoformat()
            out["date_given"] = self.date_given
        return out


def mention_records(
    record: int,
    cleaned: str,
    edits: list[Edit],
    matcher: Matcher,
    raw: str | None = None,
    licences: Licences | None = None,
    context: str = "always",
    per_line: bool = True,
    day: dt.date | None = None,
    day_given: bool = False,
) -> list[MentionRecord]:
    """The mentions in one cleaned record; ``edits`` is that record's edit log and ``raw`` the
    record before cleaning (used to give a replaced name its exact raw span).

    A mention of an ambiguous term is kept only if ``licences`` (what the cleaning found,
    keyed by line in the record and concept) has evidence for it, under ``context``
    ``evidence``; ``always`` keeps it, ``never`` drops it. Dated terms are resolved on
    ``day`` (default: today; ``day_given`` says whether it was given)."""
    omap = OffsetMap(edits) if edits else None
    unlisted_edits = [e for e in edits if "GL06" in e.rules]
    out: list[MentionRecord] = []
    if day is None:
        day, day_given = dt.date.today(), False
    for m in matcher.find(cleaned, day):
        licence = UNAMBIGUOUS
        if m.term.ambiguous and not m.ambiguous:
            if context == "never":
                continue
            if context == "always":
                licence = ALWAYS
            else:
                line = cleaned.count("\n", 0, m.start)
                got = (licences or {}).get((line, m.concept.id))
                if got is None:
                    continue
                licence = got
        rs, re_ = m.start, m.end
        unlisted = False
        if omap is not None:
            rs, re_ = omap.span_to_original(m.start, m.end)
            if raw is not None and re_ - rs != m.end - m.start:
                rs, re_ = _tighten(raw, rs, re_, m, matcher, day)
        for e in unlisted_edits:  # a spelling the glossary does not list: say so, with why
            if e.start < re_ and rs < e.end:
                got = dict(e.evidence).get(m.concept.id)
                if got is not None:
                    unlisted, licence = True, got
        out.append(
            MentionRecord(
                record,
                m.start,
                m.end,
                rs,
                re_,
                cleaned[m.start : m.end],
                m,
                licence=licence,
                per_line=per_line,
                date=day,
                date_given=day_given,
                unlisted=unlisted,
            )
        )
    return out


def _tighten(
    raw: str, rs: int, re_: int, m: Mention, matcher: Matcher, day: dt.date
) -> tuple[int, int]:
    """An edit that replaced a name may have been merged with a neighbouring edit (a spacing
    fix right after it), so the mapped raw span can be wider than the name: narrow it to the
    one mention of the same concept inside it, if there is exactly one."""
    inside = [x for x in matcher.find(raw[rs:re_], day) if x.concept.id == m.concept.id]
    if len(inside) == 1:
        return rs + inside[0].start, rs + inside[0].end
    return rs, re_


def annotate_text(text: str, matcher: Matcher, day: dt.date | None = None) -> list[MentionRecord]:
    """Mentions in ``text`` as it is (no cleaning): raw offsets equal cleaned offsets; dated
    terms resolved on ``day`` (default: today, assumed)."""
    return mention_records(0, text, [], matcher, day=day, day_given=day is not None)


def record_text(body: str, options: CleanOptions) -> str | None:
    """The text of one record (its field or column; the line itself for plain text)."""
    if options.input_format == "jsonl":
        if not body.strip():
            return None
        value = json.loads(body).get(options.json_field)
        return value if isinstance(value, str) else None
    if options.input_format == "tsv":
        cols = body.split("\t")
        n = options.tsv_column - 1
        return cols[n] if n < len(cols) else None
    return body


def annotate_stream(
    stream: BinaryIO,
    name: str,
    options: CleanOptions,
    matcher: Matcher,
    emit: Callable[[MentionRecord], None],
) -> FileOutcome:
    """Clean ``stream`` as ``tarjama clean`` does and emit every mention, in order; the
    outcome holds the cleaning's repairs and warnings.

    Raises :class:`~cleanup.io.InputError` for invalid input.
    """
    opts = dataclasses.replace(options, explain=True, keep_original=True)

    def on_piece(piece: Piece) -> None:
        for mrec in piece_mentions(piece, opts, matcher):
            emit(mrec)

    return clean_stream(stream, name, opts, None, on_piece)


def piece_mentions(
    piece: Piece, options: CleanOptions, matcher: Matcher
) -> Iterator[MentionRecord]:
    by_record: dict[int, list[Edit]] = {}
    for rec, e in piece.edits:
        by_record.setdefault(rec, []).append(e)
    lic_by_record: dict[int, Licences] = {}
    for (rec, line, concept), lic in piece.licences.items():
        lic_by_record.setdefault(rec, {})[(line, concept)] = lic
    for k, body in enumerate(piece.cleaned):
        rec = piece.first_record + k
        value = record_text(body, options)
        if value is None:
            continue
        edits = by_record.get(rec, [])
        raw = record_text(piece.original[k], options) if edits else None
        rid = piece.ids.get(rec)
        licences = lic_by_record.get(rec)
        context = options.config.glossary_context
        per_line = options.input_format == "text"
        day = piece.dates.get(rec) or options.config.date
        given = day is not None
        for m in mention_records(
            rec, value, edits, matcher, raw, licences, context, per_line, day, given
        ):
            yield dataclasses.replace(m, id=rid) if rid is not None else m
