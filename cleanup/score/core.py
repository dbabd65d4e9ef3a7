"""``score``: corpus and segment scores for one or more systems, with paired significance."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from .io import ScoreInputError, check_same_length, read_segments
from .metrics import METRIC_KEYS, Metric, MetricOptions, UnknownMetricError, build_metric
from .significance import DEFAULT_SAMPLES, bootstrap_ci, paired_ar, paired_bootstrap

__all__ = [
    "ALL_METRICS",
    "MetricScore",
    "ScoreReport",
    "SystemScores",
    "default_seed",
    "score",
    "score_files",
    "score_texts",
]

ALL_METRICS = METRIC_KEYS
PairedTest = Literal["bs", "ar"]


def default_seed() -> int | None:
    """sacrebleu's seed: ``$SACREBLEU_SEED`` (``none`` = unseeded), else 12345."""
    raw = os.environ.get("SACREBLEU_SEED", "12345")
    return None if raw.lower() == "none" else int(raw)


@dataclass(frozen=True)
class MetricScore:
    """One system's corpus score for one metric, with its sacrebleu signature.

    ``mean`` and ``ci`` (half-width of the 95% interval) come from bootstrap resampling;
    ``p_value`` from the paired test against the baseline (the first system).
    """

    metric: str
    name: str
    score: float
    signature: str
    verbose: str = ""
    p_value: float | None = None
    mean: float | None = None
    ci: float | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "metric": self.metric,
            "name": self.name,
            "score": self.score,
            "signature": self.signature,
        }
        if self.verbose:
            d["verbose_score"] = self.verbose
        for key in ("mean", "ci", "p_value"):
            value = getattr(self, key)
            if value is not None:
                d[key] = value
        return d


@dataclass
class SystemScores:
    """The scores of one system; ``segments[metric]`` holds sentence-level scores if asked;
    ``details[metric]`` what a metric says beyond its score (the terms metric's report)."""

    name: str
    hypotheses: list[str]
    scores: dict[str, MetricScore] = field(default_factory=dict)
    segments: dict[str, list[float]] = field(default_factory=dict)
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def terms(self) -> Any:
        """The terminology report (``details["terms"]``), if the terms metric ran."""
        return self.details.get("terms")


@dataclass
class ScoreReport:
    """Everything ``score`` computed. ``systems[0]`` is the baseline of the paired test."""

    systems: list[SystemScores]
    metrics: tuple[str, ...]
    references: list[list[str]]
    sources: list[str] | None = None
    test: PairedTest | None = None
    n_samples: int = 0
    seed: int | None = None
    higher_is_better: dict[str, bool] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)

    @property
    def n_segments(self) -> int:
        return len(self.references[0]) if self.references else len(self.systems[0].hypotheses)

    def signatures(self) -> dict[str, str]:
        """Metric name -> signature (from the first system that has the metric)."""
        out: dict[str, str] = {}
        for system in self.systems:
            for ms in system.scores.values():
                out.setdefault(ms.name, ms.signature)
        return out

    def worst(self, system: int, n: int, metric: str | None = None) -> list[int]:
        """Indices of the ``n`` worst segments of a system by a segment-level metric."""
        key = metric or next(iter(self.systems[system].segments), None)
        if key is None or key not in self.systems[system].segments:
            raise ValueError("segment scores were not computed (pass segments=True)")
        values = self.systems[system].segments[key]
        sign = 1.0 if self.higher_is_better.get(key, True) else -1.0
        order = sorted(range(len(values)), key=lambda i: (sign * values[i], i))
        return order[:n]

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "n_segments": self.n_segments,
            "n_references": len(self.references),
            "metrics": list(self.metrics),
            "signatures": self.signatures(),
            "systems": [],
        }
        if self.test:
            out["paired_test"] = {"type": self.test, "n": self.n_samples, "seed": self.seed}
        for i, system in enumerate(self.systems):
            entry: dict[str, Any] = {
                "system": system.name,
                "baseline": i == 0 and self.test is not None,
                "scores": {k: v.to_dict() for k, v in system.scores.items()},
            }
            for key, detail in system.details.items():
                if detail is not None and hasattr(detail, "to_dict"):
                    entry[key] = detail.to_dict()
            out["systems"].append(entry)
        return out


def _systems(hyps: Sequence[str] | Mapping[str, Sequence[str]]) -> list[tuple[str, list[str]]]:
    if isinstance(hyps, Mapping):
        return [(str(name), list(h)) for name, h in hyps.items()]
    if isinstance(hyps, str):
        raise TypeError("hyps must be a sequence of segments, not one string")
    return [("system", list(hyps))]


def score(
    refs: Sequence[Sequence[str]],
    hyps: Sequence[str] | Mapping[str, Sequence[str]],
    *,
    metrics: Sequence[str] = ("bleu", "chrf", "ter"),
    options: MetricOptions | None = None,
    sources: Sequence[str] | None = None,
    paired: PairedTest | None = None,
    n_samples: int = 0,
    seed: int | None = 12345,
    confidence: int = 0,
    segments: bool = False,
    glossary: Any = None,
) -> ScoreReport:
    """Score one system (``hyps``: segments) or several (``hyps``: name -> segments).

    ``refs`` is a list of reference streams, as sacrebleu's ``corpus_score(hyps, [refs])``.
    The numbers and signatures are sacrebleu's; unlike sacrebleu, streams of different
    lengths are an error (:class:`ScoreInputError`), never silently truncated.

    Args:
        metrics: any of ``bleu``, ``chrf``, ``chrf++``, ``ter``, ``spbleu``, ``terms``.
        options: tokenizer, case and SentencePiece model options.
        sources: source segments (needed by ``terms``).
        paired: ``"bs"`` (paired bootstrap) or ``"ar"`` (approximate randomisation) against
            the first system; needs two or more systems.
        n_samples: resamples or trials (0 = sacrebleu's defaults, 1000 and 10000).
        seed: the random seed (sacrebleu's default 12345; None = unseeded).
        confidence: for a single system, a bootstrap CI with this many resamples (0 = none).
        segments: also compute sentence-level scores (BLEU with effective order).
        glossary: a ``cleanup.glossary.Glossary`` for ``terms`` (default: the shipped one).
    """
    named = _systems(hyps)
    references = [list(r) for r in refs]
    if not references:
        raise ScoreInputError("at least one reference stream is needed")
    streams: list[tuple[str, Sequence[str]]] = [
        (f"reference {i + 1}", r) for i, r in enumerate(references)
    ]
    streams += [(name, h) for name, h in named]
    if sources is not None:
        streams.append(("source", sources))
    check_same_length(streams)
    if not references[0]:
        raise ScoreInputError("no segments to score")
    if paired and len(named) < 2:
        raise ScoreInputError("a paired test needs two or more systems (the first is the baseline)")
    try:
        ms: list[Metric] = [build_metric(k, options, glossary) for k in metrics]
    except UnknownMetricError as exc:
        raise ScoreInputError(str(exc)) from None
    for m in ms:
        if m.needs_sources and sources is None:
            raise ScoreInputError(f"the {m.key} metric needs the source segments (--src)")
    systems = [SystemScores(name, h) for name, h in named]
    report = ScoreReport(
        systems,
        tuple(metrics),
        references,
        list(sources) if sources is not None else None,
        higher_is_better={m.key: m.higher_is_better for m in ms},
        names={m.key: m.name for m in ms},
    )
    stats = [m.statistics([h for _, h in named], references, sources) for m in ms]
    _corpus_scores(report, ms, stats, paired, n_samples, seed, confidence)
    for m, per_system in zip(ms, stats, strict=True):
        for k, (system, st) in enumerate(zip(systems, per_system, strict=True)):
            detail = m.details(k)
            if detail is not None:
                system.details[m.key] = detail
            if segments:
                system.segments[m.key] = m.segment_scores(st)
    return report


def _corpus_scores(
    report: ScoreReport,
    ms: Sequence[Metric],
    stats: Sequence[Sequence[Any]],
    paired: PairedTest | None,
    n_samples: int,
    seed: int | None,
    confidence: int,
) -> None:
    systems = report.systems
    if paired:
        n = n_samples or DEFAULT_SAMPLES[paired]
        report.test, report.n_samples, report.seed = paired, n, seed
        if paired == "bs":
            results = paired_bootstrap(ms, stats, n, seed)
        else:
            results = paired_ar(ms, stats, n, seed)
        for m, per_metric, per_stats in zip(ms, results, stats, strict=True):
            sig_extra: dict[str, Any] = {"seed": str(seed).lower(), paired: n}
            sig = m.signature(**sig_extra)
            for system, res, st in zip(systems, per_metric, per_stats, strict=True):
                _, verbose = m.corpus_score(st)
                system.scores[m.key] = MetricScore(
                    m.key, m.name, res.score, sig, verbose, res.p_value, res.mean, res.ci
                )
        return
    for m, per_stats in zip(ms, stats, strict=True):
        for system, st in zip(systems, per_stats, strict=True):
            value, verbose = m.corpus_score(st)
            mean = ci = None
            extra: dict[str, Any] = {}
            if confidence > 1 and len(systems) == 1:
                mean, ci = bootstrap_ci(m, st, confidence, seed)
                extra = {"bs": confidence, "seed": str(seed).lower()}
            system.scores[m.key] = MetricScore(
                m.key, m.name, value, m.signature(**extra), verbose, None, mean, ci
            )


def score_texts(
    reference: str,
    systems: Mapping[str, str],
    *,
    metrics: Sequence[str] = ("bleu", "chrf", "ter"),
    **kwargs: Any,
) -> ScoreReport:
    r"""Score whole documents (one segment per line) against one reference document.

    The texts are split into lines as files are (``\n``, right-stripped); the line counts must
    agree. This is the entry point for the demo: raw and cleaned MT against the post-edit.

    >>> r = score_texts("The cat sat.\nIt slept.", {"mt": "The cat sat down.\nIt slept."})
    >>> round(r.systems[0].scores["ter"].score, 2)
    40.0
    """
    from .io import split_segments

    named = {name: split_segments(text) for name, text in systems.items()}
    return score([split_segments(reference)], named, metrics=metrics, **kwargs)


def score_files(
    refs: Sequence[str | Path],
    hyps: Sequence[str | Path],
    *,
    src: str | Path | None = None,
    metrics: Sequence[str] = ("bleu", "chrf", "ter"),
    names: Sequence[str] | None = None,
    **kwargs: Any,
) -> ScoreReport:
    """Read the files (one segment per line, as the ``sacrebleu`` command reads them) and
    :func:`score` them; each system is named by its path unless ``names`` is given.

    >>> report = score_files(["post-edit.txt"], ["raw.txt", "cleaned.txt"],
    ...                      names=["raw MT", "cleaned MT"])   # doctest: +SKIP
    >>> report.systems[1].scores["ter"].score                  # doctest: +SKIP
    """
    references = [read_segments(r) for r in refs]
    systems: dict[str, list[str]] = {}
    labels = list(names) if names is not None else [str(h) for h in hyps]
    if len(labels) != len(hyps):
        raise ValueError("names must have one entry per hypothesis file")
    for label, path in zip(labels, hyps, strict=True):
        if label in systems:
            raise ScoreInputError(f"{label}: the same system is given twice")
        systems[label] = read_segments(path)
    sources = read_segments(src) if src is not None else None
    named: list[tuple[str, Sequence[str]]] = [
        (str(r), seg) for r, seg in zip(refs, references, strict=True)
    ]
    named += list(systems.items())
    if src is not None and sources is not None:
        named.append((str(src), sources))
    check_same_length(named)
    return score(references, systems, sources=sources, metrics=metrics, **kwargs)
