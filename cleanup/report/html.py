"""One HTML file, no network: the report of ``tarjama score --html`` and ``tarjama qa --html``.

The page is a Jinja2 template (``templates/report.html.j2``, autoescaped: every text from the
data is escaped by the template engine, none by hand) with inline CSS and a few lines of inline
JS; the SVG charts are drawn in Python (:mod:`.charts`). This module turns the score and QA
reports into the plain data the template shows.

Sections: the scores table (with signatures and significance), the per-segment score
distribution per system, the worst segments with the differences between output and reference
marked, the QA findings with their evidence, and what metrics say beyond their score (term
accuracy per concept).
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from ..arabic import has_arabic
from ..atomic import write_atomic
from .charts import COLORS, histogram

if TYPE_CHECKING:
    import jinja2

    from ..qa import QAReport
    from ..score import ScoreReport

__all__ = ["render_html", "write_html"]

MAX_FINDINGS = 2000
_TEMPLATES = Path(__file__).resolve().parent / "templates"


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(_TEMPLATES)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["rtl"] = has_arabic
    return env


def _diff(hyp: str, ref: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Word-level differences: the output's words as (text, "" or "ins") and the reference's
    as (text, "" or "del"): words of the output the reference lacks, and the other way round."""
    h, r = hyp.split(), ref.split()
    sm = difflib.SequenceMatcher(a=r, b=h, autojunk=False)
    out_h: list[tuple[str, str]] = []
    out_r: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        hs, rs = " ".join(h[j1:j2]), " ".join(r[i1:i2])
        if op == "equal":
            out_h.append((hs, ""))
            out_r.append((rs, ""))
            continue
        if hs:
            out_h.append((hs, "ins"))
        if rs:
            out_r.append((rs, "del"))
    return out_h, out_r


def _score_cell(ms: Any) -> dict[str, Any]:
    from ..score.format import format_score_cell

    significant = None if ms.p_value is None else ms.p_value <= 0.05
    return {"text": format_score_cell(ms), "value": ms.score, "significant": significant}


def _scores(report: ScoreReport) -> dict[str, Any]:
    keys = list(report.metrics)
    return {
        "n_segments": report.n_segments,
        "n_references": len(report.references),
        "metrics": [report.names.get(k, k) for k in keys],
        "rows": [
            {
                "name": system.name,
                "baseline": i == 0 and report.test is not None,
                "cells": [_score_cell(system.scores[k]) for k in keys],
            }
            for i, system in enumerate(report.systems)
        ],
        "test": report.test,
        "n_samples": report.n_samples,
        "seed": report.seed,
        "signatures": list(report.signatures().items()),
    }


def _charts(report: ScoreReport) -> list[Markup]:
    charts: list[Markup] = []
    for key in report.systems[0].segments:
        series = [(s.name, s.segments.get(key, [])) for s in report.systems]
        if not report.higher_is_better.get(key, True):  # TER: drawn as 100 - TER
            series = [(n, [max(0.0, 100.0 - v) for v in vals]) for n, vals in series]
        label = report.names.get(key, key)
        if not report.higher_is_better.get(key, True):
            label += f" (100 - {label})"
        charts.append(Markup(histogram(label, series)))
    return charts


def _worst(report: ScoreReport, n: int, by: str | None) -> dict[str, Any] | None:
    """The ``n`` worst segments of each system by the metric ``by`` (default: the first
    segment-level metric computed, as ``tarjama score --worst`` does)."""
    key = by or next(iter(report.systems[0].segments), None)
    if key is None or key not in report.systems[0].segments:
        return None
    systems = []
    for s, system in enumerate(report.systems):
        segments = []
        for i in report.worst(s, n, key):
            hyp, ref = _diff(system.hypotheses[i], report.references[0][i])
            segments.append(
                {
                    "line": i + 1,
                    "score": system.segments[key][i],
                    "source": report.sources[i] if report.sources is not None else None,
                    "hypothesis": hyp,
                    "reference": ref,
                }
            )
        systems.append({"name": system.name, "segments": segments})
    return {"metric": report.names.get(key, key), "systems": systems}


def _evidence(text: str, start: int | None, end: int | None) -> dict[str, str] | None:
    """The text around a span, cut at word boundaries, and the span itself."""
    if start is None or end is None:
        return None
    a = max(0, start - 40)
    while a > 0 and not text[a - 1].isspace():
        a -= 1
    b = min(len(text), end + 40)
    while b < len(text) and not text[b].isspace():
        b += 1
    return {"before": text[a:start], "span": text[start:end], "after": text[end:b]}


def _qa(
    qa: Mapping[str, QAReport],
    hyps: Mapping[str, Sequence[str]] | None,
    sources: Sequence[str] | None,
    references: Sequence[str] | None,
) -> dict[str, Any]:
    from ..qa import CODES

    codes = sorted({c for r in qa.values() for c in r.counts()})
    systems = []
    for name, r in qa.items():
        texts = hyps.get(name) if hyps is not None else None
        findings = []
        for f in r.findings[:MAX_FINDINGS]:
            hyp = texts[f.segment - 1] if texts is not None else None
            findings.append(
                {
                    "line": f.segment,
                    "code": f.code,
                    "severity": f.severity,
                    "message": f.message,
                    "evidence": f.evidence,
                    "output": _evidence(hyp, f.start, f.end) if hyp is not None else None,
                    "source": sources[f.segment - 1] if sources is not None else None,
                    "reference": references[f.segment - 1] if references is not None else None,
                }
            )
        systems.append(
            {
                "name": name,
                "counts": [r.counts().get(c, 0) for c in codes],
                "findings": findings,
                "more": max(0, len(r.findings) - MAX_FINDINGS),
            }
        )
    return {"codes": [(c, CODES[c][1]) for c in codes], "systems": systems}


def _details(report: ScoreReport) -> list[dict[str, Any]]:
    """What the metrics report beyond a score, per system (term accuracy per concept)."""
    out = []
    for system in report.systems:
        for detail in system.details.values():
            out.append(
                {
                    "system": system.name,
                    "summary": detail.summary_lines(),
                    "concepts": detail.per_concept(),
                }
            )
    return out


def render_html(
    *,
    score: ScoreReport | None = None,
    qa: Mapping[str, QAReport] | None = None,
    sources: Sequence[str] | None = None,
    references: Sequence[str] | None = None,
    hypotheses: Mapping[str, Sequence[str]] | None = None,
    worst: int = 10,
    worst_by: str | None = None,
    title: str = "tarjama translation quality report",
) -> str:
    """The report as one HTML string (no external resources of any kind).

    ``sources`` and ``references`` (one segment per line) are shown with each QA finding;
    with a ``score`` report they default to its own.
    """
    from .._version import __version__

    hyps = hypotheses
    if score is not None:
        hyps = hyps or {s.name: s.hypotheses for s in score.systems}
        sources = sources if sources is not None else score.sources
        references = references if references is not None else score.references[0]
    legend = []
    if score is not None:
        legend = [(s.name, COLORS[i % len(COLORS)]) for i, s in enumerate(score.systems)]
    has_segments = score is not None and bool(score.systems[0].segments)
    context = {
        "title": title,
        "version": __version__,
        "when": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),  # noqa: UP017
        "css": Markup((_TEMPLATES / "report.css").read_text(encoding="utf-8")),
        "js": Markup((_TEMPLATES / "report.js").read_text(encoding="utf-8")),
        "scores": _scores(score) if score is not None else None,
        "charts": _charts(score) if score is not None and has_segments else [],
        "legend": legend,
        "worst": _worst(score, worst, worst_by) if score is not None and has_segments else None,
        "details": _details(score) if score is not None else [],
        "qa": _qa(qa, hyps, sources, references) if qa else None,
    }
    return _environment().get_template("report.html.j2").render(context) + "\n"


def write_html(
    path: Path,
    *,
    score: ScoreReport | None = None,
    qa: Mapping[str, QAReport] | None = None,
    sources: Sequence[str] | None = None,
    references: Sequence[str] | None = None,
    hypotheses: Mapping[str, Sequence[str]] | None = None,
    worst: int = 10,
    worst_by: str | None = None,
) -> None:
    """Write the report to ``path`` atomically."""
    text = render_html(
        score=score,
        qa=qa,
        sources=sources,
        references=references,
        hypotheses=hypotheses,
        worst=worst,
        worst_by=worst_by,
    )
    write_atomic(path, text)
