"""Property tests of the edit log: applying a record's edits to its original text gives the
cleaned text, edits are sorted and disjoint, and cleaned offsets map back to the original."""

from __future__ import annotations

import itertools
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup import Config, OffsetMap, apply_edits, clean_and_explain
from cleanup.edits import Change, Trace

# Text made of what MT output is made of: words, spaces, punctuation, quotes of every kind,
# invisible characters, Arabic letters, digits and punctuation, mojibake fragments, newlines.
PIECES = [
    # glossary names and their variants (for the configuration with the glossary on)
    "Al-Nusra Front",
    "Hay'at Tahrir al-Sham",
    "Deir ez-Zor",
    "Hizbollah's",
    "pro-Hizbollah",
    "هيئة تحرير الشام",
    "Rami Abdel Rahman",
    "Al-Hurra",
    ". ",
    "Aleppo",
    "Hay'at",
    "Hay’at",
    "Maʿarrat",
    "the",
    "army",
    "HTS",
    "Idlib",
    "14,000",
    "2.5",
    " ",
    " ",
    " ",
    "  ",
    "\t",
    "\n",
    ",",
    ".",
    ";",
    ":",
    "!",
    "?",
    "(",
    ")",
    "[",
    "]",
    "...",
    '"',
    "“",
    "”",
    "«",
    "»",
    "„",
    "‘",
    "’",
    "'",
    "`",
    "″",
    "′",
    "\u200e",
    "\u200f",
    "\u200b",
    "\ufeff",
    "\u00ad",
    "\u00a0",
    "\u202b",
    "\u0640",
    "\x07",
    "،",
    "؛",
    "؟",
    "٪",
    "٫",
    "٬",
    "٢٥٥",
    "۲۷",
    "هيئة",
    "الشام",
    "â€™",
    "Ã©",
    "&quot;",
]

texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
configs = st.sampled_from(
    [
        Config(glossary=False),
        Config(glossary=False, quotes="curly"),
        Config(glossary=False, quotes="keep"),
        Config(glossary=False, segmented=True),
        Config(),  # the default: glossary on
    ]
)


@settings(max_examples=400, deadline=None)
@given(texts, configs)
def test_edits_rebuild_the_cleaned_text(text: str, config: Config) -> None:
    result = clean_and_explain(text, config)
    assert apply_edits(text, result.edits) == result.text
    for a, b in zip(result.edits, result.edits[1:], strict=False):
        assert a.end < b.start  # sorted, not overlapping, not even touching
    for e in result.edits:
        assert text[e.start : e.end] == e.before
        assert e.before != e.after
        assert e.rules
    assert result.text.count("\n") == text.count("\n")


@settings(max_examples=400, deadline=None)
@given(texts, configs)
def test_offsets_map_back(text: str, config: Config) -> None:
    result = clean_and_explain(text, config)
    changed = set()
    m = OffsetMap(result.edits)
    # Unchanged characters map to themselves in the original.
    delta = 0
    cur = 0
    for e in result.edits:
        cs = e.start + delta
        changed.update(range(cs, cs + len(e.after)))
        delta += len(e.after) - (e.end - e.start)
        cur = cs
    for pos, ch in enumerate(result.text):
        if pos not in changed:
            assert text[m.to_original(pos)] == ch
    # Spans map to spans, in order, and the API agrees with OffsetMap.
    for s in range(len(result.text) + 1):
        assert result.to_original(s) == m.to_original(s)
        a, b = result.span_to_original(s, len(result.text))
        assert 0 <= a <= b <= len(text)
    assert cur >= 0


@settings(max_examples=300, deadline=None)
@given(texts, configs)
def test_idempotent(text: str, config: Config) -> None:
    once = clean_and_explain(text, config).text
    assert clean_and_explain(once, config).text == once


def test_trace_composes_random_stages() -> None:
    """Stages of random replacements compose into one log that rebuilds the final text."""
    rng = random.Random(7)
    for _ in range(3000):
        original = "".join(rng.choice("abcde \n") for _ in range(rng.randint(0, 20)))
        trace = Trace(original)
        for k in range(rng.randint(1, 5)):
            changes = []
            pos = 0
            n = len(trace.text)
            while pos <= n:
                if rng.random() < 0.3:
                    end = min(n, pos + rng.choice([0, 1, 2, 3]))
                    after = "".join(rng.choice("xyz") for _ in range(rng.randint(0, 2)))
                    changes.append(Change(pos, end, after, f"R{k}"))
                    pos = max(end + rng.choice([0, 1, 2]), pos + 1)
                else:
                    pos += rng.randint(1, 3)
            trace.apply(changes)
            assert apply_edits(original, trace.edits) == trace.text
        final = trace.finish()
        assert apply_edits(original, final) == trace.text
        for a, b in itertools.pairwise(final):
            assert a.end < b.start
