"""Hostile input: every reproducer of the reliability review is a test, cleaning is idempotent
for any input and configuration, and every rule does linear work on any input."""

from __future__ import annotations

import io
import json
import os
import pickle
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from nasty import PATHOLOGICAL, nasty_texts

from cleanup import Config, apply_edits, clean, clean_and_explain
from cleanup.atomic import WriteError, atomic_writer
from cleanup.cli import main
from cleanup.driver import CleanOptions, clean_stream
from cleanup.pipeline import Pipeline

TARJAMA = [sys.executable, "-m", "cleanup"]


def run(args: list[str], stdin: str | bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, args, input=stdin)
    return result.exit_code, result.stdout, result.stderr


def no_traceback(err: str) -> None:
    assert "Traceback" not in err and "internal error" not in err, err


# -- tracebacks instead of errors ------------------------------------------------------------


def test_a_lone_surrogate_in_a_jsonl_field() -> None:
    records = '{"text": "Hama \\ud800 ,Idlib"}\n{"text": "fine \\udc00"}\n'
    code, out, err = run(["clean", "--input-format", "jsonl", "-"], records)
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows[0]["text"] == "Hama \ud800, Idlib" and rows[1]["text"] == "fine \udc00"
    code, out, err = run(["glossary", "annotate", "--input-format", "jsonl", "-"], records)
    assert code == 0 and {json.loads(x)["concept"] for x in out.splitlines()} == {"hama", "idlib"}
    assert clean("\ud800 Aleppo\u060c") == "\ud800 Aleppo,"


def test_json_and_toml_nested_too_deeply(tmp_path: Path) -> None:
    deep = '{"text": "x", "a": ' + "[" * 5000 + "]" * 5000 + "}\n"
    code, _, err = run(["clean", "--input-format", "jsonl", "-"], deep)
    assert code == 2 and err.startswith("tarjama: error: -:1: invalid JSON: nested too deeply")
    toml = tmp_path / "deep.toml"
    toml.write_text('[[concept]]\nid = "x"\nnote = ' + "[" * 3000 + "]" * 3000 + "\n", "utf-8")
    code, out, err = run(["glossary", "lint", str(toml)])
    assert code == 1 and "GLL001 invalid TOML: nested too deeply" in out
    code, _, err = run(["clean", "--glossary", str(toml), "-"], "x\n")
    assert code == 2 and "nested too deeply" in err
    project = tmp_path / "pyproject.toml"
    project.write_text("[tool.tarjama]\nselect = " + "[" * 3000 + "]" * 3000 + "\n", "utf-8")
    code, _, err = run(["clean", "--config", str(project), "-"], "x\n")
    assert code == 2 and "nested too deeply" in err


def test_an_invalid_record_under_jobs_is_one_error() -> None:
    records = '{"text": "a"}\n' * 3000 + "{not json\n"
    proc = subprocess.run(
        [*TARJAMA, "clean", "--input-format", "jsonl", "--jobs", "2", "-"],
        input=records.encode(),
        capture_output=True,
    )
    err = proc.stderr.decode()
    assert proc.returncode == 2
    assert err.startswith("tarjama: error: -:3001: invalid JSON") and err.count("\n") == 1


@pytest.mark.parametrize(
    "args",
    [
        ["clean", "-o", "{missing}/out.txt", "{wire}"],
        ["clean", "--explain", "{missing}/log.jsonl", "-o", os.devnull, "{wire}"],
        ["glossary", "export", "-o", "{missing}/g.tbx"],
        ["score", "-r", "{wire}", "-i", "{wire}", "--segments", "{missing}/s.jsonl"],
        ["score", "-r", "{wire}", "-i", "{wire}", "--html", "{missing}/r.html"],
        ["clean", "-o", "/dev/full", "{wire}"],
    ],
)
def test_an_output_that_cannot_be_written(tmp_path: Path, args: list[str]) -> None:
    wire = tmp_path / "wire.txt"
    wire.write_text("Aleppo\u060c Idlib\n", encoding="utf-8")
    names = {"wire": str(wire), "missing": str(tmp_path / "no" / "such")}
    argv = [a.format(**names) for a in args]
    proc = subprocess.run([*TARJAMA, *argv], capture_output=True, text=True)
    assert proc.returncode == 2
    target = next(a for a in argv if "/no/such/" in a or a == "/dev/full")
    assert proc.stderr.startswith(f"tarjama: error: {target}: cannot write: ")
    assert proc.stderr.count("\n") == 1
    no_traceback(proc.stderr)


def test_a_full_disk_mid_write_leaves_the_target_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.txt"
    target.write_text("before\n", encoding="utf-8")

    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    message = r"out\.txt: cannot write: No space left on device"
    with pytest.raises(WriteError, match=message), atomic_writer(target) as fh:
        fh.write("after\n")
    assert target.read_text(encoding="utf-8") == "before\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


# -- silent loss -----------------------------------------------------------------------------


def test_explain_into_the_input_is_refused(tmp_path: Path) -> None:
    wire = tmp_path / "wire.txt"
    wire.write_text("Aleppo\u060c Idlib\n", encoding="utf-8")
    for args in (["--explain", str(wire)], ["-o", str(wire)]):
        code, _, err = run(["clean", *args, str(wire)])
        assert code == 2 and "is also an input file" in err
    assert wire.read_text(encoding="utf-8") == "Aleppo\u060c Idlib\n"


def test_a_deprecated_term_keeps_the_full_stop(tmp_path: Path) -> None:
    house = tmp_path / "house.toml"
    house.write_text(
        '[[concept]]\nid = "sham-brigade"\ntype = "faction"\n'
        'en.preferred = "Sham Brigade"\nen.deprecated = ["Sham."]\n',
        "utf-8",
    )
    code, _, err = run(["glossary", "lint", str(house)])
    assert code == 1
    code, out, err = run(["clean", "--glossary", str(house), "-"], "We went to Sham. Then\n")
    assert code == 2 and "GLL014" in err  # lint now stops it
    code, out, _ = run(
        ["clean", "--glossary", str(house), "--glossary-unchecked", "-"],
        "We went to Sham. Then\n",
    )
    assert out == "We went to Sham Brigade. Then\n"  # and if forced, nothing is lost


def test_an_invisible_character_before_a_quote_at_a_block_boundary() -> None:
    """A quotation left open at the end of a 1 MiB block continues into a paragraph that
    starts, in the next block, with an invisible character before its quotation mark: the
    block must decide as the whole document does (the quote mark stays)."""
    opened = "He said: “We are here, and we stay.\n"
    following = "​“ We will not leave,” he added.\n"
    fill = (1 << 20) - 5 - len(opened.encode())  # the next paragraph crosses the 1 MiB mark
    filler = ("x" * 99 + "\n") * (fill // 100) + "y" * (fill % 100 - 1) + "\n"
    text = filler + opened + following
    assert len((filler + opened).encode()) < 1 << 20 < len(text.encode())
    whole = clean(text, Config(glossary=False))
    assert whole.endswith('He said: "We are here, and we stay.\n"We will not leave," he added.\n')
    out = io.BytesIO()
    options = CleanOptions(config=Config(glossary=False))
    clean_stream(io.BytesIO(text.encode()), "x", options, out.write)
    assert out.getvalue().decode() == whole


def test_in_place_follows_a_symlink(tmp_path: Path) -> None:
    target = tmp_path / "real.txt"
    target.write_text("Aleppo\u060c Idlib\n", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    code, _, err = run(["clean", "--in-place", str(link)])
    assert code == 0, err
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8") == "Aleppo, Idlib\n"


def test_doubled_punctuation_keeps_the_comma_before_lower_case() -> None:
    assert clean("It's about the team., and I'm happy") == "It's about the team, and I'm happy"
    assert clean("in Aleppo,. The army") == "in Aleppo. The army"


def test_an_imported_term_with_a_control_character_writes_valid_toml() -> None:
    """Fuzzing found it: JSON leaves DEL bare, TOML forbids it (import wrote unloadable TOML)."""
    from cleanup.glossary.formats import import_csv
    from cleanup.glossary.loader import parse_text

    csv = (
        "concept,type,lang,status,term,replacement,exact,en,note,relations\n"
        "hezbollah,faction,en,preferred,Hezbollah,,,,,\n"
        "hezbollah,faction,en,deprecated,Party of G\x7fd,,,,,\n"
    )
    toml = import_csv(csv, "fuzz.csv")
    assert "\\u007f" in toml
    assert not parse_text(toml, "fuzz.toml").problems


# -- security ----------------------------------------------------------------------------------


def test_a_link_planted_at_the_temporary_name_is_not_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    tokens = iter(["a" * 16, "b" * 16])
    monkeypatch.setattr("secrets.token_hex", lambda n: next(tokens))
    planted = tmp_path / f".report.html.tarjama-{os.getpid()}-{'a' * 16}.tmp"
    planted.symlink_to(victim)
    with atomic_writer(tmp_path / "report.html") as fh:
        fh.write("<html>")
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert (tmp_path / "report.html").read_text(encoding="utf-8") == "<html>"


def test_a_cache_someone_else_could_write_is_never_unpickled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cleanup.glossary import cache

    marker = tmp_path / "pwned"

    class Evil:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (os.mkdir, (str(marker),))

    folder = tmp_path / "cache"
    folder.mkdir()
    monkeypatch.setenv("TARJAMA_CACHE_DIR", str(folder))
    monkeypatch.setattr(cache, "_MEMORY", {})
    layers = cache.glossary_layers((), True)
    path = folder / f"glossary-{cache._key(layers)}.pickle"
    path.write_bytes(pickle.dumps(Evil()))
    os.chmod(folder, 0o777)  # a folder others can write to
    assert cache.compiled().glossary is not None
    assert not marker.exists()
    os.chmod(folder, 0o700)
    os.chmod(path, 0o666)  # a file others can write to
    monkeypatch.setattr(cache, "_MEMORY", {})
    assert cache.compiled().glossary is not None
    assert not marker.exists()


# -- interrupted runs --------------------------------------------------------------------------


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_an_interrupted_write_leaves_no_temporary_file(tmp_path: Path, sig: int) -> None:
    big = tmp_path / "big.txt"
    big.write_text("Aleppo\u060c Idlib  ,and “Hama”\n" * 400_000, encoding="utf-8")
    out = tmp_path / "out.txt"
    proc = subprocess.Popen(
        [*TARJAMA, "clean", "--no-glossary", "-o", str(out), str(big)],
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 30
    while not any(p.name.endswith(".tmp") for p in tmp_path.iterdir()):
        assert time.monotonic() < deadline and proc.poll() is None
        time.sleep(0.01)
    proc.send_signal(sig)
    proc.wait(timeout=30)
    assert proc.returncode != 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.txt"]


def test_a_killed_run_is_swept_by_the_next(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("Aleppo\u060c Idlib\n" * 400_000, encoding="utf-8")
    out = tmp_path / "out.txt"
    proc = subprocess.Popen([*TARJAMA, "clean", "--no-glossary", "-o", str(out), str(big)])
    while not any(p.name.endswith(".tmp") for p in tmp_path.iterdir()):
        time.sleep(0.01)
    proc.kill()
    proc.wait()
    assert any(p.name.endswith(".tmp") for p in tmp_path.iterdir())  # left by kill -9
    small = tmp_path / "small.txt"
    small.write_text("Aleppo\u060c\n", encoding="utf-8")
    assert run(["clean", "-o", str(out), str(small)])[0] == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.txt", "out.txt", "small.txt"]


# -- idempotence as a property ---------------------------------------------------------------

CONFIGS = [
    Config(),
    Config(quotes="curly"),
    Config(quotes="keep"),
    Config(segmented=True),
    Config(glossary=False),
    Config(glossary=False, quotes="curly", segmented=True),
    Config(select="QT,SP,PN", glossary=False),
]


@pytest.mark.parametrize(
    "text",
    ["e.g.,.R", "\u0667\u200c\u0644", "\u00c4\x1f\u00a4", "a\u200f\u060c\u060c b", '"\u200b"x'],
)
def test_the_reviews_idempotence_examples(text: str) -> None:
    for config in CONFIGS:
        once = clean(text, config)
        assert clean(once, config) == once


@settings(max_examples=600, deadline=None)
@given(nasty_texts(), st.sampled_from(CONFIGS))
def test_cleaning_is_idempotent_on_nasty_text(text: str, config: Config) -> None:
    result = clean_and_explain(text, config)
    assert result.converged
    assert apply_edits(text, result.edits) == result.text
    assert result.text.count("\n") == text.count("\n")
    assert clean(text, config) == result.text
    assert clean_and_explain(result.text, config).text == result.text


# -- linear work -------------------------------------------------------------------------------


def _lines_run(pipeline: Pipeline, text: str) -> int:
    """Python lines executed to clean ``text`` (work, not time: the same on any machine)."""
    count = 0

    def tracer(frame: object, event: str, arg: object) -> object:
        nonlocal count
        if event == "line":
            count += 1
        return tracer

    sys.settrace(tracer)  # type: ignore[arg-type]
    try:
        pipeline.run(text)
    finally:
        sys.settrace(None)
    return count


@pytest.mark.parametrize("quotes", ["straight", "curly"])
@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_work_grows_linearly(name: str, quotes: str) -> None:
    """Ten times the input, at most about ten times the work, on one line of a pathological
    pattern (quadratic work would be a hundred times: one corrupt record stalls a worker)."""
    pipeline = Pipeline(Config(quotes=quotes))  # type: ignore[arg-type]
    unit = PATHOLOGICAL[name]
    pipeline.run(unit)  # warm caches
    work = [_lines_run(pipeline, (unit * (n // len(unit) + 1))[:n]) for n in (2_000, 20_000)]
    assert work[1] <= 13 * max(work[0], 200), (name, work)
