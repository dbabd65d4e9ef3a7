#!/usr/bin/env python3
"""Fuzz the glossary loader and the formatter on any TOML (see scripts/fuzzing.py).

Properties: parsing never raises (problems come back located by file and line); a file
without problems formats to a file that loads to the same concepts and formats to itself.
"""

from __future__ import annotations

import sys

import atheris
from fuzzing import glossary_files, run

with atheris.instrument_imports():
    from cleanup.glossary.errors import GlossaryError
    from cleanup.glossary.formats import format_file
    from cleanup.glossary.loader import parse_text


def test(data: bytes) -> None:
    text = atheris.FuzzedDataProvider(data).ConsumeUnicodeNoSurrogates(len(data))
    parsed = parse_text(text, "fuzz.toml")
    for p in parsed.problems:
        assert p.file == "fuzz.toml" and p.code.startswith("GLL")
    if parsed.problems or parsed.drops:
        return
    try:
        out = format_file(text, "fuzz.toml")
    except GlossaryError as exc:
        assert "a bug" not in str(exc), str(exc)
        return
    assert parse_text(out, "fuzz.toml").concepts == parsed.concepts
    assert format_file(out, "fuzz.toml") == out


if __name__ == "__main__":
    run("glossary", test, [t.encode("utf-8") for t in glossary_files()])
    sys.exit(0)
