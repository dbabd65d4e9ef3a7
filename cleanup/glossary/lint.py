"""``tarjama glossary lint``: checks of glossary files beyond the schema.

Codes (``GLL`` = glossary lint, apart from the ``GL`` codes of the cleaning rules):

======  =====================================================================================
GLL001  invalid TOML
GLL002  schema violation (unknown key, wrong type, missing preferred term, unknown type...)
GLL003  duplicate concept id
GLL004  the same surface form (after normalisation) in two concepts
GLL005  a deprecated form equal (after normalisation) to a preferred or admitted form of the
        same concept
GLL006  a term listed twice in one concept
GLL007  replacement chain or cycle: a replacement is itself a deprecated form elsewhere
GLL008  stray whitespace in a term (leading, trailing, doubled, tab or line break)
GLL009  bidi control, zero-width or control character in a term or note
GLL010  text not in Unicode NFC
GLL011  short or ambiguous form (three letters or fewer, or an ordinary English word) not
        marked ``exact = true``
GLL012  script mismatch: an English term with Arabic letters or an Arabic term with Latin ones
GLL013  relation to an unknown concept, or to the concept itself
GLL014  a deprecated form and its replacement end in different punctuation (``Sham.`` ->
        ``Sham Brigade``: the mark would be taken for part of the name, and it may end a
        sentence)
======  =====================================================================================

Severity: an *error* can make ``tarjama clean`` rewrite or miss text wrongly (an unreadable
file, a schema violation, a form claimed by two concepts, a replacement chain, a short form
that would match ordinary words...); a *warning* is untidy data that changes nothing the
cleaning does (a term listed twice, stray whitespace, an invisible character, non-NFC text, a
relation to an unknown concept). ``tarjama clean`` refuses an overlay with lint errors.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from ..chars import ARABIC, BIDI_CONTROLS, CONTROLS, ZERO_WIDTH
from .errors import Problem
from .loader import ParsedFile, check_layer, layer_files, parse_file
from .model import Concept, Glossary, Location, Term
from .normalise import normalise_term
from .words import ENGLISH_WORDS

__all__ = ["CODES", "SEVERITY", "lint_files", "lint_glossary", "lint_paths"]

CODES: dict[str, str] = {
    "GLL001": "invalid TOML",
    "GLL002": "schema violation",
    "GLL003": "duplicate concept id",
    "GLL004": "same surface form in two concepts",
    "GLL005": "deprecated form equal to a preferred or admitted form of its concept",
    "GLL006": "term listed twice in one concept",
    "GLL007": "replacement chain or cycle",
    "GLL008": "stray whitespace in a term",
    "GLL009": "bidi, zero-width or control character",
    "GLL010": "text not in Unicode NFC",
    "GLL011": "short or ambiguous form not marked exact",
    "GLL012": "script mismatch",
    "GLL013": "relation to an unknown concept",
    "GLL014": "deprecated form and replacement end in different punctuation",
}
#: "error" or "warning" for each code (see the module docstring).
SEVERITY: dict[str, str] = {
    code: "warning" if code in ("GLL006", "GLL008", "GLL009", "GLL010", "GLL013") else "error"
    for code in CODES
}

_INVISIBLE_RE = re.compile(f"[{BIDI_CONTROLS}{ZERO_WIDTH}{CONTROLS}\u00ad]")
_ARABIC_RE = re.compile(f"[{ARABIC}]")
_LATIN_RE = re.compile("[A-Za-z\u00c0-\u024f]")
_EDGE_RE = re.compile(r"[^\w\s]+$")

_NORMALISED = {
    "en": "letter case, apostrophes, hyphens and spaces are matched anyway",
    "ar": "diacritics, tatweel, alef and hamza forms, taa marbuta/haa and alef maqsura/yaa "
    "are matched anyway",
}


def _where(loc: Location | None, fallback: str) -> tuple[str, int, int]:
    if loc is None:
        return fallback, 0, 0
    return loc.file, loc.line, loc.col


def _p(loc: Location | None, code: str, message: str, file: str = "") -> Problem:
    f, line, col = _where(loc, file)
    return Problem(f, line, col, code, message)


def _term_checks(c: Concept, t: Term) -> list[Problem]:
    out: list[Problem] = []
    loc = t.location or c.location
    s = t.text
    if s != s.strip() or "  " in s or "\t" in s or "\n" in s:
        out.append(_p(loc, "GLL008", f"stray whitespace in {s!r}"))
    bad = _INVISIBLE_RE.search(s)
    if bad:
        out.append(_p(loc, "GLL009", f"invisible character U+{ord(bad.group()):04X} in {s!r}"))
    if unicodedata.normalize("NFC", s) != s:
        out.append(_p(loc, "GLL010", f"{s!r} is not in Unicode NFC"))
    if t.lang == "en":
        if _ARABIC_RE.search(s):
            out.append(_p(loc, "GLL012", f"English term {s!r} contains Arabic script"))
        if not t.exact:
            letters = sum(1 for ch in s if ch.isalpha())
            words = s.split()
            if letters <= 3:
                why = "three letters or fewer"
            elif len(words) == 1 and s.lower() in ENGLISH_WORDS:
                why = "an ordinary English word"
            else:
                why = ""
            if why:
                out.append(
                    _p(loc, "GLL011", f"{s!r} is {why}: mark it exact = true (case-sensitive)")
                )
    elif _LATIN_RE.search(s):
        out.append(_p(loc, "GLL012", f"{t.lang} term {s!r} contains Latin letters"))
    if t.status == "deprecated" and t.replacement is not None:
        mine, theirs = _EDGE_RE.search(s), _EDGE_RE.search(t.replacement)
        a, b = mine.group() if mine else "", theirs.group() if theirs else ""
        if a != b:
            out.append(
                _p(
                    loc,
                    "GLL014",
                    f"{s!r} ends in {a or 'no punctuation'!r} but its replacement "
                    f"{t.replacement!r} in {b or 'none'!r}: the mark is taken into the match "
                    "and may also end a sentence",
                )
            )
    return out


def _concept_checks(c: Concept, ids: set[str]) -> list[Problem]:
    out: list[Problem] = []
    if c.note:
        bad = _INVISIBLE_RE.search(c.note)
        if bad:
            out.append(
                _p(c.location, "GLL009", f"invisible character U+{ord(bad.group()):04X} in note")
            )
        if unicodedata.normalize("NFC", c.note) != c.note:
            out.append(_p(c.location, "GLL010", "note is not in Unicode NFC"))
    for r in c.relations:
        if r.id == c.id:
            out.append(_p(c.location, "GLL013", f"{c.id!r} has a {r.type} relation to itself"))
        elif r.id not in ids:
            out.append(
                _p(c.location, "GLL013", f"{c.id!r}: {r.type} relation to unknown concept {r.id!r}")
            )
    seen: dict[tuple[str, str], Term] = {}
    for t in c.terms:
        out.extend(_term_checks(c, t))
        key = (t.lang, normalise_term(t.text))
        first = seen.get(key)
        if first is None:
            seen[key] = t
            continue
        loc = t.location or c.location
        if t.status == "deprecated" and first.status != "deprecated":
            out.append(
                _p(
                    loc,
                    "GLL005",
                    f"deprecated {t.text!r} matches {first.status} {first.text!r} after "
                    f"normalisation ({_NORMALISED[t.lang]}): remove it",
                )
            )
        else:
            same = "" if t.text == first.text else f" (as {first.text!r}, after normalisation)"
            out.append(_p(loc, "GLL006", f"{t.text!r} is listed twice in {c.id!r}{same}"))
    return out


def _cross_checks(concepts: Sequence[Concept]) -> list[Problem]:
    out: list[Problem] = []
    owner: dict[tuple[str, str], tuple[Concept, Term]] = {}
    deprecated: dict[tuple[str, str], list[tuple[Concept, Term]]] = {}
    for c in concepts:
        for t in c.terms:
            key = (t.lang, normalise_term(t.text))
            if t.status == "deprecated":
                deprecated.setdefault(key, []).append((c, t))
            first = owner.get(key)
            if first is None:
                owner[key] = (c, t)
            elif first[0].id != c.id and not _is_chain(first[1], t):
                out.append(
                    _p(
                        t.location or c.location,
                        "GLL004",
                        f"{t.text!r} ({t.status}) of {c.id!r} is also {first[1].status} "
                        f"{first[1].text!r} of {first[0].id!r} ({first[0].source})",
                    )
                )
    # chains: a replacement that some other concept deprecates
    for c in concepts:
        for t in c.terms:
            if t.status != "deprecated" or t.replacement is None:
                continue
            for c2, t2 in deprecated.get((t.lang, normalise_term(t.replacement)), []):
                if c2.id == c.id:
                    continue
                back = t2.replacement is not None and normalise_term(
                    t2.replacement
                ) == normalise_term(t.text)
                kind = "cycle" if back else "chain"
                out.append(
                    _p(
                        t.location or c.location,
                        "GLL007",
                        f"replacement {kind}: {t.text!r} -> {t.replacement!r} ({c.id}), but "
                        f"{t2.text!r} is deprecated in {c2.id!r} ({c2.source}) -> "
                        f"{t2.replacement!r}",
                    )
                )
    return out


def _is_chain(a: Term, b: Term) -> bool:
    """One of the two is a deprecated form of the other's replacement text: GLL007's case."""
    return (a.status == "deprecated") != (b.status == "deprecated")


def lint_files(parsed: Sequence[ParsedFile]) -> list[Problem]:
    """Every problem in the given files, read as one glossary (ids unique across them)."""
    problems = [p for pf in parsed for p in pf.problems]
    problems.extend(check_layer(parsed))
    concepts = [c for pf in parsed for c in pf.concepts]
    ids = {c.id for c in concepts} | {d for pf in parsed for d, _ in pf.drops}
    for c in concepts:
        problems.extend(_concept_checks(c, ids))
    problems.extend(_cross_checks(concepts))
    problems.sort(key=lambda p: (p.file, p.line, p.col, p.code))
    return problems


def _glossary_problems(glossary: Glossary) -> list[Problem]:
    ids = {c.id for c in glossary.concepts}
    problems: list[Problem] = []
    for c in glossary.concepts:
        problems.extend(_concept_checks(c, ids))
    problems.extend(_cross_checks(glossary.concepts))
    return problems


def lint_glossary(glossary: Glossary, base: Glossary | None = None) -> list[Problem]:
    """The problems of a loaded glossary; with ``base`` (the glossary an overlay is applied
    over), only those the overlay brings: how an overlay is checked in context (a form it
    adds may clash with a concept of the base, wherever that one is defined)."""
    problems = _glossary_problems(glossary)
    if base is not None:
        known = set(_glossary_problems(base))
        problems = [p for p in problems if p not in known]
    problems.sort(key=lambda p: (p.file, p.line, p.col, p.code))
    return problems


def lint_paths(paths: Sequence[str | Path]) -> list[Problem]:
    """Lint files and folders (a folder's ``*.toml`` files). Raises GlossaryError for a path
    that does not exist or cannot be read."""
    files: list[Path] = []
    for p in paths:
        files.extend(layer_files(p))
    return lint_files([parse_file(f) for f in files])
