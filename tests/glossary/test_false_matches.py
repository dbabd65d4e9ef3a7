"""The review's false matches, each a test: what the glossary must never rewrite or tag.

Apostrophes that a space would stand for, exact forms in capital runs, currency codes,
title-case headlines, folded hamza seats, tanwin and clitic splits (docs/glossary-format.md).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import cleanup
from cleanup import Config, clean
from cleanup.glossary import cache, load_glossary
from cleanup.glossary.matcher import Matcher
from cleanup.score.terms import SourceTermMatcher

GLOSSARY = """
[[concept]]
id = "izraa"
type = "town"
en.preferred = "Izraa"
en.deprecated = ["Ezra'a", "Izra'a"]
ar.preferred = "إزرع"

[[concept]]
id = "islamic-state"
type = "jihadist-group"
en.preferred = "Islamic State"
en.admitted = [{ term = "IS", exact = true }, { term = "ISIS", exact = true }]

[[concept]]
id = "united-states"
type = "country"
en.preferred = "United States"
en.admitted = [{ term = "US", exact = true }, { term = "U.S.", exact = true }]

[[concept]]
id = "russian-armed-forces"
type = "armed-force"
en.preferred = "Russian forces"
en.admitted = ["Russian military"]

[[concept]]
id = "syrian-desert"
type = "region"
en.preferred = "Syrian Desert"
ar.preferred = "البادية"

[[concept]]
id = "atmeh"
type = "town"
en.preferred = "Atmeh"
ar.preferred = "أطمة"

[[concept]]
id = "douma"
type = "city"
en.preferred = "Douma"
ar.preferred = "دوما"

[[concept]]
id = "aleppo"
type = "city"
en.preferred = "Aleppo"
ar.preferred = "حلب"
"""


@pytest.fixture(scope="module")
def matcher(tmp_path_factory: pytest.TempPathFactory) -> Matcher:
    path = tmp_path_factory.mktemp("g") / "g.toml"
    path.write_text(GLOSSARY, encoding="utf-8")
    return Matcher(load_glossary([Path(path)], include_default=False))


@pytest.fixture(autouse=True)
def use_it(monkeypatch: pytest.MonkeyPatch, matcher: Matcher) -> Iterator[None]:
    monkeypatch.setattr(cache, "compiled", lambda *a, **k: matcher)
    monkeypatch.setattr(cleanup, "_PIPELINES", {})  # pipelines built with this glossary
    yield


def found(matcher: Matcher, text: str) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.concept.id) for m in matcher.find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an apostrophe in a term is never matched by a space
        ("She gave Ezra a book.", []),
        ("She gave Izra a book.", []),
        ("Shelling hit Ezra'a and Ezra’a.", [("Ezra'a", "izraa"), ("Ezra’a", "izraa")]),
        # an exact form inside a run of capitals is an ordinary word
        ("IT IS HEREBY ORDERED THAT:", []),
        ("WHAT IS IT", []),
        ("the IS fighters and ISIS", [("IS", "islamic-state"), ("ISIS", "islamic-state")]),
        ("HTS AND IS CLASH", []),
        ("US, IS", [("US", "united-states"), ("IS", "islamic-state")]),
        # a currency code
        ("around US$50 billion and US $5", [("US", "united-states")]),
        # hamza seats are kept: the prefix is not the desert
        ("The word البادئة means prefix; البادية is a desert.", [("البادية", "syrian-desert")]),
        # tanwin: an ordinary noun, not a name
        ("دوماً and دوما", [("دوما", "douma")]),
    ],
)
def test_false_matches(matcher: Matcher, text: str, expected: list[tuple[str, str]]) -> None:
    assert found(matcher, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("She gave Ezra a book.", "She gave Ezra a book."),
        ("IT IS HEREBY ORDERED", "IT IS HEREBY ORDERED"),
        ("The word البادئة means prefix.", "The word البادئة means prefix."),
        # a title-case headline keeps its capitals
        ("Russian Forces Strike Kyiv", "Russian Forces Strike Kyiv"),
        (
            "BREAKING: Russian Military Jets Hit Targets",
            "BREAKING: Russian Military Jets Hit Targets",
        ),
        # ... but a sentence is written in house style
        ("The Russian Forces said on Monday.", "The Russian forces said on Monday."),
        ("Yesterday Russian Forces shelled Aleppo.", "Yesterday Russian forces shelled Aleppo."),
    ],
)
def test_clean_leaves_them(text: str, expected: str) -> None:
    assert clean(text, Config()) == expected


def test_clitic_splits_checked_against_word_frequencies(matcher: Matcher) -> None:
    """فاطمة is the name Fatima, not ف + أطمة (Atmeh); وحلب is "and Aleppo"."""
    source = SourceTermMatcher(matcher.glossary)
    hits = [(h.start, h.end, h.concepts) for h in source.find("قالت فاطمة إن القصف على وحلب")]
    assert hits == [(25, 28, ("aleppo",))]
    assert [h.concepts for h in source.find("وصلوا إلى أطمة")] == [("atmeh",)]
