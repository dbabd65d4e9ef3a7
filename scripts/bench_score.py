#!/usr/bin/env python3
"""Benchmark `tarjama score` and `tarjama qa` against sacrebleu, side by side, in one run.

Corpus: 20,000 segments built from the English of NTREX-128 and FLORES-200 devtest (references:
the sentences, varied by seeded light edits so they are not verbatim repeats; two systems:
seeded degradations of the references; sources: the matching Arabic).

Measured, each in a fresh subprocess (time and peak RSS from getrusage(RUSAGE_SELF)):
1. BLEU + chrF + TER of one system: sacrebleu's metric classes called directly vs cleanup.score.
2. Paired bootstrap (1,000 resamples) of BLEU + chrF + TER for 2 systems: sacrebleu's
   PairedTest vs cleanup.score (and the p-values, means and CIs compared for equality).
3. QA (all checks, glossary on) and term accuracy: segments per second.

Run: python scripts/bench_score.py [--segments 20000] [--skip-sacrebleu-paired]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data"
OUT = ROOT / "bench-data"


def build_corpus(n: int) -> dict[str, Path]:
    from cleanup.score import read_segments
    from cleanup.score.synthetic import degrade

    OUT.mkdir(exist_ok=True)
    ar = read_segments(DATA / "ntrex128" / "newstest2019-ref.arb.txt") + read_segments(
        DATA / "flores200-devtest" / "arb_Arab.devtest"
    )
    en = read_segments(DATA / "ntrex128" / "newstest2019-src.eng.txt") + read_segments(
        DATA / "flores200-devtest" / "eng_Latn.devtest"
    )
    refs: list[str] = []
    srcs: list[str] = []
    k = 0
    while len(refs) < n:
        varied = (
            en if k == 0 else degrade(en, 100 + k, drop=0.01, swap=0.0, repeat=0.0, replace=0.01)
        )
        refs += varied
        srcs += ar
        k += 1
    refs, srcs = refs[:n], srcs[:n]
    files = {
        "ref": refs,
        "src": srcs,
        "a": degrade(refs, 1),
        "b": degrade(refs, 2, drop=0.05),
    }
    paths = {}
    for name, lines in files.items():
        p = OUT / f"{name}.{n}.txt"
        p.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths[name] = p
    return paths


# --- the measured jobs (each runs in its own process) --------------------------------------


def job(kind: str, paths: dict[str, str]) -> dict[str, Any]:
    from cleanup.score import read_segments

    ref = read_segments(paths["ref"])
    a = read_segments(paths["a"])
    b = read_segments(paths["b"])
    result: dict[str, Any] = {}
    t0 = time.perf_counter()
    if kind == "sacrebleu-metrics":
        from sacrebleu.metrics.bleu import BLEU
        from sacrebleu.metrics.chrf import CHRF
        from sacrebleu.metrics.ter import TER

        result["scores"] = [m.corpus_score(a, [ref]).score for m in (BLEU(), CHRF(), TER())]
    elif kind == "tarjama-metrics":
        from cleanup.score import score

        r = score([ref], a, metrics=["bleu", "chrf", "ter"])
        result["scores"] = [r.systems[0].scores[k].score for k in ("bleu", "chrf", "ter")]
    elif kind == "sacrebleu-paired":
        from sacrebleu.metrics.bleu import BLEU
        from sacrebleu.metrics.chrf import CHRF
        from sacrebleu.metrics.ter import TER
        from sacrebleu.significance import PairedTest

        metrics = {
            "BLEU": BLEU(references=[ref]),
            "chrF2": CHRF(references=[ref]),
            "TER": TER(references=[ref]),
        }
        _, res = PairedTest([("a", a), ("b", b)], metrics, None, "bs", 1000)()
        result["results"] = {
            k: [[_num(x.score), _num(x.p_value), _num(x.mean), _num(x.ci)] for x in v]
            for k, v in res.items()
            if k != "System"
        }
    elif kind == "tarjama-paired":
        from cleanup.score import score

        r = score([ref], {"a": a, "b": b}, metrics=["bleu", "chrf", "ter"], paired="bs")
        result["results"] = {
            r.names[k]: [
                [_num(getattr(s.scores[k], f)) for f in ("score", "p_value", "mean", "ci")]
                for s in r.systems
            ]
            for k in ("bleu", "chrf", "ter")
        }
    elif kind == "qa":
        from cleanup.glossary.cache import compiled
        from cleanup.qa import run_qa

        src = read_segments(paths["src"])
        glossary = compiled()
        t0 = time.perf_counter()
        report = run_qa(src, a, glossary=glossary)
        result["findings"] = len(report.findings)
    elif kind == "terms":
        from cleanup.glossary.cache import compiled
        from cleanup.score.terms import term_accuracy

        src = read_segments(paths["src"])
        glossary = compiled()
        t0 = time.perf_counter()
        tr = term_accuracy(src, a, [ref], glossary)
        result["occurrences"] = len(tr.occurrences)
    result["seconds"] = time.perf_counter() - t0
    result["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def _num(x: Any) -> float | None:
    return None if x is None else float(x)


def run_job(kind: str, paths: dict[str, Path]) -> dict[str, Any]:
    arg = json.dumps({k: str(v) for k, v in paths.items()})
    out = subprocess.run(
        [sys.executable, __file__, "--job", kind, "--paths", arg],
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode:
        sys.exit(f"job {kind} failed:\n{out.stderr[-3000:]}")
    data: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return data


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--segments", type=int, default=20000)
    ap.add_argument("--skip-sacrebleu-paired", action="store_true")
    ap.add_argument("--job", help=argparse.SUPPRESS)
    ap.add_argument("--paths", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.job:
        print(json.dumps(job(args.job, json.loads(args.paths))))
        return

    paths = build_corpus(args.segments)
    n = args.segments
    mb = (paths["ref"].stat().st_size + paths["a"].stat().st_size) / 1e6
    print(f"corpus: {n} segments, reference + hypothesis {mb:.1f} MB")

    for kind in ("qa", "terms"):
        r = run_job(kind, paths)
        extra = f"{r['findings']} findings" if kind == "qa" else f"{r['occurrences']} terms"
        print(
            f"{kind}: {n / r['seconds']:.0f} segments/s ({r['seconds']:.2f} s, {extra}; "
            "target >= 5000/s)",
            flush=True,
        )

    sb = run_job("sacrebleu-metrics", paths)
    tj = run_job("tarjama-metrics", paths)
    assert sb["scores"] == tj["scores"], (sb["scores"], tj["scores"])
    ratio = tj["seconds"] / sb["seconds"]
    print(
        f"BLEU+chrF+TER, 1 system: sacrebleu {sb['seconds']:.1f} s "
        f"({mb / sb['seconds']:.2f} MB/s), "
        f"tarjama {tj['seconds']:.1f} s ({mb / tj['seconds']:.2f} MB/s): "
        f"{100 * (ratio - 1):+.1f}% (target <= +10%); same scores",
        flush=True,
    )

    tp = run_job("tarjama-paired", paths)
    line = (
        f"paired bootstrap, 1000 resamples, 3 metrics, 2 systems: tarjama {tp['seconds']:.1f} s, "
    )
    line += f"peak RSS {tp['max_rss_mb']:.0f} MB"
    print(line, flush=True)
    if not args.skip_sacrebleu_paired:
        sp = run_job("sacrebleu-paired", paths)
        same = sp["results"] == tp["results"]
        line += (
            f"; sacrebleu {sp['seconds']:.1f} s, peak RSS {sp['max_rss_mb']:.0f} MB; "
            f"time ratio {tp['seconds'] / sp['seconds']:.2f}, memory ratio "
            f"{tp['max_rss_mb'] / sp['max_rss_mb']:.3f} (targets <= 1 and <= 0.2); "
            f"identical results: {same}"
        )
        print(line)


if __name__ == "__main__":
    main()
