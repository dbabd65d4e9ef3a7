"""Fixtures for the scoring and QA tests: real data from ../shared/data and derived systems."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleanup.score import read_segments
from cleanup.score.synthetic import degrade


@pytest.fixture(scope="session")
def flores(shared_data: Path) -> dict[str, Path]:
    d = shared_data / "flores200-devtest"
    return {"ar": d / "arb_Arab.devtest", "en": d / "eng_Latn.devtest"}


@pytest.fixture(scope="session")
def ntrex(shared_data: Path) -> dict[str, Path]:
    d = shared_data / "ntrex128"
    return {"ar": d / "newstest2019-ref.arb.txt", "en": d / "newstest2019-src.eng.txt"}


@pytest.fixture(scope="session")
def systems(tmp_path_factory: pytest.TempPathFactory, ntrex: dict[str, Path]) -> dict[str, Path]:
    """Two hypotheses derived deterministically from the NTREX English (CRLF) reference."""
    ref = read_segments(ntrex["en"])
    out = tmp_path_factory.mktemp("systems")
    paths = {}
    for name, seed, drop in (("sys_a", 1, 0.08), ("sys_b", 2, 0.05)):
        p = out / f"{name}.txt"
        p.write_text("\n".join(degrade(ref, seed, drop=drop)) + "\n", encoding="utf-8")
        paths[name] = p
    return paths
