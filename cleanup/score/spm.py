"""SentencePiece for spBLEU and length ratios: train a model offline, tokenize with it.

sacrebleu's own SentencePiece tokenizers (``flores101``, ``flores200``) download their model on
first use; here a local model file does the same job offline. The BLEU signature names the model
by the first 12 hex digits of its SHA-256 (``tok:spm-3f2a9c1b7d4e``), so two scores are comparable
exactly when their signatures are equal.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from ..spm import load_processor, model_hash, train_spm

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


def sacrebleu_model_path(name: str) -> Path:
    """Where sacrebleu keeps the model of its tokenizer ``name`` (it may not exist)."""
    from sacrebleu.tokenizers.tokenizer_spm import SPM_MODELS
    from sacrebleu.utils import SACREBLEU_DIR

    url: str = SPM_MODELS[name]["url"]
    return Path(SACREBLEU_DIR) / "models" / os.path.basename(url)


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
