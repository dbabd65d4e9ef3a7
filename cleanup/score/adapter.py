"""The one place where tarjama uses sacrebleu's private methods.

To extract statistics once per segment (and read every reference once for every system), and to
resample them for significance tests in a fraction of sacrebleu's memory, tarjama calls five
methods sacrebleu does not document as public. They are wrapped here, and only here;
:func:`check` says, naming the installed sacrebleu, what is missing if a release changes them
(the test suite calls it, and compares every score with sacrebleu's public API).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = [
    "SacrebleuChanged",
    "aggregate",
    "check",
    "reference_info",
    "score_from_sums",
    "segment_statistics",
    "verbose",
]

_METHODS = (
    "_preprocess_segment",
    "_extract_reference_info",
    "_compute_segment_statistics",
    "_compute_score_from_stats",
    "_aggregate_and_compute",
)


class SacrebleuChanged(RuntimeError):
    """The installed sacrebleu lacks a method tarjama relies on."""


def check(metric: Any = None) -> None:
    """Raise :class:`SacrebleuChanged`, naming the installed sacrebleu, if the path through
    the private methods no longer gives the score of sacrebleu's public ``corpus_score`` for
    ``metric`` (default: each of BLEU, chrF and TER) on a small example."""
    import sacrebleu
    from sacrebleu.metrics.bleu import BLEU
    from sacrebleu.metrics.chrf import CHRF
    from sacrebleu.metrics.ter import TER

    hyps = ["the army entered the city", "fighters withdrew"]
    refs = ["the army entered the town", "the fighters withdrew"]
    for m in [metric] if metric is not None else [BLEU(), CHRF(), TER()]:
        where = f"sacrebleu {sacrebleu.__version__}, {type(m).__name__}"
        missing = [name for name in _METHODS if not callable(getattr(m, name, None))]
        if missing:
            raise SacrebleuChanged(f"{where}: no {', '.join(missing)}")
        try:
            stats = [
                segment_statistics(m, h, reference_info(m, [r]))
                for h, r in zip(hyps, refs, strict=True)
            ]
            ours = aggregate(m, stats)
            text = verbose(ours)
            theirs = m.corpus_score(hyps, [refs])
        except Exception as exc:  # any failure on this path is a change of sacrebleu's
            raise SacrebleuChanged(f"{where}: {type(exc).__name__}: {exc}") from exc
        if ours.score != theirs.score or not isinstance(text, str):
            raise SacrebleuChanged(
                f"{where}: the private path gives {ours.score}, corpus_score {theirs.score} "
                "(cleanup/score/adapter.py must follow the new release)"
            )


def reference_info(metric: Any, references: Sequence[str]) -> Any:
    """What the metric keeps of one segment's references (preprocessed, tokenized)."""
    return metric._extract_reference_info([metric._preprocess_segment(r) for r in references])


def segment_statistics(metric: Any, hypothesis: str, info: Any) -> list[Any]:
    """The sufficient statistics of one segment."""
    stats: list[Any] = metric._compute_segment_statistics(
        metric._preprocess_segment(hypothesis), info
    )
    return stats


def score_from_sums(metric: Any, sums: Any) -> Any:
    """sacrebleu's ``Score`` from statistics already summed over segments."""
    return metric._compute_score_from_stats(sums)


def aggregate(metric: Any, stats: Any) -> Any:
    """sacrebleu's ``Score`` from per-segment statistics (``corpus_score`` without reading)."""
    return metric._aggregate_and_compute(stats)


def verbose(score: Any) -> str:
    """The detail sacrebleu prints after a score (BLEU's n-gram precisions and BP)."""
    text: str = score._verbose
    return text
