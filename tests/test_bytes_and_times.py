"""Byte-fallback tokens (BF01, BYT01) and times with a spaced colon (SP07, TIM01) on real text:
the English sides of FLORES-200 devtest, NTREX-128 and TICO-19 (../shared/data, CC BY-SA 4.0 /
CC0), with their non-ASCII characters spelled as SentencePiece byte-fallback tokens and spaces
put around the colons of their times, as MT systems leave them."""

from __future__ import annotations

import html
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nasty import TOKENS, nasty_texts

from cleanup import Config, apply_edits, clean, clean_and_explain
from cleanup.qa import QAOptions, check_segment
from cleanup.rules.qa.numerals import source_numbers

FLORES = "flores200-devtest/eng_Latn.devtest"
FLORES_AR = "flores200-devtest/arb_Arab.devtest"
NTREX = "ntrex128/newstest2019-src.eng.txt"
NTREX_AR = "ntrex128/newstest2019-ref.arb.txt"


def _lines(shared: Path, name: str) -> list[str]:
    return (shared / name).read_text(encoding="utf-8").replace("\r\n", "\n").split("\n")


def _tico(shared: Path) -> list[str]:
    tmx = (shared / "tico19" / "all.en-ar.tmx").read_text(encoding="utf-8")
    segs = re.findall(r'<tuv xml:lang="en">\s*<seg>(.*?)</seg>', tmx, re.S)
    return [html.unescape(s).strip() for s in segs]


def _english(shared: Path) -> list[str]:
    return _lines(shared, FLORES) + _lines(shared, NTREX) + _tico(shared)


# -- byte fallback ------------------------------------------------------------------------------


def _spell(text: str, lower: bool = False) -> str:
    """``text`` with each non-ASCII character spelled as byte-fallback tokens."""
    fmt = "<0x{:02x}>" if lower else "<0x{:02X}>"
    return "".join(
        c if c.isascii() else "".join(fmt.format(b) for b in c.encode("utf-8")) for c in text
    )


def _invisible(c: str) -> bool:
    """The characters BF01 documents it never puts back that occur in the data (format
    characters: the zero-width spaces of FLORES 683)."""
    return unicodedata.category(c) == "Cf"


BF01 = Config(glossary=False, select=("BF01",))


def test_byte_fallback_restores_every_real_sentence(shared_data: Path) -> None:
    lines = [line for line in _english(shared_data) if not line.isascii()]
    tokens = 0
    for k, line in enumerate(lines):
        lower = k % 3 == 0
        spelled = _spell(line, lower)
        tokens += spelled.count("<0x")
        expected = "".join(_spell(c, lower) if _invisible(c) else c for c in line)
        result = clean_and_explain(spelled, BF01)
        assert result.text == expected, line
        assert apply_edits(spelled, result.edits) == result.text
        for e in result.edits:  # each edit maps back to whole tokens of the raw text
            assert e.rules == ("BF01",)
            assert re.fullmatch(r"(?:<0x[0-9A-Fa-f]{2}>)+", e.before), e.before
            assert e.before == spelled[e.start : e.end]
        assert clean(result.text, BF01) == result.text
    # the figures of the report: lines and tokens of real text repaired
    assert (len(lines), tokens) == (213, 883)


def test_the_full_pipeline_sees_the_decoded_characters(shared_data: Path) -> None:
    """BF01 runs before the quote and mojibake rules: a curly apostrophe spelled in bytes ends
    up as the house's straight one, and UTF-8 mojibake spelled in bytes is repaired too."""
    line = _lines(shared_data, FLORES)[54]  # "...to secure Iraq’s borders..."
    assert "Iraq’s" in line
    config = Config(glossary=False)
    assert clean(_spell(line), config) == clean(line, config)
    assert "Iraq's borders" in clean(_spell(line), config)
    mojibake = "é".encode().decode("cp1252")  # 'Ã©', spelled in bytes
    assert clean(f"caf{_spell(mojibake)} in Aleppo", config) == "café in Aleppo"


def test_byte_tokens_are_reported_and_not_read_as_numbers(shared_data: Path) -> None:
    en, ar = _lines(shared_data, FLORES), _lines(shared_data, FLORES_AR)
    en += _lines(shared_data, NTREX)
    ar += _lines(shared_data, NTREX_AR)
    pairs = [(s, h) for s, h in zip(ar, en, strict=True) if h and not h.isascii()]
    codes = ("BYT01", "NUM01", "NUM02")
    runs = 0
    for src, hyp in pairs:
        spelled = _spell(hyp)
        runs_here = len(re.findall(r"(?:<0x[0-9A-F]{2}>)+", spelled))
        runs += runs_here
        before = check_segment(src, hyp, options=QAOptions(select=codes))
        after = check_segment(src, spelled, options=QAOptions(select=codes))
        assert not [f for f in before if f.code == "BYT01"]
        byt = [f for f in after if f.code == "BYT01"]
        assert len(byt) == runs_here, spelled
        assert all(spelled[f.start : f.end] == f.evidence for f in byt)
        assert all(f.severity == "error" for f in byt)
        # the number checks find exactly what they find in the sentence without the tokens
        numbers = sorted((f.code, f.evidence) for f in before if f.code != "BYT01")
        assert numbers == sorted((f.code, f.evidence) for f in after if f.code != "BYT01"), hyp
    assert (len(pairs), runs) == (73, 101)


def test_number_checks_ignore_the_hex_of_a_byte_token() -> None:
    hyp = "Temperatures reached 30<0xC2><0xB0>C in Deir ez-Zor"
    # without the blanking, the hex digits of the tokens read as numbers (0, 2, 0, 0)
    assert len(source_numbers(hyp)) > 1
    found = check_segment("بلغت درجات الحرارة 30 درجة في دير الزور", hyp)
    assert not [f for f in found if f.code.startswith("NUM")], found
    assert [(f.code, f.evidence) for f in found if f.code == "BYT01"] == [("BYT01", "<0xC2><0xB0>")]


@pytest.mark.parametrize(
    "hyp,part",
    [
        ("Fern<0xC3><0xA1>ndez scored", "decode to 'á'"),
        ("Fern<0xC3>ndez scored", "not valid UTF-8"),
        ("in <0xE2><0x80><0xC3><0x9C>rumqi", "valid UTF-8 only in part ('Ü')"),
    ],
)
def test_byte_token_messages(hyp: str, part: str) -> None:
    (finding,) = check_segment("نص", hyp, options=QAOptions(select=("BYT01",)))
    assert part in finding.message


# -- times --------------------------------------------------------------------------------------

_TIME = re.compile(r"(?<![\d.:])([0-9]{1,2}):([0-9]{2})(?![0-9])")

# Every h:mm of the English data that is not a clock time, by the text around it (decided by
# reading the sentences): run times of FLORES 276 and game-clock minutes of NTREX 1739-1742.
NOT_CLOCK = {"4:41.30", "2:11.60", "1:09.02", "on 3:35", "on 13:10", "on 15:16", "on 27:37"}
# Clock times that SP07 leaves, because nothing around them says they are times.
MISSED = {"on 10:00 4 April"}


def _label(line: str, m: re.Match[str]) -> str:
    for label in NOT_CLOCK | MISSED:
        i = line.find(label)
        if i >= 0 and i <= m.start() < i + len(label):
            return label
    return ""


@pytest.mark.parametrize("before,after", [("", " "), (" ", ""), (" ", " "), ("  ", "\t")])
def test_spaced_times_in_real_sentences(shared_data: Path, before: str, after: str) -> None:
    lines = [line for line in _english(shared_data) if _TIME.search(line)]
    clock = fixed = 0
    for line in lines:
        spaced, expected = [], []
        last = fixed_here = 0
        for m in _TIME.finditer(line):
            label = _label(line, m)
            broken = f"{m.group(1)}{before}:{after}{m.group(2)}"
            spaced += [line[last : m.start()], broken]
            keep = label in NOT_CLOCK or label in MISSED
            expected += [line[last : m.start()], broken if keep else m.group()]
            clock += label not in NOT_CLOCK
            fixed_here += not keep
            last = m.end()
        spaced.append(line[last:])
        expected.append(line[last:])
        text, want = "".join(spaced), "".join(expected)
        result = clean_and_explain(text, Config(glossary=False, select=("SP07",)))
        assert result.text == want, text
        assert all(e.rules == ("SP07",) and e.after == "" for e in result.edits)
        found = check_segment("نص", text, options=QAOptions(select=("TIM01",)))
        assert len(found) == fixed_here, (text, found)
        assert all(f.evidence == text[f.start : f.end] for f in found)
        assert not check_segment("نص", line, options=QAOptions(select=("TIM01",)))
        fixed += fixed_here
    # the figures of the report: 25 lines, 26 clock times of which 25 fixed
    assert (len(lines), clock, fixed) == (25, 26, 25)


@pytest.mark.parametrize(
    "text",
    [
        "Chapter 3: 10 people were killed in the first week",
        "The ratio stood at 1 : 10 after the vote",
        "Syria won at 21 : 14 in the final",
        "The result at 3 : 10 was a draw",
        "a map at 1 : 50 000 scale",
        "Psalm 23 : 10 and John 3 : 16",
        "at 10 : 30 : 45 GMT",
        "the clock read 10 :\n30 GMT",
    ],
)
def test_no_time_no_change(text: str) -> None:
    """Number pairs that are not times are left to SP01 (a space before a colon only)."""
    result = clean_and_explain(text, Config(glossary=False))
    assert "SP07" not in {r for e in result.edits for r in e.rules}, result.edits
    assert not check_segment("نص", text, options=QAOptions(select=("TIM01",)))


def test_arabic_indic_digits_are_converted_first() -> None:
    text = "The attack began at ١٠ : ٣٠ GMT on Friday"
    assert clean(text, Config(glossary=False)) == "The attack began at 10:30 GMT on Friday"
    result = clean_and_explain("The curfew ends at 6 :00 a.m.", Config(glossary=False))
    assert result.text == "The curfew ends at 6:00 a.m."
    assert [e.rules for e in result.edits] == [("SP07",)]  # not SP01's half-repair


# -- idempotence -------------------------------------------------------------------------------

_MIXED = st.lists(
    st.one_of(st.sampled_from(TOKENS), st.sampled_from(["<0x", "C3>", "A1>", "0", "8F>", "x"])),
    max_size=12,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_MIXED, nasty_texts(max_size=4, names=False)), max_size=6).map("".join))
def test_byte_tokens_and_times_in_nasty_text_are_idempotent(text: str) -> None:
    """Byte tokens cut and glued in any order, next to times and nasty characters."""
    for config in (Config(glossary=False), Config(glossary=False, quotes="curly")):
        result = clean_and_explain(text, config)
        assert result.converged
        assert apply_edits(text, result.edits) == result.text
        assert clean_and_explain(result.text, config).text == result.text
