#!/usr/bin/env python3
"""Fuzz the input readers of `tarjama clean`: plain text in blocks, JSON Lines and TSV, from
any bytes (see scripts/fuzzing.py).

Properties: the only exception is InputError (a message naming the line); the output has as
many line breaks as the input; with --errors replace nothing fails; plain text in small blocks
gives exactly what the whole document gives.
"""

from __future__ import annotations

import dataclasses
import io
import sys

import atheris
from fuzzing import fixture_texts, run

with atheris.instrument_imports():
    from cleanup import Config
    from cleanup.driver import CleanOptions, clean_stream
    from cleanup.io import InputError

FORMATS = ("text", "jsonl", "tsv")


def _clean(body: bytes, options: CleanOptions) -> bytes:
    out = io.BytesIO()
    clean_stream(io.BytesIO(body), "fuzz", options, out.write)
    return out.getvalue()


def test(data: bytes) -> None:
    if not data:
        return
    fmt = FORMATS[data[0] % 3]
    errors = "replace" if data[0] & 4 else "strict"
    body = data[1:]
    config = Config(glossary=bool(data[0] & 8))
    options = CleanOptions(
        config=config,
        input_format=fmt,  # type: ignore[arg-type]
        errors=errors,
        explain=True,
        block_bytes=64,
    )
    try:
        result = _clean(body, options)
    except InputError as exc:
        assert exc.line is None or exc.line >= 1
        assert not (errors == "replace" and fmt == "text"), "replace must not fail on text"
        return
    # every line break is kept (a last line without one may be cleaned away to nothing)
    assert result.count(b"\n") == body.count(b"\n"), "line count"
    if fmt == "text":
        whole = _clean(body, dataclasses.replace(options, block_bytes=1 << 30))
        assert result == whole, "blocks"


if __name__ == "__main__":
    seeds = []
    for k, t in enumerate(fixture_texts()):
        seeds.append(bytes([k % 16]) + t.encode("utf-8") + b"\n")
        seeds.append(bytes([1]) + b'{"text": ' + t.encode("unicode_escape") + b'"}\n')
    run("readers", test, seeds)
    sys.exit(0)
