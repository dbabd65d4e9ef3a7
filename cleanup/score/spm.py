"""SentencePiece for spBLEU and length ratios: train a model offline, tokenize with it.

sacrebleu's own SentencePiece tokenizers (``flores101``, ``flores200``) download their model on
first use; here a local model file does the same job offline. The BLEU signature names the model
by the first 12 hex digits of its SHA-256 (``tok:spm-3f2a9c1b7d4e``), so two scores are comparable
exactly when their signatures are equal.
"""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..atomic import write_atomic

__all__ = [
    "SACREBLEU_SPM_MODELS",
    "SPMTokenizer",
    "load_processor",
    "model_hash",
    "sacrebleu_model_path",
    "train_spm",
]

# sacrebleu's named SentencePiece tokenizers, usable here only when their model file is present.
SACREBLEU_SPM_MODELS = ("flores101", "flores200")


def model_hash(path: str | Path) -> str:
    """The first 12 hex digits of the SHA-256 of the model file."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]


def sacrebleu_model_path(name: str) -> Path:
    """Where sacrebleu keeps the model of its tokenizer ``name`` (it may not exist)."""
    from sacrebleu.tokenizers.tokenizer_spm import SPM_MODELS
    from sacrebleu.utils import SACREBLEU_DIR

    url: str = SPM_MODELS[name]["url"]
    return Path(SACREBLEU_DIR) / "models" / os.path.basename(url)


@lru_cache(maxsize=8)
def load_processor(path: str) -> Any:
    """A loaded ``sentencepiece.SentencePieceProcessor`` (cached per path)."""
    import sentencepiece as spm

    proc = spm.SentencePieceProcessor()
    proc.Load(path)
    return proc


class SPMTokenizer:
    """A sacrebleu-compatible tokenizer (callable + ``signature()``) over a local model."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self.hash = model_hash(path)
        self._sp = load_processor(self.path)
        self._encode = lru_cache(maxsize=2**16)(self._encode_uncached)

    def signature(self) -> str:
        return f"spm-{self.hash}"

    def _encode_uncached(self, line: str) -> str:
        return " ".join(self._sp.EncodeAsPieces(line))

    def __call__(self, line: str) -> str:
        return self._encode(line)

    def count(self, line: str) -> int:
        """Number of pieces in ``line``."""
        return len(self._sp.EncodeAsIds(line))


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
