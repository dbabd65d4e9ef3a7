"""The glossary stage on a small fixture glossary: what changes, what must not."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanup.glossary.matcher import Matcher
from cleanup.rules.glossary import is_sentence_start

from .conftest import Cleaner, run

CASES = [
    # (input, expected) with the glossary rules only
    ("Hamah was shelled.", "Hama was shelled."),
    ("Fighters entered Hamah's outskirts.", "Fighters entered Hama's outskirts."),
    ("Fighters entered Hamah’s outskirts.", "Fighters entered Hama’s outskirts."),
    ("Hamas fighters and Hama residents.", None),
    ("The shame of Bilad ash-Sham.", "The shame of Bilad al-Sham."),
    ("The Shamiya front in Bilad al Sham's north.", "The Shamiya front in Bilad al-Sham's north."),
    ("Homsi families fled Homs.", None),
    ("The pro-Hizbollah militias.", "The pro-Hezbollah militias."),
    ("The Hizbollah-backed militias.", "The Hezbollah-backed militias."),
    ("Hizbollah's fighters.", "Hezbollah's fighters."),
    ("HIZBOLLAH FIGHTERS ENTER HAMA", "HEZBOLLAH FIGHTERS ENTER HAMA"),
    ("The Hay’at Tahrir al-Sham attack.", "The Hayat Tahrir al-Sham attack."),
    ("The Hay'at Tahrir al Sham attack.", "The Hayat Tahrir al-Sham attack."),
    ("The Hay'at  Tahrir al-Sham attack.", "The Hayat Tahrir al-Sham attack."),
    ("The Levant Liberation Committee said.", "The Hayat Tahrir al-Sham said."),
    ("The HTS and Tahrir al-Sham fighters.", None),
    ("The Hts fighters.", None),
    ("This is what IS and ISIS said.", None),
    ("an attack by the Al-Nusra Front.", "an attack by the al-Nusra Front."),
    ("Al-Nusra Front said.", None),
    ("He left. al-Nusra Front said.", "He left. Al-Nusra Front said."),
    ('He said: "al-Nusra Front uses drones."', 'He said: "Al-Nusra Front uses drones."'),
    ('He said that "al-Nusra Front" uses drones.', None),
    ("the U.S. al-Nusra Front file.", None),
    (
        "Al-Nosra Front fighters and the Al-Nosra Front.",
        "Nusra Front fighters and the Nusra Front.",
    ),
    ("The Alnusra Front said.", "The al-Nusra Front said."),
    ("known as Suwayda.", "known as Sweida."),
    ("Fighting in as-Suwayda.", "Fighting in Sweida."),
    ("Near el-Bab, Al-Bab and the Albab area.", "Near al-Bab, al-Bab and the al-Bab area."),
    ("Al-Bab fell.", None),
    ("Deir al-Zour, Dayr az-Zawr and Deir ez Zor.", "Deir ez-Zor, Deir ez-Zor and Deir ez-Zor."),
    ("Al Qaeda and al-Qa'ida.", "Al Qaeda and al Qaeda."),
    ("Yesterday Al Qaeda said.", "Yesterday al Qaeda said."),
    ("al-Qaida said.", "Al Qaeda said."),
    ("A turkey and Turkey.", None),
    ("Hayat Tahrir al-Sham", None),
    ("Hayat\nTahrir al-Sham", None),
    ("Hayat Tahrir, al Sham.", None),
    ("Abu Muhammad al-Julani and Ahmad al-Sharaa.", "Abu Mohammed al-Jolani and Ahmed al-Sharaa."),
    ("Jaysh al-Hama and Ahrar al-Homs.", None),
    ("Maarat al-Numan and Maarrat al-Nouman.", "Ma'arrat al-Numan and Ma'arrat al-Numan."),
    # Arabic script left in English text
    ("Fighters of هيئة تحرير الشام entered.", "Fighters of Hayat Tahrir al-Sham entered."),
    ("Fighters of هَيْئَةُ تَحْرِيرِ الشَّامِ entered.", "Fighters of Hayat Tahrir al-Sham entered."),
    ("Fighters of هيئه تحرير الشام entered.", "Fighters of Hayat Tahrir al-Sham entered."),
    ("هيئة تحرير الشام said.", "Hayat Tahrir al-Sham said."),
    ("HTS (هيئة تحرير الشام) said.", "HTS (Hayat Tahrir al-Sham) said."),
    ("Fighters of داعش.", "Fighters of Islamic State."),
    ("قال هيئة تحرير الشام إن", None),
    ("Fighters of أبو محمد الجولاني.", None),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_glossary_stage(clean_small: Cleaner, text: str, expected: str | None) -> None:
    assert clean_small(text) == (text if expected is None else expected)


@pytest.mark.parametrize(
    ("quotes", "text", "expected"),
    [
        ("straight", "Maarat al-Numan", "Ma'arrat al-Numan"),
        ("curly", "Maarat al-Numan", "Ma’arrat al-Numan"),
        ("curly", "Ma’arrat al-Numan", None),
        ("keep", "Ma’arrat al-Numan", None),
        ("straight", "Ma’arrat al-Numan", "Ma'arrat al-Numan"),
    ],
)
def test_apostrophe_follows_the_quote_style(
    clean_small: Cleaner, quotes: str, text: str, expected: str | None
) -> None:
    assert clean_small(text, quotes=quotes) == (text if expected is None else expected)


def test_rule_codes_and_concepts_in_the_edit_log(use_small: Matcher) -> None:
    res = run(
        "Hizbollah, هيئة تحرير الشام, the Al-Nusra Front. al-Nusra Front said.",
        select=("GL",),
    )
    got = [(e.before, e.after, e.rules, e.concepts) for e in res.edits]
    assert got == [
        ("Hizbollah", "Hezbollah", ("GL01",), ("hezbollah",)),
        ("هيئة تحرير الشام", "Hayat Tahrir al-Sham", ("GL02",), ("hayat-tahrir-al-sham",)),
        ("Al-Nusra Front", "al-Nusra Front", ("GL03",), ("jabhat-al-nusra",)),
        ("al-Nusra Front", "Al-Nusra Front", ("GL04",), ("jabhat-al-nusra",)),
    ]
    assert res.counts == {"GL01": 1, "GL02": 1, "GL03": 1, "GL04": 1}


def test_rules_can_be_selected_and_ignored(use_small: Matcher) -> None:
    text = "Hizbollah and the Al-Nusra Front."
    assert run(text, select=("GL01",)).text == "Hezbollah and the Al-Nusra Front."
    assert run(text, select=("GL",), ignore=("GL01",)).text == "Hizbollah and the al-Nusra Front."
    assert run(text, glossary=False).text == text


def test_full_pipeline_and_glossary_together(use_small: Matcher) -> None:
    text = "Fighters  of Hay’at Tahrir al-Sham ,and «Al-Nusra Front» in Hamah."
    once = run(text).text
    assert once == 'Fighters of Hayat Tahrir al-Sham, and "al-Nusra Front" in Hama.'
    assert run(once).text == once


@pytest.mark.parametrize(
    ("text", "pos", "expected"),
    [
        ("Hama", 0, True),
        ("x\nHama", 2, True),
        ("He left. Hama", 9, True),
        ('He left." Hama', 10, True),
        ("He left? (Hama", 10, True),
        ("in the U.S. Hama", 12, False),
        ("Gen. Hama", 5, False),
        ("wait... Hama", 8, False),
        ("wait.. Hama", 7, True),
        ("the Hama", 4, False),
        ("said: Hama", 6, False),
        ('said: "Hama', 7, True),
    ],
)
def test_sentence_start(text: str, pos: int, expected: bool) -> None:
    assert is_sentence_start(text, pos) is expected


# -- properties ------------------------------------------------------------------------------

_SURFACES = [
    "Hamah",
    "Hama",
    "Hamas",
    "Hizbollah",
    "Hay'at Tahrir al-Sham",
    "Hay’at Tahrir al Sham",
    "HTS",
    "IS",
    "is",
    "Al-Nusra Front",
    "al-Nusra Front",
    "Al-Nosra Front",
    "as-Suwayda",
    "el-Bab",
    "Deir al-Zour",
    "al-Qa'ida",
    "هيئة تحرير الشام",
    "داعش",
    "Maarat al-Numan",
    "shame",
    "pro-Hizbollah",
]
_SEPARATORS = [" ", ". ", ", ", "'s ", "\n", " (", ") ", '"', "-", "  ", " as ", ": "]
texts = st.lists(st.sampled_from(_SURFACES + _SEPARATORS), max_size=14).map("".join)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=texts, quotes=st.sampled_from(["straight", "curly", "keep"]))
def test_idempotent_and_line_count_kept(use_small: Matcher, text: str, quotes: str) -> None:
    once = run(text, quotes=quotes, select=("GL",)).text
    assert once.count("\n") == text.count("\n")
    assert run(once, quotes=quotes, select=("GL",)).text == once
    # and with every rule on
    full = run(text, quotes=quotes).text
    assert run(full, quotes=quotes).text == full
