"""Shared test fixtures: paths to the repository and to the licensed reference data."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
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


class Browser:
    """Headless Chromium, for the tests of the self-contained HTML pages."""

    FLAGS = (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    )

    def __init__(self, path: str) -> None:
        self.path = path

    def run(self, profile: Path, *args: str) -> str:
        return subprocess.run(
            [self.path, *self.FLAGS, f"--user-data-dir={profile}", *args],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        ).stdout

    def dom(self, uri: str, profile: Path) -> str:
        """The page's DOM after its scripts ran."""
        return self.run(profile, "--dump-dom", uri)


@pytest.fixture(scope="session")
def chromium() -> Browser:
    """Headless Chromium; the test fails under CI without it (.ci/run installs it), and is
    skipped elsewhere."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return Browser(path)
    if os.environ.get("CI"):
        pytest.fail("CI is set but chromium is not installed (.ci/run installs it)")
    pytest.skip("chromium not installed (apt-get install chromium); runs under CI")
