"""Shared helpers for the glossary tests: fixture glossaries and pipelines that use them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import cleanup
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


def use_glossary(monkeypatch: pytest.MonkeyPatch, matcher: Matcher) -> None:
    """Make the glossary stage (and the API's cached pipelines) use ``matcher`` instead of
    the shipped glossary, for one test."""

    def compiled(
        paths: object = (), include_default: bool = True, unchecked: bool = False
    ) -> Matcher:
        return matcher

    monkeypatch.setattr(cache, "compiled", compiled)
    monkeypatch.setattr(cleanup, "_PIPELINES", {})  # pipelines built with this glossary


@pytest.fixture
def use_small(monkeypatch: pytest.MonkeyPatch, small_matcher: Matcher) -> Iterator[Matcher]:
    """Make the glossary stage use the small fixture glossary instead of the shipped one."""
    use_glossary(monkeypatch, small_matcher)
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
