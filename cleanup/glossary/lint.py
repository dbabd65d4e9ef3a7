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
GLL011  short form (three letters or fewer) not marked ``exact = true``
GLL012  script mismatch: an English term with Arabic letters or an Arabic term with Latin ones
GLL013  relation to an unknown concept, or to the concept itself
GLL014  a deprecated form and its replacement end in different punctuation (``Sham.`` ->
        ``Sham Brigade``: the mark would be taken for part of the name, and it may end a
        sentence)
GLL015  a common given name or surname (names-dataset): another person's name, or a place or
        group named like people
GLL016  a place elsewhere in the world (GeoNames places of 1,000 people or more)
GLL017  a frequent English word, or a phrase made only of frequent English words (wordfreq)
GLL018  an Arabic form that is a frequent Arabic word (wordfreq)
GLL019  a hyphen that matches a space, making a phrase of ordinary English words
GLL020  a form shared by concepts whose periods overlap: on some day it names two of them
GLL021  a form shared by dated concepts with a gap between their periods: on a day in the
        gap it resolves to no single concept
======  =====================================================================================

GLL015-GLL019 find terms that may be *ambiguous*: names of other people, places or things
too, or ordinary words. They look only at terms whose ``ambiguous`` flag is not set: a
reviewer decides, and writes ``ambiguous = true`` (the term is applied only with evidence in
its context) or ``ambiguous = false`` (reviewed: in news it means this concept). Which data
each uses, its licence and size: :mod:`.reference`. GLL015 and GLL016 need the
``tarjama[lint]`` extra; without it they are skipped, and lint says so.

Severity: an *error* can make ``tarjama clean`` rewrite or miss text wrongly (an unreadable
file, a schema violation, a form claimed by two concepts, a replacement chain, a short form
that would match ordinary words...); a *warning* is untidy data that changes nothing the
cleaning does (a term listed twice, stray whitespace, an invisible character, non-NFC text, a
relation to an unknown concept), or a term to review for ambiguity (GLL015-GLL019: the data
can only suggest). ``tarjama clean`` refuses an overlay with lint errors.
"""

from __future__ import annotations

import datetime as _dt
import itertools
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from ..chars import ARABIC, BIDI_CONTROLS, CONTROLS, ZERO_WIDTH
from .errors import Problem
from .loader import ParsedFile, check_layer, layer_files, parse_file
from .matcher import JOINABLE_ARTICLES, RISKY_ARTICLES
from .model import Concept, Glossary, Location, Term
from .normalise import normalise_term
from .reference import common_name, places, zipf

__all__ = [
    "AMBIGUITY_CODES",
    "CODES",
    "SEVERITY",
    "home_country",
    "lint_files",
    "lint_glossary",
    "lint_paths",
]

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
    "GLL011": "short form not marked exact",
    "GLL012": "script mismatch",
    "GLL013": "relation to an unknown concept",
    "GLL014": "deprecated form and replacement end in different punctuation",
    "GLL015": "common given name or surname",
    "GLL016": "place elsewhere in the world",
    "GLL017": "frequent English word or phrase",
    "GLL018": "frequent Arabic word",
    "GLL019": "hyphen that makes ordinary English words",
    "GLL020": "shared form with overlapping periods",
    "GLL021": "shared form with a gap between periods",
}
#: The checks that suggest a term may be ambiguous (see the module docstring).
AMBIGUITY_CODES = ("GLL015", "GLL016", "GLL017", "GLL018", "GLL019")
#: "error" or "warning" for each code (see the module docstring).
SEVERITY: dict[str, str] = {
    code: "warning"
    if code in ("GLL006", "GLL008", "GLL009", "GLL010", "GLL013", "GLL021", *AMBIGUITY_CODES)
    else "error"
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
        if not t.exact and sum(1 for ch in s if ch.isalpha()) <= 3:
            out.append(
                _p(
                    loc,
                    "GLL011",
                    f"{s!r} is three letters or fewer: mark it exact = true (case-sensitive)",
                )
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
    shared: dict[tuple[str, str], list[tuple[Concept, Term]]] = {}
    for c in concepts:
        for t in c.terms:
            key = (t.lang, normalise_term(t.text))
            if t.status == "deprecated":
                deprecated.setdefault(key, []).append((c, t))
            first = owner.get(key)
            if first is None:
                owner[key] = (c, t)
            elif first[0].id != c.id and (_dated(*first) or _dated(c, t)):
                shared.setdefault(key, [first]).append((c, t))
            elif first[0].id != c.id and not _is_chain(first[1], t):
                out.append(
                    _p(
                        t.location or c.location,
                        "GLL004",
                        f"{t.text!r} ({t.status}) of {c.id!r} is also {first[1].status} "
                        f"{first[1].text!r} of {first[0].id!r} ({first[0].source})",
                    )
                )
    for pairs in shared.values():
        out.extend(_period_checks(pairs))
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


def _dated(c: Concept, t: Term) -> bool:
    return c.dated or t.dated


def _period_checks(pairs: Sequence[tuple[Concept, Term]]) -> list[Problem]:
    """GLL020/GLL021 for one form that several concepts share with validity periods: on any
    day it must name exactly one of them (periods meet end to start)."""
    out: list[Problem] = []
    spans = sorted(
        ((c.period(t), c, t) for c, t in dict((c.id, (c, t)) for c, t in pairs).values()),
        key=lambda x: x[0][0] or _dt.date.min,
    )
    for (a, ca, _), (b, cb, tb) in itertools.pairwise(spans):
        end_a, start_b = a[1], b[0]
        where = tb.location or cb.location
        if end_a is None or start_b is None or start_b < end_a:
            out.append(
                _p(
                    where,
                    "GLL020",
                    f"{tb.text!r} names {ca.id!r} ({_span(a)}) and {cb.id!r} ({_span(b)}): "
                    "the periods overlap, so on some days it is both",
                )
            )
        elif start_b > end_a:
            out.append(
                _p(
                    where,
                    "GLL021",
                    f"{tb.text!r} names {ca.id!r} until {end_a} and {cb.id!r} from {start_b}: "
                    "in between it names neither",
                )
            )
    return out


def _span(period: tuple[_dt.date | None, _dt.date | None]) -> str:
    start, end = period
    return f"{start or '...'} to {end or '...'}"


_REVIEW = "mark it ambiguous = true (applied only with evidence) or ambiguous = false (reviewed)"
_WORD_SPLIT_RE = re.compile(r"[\s\-\u2010-\u2015]+")
_HYPHEN_RE = re.compile(r"(?<=\w)[\-\u2010\u2011](?=\w)")
#: Zipf frequencies above which a word is *frequent* (4.5: met about 30 times in a million
#: words, like "jordan" or "tell"), each word of a phrase is (4.5), and a piece of a
#: hyphenated form is an ordinary word (3.0, like "ezra" or "sham").
FREQUENT_WORD, FREQUENT_PHRASE_WORD, ORDINARY_WORD = 4.5, 4.5, 3.0
FREQUENT_ARABIC_WORD = 4.0
_FUNCTION = ("of", "the", "and", "for", "in", "on", "to")


def home_country(c: Concept, by_id: dict[str, Concept]) -> str:
    """The English name of the country a concept is in: the first country up its located-in
    and part-of chain, else Syria."""
    seen = {c.id}
    todo = [c]
    while todo:
        cur = todo.pop(0)
        if cur.type == "country" and cur is not c:
            return cur.label
        for r in cur.relations:
            nxt = by_id.get(r.id)
            if r.type in ("located-in", "part-of") and nxt is not None and nxt.id not in seen:
                seen.add(nxt.id)
                todo.append(nxt)
    return c.label if c.type == "country" else "Syria"


def _ambiguity_checks(concepts: Sequence[Concept]) -> list[Problem]:
    """GLL015-GLL019 on the terms no reviewer has flagged yet (see the module docstring)."""
    by_id = {c.id: c for c in concepts}
    world = places()
    out: list[Problem] = []
    for c in concepts:
        home = None
        for t in c.terms:
            if t.reviewed_ambiguous is not None:
                continue
            loc = t.location or c.location
            if t.lang == "ar":
                if " " not in t.text.strip() and zipf(t.text, "ar") >= FREQUENT_ARABIC_WORD:
                    f = zipf(t.text, "ar")
                    out.append(
                        _p(
                            loc,
                            "GLL018",
                            f"{t.text!r} is a frequent Arabic word ({f:.1f}): {_REVIEW}",
                        )
                    )
                continue
            words = [w for w in _WORD_SPLIT_RE.split(t.text.strip()) if w]
            # an exact form (an acronym) is a name only if written like one
            named = not t.exact or all(w[:1].isupper() and w[1:].islower() for w in words)
            why = _name_reason(c, words) if named else ""
            if why:
                out.append(_p(loc, "GLL015", f"{t.text!r} is {why}: {_REVIEW}"))
            if world is not None:
                if home is None:
                    home = world.country_code(home_country(c, by_id)) or "SY"
                elsewhere = [k for k in world.city_countries(t.text, t.exact) if k != home]
                code = world.country_code(t.text, t.exact)
                if code is not None and code != home and c.type != "country":
                    elsewhere.append(code)
                if elsewhere:
                    where = ", ".join(sorted(set(elsewhere))[:5])
                    out.append(
                        _p(loc, "GLL016", f"{t.text!r} is also a place in {where}: {_REVIEW}")
                    )
            if t.exact:
                continue  # matched case-sensitively: how often the word is written is moot
            freq = [zipf(w, "en") for w in words]
            if len(words) == 1 and freq[0] >= FREQUENT_WORD:
                out.append(_p(loc, "GLL017", f"{t.text!r} is a frequent English word: {_REVIEW}"))
            elif len(words) > 1 and all(
                f >= FREQUENT_PHRASE_WORD or w.lower() in _FUNCTION
                for w, f in zip(words, freq, strict=True)
            ):
                out.append(
                    _p(
                        loc,
                        "GLL017",
                        f"{t.text!r} is made only of frequent English words: {_REVIEW}",
                    )
                )
            elif _HYPHEN_RE.search(t.text):
                pieces = [w for w in _WORD_SPLIT_RE.split(t.text.strip()) if w]
                if all(
                    w.lower() not in RISKY_ARTICLES | JOINABLE_ARTICLES
                    and zipf(w, "en") >= ORDINARY_WORD
                    for w in pieces
                ):
                    spaced = " ".join(pieces)
                    out.append(
                        _p(
                            loc,
                            "GLL019",
                            f"{t.text!r} also matches {spaced!r}, ordinary English words: "
                            f"{_REVIEW}",
                        )
                    )
    return out


def _name_reason(c: Concept, words: Sequence[str]) -> str:
    """Why ``words`` (an English term of ``c``) may be people's names, or ""."""
    if not words:
        return ""
    if c.type == "person":
        if len(words) < 2:
            return ""
        first, last = common_name(words[0]), common_name(words[-1])
        if first is None or last is None:
            return ""
        if first[0] is not None and last[1] is not None:
            return (
                f"a common full name (given name {words[0]!r} ranks {first[0]}, surname "
                f"{words[-1]!r} ranks {last[1]} in some country)"
            )
        return ""
    if len(words) != 1:
        return ""
    got = common_name(words[0])
    if got is None:
        return ""
    given, surname = got
    if given is not None:
        return f"a common given name (it ranks {given} in some country)"
    if surname is not None:
        return f"a common surname (it ranks {surname} in some country)"
    return ""


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
    problems.extend(_ambiguity_checks(concepts))
    problems.sort(key=lambda p: (p.file, p.line, p.col, p.code))
    return problems


def _glossary_problems(glossary: Glossary) -> list[Problem]:
    ids = {c.id for c in glossary.concepts}
    problems: list[Problem] = []
    for c in glossary.concepts:
        problems.extend(_concept_checks(c, ids))
    problems.extend(_cross_checks(glossary.concepts))
    problems.extend(_ambiguity_checks(glossary.concepts))
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
