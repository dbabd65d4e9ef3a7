"""CSV export escapes cells against spreadsheet formula injection; the import undoes it."""

from __future__ import annotations

import csv
import io

import pytest

from cleanup.glossary.formats import export_csv, import_csv
from cleanup.glossary.formats.csv import FORMULA_STARTS, escape_cell, unescape_cell
from cleanup.glossary.loader import parse_text
from cleanup.glossary.model import Glossary


def _glossary(term: str, note: str) -> Glossary:
    toml = (
        '[[concept]]\nid = "x"\ntype = "city"\n'
        f"note = {_q(note)}\nen.preferred = {_q(term)}\n"
        'en.deprecated = ["Plain"]\n'
    )
    parsed = parse_text(toml, "x.toml")
    assert parsed.problems == []
    return Glossary(tuple(parsed.concepts))


def _q(s: str) -> str:
    return (
        '"'
        + s.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\r", "\\r")
        + '"'
    )


@pytest.mark.parametrize("start", [*FORMULA_STARTS, "'"])
def test_csv_cells_starting_with_a_formula_character_round_trip(start: str) -> None:
    # a term cannot start with whitespace (the loader refuses it): tab and CR go in the note
    term = "Foo" if start in "\t\r" else f"{start}Foo"
    note = f"{start}SUM(A1:A9) note"
    g = _glossary(term, note)
    text = export_csv(g)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["note"] == "'" + note
    if start not in "\t\r":
        assert rows[0]["term"] == "'" + term
    assert rows[1]["term"] == "Plain" and rows[1]["replacement"] == rows[0]["term"]
    back = parse_text(import_csv(text, "g.csv"), "back.toml")
    assert back.problems == []
    assert tuple(back.concepts) == g.concepts


def test_escape_rule_is_exactly_undone() -> None:
    for cell in ["", "plain", "'", "''x", "=1+1", "-", "@me", "\tx", "\rx", "a=b"]:
        assert unescape_cell(escape_cell(cell)) == cell
    assert escape_cell("'Ayn") == "''Ayn" and escape_cell("a-b") == "a-b"
