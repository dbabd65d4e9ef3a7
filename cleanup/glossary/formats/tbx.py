"""TBX: the ISO 30042 term-base exchange format, read and written (``--to tbx``/``--from tbx``).

Each concept is a ``conceptEntry`` with its type as the subject field, its note, relations as
cross references and identifiers as ``x-`` references; each term a ``termSec`` with its
``administrativeStatus`` (preferred, admitted, deprecated). What TBX-Basic has no category for
is kept in ``x-`` term notes (``x-replacement``, ``x-exact``, ``x-ambiguous``, ``x-en``). XML
is parsed with defusedxml (no entities, no DTD, whatever expat the machine links), and every
problem names the XML line.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import GlossaryError
from ..model import LANGUAGES, Glossary
from .draft import DraftConcept, DraftTerm, drafts_to_toml
from .toml import explicit_en

__all__ = [
    "V3",
    "Layout",
    "export_tbx",
    "import_tbx",
    "parse_xml",
    "read_entries",
    "write_entries",
    "xml_text",
]

TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_STATUS_TBX = {
    "preferred": "preferredTerm-admn-sts",
    "admitted": "admittedTerm-admn-sts",
    "deprecated": "deprecatedTerm-admn-sts",
}
_TBX_STATUS = {v: k for k, v in _STATUS_TBX.items()}


@dataclass(frozen=True)
class Layout:
    """The element names of one TBX version: the concept, language and term levels, and the
    namespace (none in TBX v2). Both versions share everything else: what :func:`write_entries`
    writes and :func:`read_entries` reads."""

    ns: str
    entry: str
    lang_sec: str
    term_sec: str

    def tag(self, name: str) -> str:
        return f"{{{self.ns}}}{name}" if self.ns else name


V3 = Layout(TBX_NS, "conceptEntry", "langSec", "termSec")


def export_tbx(g: Glossary) -> str:
    """TBX-Basic style XML: conceptEntry / langSec / termSec, administrativeStatus per term.
    Fields TBX-Basic has no category for use ``x-`` prefixed termNote types (x-replacement,
    x-exact, x-ambiguous, x-en; the validity periods of a term as x-validFrom and
    x-validUntil termNotes, of a concept as descrip elements of those types)."""
    ET.register_namespace("", TBX_NS)
    root = ET.Element(f"{{{TBX_NS}}}tbx", {"type": "TBX-Basic", "style": "dca", XML_LANG: "en"})
    header = ET.SubElement(root, f"{{{TBX_NS}}}tbxHeader")
    fd = ET.SubElement(header, f"{{{TBX_NS}}}fileDesc")
    sd = ET.SubElement(fd, f"{{{TBX_NS}}}sourceDesc")
    ET.SubElement(sd, f"{{{TBX_NS}}}p").text = "tarjama name glossary"
    body = ET.SubElement(ET.SubElement(root, f"{{{TBX_NS}}}text"), f"{{{TBX_NS}}}body")
    write_entries(body, g, V3)
    return xml_text(root)


def xml_text(root: ET.Element) -> str:
    """The document, indented, with its XML declaration."""
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def write_entries(body: ET.Element, g: Glossary, lay: Layout) -> None:
    """One entry element per concept of ``g`` under ``body``, with the names of ``lay``."""
    q = lay.tag
    for c in g.concepts:
        ce = ET.SubElement(body, q(lay.entry), {"id": c.id})
        ET.SubElement(ce, q("descrip"), {"type": "subjectField"}).text = c.type
        if c.scope != "syria":
            ET.SubElement(ce, q("descrip"), {"type": "x-scope"}).text = c.scope
        for kind, day in (("x-validFrom", c.valid_from), ("x-validUntil", c.valid_until)):
            if day is not None:
                ET.SubElement(ce, q("descrip"), {"type": kind}).text = day.isoformat()
        if c.note:
            ET.SubElement(ce, q("note")).text = c.note
        for r in c.relations:
            ET.SubElement(ce, q("ref"), {"type": "crossReference", "target": r.id}).text = r.type
        for k, v in c.identifiers:
            ET.SubElement(ce, q("xref"), {"type": f"x-{k}", "target": v})
        for lang in LANGUAGES:
            terms = c.terms_in(lang)
            if not terms:
                continue
            ls = ET.SubElement(ce, q(lay.lang_sec), {XML_LANG: lang})
            for t in terms:
                ts = ET.SubElement(ls, q(lay.term_sec))
                ET.SubElement(ts, q("term")).text = t.text
                notes: list[tuple[str, str]] = [("administrativeStatus", _STATUS_TBX[t.status])]
                if t.replacement is not None:
                    notes.append(("x-replacement", t.replacement))
                if t.exact:
                    notes.append(("x-exact", "true"))
                if t.reviewed_ambiguous is not None:
                    notes.append(("x-ambiguous", "true" if t.reviewed_ambiguous else "false"))
                for kind, day in (("x-validFrom", t.valid_from), ("x-validUntil", t.valid_until)):
                    if day is not None:
                        notes.append((kind, day.isoformat()))
                en = explicit_en(c, t)
                if en is not None:
                    notes.append(("x-en", en))
                for kind, value in notes:
                    ET.SubElement(ts, q("termNote"), {"type": kind}).text = value


def import_tbx(text: str, source: str) -> str:
    """TOML from TBX written by :func:`export_tbx` (or TBX-Basic with administrativeStatus).
    A term without a status is admitted; an unknown status is an error naming its line."""
    root, lines = parse_xml(text, source)
    drafts = read_entries(root, lines, source, V3)
    return drafts_to_toml(drafts, source, f"# Imported from {Path(source).name}.")


def read_entries(
    root: ET.Element, lines: dict[int, int], source: str, lay: Layout
) -> list[DraftConcept]:
    """The concepts of a parsed TBX document whose element names are those of ``lay``
    (namespaces ignored); GlossaryError naming the line of an unknown status, a term level
    without a term, or a language we do not have."""

    def local(tag: str) -> str:
        return tag.rsplit("}", 1)[-1]

    drafts: list[DraftConcept] = []
    for ce in root.iter():
        if local(ce.tag) != lay.entry:
            continue
        d = DraftConcept(ce.get("id", ""), line=lines.get(id(ce), 0))
        for child in ce:
            name = local(child.tag)
            if name == "descrip" and child.get("type") == "subjectField":
                d.type = (child.text or "").strip()
            elif name == "descrip" and child.get("type") == "x-scope":
                d.scope = (child.text or "").strip()
            elif name == "descrip" and child.get("type") == "x-validFrom":
                d.valid_from = (child.text or "").strip()
            elif name == "descrip" and child.get("type") == "x-validUntil":
                d.valid_until = (child.text or "").strip()
            elif name == "note":
                d.note = (child.text or "").strip()
            elif name == "ref" and child.get("type") == "crossReference":
                d.relations.append(((child.text or "").strip(), child.get("target", "")))
            elif name == "xref" and (child.get("type") or "").startswith("x-"):
                d.identifiers.append((child.get("type", "")[2:], child.get("target", "")))
            elif name == lay.lang_sec:
                lang = child.get(XML_LANG, "")
                for ts in child:
                    if local(ts.tag) == lay.term_sec:
                        d.terms.append(_read_term(ts, lang, lines, source, d.line, lay))
        drafts.append(d)
    return drafts


def _read_term(
    ts: ET.Element, lang: str, lines: dict[int, int], source: str, near: int, lay: Layout
) -> DraftTerm:
    term = status = repl = en = valid_from = valid_until = ""
    exact = False
    ambiguous: bool | None = None
    for x in ts:
        n, v = x.tag.rsplit("}", 1)[-1], (x.text or "").strip()
        kind = x.get("type")
        if n == "term":
            term = v
        elif kind == "administrativeStatus":
            status = _TBX_STATUS.get(v, "")
            if not status:
                raise GlossaryError(
                    source,
                    lines.get(id(x), near),
                    f"unknown administrativeStatus {v!r} (use {', '.join(_STATUS_TBX.values())})",
                )
        elif kind == "x-replacement":
            repl = v
        elif kind == "x-exact":
            exact = v == "true"
        elif kind == "x-ambiguous":
            if v not in ("true", "false"):
                raise GlossaryError(
                    source,
                    lines.get(id(x), near),
                    f"x-ambiguous must be true or false, not {v!r}",
                )
            ambiguous = v == "true"
        elif kind == "x-en":
            en = v
        elif kind == "x-validFrom":
            valid_from = v
        elif kind == "x-validUntil":
            valid_until = v
    where = lines.get(id(ts), near)
    if not term:
        raise GlossaryError(source, where, f"a {lay.term_sec} without a term")
    if lang not in LANGUAGES:
        raise GlossaryError(
            source, where, f"language {lang!r} of term {term!r}: use one of {', '.join(LANGUAGES)}"
        )
    return DraftTerm(
        lang, status or "admitted", term, repl, exact, en, where, ambiguous, valid_from, valid_until
    )


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


def parse_xml(text: str, source: str) -> tuple[ET.Element, dict[int, int]]:
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
        raise GlossaryError(source, line, f"refused XML: {_refusal(exc)}") from None
    return root, builder.lines


def _refusal(exc: Exception) -> str:
    """Why defusedxml refused a file, in words."""
    from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden

    if isinstance(exc, DTDForbidden):
        return (
            f"it has a document type declaration (<!DOCTYPE {exc.name}>); a glossary file may "
            "not declare a DTD or entities (they can expand without bound or read local files)"
        )
    if isinstance(exc, EntitiesForbidden):
        return f"it declares the entity {exc.name!r}; a glossary file may not declare entities"
    if isinstance(exc, ExternalReferenceForbidden):
        return f"it refers to an external resource ({exc.sysid or exc.pubid}); not allowed"
    return str(exc)
