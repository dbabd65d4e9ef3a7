"""CSV: one row per term (``--to csv``/``--from csv``); the concept's type, note and relations
repeat on each of its rows. A malformed row is an error naming its line.

Cells are escaped against spreadsheet formula injection (OWASP "CSV injection"): a cell that
starts with ``=``, ``+``, ``-``, ``@``, a tab, a carriage return or ``'`` gets a ``'`` in front,
and the import removes one leading ``'`` from every cell, so the round trip is lossless (a term
that really starts with ``'`` is written ``''``).
"""

from __future__ import annotations

import _csv
import csv
import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

from ..errors import GlossaryError
from ..model import LANGUAGES, STATUSES, Glossary
from .draft import DraftConcept, DraftTerm, drafts_to_toml
from .toml import explicit_en

__all__ = [
    "CSV_FIELDS",
    "FORMULA_STARTS",
    "escape_cell",
    "export_csv",
    "import_csv",
    "unescape_cell",
]

CSV_FIELDS = (
    "concept",
    "type",
    "lang",
    "status",
    "term",
    "replacement",
    "exact",
    "en",
    "note",
    "relations",
    "ambiguous",
    "scope",
    "valid_from",
    "valid_until",
    "concept_valid_from",
    "concept_valid_until",
)
#: Columns an import accepts missing (files written before they existed).
OPTIONAL_FIELDS = frozenset(
    {"ambiguous", "scope", "valid_from", "valid_until", "concept_valid_from", "concept_valid_until"}
)
_FLAG = {"": None, "true": True, "false": False}
#: First characters a spreadsheet may read as the start of a formula (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(cell: str) -> str:
    """``cell`` safe for a spreadsheet: a ``'`` in front of one that starts with a formula
    character or with ``'`` itself (so that :func:`unescape_cell` can undo it exactly)."""
    return "'" + cell if cell.startswith((*FORMULA_STARTS, "'")) else cell


def unescape_cell(cell: str) -> str:
    """The inverse of :func:`escape_cell`: one leading ``'`` removed."""
    return cell[1:] if cell.startswith("'") else cell


def export_csv(g: Glossary) -> str:
    """One row per term; the concept's type, note and relations repeat on each of its rows."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    # the csv module quotes a cell with a line feed but not one with a lone carriage return
    quoted = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_ALL)
    w.writerow(CSV_FIELDS)
    for c in g.concepts:
        rels = ";".join(f"{r.type}:{r.id}" for r in c.relations)
        for t in c.terms:
            cells = [
                escape_cell(cell)
                for cell in (
                    c.id,
                    c.type,
                    t.lang,
                    t.status,
                    t.text,
                    t.replacement or "",
                    "true" if t.exact else "",
                    explicit_en(c, t) or "",
                    c.note,
                    rels,
                    _flag_text(t.reviewed_ambiguous),
                    "" if c.scope == "syria" else c.scope,
                    _day(t.valid_from),
                    _day(t.valid_until),
                    _day(c.valid_from),
                    _day(c.valid_until),
                )
            ]
            (quoted if any("\r" in cell for cell in cells) else w).writerow(cells)
    return buf.getvalue()


def _day(d: dt.date | None) -> str:
    return "" if d is None else d.isoformat()


def _flag_text(v: bool | None) -> str:
    return "" if v is None else "true" if v else "false"


def _csv_rows(text: str, source: str) -> Iterator[tuple[int, dict[str, str]]]:
    """The rows of a glossary CSV with the line each starts on; GlossaryError naming the line
    for a missing column, a short or long row, an unknown status or language, an empty term."""
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader)
    except StopIteration:
        raise GlossaryError(source, 1, "empty file: no header row") from None
    except csv.Error as exc:
        raise GlossaryError(source, 1, f"invalid CSV: {exc}") from None
    missing = [f for f in CSV_FIELDS if f not in header and f not in OPTIONAL_FIELDS]
    if missing:
        raise GlossaryError(source, 1, f"missing columns: {', '.join(missing)}")
    for line, row in read_rows(reader, header, source):
        if not row["term"].strip():
            raise GlossaryError(source, line, "empty term")
        if row["status"] not in STATUSES:
            raise GlossaryError(
                source,
                line,
                f"unknown status {row['status']!r} (use {', '.join(STATUSES)})",
            )
        if row["lang"] not in LANGUAGES:
            raise GlossaryError(
                source, line, f"unknown language {row['lang']!r} (use {', '.join(LANGUAGES)})"
            )
        for flag in ("exact", "ambiguous"):
            if row.get(flag, "") not in _FLAG:
                raise GlossaryError(
                    source, line, f"{flag} must be true, false or empty, not {row[flag]!r}"
                )
        if not row["concept"].strip():
            raise GlossaryError(source, line, "empty concept id")
        yield line, row


def read_rows(
    reader: _csv.Reader, header: list[str], source: str
) -> Iterator[tuple[int, dict[str, str]]]:
    """The rows after ``header`` of a CSV ``reader`` (a ``csv.reader``), with the line each
    starts on, cells unescaped (:func:`unescape_cell`); blank lines skipped; GlossaryError
    naming the line for invalid CSV or a row of the wrong width."""
    start = reader.line_num + 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise GlossaryError(source, start, f"invalid CSV: {exc}") from None
        line, start = start, reader.line_num + 1
        if not cells:
            continue  # a blank line
        if len(cells) != len(header):
            few = "few" if len(cells) < len(header) else "many"
            raise GlossaryError(
                source, line, f"too {few} columns ({len(cells)}, the header has {len(header)})"
            )
        yield line, dict(zip(header, map(unescape_cell, cells), strict=True))


def import_csv(text: str, source: str) -> str:
    drafts: dict[str, DraftConcept] = {}
    for line, row in _csv_rows(text, source):
        d = drafts.get(row["concept"])
        if d is None:
            rels = [tuple(x.split(":", 1)) for x in row["relations"].split(";") if ":" in x]
            d = drafts[row["concept"]] = DraftConcept(
                row["concept"],
                row["type"],
                row["note"],
                row.get("scope", ""),
                row.get("concept_valid_from", ""),
                row.get("concept_valid_until", ""),
                [(a, b) for a, b in rels],
                line=line,
            )
        d.terms.append(
            DraftTerm(
                row["lang"],
                row["status"],
                row["term"],
                row["replacement"],
                row["exact"] == "true",
                row["en"],
                line,
                _FLAG[row.get("ambiguous", "")],
                row.get("valid_from", ""),
                row.get("valid_until", ""),
            )
        )
    return drafts_to_toml(list(drafts.values()), source, f"# Imported from {Path(source).name}.")
