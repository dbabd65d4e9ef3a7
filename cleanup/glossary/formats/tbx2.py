"""TBX v2 (ISO 30042:2008, ``<martif type="TBX">``), read and written (``--to tbx2``,
``--from tbx2``), for the tools that read only v2 (translate-toolkit, older CAT tools).

The same data as :mod:`.tbx` (TBX v3) under the v2 names: ``termEntry`` for ``conceptEntry``,
``langSet`` for ``langSec``, ``tig`` for ``termSec``, no namespace, ``martifHeader`` for
``tbxHeader``. Everything else (the TBX-Basic data categories, cross references, the
``tarjama:`` notes, and the ``x-`` categories of older exports on import) is written and read by
:mod:`.tbx` itself, and the XML is parsed by it (defusedxml, lines kept): v2 holds every field
v3 does, so nothing is dropped.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from ..model import Glossary
from .draft import drafts_to_toml
from .tbx import XML_LANG, Layout, parse_xml, read_entries, write_entries, xml_text

__all__ = ["V2", "export_tbx2", "import_tbx2", "is_tbx2"]

V2 = Layout("", "termEntry", "langSet", "tig")

# the root element after an XML declaration, comments, processing instructions and a document
# type declaration (which the import then refuses, as for TBX v3)
_MARTIF_ROOT = re.compile(
    r"\A\ufeff?\s*(?:(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*>)\s*)*<martif[\s>/]", re.S
)


def export_tbx2(g: Glossary) -> str:
    """TBX v2 XML: martif / martifHeader / text / body / termEntry / langSet / tig."""
    root = ET.Element("martif", {"type": "TBX", XML_LANG: "en"})
    header = ET.SubElement(root, "martifHeader")
    fd = ET.SubElement(header, "fileDesc")
    sd = ET.SubElement(fd, "sourceDesc")
    ET.SubElement(sd, "p").text = "tarjama name glossary"
    body = ET.SubElement(ET.SubElement(root, "text"), "body")
    write_entries(body, g, V2)
    return xml_text(root)


def import_tbx2(text: str, source: str) -> str:
    """TOML from TBX v2 written by :func:`export_tbx2` (or another v2 file with
    administrativeStatus). Errors name the file and line, as for TBX v3."""
    root, lines = parse_xml(text, source)
    drafts = read_entries(root, lines, source, V2)
    return drafts_to_toml(drafts, source, f"# Imported from {Path(source).name}.")


def is_tbx2(text: str) -> bool:
    """Whether ``text`` is XML whose root element is ``martif`` (TBX v2)."""
    return _MARTIF_ROOT.match(text[:65536]) is not None
