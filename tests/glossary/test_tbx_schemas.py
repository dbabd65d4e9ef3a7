"""The TBX export validated against the TBX steward's TBX-Basic schemas (tests/schemas/tbx/).

A TBX-Basic file in DCA style is valid when it passes two schemas of LTAC Global:

* the core structure, RELAX NG (``TBXcoreStructV03.rng``), validated with lxml;
* the dialect's constraints, Schematron (``TBX-Basic_DCA.sch``): the data categories allowed,
  at which level, with which values, and that every ``target`` is an ``id`` of the file or an
  http(s) URI. It declares ``queryBinding="xslt2"`` and uses XPath 2 (``matches()``,
  ``./local-name()``): lxml's ISO Schematron is XSLT 1 and refuses it, so this module compiles
  the schema into one XSLT 3 stylesheet (a template per rule, a mode per pattern, the first
  matching rule of a pattern firing, as Schematron says) and runs it in Saxon-HE (saxonche).
  Only the Schematron elements the schema uses are compiled (ns, pattern, rule, assert,
  report); any other makes the compiler fail rather than skip it.

The validators are first shown to work on the steward's own valid example and to fail on broken
copies of it; then the export of the shipped glossary and of a fixture glossary with every
feature is validated.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from cleanup.glossary import load_glossary
from cleanup.glossary.formats import export_tbx

from .conftest import FIXTURES

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas" / "tbx"
CORE_RNG = SCHEMAS / "TBXcoreStructV03.rng"
BASIC_SCH = SCHEMAS / "TBX-Basic_DCA.sch"
EXAMPLE = SCHEMAS / "Example_Astronomy_DCA_VALID.tbx"
FEATURES = FIXTURES / "tbx-features.toml"

SCH = "http://purl.oclc.org/dsdl/schematron"
XSL = "http://www.w3.org/1999/XSL/Transform"
_COMPILED = {"schema", "ns", "pattern", "rule", "assert", "report"}


@functools.cache
def _relaxng() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(CORE_RNG)))


def relaxng_errors(xml: str) -> list[str]:
    """``LINE: message`` for each way ``xml`` breaks the core structure (RELAX NG)."""
    rng = _relaxng()
    if rng.validate(etree.fromstring(xml.encode("utf-8"))):
        return []
    return [f"{e.line}: {e.message}" for e in rng.error_log]


def schematron_xslt(sch: Path) -> str:
    """The Schematron schema ``sch`` as one XSLT 3 stylesheet whose text output has a line
    ``PATH<TAB>PATTERN<TAB>MESSAGE`` per failed assert or successful report."""
    schema = etree.parse(str(sch)).getroot()
    for el in schema.iter(f"{{{SCH}}}*"):
        name = etree.QName(el).localname
        if name not in _COMPILED or (name in ("assert", "report") and len(el)):
            raise ValueError(f"{sch}:{el.sourceline}: <{name}> is not compiled")
    nsmap = {"xsl": XSL}
    for ns in schema.iterfind(f"{{{SCH}}}ns"):
        nsmap[ns.get("prefix")] = ns.get("uri")
    out = etree.Element(f"{{{XSL}}}stylesheet", nsmap=nsmap, version="3.0")
    etree.SubElement(out, f"{{{XSL}}}output", method="text")
    start = etree.SubElement(out, f"{{{XSL}}}template", match="/")
    for i, pattern in enumerate(schema.iterfind(f"{{{SCH}}}pattern")):
        mode = f"p{i}"
        pid = pattern.get("id", mode)
        etree.SubElement(start, f"{{{XSL}}}apply-templates", select="node()", mode=mode)
        walk = etree.SubElement(
            out, f"{{{XSL}}}template", match="@*|node()", mode=mode, priority="-1000"
        )
        etree.SubElement(walk, f"{{{XSL}}}apply-templates", select="@*|node()", mode=mode)
        rules = list(pattern.iterfind(f"{{{SCH}}}rule"))
        for j, rule in enumerate(rules):  # the first rule that matches a node is the one fired
            t = etree.SubElement(
                out,
                f"{{{XSL}}}template",
                match=rule.get("context", ""),
                mode=mode,
                priority=str(len(rules) - j),
            )
            for check in rule:
                if not isinstance(check.tag, str):
                    continue
                test = check.get("test", "")
                fails = f"not({test})" if etree.QName(check).localname == "assert" else test
                cond = etree.SubElement(t, f"{{{XSL}}}if", test=fails)
                etree.SubElement(cond, f"{{{XSL}}}value-of", select="path()")
                message = " ".join((check.text or "").split())
                etree.SubElement(cond, f"{{{XSL}}}text").text = f"\t{pid}\t{message}\n"
            etree.SubElement(t, f"{{{XSL}}}apply-templates", select="@*|node()", mode=mode)
    return etree.tostring(out, encoding="unicode")


@functools.cache
def _schematron() -> tuple[Any, Any]:
    """The Saxon-HE processor and the compiled Schematron (saxonche has no type hints)."""
    from saxonche import PySaxonProcessor

    proc = PySaxonProcessor(license=False)
    exe = proc.new_xslt30_processor().compile_stylesheet(stylesheet_text=schematron_xslt(BASIC_SCH))
    return proc, exe


def schematron_errors(xml: str) -> list[str]:
    """``PATH: PATTERN: message`` for each TBX-Basic constraint ``xml`` breaks (Saxon-HE)."""
    proc, exe = _schematron()
    doc = proc.parse_xml(xml_text=xml)
    report = exe.transform_to_string(xdm_node=doc) or ""
    out = []
    for line in report.splitlines():
        path, pattern, message = line.split("\t")
        out.append(f"{re.sub(r'Q[{][^}]*[}]', '', path)}: {pattern}: {message}")
    return out


def tbx_basic_errors(xml: str) -> list[str]:
    """Every way ``xml`` is not valid TBX-Basic (DCA style): RELAX NG, then Schematron."""
    return relaxng_errors(xml) + schematron_errors(xml)


def _example() -> str:
    return EXAMPLE.read_text("utf-8-sig")


def test_the_stewards_valid_example_passes() -> None:
    assert tbx_basic_errors(_example()) == []


@pytest.mark.parametrize(
    ("old", "new", "rng", "expected"),
    [
        # a data category TBX-Basic does not have (our old x- categories)
        ('<descrip type="subjectField">', '<descrip type="x-scope">', False, "dialectEnforcement"),
        # a category at a level where it is not allowed
        ('<descrip type="definition">', '<descrip type="context">', False, "context/ may only"),
        # a value outside a picklist
        (">noun</termNote>", ">properNoun</termNote>", False, "/partOfSpeech/ type may be"),
        # the core structure: a termSec whose term comes after its notes
        ("<termSec>\n\t\t\t\t\t\t<term>", "<termSec>\n\t\t\t\t\t\t<note>n</note><term>", True, ""),
        # the dialect declared on the root
        ('type="TBX-Basic"', 'type="TBX-Min"', False, "should be TBX-Basic"),
    ],
)
def test_a_broken_copy_of_the_example_fails(old: str, new: str, rng: bool, expected: str) -> None:
    text = _example()
    assert old in text
    broken = text.replace(old, new, 1)
    if rng:
        errors = relaxng_errors(broken)
        assert errors and errors[0].split(":")[0].isdigit()
    else:
        assert relaxng_errors(broken) == []
        errors = schematron_errors(broken)
        assert len(errors) == 1 and expected in errors[0], errors


def test_an_xpath2_assertion_is_evaluated() -> None:
    """The target rule uses matches() (XPath 2): an http(s) target passes it, ftp fails it.
    (The RELAX NG wants an IDREF there: the Schematron alone is looked at.)"""
    text = _example()
    note = "<note>G-Source: "
    assert note in text
    ftp, https = (
        text.replace(note, f'<note><hi target="{uri}">G</hi>-Source: ', 1)
        for uri in ("ftp://example.org/x", "https://example.org/x")
    )
    errors = schematron_errors(ftp)
    assert len(errors) == 1 and "coreEnforcement: ID must be IDREF" in errors[0]
    assert errors[0].startswith("/tbx[1]/text[1]/body[1]/conceptEntry[1]/note[1]/hi[1]: ")
    assert schematron_errors(https) == []


def test_shipped_glossary_export_is_valid_tbx_basic() -> None:
    assert tbx_basic_errors(export_tbx(load_glossary())) == []


def test_feature_glossary_export_is_valid_tbx_basic() -> None:
    g = load_glossary([FEATURES], include_default=False)
    assert tbx_basic_errors(export_tbx(g)) == []
