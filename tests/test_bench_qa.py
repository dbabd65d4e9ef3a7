"""The injections of scripts/bench_qa.py do what their labels say, on real NTREX-128 and
FLORES-200 segments, so that the benchmark's recall and precision can be trusted: the sentence
is really gone, the number really changed, the Arabic word really comes from the source..."""

from __future__ import annotations

import random
import re
import sys
import unicodedata
from collections import Counter
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

import bench_qa
from bench_qa import (
    Pair,
    byte_fallback,
    change_number,
    decode_byte_tokens,
    drop_sentence,
    duplicate_phrase,
    split_sentences,
    transliterated_word,
    untranslated_word,
)

pytestmark = pytest.mark.skipif(
    not (bench_qa.DATA / "ntrex128").is_dir(), reason="shared reference data not available"
)


@cache
def corpus() -> tuple[Pair, ...]:
    return tuple(bench_qa.load_corpus(1))


def line(start: str) -> Pair:
    """The test-set line whose English starts with ``start``."""
    (pair,) = [p for p in corpus() if p.kind == "line" and p.hyp.startswith(start)]
    return pair


def sample() -> list[Pair]:
    """Every 23rd segment (lines and chunks): about 180 real segments."""
    return list(corpus()[::23])


def _rng(i: int) -> random.Random:
    return random.Random(f"test:{i}")


def _values(text: str) -> frozenset[Decimal]:
    from cleanup.rules.qa.numerals import source_numbers

    return frozenset().union(*(n.values for n in source_numbers(text)))


def test_corpus_lines_and_chunks() -> None:
    pairs = corpus()
    lines = [p for p in pairs if p.kind == "line"]
    assert len(lines) == 3009
    by_line = {(p.origin, p.lines[0]): p for p in lines}
    chunks = [p for p in pairs if p.kind == "chunk"]
    assert len(chunks) > 1000
    for chunk in chunks:
        assert len(chunk.lines) in (2, 3, 4)
        assert list(chunk.lines) == list(range(chunk.lines[0], chunk.lines[0] + len(chunk.lines)))
        parts = [by_line[(chunk.origin, k)] for k in chunk.lines]
        assert chunk.hyp == " ".join(p.hyp for p in parts)
        assert chunk.src == " ".join(p.src for p in parts)


def test_split_sentences_real_text() -> None:
    ocelots = line("Ocelots like to eat small animals.")
    assert split_sentences(ocelots.hyp) == [
        "Ocelots like to eat small animals.",
        "They will catch monkeys, snakes, rodents and birds if they can.",
        "Almost all of the animals that the ocelot hunts are far smaller than it is.",
    ]
    # abbreviations and initials do not end a sentence
    rev = line("St. Martin's was taken over by a black congregation under the Rev.")
    assert len(split_sentences(rev.hyp)) == 1
    # an acronym does when a sentence starter follows
    text = "It moved toward the West Coast of the U.S. As Rosa approaches, it weakens further."
    assert len(split_sentences(text)) == 2


def test_drop_sentence_removes_exactly_one_sentence() -> None:
    ocelots = line("Ocelots like to eat small animals.")
    sentences = split_sentences(ocelots.hyp)
    seen = set()
    for i in range(20):
        got = drop_sentence(ocelots.src, ocelots.hyp, _rng(i))
        assert got is not None
        k = got.detail["position"] - 1
        seen.add(k)
        assert got.detail["sentence"] == sentences[k]
        assert got.hyp == " ".join(sentences[:k] + sentences[k + 1 :])
        assert sentences[k] not in got.hyp
    assert seen == {0, 1, 2}
    assert drop_sentence("", "One sentence only, said Mr. Adams.", _rng(0)) is None


def test_drop_sentence_on_a_sample() -> None:
    done = 0
    for i, p in enumerate(sample()):
        got = drop_sentence(p.src, p.hyp, _rng(i))
        if got is None:
            assert len(split_sentences(p.hyp)) == 1
            continue
        done += 1
        dropped = got.detail["sentence"]
        assert len(dropped.split()) >= 3
        assert len(split_sentences(got.hyp)) == got.detail["of"] - 1
        assert len(got.hyp) == len(p.hyp) - len(dropped) - 1
        assert dropped not in got.hyp or p.hyp.count(dropped) > 1
    assert done >= 30


def test_change_number_changes_a_source_number() -> None:
    p = line("Police arrest man, 32, on suspicion of murder")
    got = change_number(p.src, p.hyp, _rng(0))
    assert got is not None
    assert got.detail["old"] == "32" and got.detail["new"] != "32"
    assert got.hyp == p.hyp.replace("32", got.detail["new"])
    assert Decimal(32) not in _values(got.hyp)


def test_change_number_on_a_sample() -> None:
    done = 0
    for i, p in enumerate(sample()):
        got = change_number(p.src, p.hyp, _rng(i))
        if got is None:
            continue
        done += 1
        old, new, at = got.detail["old"], got.detail["new"], got.detail["at"]
        assert p.hyp[at : at + len(old)] == old
        assert got.hyp == p.hyp[:at] + new + p.hyp[at + len(old) :]
        assert sum(a != b for a, b in zip(old, new, strict=True)) == 1  # one digit
        src_values = _values(p.src)
        assert _values(old) & src_values, "the changed number was one of the source's"
        assert not _values(new) & src_values, "the new value is not in the source"
        assert not _values(old) & _values(got.hyp), "the old value is gone from the output"
    assert done >= 20


_ARABIC = re.compile(r"[\u0621-\u064a]+")


def test_untranslated_word_replaces_a_name_by_its_arabic() -> None:
    p = line("And he defended his unusual approach in talking about relations with Kim.")
    got = untranslated_word(p.src, p.hyp, _rng(0))
    assert got is not None
    assert got.detail == {"mode": "replace", "word": "Kim", "arabic": "كيم"}
    assert got.hyp == p.hyp.replace("Kim", "كيم")


def test_untranslated_word_on_a_sample() -> None:
    modes = set()
    for i, p in enumerate(sample()):
        got = untranslated_word(p.src, p.hyp, _rng(i))
        assert got is not None
        word = got.detail["arabic"]
        modes.add(got.detail["mode"])
        assert _ARABIC.findall(got.hyp) == [word], "one Arabic word, and only it"
        assert word in p.src, "the Arabic word comes from the source"
        if got.detail["mode"] == "insert":
            assert got.hyp.replace(" " + word, "", 1) == p.hyp
        else:
            assert got.detail["word"] in p.hyp
            assert got.hyp == p.hyp.replace(got.detail["word"], word, 1) or (
                p.hyp.count(got.detail["word"]) > 1
            )
    assert modes == {"insert", "replace"}


def test_byte_fallback_round_trip() -> None:
    assert byte_fallback("é") == "<0xC3><0xA9>"
    assert byte_fallback("°") == "<0xC2><0xB0>"
    assert decode_byte_tokens("Fern<0xC3><0xA1>ndez") == "Fernández"


def test_byte_tokens_on_real_characters() -> None:
    p = line("Montevideo is in the subtropics")
    got = bench_qa.byte_tokens(p.src, p.hyp, _rng(0))
    assert got is not None
    assert got.detail["mode"] == "char" and got.detail["char"] == "°"
    assert "+30<0xC2><0xB0>C" in got.hyp
    assert decode_byte_tokens(got.hyp) == p.hyp
    sami = line("Today many Sámi work in modern trades.")
    got = bench_qa.byte_tokens(sami.src, sami.hyp, _rng(0))
    assert got is not None
    assert got.detail["char"] not in got.hyp, "every occurrence is written as bytes"
    assert decode_byte_tokens(got.hyp) == sami.hyp


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def test_byte_tokens_on_a_sample() -> None:
    done = 0
    for i, p in enumerate(sample()):
        got = bench_qa.byte_tokens(p.src, p.hyp, _rng(i))
        if got is None:
            continue
        done += 1
        assert re.search(r"<0x[0-9A-F]{2}><0x[0-9A-F]{2}>", got.hyp)
        decoded = decode_byte_tokens(got.hyp)
        if got.detail["mode"] == "char":
            assert decoded == p.hyp
        else:
            assert decoded != p.hyp and _strip_accents(decoded) == _strip_accents(p.hyp)
            assert sum(a != b for a, b in zip(decoded, p.hyp, strict=True)) == 1
    assert done >= 150


def test_duplicate_phrase_on_a_sample() -> None:
    done = 0
    for i, p in enumerate(sample()):
        got = duplicate_phrase(p.src, p.hyp, _rng(i))
        if got is None:
            assert len(p.hyp.split()) < 5
            continue
        done += 1
        phrase, at = got.detail["phrase"], got.detail["at"]
        assert 3 <= len(phrase.split()) <= 6
        assert got.hyp[at - len(phrase) - 1 : at + len(phrase)] == phrase + " " + phrase
        assert got.hyp[: at - 1] + got.hyp[at + len(phrase) :] == p.hyp
    assert done >= 150


def test_transliterated_word_on_a_sample() -> None:
    from wordfreq import zipf_frequency

    pairs = bench_qa.transliteration_pairs()
    done = 0
    for i, p in enumerate(sample()):
        got = transliterated_word(p.src, p.hyp, _rng(i))
        if got is None:
            continue
        done += 1
        rom, word, arabic = got.detail["romanisation"], got.detail["word"], got.detail["arabic"]
        assert rom in pairs[arabic], "a romanisation of the Arabic word (google-transliteration)"
        assert any(arabic in bench_qa._arabic_forms(w) for w in _ARABIC.findall(p.src))
        assert rom not in p.hyp.lower(), "the human did not transliterate it"
        assert zipf_frequency(rom, "en") < 3.0, "not an English word"
        assert word.islower() and re.search(rf"\b{word}\b", p.hyp)
        assert re.search(rf"\b{rom}\b", got.hyp)
        assert len(got.hyp) == len(p.hyp) - len(word) + len(rom)
        assert bench_qa.plausible_romanisation(arabic, rom)
        assert got.detail["mode"] == ("zipf<1" if got.detail["zipf"] < 1 else "zipf 1-3")
    assert done >= 40


@pytest.mark.parametrize(
    ("arabic", "rom", "plausible"),
    [
        ("دولة", "dawla", True),
        ("حياة", "hayat", True),
        ("طواجن", "tawajin", True),
        ("زبادي", "zabadi", True),
        ("خميس", "khamis", True),
        ("شمس", "shams", True),
        # google-transliteration pairs that are other names or truncated ones
        ("تالي", "talley", False),
        ("فورد", "forde", False),
        ("ظل", "zillur", False),
        ("بلوز", "belozoglu", False),
    ],
)
def test_plausible_romanisation(arabic: str, rom: str, plausible: bool) -> None:
    assert bench_qa.plausible_romanisation(arabic, rom) is plausible


def test_build_system_is_seeded_and_labels_every_change() -> None:
    pairs = list(corpus())
    hyps, injected = bench_qa.build_system(pairs, "number", 1, 0.1)
    again, injected_again = bench_qa.build_system(pairs, "number", 1, 0.1)
    assert hyps == again and injected.keys() == injected_again.keys()
    assert len(injected) == round(0.1 * len(pairs))
    changed = {i for i, (h, p) in enumerate(zip(hyps, pairs, strict=True)) if h != p.hyp}
    assert changed == set(injected)
    other, _ = bench_qa.build_system(pairs, "number", 2, 0.1)
    assert other != hyps


def test_build_system_caps_a_romanisation() -> None:
    _, injected = bench_qa.build_system(list(corpus()), "translit", 1, 0.1)
    words = Counter(x.detail["romanisation"] for x in injected.values())
    assert max(words.values()) <= bench_qa.MAX_SAME_WORD
    assert len(words) > 50
