"""Documentation that is generated or promised stays true."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_rules_reference_is_current() -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "gen_rule_docs.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr


def test_readme_quick_start_is_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = section.split("```")
    assert len(blocks) == 3, "the quick start holds exactly one fenced code block"
    commands = [line for line in blocks[1].splitlines()[1:] if line.strip()]
    assert commands == ["make demo", "make test"]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci


def test_architecture_doc_shows_the_enforced_layers() -> None:
    """docs/architecture.md draws the layers that lint-imports enforces, in the same order."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    layers = config["tool"]["importlinter"]["contracts"][0]["layers"]
    doc = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    diagram = doc.split("```", 2)[1]
    import re

    positions = []
    for layer in layers:
        names = [n.strip() for n in layer.replace("|", ":").split(":")]
        for name in names:
            assert re.search(rf"(?m)^ +(?:\S.*)?\b{re.escape(name)} [:|]|\b{name}\s", diagram)
        first = re.search(rf"(?m)^  {re.escape(names[0])}\b", diagram)
        assert first is not None, names[0]
        positions.append(first.start())
    assert positions == sorted(positions)
