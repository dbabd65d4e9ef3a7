"""Glossary maintenance: fmt, merge, diff, TBX/CSV export and import, mine."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from cleanup.cli import main
from cleanup.glossary import load_glossary
from cleanup.glossary.diff import diff_glossaries
from cleanup.glossary.formats import export_csv, export_tbx, format_file, import_csv, import_tbx
from cleanup.glossary.loader import parse_text
from cleanup.glossary.matcher import Matcher
from cleanup.glossary.mine import mine

from .conftest import FIXTURES, SMALL

SHIPPED = Path(__file__).resolve().parents[2] / "glossaries"


def test_fmt_keeps_data_and_comments_and_is_idempotent() -> None:
    text = (
        "# header comment\n\n"
        '# about homs\n[[concept]]  # trailing\nid = "homs"\n# inside\ntype = "city"\n'
        'en.deprecated = ["Hims"]\nen.preferred = "Homs"\n'
    )
    out = format_file(text, "x.toml")
    assert out.startswith("# header comment\n\n# about homs\n# inside\n[[concept]]  # trailing\n")
    assert 'en.preferred = "Homs"\nen.deprecated = ["Hims"]' in out
    assert parse_text(out, "x").concepts == parse_text(text, "x").concepts
    assert format_file(out, "x.toml") == out


def test_fmt_every_shipped_file_loads_back_the_same() -> None:
    for f in sorted(SHIPPED.glob("*.toml")):
        text = f.read_text(encoding="utf-8")
        out = format_file(text, str(f))  # raises if the data would change
        assert format_file(out, str(f)) == out


def test_fmt_check_and_in_place(tmp_path: Path) -> None:
    p = tmp_path / "g.toml"
    p.write_text('[[concept]]\ntype = "city"\nid = "homs"\nen.preferred = "Homs"\n', "utf-8")
    r = CliRunner().invoke(main, ["glossary", "fmt", "--check", str(p)])
    assert r.exit_code == 1 and "would reformat" in r.output
    r = CliRunner().invoke(main, ["glossary", "fmt", str(p)])
    assert r.exit_code == 0
    assert p.read_text("utf-8").startswith('[[concept]]\nid = "homs"\ntype = "city"\n')
    r = CliRunner().invoke(main, ["glossary", "fmt", "--check", str(p)])
    assert r.exit_code == 0


def test_tbx_and_csv_round_trip_the_shipped_glossary() -> None:
    g = load_glossary()
    tbx = export_tbx(g)
    assert "<conceptEntry" in tbx and "preferredTerm-admn-sts" in tbx
    for back in (import_tbx(tbx, "g.tbx"), import_csv(export_csv(g), "g.csv")):
        parsed = parse_text(back, "back.toml")
        assert parsed.problems == []
        assert tuple(parsed.concepts) == g.concepts


def test_round_trips_keep_the_ambiguous_flag() -> None:
    g = load_glossary([FIXTURES / "ambiguous.toml"], include_default=False)
    flags = [t.reviewed_ambiguous for _, t in g.terms()]
    assert True in flags and False in flags
    assert "<note>tarjama:ambiguous=true</note>" in export_tbx(g)
    for back in (import_tbx(export_tbx(g), "g.tbx"), import_csv(export_csv(g), "g.csv")):
        parsed = parse_text(back, "back.toml")
        assert parsed.problems == []
        assert [t.reviewed_ambiguous for c in parsed.concepts for t in c.terms] == flags
        assert [c.scope for c in parsed.concepts] == [c.scope for c in g.concepts]
    assert "world" in {c.scope for c in g.concepts} and "syria" in {c.scope for c in g.concepts}


def test_import_errors_name_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tbx"
    bad.write_text("<tbx><text>", "utf-8")
    r = CliRunner().invoke(main, ["glossary", "import", str(bad)])
    assert r.exit_code == 2 and str(bad) in r.output and "Traceback" not in r.output


def test_merge_and_diff(tmp_path: Path) -> None:
    house = tmp_path / "house.toml"
    house.write_text(
        '[[concept]]\nid = "homs"\ndrop = true\n\n'
        '[[concept]]\nid = "hama"\ntype = "city"\nen.preferred = "Hamah"\n'
        'en.deprecated = ["Hama"]\n',
        "utf-8",
    )
    out = tmp_path / "merged.toml"
    r = CliRunner().invoke(main, ["glossary", "merge", str(SMALL), str(house), "-o", str(out)])
    assert r.exit_code == 0, r.output
    merged = load_glossary([out], include_default=False)
    assert merged.get("homs") is None
    assert merged.get("hama").label == "Hamah"  # type: ignore[union-attr]
    diffs = [str(d) for d in diff_glossaries(load_glossary([SMALL], include_default=False), merged)]
    assert "- homs" in diffs
    assert "~ hama: en preferred 'Hama' (not ambiguous) -> en deprecated 'Hama' -> 'Hamah'" in diffs
    assert "~ hama: - ar preferred 'حماة' (not ambiguous)" in diffs
    r = CliRunner().invoke(
        main, ["glossary", "diff", "--output-format", "json", str(SMALL), str(out)]
    )
    assert r.exit_code == 1 and json.loads(r.output)
    r = CliRunner().invoke(main, ["glossary", "diff", str(SMALL), str(SMALL)])
    assert r.exit_code == 0 and r.output == ""


def test_mine_suggests_near_variants_only() -> None:
    m = Matcher(load_glossary([SMALL], include_default=False))
    text = (
        "Fighters of Hayaat Tahrir al-Sham and Hezbolla entered Homs. "
        "Hayaat Tahrir al-Sham said. The Syrian Observatory and Hezbollah agreed."
    )
    got = {c.text: c for c in mine([text], m)}
    assert got["Hayaat Tahrir al-Sham"].concept == "hayat-tahrir-al-sham"
    assert got["Hayaat Tahrir al-Sham"].count == 2
    assert got["Hezbolla"].nearest == "Hezbollah"
    assert "Hezbollah" not in got and "Homs" not in got
    assert not any("Observatory" in k for k in got)
