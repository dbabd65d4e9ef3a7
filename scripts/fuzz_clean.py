#!/usr/bin/env python3
"""Fuzz the cleaning API: any text, any configuration (see scripts/fuzzing.py).

Properties: no exception, the edit log rebuilds the output, the line structure is kept,
``clean()`` equals ``clean_and_explain().text``, cleaning the output changes nothing.
"""

from __future__ import annotations

import sys

import atheris
from fuzzing import check_cleaning, fixture_texts, run

with atheris.instrument_imports():
    from cleanup import Config

CONFIGS = [
    Config(),
    Config(quotes="curly"),
    Config(quotes="keep"),
    Config(segmented=True),
    Config(glossary=False),
    Config(glossary=False, quotes="curly", segmented=True),
]


def test(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    config = CONFIGS[fdp.ConsumeIntInRange(0, len(CONFIGS) - 1)]
    check_cleaning(fdp.ConsumeUnicode(fdp.remaining_bytes()), config)


if __name__ == "__main__":
    seeds = [bytes([k % len(CONFIGS)]) + t.encode("utf-8") for k, t in enumerate(fixture_texts())]
    run("clean", test, seeds)
    sys.exit(0)
