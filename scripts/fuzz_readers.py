#!/usr/bin/env python3
"""Fuzz the input readers of `tarjama clean`: plain text in blocks, JSON Lines and TSV, from
any bytes (see scripts/fuzzing.py).

Properties: the only exception is InputError (a message naming the line); the output has as
many line breaks as the input; with --errors replace nothing fails; plain text in small blocks
gives exactly what the whole document gives.
"""

from __future__ import annotations

import io
import sys

import atheris
from fuzzing import fixture_texts, run

with atheris.instrument_imports():
    from cleanup import Config, clean
    from cleanup.driver import CleanOptions, clean_stream
    from cleanup.io import InputError

FORMATS = ("text", "jsonl", "tsv")


def test(data: bytes) -> None:
    if not data:
        return
    fmt = FORMATS[data[0] % 3]
    errors = "replace" if data[0] & 4 else "strict"
    body = data[1:]
    config = Config(glossary=bool(data[0] & 8))
    out = io.StringIO()
    options = CleanOptions(
        config=config,
        input_format=fmt,
        errors=errors,
        explain=True,
        block_bytes=64,  # type: ignore[arg-type]
    )
    try:
        clean_stream(io.BytesIO(body), "fuzz", options, out.write)
    except InputError as exc:
        assert exc.line is None or exc.line >= 1
        assert not (errors == "replace" and fmt == "text"), "replace must not fail on text"
        return
    result = out.getvalue().encode("utf-8", "surrogatepass")
    # every line break is kept (a last line without one may be cleaned away to nothing)
    assert result.count(b"\n") == body.count(b"\n"), "line count"
    if fmt == "text":
        text = body.decode("utf-8", "replace" if errors == "replace" else "strict")
        normalised = text.replace("\r\n", "\n")
        assert out.getvalue().replace("\r\n", "\n") == clean(normalised, config), "blocks"


if __name__ == "__main__":
    seeds = []
    for k, t in enumerate(fixture_texts()):
        seeds.append(bytes([k % 16]) + t.encode("utf-8") + b"\n")
        seeds.append(bytes([1]) + b'{"text": ' + t.encode("unicode_escape") + b'"}\n')
    run("readers", test, seeds)
    sys.exit(0)
