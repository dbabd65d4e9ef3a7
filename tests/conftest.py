"""Shared test fixtures: paths to the repository and to the licensed reference data."""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

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


@pytest.fixture(scope="session")
def load_script() -> Callable[[str], ModuleType]:
    """Import ``scripts/NAME.py`` (benchmarks and calibrations the tests check) as a module."""

    def load(name: str) -> ModuleType:
        if name in sys.modules:
            return sys.modules[name]
        spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
        return module

    return load
