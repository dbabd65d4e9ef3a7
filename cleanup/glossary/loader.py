"""Reading glossary files: TOML parsing, schema validation with file:line locations, and overlays.

A *layer* is one file or one folder of ``*.toml`` files (read in name order). Concept ids are
unique within a layer. Layers are applied in order: a concept whose id is already defined by an
earlier layer replaces it in place, a new id is appended, and ``drop = true`` removes it. The
shipped glossary (the ``glossaries/`` folder) is the first layer unless left out.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import GlossaryError, Problem
from .model import (
    CONCEPT_TYPES,
    LANGUAGES,
    RELATION_TYPES,
    SCOPES,
    Concept,
    Glossary,
    Location,
    Relation,
    Term,
)
from .tomlscan import BlockIndex, scan

__all__ = [
    "ID_RE",
    "ParsedFile",
    "concept_from_table",
    "default_glossary_dir",
    "layer_files",
    "load_glossary",
    "parse_file",
    "parse_text",
]

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_LINE_BREAK_RE = re.compile("[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
SCHEMA = "GLL002"
_CONCEPT_KEYS = (
    "id",
    "type",
    "scope",
    "valid_from",
    "valid_until",
    "note",
    "relations",
    "identifiers",
    "drop",
    *LANGUAGES,
)
_LANG_KEYS = ("preferred", "admitted", "deprecated")
#: The flags a term may carry in an inline table (docs/glossary-format.md).
_FLAGS = ("term", "exact", "ambiguous", "valid_from", "valid_until")
_PERIOD = ("valid_from", "valid_until")


def default_glossary_dir() -> Path | None:
    """The shipped glossary: ``glossaries/`` beside the package in a source checkout (and an
    editable install), else ``cleanup/glossary/data`` in an installed package (in the source
    tree that is a link to ``glossaries/``)."""
    here = Path(__file__).resolve().parent
    for cand in (here.parent.parent / "glossaries", here / "data"):
        if cand.is_dir():
            return cand
    return None


def layer_files(path: str | Path) -> list[Path]:
    """The files of one layer: the file itself, or a folder's ``*.toml`` files in name order."""
    p = Path(path)
    if p.is_dir():
        return sorted(q for q in p.glob("*.toml") if q.is_file())
    if p.is_file():
        return [p]
    raise GlossaryError(str(path), None, "no such glossary file or folder")


@dataclass
class ParsedFile:
    """What one file defines: its concepts, the ids it drops, and its problems."""

    path: str
    concepts: list[Concept] = field(default_factory=list)
    drops: list[tuple[str, Location]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    text: str = ""


class _Block:
    """Validation of one ``[[concept]]`` table, collecting located problems."""

    def __init__(self, path: str, index: BlockIndex | None, header_line: int) -> None:
        self.path = path
        self.index = index
        self.header_line = header_line
        self.problems: list[Problem] = []

    def loc(self, key: str = "", text: str | None = None, nth: int = 0) -> Location:
        if self.index is None:
            return Location(self.path, self.header_line, 1)
        if text is not None:
            line, col = self.index.find(key, text, nth)
            return Location(self.path, line, col)
        return Location(self.path, self.index.line_of(key) if key else self.index.line, 1)

    def error(self, key: str, message: str, text: str | None = None) -> None:
        loc = self.loc(key, text)
        self.problems.append(Problem(self.path, loc.line, loc.col, SCHEMA, message))


def _is_str(v: object) -> bool:
    return isinstance(v, str)


def _term_item(
    b: _Block, key: str, item: object, allowed: tuple[str, ...]
) -> tuple[str, dict[str, Any]] | None:
    """A list item of ``admitted``/``deprecated``: a string or an inline table."""
    if isinstance(item, str):
        if not item.strip():
            b.error(key, f"{key}: empty term")
            return None
        if _LINE_BREAK_RE.search(item):
            b.error(key, f"{key}: a term cannot hold a line break: {item!r}")
            return None
        return item, {}
    if isinstance(item, dict):
        text = item.get("term")
        if not isinstance(text, str) or not text.strip():
            b.error(key, f"{key}: an inline table needs a non-empty string 'term'")
            return None
        if _LINE_BREAK_RE.search(text):
            b.error(key, f"{key}: a term cannot hold a line break: {text!r}")
            return None
        for k in item:
            if k not in allowed:
                b.error(
                    key,
                    f"{key}: unknown key {k!r} in the entry for {text!r} "
                    f"(allowed: {', '.join(allowed)})",
                    text,
                )
                return None
        for flag in ("exact", "ambiguous"):
            if flag in item and not isinstance(item[flag], bool):
                b.error(key, f"{key}: {flag!r} must be true or false", text)
                return None
        period = _period(b, key, item, f" of {text!r}", text)
        if period is None:
            return None
        return text, {**item, "valid_from": period[0], "valid_until": period[1]}
    b.error(key, f"{key}: each item must be a string or an inline table, not {_tname(item)}")
    return None


def _date(v: object) -> dt.date | str | None:
    """A TOML date (``2024-12-08``) or an ISO date string, or an error message."""
    if isinstance(v, dt.datetime):
        return "must be a date (YYYY-MM-DD), not a date and time"
    if isinstance(v, dt.date):
        return v
    if isinstance(v, str):
        try:
            return dt.date.fromisoformat(v) if len(v) == 10 else f"is not a date: {v!r}"
        except ValueError:
            return f"is not a date (YYYY-MM-DD): {v!r}"
    return f"must be a date (YYYY-MM-DD), not {_tname(v)}"


def _period(
    b: _Block, key: str, table: dict[str, Any], what: str, text: str | None = None
) -> tuple[dt.date | None, dt.date | None] | None:
    """The (valid_from, valid_until) of ``table``, or None after reporting a problem."""
    got: list[dt.date | None] = []
    for k in _PERIOD:
        v = _date(table[k]) if k in table else None
        if isinstance(v, str):
            b.error(key if text else k, f"{k}{what} {v}", text)
            return None
        got.append(v)
    start, end = got
    if start is not None and end is not None and not start < end:
        b.error(
            key if text else "valid_until",
            f"valid_until{what} ({end}) must come after valid_from ({start})",
            text,
        )
        return None
    return start, end


def _tname(v: object) -> str:
    return {
        str: "a string",
        int: "an integer",
        float: "a number",
        bool: "a boolean",
        list: "an array",
        dict: "a table",
    }.get(type(v), type(v).__name__)


def _lang_terms(b: _Block, lang: str, table: object, en_admitted: Sequence[str]) -> list[Term]:
    if not isinstance(table, dict):
        b.error(lang, f"{lang}: expected a table of terms (preferred, admitted, deprecated)")
        return []
    ok = True
    for k in table:
        if k not in _LANG_KEYS:
            b.error(f"{lang}.{k}", f"unknown key {lang}.{k} (allowed: {', '.join(_LANG_KEYS)})")
            ok = False
    raw_pref = table.get("preferred")
    if raw_pref is None:
        b.error(lang, f"{lang}.preferred: a non-empty string is required")
        return []
    got = _term_item(b, f"{lang}.preferred", raw_pref, _FLAGS)
    if got is None or not ok:
        return []
    pref, pref_extra = got
    seen: dict[str, int] = {}

    def loc(key: str, text: str) -> Location:
        n = seen.get(text, 0)
        seen[text] = n + 1
        return b.loc(key, text, n)

    terms: list[Term] = [
        Term(
            pref,
            lang,
            "preferred",
            exact=bool(pref_extra.get("exact", False)),
            location=loc(f"{lang}.preferred", pref),
            reviewed_ambiguous=pref_extra.get("ambiguous"),
            valid_from=pref_extra.get("valid_from"),
            valid_until=pref_extra.get("valid_until"),
        )
    ]
    nested: list[Term] = []
    for status in ("admitted", "deprecated"):
        key = f"{lang}.{status}"
        items = table.get(status, [])
        if not isinstance(items, list):
            b.error(key, f"{key}: expected an array")
            continue
        allowed: tuple[str, ...] = _FLAGS
        if status == "admitted":
            allowed += ("deprecated",)
            if lang != "en":
                allowed += ("en",)
        for item in items:
            got = _term_item(b, key, item, allowed)
            if got is None:
                continue
            text, extra = got
            where = loc(key, text)
            exact = bool(extra.get("exact", False))
            amb = extra.get("ambiguous")
            if status == "deprecated":
                terms.append(
                    Term(
                        text,
                        lang,
                        "deprecated",
                        pref,
                        exact,
                        location=where,
                        reviewed_ambiguous=amb,
                        valid_from=extra.get("valid_from"),
                        valid_until=extra.get("valid_until"),
                    )
                )
                continue
            english: str | None = None
            if "en" in extra:
                english = extra["en"]
                if not isinstance(english, str) or english not in en_admitted:
                    b.error(
                        key,
                        f"{key}: 'en' of {text!r} must be the English preferred or an "
                        "admitted term of this concept",
                        text,
                    )
                    continue
            terms.append(
                Term(
                    text,
                    lang,
                    "admitted",
                    None,
                    exact,
                    english,
                    where,
                    amb,
                    extra.get("valid_from"),
                    extra.get("valid_until"),
                )
            )
            subs = extra.get("deprecated", [])
            if not isinstance(subs, list):
                b.error(key, f"{key}: 'deprecated' of {text!r} must be an array", text)
                continue
            for sub in subs:
                got2 = _term_item(b, key, sub, _FLAGS)
                if got2 is None:
                    continue
                st, sx = got2
                nested.append(
                    Term(
                        st,
                        lang,
                        "deprecated",
                        text,
                        bool(sx.get("exact", False)),
                        location=loc(key, st),
                        reviewed_ambiguous=sx.get("ambiguous"),
                        valid_from=sx.get("valid_from"),
                        valid_until=sx.get("valid_until"),
                    )
                )
    return terms + nested


def _with_english(terms: list[Term], concept_type: str) -> list[Term]:
    """Set ``english`` on Arabic terms: the English term GL02 puts in their place."""
    en_pref = next((t.text for t in terms if t.lang == "en" and t.status == "preferred"), None)
    has_en_admitted = any(t.lang == "en" and t.status == "admitted" for t in terms)
    out: list[Term] = []
    for t in terms:
        if t.lang != "en" and t.english is None:
            target = en_pref
            if t.status == "admitted" and concept_type == "person" and has_en_admitted:
                target = None  # a nom de guerre or a legal name? the entry does not say
            t = dataclasses.replace(t, english=target)
        out.append(t)
    return out


def _concept(b: _Block, d: dict[str, Any]) -> Concept | tuple[str, Location] | None:
    """A validated concept, or ``(id, location)`` for a ``drop = true`` entry, or None."""
    before = len(b.problems)
    for k in d:
        if k not in _CONCEPT_KEYS:
            b.error(k, f"unknown key {k!r} (allowed: {', '.join(_CONCEPT_KEYS)})")
    cid = d.get("id")
    if not isinstance(cid, str):
        b.error("id", "every concept needs an 'id' string")
        return None
    if not ID_RE.match(cid):
        b.error("id", f"id {cid!r}: use lowercase ASCII letters, digits and single hyphens")
    drop = d.get("drop", False)
    if not isinstance(drop, bool):
        b.error("drop", "'drop' must be true or false")
    elif drop:
        extra = [k for k in d if k not in ("id", "drop")]
        if extra:
            b.error(extra[0], f"concept {cid!r} is dropped: it takes no other keys than id")
        return None if len(b.problems) > before else (cid, b.loc())
    ctype = d.get("type")
    if not isinstance(ctype, str) or ctype not in CONCEPT_TYPES:
        b.error("type", f"type must be one of: {', '.join(CONCEPT_TYPES)}; got {ctype!r}")
    note = d.get("note", "")
    if not isinstance(note, str):
        b.error("note", "'note' must be a string")
        note = ""
    scope = d.get("scope", "syria")
    if scope not in SCOPES:
        b.error("scope", f"scope must be one of: {', '.join(SCOPES)}; got {scope!r}")
        scope = "syria"
    period = _period(b, "", d, "")
    relations: list[Relation] = []
    rels = d.get("relations", [])
    if not isinstance(rels, list):
        b.error("relations", "'relations' must be an array of { type, id } tables")
        rels = []
    for r in rels:
        if not isinstance(r, dict) or set(r) != {"type", "id"}:
            b.error("relations", "each relation is a table with exactly 'type' and 'id'")
            continue
        if r["type"] not in RELATION_TYPES:
            b.error(
                "relations",
                f"relation type {r['type']!r}: use one of {', '.join(RELATION_TYPES)}",
                str(r["type"]),
            )
            continue
        if not isinstance(r["id"], str) or not ID_RE.match(r["id"]):
            b.error("relations", f"relation target {r['id']!r} is not a valid id")
            continue
        relations.append(Relation(r["type"], r["id"]))
    idents: list[tuple[str, str]] = []
    ids = d.get("identifiers", {})
    if not isinstance(ids, dict) or not all(isinstance(v, str) for v in ids.values()):
        b.error("identifiers", "'identifiers' must be a table of strings (e.g. wikidata = \"Q1\")")
    else:
        idents = sorted(ids.items())
    if "en" not in d:
        b.error("en", "every concept needs an English preferred term (en.preferred)")
    terms: list[Term] = []
    en_names: list[str] = []
    en = d.get("en")
    if isinstance(en, dict):
        p = en.get("preferred")
        en_names = [p] if isinstance(p, str) else []
        if isinstance(p, dict) and isinstance(p.get("term"), str):
            en_names.append(p["term"])
        for item in en.get("admitted", []) if isinstance(en.get("admitted"), list) else []:
            if isinstance(item, str):
                en_names.append(item)
            elif isinstance(item, dict) and isinstance(item.get("term"), str):
                en_names.append(item["term"])
    for lang in LANGUAGES:
        if lang in d:
            terms.extend(_lang_terms(b, lang, d[lang], en_names))
    if len(b.problems) > before:
        return None
    assert isinstance(ctype, str)
    return Concept(
        cid,
        ctype,
        tuple(_with_english(terms, ctype)),
        note,
        tuple(relations),
        tuple(idents),
        b.loc(),
        scope,
        *(period or (None, None)),
    )


def concept_from_table(
    table: dict[str, Any], path: str, line: int = 0
) -> tuple[Concept | None, list[Problem]]:
    """Validate one concept given as the table a ``[[concept]]`` block parses to (how
    imported glossaries are checked): the concept, or None and the problems, located at
    ``path:line``."""
    b = _Block(path, None, line)
    got = _concept(b, table)
    return (got if isinstance(got, Concept) else None), b.problems


def parse_text(text: str, path: str) -> ParsedFile:
    """Parse and validate the text of one glossary file (never raises)."""
    out = ParsedFile(path, text=text)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = re.search(r"\(at line (\d+), column (\d+)\)", msg)
        line, col = (int(m.group(1)), int(m.group(2))) if m else (0, 0)
        msg = re.sub(r"\s*\(at (?:line \d+, column \d+|end of document)\)", "", msg)
        out.problems.append(Problem(path, line, col, "GLL001", f"invalid TOML: {msg}"))
        return out
    except RecursionError:
        out.problems.append(Problem(path, 0, 0, "GLL001", "invalid TOML: nested too deeply"))
        return out
    index = scan(text)
    for key, value in data.items():
        if key != "concept":
            line = index.other_keys.get(key, 1)
            out.problems.append(
                Problem(
                    path,
                    line,
                    1,
                    SCHEMA,
                    f"unknown top-level key {key!r}: a glossary file holds [[concept]] blocks only",
                )
            )
        elif not isinstance(value, list):
            line = index.other_keys.get(key, 1)
            out.problems.append(
                Problem(path, line, 1, SCHEMA, "'concept' must be written as [[concept]] blocks")
            )
    blocks = data.get("concept", [])
    if not isinstance(blocks, list):
        return out
    for k, d in enumerate(blocks):
        bi = index.blocks[k] if k < len(index.blocks) else None
        b = _Block(path, bi, bi.line if bi else 1)
        if not isinstance(d, dict):
            b.error("", "each [[concept]] entry must be a table")
            out.problems.extend(b.problems)
            continue
        got = _concept(b, d)
        out.problems.extend(b.problems)
        if isinstance(got, Concept):
            out.concepts.append(got)
        elif got is not None:
            out.drops.append(got)
    return out


def parse_file(path: str | Path) -> ParsedFile:
    """Parse one glossary file. An unreadable file raises GlossaryError; problems in its
    content are returned, not raised."""
    name = str(path)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise GlossaryError(name, None, "no such file") from None
    except IsADirectoryError:
        raise GlossaryError(name, None, "is a directory") from None
    except OSError as exc:
        raise GlossaryError(name, None, f"cannot read: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise GlossaryError(name, line, f"invalid UTF-8 at byte {exc.start}") from None
    return parse_text(text, name)


def check_layer(files: Iterable[ParsedFile]) -> list[Problem]:
    """Duplicate concept ids within one layer."""
    seen: dict[str, Location] = {}
    problems: list[Problem] = []
    for pf in files:
        ids = [(c.id, c.location) for c in pf.concepts] + list(pf.drops)
        for cid, loc in ids:
            assert loc is not None
            if cid in seen:
                first = seen[cid]
                problems.append(
                    Problem(
                        loc.file,
                        loc.line,
                        1,
                        "GLL003",
                        f"duplicate concept id {cid!r} (first defined at {first})",
                    )
                )
            else:
                seen[cid] = loc
    return problems


def load_layers(layers: Sequence[Sequence[Path]]) -> Glossary:
    """Read the layers in order, later ones overriding earlier ones by concept id."""
    merged: dict[str, Concept] = {}
    files: list[str] = []
    for layer in layers:
        parsed = [parse_file(p) for p in layer]
        problems = [p for pf in parsed for p in pf.problems] + check_layer(parsed)
        if problems:
            raise GlossaryError.from_problems(problems)
        for pf in parsed:
            files.append(pf.path)
            for c in pf.concepts:
                merged[c.id] = c  # replaces in place, or appends
            for cid, _ in pf.drops:
                merged.pop(cid, None)
    return Glossary(tuple(merged.values()), tuple(files))


def glossary_layers(
    paths: Sequence[str | Path] = (), include_default: bool = True
) -> list[list[Path]]:
    layers: list[list[Path]] = []
    if include_default:
        d = default_glossary_dir()
        if d is None:
            raise GlossaryError("glossaries/", None, "the shipped glossary is missing")
        layers.append(layer_files(d))
    layers.extend(layer_files(p) for p in paths)
    return layers


def load_glossary(paths: Sequence[str | Path] = (), include_default: bool = True) -> Glossary:
    """Load the shipped glossary (unless ``include_default`` is false) and the overlays in
    ``paths`` (files or folders), later ones overriding earlier ones by concept id.

    Raises :class:`GlossaryError` (with file and line) for unreadable files and schema errors.
    """
    return load_layers(glossary_layers(paths, include_default))
