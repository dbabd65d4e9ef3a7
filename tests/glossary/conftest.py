"""Shared helpers for the glossary tests: fixture glossaries and pipelines that use them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from cleanup.config import Config
from cleanup.glossary import cache, load_glossary
from cleanup.glossary.matcher import Matcher
from cleanup.pipeline import Pipeline, Result

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "glossary"
SMALL = FIXTURES / "small.toml"

Cleaner = Callable[..., str]


@pytest.fixture(scope="session")
def small_matcher() -> Matcher:
    return Matcher(load_glossary([SMALL], include_default=False))


@pytest.fixture
def use_small(monkeypatch: pytest.MonkeyPatch, small_matcher: Matcher) -> Iterator[Matcher]:
    """Make the glossary stage use the small fixture glossary instead of the shipped one."""

    def compiled(
        paths: object = (), include_default: bool = True, unchecked: bool = False
    ) -> Matcher:
        return small_matcher

    monkeypatch.setattr(cache, "compiled", compiled)
    yield small_matcher


def run(text: str, **config: object) -> Result:
    return Pipeline(Config(**config)).run(text)  # type: ignore[arg-type]


@pytest.fixture
def clean_small(use_small: Matcher) -> Cleaner:
    """Clean with the small glossary and only the glossary rules (unless ``select`` says)."""

    def do(text: str, **config: object) -> str:
        config.setdefault("select", ("GL",))
        return run(text, **config).text

    return do
