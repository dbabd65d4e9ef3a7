#!/usr/bin/env python3
"""Fuzz the input side of `tarjama score` and `tarjama qa`: segment files from any bytes,
scored and checked (see scripts/fuzzing.py).

Properties: the only exception is ScoreInputError (naming the file and line); scores are
numbers; QA findings point at existing lines.
"""

from __future__ import annotations

import itertools
import math
import sys

import atheris
from fuzzing import fixture_texts, run

with atheris.instrument_imports():
    from cleanup.qa import QAOptions, run_qa
    from cleanup.score import ScoreInputError, score
    from cleanup.score.io import _decode, split_segments


def test(data: bytes) -> None:
    half = len(data) // 2
    try:
        ref = split_segments(_decode("ref", data[:half]))
        hyp = split_segments(_decode("hyp", data[half:]))
    except ScoreInputError as exc:
        assert str(exc).startswith(("ref:", "hyp:")), str(exc)
        return
    if len(hyp) > len(ref):
        hyp = hyp[: len(ref)]
    hyp += [""] * (len(ref) - len(hyp))
    try:
        report = score([ref], hyp, metrics=["bleu", "chrf", "ter"], segments=True)
    except ScoreInputError:
        assert not ref, "only an empty file is refused"
        return
    for ms in report.systems[0].scores.values():
        assert math.isfinite(ms.score)
    qa = run_qa(ref, hyp, QAOptions(language_detect=False))
    assert all(1 <= f.segment <= len(ref) for f in qa.findings)


if __name__ == "__main__":
    texts = fixture_texts()
    seeds = [(a + "\n").encode() + (b + "\n").encode() for a, b in itertools.pairwise(texts)]
    run("score", test, seeds)
    sys.exit(0)
