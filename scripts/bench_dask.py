#!/usr/bin/env python3
"""Benchmark `tarjama clean --engine dask` on a sharded JSON Lines corpus (issue 13).

Everything is measured in this run, on this machine, as whole commands (start-up, the local
cluster's start and every write included), on the same shards:

* ``tarjama clean --engine dask --workers 1`` and ``--workers 2`` into an OUTDIR (outputs,
  edit logs, findings and manifest);
* ``tarjama clean --input-format jsonl --id-field id --explain LOG --in-place SHARDS``: one
  process, the baseline.

It prints the throughput of each, the speed-up of 2 workers over 1 (target >= 1.8x on two
cores) and the overhead of the Dask engine with one worker over the single process (target
<= 10%), and checks that the outputs and the concatenated edit logs are byte-identical. The
corpus (``--mb``, default 100 MB, in ``--shards`` shards) is built once from
scripts/mt_corpus.py into bench-data/ and reused.

    python scripts/bench_dask.py            # 100 MB in 16 shards
    python scripts/bench_dask.py --mb 20    # a quicker look
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import mt_corpus  # noqa: E402

from cleanup.io import json_line  # noqa: E402


def shards(mb: float, n: int, seed: int = 20241129) -> Path:
    """``n`` JSONL shards of about ``mb`` MB in all (records: the corpus's paragraphs, with
    ids), built once."""
    folder = ROOT / "bench-data" / f"dask-{mb:g}mb-{n}-{seed}"
    done = folder / ".complete"
    if done.exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    lines = [line for line in mt_corpus.generate(int(mb * 1_000_000), seed).split("\n") if line]
    per = -(-len(lines) // n)
    for k in range(n):
        part = lines[k * per : (k + 1) * per]
        text = "".join(
            json_line({"id": f"p{k:02d}-{i}", "text": t}) + "\n" for i, t in enumerate(part)
        )
        (folder / f"part-{k:02d}.jsonl").write_text(text, encoding="utf-8")
    done.touch()
    return folder


def timed(args: list[str], cwd: Path) -> tuple[float, float]:
    """The wall-clock seconds of a ``tarjama clean`` command, and the CPU seconds of it and of
    every process it started (the cluster's workers included: they are reaped before it)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "cleanup", "clean", "--isolated", "-q", *args],
        cwd=cwd,
        check=True,
    )
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return wall, cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=100.0, help="corpus size in MB (default 100)")
    ap.add_argument("--shards", type=int, default=16, help="number of shards (default 16)")
    args = ap.parse_args()
    src = shards(args.mb, args.shards)
    names = sorted(p.name for p in src.glob("*.jsonl"))
    size = sum((src / n).stat().st_size for n in names) / 1e6
    records = sum((src / n).read_bytes().count(b"\n") for n in names)
    work = ROOT / "bench-data" / "dask-run"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(src, work / "shards")
    common = ["--id-field", "id"]
    times: dict[str, tuple[float, float]] = {}
    for workers in (1, 2):  # first, while shards/ holds the input
        run = [
            "--engine",
            "dask",
            "--workers",
            str(workers),
            *common,
            "shards",
            "-o",
            f"out-{workers}",
        ]
        times[f"--engine dask --workers {workers}"] = timed(run, work)
    single = [*("--input-format", "jsonl", *common, "--explain", "edits.jsonl")]
    single += ["--in-place", *(f"shards/{n}" for n in names)]
    times["tarjama clean, one process"] = timed(single, work)
    order = sorted(times, key=lambda k: not k.startswith("tarjama"))
    log = (work / "edits.jsonl").read_bytes()
    for workers in (1, 2):
        out = work / f"out-{workers}"
        for n in names:
            if (out / n).read_bytes() != (work / "shards" / n).read_bytes():
                sys.exit(f"output of {n} with {workers} worker(s) differs from one process")
        if b"".join((out / "_edits" / n).read_bytes() for n in names) != log:
            sys.exit(f"the edit logs with {workers} worker(s) differ from one process")
    (base, base_cpu), (one, one_cpu), (two, _) = (times[k] for k in order)
    print(f"{len(names)} shards, {size:.1f} MB, {records:,} records (bench-data/{src.name})")
    print(f"{'run':<32} {'seconds':>8} {'MB/s':>7} {'records/s':>10} {'CPU s':>7}")
    for name in order:
        t, cpu = times[name]
        print(f"{name:<32} {t:>8.1f} {size / t:>7.2f} {records / t:>10,.0f} {cpu:>7.1f}")
    print(f"speed-up, 2 workers over 1: {one / two:.2f}x (target >= 1.8x)")
    print(f"overhead, dask 1 worker vs one process: {one / base - 1:+.1%} (target <= +10%)")
    print(f"  in CPU seconds (all processes): {one_cpu / base_cpu - 1:+.1%}")
    print("outputs and concatenated edit logs byte-identical to the single process: yes")


if __name__ == "__main__":
    main()
