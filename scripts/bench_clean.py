#!/usr/bin/env python3
"""Benchmark `tarjama clean` against sacremoses and ftfy on the three corpora of
docs/performance.md (``scripts/mt_corpus.py``: a, MT output with many artefacts; b, artefacts
at about 1 per 100 words; c, clean edited news).

Everything is measured in this run, on this machine, so the ratios are comparable. For each
corpus:

* ``tarjama clean --no-glossary`` as a command (whole process: start-up, reading, writing),
  and its pipeline alone in this process (``Pipeline.run`` over blocks of about 1 MB);
* sacremoses' ``MosesPunctNormalizer("en").normalize`` line by line;
* ``ftfy.fix_text`` line by line;
* the floor: one compiled ``re.sub`` with 20 alternatives over the whole text.

On corpus a also ``tarjama clean`` with the glossary, and ``--jobs 2`` against one process on
three copies of the corpus (60 MB by default), whole-process timing. First, the start-up of
``tarjama clean --no-glossary`` on an empty input (best of 10). ``--memory``: peak RSS of
``tarjama clean`` streaming about 1 GB. ``--profile N``: the N top costs (cProfile, own time)
of the pipeline on each corpus.

    python scripts/bench_clean.py                       # all three corpora, 20 MB each
    python scripts/bench_clean.py --corpus b --mb 5     # one corpus, smaller
    python scripts/bench_clean.py --memory --profile 12 --json bench.json
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))

import mt_corpus  # noqa: E402

CLEAN = [sys.executable, "-m", "cleanup", "clean", "--isolated", "--no-progress", "-q"]


def corpus(mb: float, seed: int, which: str = "a") -> Path:
    """The corpus file (built once, cached in bench-data/)."""
    name = {"a": "mt", "b": "mt-b", "c": "news-c"}[which]
    path = ROOT / "bench-data" / f"{name}-{mb:g}mb-{seed}.txt"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(mt_corpus.generate(int(mb * 1_000_000), seed, which), encoding="utf-8")
    return path


def best_of(n: int, fn: Callable[[], object]) -> float:
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def run_cli(args: list[str], path: Path, repeat: int) -> float:
    def go() -> None:
        with open(os.devnull, "w") as devnull:
            subprocess.run([*CLEAN, *args, str(path)], check=True, stdout=devnull)

    return best_of(repeat, go)


#: Runs a command and prints the peak RSS of its children in KB: a fresh parent, so that no
#: earlier child (the 60 MB runs, the glossary) counts.
_RSS = (
    "import resource, subprocess, sys; "
    "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def peak_rss_mb(args: list[str]) -> float:
    """Peak RSS of the command ``args``, in MB."""
    out = subprocess.run([sys.executable, "-c", _RSS, *args], check=True, capture_output=True)
    return int(out.stdout) / 1024


FLOOR_RE = re.compile(
    "|".join(
        [
            "\u200e",
            "\u200f",
            "\u200b",
            "\ufeff",
            "\u00ad",
            "\u00a0",
            "\u060c",
            "\u061b",
            "\u061f",
            "\u066a",
            "\u201c",
            "\u201d",
            "\u2018",
            "\u2019",
            "\u00ab",
            "\u00bb",
            "  +",
            r" ,",
            r" \.",
            r",,",
        ]
    )
)


def blocks(text: str) -> list[str]:
    """``text`` in blocks of whole lines of about 1 MB, as the driver reads it."""
    lines = text.split("\n")
    size = max(1, len(lines) * 1_000_000 // max(1, len(text)))
    return ["\n".join(lines[i : i + size]) for i in range(0, len(lines), size)]


def in_process(text: str) -> float:
    """Seconds the pipeline (``--no-glossary``, no edit log) takes over ``text``'s blocks in
    this process: no start-up, reading or writing."""
    from cleanup import Config
    from cleanup.pipeline import Pipeline

    pipeline = Pipeline(Config(glossary=False))
    parts = blocks(text)
    return best_of(2, lambda: [pipeline.run(b, explain=False) for b in parts])


def profile(text: str, top: int) -> str:
    """The ``top`` costs (own time) of the pipeline cleaning ``text`` in blocks of about 1 MB,
    as the driver does."""
    from cleanup import Config
    from cleanup.pipeline import Pipeline

    pipeline = Pipeline(Config(glossary=False))
    parts = blocks(text)
    prof = cProfile.Profile()
    prof.enable()
    for block in parts:
        pipeline.run(block, explain=False)
    prof.disable()
    out = io.StringIO()
    stats = pstats.Stats(prof, stream=out)
    stats.sort_stats("tottime").print_stats(top)
    return "\n".join(
        line.replace(str(ROOT) + "/", "")
        for line in out.getvalue().splitlines()
        if line.strip() and "Ordered by" not in line and "restriction" not in line
    )


def bench_corpus(which: str, args: argparse.Namespace, results: dict[str, float]) -> None:
    path = corpus(args.mb, args.seed, which)
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    mb = len(text.encode("utf-8")) / 1e6
    plain = [line for line in lines if line]
    ascii_share = sum(line.isascii() for line in plain) / max(1, len(plain))
    print(
        f"\ncorpus {which}: {path.name}, {mb:.1f} MB, {len(lines)} lines, "
        f"{ascii_share:.0%} of the non-blank lines plain ASCII",
        file=sys.stderr,
    )
    if args.profile:
        print(profile(text, args.profile), file=sys.stderr)

    import ftfy
    from sacremoses import MosesPunctNormalizer  # type: ignore[import-untyped]

    mpn = MosesPunctNormalizer("en")
    r = {
        "tarjama_clean_no_glossary": mb / run_cli(["--no-glossary"], path, args.repeat),
        "tarjama_pipeline_in_process": mb / in_process(text),
        "sacremoses_normalize": mb / best_of(1, lambda: [mpn.normalize(x) for x in lines]),
        "ftfy_fix_text": mb / best_of(1, lambda: [ftfy.fix_text(x) for x in lines]),
        "re_sub_floor": mb / best_of(3, lambda: FLOOR_RE.sub("", text)),
    }
    if which == "a":
        run_cli([], path, 1)  # warm the glossary cache
        r["tarjama_clean_glossary"] = mb / run_cli([], path, args.repeat)
        # --jobs 2 on three copies of the corpus, so that process start-up (the same for one
        # job and two) does not hide the speed-up
        triple = path.with_name(path.stem + "-x3.txt")
        if not triple.exists():
            triple.write_text(text * 3, encoding="utf-8")
        r["tarjama_1job_x3"] = 3 * mb / run_cli(["--no-glossary"], triple, args.repeat)
        r["tarjama_2jobs_x3"] = 3 * mb / run_cli(["--no-glossary", "-j", "2"], triple, args.repeat)
    one = r["tarjama_clean_no_glossary"]
    r["vs_sacremoses"] = one / r["sacremoses_normalize"]
    r["vs_ftfy_fix_text"] = one / r["ftfy_fix_text"]
    r["fraction_of_re_sub_floor"] = one / r["re_sub_floor"]
    inner = r["tarjama_pipeline_in_process"]
    r["in_process_vs_sacremoses"] = inner / r["sacremoses_normalize"]
    r["in_process_vs_ftfy_fix_text"] = inner / r["ftfy_fix_text"]
    r["in_process_fraction_of_floor"] = inner / r["re_sub_floor"]
    if which == "a":
        r["glossary_fraction_of_no_glossary"] = r["tarjama_clean_glossary"] / one
        r["speedup_2jobs"] = r["tarjama_2jobs_x3"] / r["tarjama_1job_x3"]
    for k, v in r.items():
        unit = (
            ""
            if k.startswith(("vs_", "fraction", "glossary_", "speedup", "in_process_"))
            else " MB/s"
        )
        print(f"  {k:34}{v:8.2f}{unit}", file=sys.stderr)
        results[f"{which}.{k}"] = v


def startup(n: int = 10) -> dict[str, float]:
    """Start-up: best of ``n`` runs of ``tarjama clean --no-glossary`` on an empty input, and
    of Python doing nothing, in ms (whether the package's bytecode is cached says how much of it
    is compiling the sources)."""

    def run(cmd: list[str]) -> float:
        return best_of(n, lambda: subprocess.run(cmd, stdin=subprocess.DEVNULL, check=True))

    clean = run([*CLEAN, "--no-glossary", "-"]) * 1000
    bare = run([sys.executable, "-c", "pass"]) * 1000
    cached = any((ROOT / "cleanup" / "__pycache__").glob("pipeline.*.pyc"))
    bytecode = "cached" if cached else "not cached: compiled on each run"
    print(
        f"\nstart-up: tarjama clean --no-glossary of an empty input {clean:.0f} ms, python "
        f"itself {bare:.0f} ms (bytecode {bytecode})",
        file=sys.stderr,
    )
    return {"startup_clean_ms": clean, "startup_python_ms": bare}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", choices=["a", "b", "c", "all"], default="all")
    ap.add_argument("--mb", type=float, default=20.0, help="size of each corpus (default 20)")
    ap.add_argument("--seed", type=int, default=20241129)
    ap.add_argument("--repeat", type=int, default=2, help="best of N runs of tarjama (2)")
    ap.add_argument("--memory", action="store_true", help="also stream a ~1 GB input")
    ap.add_argument("--profile", type=int, default=0, metavar="N", help="print N top costs")
    ap.add_argument("--json", type=Path, help="write the figures here as JSON")
    args = ap.parse_args()

    results: dict[str, float] = startup()
    for which in ("a", "b", "c") if args.corpus == "all" else (args.corpus,):
        bench_corpus(which, args, results)

    if args.memory:
        text = corpus(args.mb, args.seed, "a").read_text(encoding="utf-8")
        big = ROOT / "bench-data" / "mt-1gb.txt"
        if not big.exists():
            with open(big, "w", encoding="utf-8") as f:
                for _ in range(max(1, int(1000 / (len(text) / 1e6)))):
                    f.write(text)
        size = big.stat().st_size / 1e6
        t0 = time.perf_counter()
        rss = peak_rss_mb([*CLEAN, "--no-glossary", str(big)])
        dt = time.perf_counter() - t0
        results.update(stream_input_mb=size, stream_peak_rss_mb=rss, stream_mb_per_s=size / dt)
        print(
            f"\nstreaming {size:.0f} MB: peak RSS {rss:.0f} MB, {size / dt:.2f} MB/s",
            file=sys.stderr,
        )

    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
