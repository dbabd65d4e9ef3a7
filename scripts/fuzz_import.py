#!/usr/bin/env python3
"""Fuzz `tarjama glossary import`: TBX (XML) and CSV from any bytes (see scripts/fuzzing.py).

Properties: the only exception is GlossaryError (naming the file and, where there is one, the
line); what is imported loads without problems.
"""

from __future__ import annotations

import sys

import atheris
from fuzzing import ROOT, run

with atheris.instrument_imports():
    from cleanup.glossary import load_glossary
    from cleanup.glossary.errors import GlossaryError
    from cleanup.glossary.formats import export_csv, export_tbx, import_csv, import_tbx
    from cleanup.glossary.loader import parse_text


def test(data: bytes) -> None:
    if not data:
        return
    text = data[1:].decode("utf-8", "replace")
    convert = import_tbx if data[0] & 1 else import_csv
    try:
        toml = convert(text, "fuzz")
    except GlossaryError as exc:
        assert str(exc).startswith("fuzz"), str(exc)
        return
    assert not parse_text(toml, "fuzz.toml").problems


if __name__ == "__main__":
    small = load_glossary([ROOT / "tests" / "fixtures" / "glossary" / "small.toml"], False)
    seeds = [b"\x01" + export_tbx(small).encode(), b"\x00" + export_csv(small).encode()]
    run("import", test, seeds)
    sys.exit(0)
