"""One real Dask cluster for the session's Dask tests (two single-threaded worker processes,
no dashboard), and sharded JSON Lines of real text. Skipped without the dask extra."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from types import ModuleType
from typing import Any

import pytest


@pytest.fixture(scope="session")
def dask_client() -> Iterator[Any]:
    distributed = pytest.importorskip("distributed")
    with warnings.catch_warnings():
        # its HTTP server moves to a free port when another test run holds 8787
        warnings.filterwarnings("ignore", "Port .* is already in use")
        cluster = distributed.LocalCluster(
            n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
        )
    with cluster, distributed.Client(cluster) as client:
        yield client


@pytest.fixture(scope="session")
def scheduler(dask_client: Any) -> str:
    """The session cluster's address, for ``tarjama clean --engine dask --scheduler``."""
    address: str = dask_client.scheduler.address
    return address


@pytest.fixture(scope="session")
def records(load_script: Callable[[str], ModuleType]) -> list[dict[str, object]]:
    """MT-looking paragraphs built from NTREX-128, FLORES-200 and TICO-19 with the artefacts
    of Arabic->English MT injected (scripts/mt_corpus.py), each with an id."""
    text = load_script("mt_corpus").generate(120_000, seed=13)
    lines = [line for line in text.split("\n") if line]
    return [{"id": f"doc-{k}", "text": line} for k, line in enumerate(lines)]
