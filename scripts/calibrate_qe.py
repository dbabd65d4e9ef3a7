#!/usr/bin/env python3
"""Calibrate QE01 (low-adequacy) on human Arabic->English translations, and measure it.

Needs the ``tarjama[qe]`` extra. The data is NTREX-128 and FLORES-200 devtest (one sentence per
line; ../shared/data, CC BY-SA 4.0), and TICO-19 as held-out data of another domain.

1. **Human pairs**: every line (Arabic, English) and every *group* of 2 or 4 consecutive lines
   of one document (NTREX ``DOCUMENT_IDS.tsv``, FLORES ``metadata_devtest.tsv`` URLs; a
   document is cut into groups of 2 and 4 sentences in turn), joined with spaces: what a
   paragraph-per-line system output looks like.
2. **Half-dropped**: each group with half of its sentences removed from the English (1 of 2,
   2 of 4, chosen by a seeded random generator), the Arabic whole. Also *one dropped*: one
   sentence of each group of 4 removed.
3. The threshold is the largest value (to 2 decimals) at which at most 2% of the lines and at
   most 2% of the groups of the human pairs fall below it; it prints the false-alarm rates
   at that threshold (lines, groups, TICO-19), the AUC of the cosine separating correct
   groups from half-dropped ones, and the recall of both kinds of omission.

Run: python scripts/calibrate_qe.py [--data ../shared/data] [--target 0.02]
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from corpora import tmx_pairs  # noqa: E402

from cleanup.rules.qa.adequacy import (  # noqa: E402
    MIN_CHARS,
    THRESHOLD,
    adequacy,
    available,
    cosines,
)
from cleanup.score.io import read_segments  # noqa: E402

Pair = tuple[str, str]


def documents(d: Path) -> list[list[Pair]]:
    """The documents of NTREX and FLORES, each a list of (Arabic, English) lines in order."""
    out: list[list[Pair]] = []
    sets = (
        (
            d / "ntrex128" / "newstest2019-ref.arb.txt",
            d / "ntrex128" / "newstest2019-src.eng.txt",
            [x.strip() for x in (d / "ntrex128" / "DOCUMENT_IDS.tsv").read_text().splitlines()],
        ),
        (
            d / "flores200-devtest" / "arb_Arab.devtest",
            d / "flores200-devtest" / "eng_Latn.devtest",
            [
                x.split("\t")[0]
                for x in (d / "flores200-devtest" / "metadata_devtest.tsv")
                .read_text()
                .splitlines()[1:]
            ],
        ),
    )
    for ar_path, en_path, ids in sets:
        ar, en = read_segments(ar_path), read_segments(en_path)
        assert len(ar) == len(en) == len(ids), (ar_path, len(ar), len(en), len(ids))
        doc: list[Pair] = []
        for i, (a, e) in enumerate(zip(ar, en, strict=True)):
            if doc and ids[i] != ids[i - 1]:
                out.append(doc)
                doc = []
            doc.append((a, e))
        out.append(doc)
    return out


def groups(docs: list[list[Pair]]) -> list[list[Pair]]:
    """Consecutive sentences of one document in groups of 2 and 4, in turn."""
    out: list[list[Pair]] = []
    size = 2
    for doc in docs:
        i = 0
        while i + size <= len(doc):
            out.append(doc[i : i + size])
            i += size
            size = 6 - size
    return out


def auc(positives: list[float], negatives: list[float]) -> float:
    """P(a positive scores above a negative), ties counting half (Mann-Whitney)."""
    ranked = sorted([(v, 1) for v in positives] + [(v, 0) for v in negatives])
    rank_sum = 0.0
    i = 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        mid = (i + j + 1) / 2  # ranks i+1..j, averaged
        rank_sum += mid * sum(1 for k in range(i, j) if ranked[k][1])
        i = j
    n_pos, n_neg = len(positives), len(negatives)
    return (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


def judged(pairs: list[Pair]) -> list[Pair]:
    return [(a, e) for a, e in pairs if len(a) >= MIN_CHARS and len(e) >= MIN_CHARS]


def rate(values: list[float], threshold: float) -> float:
    return sum(v < threshold for v in values) / len(values)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--target", type=float, default=0.02, help="false-alarm rate to allow")
    ap.add_argument("--seed", type=int, default=12)
    args = ap.parse_args()
    if not available():
        sys.exit("calibrate_qe: the tarjama[qe] extra is not installed")
    rng = random.Random(args.seed)
    docs = documents(args.data)
    lines = judged([p for doc in docs for p in doc])
    grouped = groups(docs)
    correct = [(" ".join(a for a, _ in g), " ".join(e for _, e in g)) for g in grouped]
    half, one = [], []
    for g in grouped:
        ar = " ".join(a for a, _ in g)
        drop = set(rng.sample(range(len(g)), len(g) // 2))
        half.append((ar, " ".join(e for k, (_, e) in enumerate(g) if k not in drop)))
        if len(g) == 4:
            gone = rng.randrange(4)
            one.append((ar, " ".join(e for k, (_, e) in enumerate(g) if k != gone)))
    tico = judged(tmx_pairs(args.data / "tico19" / "all.en-ar.tmx"))

    start = time.perf_counter()
    score: dict[str, list[float]] = {}
    n_pairs = 0
    for name, pairs in (
        ("lines", lines),
        ("groups", correct),
        ("half", half),
        ("one", one),
        ("tico", tico),
    ):
        got = adequacy([a for a, _ in pairs], [e for _, e in pairs])
        assert got is not None
        score[name] = [a.score for a in got]
        n_pairs += len(pairs)
    took = time.perf_counter() - start
    print(f"{n_pairs} pairs scored in {took:.1f} s ({n_pairs / took:.0f} pairs/s)")
    whole = {
        name: cosines([a for a, _ in pairs], [e for _, e in pairs]) or []
        for name, pairs in (("groups", correct), ("half", half))
    }

    def q(values: list[float], p: float) -> float:
        s = sorted(values)
        return s[min(len(s) - 1, math.floor(p * len(s)))]

    threshold = math.floor(
        min(q(score["lines"], args.target), q(score["groups"], args.target)) * 100
    )
    threshold /= 100
    print(
        f"human lines: {len(lines)} (median cosine {q(score['lines'], 0.5):.3f}, "
        f"2nd percentile {q(score['lines'], 0.02):.3f}); groups of 2 and 4: {len(correct)} "
        f"(median {q(score['groups'], 0.5):.3f}, 2nd percentile {q(score['groups'], 0.02):.3f})"
    )
    print(f"threshold for <= {100 * args.target:g}% false alarms: {threshold:.2f}")
    for t in sorted({threshold, THRESHOLD}):
        print(
            f"  at {t:.2f}: false alarms lines {100 * rate(score['lines'], t):.2f}%, "
            f"groups {100 * rate(score['groups'], t):.2f}%, "
            f"TICO-19 (held out, {len(tico)}) {100 * rate(score['tico'], t):.2f}%; "
            f"recall half-dropped {100 * rate(score['half'], t):.1f}% "
            f"(of {len(half)}), one of 4 dropped {100 * rate(score['one'], t):.1f}% "
            f"(of {len(one)})"
        )
    sizes = [len(g) for g in grouped]
    for size in (2, 4):
        pos = [v for v, n in zip(score["groups"], sizes, strict=True) if n == size]
        neg = [v for v, n in zip(score["half"], sizes, strict=True) if n == size]
        print(f"AUC correct vs half-dropped, groups of {size}: {auc(pos, neg):.3f} ({len(pos)})")
    print(f"AUC correct vs half-dropped, all groups: {auc(score['groups'], score['half']):.3f}")
    print(
        "AUC of the cosine of the whole segments instead, correct vs half-dropped: "
        f"{auc(whole['groups'], whole['half']):.3f}"
    )
    print(f"AUC correct vs one of 4 dropped: {auc(score['groups'], score['one']):.3f}")


if __name__ == "__main__":
    main()
