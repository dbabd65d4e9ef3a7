#!/usr/bin/env python3
"""Compare the speed of `tarjama clean` at a git revision and in the working tree, same run.

The revision is checked out into a temporary git worktree; both versions run as commands
(``python -m cleanup clean``) on the same input, with the same interpreter and environment,
alternately, best of ``--repeat`` runs each, each with its own warm glossary cache. The input
is ``scripts/bench_clean.py``'s corpus a (``--corpus b|c``: the others of docs/performance.md)
unless ``--input`` is given.

    python scripts/bench_versions.py pre-issue10                 # with the glossary
    python scripts/bench_versions.py pre-issue10 -- --no-glossary
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import bench_clean  # noqa: E402


def timed(src: Path, cache: Path, data: Path, extra: list[str]) -> float:
    env = dict(os.environ, PYTHONPATH=str(src), TARJAMA_CACHE_DIR=str(cache))
    cmd = [sys.executable, "-m", "cleanup", "clean", "--isolated", *extra, str(data), "-o", "-"]
    t0 = time.perf_counter()
    subprocess.run(
        cmd, env=env, cwd=src, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("rev", help="the git revision to compare with (a tag, branch or commit)")
    ap.add_argument("--input", type=Path, help="the text to clean (default: the bench corpus)")
    ap.add_argument("--mb", type=float, default=20.0, help="size of the bench corpus")
    ap.add_argument("--corpus", choices=["a", "b", "c"], default="a", help="which bench corpus")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("extra", nargs="*", help="options for `clean` in both versions (after --)")
    args = ap.parse_args()
    data = args.input or bench_clean.corpus(args.mb, 20241129, args.corpus)
    size = data.stat().st_size / 1e6
    with tempfile.TemporaryDirectory() as tmp:
        old = Path(tmp) / "old"
        subprocess.run(
            ["git", "worktree", "add", "--detach", "-q", str(old), args.rev], cwd=ROOT, check=True
        )
        try:
            caches = {"old": Path(tmp) / "cache-old", "new": Path(tmp) / "cache-new"}
            srcs = {"old": old, "new": ROOT}
            for name in srcs:  # warm up: build each glossary cache once
                timed(srcs[name], caches[name], data, args.extra)
            best = {name: float("inf") for name in srcs}
            for _ in range(args.repeat):
                for name in srcs:
                    best[name] = min(best[name], timed(srcs[name], caches[name], data, args.extra))
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(old)], cwd=ROOT)
    print(f"input: {data} ({size:.1f} MB); clean options: {' '.join(args.extra) or '(none)'}")
    for name, label in (("old", args.rev), ("new", "working tree")):
        print(f"  {label:>14}: {best[name]:6.2f} s  {size / best[name]:5.2f} MB/s")
    print(f"  ratio new/old speed: {best['old'] / best['new']:.2f}x")


if __name__ == "__main__":
    main()
