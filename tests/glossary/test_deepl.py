"""DeepL glossary TSV export: DeepL's limits hold, and what DeepL cannot apply without context
is left out and reported."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleanup.cli import main
from cleanup.glossary import load_glossary
from cleanup.glossary.formats import export_deepl
from cleanup.glossary.formats.deepl import MAX_TERM_BYTES, REASONS
from cleanup.glossary.loader import parse_text
from cleanup.glossary.model import Glossary


@pytest.mark.parametrize("pair", ["ar-en", "en-en"])
def test_deepl_export_of_the_shipped_glossary_keeps_deepls_rules(pair: str) -> None:
    g = load_glossary()
    d = export_deepl(g, pair)
    assert len(d.entries) > 500
    sources = [s for s, _ in d.entries]
    assert len(sources) == len(set(sources))
    for s, t in d.entries:
        for x in (s, t):
            assert x and x == x.strip()
            assert len(x.encode("utf-8")) <= MAX_TERM_BYTES
            assert not any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") for ch in x)
    lines = d.tsv().splitlines()
    assert len(lines) == len(d.entries) and all(line.count("\t") == 1 for line in lines)
    # nothing DeepL would apply without context
    left = {x.source for x in d.left_out}
    kept = set(sources)
    for c, t in g.terms():
        if t.lang == pair[:2] and t.text in kept:
            assert not t.ambiguous and c.period(t) == (None, None), (c.id, t.text)
    assert {x.reason for x in d.left_out} >= {"ambiguous", "dated", "shared"}
    assert not kept & {x.source for x in d.left_out if x.reason != "duplicate"}
    assert left


def test_deepl_ar_en_maps_an_arabic_name_to_its_english_form() -> None:
    entries = dict(export_deepl(load_glossary(), "ar-en").entries)
    assert entries["حزب الله"] == "Hezbollah"
    assert entries["حلب"] == "Aleppo"
    assert all(unicodedata.bidirectional(s[0]) == "AL" for s in entries)


def test_deepl_en_en_maps_variants_to_the_house_style_form() -> None:
    entries = dict(export_deepl(load_glossary(), "en-en").entries)
    assert entries["Hizbollah"] == "Hezbollah" and entries["Idleb"] == "Idlib"
    assert "Hezbollah" not in entries  # preferred forms are not sources


def _g(toml: str) -> Glossary:
    parsed = parse_text(toml, "x.toml")
    assert parsed.problems == []
    return Glossary(tuple(parsed.concepts))


def test_deepl_leaves_out_ambiguous_dated_shared_and_too_long_forms() -> None:
    long = "A" + "b" * MAX_TERM_BYTES
    g = _g(
        '[[concept]]\nid = "a"\ntype = "city"\nen.preferred = "Alpha"\n'
        'en.deprecated = ["Alfa", "alfa", { term = "Alpa", ambiguous = true }, "Shared", '
        f'"{long}"]\n'
        '\n[[concept]]\nid = "b"\ntype = "city"\nvalid_until = 2024-12-08\n'
        'en.preferred = "Beta"\nen.deprecated = ["Betta", "shared"]\n'
    )
    d = export_deepl(g, "en-en")
    assert d.entries == (("Alfa", "Alpha"), ("alfa", "Alpha"))  # case variants of one concept
    assert {(x.source, x.reason) for x in d.left_out} == {
        ("Alpa", "ambiguous"),
        ("Shared", "shared"),
        ("shared", "shared"),
        (long, "too-long"),
        ("Betta", "dated"),
    }
    assert d.counts() == {"too-long": 1, "shared": 2, "ambiguous": 1, "dated": 1}


def test_deepl_cli_reports_what_was_left_out(tmp_path: Path) -> None:
    out = tmp_path / "g.tsv"
    r = CliRunner().invoke(main, ["glossary", "export", "--to", "deepl", "-o", str(out)])
    assert r.exit_code == 0, r.stderr
    assert "حزب الله\tHezbollah\n" in out.read_text("utf-8")
    assert "DeepL ar-en glossary:" in r.stderr and REASONS["ambiguous"] in r.stderr
    assert "left out:" not in r.stderr
    r = CliRunner().invoke(
        main, ["glossary", "export", "--to", "deepl", "--pair", "en-en", "--verbose"]
    )
    assert r.exit_code == 0
    assert "Hizbollah\tHezbollah\n" in r.stdout
    assert "DeepL en-en glossary:" in r.stderr
    assert "tarjama: left out: " in r.stderr and REASONS["dated"] in r.stderr
    r = CliRunner().invoke(main, ["glossary", "export", "--to", "csv", "--pair", "en-en"])
    assert r.exit_code == 2 and "--pair needs --to deepl" in r.stderr
