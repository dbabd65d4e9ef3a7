"""`tarjama glossary lint`: one fixture per code, exit codes, output formats."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleanup.cli import main
from cleanup.glossary.lint import AMBIGUITY_CODES, CODES, lint_paths

from .conftest import FIXTURES, SMALL

LINT = FIXTURES / "lint"


def test_every_code_has_a_fixture() -> None:
    assert sorted(p.stem for p in LINT.glob("*.toml")) == sorted(CODES)


def _fail_lines(path: Path) -> list[int]:
    """The lines of a fixture marked ``# fail``: where its code must be reported."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [k for k, line in enumerate(lines, 1) if re.search(r"#\s*fail\b", line)]


@pytest.mark.parametrize("code", sorted(CODES))
def test_fixture_reports_its_code(code: str) -> None:
    """Each fixture reports its own code. The ambiguity checks (GLL015-GLL019) look at every
    unreviewed term, so the fixtures of other codes are read without them; their own
    fixtures mark each line that must fail, and every other term must pass."""
    path = LINT / f"{code}.toml"
    problems = lint_paths([path])
    if code not in AMBIGUITY_CODES:
        problems = [p for p in problems if p.code not in AMBIGUITY_CODES]
    assert {p.code for p in problems} == {code}
    for p in problems:
        assert p.file == str(path) and p.line >= 1
    if code in AMBIGUITY_CODES:
        assert sorted(p.line for p in problems) == _fail_lines(path), problems


@pytest.mark.parametrize("code", sorted(CODES))
def test_cli_text_output(code: str) -> None:
    path = LINT / f"{code}.toml"
    res = CliRunner().invoke(main, ["glossary", "lint", str(path)])
    assert res.exit_code == 1, res.output
    assert re.search(rf"^\S*{path.name}:\d+:\d+: {code} ", res.output, re.M), res.output


def test_clean_glossary_passes() -> None:
    assert lint_paths([SMALL]) == []
    res = CliRunner().invoke(main, ["glossary", "lint", str(SMALL)])
    assert res.exit_code == 0
    assert "All checks passed!" in res.output


def test_json_output() -> None:
    res = CliRunner().invoke(
        main, ["glossary", "lint", "--output-format", "json", str(LINT / "GLL006.toml")]
    )
    assert res.exit_code == 1
    data = json.loads(res.output)
    assert [d["code"] for d in data] == ["GLL006"]
    assert set(data[0]) == {"file", "line", "col", "code", "message", "severity"}


def test_unreadable_input_exits_2(tmp_path: Path) -> None:
    res = CliRunner().invoke(main, ["glossary", "lint", str(tmp_path / "missing.toml")])
    assert res.exit_code == 2
    assert "missing.toml" in res.output and "Traceback" not in res.output
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b'[[concept]]\nid = "\xff"\n')
    res = CliRunner().invoke(main, ["glossary", "lint", str(bad)])
    assert res.exit_code == 2
    assert f"{bad}:2: invalid UTF-8" in res.output


def test_ignore_option() -> None:
    res = CliRunner().invoke(
        main, ["glossary", "lint", "--ignore", "GLL006", str(LINT / "GLL006.toml")]
    )
    assert res.exit_code == 0


def test_shipped_glossary_has_no_findings() -> None:
    problems = lint_paths([Path(__file__).resolve().parents[2] / "glossaries"])
    assert [str(p) for p in problems] == []
