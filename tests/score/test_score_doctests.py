"""The examples in the docstrings of the scoring and QA modules run as written."""

from __future__ import annotations

import doctest
import importlib

import pytest


@pytest.mark.parametrize(
    "name", ["cleanup.score", "cleanup.score.core", "cleanup.qa", "cleanup.qa.runner"]
)
def test_doctests(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
