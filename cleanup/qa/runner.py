"""Running the QA checks: select them, batch what they share (SentencePiece lengths), and
collect their findings segment by segment."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..rules import check_selectors, matches_selector
from ..rules.qa import QA_CHECKS, SEVERITY_RANK, Check, QAFinding, QAOptions, Segment, Severity
from ..rules.qa.length import MODEL_PATH, length_bounds

__all__ = ["CODES", "QAReport", "check_segment", "run_qa", "select_checks"]

#: Every QA code, with its usual severity and its summary (from the registry).
CODES: dict[str, tuple[Severity, str]] = {c.code: (c.severity, c.summary()) for c in QA_CHECKS}


@dataclass
class QAReport:
    """The findings of one system, in segment order."""

    n_segments: int
    findings: list[QAFinding] = field(default_factory=list)
    #: Per-segment scores by name (``adequacy``: QE01's cosine), None where not computed.
    scores: dict[str, list[float | None]] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for f in self.findings:
            out[f.code] = out.get(f.code, 0) + 1
        return dict(sorted(out.items()))

    def at_least(self, severity: Severity) -> list[QAFinding]:
        rank = SEVERITY_RANK[severity]
        return [f for f in self.findings if SEVERITY_RANK[f.severity] >= rank]

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "n_segments": self.n_segments,
            "counts": self.counts(),
            "findings": [f.to_dict() for f in self.findings],
        }
        if self.scores:
            d["scores"] = {
                k: [None if v is None else round(v, 4) for v in vs] for k, vs in self.scores.items()
            }
        return d

    def _keep_scores(self, seg: Segment) -> None:
        for name, value in seg.scores.items():
            self.scores.setdefault(name, [None] * self.n_segments)[seg.line - 1] = value


def _selected(check: type[Check], options: QAOptions) -> bool:
    on = (
        any(matches_selector(check, s) for s in options.select) if options.select else check.default
    )
    return on and not any(matches_selector(check, s) for s in options.ignore)


def select_checks(options: QAOptions, glossary: Any = None) -> list[Check]:
    """Instances of the checks ``options`` selects, sharing the glossary's matcher (for TRM01;
    a ``Glossary``, a compiled ``Matcher``, or None: then TRM01 finds nothing). Raises
    :class:`~cleanup.config.ConfigError` for a selector that matches no check."""
    check_selectors(options.select, QA_CHECKS)
    check_selectors(options.ignore, QA_CHECKS)
    shared: dict[str, Any] = {}
    if glossary is not None:
        from ..glossary.cache import matcher_for

        shared["glossary.matcher"] = matcher_for(glossary)
    return [c(options, shared) for c in QA_CHECKS if _selected(c, options)]


class _Lengths:
    """SentencePiece lengths of many texts at once (batched in C++), for the length checks."""

    def __init__(self, options: QAOptions, checks: Sequence[Check]) -> None:
        self.active = any(c.needs_lengths for c in checks) and bool(length_bounds(options))
        self.model = options.length_model or str(MODEL_PATH)
        self.sp: Any = None

    def __call__(self, texts: Sequence[str]) -> list[int | None]:
        if not self.active:
            return [None] * len(texts)
        if self.sp is None:
            from ..spm import load_processor

            self.sp = load_processor(self.model)
        return [len(ids) for ids in self.sp.EncodeAsIds(list(texts))]


def check_segment(
    src: str,
    hyp: str,
    ref: str | None = None,
    options: QAOptions | None = None,
    glossary: Any = None,
    segment: int = 1,
) -> list[QAFinding]:
    """The findings of one segment (a convenience over :func:`run_qa`)."""
    options = options or QAOptions()
    checks = select_checks(options, glossary)
    n_src, n_hyp = _Lengths(options, checks)([src, hyp])
    seg = Segment(segment, src, hyp, ref, n_src, n_hyp)
    for c in checks:
        c.prepare([seg])
    return [f for c in checks for f in c.check(seg)]


def run_qa(
    sources: Sequence[str],
    hypotheses: Sequence[str],
    options: QAOptions | None = None,
    *,
    references: Sequence[str] | None = None,
    glossary: Any = None,
) -> QAReport:
    """Check every segment; the streams must have the same length (ValueError otherwise)."""
    if len(sources) != len(hypotheses) or (
        references is not None and len(references) != len(sources)
    ):
        raise ValueError("sources, hypotheses and references must have the same length")
    options = options or QAOptions()
    checks = select_checks(options, glossary)
    lengths = _Lengths(options, checks)
    report = QAReport(len(sources))
    step = 2048
    for base in range(0, len(sources), step):
        srcs, hyps = sources[base : base + step], hypotheses[base : base + step]
        n_srcs, n_hyps = lengths(srcs), lengths(hyps)
        segs = [
            Segment(
                base + j + 1,
                src,
                hyp,
                references[base + j] if references is not None else None,
                n_srcs[j],
                n_hyps[j],
            )
            for j, (src, hyp) in enumerate(zip(srcs, hyps, strict=True))
        ]
        for c in checks:
            c.prepare(segs)
        for seg in segs:
            for c in checks:
                report.findings.extend(c.check(seg))
            if seg.scores:
                report._keep_scores(seg)
    return report
