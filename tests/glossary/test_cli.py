"""`tarjama clean` with the glossary: on by default, --no-glossary, --glossary overlays."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from cleanup.cli import main

TEXT = "Hay'at Tahrir al-Sham and Hizbollah fighters.\n"


def test_glossary_on_by_default_and_off_with_flag() -> None:
    res = CliRunner().invoke(main, ["clean", "--isolated", "-"], input=TEXT)
    assert res.exit_code == 0
    assert res.output == "Hayat Tahrir al-Sham and Hezbollah fighters.\n"
    res = CliRunner().invoke(main, ["clean", "--isolated", "--no-glossary", "-"], input=TEXT)
    assert res.output == TEXT


def test_overlay_wins(tmp_path: Path) -> None:
    house = tmp_path / "house.toml"
    house.write_text(
        '[[concept]]\nid = "hezbollah"\ntype = "militia"\nen.preferred = "Hizbullah"\n'
        'en.deprecated = ["Hezbollah", "Hizbollah"]\n',
        encoding="utf-8",
    )
    res = CliRunner().invoke(
        main, ["clean", "--isolated", "--glossary", str(house), "-"], input=TEXT
    )
    assert res.exit_code == 0, res.output
    assert res.output == "Hayat Tahrir al-Sham and Hizbullah fighters.\n"


def test_bad_overlay_is_reported_with_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[[concept]]\nid = "x"\ntype = "town"\nen.preferred = 3\n', encoding="utf-8")
    res = CliRunner().invoke(main, ["clean", "--isolated", "--glossary", str(bad), "-"], input=TEXT)
    assert res.exit_code == 2
    assert f"{bad}:4:" in res.output and "Traceback" not in res.output


def test_statistics_and_explain_name_the_glossary_rules() -> None:
    res = CliRunner().invoke(
        main, ["clean", "--isolated", "--check", "--explain", "-", "-"], input=TEXT
    )
    assert res.exit_code == 1
    assert '"rules": ["GL01"], "concepts": ["hayat-tahrir-al-sham"]' in res.output
    res = CliRunner().invoke(main, ["rules", "GL02"])
    assert res.exit_code == 0 and "arabic-name" in res.output
