"""Every rule against its fixture file (tests/fixtures/rules/CODE.toml), through the API and the
CLI; every fixture is also checked for idempotence, alone and in the full pipeline."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from cleanup import RULES, Config, apply_edits, clean, clean_and_explain

FIXTURES = Path(__file__).parent / "fixtures" / "rules"


def _cases() -> list[tuple[str, str, dict[str, Any]]]:
    out = []
    for path in sorted(FIXTURES.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for kind in ("fix", "pass"):
            for case in data.get(kind, []):
                out.append((path.stem, kind, case))
    return out


CASES = _cases()


def _config(code: str, case: dict[str, Any]) -> Config:
    glossary = code.startswith("GL")  # the glossary rules act on the shipped glossary
    return Config(glossary=glossary, select=(code,), **case.get("config", {}))


def _id(c: tuple[str, str, dict[str, Any]]) -> str:
    return f"{c[0]}-{c[1]}-{c[2]['label'][:40]}"


def test_every_rule_has_fixtures_and_documentation() -> None:
    codes = {code for code, _, _ in CASES}
    for rule in RULES:
        assert rule.code in codes, f"no fixture file for {rule.code}"
        kinds = {kind for code, kind, _ in CASES if code == rule.code}
        assert "pass" in kinds, f"{rule.code}: no must-not-change case"
        if rule.fixes:
            assert "fix" in kinds, f"{rule.code}: no must-fix case"
        doc = rule.__doc__ or ""
        for section in ("What it does", "Why is this bad", "Example", "Use instead"):
            assert f"**{section}**" in doc, f"{rule.code}: docstring lacks '{section}'"


@pytest.mark.parametrize("code,kind,case", CASES, ids=[_id(c) for c in CASES])
def test_fixture_api(code: str, kind: str, case: dict[str, Any]) -> None:
    cfg = _config(code, case)
    result = clean_and_explain(case["input"], cfg)
    expected = case["expected"] if kind == "fix" else case["input"]
    assert result.text == expected
    assert apply_edits(case["input"], result.edits) == result.text
    assert all(code in e.rules for e in result.edits)
    if "findings" in case:
        assert sorted({f.code for f in result.findings}) == sorted(case["findings"])
    # Idempotent: the rule alone, and the whole default pipeline.
    assert clean(result.text, cfg) == result.text
    full = Config(glossary=False, **case.get("config", {}))
    once = clean(case["input"], full)
    assert clean(once, full) == once
    assert clean(clean(expected, full), full) == clean(expected, full)


def _cli_groups() -> dict[tuple[str, str], list[tuple[str, dict[str, Any]]]]:
    groups: dict[tuple[str, str], list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    for code, kind, case in CASES:
        key = (code, json.dumps(case.get("config", {}), sort_keys=True))
        groups[key].append((kind, case))
    return groups


GROUPS = _cli_groups()


@pytest.mark.parametrize("key", sorted(GROUPS), ids=[f"{k[0]}{k[1]}" for k in sorted(GROUPS)])
def test_fixture_cli(key: tuple[str, str]) -> None:
    """All cases of a rule (with one configuration) as JSONL records through one CLI call."""
    code, cfg_json = key
    cfg = json.loads(cfg_json)
    cases = GROUPS[key]
    records = "".join(
        json.dumps({"id": i, "text": case["input"], "kind": kind}, ensure_ascii=False) + "\n"
        for i, (kind, case) in enumerate(cases)
    )
    args = [sys.executable, "-m", "cleanup", "clean", "--input-format", "jsonl", "--field", "text"]
    args += ["--select", code, "--isolated", "-q", "-"]
    if not code.startswith("GL"):
        args.append("--no-glossary")
    if cfg.get("quotes"):
        args += ["--quotes", cfg["quotes"]]
    if cfg.get("segmented"):
        args += ["--segmented"]
    proc = subprocess.run(args, input=records.encode(), capture_output=True, check=False)
    assert proc.returncode == 0, proc.stderr.decode()
    out = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert len(out) == len(cases)
    for rec, (kind, case) in zip(out, cases, strict=True):
        assert list(rec) == ["id", "text", "kind"]  # other fields come through, in order
        assert rec["text"] == (case["expected"] if kind == "fix" else case["input"])
