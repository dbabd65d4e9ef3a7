"""SentencePiece models: load, train offline, identify by hash.

Used by spBLEU (:mod:`cleanup.score.spm`) and by the length-ratio QA checks. A model is named
by the first 12 hex digits of the SHA-256 of its file, so two numbers computed with models of
the same name were computed with the same model.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from .atomic import write_atomic

__all__ = ["load_processor", "model_hash", "train_spm"]


def model_hash(path: str | Path) -> str:
    """The first 12 hex digits of the SHA-256 of the model file."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]


@lru_cache(maxsize=8)
def load_processor(path: str) -> Any:
    """A loaded ``sentencepiece.SentencePieceProcessor`` (cached per path)."""
    import sentencepiece as spm

    proc = spm.SentencePieceProcessor()
    proc.Load(path)
    return proc


def train_spm(
    corpora: Sequence[Iterable[str]],
    output: str | Path,
    *,
    vocab_size: int = 8000,
    model_type: str = "unigram",
    character_coverage: float = 0.9995,
    seed: int = 1,
) -> str:
    """Train a SentencePiece model on the given segment streams; write it to ``output``.

    Settings are chosen for reproducibility: one thread, every sentence used in the order
    given (no sampling, no shuffling), a fixed random seed. Training twice on the same input
    gives the same model file. Returns the model's hash (see :func:`model_hash`).
    """
    import sentencepiece as spm

    lines = [line for corpus in corpora for line in corpus if line.strip()]
    if not lines:
        raise ValueError("no non-empty lines to train on")
    spm.set_random_generator_seed(seed)
    buffer = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_writer=buffer,
        vocab_size=vocab_size,
        model_type=model_type,
        character_coverage=character_coverage,
        num_threads=1,
        input_sentence_size=0,
        shuffle_input_sentence=False,
        hard_vocab_limit=False,
        minloglevel=2,
    )
    data = buffer.getvalue()
    write_atomic(output, data)
    return hashlib.sha256(data).hexdigest()[:12]
