"""Dated concepts: validity periods, the document date, and how a term resolves on it."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleanup import Config, clean
from cleanup.cli import main
from cleanup.config import ConfigError, load_pyproject, parse_date
from cleanup.glossary import GlossaryError, load_glossary
from cleanup.glossary.diff import diff_glossaries
from cleanup.glossary.formats.csv import export_csv, import_csv
from cleanup.glossary.formats.tbx import export_tbx, import_tbx
from cleanup.glossary.formats.toml import format_glossary
from cleanup.glossary.loader import parse_text
from cleanup.glossary.matcher import Matcher
from cleanup.score.terms import term_accuracy

from .conftest import FIXTURES, use_glossary

DATED = FIXTURES / "dated.toml"
BEFORE, AFTER = dt.date(2023, 5, 1), dt.date(2026, 5, 1)
FALL = dt.date(2024, 12, 8)


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(load_glossary([DATED], include_default=False))


@pytest.fixture(autouse=True)
def use_fixture(monkeypatch: pytest.MonkeyPatch, matcher: Matcher) -> Iterator[Matcher]:
    use_glossary(monkeypatch, matcher)
    yield matcher


# -- the data ----------------------------------------------------------------------------


def test_periods_load(matcher: Matcher) -> None:
    saa, army = matcher.glossary.get("syrian-arab-army"), matcher.glossary.get("syrian-army")
    assert saa is not None and army is not None
    assert (saa.valid_from, saa.valid_until) == (None, FALL)
    assert (army.valid_from, army.valid_until) == (FALL, None)
    (link,) = [t for t in saa.terms if t.text == "Syrian army"]
    assert link.valid_until == FALL and link.valid_on(dt.date(2024, 12, 7))
    assert not link.valid_on(FALL)  # valid_until is exclusive


@pytest.mark.parametrize(
    ("line", "needle"),
    [
        ('valid_from = "2024-13-01"', "valid_from is not a date (YYYY-MM-DD): '2024-13-01'"),
        ("valid_from = 2024-12-08T10:00:00", "valid_from must be a date (YYYY-MM-DD), not a"),
        ("valid_from = 20241208", "valid_from must be a date (YYYY-MM-DD), not an integer"),
        (
            "valid_from = 2025-01-01\nvalid_until = 2024-12-08",
            "valid_until (2024-12-08) must come after valid_from (2025-01-01)",
        ),
    ],
)
def test_bad_periods_name_the_line(tmp_path: Path, line: str, needle: str) -> None:
    p = tmp_path / "g.toml"
    p.write_text(f'[[concept]]\nid = "a"\ntype = "city"\n{line}\nen.preferred = "Aaaa"\n')
    with pytest.raises(GlossaryError) as err:
        load_glossary([p], include_default=False)
    assert needle in str(err.value)
    assert err.value.line is not None and err.value.line >= 4


def test_bad_term_period(tmp_path: Path) -> None:
    p = tmp_path / "g.toml"
    p.write_text(
        '[[concept]]\nid = "a"\ntype = "city"\nen.preferred = "Aaaa"\n'
        'en.admitted = [{ term = "Bbbb", valid_until = "soon" }]\n'
    )
    with pytest.raises(GlossaryError) as err:
        load_glossary([p], include_default=False)
    assert err.value.line == 5 and "valid_until of 'Bbbb' is not a date" in str(err.value)


def test_round_trips_keep_periods(matcher: Matcher) -> None:
    g = matcher.glossary
    toml = format_glossary(g.concepts)
    assert "valid_until = 2024-12-08" in toml and "valid_from = 2024-12-08" in toml
    tbx = export_tbx(g)
    # TBX-Basic has no category for a period: a note on the concept, and on each term
    assert tbx.count("<note>tarjama:valid_until=2024-12-08</note>") == 3
    for back in (toml, import_tbx(tbx, "g.tbx"), import_csv(export_csv(g), "g.csv")):
        parsed = parse_text(back, "back.toml")
        assert parsed.problems == []
        assert tuple(parsed.concepts) == g.concepts


def test_diff_shows_periods(matcher: Matcher, tmp_path: Path) -> None:
    old = matcher.glossary
    p = tmp_path / "new.toml"
    p.write_text(DATED.read_text().replace("valid_from = 2024-12-08\n", ""))
    diffs = [str(d) for d in diff_glossaries(old, load_glossary([p], include_default=False))]
    assert any("valid 2024-12-08 to ... -> valid ... to ..." in d for d in diffs), diffs


# -- resolving on a day ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "concept"),
    [
        (BEFORE, "syrian-arab-army"),
        (dt.date(2024, 12, 7), "syrian-arab-army"),
        (FALL, "syrian-army"),
        (AFTER, "syrian-army"),
    ],
)
def test_syrian_army_resolves_by_date(matcher: Matcher, day: dt.date, concept: str) -> None:
    (m,) = matcher.find("The Syrian army entered Damascus's suburbs.", day)[:1]
    assert (m.term.text, m.concept.id, m.ambiguous) == ("Syrian army", concept, ())


def test_a_concept_that_ended_is_still_named_later(matcher: Matcher) -> None:
    """A concept's period chooses between concepts that share a name; its own unshared names
    still name it later ("the former Syrian Arab Army" in a 2026 report)."""
    got = matcher.find("The former Syrian Arab Army", AFTER)
    assert [m.concept.id for m in got] == ["syrian-arab-army"]


def test_clean_resolves_an_arabic_name_by_date() -> None:
    text = "Shelling by الجيش السوري near Damascus."
    assert clean(text, Config(date=BEFORE)) == "Shelling by Syrian Arab Army near Damascus."
    assert clean(text, Config(date=AFTER)) == "Shelling by Syrian army near Damascus."


def test_config_date() -> None:
    assert Config(date="2023-05-01").date == BEFORE  # type: ignore[arg-type]
    for bad in ("2023-5-1", "yesterday", 20230501):
        with pytest.raises(ConfigError, match="date must be a date"):
            Config(date=bad)  # type: ignore[arg-type]
    assert parse_date("2025-03-10T08:00:00Z") == dt.date(2025, 3, 10)
    assert parse_date("10/03/2025") is None


def test_pyproject_date(tmp_path: Path) -> None:
    p = tmp_path / "pyproject.toml"
    p.write_text('[tool.tarjama]\ndate = 2023-05-01\ndate-field = "published"\n')
    cfg = load_pyproject(p)
    assert (cfg.date, cfg.date_field) == (BEFORE, "published")
    p.write_text("[tool.tarjama]\ndate = 5\n")
    with pytest.raises(ConfigError, match="date: expected a date"):
        load_pyproject(p)


# -- the command line ----------------------------------------------------------------------


def _run(args: list[str], text: str) -> tuple[int, str, str]:
    res = CliRunner().invoke(main, args, input=text)
    return res.exit_code, res.stdout, res.stderr


def test_clean_cli_date() -> None:
    text = "Shelling by الجيش السوري near Damascus.\n"
    code, out, _ = _run(["clean", "--isolated", "--date", "2023-05-01", "-"], text)
    assert code == 0 and out == "Shelling by Syrian Arab Army near Damascus.\n"
    code, _, err = _run(["clean", "--isolated", "--date", "2023-13-01", "-"], text)
    assert code == 2 and "--date" in err


def test_annotate_says_which_date_and_whether_given() -> None:
    text = "The Syrian army said.\n"
    _, out, _ = _run(["glossary", "annotate", "--isolated", "--date", "2023-05-01", "-"], text)
    (m,) = [json.loads(x) for x in out.splitlines() if "Syrian army" in x]
    assert (m["concept"], m["date"], m["date_given"]) == ("syrian-arab-army", "2023-05-01", True)
    _, out, _ = _run(["glossary", "annotate", "--isolated", "-"], text)
    (m,) = [json.loads(x) for x in out.splitlines() if "Syrian army" in x]
    today = dt.date.today()
    assert (m["date"], m["date_given"]) == (today.isoformat(), False)
    assert m["concept"] == ("syrian-army" if today >= FALL else "syrian-arab-army")


def test_jsonl_date_field() -> None:
    """Each record resolves on its own date; without one, on --date; a bad one is reported
    and falls back."""
    rows = [
        {"text": "The Syrian army said.", "published": "2023-05-01T09:00:00Z"},
        {"text": "The Syrian army said.", "published": "2026-05-01"},
        {"text": "The Syrian army said."},
        {"text": "The Syrian army said.", "published": "last week"},
    ]
    text = "".join(json.dumps(r) + "\n" for r in rows)
    args = ["glossary", "annotate", "--isolated", "--input-format", "jsonl"]
    code, out, err = _run([*args, "--date-field", "published", "--date", "2023-05-01", "-"], text)
    assert code == 0
    got = [json.loads(x) for x in out.splitlines()]
    assert [(m["line"], m["concept"], m["date"]) for m in got] == [
        (1, "syrian-arab-army", "2023-05-01"),
        (2, "syrian-army", "2026-05-01"),
        (3, "syrian-arab-army", "2023-05-01"),
        (4, "syrian-arab-army", "2023-05-01"),
    ]
    assert "1 of 4 records have a date field 'published' that is not a date" in err
    assert "line 4, 'last week'" in err
    code, _, err = _run(["clean", "--isolated", "--date-field", "published", "-"], "x\n")
    assert code == 2 and "--date-field needs --input-format jsonl" in err


def test_clean_jsonl_date_field() -> None:
    rows = [
        {"text": "Shelling by الجيش السوري.", "d": "2023-05-01"},
        {"text": "Shelling by الجيش السوري.", "d": "2026-05-01"},
    ]
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    code, out, _ = _run(
        ["clean", "--isolated", "--input-format", "jsonl", "--date-field", "d", "-"], text
    )
    assert code == 0
    assert [json.loads(x)["text"] for x in out.splitlines()] == [
        "Shelling by Syrian Arab Army.",
        "Shelling by Syrian army.",
    ]


def test_term_accuracy_by_date(matcher: Matcher) -> None:
    """الجيش السوري in 2023 is the Syrian Arab Army: "Syrian army" renders it (an admitted
    form then); in 2026 it is the new army."""
    src, hyp = ["قصف الجيش السوري دمشق"], ["The Syrian army shelled Damascus"]
    for day, concept in ((BEFORE, "syrian-arab-army"), (AFTER, "syrian-army")):
        report = term_accuracy(src, hyp, None, matcher, day)
        outcomes = {o.concept: o.outcome for o in report.occurrences}
        assert outcomes == {concept: "success", "damascus": "success"}
