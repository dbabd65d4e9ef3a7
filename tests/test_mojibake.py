"""MJ01 against ftfy's own test cases (../shared/data/ftfy-test-cases, Apache-2.0), and the
rule's fast path against ftfy itself on generated mojibake."""

from __future__ import annotations

import json
from pathlib import Path

import ftfy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup import Config, apply_edits, clean, clean_and_explain
from cleanup.rules.mojibake import _CHANGEABLE

MJ = Config(glossary=False, select=("MJ01",))


def _cases(shared: Path) -> list[dict[str, str]]:
    out = []
    for name in ("in-the-wild", "synthetic", "negative", "language-names"):
        for case in json.loads((shared / "ftfy-test-cases" / f"{name}.json").read_text()):
            case["file"] = name
            out.append(case)
    return out


def test_ftfy_cases(shared_data: Path) -> None:
    cases = _cases(shared_data)
    assert len(cases) >= 150
    failures = []
    for case in cases:
        expected = case.get("fixed-encoding", case["fixed"])
        result = clean_and_explain(case["original"], MJ)
        if result.text != expected:
            failures.append((case["file"], case["label"], result.text, expected))
        assert apply_edits(case["original"], result.edits) == result.text
        if case["file"] == "negative" and case["fixed"] == case["original"]:
            assert result.text == case["original"], case["label"]
    assert failures == []


def test_ftfy_known_failures_are_not_made_worse(shared_data: Path) -> None:
    """ftfy's known failures: our result is exactly ftfy.fix_encoding's (no extra damage)."""
    path = shared_data / "ftfy-test-cases" / "known-failures.json"
    for case in json.loads(path.read_text()):
        assert clean(case["original"], MJ) == ftfy.fix_encoding(case["original"])


WORDS = [
    "café",
    "naïve",
    "“quoted”",
    "it’s",
    "Zürich",
    "plain",
    "text",
    "—",
    "Aleppo",
    "€5",
    "señor",
    "Ελλάδα",
    "Москва",
    "½",
    "°C",
    "İstanbul",
    "ço",
    "ŝ",
    "ﬁne",
    "×2",
    "…",
]
ENCODINGS = ["cp1252", "latin-1", "cp1251", "mac_roman", "cp437", "iso-8859-2"]


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=10),
    st.lists(st.booleans(), min_size=10, max_size=10),
    st.sampled_from(ENCODINGS),
)
def test_fast_path_never_skips_what_ftfy_fixes(
    words: list[str], garble: list[bool], encoding: str
) -> None:
    parts = []
    for w, g in zip(words, garble, strict=False):
        if g:
            w = w.encode("utf-8").decode(encoding, errors="replace")
        parts.append(w)
    line = " ".join(parts)
    ours = clean(line, MJ)
    theirs = ftfy.fix_encoding(line)
    if not any(c in _CHANGEABLE for c in line + theirs):
        assert ours == theirs  # the fast path skips nothing ftfy would repair
    else:
        # Where ftfy gave up on the line, or left mojibake next to quotation marks and the like,
        # the line is judged again with those blanked out: we repair at least what ftfy does.
        assert ours == theirs or (ours != line and len(ours) <= len(line))


@pytest.mark.parametrize("line", ["plain ASCII", "Arabic هيئة تحرير الشام", "“curly” ‘quotes’"])
def test_clean_text_is_untouched(line: str) -> None:
    assert clean(line, MJ) == line
