"""`tarjama score` gives sacrebleu's numbers and signatures on real data, and fails loudly."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from sacrebleu.metrics.bleu import BLEU
from sacrebleu.metrics.chrf import CHRF
from sacrebleu.metrics.ter import TER
from sacrebleu.significance import PairedTest

from cleanup.cli import main
from cleanup.score import read_segments, score
from cleanup.score.synthetic import degrade


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cleanup", *args], capture_output=True, text=True, check=False
    )


def test_cli_matches_sacrebleu_cli(ntrex: dict[str, Path], systems: dict[str, Path]) -> None:
    ref, hyp = str(ntrex["en"]), str(systems["sys_a"])
    sb = subprocess.run(
        [
            sys.executable,
            "-m",
            "sacrebleu",
            ref,
            "-i",
            hyp,
            "-m",
            "bleu",
            "chrf",
            "ter",
            "-f",
            "json",
            "-w",
            "4",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    theirs = {d["name"]: d for d in json.loads(sb.stdout)}
    out = run("score", "-r", ref, "-i", hyp, "-m", "bleu", "chrf", "ter", "-f", "json")
    assert out.returncode == 0, out.stderr
    ours = json.loads(out.stdout)["systems"][0]["scores"]
    assert set(theirs) == {"BLEU", "chrF2", "TER"}
    for key, name in (("bleu", "BLEU"), ("chrf", "chrF2"), ("ter", "TER")):
        assert round(ours[key]["score"], 4) == theirs[name]["score"]
        assert ours[key]["signature"] == theirs[name]["signature"]
    assert ours["bleu"]["verbose_score"] == theirs["BLEU"]["verbose_score"]
    assert 20 < ours["bleu"]["score"] < 90  # a real, imperfect system


@pytest.mark.parametrize(
    "shape",
    [
        ["REF", "-i", "HYP", "-m", "bleu", "-b", "-w", "2"],
        ["REF", "-i", "HYP", "-m", "chrf", "bleu", "-b", "-w", "3"],  # sacrebleu's JSON list
        ["REF", "-i", "HYP", "-m", "chrf", "bleu", "ter", "-f", "text", "-b", "-w", "3"],
        ["REF", "-i", "HYP", "-m", "chrf", "bleu", "-lc", "--chrf-lowercase", "-b", "-w", "2"],
        ["REF", "-i", "HYP", "-m", "bleu", "-tok", "intl", "--score-only", "--width", "4"],
        ["REF", "-m", "ter", "-b", "-w", "2"],  # the system output on stdin
        ["REF", "REF2", "-i", "HYP", "-m", "bleu", "-b", "-w", "2"],  # two references
    ],
)
def test_sacrebleu_command_lines_run_unchanged(
    shape: list[str], ntrex: dict[str, Path], systems: dict[str, Path]
) -> None:
    """A sacrebleu command line, unchanged after the command name, gives the same numbers."""
    names = {"REF": str(ntrex["en"]), "REF2": str(systems["sys_b"]), "HYP": str(systems["sys_a"])}
    args = [names.get(a, a) for a in shape]
    stdin = None if "-i" in shape else Path(names["HYP"]).read_bytes()
    theirs = subprocess.run(
        [sys.executable, "-m", "sacrebleu", *args], input=stdin, capture_output=True, check=True
    )
    if "-f" not in args:  # sacrebleu's default output format is JSON, tarjama's text
        args += ["-f", "json"]
    ours = subprocess.run(
        [sys.executable, "-m", "cleanup", "score", *args], input=stdin, capture_output=True
    )
    assert ours.returncode == 0, ours.stderr
    assert ours.stdout == theirs.stdout
    numbers = re.findall(rb"\d+\.\d+", ours.stdout)
    assert len(numbers) == sum(shape.count(m) for m in ("bleu", "chrf", "ter"))


def test_api_matches_sacrebleu_exactly_with_two_references(flores: dict[str, Path]) -> None:
    ref = read_segments(flores["en"])[:400]
    ref2 = degrade(ref, 7, drop=0.02)
    hyp = degrade(ref, 3)
    report = score([ref, ref2], hyp, metrics=["bleu", "chrf", "chrf++", "ter"])
    got = report.systems[0].scores
    for key, metric in (
        ("bleu", BLEU()),
        ("chrf", CHRF()),
        ("chrf++", CHRF(word_order=2)),
        ("ter", TER()),
    ):
        expected = metric.corpus_score(hyp, [ref, ref2])
        assert got[key].score == expected.score
        assert got[key].signature == str(metric.get_signature())
    assert "nrefs:2" in got["bleu"].signature


def test_segment_scores_are_sacrebleu_sentence_scores(flores: dict[str, Path]) -> None:
    ref = read_segments(flores["en"])[:60]
    hyp = degrade(ref, 5)
    report = score([ref], hyp, metrics=["bleu", "chrf", "ter"], segments=True)
    seg = report.systems[0].segments
    bleu, chrf, ter = BLEU(effective_order=True), CHRF(), TER()
    for i in range(len(ref)):
        assert seg["bleu"][i] == bleu.sentence_score(hyp[i], [ref[i]]).score
        assert seg["chrf"][i] == chrf.sentence_score(hyp[i], [ref[i]]).score
        assert seg["ter"][i] == ter.sentence_score(hyp[i], [ref[i]]).score
    worst = report.worst(0, 3, "chrf")
    assert seg["chrf"][worst[0]] == min(seg["chrf"])


@pytest.mark.parametrize("test_type,n", [("bs", 200), ("ar", 400)])
def test_paired_tests_reproduce_sacrebleu(flores: dict[str, Path], test_type: str, n: int) -> None:
    ref = read_segments(flores["en"])[:500]
    a, b = degrade(ref, 1), degrade(ref, 2, drop=0.07)
    report = score(
        [ref], {"a": a, "b": b}, metrics=["bleu", "chrf", "ter"], paired=test_type, n_samples=n
    )  # type: ignore[arg-type]
    metrics = {"BLEU": BLEU(references=[ref]), "chrF2": CHRF(references=[ref])}
    metrics["TER"] = TER(references=[ref])
    sigs, theirs = PairedTest([("a", a), ("b", b)], metrics, None, test_type, n)()
    for key, name in (("bleu", "BLEU"), ("chrf", "chrF2"), ("ter", "TER")):
        for i, system in enumerate(report.systems):
            ours, their = system.scores[key], theirs[name][i]
            assert ours.score == their.score
            assert ours.p_value == their.p_value
            assert ours.mean == their.mean
            assert ours.ci == their.ci
        assert report.systems[0].scores[key].signature == sigs[name].format()
    assert report.systems[1].scores["bleu"].p_value is not None


def test_single_system_confidence_matches_sacrebleu(flores: dict[str, Path]) -> None:
    ref = read_segments(flores["en"])[:300]
    hyp = degrade(ref, 4)
    report = score([ref], hyp, metrics=["bleu", "chrf"], confidence=300)
    for key, metric in (("bleu", BLEU()), ("chrf", CHRF())):
        expected = metric.corpus_score(hyp, [ref], n_bootstrap=300)
        ours = report.systems[0].scores[key]
        assert (ours.mean, ours.ci) == (expected._mean, expected._ci)
        assert ours.signature == str(metric.get_signature())


def test_spbleu_with_a_trained_model(tmp_path: Path, flores: dict[str, Path]) -> None:
    model, again = tmp_path / "a.model", tmp_path / "b.model"
    runner = CliRunner()
    res = runner.invoke(
        main, ["spm", "train", str(flores["en"]), "-o", str(model), "--vocab-size", "800"]
    )
    assert res.exit_code == 0, res.output
    res2 = runner.invoke(
        main, ["spm", "train", str(flores["en"]), "-o", str(again), "--vocab-size", "800"]
    )
    assert res.stdout == res2.stdout  # deterministic: same hash
    assert model.read_bytes() == again.read_bytes()
    digest = res.stdout.strip().splitlines()[-1]
    ref = read_segments(flores["en"])[:200]
    hyp = degrade(ref, 9)
    from cleanup.score.metrics import MetricOptions
    from cleanup.score.spm import SPMTokenizer

    report = score([ref], hyp, metrics=["spbleu"], options=MetricOptions(spm_model=str(model)))
    got = report.systems[0].scores["spbleu"]
    tok = SPMTokenizer(model)
    expected = BLEU(tokenize="none", force=True).corpus_score(
        [tok(h) for h in hyp], [[tok(r) for r in ref]]
    )
    assert got.score == expected.score
    assert f"tok:{digest}" in got.signature
    missing = runner.invoke(
        main, ["score", "-r", str(flores["en"]), "-i", str(flores["en"]), "-m", "spbleu"]
    )
    assert missing.exit_code == 2 and "spm-model" in missing.output


def test_input_errors_exit_2_with_clear_messages(tmp_path: Path, flores: dict[str, Path]) -> None:
    short = tmp_path / "short.txt"
    short.write_text("one\ntwo\n", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"fine\nbad \xff byte\n")
    out = run("score", "-r", str(flores["en"]), "-i", str(short))
    assert out.returncode == 2
    assert "line counts differ" in out.stderr and "1012 lines" in out.stderr
    assert "short.txt: 2 lines" in out.stderr and "Traceback" not in out.stderr
    out = run("score", "-r", str(empty), "-i", str(empty))
    assert out.returncode == 2 and "empty.txt: empty file" in out.stderr
    out = run("score", "-r", str(bad), "-i", str(bad))
    assert out.returncode == 2 and "bad.txt:2: invalid UTF-8" in out.stderr
    out = run("score", "-r", str(tmp_path / "nope.txt"), "-i", str(short))
    assert out.returncode == 2 and "nope.txt: cannot read" in out.stderr


def test_fail_under_clean_segments_and_worst(
    tmp_path: Path, ntrex: dict[str, Path], systems: dict[str, Path]
) -> None:
    ref, a, b = str(ntrex["en"]), str(systems["sys_a"]), str(systems["sys_b"])
    seg = tmp_path / "seg.tsv"
    out = run(
        "score",
        "-r",
        ref,
        "-i",
        a,
        b,
        "-m",
        "bleu",
        "chrf",
        "--fail-under",
        "bleu=99",
        "--segments",
        str(seg),
        "--worst",
        "2",
    )
    assert out.returncode == 1, out.stderr
    assert "bleu" in out.stderr and "below the limit 99" in out.stderr
    rows = seg.read_text(encoding="utf-8").splitlines()
    assert rows[0].split("\t") == ["system", "line", "segment", "bleu", "chrf"]
    assert len(rows) == 1 + 2 * 1997
    assert out.stdout.count("REF: ") == 4 and out.stdout.count("HYP: ") == 4
    ok = run("score", "-r", ref, "-i", a, "-m", "bleu", "--fail-under", "bleu=5")
    assert ok.returncode == 0
    cleaned = run("score", "-r", ref, "-i", a, "-m", "chrf", "--clean", "--segmented", "-f", "json")
    names = [s["system"] for s in json.loads(cleaned.stdout)["systems"]]
    assert names == [a, f"{a} (cleaned)"]


def test_score_files_api_for_the_demo() -> None:
    from cleanup import clean
    from cleanup.score import score_texts

    root = Path(__file__).resolve().parents[2] / "docs" / "examples"
    raw = (root / "aleppo-wire.txt").read_text(encoding="utf-8")
    post = (root / "aleppo-wire.post-edit.txt").read_text(encoding="utf-8")
    assert len(post.split("\n")) == len(raw.split("\n"))
    blank = [i for i, line in enumerate(raw.split("\n")) if not line.strip()]
    assert blank == [i for i, line in enumerate(post.split("\n")) if not line.strip()]
    report = score_texts(post, {"raw": raw, "cleaned": clean(raw)})
    raw_s, cleaned_s = (s.scores for s in report.systems)
    # cleanup moves the MT towards the post-edit: fewer edits (HTER), more overlap
    assert cleaned_s["ter"].score < raw_s["ter"].score
    assert cleaned_s["bleu"].score > raw_s["bleu"].score


def test_the_sacrebleu_adapter_fails_loudly_when_sacrebleu_changes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The private methods tarjama wraps exist in the installed sacrebleu; a release without
    one is named, with the version, instead of failing deep inside a score."""
    import sacrebleu
    from sacrebleu.metrics.chrf import CHRF

    from cleanup.score import adapter

    adapter.check()
    monkeypatch.delattr(CHRF, "_extract_reference_info")
    with pytest.raises(adapter.SacrebleuChanged, match=re.escape(sacrebleu.__version__)):
        adapter.check()
