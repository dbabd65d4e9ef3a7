"""`tarjama glossary annotate`: mentions located in both the cleaned and the raw text."""

from __future__ import annotations

import io
import json
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanup import clean
from cleanup.annotate import MentionRecord, annotate_stream
from cleanup.cli import main
from cleanup.config import Config
from cleanup.driver import CleanOptions, clean_stream
from cleanup.glossary.cache import compiled
from cleanup.glossary.matcher import Matcher

SAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "aleppo-wire.txt"


def _concepts_in(text: str, matcher: Matcher) -> set[str]:
    return {m.concept.id for m in matcher.find(text)}


def test_sample_wire_offsets(tmp_path: Path) -> None:
    res = CliRunner().invoke(main, ["glossary", "annotate", str(SAMPLE)])
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.output.splitlines()]
    raw_lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    clean_lines = clean(SAMPLE.read_text(encoding="utf-8")).split("\n")
    matcher = compiled()
    assert rows, "the sample wire names no glossary concept"
    assert {r["concept"] for r in rows} >= {"hayat-tahrir-al-sham", "jabhat-al-nusra"}
    for r in rows:
        cleaned, raw = clean_lines[r["record"]], raw_lines[r["record"]]
        assert cleaned[r["start"] : r["end"]] == r["text"]
        raw_span = raw[r["raw_start"] : r["raw_end"]]
        assert r["concept"] in _concepts_in(raw_span, matcher), (r, raw_span)
        assert r["status"] in ("preferred", "admitted")
    hay = [r for r in rows if r["text"] == "Hayat Tahrir al-Sham"]
    assert len(hay) == 4
    assert {raw_lines[r["record"]][r["raw_start"] : r["raw_end"]] for r in hay} == {
        "Hay'at Tahrir al-Sham",
        "Hay’at Tahrir al-Sham",
    }


def test_jsonl_field_and_no_clean() -> None:
    data = (
        json.dumps({"id": 1, "body": "The Hizbollah  fighters."})
        + "\n\n"
        + json.dumps({"id": 2, "body": "No names here."})
        + "\n"
    )
    res = CliRunner().invoke(
        main,
        ["glossary", "annotate", "--input-format", "jsonl", "--field", "body", "-"],
        input=data,
    )
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.output.splitlines()]
    assert len(rows) == 1
    r = rows[0]
    assert (r["record"], r["text"], r["concept"], r["status"]) == (
        0,
        "Hezbollah",
        "hezbollah",
        "preferred",
    )
    assert (r["raw_start"], r["raw_end"]) == (4, 13)
    res = CliRunner().invoke(
        main,
        ["glossary", "annotate", "--no-clean", "--input-format", "jsonl", "--field", "body", "-"],
        input=data,
    )
    r = json.loads(res.output.splitlines()[0])
    assert (r["text"], r["status"], r["start"], r["raw_start"]) == (
        "Hizbollah",
        "deprecated",
        4,
        4,
    )


def test_invalid_json_names_the_line() -> None:
    res = CliRunner().invoke(
        main, ["glossary", "annotate", "--input-format", "jsonl", "-"], input="{\n"
    )
    assert res.exit_code == 2
    assert ":1:" in res.output and "Traceback" not in res.output


_PIECES = [
    "Hay’at  Tahrir al-Sham",
    "Hizbollah",
    "the Al-Nusra Front",
    "al-Nusra Front",
    "هيئة تحرير الشام",
    "Hamah",
    "HTS",
    " ,",
    "  ",
    "“",
    "”",
    "\u200f",
    ". ",
    "\n",
    "fighters",
    "Homs",
]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.sampled_from(_PIECES), max_size=12).map(" ".join))
def test_offsets_property(use_small: Matcher, text: str) -> None:
    got: list[MentionRecord] = []
    options = CleanOptions(config=Config())
    annotate_stream(io.BytesIO(text.encode()), "x", options, use_small, got.append)
    out: list[bytes] = []
    clean_stream(io.BytesIO(text.encode()), "x", options, out.append)
    cleaned_lines = b"".join(out).decode().split("\n")
    raw_lines = text.split("\n")
    for m in got:
        assert cleaned_lines[m.record][m.start : m.end] == m.text
        raw_span = raw_lines[m.record][m.raw_start : m.raw_end]
        assert m.mention.concept.id in _concepts_in(raw_span, use_small), (m, raw_span)
