#!/usr/bin/env python3
"""Seconds to clean one line of 10^5 and 10^6 characters of each pathological pattern.

Every rule must do linear work on any input, so that one corrupt record cannot stall a worker
for hours (before the fix, 10^5 straight quotes took 387 s). Target: 10^6 characters of any
pattern in under 5 s, with the glossary on, in both quote styles. The same run also times
10^6 characters of ordinary MT text as the baseline a pattern is compared with.

    python scripts/bench_adversarial.py             # 10^5 and 10^6, straight and curly quotes
    python scripts/bench_adversarial.py --sizes 1e5 # a quicker look
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "scripts"))

from nasty import PATHOLOGICAL  # noqa: E402

from cleanup import Config  # noqa: E402
from cleanup.pipeline import Pipeline  # noqa: E402

TARGET_SECONDS = 5.0


def seconds(pipeline: Pipeline, text: str) -> float:
    t = time.perf_counter()
    pipeline.run(text)
    return time.perf_counter() - t


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", nargs="+", type=float, default=[1e5, 1e6])
    ap.add_argument("--quotes", nargs="+", default=["straight", "curly"])
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes]
    import mt_corpus

    ordinary = mt_corpus.generate(max(sizes) * 2, 1).replace("\n", " ")
    worst = 0.0
    header = "pattern".ljust(24) + "".join(f"{n:>12,}" for n in sizes)
    for quotes in args.quotes:
        pipeline = Pipeline(Config(quotes=quotes))  # type: ignore[arg-type]
        pipeline.run("warm up Hama")
        print(f"\n--quotes {quotes} (seconds for one line, glossary on)\n{header}")
        rows = [("ordinary MT text", ordinary)] + [
            (name, unit) for name, unit in sorted(PATHOLOGICAL.items())
        ]
        for name, unit in rows:
            cells = []
            for n in sizes:
                text = (unit * (n // len(unit) + 1))[:n]
                dt = seconds(pipeline, text)
                if n >= 1_000_000 and name != "ordinary MT text":
                    worst = max(worst, dt)
                cells.append(f"{dt:12.3f}")
            print(name.ljust(24) + "".join(cells), flush=True)
    if any(n >= 1_000_000 for n in sizes):
        ok = worst < TARGET_SECONDS
        print(
            f"\nslowest pattern at 10^6 characters: {worst:.2f} s "
            f"(target < {TARGET_SECONDS:g} s): {'met' if ok else 'MISSED'}"
        )
        return 0 if ok else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
