"""Paired significance tests with sacrebleu's p-values and intervals, in little memory.

sacrebleu (``sacrebleu.significance``) draws every resample at once and materialises the
statistics of all of them (``stats[idxs]``: samples x segments x statistics floats); on 20,000
segments that is gigabytes. The draws here come from the same generator with the same seed in
chunks of rows, which numpy produces as the same stream, and each resample's statistics are
summed the same way (float32 for bootstrap, exact integers for approximate randomisation), so
the scores of every resample, the p-values and the confidence intervals are the same, while
memory stays at a few chunks of indices.

Procedures (sacrebleu's, after Koehn 2004 and Riezler and Maxwell 2005 / Clark et al. 2011):

* paired bootstrap: ``n`` resamples of segment indices with replacement, shared by every
  system; for each, the baseline's and the system's score. p = (#{|d_i| - mean|d| > |delta|} + 1)
  / (n + 1), where ``delta`` is the actual difference. The system's mean and 95% CI come from
  its resampled scores (half the distance between the n//40-th smallest and largest).
* approximate randomisation: ``n`` trials; in each, every segment's statistics are swapped
  between the two systems with probability 1/2. p = (#{|a_i - b_i| > |delta|} + 1) / (n + 1).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from .metrics import Metric

__all__ = [
    "DEFAULT_SAMPLES",
    "SignificanceResult",
    "bootstrap_ci",
    "estimate_ci",
    "paired_ar",
    "paired_bootstrap",
]

DEFAULT_SAMPLES = {"bs": 1000, "ar": 10000}
CHUNK_BYTES = 16 << 20

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class SignificanceResult:
    """One system's result for one metric: score, and where computed, p-value, mean and CI."""

    score: float
    p_value: float | None = None
    mean: float | None = None
    ci: float | None = None


def estimate_ci(scores: FloatArray) -> tuple[float, float]:
    """Mean and half-width of the 95% interval (sacrebleu's ``estimate_ci``)."""
    s = np.sort(scores)
    n = len(s)
    lower = n // 40
    upper = n - lower - 1
    return float(s.mean()), float(0.5 * (s[upper] - s[lower]))


def _p_value(stats: FloatArray, real_difference: float) -> float:
    c = int(np.sum(stats > real_difference))
    return (c + 1) / (len(stats) + 1)


def _rows_per_chunk(n_segments: int, itemsize: int, multiple: int = 1) -> int:
    rows = max(1, CHUNK_BYTES // max(1, n_segments * itemsize))
    return max(multiple, rows // multiple * multiple)


def _bootstrap_chunks(n_segments: int, n_samples: int, seed: int | None) -> Iterator[Any]:
    """The rows of ``rng.choice(n_segments, (n_samples, n_segments))`` in chunks."""
    rng = np.random.default_rng(seed)
    step = _rows_per_chunk(n_segments, 8)
    for start in range(0, n_samples, step):
        rows = min(step, n_samples - start)
        yield rng.choice(n_segments, size=(rows, n_segments), replace=True)


def _resampled_scores(metric: Metric, stats32: Any, idxs: Any) -> list[Any]:
    # the raw score (a float32 for TER on float32 sums, as in sacrebleu), not a float
    compute = metric.raw_score
    return [compute(stats32[row].sum(0)) for row in idxs]


def bootstrap_ci(
    metric: Metric, stats: Sequence[Sequence[Any]], n_samples: int, seed: int | None
) -> tuple[float, float]:
    """Mean and 95% CI of one system by bootstrap (``corpus_score(n_bootstrap=n)``).

    sacrebleu's single-system ``Score.estimate_ci`` takes the mean with ``statistics.mean``;
    so does this, so the printed numbers agree.
    """
    import statistics

    stats32 = np.asarray(stats, dtype=np.float32)
    scores: list[float] = []
    for idxs in _bootstrap_chunks(len(stats), n_samples, seed):
        scores.extend(_resampled_scores(metric, stats32, idxs))
    raw = sorted(scores)
    lower = len(raw) // 40
    upper = len(raw) - lower - 1
    return statistics.mean(raw), 0.5 * (raw[upper] - raw[lower])


def paired_bootstrap(
    metrics: Sequence[Metric],
    stats: Sequence[Sequence[Sequence[Sequence[Any]]]],
    n_samples: int = 1000,
    seed: int | None = 12345,
) -> list[list[SignificanceResult]]:
    """Paired bootstrap resampling; ``stats[metric][system]``, system 0 is the baseline.

    Returns ``results[metric][system]``; the baseline has mean and CI but no p-value.
    """
    n_systems = len(stats[0])
    n_segments = len(stats[0][0])
    arrays = [[np.asarray(s, dtype=np.float32) for s in per_metric] for per_metric in stats]
    resampled: list[list[list[Any]]] = [[[] for _ in range(n_systems)] for _ in metrics]
    for idxs in _bootstrap_chunks(n_segments, n_samples, seed):
        for m, metric in enumerate(metrics):
            for s in range(n_systems):
                resampled[m][s].extend(_resampled_scores(metric, arrays[m][s], idxs))
    results: list[list[SignificanceResult]] = []
    for m, metric in enumerate(metrics):
        actual = [metric.corpus_score([list(x) for x in stats[m][s]])[0] for s in range(n_systems)]
        base = np.asarray(resampled[m][0])
        mean, ci = estimate_ci(base)
        row = [SignificanceResult(actual[0], None, mean, ci)]
        for s in range(1, n_systems):
            scores = np.asarray(resampled[m][s])
            mean, ci = estimate_ci(scores)
            diffs = np.abs(scores - base)
            p = _p_value(diffs - diffs.mean(), abs(actual[0] - actual[s]))
            row.append(SignificanceResult(actual[s], p, mean, ci))
        results.append(row)
    return results


def _as_exact(stats: Sequence[Sequence[Any]]) -> tuple[Any, bool]:
    arr = np.asarray(stats)
    return arr, arr.dtype.kind in "iub"


def paired_ar(
    metrics: Sequence[Metric],
    stats: Sequence[Sequence[Sequence[Sequence[Any]]]],
    n_samples: int = 10000,
    seed: int | None = 12345,
    n_confidence: int = -1,
) -> list[list[SignificanceResult]]:
    """Paired approximate randomisation; ``stats[metric][system]``, system 0 is the baseline.

    With ``n_confidence > 0`` each system also gets a bootstrap mean and CI from that many
    resamples (drawn after the trials from the same generator, as sacrebleu does).
    """
    n_systems = len(stats[0])
    n_segments = len(stats[0][0])
    # bool draws come 32 to a 32-bit word: chunks of whole words reproduce one big draw
    step = _rows_per_chunk(n_segments, 8, multiple=32)
    arrays = [[_as_exact(s) for s in per_metric] for per_metric in stats]
    actual = [
        [metric.corpus_score([list(x) for x in stats[m][s]])[0] for s in range(n_systems)]
        for m, metric in enumerate(metrics)
    ]
    results: list[list[SignificanceResult]] = []
    for m in range(len(metrics)):
        results.append([SignificanceResult(actual[m][0])])
    diffs: list[list[list[float]]] = [[[] for _ in range(n_systems)] for _ in metrics]
    rng = np.random.default_rng(seed)
    for start in range(0, n_samples, step):
        rows = min(step, n_samples - start)
        pos = rng.integers(2, size=(rows, n_segments), dtype=bool)
        neg = ~pos
        posf: Any = None
        for m, metric in enumerate(metrics):
            base, exact = arrays[m][0]
            for s in range(1, n_systems):
                other, exact_s = arrays[m][s]
                if exact and exact_s:
                    # integer statistics: the same sums as bool @ int64, through BLAS
                    delta = (base - other).astype(np.float64)
                    if posf is None:
                        posf = pos.astype(np.float64)
                    a = np.rint(posf @ delta).astype(np.int64) + other.sum(0)
                    b = base.sum(0) + other.sum(0) - a
                else:
                    a = pos @ base + neg @ other
                    b = neg @ base + pos @ other
                sa = np.array([metric.raw_aggregate(x) for x in a[:, None]])
                sb = np.array([metric.raw_aggregate(x) for x in b[:, None]])
                diffs[m][s].extend(np.abs(sa - sb).tolist())
    for m in range(len(metrics)):
        for s in range(1, n_systems):
            p = _p_value(np.asarray(diffs[m][s]), abs(actual[m][0] - actual[m][s]))
            results[m].append(SignificanceResult(actual[m][s], p))
    if n_confidence > 0:
        resampled: list[list[list[Any]]] = [[[] for _ in range(n_systems)] for _ in metrics]
        f32 = [[np.asarray(s, dtype=np.float32) for s in per_metric] for per_metric in stats]
        bstep = _rows_per_chunk(n_segments, 8)
        for start in range(0, n_confidence, bstep):
            rows = min(bstep, n_confidence - start)
            idxs = rng.choice(n_segments, size=(rows, n_segments), replace=True)
            for m, metric in enumerate(metrics):
                for s in range(1, n_systems):
                    resampled[m][s].extend(_resampled_scores(metric, f32[m][s], idxs))
        for m, metric in enumerate(metrics):
            # sacrebleu's baseline interval comes from its own bootstrap with the same seed
            base_mean, base_ci = _single_ci(metric, f32[m][0], n_confidence, seed)
            results[m][0] = SignificanceResult(actual[m][0], None, base_mean, base_ci)
            for s in range(1, n_systems):
                mean, ci = estimate_ci(np.asarray(resampled[m][s]))
                results[m][s] = SignificanceResult(actual[m][s], results[m][s].p_value, mean, ci)
    return results


def _single_ci(metric: Metric, stats32: Any, n: int, seed: int | None) -> tuple[float, float]:
    scores: list[float] = []
    for idxs in _bootstrap_chunks(len(stats32), n, seed):
        scores.extend(_resampled_scores(metric, stats32, idxs))
    return estimate_ci(np.asarray(scores))
