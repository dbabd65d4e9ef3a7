"""The shipped glossary (glossaries/*.toml, whatever is there now) applied by `tarjama clean`."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from cleanup import clean
from cleanup.config import Config
from cleanup.glossary import load_glossary
from cleanup.glossary.cache import compiled
from cleanup.glossary.model import Concept, Term

GLOSSARY = load_glossary()
ONLY_GLOSSARY = Config(select=("GL",))


def _only_glossary(c: Concept, t: Term) -> Config:
    """ONLY_GLOSSARY on a day when ``t`` names ``c`` (a dated term resolves by the date)."""
    start, end = c.period(t)
    if start is None and end is None:
        return ONLY_GLOSSARY
    day = start if start is not None else end - dt.timedelta(days=1)  # type: ignore[operator]
    return ONLY_GLOSSARY.replace(date=day)


def _straight(s: str) -> str:
    return re.sub(r"(?<=\w)[’ʼʾʿ`´′‘](?=\w)", "'", s)


def _terms(lang: str, *statuses: str) -> list[tuple[Concept, Term]]:
    return [(c, t) for c, t in GLOSSARY.terms() if t.lang == lang and t.status in statuses]


def _id(item: tuple[Concept, Term]) -> str:
    return f"{item[0].id}:{item[1].text}"


#: An unambiguous name in the same paragraph: context evidence for an ambiguous term.
CONTEXT = "in Idlib"


@pytest.mark.parametrize("item", _terms("en", "deprecated"), ids=_id)
def test_every_deprecated_spelling_is_replaced(item: tuple[Concept, Term]) -> None:
    """Replaced in a paragraph about Syria; an ambiguous one is left alone without it."""
    c, t = item
    assert t.replacement is not None
    config = _only_glossary(c, t)
    want = _straight(t.replacement)
    got = clean(f"Reports say {t.text} took part {CONTEXT}.", config)
    assert got == f"Reports say {want} took part {CONTEXT}.", c.source
    first = want[:1].upper() + want[1:]
    got = clean(f"{t.text} took part {CONTEXT}.", config)
    assert got == f"{first} took part {CONTEXT}.", c.source
    if t.ambiguous:
        alone = f"Reports say {t.text} took part."
        assert clean(alone, config) == alone, c.source


@pytest.mark.parametrize("item", _terms("en", "preferred", "admitted"), ids=_id)
def test_preferred_and_admitted_forms_are_fixed_points(item: tuple[Concept, Term]) -> None:
    c, t = item
    text = f"Reports say {_straight(t.text)} took part."
    assert clean(text, _only_glossary(c, t)) == text, c.source


@pytest.mark.parametrize("item", _terms("ar", "preferred", "admitted", "deprecated"), ids=_id)
def test_arabic_names_become_english(item: tuple[Concept, Term]) -> None:
    c, t = item
    text = f"Fighters of {t.text} entered the town {CONTEXT}."
    want = (
        text
        if t.english is None
        else f"Fighters of {_straight(t.english)} entered the town {CONTEXT}."
    )
    config = _only_glossary(c, t)
    assert clean(text, config) == want, c.source
    if t.ambiguous:
        alone = f"Fighters of {t.text} entered the town."
        assert clean(alone, config) == alone, c.source


def test_sample_wire_names_come_out_in_one_form(sample_wire: str) -> None:
    out = clean(sample_wire)
    assert out.count("\n") == sample_wire.count("\n")
    assert "Hay'at" not in out and "Hay’at" not in out
    assert out.count("HTS") == sample_wire.count("HTS") == 1
    assert out.count("Hayat Tahrir al-Sham") == 4
    assert "Al-Nusra Front" not in out.replace(". Al-Nusra", "")
    matcher = compiled()
    forms: dict[str, set[str]] = {}
    for m in matcher.find(out):
        surface = out[m.start : m.end]
        assert m.term.status != "deprecated", surface
        listed = _straight(m.term.text)
        assert surface in (listed, listed[:1].upper() + listed[1:]), surface
        forms.setdefault(m.concept.id, set()).add(listed)
    # one form per name: only listed admitted names (HTS, al-Nusra Front...) may differ
    for cid, seen in forms.items():
        concept = GLOSSARY.get(cid)
        assert concept is not None
        assert all(
            any(f == _straight(t.text) for t in concept.terms if t.status != "deprecated")
            for f in seen
        )
    assert clean(out) == out


@pytest.mark.parametrize(
    ("day", "concept"),
    [(dt.date(2023, 5, 1), "syrian-arab-army"), (dt.date(2026, 5, 1), "syrian-army")],
)
def test_syrian_army_resolves_by_the_document_date(day: dt.date, concept: str) -> None:
    """The shipped glossary: the same words name the Assad-era army before 8 December 2024
    and the army of the transitional government after (annotate, on the document's date)."""
    matcher = compiled()
    for text in ("The Syrian army said.", "قال الجيش السوري"):
        found = [m for m in matcher.find(text, day) if m.concept.id in _ARMIES]
        assert [m.concept.id for m in found] == [concept], text
    gone = matcher.find("The Fourth Armoured Division said.", dt.date(2026, 5, 1))
    assert [m.concept.id for m in gone] == ["fourth-armoured-division"]


_ARMIES = ("syrian-arab-army", "syrian-army")
