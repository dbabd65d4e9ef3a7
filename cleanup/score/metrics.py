"""The metrics of ``tarjama score``: one class per metric, in one registry.

Every metric works the same way: it extracts *sufficient statistics* per segment and system,
computes the corpus score from their sums, a sentence score from one segment's, and a
signature. So the significance tests, the confidence intervals and the segment scores work on
every metric alike.

* ``bleu``, ``chrf``, ``chrf++``, ``ter``, ``spbleu``: sacrebleu's own metric classes (through
  :mod:`.adapter`), so the numbers and signatures are sacrebleu's. References are read once per
  segment for every system (sacrebleu caches all of them instead, which costs memory).
* ``terms``: terminology accuracy against the glossary (:mod:`.terms`): per segment the glossary
  concepts of the source rendered right, as a variant, or missed; the corpus score is the share
  rendered right, in percent.
* ``adequacy``: reference-free, from the sources (the ``tarjama[qe]`` extra): 100 x QE01's
  cosine per segment, and their mean.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from . import adapter
from .spm import SACREBLEU_SPM_MODELS, SPMTokenizer, sacrebleu_model_path

__all__ = [
    "METRICS",
    "METRIC_KEYS",
    "Adequacy",
    "Metric",
    "MetricOptions",
    "SacrebleuMetric",
    "TermAccuracy",
    "UnknownMetricError",
    "build_metric",
]

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
        date: the date of the segments, for the terms metric: a dated glossary term resolves
            to the concept valid then (default: today).
    """

    tokenize: str | None = None
    lowercase: bool = False
    chrf_lowercase: bool = False
    spm_model: str | None = None
    ter_case_sensitive: bool = False
    date: dt.date | None = None


class Metric:
    """One metric: statistics per segment, corpus and segment scores, signature, details."""

    key: ClassVar[str]
    name: str
    higher_is_better: bool = True
    #: The metric reads the source segments (``--src``).
    needs_sources: ClassVar[bool] = False

    def statistics(
        self,
        systems: Sequence[Sequence[str]],
        references: Sequence[Sequence[str]],
        sources: Sequence[str] | None = None,
    ) -> list[Stats]:
        """The statistics of every segment of every system: ``[system][segment]``."""
        raise NotImplementedError

    def corpus_score(self, stats: Stats) -> tuple[float, str]:
        """The score of one system from its segments' statistics, and its verbose detail."""
        raise NotImplementedError

    def raw_score(self, sums: Any) -> Any:
        """The score from statistics summed over segments (a resample, in significance
        tests); in the number type the metric computes it in."""
        raise NotImplementedError

    def raw_aggregate(self, stats: Any) -> Any:
        """The score from per-segment statistics, in the metric's number type."""
        return self.raw_score(sum_rows(stats))

    def segment_scores(self, stats: Stats) -> list[float]:
        return [float(self.raw_score(s)) for s in stats]

    def signature(self, *, short: bool = False, **extra: Any) -> str:
        raise NotImplementedError

    def details(self, system: int) -> Any:
        """What the metric has to say about one system beyond its score (None: nothing)."""
        return None


def sum_rows(stats: Any) -> list[Any]:
    """Column sums of a list of statistics rows."""
    rows = list(stats)
    if not rows:
        return []
    return [sum(col) for col in zip(*rows, strict=True)]


class SacrebleuMetric(Metric):
    """A metric computed by one of sacrebleu's metric objects."""

    def __init__(self, key: str, metric: Any, name: str, higher_is_better: bool) -> None:
        self.key = key  # type: ignore[misc]
        self.metric = metric
        self.name = name
        self.higher_is_better = higher_is_better

    def statistics(
        self,
        systems: Sequence[Sequence[str]],
        references: Sequence[Sequence[str]],
        sources: Sequence[str] | None = None,
    ) -> list[Stats]:
        m = self.metric
        per_system: list[Stats] = [[] for _ in systems]
        num_refs: set[int] = set()
        for i, refs in enumerate(zip(*references, strict=True)):
            lines = [r for r in refs if r is not None]
            num_refs.add(len(lines))
            info = adapter.reference_info(m, lines)
            for stats, system in zip(per_system, systems, strict=True):
                stats.append(adapter.segment_statistics(m, system[i], info))
        m.num_refs = num_refs.pop() if len(num_refs) == 1 else -1
        return per_system

    def corpus_score(self, stats: Stats) -> tuple[float, str]:
        sc = adapter.aggregate(self.metric, stats)
        return float(sc.score), adapter.verbose(sc)

    def raw_score(self, sums: Any) -> Any:
        return adapter.score_from_sums(self.metric, sums).score

    def raw_aggregate(self, stats: Any) -> Any:
        return adapter.aggregate(self.metric, stats).score

    def signature(self, *, short: bool = False, **extra: Any) -> str:
        sig = self.metric.get_signature()
        for key, value in extra.items():
            sig.update(key, value)
        text: str = sig.format(short)
        return text


class BLEUMetric(SacrebleuMetric):
    """BLEU; sentence scores use effective order, as ``sacrebleu -sl`` does."""

    def segment_scores(self, stats: Stats) -> list[float]:
        from sacrebleu.metrics.bleu import BLEU

        m = self.metric
        order = m.max_ngram_order
        return [
            float(
                BLEU.compute_bleu(
                    correct=list(s[2 : 2 + order]),
                    total=list(s[2 + order :]),
                    sys_len=int(s[0]),
                    ref_len=int(s[1]),
                    smooth_method=m.smooth_method,
                    smooth_value=m.smooth_value,
                    effective_order=True,
                    max_ngram_order=order,
                ).score
            )
            for s in stats
        ]


def _bleu(opts: MetricOptions, glossary: Any) -> Metric:
    from sacrebleu.metrics.bleu import BLEU

    try:
        bleu = BLEU(tokenize=opts.tokenize, lowercase=opts.lowercase)
    except (KeyError, ImportError) as exc:
        raise UnknownMetricError(f"BLEU tokenizer {opts.tokenize!r}: {exc}") from None
    return BLEUMetric("bleu", bleu, "BLEU", True)


def _chrf(opts: MetricOptions, glossary: Any) -> Metric:
    from sacrebleu.metrics.chrf import CHRF

    return SacrebleuMetric("chrf", CHRF(lowercase=opts.chrf_lowercase), "chrF2", True)


def _chrf_pp(opts: MetricOptions, glossary: Any) -> Metric:
    from sacrebleu.metrics.chrf import CHRF

    chrf = CHRF(word_order=2, lowercase=opts.chrf_lowercase)
    return SacrebleuMetric("chrf++", chrf, "chrF2++", True)


def _ter(opts: MetricOptions, glossary: Any) -> Metric:
    from sacrebleu.metrics.ter import TER

    return SacrebleuMetric("ter", TER(case_sensitive=opts.ter_case_sensitive), "TER", False)


def _spbleu(opts: MetricOptions, glossary: Any) -> Metric:
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
        return BLEUMetric("spbleu", BLEU(tokenize=model, lowercase=opts.lowercase), "spBLEU", True)
    try:
        tokenizer = SPMTokenizer(model)
    except (OSError, RuntimeError) as exc:
        raise UnknownMetricError(f"{model}: not a SentencePiece model ({exc})") from None
    bleu = BLEU(tokenize="none", lowercase=opts.lowercase)
    bleu.tokenizer = tokenizer
    bleu.tokenizer_signature = tokenizer.signature()
    return BLEUMetric("spbleu", bleu, "spBLEU", True)


class Adequacy(Metric):
    """Reference-free adequacy (the ``tarjama[qe]`` extra; QA check QE01): per segment, 100 x
    the cosine of the source sentence least rendered by the output in a multilingual sentence
    encoder (:func:`cleanup.rules.qa.adequacy.adequacy`; 0 if negative); the corpus score is
    their mean. Reads the sources, not the references.
    """

    key = "adequacy"
    name = "Adequacy"
    needs_sources = True

    def statistics(
        self,
        systems: Sequence[Sequence[str]],
        references: Sequence[Sequence[str]],
        sources: Sequence[str] | None = None,
    ) -> list[Stats]:
        from ..rules.qa.adequacy import adequacy, available

        if sources is None:
            raise UnknownMetricError("the adequacy metric needs the source segments (--src)")
        if not available():
            raise UnknownMetricError(
                "the adequacy metric needs the tarjama[qe] extra (pip install 'tarjama[qe]')"
            )
        out: list[Stats] = []
        for system in systems:
            found = adequacy(sources, system) or []
            out.append([[100.0 * max(0.0, a.score), 1] for a in found])
        return out

    def corpus_score(self, stats: Stats) -> tuple[float, str]:
        total, n = sum_rows(stats) or [0.0, 0]
        return (total / n if n else 0.0), f"mean of {n} segments"

    def raw_score(self, sums: Any) -> Any:
        total, n = (float(x) for x in sums)
        return total / n if n else 0.0

    def segment_scores(self, stats: Stats) -> list[float]:
        return [float(s[0]) for s in stats]

    def signature(self, *, short: bool = False, **extra: Any) -> str:
        from .._version import __version__
        from ..rules.qa.adequacy import DISTRIBUTION, encoder_version

        parts = {
            "encoder": f"{DISTRIBUTION}-{encoder_version()}",
            **{k: str(v) for k, v in extra.items()},
            "version": __version__,
        }
        return "|".join(f"{k}:{v}" for k, v in parts.items())


class TermAccuracy(Metric):
    """Terminology accuracy against the glossary: the share of the glossary concepts of the
    source that the output renders with a preferred or admitted term, in percent.

    Statistics per segment: concepts rendered right, as a variant, missed. The details of a
    system are its :class:`~cleanup.score.terms.TermReport` (per concept, WMT21 metrics).
    """

    key = "terms"
    name = "Terms"
    needs_sources = True

    def __init__(self, glossary: Any = None, date: dt.date | None = None) -> None:
        from ..glossary.cache import matcher_for

        self.matcher = matcher_for(glossary)
        self.date = date or dt.date.today()
        self.reports: list[Any] = []

    def statistics(
        self,
        systems: Sequence[Sequence[str]],
        references: Sequence[Sequence[str]],
        sources: Sequence[str] | None = None,
    ) -> list[Stats]:
        from .terms import term_accuracy

        if sources is None:
            raise UnknownMetricError("the terms metric needs the source segments (--src)")
        self.reports = [
            term_accuracy(sources, s, references, self.matcher, self.date) for s in systems
        ]
        out: list[Stats] = []
        for report in self.reports:
            stats = [[0, 0, 0] for _ in sources]
            column = {"success": 0, "variant": 1, "miss": 2}
            for o in report.occurrences:
                stats[o.segment - 1][column[o.outcome]] += 1
            out.append(stats)
        return out

    def corpus_score(self, stats: Stats) -> tuple[float, str]:
        ok, variant, miss = sum_rows(stats) or [0, 0, 0]
        n = ok + variant + miss
        score = 100.0 * ok / n if n else 0.0
        share = (lambda k: 100.0 * k / n) if n else (lambda k: 0.0)
        verbose = f"{n} terms: success {share(ok):.1f}, variant {share(variant):.1f}, miss "
        return score, verbose + f"{share(miss):.1f}"

    def raw_score(self, sums: Any) -> Any:
        ok, variant, miss = (float(x) for x in sums)
        n = ok + variant + miss
        return 100.0 * ok / n if n else 0.0

    def segment_scores(self, stats: Stats) -> list[float]:
        """Per segment, 100 x the share of its concepts rendered right (100 with none)."""
        return [100.0 * s[0] / sum(s) if sum(s) else 100.0 for s in stats]

    def signature(self, *, short: bool = False, **extra: Any) -> str:
        from .._version import __version__

        concepts = [
            (c.id, [(t.lang, t.status, t.text) for t in c.terms])
            for c in self.matcher.glossary.concepts
        ]
        digest = hashlib.sha256(json.dumps(concepts, ensure_ascii=False).encode()).hexdigest()
        parts = {
            "glossary": digest[:12],
            "date": self.date.isoformat(),
            **{k: str(v) for k, v in extra.items()},
        }
        parts["version"] = __version__
        return "|".join(f"{k}:{v}" for k, v in parts.items())

    def details(self, system: int) -> Any:
        return self.reports[system] if system < len(self.reports) else None


#: Every metric, by the name ``-m`` takes: a builder from the options (and the glossary).
METRICS: dict[str, Any] = {
    "bleu": _bleu,
    "chrf": _chrf,
    "chrf++": _chrf_pp,
    "ter": _ter,
    "spbleu": _spbleu,
    "terms": lambda opts, glossary: TermAccuracy(glossary, opts.date),
    "adequacy": lambda opts, glossary: Adequacy(),
}
METRIC_KEYS = tuple(METRICS)


def build_metric(key: str, options: MetricOptions | None = None, glossary: Any = None) -> Metric:
    """The metric named ``key`` (one of :data:`METRIC_KEYS`)."""
    builder = METRICS.get(key)
    if builder is None:
        raise UnknownMetricError(f"unknown metric {key!r} (choose from {', '.join(METRICS)})")
    metric: Metric = builder(options or MetricOptions(), glossary)
    return metric
