#!/usr/bin/env python3
"""Benchmark `tarjama glossary mine`: the algorithm before issue 11 against the current one.

Everything is measured in this run, on this machine, on the same synthetic MT corpus
(scripts/mt_corpus.py, built once and cached in bench-data/ as scripts/bench_clean.py does),
with the shipped glossary:

* **old**: the function as it was before issue 11 (a copy is kept below, here only), run the
  way `tarjama glossary mine` ran it: each file read whole and mined as one text. Its check
  of known names is quadratic in the size of a text, so it runs only on inputs up to
  ``--old-max-mb``; a larger size is *extrapolated* from its times on half that size and on
  that size, fitted to ``a * size + b * size**2`` (its cost: every n-gram is compared with
  every name found in the text), and the table says so;
* **old, line by line**: the same old function given one line at a time (how much of the
  speed-up is the streaming alone); its output must equal the new one without the stop list;
* **new**: :class:`cleanup.glossary.mine.Miner` fed the blocks of whole lines that the command
  reads, then the stop list (its first use loads the GeoNames places, a few seconds, counted
  here in every run);
* **CLI**: the command itself in a fresh process (start-up, glossary cache, reading, stop
  list), with its peak memory.

    python scripts/bench_mine.py                 # 2 MB and 40 MB
    python scripts/bench_mine.py --sizes 2 10
"""

from __future__ import annotations

import argparse
import math
import os
import re
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, NamedTuple

from rapidfuzz.distance import Levenshtein

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import mt_corpus  # noqa: E402

from cleanup.glossary.cache import compiled  # noqa: E402
from cleanup.glossary.matcher import Matcher  # noqa: E402
from cleanup.glossary.mine import Candidate, Miner, StopList  # noqa: E402
from cleanup.glossary.normalise import normalise_term  # noqa: E402
from cleanup.glossary.reference import places  # noqa: E402
from cleanup.io import iter_text_blocks  # noqa: E402

# -- the old algorithm (cleanup/glossary/mine.py before issue 11), the baseline -------------

_OLD_CANDIDATE_RE = re.compile(
    r"\b(?:[A-Z][\w'’ʿʾ`-]+|(?:al|el|ash|as|ad|ar|az|at|an|ad|ibn|bin|bint|abu|abou|of|the)"
    r"(?:[-\s]))(?:[-\s]+(?:[A-Z][\w'’ʿʾ`-]+|al-\w+|el-\w+|ash-\w+|ad-\w+|as-\w+|az-\w+|"
    r"ibn|bin|of|the|al|el)){0,5}"
)
_OLD_TOKEN = re.compile(r"\S+")
_OLD_FUNCTION_WORDS = frozenset("of the al el ash as ad ar az at an ibn bin bint abu abou".split())


class OldCandidate(NamedTuple):
    text: str
    count: int
    concept: str
    nearest: str
    distance: float


def old_mine(
    texts: Iterable[str], matcher: Matcher, max_distance: float = 0.25, min_count: int = 1
) -> list[OldCandidate]:
    """``cleanup.glossary.mine.mine`` before issue 11, unchanged but for its result type."""
    counts: Counter[str] = Counter()
    for text in texts:
        known = [(m.start, m.end) for m in matcher.find(text)]
        for m in _OLD_CANDIDATE_RE.finditer(text):
            tokens = [
                (t.start() + m.start(), t.end() + m.start()) for t in _OLD_TOKEN.finditer(m.group())
            ]
            for i, (s, _) in enumerate(tokens):
                if not text[s].isupper():
                    continue
                for j in range(i, min(len(tokens), i + 6)):
                    e = tokens[j][1]
                    cand = text[s:e]
                    if cand.split()[-1].lower() in _OLD_FUNCTION_WORDS:
                        continue
                    if " " not in cand and len(cand) < 5:
                        continue
                    if any(ks <= s and e <= ke for ks, ke in known):
                        continue
                    counts[cand] += 1
    index: dict[str, list[tuple[str, Any, Any]]] = {}
    for c, t in matcher.glossary.terms():
        if t.lang == "en" and not t.exact:
            n = normalise_term(t.text)
            index.setdefault(n[:1], []).append((n, c, t))
    out: list[OldCandidate] = []
    for cand, count in counts.items():
        if count < min_count:
            continue
        n = normalise_term(cand)
        best: tuple[float, Any, Any] | None = None
        for tn, c, t in index.get(n[:1], []):
            if n.startswith(tn):  # Syrian / Syria: a derived word, not a variant
                continue
            limit = int(max_distance * max(len(n), len(tn)))
            d = Levenshtein.distance(n, tn, score_cutoff=limit)
            if d <= limit and d > 0:
                score = d / max(len(n), len(tn))
                if best is None or score < best[0]:
                    best = (score, c, t)
        if best is not None:
            out.append(OldCandidate(cand, count, best[1].id, best[2].text, best[0]))
    out.sort(key=lambda x: (-x.count, x.distance, x.text))
    return out


# -- the runs ---------------------------------------------------------------------------------


def corpus(mb: float, seed: int) -> Path:
    path = ROOT / "bench-data" / f"mt-{mb:g}mb-{seed}.txt"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(mt_corpus.generate(int(mb * 1_000_000), seed), encoding="utf-8")
    return path


def timed(fn: Callable[..., Any], *args: Any, repeat: int = 2) -> tuple[float, Any]:
    """The best time of ``repeat`` runs of ``fn(*args)`` (the machine may be busy), and the
    result."""
    best = math.inf
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn(*args)
        best = min(best, time.perf_counter() - t0)
    return best, result


def run_old_whole(path: Path, matcher: Matcher) -> list[OldCandidate]:
    return old_mine([path.read_text(encoding="utf-8")], matcher)


def lines_of(path: Path) -> Iterable[str]:
    """The lines of a file as the command reads them: split at LF, CRLF taken off."""
    with open(path, "rb") as fh:
        for raw in fh:
            end = 2 if raw.endswith(b"\r\n") else 1 if raw.endswith(b"\n") else 0
            yield raw[: len(raw) - end].decode("utf-8")


def run_old_lines(path: Path, matcher: Matcher) -> list[OldCandidate]:
    return old_mine(lines_of(path), matcher)


def run_new(path: Path, matcher: Matcher, stop: bool) -> tuple[float, float, list[Candidate]]:
    """(seconds mining, seconds for the stop list and ranking, candidates)."""
    places.cache_clear()  # every run pays for loading the places, as the command does
    t0 = time.perf_counter()
    miner = Miner(matcher)
    with open(path, "rb") as fh:
        for raw in iter_text_blocks(fh, str(path)):
            block = raw.decode()
            miner.feed(block.text, str(path), block.first_line + 1)
    t1 = time.perf_counter()
    found = miner.candidates(1, StopList() if stop else None)
    return t1 - t0, time.perf_counter() - t1, found


def run_cli(path: Path) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of `tarjama glossary mine` in a fresh process."""
    cmd = [sys.executable, "-m", "cleanup", "glossary", "mine", "--no-progress", str(path)]
    t0 = time.perf_counter()
    with open(os.devnull, "w") as devnull:
        proc = subprocess.Popen(cmd, stdout=devnull)
        _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(cmd)} failed")
    return time.perf_counter() - t0, usage.ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=float, nargs="+", default=[2.0, 40.0], help="MB")
    ap.add_argument("--seed", type=int, default=20241129)
    ap.add_argument(
        "--old-max-mb",
        type=float,
        default=8.0,
        help="largest input the old algorithm runs on (MB, default 8); larger sizes are "
        "extrapolated from its times on half that size and on that size",
    )
    args = ap.parse_args()
    # The command first, while this process is small: a child's peak RSS counts the pages of
    # its parent at the fork.
    run_cli(corpus(min(args.sizes), args.seed))  # warm the glossary cache
    cli = {mb: min(run_cli(corpus(mb, args.seed)) for _ in range(2)) for mb in args.sizes}
    matcher = compiled(())
    old_times: dict[float, float] = {}

    def old_time(mb: float) -> float:
        if mb not in old_times:
            old_times[mb] = timed(run_old_whole, corpus(mb, args.seed), matcher)[0]
        return old_times[mb]

    rows = []
    for mb in args.sizes:
        path = corpus(mb, args.seed)
        size = path.stat().st_size / 1e6
        print(f"{path.name}: {size:.1f} MB", file=sys.stderr)
        if mb <= args.old_max_mb:
            t_old, note = old_time(mb), "measured"
        else:  # t = a*n + b*n^2 through the two largest sizes it is allowed
            big, half = args.old_max_mb, args.old_max_mb / 2
            quad = (old_time(big) - 2 * old_time(half)) / (big * big - 2 * half * half)
            lin = (old_time(half) - quad * half * half) / half
            t_old = lin * mb + quad * mb * mb
            note = (
                f"extrapolated from {old_time(half):.1f} s on {half:g} MB and "
                f"{old_time(big):.1f} s on {big:g} MB as {lin:.3f}*MB + {quad:.4f}*MB^2 s"
            )
        t_lines, by_line = timed(run_old_lines, path, matcher)
        _, _, unstopped = run_new(path, matcher, stop=False)
        if [tuple(c)[:5] for c in by_line] != [
            (c.text, c.count, c.concept, c.nearest, c.distance) for c in unstopped
        ]:
            raise SystemExit(f"{path.name}: the new output differs from the old one, line by line")
        runs = [run_new(path, matcher, stop=True) for _ in range(2)]
        t_new, t_stop, found = min(r[0] for r in runs), min(r[1] for r in runs), runs[0][2]
        t_cli, rss = cli[mb]
        rows.append((size, t_old, note, t_lines, t_new, t_stop, t_cli, rss, len(found)))

    print(f"\n{'':28}" + "".join(f"{r[0]:>12.1f} MB" for r in rows))

    def line(label: str, values: Iterable[str]) -> None:
        print(f"{label:28}" + "".join(f"{v:>15}" for v in values))

    line("old, whole file: s", (f"{r[1]:.2f}" + ("*" if r[2] != "measured" else "") for r in rows))
    line("old, whole file: MB/s", (f"{r[0] / r[1]:.3f}" for r in rows))
    line("old, line by line: MB/s", (f"{r[0] / r[3]:.2f}" for r in rows))
    line("new, mining: s", (f"{r[4]:.2f}" for r in rows))
    line("new, stop list: s", (f"{r[5]:.2f}" for r in rows))
    line("new, total: MB/s", (f"{r[0] / (r[4] + r[5]):.2f}" for r in rows))
    line("speed-up vs old (total)", (f"{r[1] / (r[4] + r[5]):.1f}x" for r in rows))
    line("speed-up vs old (mining)", (f"{r[1] / r[4]:.1f}x" for r in rows))
    line("CLI: s", (f"{r[6]:.2f}" for r in rows))
    line("CLI: MB/s", (f"{r[0] / r[6]:.2f}" for r in rows))
    line("CLI: peak RSS MB", (f"{r[7]:.0f}" for r in rows))
    line("candidates (stop list)", (str(r[8]) for r in rows))
    for r in rows:
        if r[2] != "measured":
            print(f"* {r[0]:.1f} MB, old: {r[2]}")


if __name__ == "__main__":
    main()
