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
from pathlib import Path
from typing import Any

from ..errors import GlossaryError
from ..model import LANGUAGES, Glossary
from .draft import DraftConcept, DraftTerm, drafts_to_toml
from .toml import explicit_en

__all__ = ["export_tbx", "import_tbx"]

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
    x-exact, x-ambiguous, x-en; the validity periods of a term as x-validFrom and
    x-validUntil termNotes, of a concept as descrip elements of those types)."""
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
        if c.scope != "syria":
            ET.SubElement(ce, f"{{{TBX_NS}}}descrip", {"type": "x-scope"}).text = c.scope
        for kind, day in (("x-validFrom", c.valid_from), ("x-validUntil", c.valid_until)):
            if day is not None:
                ET.SubElement(ce, f"{{{TBX_NS}}}descrip", {"type": kind}).text = day.isoformat()
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
                if t.reviewed_ambiguous is not None:
                    ET.SubElement(ts, f"{{{TBX_NS}}}termNote", {"type": "x-ambiguous"}).text = (
                        "true" if t.reviewed_ambiguous else "false"
                    )
                for kind, day in (("x-validFrom", t.valid_from), ("x-validUntil", t.valid_until)):
                    if day is not None:
                        ET.SubElement(
                            ts, f"{{{TBX_NS}}}termNote", {"type": kind}
                        ).text = day.isoformat()
                en = explicit_en(c, t)
                if en is not None:
                    ET.SubElement(ts, f"{{{TBX_NS}}}termNote", {"type": "x-en"}).text = en
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def import_tbx(text: str, source: str) -> str:
    """TOML from TBX written by :func:`export_tbx` (or TBX-Basic with administrativeStatus).
    A term without a status is admitted; an unknown status is an error naming its line."""
    root, lines = _parse_xml(text, source)

    def local(tag: str) -> str:
        return tag.rsplit("}", 1)[-1]

    drafts: list[DraftConcept] = []
    for ce in root.iter():
        if local(ce.tag) != "conceptEntry":
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
            elif name == "langSec":
                lang = child.get(XML_LANG, "")
                for ts in child:
                    if local(ts.tag) != "termSec":
                        continue
                    term = status = repl = en = valid_from = valid_until = ""
                    exact = False
                    ambiguous: bool | None = None
                    for x in ts:
                        n, v = local(x.tag), (x.text or "").strip()
                        kind = x.get("type")
                        if n == "term":
                            term = v
                        elif kind == "administrativeStatus":
                            status = _TBX_STATUS.get(v, "")
                            if not status:
                                raise GlossaryError(
                                    source,
                                    lines.get(id(x), d.line),
                                    f"unknown administrativeStatus {v!r} (use "
                                    f"{', '.join(_STATUS_TBX.values())})",
                                )
                        elif kind == "x-replacement":
                            repl = v
                        elif kind == "x-exact":
                            exact = v == "true"
                        elif kind == "x-ambiguous":
                            if v not in ("true", "false"):
                                raise GlossaryError(
                                    source,
                                    lines.get(id(x), d.line),
                                    f"x-ambiguous must be true or false, not {v!r}",
                                )
                            ambiguous = v == "true"
                        elif kind == "x-en":
                            en = v
                        elif kind == "x-validFrom":
                            valid_from = v
                        elif kind == "x-validUntil":
                            valid_until = v
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
                    d.terms.append(
                        DraftTerm(
                            lang,
                            status or "admitted",
                            term,
                            repl,
                            exact,
                            en,
                            where,
                            ambiguous,
                            valid_from,
                            valid_until,
                        )
                    )
        drafts.append(d)
    return drafts_to_toml(drafts, source, f"# Imported from {Path(source).name}.")


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
