"""Shared test fixtures: paths to the repository and to the licensed reference data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# ../shared/data beside the repository (CI lays it there); TARJAMA_SHARED_DATA overrides.
SHARED_DATA = Path(os.environ.get("TARJAMA_SHARED_DATA", ROOT.parent / "shared" / "data"))
SAMPLE_WIRE = ROOT / "docs" / "examples" / "aleppo-wire.txt"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.fail(f"reference data not found at {SHARED_DATA} (set TARJAMA_SHARED_DATA)")
    return SHARED_DATA


@pytest.fixture(scope="session")
def sample_wire() -> str:
    return SAMPLE_WIRE.read_text(encoding="utf-8")
