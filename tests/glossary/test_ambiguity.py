"""Ambiguous terms and context evidence (docs/glossary-format.md): a term marked ambiguous is
applied only where its context shows the concept is meant, the edit log and annotate say why,
and a mention left alone is reported (GL05). Uses tests/fixtures/glossary/ambiguous.toml."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleanup import Config, apply_edits, clean, clean_and_explain
from cleanup.annotate import annotate_stream, annotate_text
from cleanup.cli import main
from cleanup.driver import CleanOptions, clean_stream
from cleanup.glossary import cache, load_glossary
from cleanup.glossary.evidence import MentionAt, license_mentions, related_concepts
from cleanup.glossary.matcher import Matcher

from .conftest import FIXTURES, use_glossary

AMBIGUOUS = FIXTURES / "ambiguous.toml"


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(load_glossary([AMBIGUOUS], include_default=False))


@pytest.fixture(autouse=True)
def use_fixture(monkeypatch: pytest.MonkeyPatch, matcher: Matcher) -> Iterator[Matcher]:
    use_glossary(monkeypatch, matcher)
    yield matcher


def _clean(text: str, **config: object) -> str:
    return clean(text, Config(**config))  # type: ignore[arg-type]


# -- the evidence rule -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # no evidence: left alone
        ("Raed Saleh, the SPD leader in Berlin, said on Monday.", None),
        ("Palmira is a village in New York State.", None),
        # an unambiguous name of any concept in the same paragraph
        ("In Idlib, Raed Saleh said the toll would rise.", "In Idlib, Raed al-Saleh said"),
        ("Palmira was shelled, Syria said.", "Palmyra was shelled, Syria said."),
        # a related concept within three paragraphs
        ("The White Helmets said.\nRaed Saleh said.", "The White Helmets said.\nRaed al-Saleh"),
        ("The White Helmets said.\n\n\n\nRaed Saleh said.", "\nRaed al-Saleh said."),
        ("Raed Saleh said.\na\nb\nThe White Helmets said.", "Raed al-Saleh said.\na"),
        # too far: four paragraphs
        ("Raed Saleh said.\na\nb\nc\nThe White Helmets said.", None),
        # a concept that is not related, in another paragraph: no evidence
        ("Fighting in Idlib.\nRaed Saleh said.", None),
        # the located-in chain: Daraa is the governorate of the Nasib crossing
        ("Shelling in Daraa.\nTraffic resumed at Nasib on Monday.", None),
    ],
)
def test_evidence(text: str, expected: str | None) -> None:
    got = _clean(text)
    if expected is None:
        assert got == text
    else:
        assert expected in got, got


def test_a_licensed_mention_that_becomes_unambiguous_is_evidence_in_turn() -> None:
    """Raed Saleh (licensed by the White Helmets) becomes Raed al-Saleh, an anchor: it licenses
    the next mention, four paragraphs from the White Helmets."""
    text = "The White Helmets said.\nRaed Saleh said.\na\nb\nRaed Saleh added."
    res = clean_and_explain(text)
    assert res.text == "The White Helmets said.\nRaed al-Saleh said.\na\nb\nRaed al-Saleh added."
    last = res.edits[-1].evidence[0][1]
    assert last.basis == "related" and last.anchor is not None
    assert (last.anchor.concept, last.anchor.line) == ("raed-al-saleh", 1)


def test_ambiguous_mentions_never_license_each_other() -> None:
    """Jordan stays Jordan: licensed by Daraa in its paragraph, it is no evidence for the
    Jordan of the next paragraph, nor for Palmira in its own."""
    text = "Refugees crossed from Daraa into Jordan.\nJordan Spieth said Palmira was far."
    res = clean_and_explain(text)
    assert res.text == text
    assert [(f.code, f.start) for f in res.findings] == [("GL05", 41), ("GL05", 60)]


def test_a_world_concept_is_no_evidence_for_its_paragraph_nor_for_itself() -> None:
    """The United States and Reuters are named in any news: "USA Gymnastics" next to "the
    United States" is not the country, and Jordan Spieth is not Jordan."""
    for text in (
        "USA Gymnastics supports the United States Olympic Committee.",
        "The United States said Jordan Spieth won.",
    ):
        res = clean_and_explain(text)
        assert res.text == text
        assert [f.code for f in res.findings] == ["GL05"]
    got = clean_and_explain("In Idlib, USA officials met.").edits
    assert got == []  # licensed by Idlib (nothing to rewrite): annotate tags it
    assert [m["text"] for m in _annotate("In Idlib, USA officials met.")] == ["Idlib", "USA"]


def test_a_world_concept_licenses_the_concepts_related_to_it() -> None:
    res = clean_and_explain("Hezbollah said on Monday.\nNaim Qasim spoke.")
    assert res.text == "Hezbollah said on Monday.\nNaim Qassem spoke."
    ((concept, lic),) = res.edits[0].evidence
    assert (concept, lic.basis) == ("naim-qassem", "related")
    assert lic.anchor is not None and lic.anchor.concept == "hezbollah"


def test_an_unambiguous_name_that_becomes_ambiguous_keeps_its_licence() -> None:
    """الأردن names Jordan unambiguously; cleaned, it is "Jordan", still tagged."""
    text = "Refugees fled to الأردن on Monday."
    res = clean_and_explain(text)
    assert res.text == "Refugees fled to Jordan on Monday."
    assert [f.code for f in res.findings] == []
    got = _annotate(text)
    assert [(m["text"], m["raw_start"], m["raw_end"]) for m in got] == [("Jordan", 17, 23)]
    assert got[0]["evidence"] == {"concept": "jordan", "basis": "unambiguous"}


def test_related_concepts(matcher: Matcher) -> None:
    rel = related_concepts(matcher.glossary)
    assert rel["nasib-crossing"] == {"nasib-crossing", "daraa", "syria"}
    assert rel["raed-al-saleh"] == {"raed-al-saleh", "white-helmets"}
    assert "raed-al-saleh" in rel["white-helmets"]  # relations count both ways


@pytest.mark.parametrize("promotes", [True, False])
def test_license_mentions_chains_only_through_anchors(promotes: bool) -> None:
    """20,000 ambiguous mentions, one per paragraph, and a related anchor after the last: a
    chain licenses them all when each licensed mention becomes an anchor, else only the
    three nearest. (Linear: the chain of 20,000 takes milliseconds.)"""
    n = 20000
    mentions = [MentionAt(k, 0, 10, "raed", True, promotes) for k in range(n)]
    mentions.append(MentionAt(n, 0, 13, "white-helmets", False))
    related = {"raed": frozenset({"raed", "white-helmets"})}
    got = license_mentions(mentions, list(range(n + 1)), related)
    licensed = sorted(k for k, c in got if c == "raed")
    assert licensed == (list(range(n)) if promotes else [n - 3, n - 2, n - 1])
    assert got[(n - 1, "raed")].basis == "related"


# -- the modes ---------------------------------------------------------------------------


def test_glossary_context_always_and_never() -> None:
    text = "Raed Saleh said. In Idlib, Raed Saleh said."
    assert (
        _clean(text, glossary_context="always")
        == "Raed al-Saleh said. In Idlib, Raed al-Saleh said."
    )
    assert _clean(text, glossary_context="never") == text
    assert _clean(text) == "Raed al-Saleh said. In Idlib, Raed al-Saleh said."  # one paragraph


def test_the_option_on_the_cli_and_in_pyproject(tmp_path: Path) -> None:
    text = "Raed Saleh, the SPD leader in Berlin, said."
    for args, want in (
        ([], text),
        (["--glossary-context", "always"], "Raed al-Saleh, the SPD leader in Berlin, said."),
        (["--glossary-context", "never"], text),
    ):
        res = CliRunner().invoke(main, ["clean", "--isolated", "-q", *args, "-"], input=text + "\n")
        assert res.exit_code == 0, res.output
        assert res.stdout == want + "\n"
    res = CliRunner().invoke(main, ["clean", "--glossary-context", "sometimes", "-"], input=text)
    assert res.exit_code == 2 and "sometimes" in res.stderr
    project = tmp_path / "pyproject.toml"
    project.write_text('[tool.tarjama]\nglossary-context = "always"\n', encoding="utf-8")
    res = CliRunner().invoke(
        main, ["clean", "-q", "--config", str(project), "-"], input=text + "\n"
    )
    assert res.stdout == "Raed al-Saleh, the SPD leader in Berlin, said.\n"


def test_config_validates_the_mode() -> None:
    from cleanup.config import ConfigError

    with pytest.raises(ConfigError, match="glossary_context"):
        Config(glossary_context="sometimes")


# -- GL05 and the evidence in the edit log -----------------------------------------------


def test_a_mention_left_alone_is_reported() -> None:
    res = clean_and_explain("Jordan Spieth won the Masters.")
    assert res.text == "Jordan Spieth won the Masters."
    (f,) = [f for f in res.findings if f.code == "GL05"]
    assert (f.start, f.end) == (0, 6) and "jordan" in f.message and f.severity == "info"
    res = clean_and_explain("Refugees crossed from Daraa into Jordan.")
    assert not [f for f in res.findings if f.code == "GL05"]


def test_gl05_alone_surveys_for_itself() -> None:
    """Selecting GL05 alone (no fixing glossary rule) still finds the evidence."""
    cfg = Config(select=("GL05",))
    res = clean_and_explain("Jordan Spieth won.\nRefugees crossed from Daraa into Jordan.", cfg)
    assert [(f.code, f.start) for f in res.findings] == [("GL05", 0)]


def test_edit_log_names_the_evidence(tmp_path: Path) -> None:
    text = "The White Helmets said.\nRaed Saleh said.\n"
    log_file = tmp_path / "log.jsonl"
    res = CliRunner().invoke(
        main, ["clean", "--isolated", "-q", "--explain", str(log_file), "-"], input=text
    )
    assert res.exit_code == 0, res.output
    log = [json.loads(x) for x in log_file.read_text(encoding="utf-8").splitlines()]
    (edit,) = [e for e in log if "GL01" in e["rules"]]
    assert edit["line"] == 2 and edit["concepts"] == ["raed-al-saleh"]
    assert edit["evidence"] == [
        {
            "concept": "raed-al-saleh",
            "basis": "related",
            "anchor": {"concept": "white-helmets", "line": 1, "start": 4, "end": 17},
        }
    ]


def test_unambiguous_edits_say_so() -> None:
    res = clean_and_explain("Fighting in Edlib.")
    ((concept, licence),) = res.edits[0].evidence
    assert (concept, licence.basis, licence.anchor) == ("idlib", "unambiguous", None)


def test_anchor_offsets_are_in_the_original_text() -> None:
    """An anchor after text that cleaning shortened is located in the raw line."""
    text = "\u200b\u200bIn   Idlib, Raed Saleh said."
    res = clean_and_explain(text)
    assert apply_edits(text, res.edits) == res.text == "In Idlib, Raed al-Saleh said."
    (lic,) = [lic for e in res.edits for c, lic in e.evidence if c == "raed-al-saleh"]
    assert lic.anchor is not None
    assert text[lic.anchor.start : lic.anchor.end] == "Idlib"


# -- annotate ----------------------------------------------------------------------------


def _annotate(text: str, *args: str) -> list[dict[str, object]]:
    res = CliRunner().invoke(main, ["glossary", "annotate", "--isolated", *args, "-"], input=text)
    assert res.exit_code == 0, res.output
    return [json.loads(x) for x in res.stdout.splitlines()]


def test_annotate_reports_only_licensed_mentions_with_evidence() -> None:
    text = "Jordan Spieth won.\nRefugees crossed from Daraa into Jordan."
    got = _annotate(text)
    assert [(m["line"], m["text"], m["concept"]) for m in got] == [
        (2, "Daraa", "daraa"),
        (2, "Jordan", "jordan"),
    ]
    assert got[0]["evidence"] == {"concept": "daraa", "basis": "unambiguous"}
    assert got[1]["evidence"] == {
        "concept": "jordan",
        "basis": "paragraph",
        "anchor": {"concept": "daraa", "line": 2, "start": 22, "end": 27},
    }
    assert len(_annotate(text, "--glossary-context", "always")) == 3
    assert len(_annotate(text, "--glossary-context", "never")) == 1
    assert [m["line"] for m in _annotate(text, "--no-clean")] == [2, 2]


def test_annotate_a_rewritten_anchor_keeps_its_licence() -> None:
    """Deraa -> Daraa, Palmira -> Palmyra: every mention is tagged in the cleaned text."""
    got = _annotate("Shelling near Deraa and Palmira.")
    assert [(m["text"], m["raw_start"], m["raw_end"]) for m in got] == [
        ("Daraa", 14, 19),
        ("Palmyra", 24, 31),
    ]


def test_jsonl_records_are_separate_documents() -> None:
    text = (
        json.dumps({"text": "Refugees crossed from Daraa into Jordan."})
        + "\n"
        + json.dumps({"text": "Jordan Spieth won."})
        + "\n"
    )
    got = _annotate(text, "--input-format", "jsonl")
    assert [(m["line"], m["text"]) for m in got] == [(1, "Daraa"), (1, "Jordan")]
    assert got[1]["evidence"]["anchor"] == {  # type: ignore[index]
        "concept": "daraa",
        "line": 1,
        "start": 22,
        "end": 27,
    }


def test_annotate_text_api_without_cleaning(matcher: Matcher) -> None:
    """annotate_text (no cleaning, no survey) reports every mention: the caller decides."""
    assert [m.text for m in annotate_text("Jordan Spieth won.", matcher)] == ["Jordan"]


# -- streams: the same decisions as on the whole text ------------------------------------


def _stream(text: str, block_bytes: int, jobs: int = 1) -> tuple[str, list[str]]:
    out: list[bytes] = []
    mentions: list[str] = []
    options = CleanOptions(config=Config(), block_bytes=block_bytes, jobs=jobs)
    clean_stream(io.BytesIO(text.encode()), "-", options, out.append)

    def emit(m: object) -> None:
        mentions.append(json.dumps(m.to_json(), sort_keys=True))  # type: ignore[attr-defined]

    annotate_stream(io.BytesIO(text.encode()), "-", options, cache.compiled(), emit)
    return b"".join(out).decode(), mentions


def test_blocks_decide_as_the_whole_document() -> None:
    paragraphs = []
    for k in range(40):
        paragraphs.append(f"Paragraph {k}: nothing to see.")
        if k % 7 == 3:
            paragraphs.append("The White Helmets said rescuers were at work.")
        if k % 5 == 1:
            paragraphs.append("Raed Saleh said the toll would rise.")
        if k % 11 == 0:
            paragraphs.append("Jordan Spieth won.")
    text = "\n".join(paragraphs) + "\n"
    whole, whole_mentions = _stream(text, 1 << 20)
    assert whole == clean(text.rstrip("\n")) + "\n"
    for size in (64, 300, 1000):
        got, got_mentions = _stream(text, size)
        assert got == whole, size
        assert got_mentions == whole_mentions, size


def test_a_later_pass_uses_the_first_pass_survey() -> None:
    """The second pass cleans only the changed lines, as one small text in which far-apart
    lines are neighbours: the evidence of the whole document must still decide them."""
    lines = ["Raed Saleh said «nothing» .", "a", "b", "c", "d", "The White Helmets said  so ."]
    text = "\n".join(lines)
    got = clean(text)
    assert got.splitlines()[0].startswith("Raed Saleh said")  # four paragraphs apart
    assert clean(got) == got


# -- idempotence with evidence -----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Raed Saleh said.\nThe White Helmets said.\nRaed Saleh said.\na\nb\nc\nRaed Saleh said.",
        "Refugees crossed from Deraa into Jordan. Jordan said Palmira was calm.",
        "Palmira and Palmyra.\nIn Syria, Palmira.",
        "Refugees fled to الأردن. Jordan said.\nحزب الله said.\n"
        "Naim Qasim, USA and the United States.",
    ],
)
@pytest.mark.parametrize("mode", ["evidence", "always", "never"])
def test_idempotent(text: str, mode: str) -> None:
    once = _clean(text, glossary_context=mode)
    assert _clean(once, glossary_context=mode) == once
