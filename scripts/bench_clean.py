#!/usr/bin/env python3
"""Benchmark `tarjama clean` against sacremoses and ftfy on the same synthetic MT corpus.

Everything is measured in this run, on this machine, so the ratios are comparable:

* ``tarjama clean --no-glossary`` as a command, single process, and with ``--jobs 2``;
* sacremoses' ``MosesPunctNormalizer("en").normalize`` line by line;
* ``ftfy.fix_text`` line by line;
* the floor: one compiled ``re.sub`` with 20 alternatives over the whole text;
* optionally (``--memory``) peak RSS of ``tarjama clean`` on a ~1 GB input, streamed.

    python scripts/bench_clean.py            # 20 MB corpus (built once, cached in bench-data/)
    python scripts/bench_clean.py --memory   # also the 1 GB streaming run
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import mt_corpus  # noqa: E402


def corpus(mb: float, seed: int) -> Path:
    path = ROOT / "bench-data" / f"mt-{mb:g}mb-{seed}.txt"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(mt_corpus.generate(int(mb * 1_000_000), seed), encoding="utf-8")
    return path


def best_of(n: int, fn) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def run_cli(args: list[str], path: Path) -> float:
    cmd = [sys.executable, "-m", "cleanup", "clean", "--no-glossary", "--no-progress", "-q"]

    def go() -> None:
        with open(os.devnull, "w") as devnull:
            subprocess.run([*cmd, *args, str(path)], check=True, stdout=devnull)

    return best_of(2, go)


def peak_rss_mb(args: list[str]) -> float:
    """Peak RSS of a child process, in MB."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    with open(os.devnull, "w") as devnull:
        subprocess.run(args, check=True, stdout=devnull)
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(before, after) / 1024


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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=20.0)
    ap.add_argument("--seed", type=int, default=20241129)
    ap.add_argument("--memory", action="store_true", help="also stream a ~1 GB input")
    ap.add_argument("--json", type=Path, help="write the figures here as JSON")
    args = ap.parse_args()

    path = corpus(args.mb, args.seed)
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    mb = len(text.encode("utf-8")) / 1e6
    print(f"corpus: {path.name}, {mb:.1f} MB, {len(lines)} lines", file=sys.stderr)

    results: dict[str, float] = {}
    results["tarjama_clean_1job"] = mb / run_cli([], path)
    # Parallel speed-up on three copies of the corpus, so that process start-up (the same for
    # one job and two) does not hide it.
    triple = path.with_name(path.stem + "-x3.txt")
    if not triple.exists():
        triple.write_text(text * 3, encoding="utf-8")
    results["tarjama_clean_1job_60mb"] = 3 * mb / run_cli([], triple)
    results["tarjama_clean_2jobs_60mb"] = 3 * mb / run_cli(["--jobs", "2"], triple)

    from sacremoses import MosesPunctNormalizer  # type: ignore[import-untyped]

    mpn = MosesPunctNormalizer("en")
    results["sacremoses_normalize"] = mb / best_of(1, lambda: [mpn.normalize(x) for x in lines])

    import ftfy

    results["ftfy_fix_text"] = mb / best_of(1, lambda: [ftfy.fix_text(x) for x in lines])
    results["re_sub_floor"] = mb / best_of(3, lambda: FLOOR_RE.sub("", text))

    print(f"\n{'':24}{'MB/s':>8}", file=sys.stderr)
    for k, v in results.items():
        print(f"{k:24}{v:8.2f}", file=sys.stderr)
    one = results["tarjama_clean_1job"]
    ratios = {
        "vs_sacremoses": one / results["sacremoses_normalize"],
        "vs_ftfy_fix_text": one / results["ftfy_fix_text"],
        "fraction_of_re_sub_floor": one / results["re_sub_floor"],
        "speedup_2jobs": results["tarjama_clean_2jobs_60mb"] / results["tarjama_clean_1job_60mb"],
    }
    for k, v in ratios.items():
        print(f"{k:24}{v:8.2f}", file=sys.stderr)

    if args.memory:
        big = ROOT / "bench-data" / "mt-1gb.txt"
        if not big.exists():
            with open(big, "w", encoding="utf-8") as f:
                for _ in range(max(1, int(1000 / mb))):
                    f.write(text)
        size = big.stat().st_size / 1e6
        cmd = [sys.executable, "-m", "cleanup", "clean", "--no-glossary", "--no-progress", "-q"]
        t0 = time.perf_counter()
        rss = peak_rss_mb([*cmd, str(big)])
        dt = time.perf_counter() - t0
        results["stream_input_mb"] = size
        results["stream_peak_rss_mb"] = rss
        results["stream_mb_per_s"] = size / dt
        print(
            f"streaming {size:.0f} MB: peak RSS {rss:.0f} MB, {size / dt:.2f} MB/s", file=sys.stderr
        )

    if args.json:
        args.json.write_text(json.dumps({**results, **ratios}, indent=2) + "\n")


if __name__ == "__main__":
    main()
