"""The glossary stage's speed paths give what the plain paths give (scripts/bench_glossary.py
measures the speed): the two automaton kinds, the alphabet computed once per scan, the merge
of the two match streams, the facts kept on each entry for the rules, and the overlap test of
the unlisted spellings against the listed mentions."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleanup import clean
from cleanup.config import Config
from cleanup.glossary import matcher as matcher_module
from cleanup.glossary.cache import compiled
from cleanup.glossary.matcher import Matcher, _select
from cleanup.glossary.unlisted import _Spans
from cleanup.scan import text_alphabet


@pytest.fixture(scope="module")
def texts(shared_data: Path, sample_wire: str) -> list[str]:
    """Real news in English and Arabic, with the sample wire (names of the glossary) spliced
    in between, 200 lines each."""
    out = [sample_wire]
    for name in ("ntrex128/newstest2019-src.eng.txt", "flores200-devtest/arb_Arab.devtest"):
        lines = (shared_data / name).read_text(encoding="utf-8").split("\n")[:200]
        wire = sample_wire.split("\n")
        out.append("\n".join(f"{a} {wire[i % len(wire)]}" for i, a in enumerate(lines)))
    return out


def test_the_alphabet_is_the_set_of_characters_outside_plain_ascii(texts: list[str]) -> None:
    odd = "a lone \ud800 surrogate, é and ’, a CR\r, a NUL \x00, DEL \x7f\tand tabs\n"
    for text in [*texts, odd]:
        want = {c for c in text if not c.isascii() or (not c.isprintable() and c not in "\t\n")}
        assert text_alphabet(text) == want
    assert text_alphabet("plain ASCII\tand\nlines") == set()


def test_both_automaton_kinds_find_the_same(
    monkeypatch: pytest.MonkeyPatch, texts: list[str]
) -> None:
    glossary = compiled().glossary
    monkeypatch.setattr(matcher_module, "DFA_MAX_PATTERNS", 0)
    nfa = Matcher(glossary)
    monkeypatch.setattr(matcher_module, "DFA_MAX_PATTERNS", 10**9)
    dfa = Matcher(glossary)
    for text in texts:
        got = nfa.scan(text)
        assert got, "no glossary name in the test text"
        assert got == dfa.scan(text)


def test_the_alphabet_given_or_found_gives_the_same(texts: list[str]) -> None:
    matcher = compiled()
    for text in texts:
        assert matcher.scan(text) == matcher.scan(text, text_alphabet(text) | {"\u00e9"})


def test_select_keeps_the_first_longest_at_one_start() -> None:
    matcher = compiled()
    a, b, c = matcher.entries[:3]
    found = [(0, 5, a, ()), (7, 9, a, ()), (0, 8, b, ()), (0, 8, c, ()), (3, 6, c, ())]
    assert _select(found) == [(0, 8, b, ())]  # not the later one as long, nor a shorter
    assert _select([(4, 6, a, ()), (0, 3, b, ()), (3, 5, c, ())]) == [
        (0, 3, b, ()),
        (3, 5, c, ()),
    ]


def test_entries_know_their_term() -> None:
    matcher = compiled()
    for entry in [*matcher.entries, *matcher.exact_entries]:
        term = entry.term
        assert entry.unsure == term.ambiguous
        assert entry.concept_id == entry.concept.id
        if term.lang == "en" and term.status == "deprecated":
            assert (entry.fix, entry.listed) == (term.replacement, None)
        elif term.lang == "en":
            assert (entry.fix, entry.listed) == (None, term.text)
        else:
            assert (entry.fix, entry.listed) == (None, None)


@pytest.mark.parametrize(
    ("quotes", "apostrophe"), [("keep", "'"), ("straight", "'"), ("curly", "\u2019")]
)
def test_a_replacement_with_an_apostrophe_follows_the_quote_style(
    quotes: str, apostrophe: str
) -> None:
    text = "Fighters of the Peoples Protection Units entered Manbij.\n"
    expected = f"Fighters of the People{apostrophe}s Protection Units entered Manbij.\n"
    assert clean(text, Config(quotes=quotes)) == expected  # type: ignore[arg-type]


def test_a_headline_gets_the_listed_separator_and_keeps_its_capitals() -> None:
    """In a title-case line a name keeps the capitals it has, but not its separators."""
    text = "Hayat Tahrir al Sham Fighters Enter Idlib Town\n"
    assert clean(text, Config()) == "Hayat Tahrir al-Sham Fighters Enter Idlib Town\n"


@given(
    st.lists(st.tuples(st.integers(0, 60), st.integers(1, 12)), max_size=12),
    st.integers(0, 70),
    st.integers(1, 12),
)
def test_spans_overlap_as_a_scan_of_them_says(
    spans: list[tuple[int, int]], start: int, length: int
) -> None:
    known = [(s, s + n) for s, n in spans]
    end = start + length
    expected = any(ks < end and start < ke for ks, ke in known)
    assert _Spans(known).overlaps(start, end) == expected
