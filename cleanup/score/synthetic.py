"""Deterministic synthetic hypotheses: a reference degraded by seeded word edits.

For tests and benchmarks that need system outputs of known, reproducible quality without an MT
system: each word is dropped, duplicated, swapped with its neighbour or replaced by another
word of the same segment at the given rates.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

__all__ = ["degrade"]


def degrade(
    lines: Sequence[str],
    seed: int,
    *,
    drop: float = 0.08,
    swap: float = 0.06,
    repeat: float = 0.02,
    replace: float = 0.05,
) -> list[str]:
    """A hypothesis derived from ``lines``; the same seed always gives the same output."""
    rng = random.Random(seed)
    out: list[str] = []
    for line in lines:
        words = line.split()
        new: list[str] = []
        for w in words:
            r = rng.random()
            if r < drop:
                continue
            r -= drop
            if r < replace and words:
                new.append(rng.choice(words))
                continue
            r -= replace
            new.append(w)
            if r < repeat:
                new.append(w)
        for i in range(len(new) - 1):
            if rng.random() < swap:
                new[i], new[i + 1] = new[i + 1], new[i]
        out.append(" ".join(new))
    return out
