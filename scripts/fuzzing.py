"""What the fuzz targets (scripts/fuzz_*.py) share: seeds from the project's own fixtures, the
command line, and the properties every cleaning must keep.

Run a target for a time (atheris, from the `fuzz` extra: ``pip install -e '.[fuzz]'``)::

    python scripts/fuzz_clean.py -max_total_time=600      # ten minutes
    python scripts/fuzz_clean.py -runs=100000             # a number of inputs
    python scripts/fuzz_clean.py bench-data/fuzz/crash-…  # replay a saved input

The seeds are written to a corpus folder (``bench-data/fuzz/NAME``, kept between runs, so a
later run starts from what earlier ones found) and any crashing input to ``bench-data/fuzz``.
A target fails (exit status non-zero, the input saved) on any exception other than the
documented input errors, or when a property does not hold.
"""

from __future__ import annotations

import sys
import tomllib
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
CORPORA = ROOT / "bench-data" / "fuzz"


def fixture_texts() -> list[str]:
    """Every text of the rule fixtures: the inputs of the cleaning rules' cases, the sources
    and outputs of the QA checks' cases."""
    out: list[str] = []
    for path in sorted((FIXTURES / "rules").glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for kind in ("fix", "fail", "pass"):
            for case in data.get(kind, []):
                out.extend(case[k] for k in ("input", "src", "hyp") if k in case)
    return out


def glossary_files() -> list[str]:
    """The text of every glossary fixture (valid and invalid ones)."""
    paths = sorted((FIXTURES / "glossary").rglob("*.toml"))
    return [p.read_text(encoding="utf-8") for p in paths]


def check_cleaning(text: str, config: object) -> None:
    """The properties of cleaning any text: no exception, the edit log rebuilds the output,
    the line structure is kept, the pipeline converged, ``clean`` equals
    ``clean_and_explain().text``, and cleaning the output changes nothing."""
    from cleanup import Config, apply_edits, clean, clean_and_explain

    assert isinstance(config, Config)
    result = clean_and_explain(text, config)
    assert result.converged, "no fixed point"
    assert apply_edits(text, result.edits) == result.text, "edit log"
    assert result.text.count("\n") == text.count("\n"), "line count"
    assert clean(text, config) == result.text, "clean() != clean_and_explain().text"
    again = clean_and_explain(result.text, config)
    assert again.text == result.text, f"not idempotent: {result.text!r} -> {again.text!r}"


def run(name: str, test: Callable[[bytes], None], seeds: Iterable[bytes]) -> None:
    """Fuzz ``test`` with atheris, starting from ``seeds`` (libFuzzer's flags on argv)."""
    try:
        import atheris
    except ImportError:
        sys.exit("atheris is not installed: pip install -e '.[fuzz]'")
    corpus = CORPORA / name
    corpus.mkdir(parents=True, exist_ok=True)
    for k, seed in enumerate(seeds):
        (corpus / f"seed-{k:04d}").write_bytes(seed)
    argv = [sys.argv[0], *sys.argv[1:], "-print_final_stats=1", f"-artifact_prefix={CORPORA}/"]
    if not any(not a.startswith("-") for a in sys.argv[1:]):
        argv.append(str(corpus))  # no input files given to replay: fuzz from the corpus
    atheris.Setup(argv, test)
    atheris.Fuzz()
