"""Rules are pure: selecting or ignoring one never changes what another does.

For every rule R and every fixture, cleaning with R ignored changes only what R did: every line
in which R made no edit comes out the same, with the same edits. (The one dependency between
lines is the quotation rules' question whether the next paragraph opens a quotation, so a line
followed by a line that R edited may differ too.)
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

import pytest

from cleanup import Config, Edit, Result, clean_and_explain
from cleanup.rules import RULES

FIXTURES = Path(__file__).parent / "fixtures" / "rules"


def _inputs() -> list[tuple[str, str]]:
    """(text, quote style) of every cleaning fixture (QA fixtures have no ``input``)."""
    out: list[tuple[str, str]] = []
    for path in sorted(FIXTURES.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for kind in ("fix", "pass"):
            for case in data.get(kind, []):
                if "input" in case:
                    out.append((case["input"], case.get("config", {}).get("quotes", "straight")))
    return out


INPUTS = _inputs()
# each fixture alone, and all of them as one document in each quote style
TEXTS = [*INPUTS] + [("\n".join(t for t, _ in INPUTS), q) for q in ("straight", "curly", "keep")]


@cache
def _full(text: str, quotes: str) -> Result:
    return clean_and_explain(text, Config(quotes=quotes))  # type: ignore[arg-type]


def _by_line(text: str, result: Result) -> dict[int, list[Edit]]:
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    out: dict[int, list[Edit]] = {}
    for e in result.edits:
        line = sum(1 for s in starts if s <= e.start) - 1
        out.setdefault(line, []).append(e.shifted(-starts[line]))
    return out


@pytest.mark.parametrize("code", [r.code for r in RULES])
def test_ignoring_a_rule_changes_only_its_own_edits(code: str) -> None:
    for text, quotes in TEXTS:
        full = _full(text, quotes)
        without = clean_and_explain(text, Config(quotes=quotes, ignore=(code,)))  # type: ignore[arg-type]
        full_edits, without_edits = _by_line(text, full), _by_line(text, without)
        touched = {
            line for line, edits in full_edits.items() if any(code in e.rules for e in edits)
        }
        lines_full, lines_without = full.text.split("\n"), without.text.split("\n")
        original = text.split("\n")
        for k in range(len(original)):
            nxt = next((j for j in range(k + 1, len(original)) if original[j].strip()), None)
            if k in touched or (nxt is not None and nxt in touched):
                continue
            assert lines_without[k] == lines_full[k], (code, original[k])
            assert without_edits.get(k, []) == full_edits.get(k, []), (code, original[k])
