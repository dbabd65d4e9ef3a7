"""CAT-tool CSV: one concept per row (``--to csv``, the default CSV layout), as memoQ, Trados
and Phrase import term bases.

Columns: ``id``, ``type``, ``note``, then per language and status ``en`` (the preferred term),
``en_admitted``, ``en_deprecated``, ``ar``, ``ar_admitted``, ``ar_deprecated``, then what a
CAT tool may ignore but a round trip needs: ``scope`` (empty for ``syria``), ``valid_from``,
``valid_until`` (the concept's period, ISO dates), ``relations`` (``type:id`` joined by
``;``), ``identifiers`` and ``term_attributes`` (JSON objects, empty when there are none).

A term cell holds its terms separated by ``|``; a ``|`` or ``\\`` inside a term is written
``\\|`` or ``\\\\``. ``term_attributes`` maps a term column to the terms of it that have
attributes, each to an object with ``exact`` (true), ``ambiguous`` (true or false),
``valid_from``/``valid_until`` (ISO dates), ``replaces`` (a deprecated term replaced by an
admitted term rather than the preferred one) and ``en`` (the English form of an Arabic
admitted term, when it is not the default)::

    {"en_deprecated": {"Hims": {"exact": true}}, "ar_admitted": {"...": {"en": "..."}}}

Every cell is escaped against formula injection as in the one-term-per-row layout
(:func:`.csv.escape_cell`). A malformed row is an error naming its line.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import GlossaryError
from ..model import LANGUAGES, STATUSES, Concept, Glossary, Term
from .csv import CSV_FIELDS, escape_cell, import_csv, read_rows
from .draft import DraftConcept, DraftTerm, drafts_to_toml
from .toml import explicit_en

__all__ = [
    "CAT_FIELDS",
    "CSV_LAYOUTS",
    "detect_csv_layout",
    "export_cat_csv",
    "import_any_csv",
    "import_cat_csv",
    "join_terms",
    "split_terms",
]

CSV_LAYOUTS = ("cat", "terms")
#: The term columns, per language and status (the bare language column holds the preferred).
TERM_COLUMNS: dict[str, tuple[str, str]] = {
    (lang if status == "preferred" else f"{lang}_{status}"): (lang, status)
    for lang in LANGUAGES
    for status in STATUSES
}
CAT_FIELDS = (
    "id",
    "type",
    "note",
    *TERM_COLUMNS,
    "scope",
    "valid_from",
    "valid_until",
    "relations",
    "identifiers",
    "term_attributes",
)
REQUIRED_FIELDS = ("id", "type")
_ATTRIBUTES = ("exact", "ambiguous", "valid_from", "valid_until", "replaces", "en")


def join_terms(terms: list[str]) -> str:
    """Terms joined by ``|``, a ``\\`` or ``|`` in a term escaped with ``\\``."""
    return "|".join(t.replace("\\", "\\\\").replace("|", "\\|") for t in terms)


def split_terms(cell: str) -> list[str] | None:
    """The inverse of :func:`join_terms` (an empty cell: no terms); None if a ``\\`` is not
    followed by ``\\`` or ``|``."""
    if not cell:
        return []
    out: list[str] = []
    cur: list[str] = []
    chars = iter(cell)
    for ch in chars:
        if ch == "\\":
            nxt = next(chars, "")
            if nxt not in ("\\", "|"):
                return None
            cur.append(nxt)
        elif ch == "|":
            out.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    out.append("".join(cur))
    return out


def _column(t: Term) -> str:
    return t.lang if t.status == "preferred" else f"{t.lang}_{t.status}"


def _day(d: dt.date | None) -> str:
    return "" if d is None else d.isoformat()


def _attributes(c: Concept, t: Term) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if t.exact:
        out["exact"] = True
    if t.reviewed_ambiguous is not None:
        out["ambiguous"] = t.reviewed_ambiguous
    if t.valid_from is not None:
        out["valid_from"] = t.valid_from.isoformat()
    if t.valid_until is not None:
        out["valid_until"] = t.valid_until.isoformat()
    if t.status == "deprecated" and t.replacement:
        pref = c.preferred(t.lang)
        if pref is None or t.replacement != pref.text:
            out["replaces"] = t.replacement
    en = explicit_en(c, t)
    if en:
        out["en"] = en
    return out


def export_cat_csv(g: Glossary) -> str:
    """One row per concept, a column per language and status (see the module docstring)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    quoted = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_ALL)
    w.writerow(CAT_FIELDS)
    for c in g.concepts:
        terms: dict[str, list[str]] = {col: [] for col in TERM_COLUMNS}
        attrs: dict[str, dict[str, Any]] = {}
        for t in c.terms:
            col = _column(t)
            terms.setdefault(col, []).append(t.text)
            a = _attributes(c, t)
            if a:
                attrs.setdefault(col, {})[t.text] = a
        unknown = sorted(set(terms) - set(TERM_COLUMNS))
        if unknown:  # a language the layout has no column for: not silently dropped
            raise GlossaryError("", 0, f"concept {c.id!r}: no CSV column for {unknown[0]!r}")
        cells = [
            escape_cell(cell)
            for cell in (
                c.id,
                c.type,
                c.note,
                *(join_terms(terms[col]) for col in TERM_COLUMNS),
                "" if c.scope == "syria" else c.scope,
                _day(c.valid_from),
                _day(c.valid_until),
                ";".join(f"{r.type}:{r.id}" for r in c.relations),
                json.dumps(dict(c.identifiers), ensure_ascii=False) if c.identifiers else "",
                json.dumps(attrs, ensure_ascii=False) if attrs else "",
            )
        ]
        (quoted if any("\r" in cell for cell in cells) else w).writerow(cells)
    return buf.getvalue()


def _strip_bom(text: str) -> str:
    return text[1:] if text.startswith("\ufeff") else text


def detect_csv_layout(text: str, source: str) -> str:
    """``cat`` or ``terms``, from the header row; GlossaryError if it is neither."""
    try:
        header = next(csv.reader(io.StringIO(_strip_bom(text))), [])
    except csv.Error as exc:
        raise GlossaryError(source, 1, f"invalid CSV: {exc}") from None
    if not header:
        raise GlossaryError(source, 1, "empty file: no header row")
    if "id" in header:
        return "cat"
    if {"concept", "lang", "status", "term"} & set(header):
        return "terms"
    if set(header) & set(TERM_COLUMNS):
        return "cat"
    raise GlossaryError(
        source,
        1,
        "cannot tell the CSV layout from the header: a concept-per-row CSV has an 'id' column, "
        f"a term-per-row CSV 'concept' and 'term' columns (header: {','.join(header)})",
    )


def import_any_csv(text: str, source: str, layout: str | None = None) -> str:
    """Glossary TOML from a CSV of either layout (``layout`` None: from the header)."""
    text = _strip_bom(text)
    kind = layout or detect_csv_layout(text, source)
    return import_cat_csv(text, source) if kind == "cat" else import_csv(text, source)


def _rows(text: str, source: str) -> Iterator[tuple[int, dict[str, str]]]:
    reader = csv.reader(io.StringIO(_strip_bom(text)))
    try:
        header = next(reader)
    except StopIteration:
        raise GlossaryError(source, 1, "empty file: no header row") from None
    except csv.Error as exc:
        raise GlossaryError(source, 1, f"invalid CSV: {exc}") from None
    missing = [f for f in REQUIRED_FIELDS if f not in header]
    if missing:
        raise GlossaryError(source, 1, f"missing columns: {', '.join(missing)}")
    unknown = [f for f in header if f not in CAT_FIELDS]
    if unknown:
        hint = (
            " (a term-per-row column: use --csv-layout terms)" if unknown[0] in CSV_FIELDS else ""
        )
        raise GlossaryError(source, 1, f"unknown column {unknown[0]!r}{hint}")
    dup = next((f for f in header if header.count(f) > 1), None)
    if dup is not None:
        raise GlossaryError(source, 1, f"column {dup!r} twice")
    yield from read_rows(reader, header, source)


def _json_cell(row: dict[str, str], col: str, source: str, line: int) -> dict[str, Any]:
    cell = row.get(col, "")
    if not cell.strip():
        return {}
    try:
        value = json.loads(cell)
    except json.JSONDecodeError as exc:
        raise GlossaryError(source, line, f"{col}: invalid JSON: {exc}") from None
    if not isinstance(value, dict):
        raise GlossaryError(source, line, f"{col}: not a JSON object")
    return value


def _term_attributes(
    row: dict[str, str], terms: dict[str, list[str]], source: str, line: int
) -> dict[tuple[str, str], dict[str, Any]]:
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for col, by_term in _json_cell(row, "term_attributes", source, line).items():
        if col not in TERM_COLUMNS:
            raise GlossaryError(source, line, f"term_attributes: unknown term column {col!r}")
        if not isinstance(by_term, dict):
            raise GlossaryError(source, line, f"term_attributes: {col}: not a JSON object")
        for text, attrs in by_term.items():
            where = f"term_attributes: {col} {text!r}"
            if text not in terms[col]:
                raise GlossaryError(source, line, f"{where}: no such term in column {col}")
            if not isinstance(attrs, dict):
                raise GlossaryError(source, line, f"{where}: not a JSON object")
            for key, value in attrs.items():
                if key not in _ATTRIBUTES:
                    raise GlossaryError(
                        source,
                        line,
                        f"{where}: unknown attribute {key!r} (use {', '.join(_ATTRIBUTES)})",
                    )
                ok = (
                    isinstance(value, bool)
                    if key in ("exact", "ambiguous")
                    else (isinstance(value, str))
                )
                if not ok:
                    kind = "true or false" if key in ("exact", "ambiguous") else "a string"
                    raise GlossaryError(source, line, f"{where}: {key} must be {kind}")
            out[(col, text)] = attrs
    return out


def import_cat_csv(text: str, source: str) -> str:
    """Glossary TOML from a concept-per-row CSV; GlossaryError naming the line of a bad row."""
    drafts: list[DraftConcept] = []
    for line, row in _rows(text, source):
        if not row["id"].strip():
            raise GlossaryError(source, line, "empty concept id")
        terms: dict[str, list[str]] = {}
        for col in TERM_COLUMNS:
            got = split_terms(row.get(col, ""))
            if got is None:
                raise GlossaryError(
                    source, line, f"{col}: a '\\' must be followed by '|' or '\\' (escape)"
                )
            if any(not t.strip() for t in got):
                raise GlossaryError(source, line, f"{col}: empty term")
            terms[col] = got
        attrs = _term_attributes(row, terms, source, line)
        rels = [x.split(":", 1) for x in row.get("relations", "").split(";") if x.strip()]
        bad = next((x for x in rels if len(x) != 2), None)
        if bad is not None:
            raise GlossaryError(source, line, f"relations: {bad[0]!r} is not type:id")
        idents = _json_cell(row, "identifiers", source, line)
        if not all(isinstance(v, str) for v in idents.values()):
            raise GlossaryError(source, line, "identifiers: values must be strings")
        d = DraftConcept(
            row["id"],
            row["type"],
            row.get("note", ""),
            row.get("scope", ""),
            row.get("valid_from", ""),
            row.get("valid_until", ""),
            [(a, b) for a, b in rels],
            list(idents.items()),
            line=line,
        )
        for col, (lang, status) in TERM_COLUMNS.items():
            for t in terms[col]:
                a = attrs.get((col, t), {})
                d.terms.append(
                    DraftTerm(
                        lang,
                        status,
                        t,
                        a.get("replaces", ""),
                        bool(a.get("exact", False)),
                        a.get("en", ""),
                        line,
                        a.get("ambiguous"),
                        a.get("valid_from", ""),
                        a.get("valid_until", ""),
                    )
                )
        drafts.append(d)
    return drafts_to_toml(drafts, source, f"# Imported from {Path(source).name}.")
