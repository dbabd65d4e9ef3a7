"""Start-up: ``tarjama clean`` imports only what the run uses (issue 15).

The QA checks, the glossary's modules without a glossary rule, and the process pool without
--jobs are imported when first used: each costs milliseconds on every run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

# Runs the command in a fresh interpreter and prints the modules it imported on stderr.
_RUN = """
import sys
from cleanup.cli import main
try:
    main(sys.argv[1:])
except SystemExit as exc:
    assert not exc.code, exc.code
print(" ".join(sorted(sys.modules)), file=sys.stderr)
"""

LAZY = ("cleanup.rules.qa", "cleanup.glossary.evidence", "cleanup.glossary.unlisted")


def _imported(*args: str) -> tuple[str, set[str]]:
    cmd = [sys.executable, "-c", _RUN, "clean", "--isolated", "-q", *args]
    done = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", check=True)
    return done.stdout, set(done.stderr.split())


def test_clean_without_the_glossary_imports_neither_qa_nor_glossary(sample_wire: str) -> None:
    wire = str(Path(__file__).resolve().parent.parent / "docs" / "examples" / "aleppo-wire.txt")
    out, modules = _imported("--no-glossary", wire)
    assert out.count("\n") == sample_wire.count("\n") and out != sample_wire  # it was cleaned
    assert not modules & {*LAZY, "concurrent.futures.process"}
    out2, modules = _imported(wire)  # with the glossary: its modules, still no QA checks
    assert out2 != out
    assert {"cleanup.glossary.evidence", "cleanup.glossary.unlisted"} <= modules
    assert "cleanup.rules.qa" not in modules
    _, modules = _imported("--no-glossary", "-j", "2", wire)
    assert "concurrent.futures.process" in modules
