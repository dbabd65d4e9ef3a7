"""TRL01 (transliterated-word) on real text: the skeletons it compares, the leftovers real MT
systems wrote on FLORES-200 lines, no false alarm on the human translations of NTREX-128 and
FLORES-200, and precision and recall on injected leftovers (scripts/bench_transliterated.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from cleanup.glossary.cache import compiled
from cleanup.qa import QAOptions, check_segment, select_checks
from cleanup.rules.qa.transliterated import (
    ARABIC_TO_LATIN,
    arabic_skeletons,
    latin_skeleton,
)
from cleanup.score import read_segments

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def bench(load_script: Callable[[str], ModuleType]) -> ModuleType:
    return load_script("bench_transliterated")


@pytest.fixture(scope="module")
def measured(bench: ModuleType, shared_data: Path) -> dict[str, Any]:
    result: dict[str, Any] = bench.measure(shared_data)
    return result


@pytest.fixture(scope="module")
def flores_lines(flores: dict[str, Path]) -> tuple[list[str], list[str]]:
    return read_segments(flores["ar"]), read_segments(flores["en"])


def trl(src: str, hyp: str, glossary: Any = None) -> list[str]:
    found = check_segment(src, hyp, options=QAOptions(select=("TRL01",)), glossary=glossary)
    return [f.evidence for f in found]


@pytest.mark.parametrize(
    "latin,arabic",
    [
        ("tawajin", "الطواجن"),  # the article taken off
        ("zabadi", "الزبادي"),
        ("Jiza", "الجيزة"),  # the taa marbuta gives nothing
        ("Giza", "الجيزة"),  # Egyptian g for ج
        ("nugud", "النقد"),  # Gulf g for ق
        ("mustashfa", "والمستشفى"),  # a clitic and the article
        ("hadith", "حديث"),  # th = ث
        ("dhahab", "بالذهب"),  # dh = ذ, after ب + the article
        ("mottahedeh", "المتحدة"),  # doubled letters, -eh
    ],
)
def test_skeletons_match(latin: str, arabic: str) -> None:
    assert latin_skeleton(latin) in arabic_skeletons(arabic)


@pytest.mark.parametrize(
    "latin,arabic",
    [
        ("tagines", "الطواجن"),
        ("yogurt", "الزبادي"),
        ("pottery", "والفخار"),
        ("hospital", "المستشفى"),
    ],
)
def test_translations_do_not_match(latin: str, arabic: str) -> None:
    assert latin_skeleton(latin) not in arabic_skeletons(arabic)


def test_letter_table_covers_the_arabic_alphabet() -> None:
    for letter in "ابتثجحخدذرزسشصضطظعغفقكلمنهوي":
        assert letter in ARABIC_TO_LATIN, letter
    # long vowels, ayn and hamza leave nothing, as a romanisation writes them as vowels
    assert all(ARABIC_TO_LATIN[c] == "" for c in "اويعءئؤ")


def test_real_leftovers_on_flores_lines(flores_lines: tuple[list[str], list[str]]) -> None:
    ar, en = flores_lines
    assert trl(ar[711], en[711].replace("tagines", "tawajin")) == ["tawajin"]
    assert trl(ar[838], en[838].replace("yogurt", "zabadi")) == ["zabadi"]
    # the human translations themselves: nothing
    assert trl(ar[711], en[711]) == []
    assert trl(ar[838], en[838]) == []


def test_span_and_message(flores_lines: tuple[list[str], list[str]]) -> None:
    ar, en = flores_lines
    hyp = en[838].replace("yogurt", "zabadi")
    (f,) = check_segment(ar[838], hyp, options=QAOptions(select=("TRL01",)))
    assert (f.code, f.severity) == ("TRL01", "warning")
    assert f.start is not None and hyp[f.start : f.end] == "zabadi"
    assert "الزبادي" in f.message


def test_jeez_for_giza_is_an_english_word(flores_lines: tuple[list[str], list[str]]) -> None:
    """``Jeez`` for الجيزة (a real MT output) is capitalised and an English word (Zipf 3.5):
    beyond a check that must stay quiet on names and loanwords."""
    ar, en = flores_lines
    assert trl(ar[463], en[463].replace("Giza", "Jeez")) == []


def test_a_glossary_name_is_not_a_leftover() -> None:
    src = "قال الرئيس السوري أحمد الشرع إن الحكومة ستعمل على إعادة الإعمار"
    hyp = "Syrian President Ahmed al-sharaa said the government will work on reconstruction"
    assert trl(src, hyp) == ["sharaa"]  # without the glossary: a romanised word
    assert trl(src, hyp, compiled()) == []  # the glossary knows al-Sharaa


def test_on_by_default_and_needs_the_glossary() -> None:
    codes = {c.code: c for c in select_checks(QAOptions())}
    assert "TRL01" in codes
    assert codes["TRL01"].needs_glossary and codes["TRM01"].needs_glossary


def test_no_false_alarm_on_human_translations(measured: dict[str, Any]) -> None:
    """NTREX-128 and FLORES-200 (3,009 segments): the English is the original, so every
    finding would be a false alarm. Measured: none (capitalised words, names, are left out;
    with them about 100 names of people and places from other languages were reported)."""
    assert measured["segments"] == 3009
    assert [f.message for f in measured["human"]] == []


def test_injected_leftovers(measured: dict[str, Any]) -> None:
    """Romanisations from google-transliteration's ar2en (Wikipedia's, not TRL01's table) put
    in place of an English word: 100% precise, 55.6% recall (392 injected; some ar2en
    romanisations are of a longer name, and words the glossary knows as names are spared)."""
    assert len(measured["injected"]) >= 300
    assert measured["precision"] >= 0.95
    assert measured["recall"] >= 0.5


def test_held_out_medical_text(measured: dict[str, Any]) -> None:
    """TICO-19 (another domain): drug and protein names the Arabic transliterates, written in
    lower case in English (favipiravir), are its false alarms: 15 in 3,071 segments."""
    assert measured["tico_segments"] == 3071
    assert len(measured["tico"]) <= 20
    assert "favipiravir" in {f.evidence for f in measured["tico"]}
