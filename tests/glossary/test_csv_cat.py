"""CAT-tool CSV: one concept per row, the default CSV layout of export and import."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleanup.cli import main
from cleanup.glossary import load_glossary
from cleanup.glossary.formats.cat_csv import (
    CAT_FIELDS,
    detect_csv_layout,
    export_cat_csv,
    import_any_csv,
    import_cat_csv,
    join_terms,
    split_terms,
)
from cleanup.glossary.formats.csv import export_csv
from cleanup.glossary.loader import parse_text
from cleanup.glossary.model import Glossary

from .conftest import FIXTURES

RICH = """\
[[concept]]
id = "rich"
type = "faction"
scope = "world"
valid_from = 2020-01-01
valid_until = 2024-12-08
note = "=SUM(A1) a note, with a comma"
relations = [{type = "part-of", id = "other"}]
en.preferred = "Rich|Front"
en.admitted = [{term = "RF", exact = true, deprecated = ["R.F."]}, "Rich Front"]
en.deprecated = ["-Rich", {term = "Rich\\\\Front", ambiguous = false, valid_until = 2023-05-01}]
ar.preferred = "جبهة الغنى"
ar.admitted = [{term = "الغنى", en = "Rich Front", ambiguous = true}]

[[concept]]
id = "other"
type = "faction"
en.preferred = "Other"
"""


def _rich() -> Glossary:
    parsed = parse_text(RICH, "rich.toml")
    assert parsed.problems == []
    return Glossary(tuple(parsed.concepts))


def _back(text: str) -> Glossary:
    parsed = parse_text(text, "back.toml")
    assert parsed.problems == []
    return Glossary(tuple(parsed.concepts))


def test_shipped_glossary_round_trips_through_the_cat_layout() -> None:
    g = load_glossary()
    text = export_cat_csv(g)
    assert text.splitlines()[0] == ",".join(CAT_FIELDS)
    assert text.startswith("id,type,note,en,en_admitted,en_deprecated,ar,ar_admitted,")
    assert len(text.splitlines()) >= len(g.concepts) + 1
    assert _back(import_cat_csv(text, "g.csv")).concepts == g.concepts


@pytest.mark.parametrize("name", ["ambiguous.toml", "dated.toml", "small.toml"])
def test_fixtures_round_trip(name: str) -> None:
    g = load_glossary([FIXTURES / name], include_default=False)
    assert _back(import_any_csv(export_cat_csv(g), "g.csv")).concepts == g.concepts


def test_every_attribute_round_trips_and_cells_are_plain() -> None:
    g = _rich()
    text = export_cat_csv(g)
    row = next(csv.DictReader(io.StringIO(text)))
    assert row["en"] == "Rich\\|Front"  # a | in a term is escaped with a backslash
    assert row["en_admitted"] == "RF|Rich Front"
    assert row["en_deprecated"] == "'-Rich|Rich\\\\Front|R.F."  # formula-escaped cell
    assert row["note"] == "'=SUM(A1) a note, with a comma"
    assert row["ar"] == "جبهة الغنى" and row["scope"] == "world"
    assert (row["valid_from"], row["valid_until"]) == ("2020-01-01", "2024-12-08")
    assert row["relations"] == "part-of:other"
    assert '"R.F.": {"replaces": "RF"}' in row["term_attributes"]
    assert '"الغنى": {"ambiguous": true, "en": "Rich Front"}' in row["term_attributes"]
    assert _back(import_cat_csv(text, "g.csv")).concepts == g.concepts


def test_pipe_escaping_is_exactly_undone() -> None:
    for terms in ([], ["a"], ["a|b", "c"], ["a\\", "|"], ["x\\|y", "\\\\"]):
        assert split_terms(join_terms(terms)) == terms
    assert join_terms(["a|b", "c\\d"]) == "a\\|b|c\\\\d"
    assert split_terms("a\\b") is None


def _run(args: list[str]) -> tuple[int, str]:
    r = CliRunner().invoke(main, args)
    return r.exit_code, r.output


def test_cli_default_layout_bom_and_terms_layout_round_trip(tmp_path: Path) -> None:
    g = load_glossary()
    for extra in ([], ["--bom"], ["--csv-layout", "terms"], ["--csv-layout", "terms", "--bom"]):
        out, back = tmp_path / "g.csv", tmp_path / "back.toml"
        code, output = _run(["glossary", "export", "--to", "csv", *extra, "-o", str(out)])
        assert code == 0, output
        data = out.read_bytes()
        assert data.startswith(b"\xef\xbb\xbf") == ("--bom" in extra)
        head = data.decode("utf-8-sig").split("\n", 1)[0]
        assert head.startswith("concept," if "terms" in extra else "id,type,note,en,")
        code, output = _run(["glossary", "import", str(out), "-o", str(back)])  # detected
        assert code == 0, output
        assert _back(back.read_text("utf-8")).concepts == g.concepts
        layout = "terms" if "terms" in extra else "cat"
        code, output = _run(["glossary", "import", "--csv-layout", layout, str(out)])
        assert code == 0 and "[[concept]]" in output


def test_layout_detection() -> None:
    g = _rich()
    assert detect_csv_layout(export_cat_csv(g), "g.csv") == "cat"
    assert detect_csv_layout("\ufeff" + export_csv(g), "g.csv") == "terms"
    assert _back(import_any_csv("\ufeff" + export_csv(g), "g.csv")).concepts == g.concepts


def test_options_need_csv() -> None:
    code, output = _run(["glossary", "export", "--to", "tbx", "--bom"])
    assert code == 2 and "--bom need --to csv" in output


HEADER = ",".join(CAT_FIELDS)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("type,en\nx,Y\n", ":1: missing columns: id"),
        ("foo,bar\n1,2\n", ":1: cannot tell the CSV layout from the header"),
        ("id,type,en,lang\nx,city,Y,en\n", ":1: unknown column 'lang'"),
        ("id,type,en\nx,city,Y\nz,city\n", ":3: too few columns (2, the header has 3)"),
        ("id,type,en\nx,city,Y\nz,city,A\\B\n", ":3: en: a '\\' must be followed by"),
        ("id,type,en,en_deprecated\nx,city,Y,A||B\n", ":2: en_deprecated: empty term"),
        ("id,type,en,term_attributes\nx,city,Y,{oops\n", ":2: term_attributes: invalid JSON"),
        (
            'id,type,en,term_attributes\nx,city,Y,"{""en"": {""Z"": {""exact"": true}}}"\n',
            ":2: term_attributes: en 'Z': no such term in column en",
        ),
        (
            'id,type,en,term_attributes\nx,city,Y,"{""en"": {""Y"": {""exact"": 1}}}"\n',
            ":2: term_attributes: en 'Y': exact must be true or false",
        ),
        ("id,type,en,relations\nx,city,Y,nope\n", ":2: relations: 'nope' is not type:id"),
        ("id,type,en,valid_from\nx,city,Y,tomorrow\n", ":2:"),
    ],
)
def test_errors_name_file_and_line(tmp_path: Path, text: str, message: str) -> None:
    p = tmp_path / "bad.csv"
    p.write_text(text, "utf-8")
    out = tmp_path / "out.toml"
    code, output = _run(["glossary", "import", str(p), "-o", str(out)])
    assert code == 2 and not out.exists()
    assert f"{p}{message}" in output, output
    assert "Traceback" not in output
