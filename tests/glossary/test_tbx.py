"""TBX v3 (TBX-Basic): how each field is carried, round trips through the command line, files
of the previous tarjama export, and errors with the file and line. Schema validation is in
test_tbx_schemas.py."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from click.testing import CliRunner

from cleanup.cli import main
from cleanup.glossary import load_glossary
from cleanup.glossary.formats import export_tbx, format_glossary, import_tbx
from cleanup.glossary.loader import parse_text

from .conftest import FIXTURES

FEATURES = FIXTURES / "tbx-features.toml"
OLD_EXPORT = FIXTURES / "tbx-features-d866cb0.tbx"
NS = {"t": "urn:iso:std:iso:30042:ed-2"}


def _run(args: list[str]) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, args)
    assert r.exception is None or isinstance(r.exception, SystemExit)
    assert "Traceback" not in r.output
    return r.exit_code, r.stdout, r.stderr


def _body(toml: str) -> str:
    """A glossary file without its header comment (the import writes its own)."""
    return toml[toml.index("[[concept]]") :]


def _entries() -> dict[str, ET.Element]:
    root = ET.fromstring(export_tbx(load_glossary([FEATURES], include_default=False)))
    return {e.get("id", ""): e for e in root.iterfind(".//t:conceptEntry", NS)}


def _term(entry: ET.Element, text: str) -> ET.Element:
    return next(
        ts for ts in entry.iterfind(".//t:termSec", NS) if ts.findtext("t:term", "", NS) == text
    )


def _notes(el: ET.Element) -> list[str]:
    return [n.text or "" for n in el.iterfind("t:note", NS)]


def _term_notes(ts: ET.Element) -> dict[str, str]:
    return {n.get("type", ""): n.text or "" for n in ts.iterfind("t:termNote", NS)}


def test_files_to_tbx_to_files_is_identical(tmp_path: Path) -> None:
    for src in (FEATURES, FIXTURES / "ambiguous.toml", FIXTURES / "dated.toml"):
        tbx, back = tmp_path / "g.tbx", tmp_path / "back.toml"
        assert _run(["glossary", "export", str(src), "--to", "tbx", "-o", str(tbx)])[0] == 0
        code, _, err = _run(["glossary", "import", str(tbx), "-o", str(back)])
        assert code == 0 and err == ""
        assert _body(back.read_text("utf-8")) == _body(src.read_text("utf-8"))


def test_the_shipped_glossary_round_trips() -> None:
    g = load_glossary()
    back = import_tbx(export_tbx(g), "g.tbx")
    parsed = parse_text(back, "back.toml")
    assert parsed.problems == []
    assert tuple(parsed.concepts) == g.concepts
    assert _body(back) == _body(format_glossary(g.concepts))  # the canonical blocks, as text


def test_concept_fields_map_to_tbx_basic_categories() -> None:
    entries = _entries()
    hts = entries["hayat-tahrir-al-sham"]
    assert hts.findtext("t:descrip[@type='subjectField']", "", NS) == "faction"
    assert hts.findtext("t:descrip[@type='definition']", "", NS).startswith("Islamist alliance")
    # a relation to a concept the file does not hold cannot be a crossReference (its target
    # must be an id of the file): a note
    assert hts.find("t:ref", NS) is None
    assert _notes(hts) == [
        "tarjama:valid_until=2025-01-29",
        "tarjama:relations.formerly=jabhat-fateh-al-sham",
    ]
    sharaa = entries["ahmed-al-sharaa"]
    ref = sharaa.find("t:ref[@type='crossReference']", NS)
    assert ref is not None and ref.get("target") == "hayat-tahrir-al-sham"
    assert ref.text == "leader-of"
    assert _notes(entries["united-states"]) == ["tarjama:scope=world"]
    assert _notes(entries["syrian-army"]) == ["tarjama:valid_from=2024-12-08"]
    assert _notes(entries["damascus"]) == ["tarjama:identifiers.wikidata=Q3766"]
    # an XML id may not start with a digit
    assert "_3000-apartments-project" in entries and "3000-apartments-project" not in entries


def test_term_fields_map_to_tbx_basic_categories() -> None:
    entries = _entries()
    hts = entries["hayat-tahrir-al-sham"]
    acronym = _term(hts, "HTS")
    assert _term_notes(acronym) == {
        "administrativeStatus": "admittedTerm-admn-sts",
        "partOfSpeech": "noun",
        "termType": "acronym",
    }
    assert _notes(acronym) == ["tarjama:exact=true", "tarjama:ambiguous=true"]
    assert _term_notes(_term(hts, "Hayat Tahrir al-Sham"))["administrativeStatus"] == (
        "preferredTerm-admn-sts"
    )
    assert "termType" not in _term_notes(_term(hts, "Tahrir al-Sham"))
    us = entries["united-states"]
    assert [
        _term_notes(_term(us, t)).get("termType") for t in ("U.S.", "USA", "United States")
    ] == [
        "acronym",
        "acronym",
        None,
    ]
    # a deprecated term points to the termSec of the term that replaces it: the preferred
    # one, or the admitted one it misspells
    sharaa = entries["ahmed-al-sharaa"]
    for deprecated, replacement in (
        ("Ahmad al-Sharaa", "Ahmed al-Sharaa"),
        ("Abu Muhammad al-Julani", "Abu Mohammed al-Golani"),
        ("al-Jolani", "al-Golani"),
    ):
        ts = _term(sharaa, deprecated)
        assert _term_notes(ts)["administrativeStatus"] == "deprecatedTerm-admn-sts"
        ref = ts.find("t:ref[@type='crossReference']", NS)
        assert ref is not None and ref.text == replacement
        assert ref.get("target") == _term(sharaa, replacement).get("id")
    # an Arabic admitted term points to the English term it stands for
    ts = _term(sharaa, "أبو محمد الجولاني")
    ref = ts.find("t:ref[@type='crossReference']", NS)
    assert ref is not None and ref.get("target") == _term(sharaa, "Abu Mohammed al-Golani").get(
        "id"
    )
    # a term's validity period
    old = _term(entries["syrian-arab-army"], "Syrian army")
    assert _notes(old) == ["tarjama:ambiguous=true", "tarjama:valid_until=2024-12-08"]
    # every term is a name: a noun
    root_terms = [ts for e in entries.values() for ts in e.iterfind(".//t:termSec", NS)]
    assert {_term_notes(ts)["partOfSpeech"] for ts in root_terms} == {"noun"}
    ids = [ts.get("id") for ts in root_terms]
    assert len(set(ids)) == len(ids) and not set(ids) & set(entries)


def test_the_previous_export_still_imports() -> None:
    old = OLD_EXPORT.read_text("utf-8")
    assert 'type="x-replacement"' in old and "termSec id=" not in old
    back = import_tbx(old, str(OLD_EXPORT))
    assert _body(back) == _body(FEATURES.read_text("utf-8"))


def _broken(tmp_path: Path, old: str, new: str) -> tuple[Path, int]:
    """The feature glossary as TBX with the first ``old`` replaced by ``new``, and its line."""
    lines = export_tbx(load_glossary([FEATURES], include_default=False)).splitlines()
    k = next(i for i, line in enumerate(lines) if old in line)
    lines[k] = lines[k].replace(old, new)
    f = tmp_path / "bad.tbx"
    f.write_text("\n".join(lines) + "\n", "utf-8")
    return f, k + 1


def test_an_unknown_note_key_names_file_and_line(tmp_path: Path) -> None:
    f, line = _broken(tmp_path, "tarjama:scope=", "tarjama:scop=")
    code, out, err = _run(["glossary", "import", str(f)])
    assert code == 2 and out == ""
    assert err.startswith(f"tarjama: error: {f}:{line}: unknown note key tarjama:scop")


def test_a_bad_flag_names_file_and_line(tmp_path: Path) -> None:
    f, line = _broken(tmp_path, "tarjama:ambiguous=true", "tarjama:ambiguous=yes")
    code, out, err = _run(["glossary", "import", str(f)])
    assert code == 2 and out == ""
    assert err.startswith(f"tarjama: error: {f}:{line}: ambiguous must be true or false, not 'yes'")


def test_a_note_without_a_value_names_file_and_line(tmp_path: Path) -> None:
    f, line = _broken(tmp_path, "tarjama:exact=true", "tarjama:exact")
    code, _, err = _run(["glossary", "import", str(f)])
    assert code == 2
    assert err.startswith(
        f"tarjama: error: {f}:{line}: a note 'tarjama:exact': expected tarjama:KEY=VALUE"
    )


def test_other_notes_and_categories_of_a_foreign_file_are_ignored() -> None:
    """A TBX-Basic file from another tool: its notes on terms, context, termType and a
    definition in a langSec are not glossary fields; the concept's definition is its note."""
    text = """<?xml version="1.0" encoding="UTF-8"?>
<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en">
<tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader>
<text><body><conceptEntry id="c1">
<descrip type="subjectField">city</descrip>
<note>Checked by the desk.</note>
<descrip type="definition">Capital of Syria.</descrip>
<langSec xml:lang="en"><descrip type="definition">The capital.</descrip>
<termSec><term>Damascus</term>
<termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
<termNote type="termType">fullForm</termNote>
<descrip type="context">Damascus said on Monday...</descrip><note>seen in AP copy</note></termSec>
<termSec><term>Dimashq</term></termSec>
</langSec></conceptEntry></body></text></tbx>
"""
    (c,) = parse_text(import_tbx(text, "x.tbx"), "x.toml").concepts
    assert (c.id, c.type, c.note) == ("c1", "city", "Capital of Syria.")
    assert [(t.text, t.status) for t in c.terms] == [
        ("Damascus", "preferred"),
        ("Dimashq", "admitted"),
    ]


def test_a_superseded_term_is_read_as_deprecated() -> None:
    """TBX-Basic's fourth administrativeStatus (supersededTerm-admn-sts, in the steward's own
    example) is not to be used, as a deprecated term is."""
    text = """<?xml version="1.0" encoding="UTF-8"?>
<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en">
<tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader>
<text><body><conceptEntry id="hama"><descrip type="subjectField">city</descrip>
<langSec xml:lang="en">
<termSec><term>Hama</term>
<termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
<termSec><term>Hamah</term>
<termNote type="administrativeStatus">supersededTerm-admn-sts</termNote></termSec>
</langSec></conceptEntry></body></text></tbx>
"""
    (c,) = parse_text(import_tbx(text, "x.tbx"), "x.toml").concepts
    assert [(t.text, t.status) for t in c.terms] == [("Hama", "preferred"), ("Hamah", "deprecated")]


def test_an_identifier_key_toml_cannot_write_bare_names_file_and_line(tmp_path: Path) -> None:
    f, line = _broken(tmp_path, "tarjama:identifiers.wikidata=", "tarjama:identifiers.wiki.data=")
    code, _, err = _run(["glossary", "import", str(f)])
    assert code == 2
    assert err.startswith(f"tarjama: error: {f}:{line}: identifier key 'wiki.data': use ASCII")
