"""GL06 unlisted-spelling with the shipped glossary: evidence, the edit log, annotate,
idempotence and purity."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from cleanup import Config, clean, clean_and_explain
from cleanup.cli import main

WIRE = "Shelling hit Lattakiya countryside, the Syrian Observatory for Human Rights said."
CLEANED = "Shelling hit Latakia countryside, the Syrian Observatory for Human Rights said."


def test_the_edit_log_gives_the_key_and_the_evidence() -> None:
    res = clean_and_explain(WIRE)
    assert res.text == CLEANED
    (edit,) = [e for e in res.edits if "GL06" in e.rules]
    ((concept, lic),) = edit.evidence
    assert (edit.before, edit.after, concept) == ("Lattakiya", "Latakia", "latakia")
    assert lic.basis == "paragraph" and lic.key == "latakya"
    assert lic.anchor is not None and lic.anchor.concept == "syrian-observatory-for-human-rights"
    assert edit.to_json(0, True)["evidence"] == [lic.to_json("latakia")]


def test_annotate_marks_it_unlisted() -> None:
    res = CliRunner().invoke(main, ["glossary", "annotate", "--isolated", "-"], input=WIRE)
    assert res.exit_code == 0
    got = [json.loads(x) for x in res.stdout.splitlines()]
    (m,) = [m for m in got if m["concept"] == "latakia"]
    assert (m["text"], m["raw_start"], m["raw_end"], m["unlisted"]) == ("Latakia", 13, 22, True)
    assert m["evidence"]["key"] == "latakya"
    assert all("unlisted" not in x for x in got if x["concept"] != "latakia")


@pytest.mark.parametrize(
    "text",
    [
        "Shelling hit Lattakiya countryside on Monday.",  # no evidence
        "Jordan Spieth visited Lattakiya.",  # only an ambiguous name: no anchor
        "Water shortages hit Aleppo, the Syrian Observatory for Human Rights said.",  # a word
    ],
)
def test_left_alone(text: str) -> None:
    assert clean(text, Config(select=("GL06",))) == text


def test_off_outside_evidence_mode_and_when_ignored() -> None:
    for config in (
        Config(glossary_context="always"),
        Config(glossary_context="never"),
        Config(ignore=("GL06",)),
    ):
        assert "Lattakiya" in clean(WIRE, config)


def test_idempotent_and_pure() -> None:
    """Cleaning the output again changes nothing; ignoring GL06 changes no other rule's work
    (its candidates are evidence whether or not it rewrites them)."""
    text = (
        "Fighters entered Lattakiya, the Syrian Observatory for Human Rights said.\n"
        "Raed Saleh said the toll would rise.\n"
        "Palmira was calm."
    )
    once = clean(text)
    assert clean(once) == once
    without = clean(text, Config(ignore=("GL06",)))
    assert without == once.replace("Latakia", "Lattakiya")


@pytest.mark.parametrize("gap", ["  ", "   ", "      "])
def test_words_apart_by_a_run_of_spaces_are_one_name(gap: str) -> None:
    """SP05 collapses a run of spaces after the glossary's stage, so the unlisted spelling
    must be seen across one already: found by the fuzzer, 'Idlib Syrian   Observa-tory' was
    left as 'Idlib Syrian Observa-tory' and cleaning that again rewrote it."""
    text = f"Idlib Syrian{gap}Observa-tory"
    once = clean(text)
    assert once == "Idlib Syrian Observatory for Human Rights"
    assert clean(once) == once


def test_glossary_stats_counts_the_unlisted_spelling() -> None:
    text = WIRE + "\nJordan Spieth won.\n"
    res = CliRunner().invoke(
        main, ["glossary", "stats", "--isolated", "-f", "json", "-"], input=text
    )
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert doc["totals"]["unlisted"] == 1
    (u,) = doc["unlisted"]
    assert (u["concept"], u["text"], u["example"]["line"]) == ("latakia", "Lattakiya", 1)
    assert [x["concept"] for x in doc["left_alone"]] == ["jordan"]
