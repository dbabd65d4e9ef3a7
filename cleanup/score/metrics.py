"""The corpus metrics, through sacrebleu's own classes, with statistics extracted once.

Each :class:`CorpusMetric` wraps one sacrebleu metric object. Segment statistics are extracted
with the metric's own methods, reading each reference segment once for every system (sacrebleu
caches all references instead, which costs memory), and the corpus score is computed from them
exactly as ``corpus_score`` does: the numbers and the signature are sacrebleu's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .spm import SACREBLEU_SPM_MODELS, SPMTokenizer, sacrebleu_model_path

__all__ = [
    "METRIC_KEYS",
    "CorpusMetric",
    "MetricOptions",
    "UnknownMetricError",
    "build_metric",
    "extract_statistics",
]

METRIC_KEYS = ("bleu", "chrf", "chrf++", "ter", "spbleu")

Stats = list[list[Any]]


class UnknownMetricError(ValueError):
    """A metric name or option is not usable (unknown, or its model is missing)."""


@dataclass(frozen=True)
class MetricOptions:
    """Options shared by the metrics (the sacrebleu defaults unless set).

    Attributes:
        tokenize: BLEU tokenizer (``13a``, ``intl``, ``none``, ``char``...; default 13a).
        lowercase: case-insensitive BLEU (and spBLEU), as sacrebleu's ``-lc``.
        chrf_lowercase: case-insensitive chrF, as sacrebleu's ``--chrf-lowercase``.
        spm_model: for spBLEU, a SentencePiece model file, or ``flores101``/``flores200`` for
            sacrebleu's tokenizers when their model file is already present (no download).
        ter_case_sensitive: TER is case-insensitive by default, as in TERCOM.
    """

    tokenize: str | None = None
    lowercase: bool = False
    chrf_lowercase: bool = False
    spm_model: str | None = None
    ter_case_sensitive: bool = False


class CorpusMetric:
    """One metric: segment statistics, corpus and segment scores, and the signature."""

    def __init__(self, key: str, metric: Any, name: str, higher_is_better: bool) -> None:
        self.key = key
        self.metric = metric
        self.name = name
        self.higher_is_better = higher_is_better

    def corpus_score(self, stats: Stats) -> Any:
        """The sacrebleu ``Score`` of the corpus (as ``corpus_score`` computes it)."""
        return self.metric._aggregate_and_compute(stats)

    def score_from_sums(self, sums: Any) -> float:
        """The score from already summed statistics (a list or numpy row)."""
        return float(self.metric._compute_score_from_stats(sums).score)

    def segment_scores(self, stats: Stats) -> list[float]:
        """Sentence-level scores; BLEU uses effective order, as ``sacrebleu -sl`` does."""
        m = self.metric
        if self.key in ("bleu", "spbleu"):
            from sacrebleu.metrics.bleu import BLEU

            order = m.max_ngram_order
            out = []
            for s in stats:
                score = BLEU.compute_bleu(
                    correct=list(s[2 : 2 + order]),
                    total=list(s[2 + order :]),
                    sys_len=int(s[0]),
                    ref_len=int(s[1]),
                    smooth_method=m.smooth_method,
                    smooth_value=m.smooth_value,
                    effective_order=True,
                    max_ngram_order=order,
                )
                out.append(float(score.score))
            return out
        return [float(m._compute_score_from_stats(s).score) for s in stats]

    def signature(self, *, short: bool = False, **extra: Any) -> str:
        sig = self.metric.get_signature()
        for key, value in extra.items():
            sig.update(key, value)
        text: str = sig.format(short)
        return text


def build_metric(key: str, options: MetricOptions | None = None) -> CorpusMetric:
    """A :class:`CorpusMetric` for ``bleu``, ``chrf``, ``chrf++``, ``ter`` or ``spbleu``."""
    from sacrebleu.metrics.bleu import BLEU
    from sacrebleu.metrics.chrf import CHRF
    from sacrebleu.metrics.ter import TER

    opts = options or MetricOptions()
    if key == "bleu":
        try:
            bleu = BLEU(tokenize=opts.tokenize, lowercase=opts.lowercase)
        except (KeyError, ImportError) as exc:
            raise UnknownMetricError(f"BLEU tokenizer {opts.tokenize!r}: {exc}") from None
        return CorpusMetric(key, bleu, "BLEU", True)
    if key == "chrf":
        return CorpusMetric(key, CHRF(lowercase=opts.chrf_lowercase), "chrF2", True)
    if key == "chrf++":
        return CorpusMetric(key, CHRF(word_order=2, lowercase=opts.chrf_lowercase), "chrF2++", True)
    if key == "ter":
        return CorpusMetric(key, TER(case_sensitive=opts.ter_case_sensitive), "TER", False)
    if key == "spbleu":
        return CorpusMetric(key, _spbleu(opts), "spBLEU", True)
    raise UnknownMetricError(f"unknown metric {key!r} (choose from {', '.join(METRIC_KEYS)})")


def _spbleu(opts: MetricOptions) -> Any:
    from sacrebleu.metrics.bleu import BLEU

    model = opts.spm_model
    if not model:
        raise UnknownMetricError(
            "spbleu needs --spm-model PATH (train one with `tarjama spm train`)"
        )
    if model in SACREBLEU_SPM_MODELS:
        path = sacrebleu_model_path(model)
        if not path.is_file():
            raise UnknownMetricError(
                f"sacrebleu's {model} SentencePiece model is not present at {path} "
                "(it would need a download; pass a local model file instead)"
            )
        return BLEU(tokenize=model, lowercase=opts.lowercase)
    try:
        tokenizer = SPMTokenizer(model)
    except (OSError, RuntimeError) as exc:
        raise UnknownMetricError(f"{model}: not a SentencePiece model ({exc})") from None
    bleu = BLEU(tokenize="none", lowercase=opts.lowercase)
    bleu.tokenizer = tokenizer
    bleu.tokenizer_signature = tokenizer.signature()
    return bleu


def extract_statistics(
    metrics: Sequence[CorpusMetric],
    systems: Sequence[Sequence[str]],
    references: Sequence[Sequence[str]],
) -> list[list[Stats]]:
    """Segment statistics ``[metric][system]`` for every system, references read once.

    Equivalent to ``metric._extract_corpus_statistics(system, references)`` for each system
    (the same methods in the same order), without caching every reference at once.
    """
    out: list[list[Stats]] = []
    for cm in metrics:
        m = cm.metric
        per_system: list[Stats] = [[] for _ in systems]
        num_refs: set[int] = set()
        for i, refs in enumerate(zip(*references, strict=True)):
            lines = [r for r in refs if r is not None]
            num_refs.add(len(lines))
            info = m._extract_reference_info([m._preprocess_segment(r) for r in lines])
            for stats, system in zip(per_system, systems, strict=True):
                stats.append(m._compute_segment_statistics(m._preprocess_segment(system[i]), info))
        m.num_refs = num_refs.pop() if len(num_refs) == 1 else -1
        out.append(per_system)
    return out
