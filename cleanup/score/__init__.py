"""Translation scoring: sacrebleu's metrics and signatures, paired significance in little
memory, segment-level scores and terminology accuracy.

>>> from cleanup.score import score
>>> report = score([["The cat sat on the mat."]], ["The cat sat on a mat."], metrics=["chrf"])
>>> round(report.systems[0].scores["chrf"].score, 2)
65.8
"""

from __future__ import annotations

from .core import (
    ALL_METRICS,
    MetricScore,
    ScoreReport,
    SystemScores,
    default_seed,
    score,
    score_files,
    score_texts,
)
from .io import ScoreInputError, check_same_length, read_segments
from .metrics import MetricOptions, UnknownMetricError
from .spm import SPMTokenizer, model_hash, train_spm

__all__ = [
    "ALL_METRICS",
    "MetricOptions",
    "MetricScore",
    "SPMTokenizer",
    "ScoreInputError",
    "ScoreReport",
    "SystemScores",
    "UnknownMetricError",
    "check_same_length",
    "default_seed",
    "model_hash",
    "read_segments",
    "score",
    "score_files",
    "score_texts",
    "train_spm",
]
