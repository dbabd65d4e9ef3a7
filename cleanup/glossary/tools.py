"""Glossary maintenance: canonical formatting, merging overlays, diffs, TBX and CSV, mining.

Everything here reads glossaries through the loader (so input errors name file and line) and
writes TOML through :func:`format_concept`, the one canonical layout.
"""

from __future__ import annotations

import bisect
import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import GlossaryError, Problem
from .loader import parse_text
from .matcher import Matcher
from .model import LANGUAGES, STATUSES, Concept, Glossary, Term
from .normalise import normalise_term

__all__ = [
    "Candidate",
    "Difference",
    "diff_glossaries",
    "export_csv",
    "export_tbx",
    "format_concept",
    "format_file",
    "format_glossary",
    "import_csv",
    "import_tbx",
    "mine",
]

WIDTH = 100
_HEADER_RE = re.compile(r"^\s*\[\[\s*concept\s*\]\]\s*(#.*)?$")
_COMMENT_RE = re.compile(r"^\s*#")


def _q(s: str) -> str:
    """A TOML basic string (JSON escapes are valid TOML escapes)."""
    return json.dumps(s, ensure_ascii=False)


def _explicit_en(c: Concept, t: Term) -> str | None:
    """The ``en`` key an Arabic admitted term needs, if its English term is not the default."""
    if t.lang == "en" or t.status != "admitted" or t.english is None:
        return None
    pref = c.preferred("en")
    default = pref.text if pref else None
    if c.type == "person" and c.admitted("en"):
        default = None
    return t.english if t.english != default else None


def _item(t: Term, nested: Sequence[Term] = (), en: str | None = None) -> str:
    fields = [f"term = {_q(t.text)}"]
    if t.exact:
        fields.append("exact = true")
    if nested:
        fields.append(f"deprecated = [{', '.join(_item(n) for n in nested)}]")
    if en is not None:
        fields.append(f"en = {_q(en)}")
    if len(fields) == 1:
        return _q(t.text)
    return "{ " + ", ".join(fields) + " }"


def _array(key: str, items: list[str]) -> list[str]:
    one = f"{key} = [{', '.join(items)}]"
    if len(one) <= WIDTH:
        return [one]
    return [f"{key} = [", *(f"  {i}," for i in items), "]"]


def format_concept(c: Concept) -> str:
    """The canonical TOML block of one concept (without a trailing blank line)."""
    out = ["[[concept]]", f"id = {_q(c.id)}", f"type = {_q(c.type)}"]
    if c.note:
        out.append(f"note = {_q(c.note)}")
    if c.relations:
        rels = [f"{{ type = {_q(r.type)}, id = {_q(r.id)} }}" for r in c.relations]
        out.extend(_array("relations", rels))
    if c.identifiers:
        out.append(
            "identifiers = { " + ", ".join(f"{k} = {_q(v)}" for k, v in c.identifiers) + " }"
        )
    for lang in LANGUAGES:
        terms = c.terms_in(lang)
        if not terms:
            continue
        pref = next(t for t in terms if t.status == "preferred")
        out.append(f"{lang}.preferred = {_item(pref)}")
        admitted = [t for t in terms if t.status == "admitted"]
        if admitted:
            items = [
                _item(
                    a,
                    [t for t in terms if t.status == "deprecated" and t.replacement == a.text],
                    _explicit_en(c, a),
                )
                for a in admitted
            ]
            out.extend(_array(f"{lang}.admitted", items))
        plain = [t for t in terms if t.status == "deprecated" and t.replacement == pref.text]
        if plain:
            out.extend(_array(f"{lang}.deprecated", [_item(t) for t in plain]))
    return "\n".join(out)


def format_glossary(concepts: Iterable[Concept], header: str = "") -> str:
    blocks = [format_concept(c) for c in concepts]
    head = header.rstrip("\n") + "\n\n" if header.strip() else ""
    return head + "\n\n".join(blocks) + "\n"


def format_file(text: str, path: str) -> str:
    """``text`` (one glossary file) in canonical layout. Comments are kept: the file's header,
    comment lines before or inside a block (moved to just before its ``[[concept]]`` line), and
    a comment at the end of the ``[[concept]]`` line. Raises GlossaryError if the file has
    errors, or if the result would not load to the same concepts (a bug)."""
    parsed = parse_text(text, path)
    if parsed.problems:
        raise GlossaryError.from_problems(parsed.problems)
    if parsed.drops:
        raise GlossaryError(path, parsed.drops[0][1].line, "fmt does not rewrite drop entries")
    lines = text.splitlines()
    starts = [i for i, s in enumerate(lines) if _HEADER_RE.match(s)]
    head_lines = lines[: starts[0]] if starts else lines
    attached: list[str] = []  # comment lines right above the first block belong to it
    while starts and head_lines and _COMMENT_RE.match(head_lines[-1]):
        attached.insert(0, head_lines.pop().strip())
    header = "\n".join(head_lines).strip("\n")
    # comments of block k: comment lines between the end of block k-1's keys and block k's
    # header, and comment lines inside block k
    comments: list[list[str]] = [[] for _ in starts]
    header_comment: list[str] = ["" for _ in starts]
    if starts:
        comments[0].extend(attached)
    for k, st in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(lines)
        m = _HEADER_RE.match(lines[st])
        header_comment[k] = (m.group(1) or "") if m else ""
        for ln in lines[st + 1 : end]:
            if _COMMENT_RE.match(ln):
                target = (
                    k + 1 if k + 1 < len(starts) and _only_comments_after(lines, ln, end) else k
                )
                comments[target].append(ln.strip())
    out: list[str] = []
    if header:
        out.append(header + "\n")
    for k, c in enumerate(parsed.concepts):
        block = format_concept(c)
        if k < len(header_comment) and header_comment[k]:
            block = block.replace("[[concept]]", f"[[concept]]  {header_comment[k]}", 1)
        pre = "\n".join(comments[k]) + "\n" if k < len(comments) and comments[k] else ""
        out.append(pre + block)
    result = "\n\n".join(s.rstrip("\n") for s in out) + "\n"
    again = parse_text(result, path)
    if again.problems or again.concepts != parsed.concepts:
        raise GlossaryError(path, None, "formatting would change the data (a bug in tarjama)")
    return result


def _only_comments_after(lines: list[str], line: str, end: int) -> bool:
    """Whether ``line`` is in the run of comment/blank lines that ends a block (so it belongs
    to the next block)."""
    idx = max(i for i in range(end) if lines[i] is line or lines[i] == line)
    return all(not s.strip() or _COMMENT_RE.match(s) for s in lines[idx:end])


# -- diff ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Difference:
    kind: str  # "added" | "removed" | "changed"
    concept: str
    what: str

    def __str__(self) -> str:
        sign = {"added": "+", "removed": "-", "changed": "~"}[self.kind]
        return f"{sign} {self.concept}: {self.what}" if self.what else f"{sign} {self.concept}"

    def to_json(self) -> dict[str, str]:
        return {"kind": self.kind, "concept": self.concept, "what": self.what}


def _term_key(t: Term) -> tuple[str, str]:
    return (t.lang, t.text)


def _describe(t: Term) -> str:
    extra = f" -> {t.replacement!r}" if t.status == "deprecated" else ""
    return f"{t.lang} {t.status} {t.text!r}{extra}{' (exact)' if t.exact else ''}"


def diff_glossaries(old: Glossary, new: Glossary) -> list[Difference]:
    """Concept- and term-level differences from ``old`` to ``new``."""
    out: list[Difference] = []
    for c in old.concepts:
        if c.id not in new:
            out.append(Difference("removed", c.id, ""))
    for c in new.concepts:
        o = old.get(c.id)
        if o is None:
            out.append(Difference("added", c.id, ""))
            continue
        if o.type != c.type:
            out.append(Difference("changed", c.id, f"type {o.type} -> {c.type}"))
        if o.note != c.note:
            out.append(Difference("changed", c.id, "note"))
        for r in set(o.relations) - set(c.relations):
            out.append(Difference("changed", c.id, f"- relation {r.type} {r.id}"))
        for r in set(c.relations) - set(o.relations):
            out.append(Difference("changed", c.id, f"+ relation {r.type} {r.id}"))
        before = {_term_key(t): t for t in o.terms}
        after = {_term_key(t): t for t in c.terms}
        for k, t in before.items():
            if k not in after:
                out.append(Difference("changed", c.id, f"- {_describe(t)}"))
            elif after[k] != t:
                out.append(Difference("changed", c.id, f"{_describe(t)} -> {_describe(after[k])}"))
        for k, t in after.items():
            if k not in before:
                out.append(Difference("changed", c.id, f"+ {_describe(t)}"))
    return out


# -- TBX and CSV ---------------------------------------------------------------------------

TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_STATUS_TBX = {
    "preferred": "preferredTerm-admn-sts",
    "admitted": "admittedTerm-admn-sts",
    "deprecated": "deprecatedTerm-admn-sts",
}
_TBX_STATUS = {v: k for k, v in _STATUS_TBX.items()}


def export_tbx(g: Glossary) -> str:
    """TBX-Basic style XML: conceptEntry / langSec / termSec, administrativeStatus per term.
    Fields TBX-Basic has no category for use ``x-`` prefixed termNote types (x-replacement,
    x-exact, x-en)."""
    ET.register_namespace("", TBX_NS)
    root = ET.Element(f"{{{TBX_NS}}}tbx", {"type": "TBX-Basic", "style": "dca", XML_LANG: "en"})
    header = ET.SubElement(root, f"{{{TBX_NS}}}tbxHeader")
    fd = ET.SubElement(header, f"{{{TBX_NS}}}fileDesc")
    sd = ET.SubElement(fd, f"{{{TBX_NS}}}sourceDesc")
    ET.SubElement(sd, f"{{{TBX_NS}}}p").text = "tarjama name glossary"
    body = ET.SubElement(ET.SubElement(root, f"{{{TBX_NS}}}text"), f"{{{TBX_NS}}}body")
    for c in g.concepts:
        ce = ET.SubElement(body, f"{{{TBX_NS}}}conceptEntry", {"id": c.id})
        ET.SubElement(ce, f"{{{TBX_NS}}}descrip", {"type": "subjectField"}).text = c.type
        if c.note:
            ET.SubElement(ce, f"{{{TBX_NS}}}note").text = c.note
        for r in c.relations:
            ET.SubElement(
                ce, f"{{{TBX_NS}}}ref", {"type": "crossReference", "target": r.id}
            ).text = r.type
        for k, v in c.identifiers:
            ET.SubElement(ce, f"{{{TBX_NS}}}xref", {"type": f"x-{k}", "target": v})
        for lang in LANGUAGES:
            terms = c.terms_in(lang)
            if not terms:
                continue
            ls = ET.SubElement(ce, f"{{{TBX_NS}}}langSec", {XML_LANG: lang})
            for t in terms:
                ts = ET.SubElement(ls, f"{{{TBX_NS}}}termSec")
                ET.SubElement(ts, f"{{{TBX_NS}}}term").text = t.text
                ET.SubElement(
                    ts, f"{{{TBX_NS}}}termNote", {"type": "administrativeStatus"}
                ).text = _STATUS_TBX[t.status]
                if t.replacement is not None:
                    ET.SubElement(
                        ts, f"{{{TBX_NS}}}termNote", {"type": "x-replacement"}
                    ).text = t.replacement
                if t.exact:
                    ET.SubElement(ts, f"{{{TBX_NS}}}termNote", {"type": "x-exact"}).text = "true"
                en = _explicit_en(c, t)
                if en is not None:
                    ET.SubElement(ts, f"{{{TBX_NS}}}termNote", {"type": "x-en"}).text = en
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


@dataclass
class _Draft:
    id: str
    type: str = ""
    note: str = ""
    relations: list[tuple[str, str]] | None = None
    identifiers: list[tuple[str, str]] | None = None
    terms: list[tuple[str, str, str, str, bool, str]] | None = (
        None  # lang status text repl exact en
    )
    line: int = 0  # where the concept starts in the imported file (0 = unknown)


def _drafts_to_toml(drafts: list[_Draft], source: str) -> str:
    """Build TOML from imported drafts and validate it through the loader (so an import can
    never produce a glossary the loader rejects)."""
    blocks: list[str] = []
    starts: list[int] = []  # the line of each block in the generated TOML
    at = 1
    for d in drafts:
        lines = ["[[concept]]", f"id = {_q(d.id)}", f"type = {_q(d.type)}"]
        if d.note:
            lines.append(f"note = {_q(d.note)}")
        if d.relations:
            rels = ", ".join(f"{{ type = {_q(t)}, id = {_q(i)} }}" for t, i in d.relations)
            lines.append(f"relations = [{rels}]")
        if d.identifiers:
            lines.append(
                "identifiers = { " + ", ".join(f"{k} = {_q(v)}" for k, v in d.identifiers) + " }"
            )
        for lang in LANGUAGES:
            ts = [t for t in d.terms or [] if t[0] == lang]
            pref = [t for t in ts if t[1] == "preferred"]
            if not pref:
                continue
            p = pref[0]
            lines.append(
                f"{lang}.preferred = "
                + (f"{{ term = {_q(p[2])}, exact = true }}" if p[4] else _q(p[2]))
            )
            adm = []
            for t in ts:
                if t[1] != "admitted":
                    continue
                nested = [x for x in ts if x[1] == "deprecated" and x[3] == t[2]]
                f = [f"term = {_q(t[2])}"]
                if t[4]:
                    f.append("exact = true")
                if nested:
                    f.append("deprecated = [" + ", ".join(_dep(x) for x in nested) + "]")
                if t[5]:
                    f.append(f"en = {_q(t[5])}")
                adm.append("{ " + ", ".join(f) + " }")
            if adm:
                lines.append(f"{lang}.admitted = [{', '.join(adm)}]")
            deps = [_dep(x) for x in ts if x[1] == "deprecated" and x[3] in ("", p[2])]
            if deps:
                lines.append(f"{lang}.deprecated = [{', '.join(deps)}]")
        blocks.append("\n".join(lines))
        starts.append(at)
        at += len(lines) + 1
    text = "\n\n".join(blocks) + "\n"
    parsed = parse_text(text, source)
    if parsed.problems:
        # a problem of the generated TOML is reported at the concept's place in the source
        located = []
        for prob in parsed.problems:
            k = bisect.bisect_right(starts, prob.line) - 1 if prob.line else -1
            draft = drafts[k] if 0 <= k < len(drafts) else None
            what = f"concept {draft.id!r}: " if draft is not None else ""
            line = draft.line if draft is not None else 0
            located.append(Problem(source, line, 0, prob.code, what + prob.message))
        raise GlossaryError.from_problems(located)
    return format_glossary(parsed.concepts, f"# Imported from {Path(source).name}.")


def _dep(t: tuple[str, str, str, str, bool, str]) -> str:
    return f"{{ term = {_q(t[2])}, exact = true }}" if t[4] else _q(t[2])


def import_tbx(text: str, source: str) -> str:
    """TOML from TBX written by :func:`export_tbx` (or TBX-Basic with administrativeStatus)."""
    root, lines = _parse_xml(text, source)

    def local(tag: str) -> str:
        return tag.rsplit("}", 1)[-1]

    drafts: list[_Draft] = []
    for ce in root.iter():
        if local(ce.tag) != "conceptEntry":
            continue
        d = _Draft(
            ce.get("id", ""), relations=[], identifiers=[], terms=[], line=lines.get(id(ce), 0)
        )
        for child in ce:
            name = local(child.tag)
            if name == "descrip" and child.get("type") == "subjectField":
                d.type = (child.text or "").strip()
            elif name == "note":
                d.note = (child.text or "").strip()
            elif name == "ref" and child.get("type") == "crossReference":
                assert d.relations is not None
                d.relations.append(((child.text or "").strip(), child.get("target", "")))
            elif name == "xref" and (child.get("type") or "").startswith("x-"):
                assert d.identifiers is not None
                d.identifiers.append((child.get("type", "")[2:], child.get("target", "")))
            elif name == "langSec":
                lang = child.get(XML_LANG, "")
                for ts in child:
                    if local(ts.tag) != "termSec":
                        continue
                    term = status = repl = en = ""
                    exact = False
                    for x in ts:
                        n, v = local(x.tag), (x.text or "").strip()
                        kind = x.get("type")
                        if n == "term":
                            term = v
                        elif kind == "administrativeStatus":
                            status = _TBX_STATUS.get(v, "admitted")
                        elif kind == "x-replacement":
                            repl = v
                        elif kind == "x-exact":
                            exact = v == "true"
                        elif kind == "x-en":
                            en = v
                    where = lines.get(id(ts), d.line)
                    if not term:
                        raise GlossaryError(source, where, "a termSec without a term")
                    if lang not in LANGUAGES:
                        raise GlossaryError(
                            source,
                            where,
                            f"language {lang!r} of term {term!r}: use one of "
                            f"{', '.join(LANGUAGES)}",
                        )
                    assert d.terms is not None
                    d.terms.append((lang, status or "admitted", term, repl, exact, en))
        drafts.append(d)
    return _drafts_to_toml(drafts, source)


class _LineBuilder(ET.TreeBuilder):
    """A tree builder that remembers the line each element starts on."""

    def __init__(self) -> None:
        super().__init__()
        self.parser: ET.XMLParser | None = None
        self.lines: dict[int, int] = {}

    def start(self, tag: Any, attrs: Any) -> ET.Element:
        elem = super().start(tag, attrs)
        if self.parser is not None:
            self.lines[id(elem)] = self.parser.parser.CurrentLineNumber
        return elem


def _parse_xml(text: str, source: str) -> tuple[ET.Element, dict[int, int]]:
    """The root element and each element's line (by ``id``); GlossaryError if not XML, or if
    it declares entities or a DTD (defusedxml: no entity expansion, no external resources,
    whatever expat the machine links)."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import DefusedXMLParser

    builder = _LineBuilder()
    parser = DefusedXMLParser(target=builder, forbid_dtd=True)
    builder.parser = parser
    try:
        parser.feed(text)
        root = parser.close()
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position else None
        raise GlossaryError(source, line, f"invalid XML: {exc}") from None
    except DefusedXmlException as exc:
        line = parser.parser.CurrentLineNumber
        raise GlossaryError(source, line, f"refused XML: {exc}") from None
    return root, builder.lines


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
)


def export_csv(g: Glossary) -> str:
    """One row per term; the concept's type, note and relations repeat on each of its rows."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_FIELDS)
    for c in g.concepts:
        rels = ";".join(f"{r.type}:{r.id}" for r in c.relations)
        for t in c.terms:
            w.writerow(
                (
                    c.id,
                    c.type,
                    t.lang,
                    t.status,
                    t.text,
                    t.replacement or "",
                    "true" if t.exact else "",
                    _explicit_en(c, t) or "",
                    c.note,
                    rels,
                )
            )
    return buf.getvalue()


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
    missing = [f for f in CSV_FIELDS if f not in header]
    if missing:
        raise GlossaryError(source, 1, f"missing columns: {', '.join(missing)}")
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
        row = dict(zip(header, cells, strict=True))
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
        if row["exact"] not in ("", "true", "false"):
            raise GlossaryError(
                source, line, f"exact must be true, false or empty, not {row['exact']!r}"
            )
        if not row["concept"].strip():
            raise GlossaryError(source, line, "empty concept id")
        yield line, row


def import_csv(text: str, source: str) -> str:
    drafts: dict[str, _Draft] = {}
    for line, row in _csv_rows(text, source):
        d = drafts.get(row["concept"])
        if d is None:
            rels = [tuple(x.split(":", 1)) for x in row["relations"].split(";") if ":" in x]
            d = drafts[row["concept"]] = _Draft(
                row["concept"],
                row["type"],
                row["note"],
                [(a, b) for a, b in rels],
                [],
                [],
                line,
            )
        assert d.terms is not None
        d.terms.append(
            (
                row["lang"],
                row["status"],
                row["term"],
                row["replacement"],
                row["exact"] == "true",
                row["en"],
            )
        )
    return _drafts_to_toml(list(drafts.values()), source)


# -- mining ----------------------------------------------------------------------------------

_CANDIDATE_RE = re.compile(
    r"\b(?:[A-Z][\w'’ʿʾ`-]+|(?:al|el|ash|as|ad|ar|az|at|an|ad|ibn|bin|bint|abu|abou|of|the)"
    r"(?:[-\s]))(?:[-\s]+(?:[A-Z][\w'’ʿʾ`-]+|al-\w+|el-\w+|ash-\w+|ad-\w+|as-\w+|az-\w+|"
    r"ibn|bin|of|the|al|el)){0,5}"
)


_TOKEN = re.compile(r"\S+")
_FUNCTION_WORDS = frozenset("of the al el ash as ad ar az at an ibn bin bint abu abou".split())


def _levenshtein(a: str, b: str, limit: int) -> int:
    """Edit distance, or ``limit + 1`` as soon as it must exceed ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        best = i
        for j, cb in enumerate(b, 1):
            v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            cur.append(v)
            best = min(best, v)
        if best > limit:
            return limit + 1
        prev = cur
    return prev[-1]


@dataclass(frozen=True, slots=True)
class Candidate:
    text: str
    count: int
    concept: str
    nearest: str
    distance: float

    def to_json(self) -> dict[str, object]:
        return {
            "text": self.text,
            "count": self.count,
            "concept": self.concept,
            "nearest": self.nearest,
            "distance": round(self.distance, 3),
        }


def mine(
    texts: Iterable[str], matcher: Matcher, max_distance: float = 0.25, min_count: int = 1
) -> list[Candidate]:
    """Capitalised n-grams of ``texts`` that the glossary does not know but that are within
    ``max_distance`` (edit distance / length, after normalisation) of an English term: likely
    new variants, for a person to review. Nothing is added to the glossary."""
    counts: Counter[str] = Counter()
    for text in texts:
        known = [(m.start, m.end) for m in matcher.find(text)]
        for m in _CANDIDATE_RE.finditer(text):
            tokens = [
                (t.start() + m.start(), t.end() + m.start()) for t in _TOKEN.finditer(m.group())
            ]
            for i, (s, _) in enumerate(tokens):
                if not text[s].isupper():
                    continue
                for j in range(i, min(len(tokens), i + 6)):
                    e = tokens[j][1]
                    cand = text[s:e]
                    if cand.split()[-1].lower() in _FUNCTION_WORDS:
                        continue
                    if " " not in cand and len(cand) < 5:
                        continue
                    if any(ks <= s and e <= ke for ks, ke in known):
                        continue
                    counts[cand] += 1
    index: dict[str, list[tuple[str, Concept, Term]]] = {}
    for c, t in matcher.glossary.terms():
        if t.lang == "en" and not t.exact:
            n = normalise_term(t.text)
            index.setdefault(n[:1], []).append((n, c, t))
    out: list[Candidate] = []
    for cand, count in counts.items():
        if count < min_count:
            continue
        n = normalise_term(cand)
        best: tuple[float, Concept, Term] | None = None
        for tn, c, t in index.get(n[:1], []):
            if n.startswith(tn):  # Syrian / Syria: a derived word, not a variant
                continue
            limit = int(max_distance * max(len(n), len(tn)))
            d = _levenshtein(n, tn, limit)
            if d <= limit and d > 0:
                score = d / max(len(n), len(tn))
                if best is None or score < best[0]:
                    best = (score, c, t)
        if best is not None:
            out.append(Candidate(cand, count, best[1].id, best[2].text, best[0]))
    out.sort(key=lambda x: (-x.count, x.distance, x.text))
    return out
