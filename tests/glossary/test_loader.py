"""Loading glossaries: the public API, schema errors with file:line, overlays."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleanup.config import ConfigError
from cleanup.glossary import Concept, GlossaryError, Relation, Term, load_glossary

from .conftest import SMALL


def write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_api_shape() -> None:
    g = load_glossary([SMALL], include_default=False)
    hts = g.get("hayat-tahrir-al-sham")
    assert isinstance(hts, Concept)
    assert hts.type == "faction"
    assert hts.relations == (Relation("formerly", "jabhat-al-nusra"),)
    header = SMALL.read_text().splitlines().index('id = "hayat-tahrir-al-sham"')  # 0-based
    assert hts.source == f"{SMALL}:{header}"  # the [[concept]] line just above
    pref = hts.preferred("en")
    assert pref == Term("Hayat Tahrir al-Sham", "en", "preferred")
    hts_short = next(t for t in hts.terms if t.text == "HTS")
    assert hts_short.status == "admitted" and hts_short.exact and hts_short.replacement is None
    dep = next(t for t in hts.terms if t.text == "Hay'at Tahrir al-Sham")
    assert dep.status == "deprecated" and dep.replacement == "Hayat Tahrir al-Sham"
    assert hts.preferred("ar") is not None and hts.preferred("ar").english == pref.text
    assert g.get("no-such-concept") is None
    assert [c.id for c in g.concepts][:3] == ["hama", "hamas", "homs"]


def test_nested_deprecated_replaced_by_the_admitted_form() -> None:
    g = load_glossary([SMALL], include_default=False)
    sharaa = g.get("ahmed-al-sharaa")
    assert sharaa is not None
    julani = next(t for t in sharaa.terms if t.text == "Abu Muhammad al-Julani")
    assert julani.status == "deprecated"
    assert julani.replacement == "Abu Mohammed al-Jolani"
    # an Arabic nom de guerre of a person is never mapped to the legal name
    ar_jolani = next(t for t in sharaa.terms if t.text == "أبو محمد الجولاني")
    assert ar_jolani.english is None


def test_term_locations_point_at_the_text() -> None:
    g = load_glossary([SMALL], include_default=False)
    lines = SMALL.read_text(encoding="utf-8").splitlines()
    for _, t in g.terms():
        assert t.location is not None
        line = lines[t.location.line - 1]
        assert line[t.location.col - 1 :].startswith('"' + t.text + '"'), (t, line)


def test_schema_error_names_file_and_line(tmp_path: Path) -> None:
    p = write(
        tmp_path,
        "bad.toml",
        '[[concept]]\nid = "a"\ntype = "city"\nen.preferred = "A"\n\n'
        '[[concept]]\nid = "b"\ntype = "city"\nen.preferred = "B"\nen.admitted = [1]\n',
    )
    with pytest.raises(GlossaryError) as err:
        load_glossary([p], include_default=False)
    assert err.value.file == str(p)
    assert err.value.line == 10
    assert str(err.value).startswith(f"{p}:10: ")
    assert isinstance(err.value, ConfigError)


@pytest.mark.parametrize(
    ("body", "line", "needle"),
    [
        ('id = "Bad_Id"\ntype = "city"\nen.preferred = "A"\n', 2, "id 'Bad_Id'"),
        ('id = "a"\ntype = "city"\n', 1, "en.preferred"),
        ('id = "a"\ntype = "city"\nen.preferred = "A"\nfr.preferred = "A"\n', 5, "unknown key"),
        ('id = "a"\ntype = "city"\nen.preferred = "A"\nen.prefered = "B"\n', 5, "en.prefered"),
        (
            'id = "a"\ntype = "city"\nrelations = [{ type = "friend-of", id = "b" }]\n'
            'en.preferred = "A"\n',
            4,
            "relation type",
        ),
        (
            'id = "a"\ntype = "city"\nen.preferred = "A"\nen.deprecated = [\n  "B",\n'
            '  { term = "C", deprecated = ["D"] },\n]\n',
            7,
            "unknown key 'deprecated'",
        ),
        ('id = "a"\ntype = "city"\nscope = "global"\nen.preferred = "A"\n', 4, "scope must be"),
    ],
)
def test_schema_errors(tmp_path: Path, body: str, line: int, needle: str) -> None:
    p = write(tmp_path, "g.toml", "[[concept]]\n" + body)
    with pytest.raises(GlossaryError) as err:
        load_glossary([p], include_default=False)
    assert err.value.line == line, str(err.value)
    assert needle in str(err.value)


def test_invalid_toml_and_missing_file(tmp_path: Path) -> None:
    p = write(tmp_path, "g.toml", '[[concept]]\nid = "a\n')
    with pytest.raises(GlossaryError) as err:
        load_glossary([p], include_default=False)
    assert err.value.line == 2 and "invalid TOML" in str(err.value)
    with pytest.raises(GlossaryError, match="no such glossary file"):
        load_glossary([tmp_path / "missing.toml"], include_default=False)


def test_overlay_replaces_appends_and_drops(tmp_path: Path) -> None:
    overlay = write(
        tmp_path,
        "house.toml",
        '[[concept]]\nid = "hezbollah"\ntype = "militia"\nen.preferred = "Hizbollah"\n'
        'en.deprecated = ["Hezbollah"]\n\n'
        '[[concept]]\nid = "homs"\ndrop = true\n\n'
        '[[concept]]\nid = "raqqa"\ntype = "city"\nen.preferred = "Raqqa"\n',
    )
    base = load_glossary([SMALL], include_default=False)
    g = load_glossary([SMALL, overlay], include_default=False)
    ids = [c.id for c in g.concepts]
    assert "homs" not in ids and ids[-1] == "raqqa"
    # replaced in place: the order of the base is kept
    assert ids.index("hezbollah") == [c.id for c in base.concepts].index("hezbollah") - 1
    hz = g.get("hezbollah")
    assert hz is not None and hz.preferred("en") is not None
    assert hz.preferred("en").text == "Hizbollah"
    assert hz.source.startswith(str(overlay))


def test_duplicate_id_in_one_layer_is_an_error(tmp_path: Path) -> None:
    a = write(tmp_path, "a.toml", '[[concept]]\nid = "x"\ntype = "city"\nen.preferred = "X"\n')
    b = write(tmp_path, "b.toml", '[[concept]]\nid = "x"\ntype = "city"\nen.preferred = "Y"\n')
    with pytest.raises(GlossaryError, match="duplicate concept id 'x'"):
        load_glossary([tmp_path], include_default=False)
    # as two layers, the later one wins
    g = load_glossary([a, b], include_default=False)
    assert g.get("x") is not None and g.get("x").label == "Y"  # type: ignore[union-attr]


def test_shipped_glossary_loads() -> None:
    g = load_glossary()
    assert len(g) > 0
    assert all(c.preferred("en") is not None for c in g.concepts)
    assert len({c.id for c in g.concepts}) == len(g)
