"""TBX: the ISO 30042 term-base exchange format, read and written (``--to tbx``/``--from tbx``).

The export is TBX-Basic (DCA style) and valid against the TBX steward's schemas (the core
RELAX NG and the TBX-Basic Schematron, tested in tests/glossary/test_tbx_schemas.py): only the
data categories TBX-Basic defines, at the levels it allows. Each concept is a
``conceptEntry`` with its type as ``subjectField``, its note as ``definition`` and its
relations as ``crossReference``; each term a ``termSec`` with ``administrativeStatus``,
``partOfSpeech`` (``noun``: every term is a name) and, for an acronym, ``termType``. A
deprecated term's replacement, and the English term an Arabic admitted term stands for, are
``crossReference`` links to that term's ``termSec``. What TBX-Basic has no category for (scope,
validity periods, ``exact``, ``ambiguous``, identifiers, a relation to a concept the file does
not hold) is a ``note`` reading ``tarjama:KEY=VALUE``. The import also reads the ``x-`` data
categories tarjama wrote before (``x-replacement``, ``x-validFrom``...). XML is parsed with
defusedxml (no entities, no DTD, whatever expat the machine links), and every problem names
the XML line.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import GlossaryError
from ..model import LANGUAGES, Concept, Glossary, Term
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
#: TBX-Basic's fourth status, read as deprecated: a superseded term is not to be used either
#: (tarjama writes none: its terms are preferred, admitted or deprecated)
_TBX_STATUS = {v: k for k, v in _STATUS_TBX.items()} | {"supersededTerm-admn-sts": "deprecated"}
#: the prefix of a note that holds a field TBX-Basic has no data category for
NOTE_PREFIX = "tarjama:"
#: a key TOML writes bare (an identifier's)
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
#: an acronym: two or more capital letters, each maybe followed by a dot (HTS, U.N.,
#: CJTF-OIR); not a form with digits (M4, T4)
_ACRONYM = re.compile(r"(?:[A-Z]\.?){2,}(?:-(?:[A-Z]\.?){2,})*")


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
    """TBX-Basic (DCA style): tbx / tbxHeader / text / body / conceptEntry / langSec / termSec,
    as the module docstring and docs/glossary-format.md describe."""
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


def xml_id(concept_id: str) -> str:
    """The XML ``id`` of a concept: its id, with ``_`` in front of one that starts with a
    digit (an XML id may not; a glossary id never starts with ``_``)."""
    return concept_id if concept_id[:1].isalpha() else "_" + concept_id


def _term_id(c: Concept, lang: str, n: int) -> str:
    """The ``termSec`` id of the ``n``-th term (from 1) of ``c`` in ``lang``: ``ID.LANG.N``
    (``.`` cannot occur in a glossary id, so these never clash with one)."""
    return f"{xml_id(c.id)}.{lang}.{n}"


def _term_ids(c: Concept) -> dict[tuple[str, str], str]:
    """The ``termSec`` id of each (language, text) of ``c`` (of the first, for a form the
    concept lists twice: a lint error, GLL006), for the crossReferences to it."""
    out: dict[tuple[str, str], str] = {}
    for lang in LANGUAGES:
        for n, t in enumerate(c.terms_in(lang), 1):
            out.setdefault((lang, t.text), _term_id(c, lang, n))
    return out


def _note(parent: ET.Element, lay: Layout, key: str, value: str) -> None:
    ET.SubElement(parent, lay.tag("note")).text = f"{NOTE_PREFIX}{key}={value}"


def write_entries(body: ET.Element, g: Glossary, lay: Layout) -> None:
    """One entry element per concept of ``g`` under ``body``, with the names of ``lay``."""
    q = lay.tag
    held = {c.id for c in g.concepts}
    for c in g.concepts:
        ce = ET.SubElement(body, q(lay.entry), {"id": xml_id(c.id)})
        ET.SubElement(ce, q("descrip"), {"type": "subjectField"}).text = c.type
        if c.note:
            ET.SubElement(ce, q("descrip"), {"type": "definition"}).text = c.note
        for r in c.relations:
            if r.id in held:
                attrs = {"type": "crossReference", "target": xml_id(r.id)}
                ET.SubElement(ce, q("ref"), attrs).text = r.type
        if c.scope != "syria":
            _note(ce, lay, "scope", c.scope)
        for key, day in (("valid_from", c.valid_from), ("valid_until", c.valid_until)):
            if day is not None:
                _note(ce, lay, key, day.isoformat())
        for r in c.relations:
            if r.id not in held:  # a crossReference must point into the file
                _note(ce, lay, f"relations.{r.type}", r.id)
        for k, v in c.identifiers:
            _note(ce, lay, f"identifiers.{k}", v)
        ids = _term_ids(c)
        for lang in LANGUAGES:
            terms = c.terms_in(lang)
            if terms:
                ls = ET.SubElement(ce, q(lay.lang_sec), {XML_LANG: lang})
                for n, t in enumerate(terms, 1):
                    _write_term(ls, c, t, _term_id(c, lang, n), ids, lay)


def _write_term(
    ls: ET.Element, c: Concept, t: Term, sec_id: str, ids: dict[tuple[str, str], str], lay: Layout
) -> None:
    q = lay.tag
    ts = ET.SubElement(ls, q(lay.term_sec), {"id": sec_id})
    ET.SubElement(ts, q("term")).text = t.text
    notes = [("administrativeStatus", _STATUS_TBX[t.status]), ("partOfSpeech", "noun")]
    if _ACRONYM.fullmatch(t.text):
        notes.append(("termType", "acronym"))
    for kind, value in notes:
        ET.SubElement(ts, q("termNote"), {"type": kind}).text = value
    link = _linked(c, t)
    if link is not None:
        attrs = {"type": "crossReference", "target": ids[link]}
        ET.SubElement(ts, q("ref"), attrs).text = link[1]
    if t.exact:
        _note(ts, lay, "exact", "true")
    if t.reviewed_ambiguous is not None:
        _note(ts, lay, "ambiguous", "true" if t.reviewed_ambiguous else "false")
    for key, day in (("valid_from", t.valid_from), ("valid_until", t.valid_until)):
        if day is not None:
            _note(ts, lay, key, day.isoformat())


def _linked(c: Concept, t: Term) -> tuple[str, str] | None:
    """(language, text) of the term ``t``'s crossReference names: the term that replaces a
    deprecated one, or the English term an Arabic admitted one stands for (when it is not
    the one the loader would give it)."""
    if t.replacement is not None:
        return t.lang, t.replacement
    en = explicit_en(c, t)
    return None if en is None else ("en", en)


def import_tbx(text: str, source: str) -> str:
    """TOML from TBX written by :func:`export_tbx` (or by an older tarjama, or TBX-Basic with
    administrativeStatus). A term without a status is admitted; an unknown status, or a
    ``tarjama:`` note we do not know, is an error naming its line."""
    root, lines = parse_xml(text, source)
    drafts = read_entries(root, lines, source, V3)
    return drafts_to_toml(drafts, source, f"# Imported from {Path(source).name}.")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _tarjama_note(x: ET.Element, lines: dict[int, int], source: str, near: int) -> tuple[str, str]:
    """``(KEY, VALUE)`` of a note ``tarjama:KEY=VALUE``; ``("", "")`` for another note."""
    text = (x.text or "").strip()
    if not text.startswith(NOTE_PREFIX):
        return "", ""
    key, eq, value = text[len(NOTE_PREFIX) :].partition("=")
    if not eq or not key:
        raise GlossaryError(
            source, lines.get(id(x), near), f"a note {text!r}: expected tarjama:KEY=VALUE"
        )
    return key, value


def _unknown(x: ET.Element, lines: dict[int, int], source: str, near: int, key: str) -> None:
    raise GlossaryError(source, lines.get(id(x), near), f"unknown note key tarjama:{key}")


def read_entries(
    root: ET.Element, lines: dict[int, int], source: str, lay: Layout
) -> list[DraftConcept]:
    """The concepts of a parsed TBX document whose element names are those of ``lay``
    (namespaces ignored); GlossaryError naming the line of an unknown status or note key, a
    term level without a term, or a language we do not have."""
    drafts: list[DraftConcept] = []
    for ce in root.iter():
        if _local(ce.tag) == lay.entry:
            drafts.append(_read_entry(ce, lines, source, lay))
    return drafts


def _read_entry(ce: ET.Element, lines: dict[int, int], source: str, lay: Layout) -> DraftConcept:
    cid = ce.get("id", "")
    d = DraftConcept(cid[1:] if cid.startswith("_") else cid, line=lines.get(id(ce), 0))
    definition = note = ""
    term_secs: list[tuple[str, ET.Element]] = []
    for child in ce:
        name, kind = _local(child.tag), child.get("type", "")
        v = (child.text or "").strip()
        if name == "descrip" and kind == "subjectField":
            d.type = v
        elif name == "descrip" and kind == "definition":
            definition = v
        elif name == "descrip" and kind in ("x-scope", "x-validFrom", "x-validUntil"):
            _set_concept(
                d, {"x-scope": "scope", "x-validFrom": "valid_from"}.get(kind, "valid_until"), v
            )
        elif name == "note":
            key, value = _tarjama_note(child, lines, source, d.line)
            if not key:
                note = note or v  # an older tarjama wrote the concept's note here
            elif key.startswith("relations."):
                d.relations.append((key.split(".", 1)[1], value))
            elif key.startswith("identifiers."):
                _identifier(d, key.split(".", 1)[1], value, source, lines.get(id(child), d.line))
            elif not _set_concept(d, key, value):
                _unknown(child, lines, source, d.line, key)
        elif name == "ref" and kind == "crossReference":
            target = child.get("target", "")
            d.relations.append((v, target[1:] if target.startswith("_") else target))
        elif name == "xref" and kind.startswith("x-"):  # an older tarjama's identifiers
            where = lines.get(id(child), d.line)
            _identifier(d, kind[2:], child.get("target", ""), source, where)
        elif name == lay.lang_sec:
            term_secs.extend(
                (child.get(XML_LANG, ""), ts) for ts in child if _local(ts.tag) == lay.term_sec
            )
    d.note = definition or note
    texts = {ts.get("id"): (lang, _term_text(ts)) for lang, ts in term_secs if ts.get("id")}
    d.terms = [_read_term(ts, lang, texts, lines, source, d.line, lay) for lang, ts in term_secs]
    return d


def _identifier(d: DraftConcept, key: str, value: str, source: str, where: int) -> None:
    """Add an identifier; GlossaryError if its key is not a bare TOML key (the glossary file
    writes it bare: ``identifiers = { wikidata = "Q1" }``)."""
    if not _BARE_KEY.fullmatch(key):
        raise GlossaryError(
            source, where, f"identifier key {key!r}: use ASCII letters, digits, '-' and '_'"
        )
    d.identifiers.append((key, value))


#: the concept's and the term's fields a ``tarjama:`` note may give as text (flags apart)
_CONCEPT_TEXT_FIELDS = ("scope", "valid_from", "valid_until")
_TERM_TEXT_FIELDS = ("valid_from", "valid_until", "replacement", "en")


def _set_concept(d: DraftConcept, key: str, value: str) -> bool:
    """Set the concept field a note or an older ``x-`` descrip gives; False if ``key`` is
    not one."""
    if key not in _CONCEPT_TEXT_FIELDS:
        return False
    setattr(d, key, value)
    return True


def _term_text(ts: ET.Element) -> str:
    return next(((x.text or "").strip() for x in ts if _local(x.tag) == "term"), "")


def _read_term(
    ts: ET.Element,
    lang: str,
    texts: dict[str | None, tuple[str, str]],
    lines: dict[int, int],
    source: str,
    near: int,
    lay: Layout,
) -> DraftTerm:
    t = DraftTerm(lang, "", _term_text(ts), line=lines.get(id(ts), near))
    link: tuple[str, str] | None = None  # (language, text) of the term a crossReference names
    for x in ts:
        n, v, kind = _local(x.tag), (x.text or "").strip(), x.get("type")
        where = lines.get(id(x), near)
        if kind == "administrativeStatus":
            t.status = _TBX_STATUS.get(v, "")
            if not t.status:
                raise GlossaryError(
                    source,
                    where,
                    f"unknown administrativeStatus {v!r} (use {', '.join(_TBX_STATUS)})",
                )
        elif n == "ref" and kind == "crossReference":
            link = texts.get(x.get("target"))
        elif n == "note":
            key, value = _tarjama_note(x, lines, source, near)
            if key and not _set_term(t, key, value, source, where):
                _unknown(x, lines, source, near, key)
        elif n == "termNote" and kind in _OLD_TERM_NOTES:
            _set_term(t, _OLD_TERM_NOTES[kind], v, source, where)
    if not t.text:
        raise GlossaryError(source, t.line, f"a {lay.term_sec} without a term")
    if lang not in LANGUAGES:
        raise GlossaryError(
            source,
            t.line,
            f"language {lang!r} of term {t.text!r}: use one of {', '.join(LANGUAGES)}",
        )
    t.status = t.status or "admitted"
    if link is not None and t.status == "deprecated" and link[0] == lang:
        t.replacement = link[1]
    elif link is not None and t.status == "admitted" and link[0] == "en" != lang:
        t.en = link[1]
    return t


#: the ``x-`` termNote types an older tarjama wrote, and the note key each is now
_OLD_TERM_NOTES = {
    "x-replacement": "replacement",
    "x-exact": "exact",
    "x-ambiguous": "ambiguous",
    "x-validFrom": "valid_from",
    "x-validUntil": "valid_until",
    "x-en": "en",
}


def _set_term(t: DraftTerm, key: str, value: str, source: str, where: int) -> bool:
    """Set the term field a note (or an older ``x-`` termNote) gives; False if ``key`` is
    not one; GlossaryError for a flag that is not true or false."""
    if key in ("exact", "ambiguous"):
        if value not in ("true", "false"):
            raise GlossaryError(source, where, f"{key} must be true or false, not {value!r}")
        setattr(t, key, value == "true")
    elif key in _TERM_TEXT_FIELDS:
        setattr(t, key, value)
    else:
        return False
    return True


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
