"""The fast path (``Pipeline.line_test``: only the lines some rule's trigger finds are cleaned)
gives exactly what the full path gives: the same text, edit log, counts and findings, for every
rule selection the other tests use, on real text: FLORES-200, NTREX-128 (CRLF line endings) and
TICO-19 English, the sample wire, ftfy's test cases, the rule fixtures, and the same news
sentences with MT artefacts injected (``scripts/mt_corpus.py``)."""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nasty import nasty_texts

import cleanup.pipeline as pipeline_module
from cleanup import Config
from cleanup.chars import DOUBLE_QUOTES
from cleanup.pipeline import Pipeline, Result
from cleanup.rules import RULES
from cleanup.rules.spacing import _CLOCK_RE, _clock_matches

FIXTURES = Path(__file__).parent / "fixtures" / "rules"
LINES = 300  # lines taken from each corpus: enough for every trigger, a second or so in all


@pytest.fixture(scope="module")
def texts(
    shared_data: Path, sample_wire: str, load_script: Callable[[str], ModuleType]
) -> dict[str, str]:
    data = shared_data
    mt_corpus = load_script("mt_corpus")
    ntrex = (data / "ntrex128" / "newstest2019-src.eng.txt").read_bytes().decode("utf-8")
    flores = (data / "flores200-devtest" / "eng_Latn.devtest").read_text(encoding="utf-8")
    tico = [en for _, en in load_script("corpora").tmx_pairs(data / "tico19" / "all.en-ar.tmx")]
    ftfy_cases = [
        case["original"]
        for name in ("in-the-wild", "synthetic", "negative", "language-names")
        for case in json.loads((data / "ftfy-test-cases" / f"{name}.json").read_text())
    ]
    fixtures = [
        case["input"]
        for path in sorted(FIXTURES.glob("*.toml"))
        for kind in ("fix", "pass")
        for case in tomllib.loads(path.read_text(encoding="utf-8")).get(kind, [])
        if "input" in case
    ]
    return {
        "ntrex (CRLF)": "".join(ntrex.splitlines(keepends=True)[:LINES]),
        "flores": "\n".join(flores.splitlines()[:LINES]),
        "tico": "\n".join(tico[:LINES]),
        "wire": sample_wire,
        "ftfy": "\n".join(c.replace("\n", " ") for c in ftfy_cases),
        "fixtures": "\n".join(fixtures),
        "mt corpus": mt_corpus.generate(60_000, seed=5),
        "mt corpus b": mt_corpus.generate(60_000, seed=6, corpus="b"),
    }


def _selections() -> list[Config]:
    """The selections of the other tests: the defaults without the glossary in each quote
    style and segmented, each rule alone (the fixtures), each rule ignored (purity), groups."""
    out = [
        Config(glossary=False),
        Config(glossary=False, quotes="curly"),
        Config(glossary=False, quotes="keep"),
        Config(glossary=False, segmented=True),
        Config(glossary=False, segmented=True, quotes="keep"),
        Config(select=("QT", "SP", "PN"), glossary=False),
    ]
    codes = [r.code for r in RULES if r.group not in ("glossary", "language")]
    out += [Config(glossary=False, select=(code,)) for code in codes]
    out += [Config(glossary=False, ignore=(code,)) for code in codes]
    return out


SELECTIONS = _selections()


def _same(fast: Result, full: Result, where: str) -> None:
    assert fast.text == full.text, where
    assert fast.edits == full.edits, where
    assert fast.counts == full.counts, where
    assert fast.findings == full.findings, where
    assert fast.converged and full.converged, where


def _pipelines(config: Config) -> tuple[Pipeline, Pipeline]:
    fast, full = Pipeline(config), Pipeline(config)
    full.line_test = None  # the full path: every rule on every line
    return fast, full


@pytest.mark.parametrize(
    "config", SELECTIONS, ids=[f"{c.select or ''}-{c.ignore or ''}-{c.quotes}" for c in SELECTIONS]
)
def test_fast_path_gives_what_the_full_path_gives(config: Config, texts: dict[str, str]) -> None:
    fast, full = _pipelines(config)
    assert fast.line_test is not None  # the fast path is taken: every rule has a trigger
    for name, text in texts.items():
        kwargs: dict[str, Any] = {"explain": True}
        _same(fast.run(text, **kwargs), full.run(text, **kwargs), name)


def test_fast_path_at_block_boundaries(texts: dict[str, str]) -> None:
    """A block cleaned with the lines before and after it (the driver's lookbehind and
    lookahead) comes out the same on both paths, counts included."""
    for config in SELECTIONS[:6]:
        fast, full = _pipelines(config)
        for name, text in texts.items():
            lines = text.split("\n")
            third = max(1, len(lines) // 3)
            before, block, after = (
                "\n".join(lines[:third]),
                "\n".join(lines[third : 2 * third]),
                "\n".join(lines[2 * third :]),
            )
            for final in (True, False):
                kwargs: dict[str, Any] = {
                    "lookbehind": before,
                    "lookahead": after,
                    "lookahead_final": final,
                }
                _same(fast.run(block, **kwargs), full.run(block, **kwargs), name)


_NASTY = {
    (q, seg): _pipelines(Config(glossary=False, quotes=q, segmented=seg))
    for q in ("straight", "curly")
    for seg in (False, True)
}


_CLEAN_LINES = st.sampled_from(["The army said.", "", "It rained", "\r", " "])


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(nasty_texts(max_size=6, names=False), _CLEAN_LINES), min_size=1, max_size=12
    ),
    st.sampled_from(["\n", "\r\n"]),
    st.booleans(),
    st.sampled_from(sorted(_NASTY)),
)
def test_fast_path_on_nasty_text(
    lines: list[str], newline: str, final: bool, which: tuple[str, bool]
) -> None:
    """Lines of quotation marks, invisible and control characters, CRs, mojibake, byte
    tokens and times among clean lines, LF or CRLF: the line test must never skip a line a
    rule changes."""
    text = newline.join(lines) + (newline if final else "")
    fast, full = _NASTY[which]
    _same(fast.run(text), full.run(text), repr(text))


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [
        ("a  b\r\n", "a b\r\n"),
        ("a  b\r\n\r\n", "a b\r\n\r\n"),
        ('""\r\n"', '""\r\n'),
        ("x\r\na  b\r\nc\r\nd", "x\r\na b\r\nc\r\nd"),
        ("a  b\r", "a b"),
    ],
)
def test_a_later_pass_keeps_the_cr_of_a_crlf(text: str, cleaned: str) -> None:
    """A line cleaned again in a later pass (or in the fast path's part) ends as it does in
    the text: the CR of its CRLF stays (it was removed as a lone CR when the line ended the
    part), and a CR that ends the text goes."""
    for fast_path in (True, False):
        pipeline = _pipelines(Config(glossary=False))[0 if fast_path else 1]
        assert pipeline.run(text).text == cleaned, fast_path


def test_fast_path_without_the_edit_log(texts: dict[str, str]) -> None:
    fast, full = _pipelines(Config(glossary=False))
    for name, text in texts.items():
        a, b = fast.run(text, explain=False), full.run(text, explain=False)
        assert (a.text, a.counts, a.findings) == (b.text, b.counts, b.findings), name


def test_the_line_test_skips_clean_lines(texts: dict[str, str]) -> None:
    """Edited news (FLORES) is mostly left out: the fast path has something to skip."""
    fast, _ = _pipelines(Config(glossary=False))
    assert fast.line_test is not None
    lines = texts["flores"].split("\n")
    hit = fast.line_test.lines(lines)
    assert len(hit) < len(lines) // 2
    assert len(hit) > 0


def test_a_rule_without_trigger_turns_the_fast_path_off() -> None:
    """The glossary rules may change any line (and survey the whole document): with them
    selected, every line goes through every rule."""
    assert Pipeline(Config()).line_test is None
    assert Pipeline(Config(glossary=False)).line_test is not None


def test_clock_matches_are_those_of_the_regular_expression(texts: dict[str, str]) -> None:
    """SP07 finds its candidate times from the colons; the matches are those of the one
    regular expression scanned over the whole text."""
    extra = "at 10 : 30 GMT, 9:5, 12 :00-13: 00 pm, 1 : 50 000, 10 : 30 : 45, 4 : 41.30 and 25 :10"
    for name, text in [*texts.items(), ("times", extra)]:
        want = [m.span() for m in _CLOCK_RE.finditer(text)]
        assert [m.span() for m in _clock_matches(text)] == want, name


def test_triggers_are_valid_expressions() -> None:
    for config in SELECTIONS:
        for rule in Pipeline(config).fixers:
            trigger = rule.line_trigger()
            assert trigger is not None, rule.code
            for pattern in trigger[0]:
                re.compile(pattern)


_MARK_LINES = [
    "&quot;The siege continues, the mayor said",
    "the mayor said &quot;footage.",
    '"We will not leave," he said.',
    "&#34;quoted",
    "end&#x22;",
    "It said <0x22>yes",
    "\u00e2\u20ac\u0153Mojibake quote",
    "closing\u00e2\u20ac\u009d",
    "Plain  line.",
    "",
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_MARK_LINES), min_size=2, max_size=8), st.sampled_from(sorted(_NASTY))
)
def test_the_first_pass_is_the_full_first_pass(lines: list[str], which: tuple[str, bool]) -> None:
    """Not only the result: the first pass alone is the same on both paths, also when an early
    rule adds a quotation mark (HT01 decodes ``&quot;``) to a line whose next paragraph the
    line test skips (it then goes into the part as context: see ``Rule.adds_marks``)."""
    text = "\n".join(lines)
    fast, full = _NASTY[which]
    saved = pipeline_module.MAX_PASSES
    pipeline_module.MAX_PASSES = 1  # the first pass only
    try:
        a, b = fast.run(text), full.run(text)
    finally:
        pipeline_module.MAX_PASSES = saved
    assert (a.text, a.edits, a.counts) == (b.text, b.edits, b.counts), repr(text)


def test_the_first_pass_on_real_text(
    texts: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("cleanup.pipeline.MAX_PASSES", 1)
    for config in SELECTIONS[:6]:
        fast, full = _pipelines(config)
        for name, text in texts.items():
            a, b = fast.run(text), full.run(text)
            assert (a.text, a.edits, a.counts) == (b.text, b.edits, b.counts), name


def _added_marks(result: Result) -> int:
    """How many double quotation marks the edits of ``result`` brought in."""
    return sum(
        max(0, sum(c in DOUBLE_QUOTES for c in e.after) - sum(c in DOUBLE_QUOTES for c in e.before))
        for e in result.edits
    )


def test_only_rules_that_say_so_add_double_marks(texts: dict[str, str]) -> None:
    """``Rule.adds_marks`` is true of every rule that adds a double quotation mark: each rule
    alone, on every text and on lines made to hold marks in disguise."""
    every = [*texts.values(), "\n".join(_MARK_LINES)]
    for rule in RULES:
        pipeline = Pipeline(Config(glossary=False, select=(rule.code,)))
        if not pipeline.fixers or pipeline.line_test is None:
            continue  # a reporter, or a rule the fast path never runs alone
        added = sum(_added_marks(pipeline.run(text)) for text in every)
        if rule.adds_marks:
            assert added > 0, rule.code  # the check can fail: these do add marks
        else:
            assert added == 0, rule.code


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_MARK_LINES), min_size=2, max_size=8), st.sampled_from(sorted(_NASTY))
)
def test_fast_path_on_disguised_marks(lines: list[str], which: tuple[str, bool]) -> None:
    """The whole result, too: before ``Rule.adds_marks``, the fast path removed the mark of
    ``&#34;quoted`` before a paragraph that opens a quotation, which the full path keeps (in 762
    of 40,000 random texts of these lines)."""
    text = "\n".join(lines)
    fast, full = _NASTY[which]
    _same(fast.run(text), full.run(text), repr(text))
