"""One HTML file, no network: the report of ``tarjama score --html`` and ``tarjama qa --html``.

The page is a Jinja2 template (``templates/report.html.j2``, autoescaped: every text from the
data is escaped by the template engine, none by hand) with inline CSS and a little inline JS
(sortable tables, the QA filters); the SVG charts are drawn in Python (:mod:`.charts`). This
module turns the score and QA reports into the plain data the template shows.

Sections: the scores table (with signatures and significance), the per-segment score
distribution per system, the regressions (segments where a system scores clearly below the
baseline), the worst segments, the QA findings of every system with their evidence and filters
by code and severity, and what metrics say beyond their score (term accuracy per concept).

Colours mean one thing each, everywhere in the page: in a diff against the reference,
:data:`DIFF_LEGEND`; the evidence of a QA finding is a ``<mark>``.
"""

from __future__ import annotations

import difflib
import re
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

__all__ = ["REGRESSION_DROP", "render_html", "write_html"]

MAX_FINDINGS = 2000  # per system
MAX_REGRESSIONS = 100  # per system
#: A segment is a regression of a system when its score is at least this many points (on the
#: metric's 0-100 scale) below the baseline's; for TER (lower is better), this many above.
REGRESSION_DROP = 10.0
#: Characters of context shown either side of a highlighted span (extended to whole words).
CONTEXT = 100
#: Characters shown of a text with nothing highlighted in it (extended to a whole word).
PLAIN = 300
#: Evidence this long is a quote of the segment, not a span to look for.
QUOTE = 60
ELLIPSIS = "\u2026"
#: The diff marks: the element, and what it means (shown as the legend, with the element).
DIFF_LEGEND = (
    ("ins", "in the output, not in the reference (added or wrong words)"),
    ("del", "in the reference, not in the output (missing words)"),
)
SEVERITIES = ("error", "warning", "info")  # most severe first
_TEMPLATES = Path(__file__).resolve().parent / "templates"
_WORD = re.compile(r"\S+")
_ARABIC_WORD = re.compile(r"[\u0600-\u06ff]")


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


def snippet(
    text: str, spans: Sequence[tuple[int, int]] = (), context: int = CONTEXT, plain: int = PLAIN
) -> dict[str, Any]:
    """The part of ``text`` to show: whole words only, with an ellipsis where it is cut.

    With ``spans`` (character offsets, highlighted), the words within ``context`` characters
    of them; without, the words that start in the first ``plain`` characters. Returns
    ``parts`` (text, highlighted) and whether text was left out before and after.

    >>> s = snippet("one two three four five six", [(8, 13)], context=4)
    >>> s["cut_before"], s["parts"], s["cut_after"]
    (True, [('two ', False), ('three', True), (' four', False)], True)
    >>> snippet("one two three", plain=5)["parts"]
    [('one two', False)]
    """
    n = len(text)
    marks = sorted((max(0, a), min(n, b)) for a, b in spans if a < b and a < n and b > 0)
    if marks:
        lo, hi = marks[0][0] - context, marks[-1][1] + context
    else:
        lo, hi = 0, plain
    words = [m.span() for m in _WORD.finditer(text)]
    # the words that overlap or touch [lo, hi) (a highlight may end in a space: the word
    # right after it is shown, not cut), and every highlighted character
    chosen = [(a, b) for a, b in words if b >= lo and a <= hi]
    first = min([a for a, _ in chosen] + [a for a, _ in marks], default=0)
    last = max([b for _, b in chosen] + [b for _, b in marks], default=0)
    if not chosen and not marks and words:  # the first word is longer than ``plain``
        first, last = words[0]
    parts: list[tuple[str, bool]] = []
    pos = first
    for a, b in marks:
        a = max(a, pos)
        if a >= b:
            continue
        if a > pos:
            parts.append((text[pos:a], False))
        parts.append((text[a:b], True))
        pos = b
    if last > pos:
        parts.append((text[pos:last], False))
    return {
        "parts": parts,
        "cut_before": bool(text[:first].strip()),
        "cut_after": bool(text[last:].strip()),
        "rtl": has_arabic(text),
    }


def occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    """Where ``needle`` occurs in ``text`` as whole words (a number not inside a longer number:
    ``25`` is not found in ``1,255`` or ``25.5``); an Arabic needle may also carry clitics.
    A quote of a whole segment (``QUOTE`` characters or more, or the whole text) is not looked
    for.

    >>> occurrences("killed 25 of 1,255 people; 25.5%", "25")
    [(7, 9)]
    """
    needle = needle.strip()
    if not needle or len(needle) >= QUOTE or needle == text.strip():
        return []
    head = r"(?<!\w)(?<!\d[.,:\u066b\u066c])" if needle[0].isalnum() else ""
    tail = r"(?!\w)(?![.,:\u066b\u066c]\d)" if needle[-1].isalnum() else ""
    found = [m.span() for m in re.finditer(head + re.escape(needle) + tail, text)]
    if not found and _ARABIC_WORD.search(needle):
        found = [m.span() for m in re.finditer(r"(?<!\d)" + re.escape(needle) + r"(?!\d)", text)]
    return found


def _clip_quote(evidence: str) -> str:
    """Evidence shown on its own: a quote of a segment cut by the check loses its last, maybe
    partial, word and ends with an ellipsis."""
    evidence = evidence.strip()
    if len(evidence) < QUOTE or " " not in evidence:
        return evidence
    return evidence.rsplit(" ", 1)[0].rstrip() + " " + ELLIPSIS


def _score_cell(ms: Any, base: Any, higher: bool) -> dict[str, Any]:
    from ..score.format import format_score_cell

    state = None
    if ms.p_value is not None:
        better = ms.score > base.score if higher else ms.score < base.score
        state = "ns" if ms.p_value > 0.05 else ("better" if better else "worse")
    return {"text": format_score_cell(ms), "value": ms.score, "state": state}


def _scores(report: ScoreReport) -> dict[str, Any]:
    keys = list(report.metrics)
    base = report.systems[0]
    return {
        "n_segments": report.n_segments,
        "n_references": len(report.references),
        "metrics": [report.names.get(k, k) for k in keys],
        "rows": [
            {
                "name": system.name,
                "baseline": i == 0 and report.test is not None,
                "cells": [
                    _score_cell(
                        system.scores[k], base.scores[k], report.higher_is_better.get(k, True)
                    )
                    for k in keys
                ],
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


def _worst(report: ScoreReport, n: int, key: str) -> dict[str, Any]:
    """The ``n`` worst segments of each system by the metric ``key`` (as ``tarjama score
    --worst N --worst-by KEY`` lists them)."""
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
    return {
        "metric": report.names.get(key, key),
        "lower_first": report.higher_is_better.get(key, True),
        "systems": systems,
    }


def regression_metric(report: ScoreReport, by: str | None = None) -> str | None:
    """The segment metric regressions are judged by: ``by`` (``--worst-by``), else chrF (or
    chrF++) when computed, else the first segment metric."""
    keys = list(report.systems[0].segments)
    if by is not None:
        return by if by in keys else None
    for key in ("chrf", "chrf++"):
        if key in keys:
            return key
    return keys[0] if keys else None


def regressions(
    report: ScoreReport, key: str, drop: float = REGRESSION_DROP
) -> list[dict[str, Any]]:
    """Per system after the first: the segments where it scores at least ``drop`` points below
    the baseline (the first system) by the segment metric ``key``, the largest drop first,
    and how many segments are that much better or worse."""
    base = report.systems[0]
    sign = 1.0 if report.higher_is_better.get(key, True) else -1.0
    ref = report.references[0]
    out = []
    for system in report.systems[1:]:
        deltas = [
            sign * (b - s) for b, s in zip(base.segments[key], system.segments[key], strict=True)
        ]
        worse = sorted((i for i, d in enumerate(deltas) if d >= drop), key=lambda i: -deltas[i])
        segments = []
        for i in worse[:MAX_REGRESSIONS]:
            base_hyp, _ = _diff(base.hypotheses[i], ref[i])
            hyp, ref_words = _diff(system.hypotheses[i], ref[i])
            segments.append(
                {
                    "line": i + 1,
                    "drop": deltas[i],
                    "base_score": base.segments[key][i],
                    "score": system.segments[key][i],
                    "source": report.sources[i] if report.sources is not None else None,
                    "baseline": base_hyp,
                    "hypothesis": hyp,
                    "reference": ref_words,
                }
            )
        out.append(
            {
                "name": system.name,
                "n_worse": len(worse),
                "n_better": sum(1 for d in deltas if -d >= drop),
                "segments": segments,
                "more": max(0, len(worse) - MAX_REGRESSIONS),
            }
        )
    return out


def _finding(
    f: Any, source: str | None, output: str | None, reference: str | None
) -> dict[str, Any]:
    """A finding with its evidence in context: the span the check gives in the output, else
    where its evidence occurs (a number missing from the output is marked in the source and
    the reference)."""
    texts = {"source": source, "output": output, "reference": reference}
    spans: dict[str, list[tuple[int, int]]] = {k: [] for k in texts}
    if f.start is not None and f.end is not None and output is not None:
        spans["output"] = [(f.start, f.end)]
    elif f.evidence:
        for k, text in texts.items():
            if text is not None:
                spans[k] = occurrences(text, f.evidence)
    located = any(spans.values())
    shown = [k for k, text in texts.items() if text is not None]
    evidence = ""
    if f.evidence and not located and (len(f.evidence.strip()) < QUOTE or "output" not in shown):
        evidence = _clip_quote(f.evidence)
    return {
        "line": f.segment,
        "code": f.code,
        "severity": f.severity,
        "message": f.message,
        "evidence": evidence,
        "texts": [(k, snippet(text, spans[k])) for k, text in texts.items() if text is not None],
    }


def _qa(
    qa: Mapping[str, QAReport],
    hyps: Mapping[str, Sequence[str]] | None,
    sources: Sequence[str] | None,
    references: Sequence[str] | None,
) -> dict[str, Any]:
    from ..qa import CODES

    counts = {name: r.counts() for name, r in qa.items()}
    codes = sorted({c for r in counts.values() for c in r})
    present = {f.severity for r in qa.values() for f in r.findings}
    systems = []
    for name, r in qa.items():
        texts = hyps.get(name) if hyps is not None else None
        findings = []
        for f in r.findings[:MAX_FINDINGS]:
            k = f.segment - 1
            findings.append(
                _finding(
                    f,
                    sources[k] if sources is not None else None,
                    texts[k] if texts is not None else None,
                    references[k] if references is not None else None,
                )
            )
        systems.append(
            {
                "name": name,
                "counts": [counts[name].get(c, 0) for c in codes],
                "total": len(r.findings),
                "findings": findings,
                "more": max(0, len(r.findings) - MAX_FINDINGS),
            }
        )
    return {
        "codes": [
            (
                c,
                CODES[c][1].rstrip(".") if c in CODES else "",
                sum(n.get(c, 0) for n in counts.values()),
            )
            for c in codes
        ],
        "severities": [
            (s, sum(1 for r in qa.values() for f in r.findings if f.severity == s))
            for s in SEVERITIES
            if s in present
        ]
        + [(s, 0) for s in sorted(present - set(SEVERITIES))],
        "systems": systems,
    }


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
    regression_drop: float = REGRESSION_DROP,
    title: str = "tarjama translation quality report",
) -> str:
    """The report as one HTML string (no external resources of any kind).

    ``sources`` and ``references`` (one segment per line) are shown with each QA finding;
    with a ``score`` report they default to its own, and ``hypotheses`` to its systems'
    outputs. ``worst_by`` (a segment metric computed, ValueError otherwise) orders the worst
    segments (default: the first metric) and judges regressions (default: chrF if computed);
    a regression is a segment ``regression_drop`` points or more below the baseline.
    """
    from .._version import __version__

    hyps = hypotheses
    has_segments = False
    worst_view = regress = None
    metric = None
    if score is not None:
        hyps = hyps or {s.name: s.hypotheses for s in score.systems}
        sources = sources if sources is not None else score.sources
        references = references if references is not None else score.references[0]
        has_segments = bool(score.systems[0].segments)
        if worst_by is not None and has_segments and worst_by not in score.systems[0].segments:
            raise ValueError(f"worst_by: {worst_by!r} is not a segment metric of the report")
        if has_segments:
            first = next(iter(score.systems[0].segments))
            worst_view = _worst(score, worst, worst_by or first)
            metric = regression_metric(score, worst_by)
            if metric is not None and len(score.systems) > 1:
                regress = {
                    "metric": score.names.get(metric, metric),
                    "higher": score.higher_is_better.get(metric, True),
                    "drop": regression_drop,
                    "baseline": score.systems[0].name,
                    "systems": regressions(score, metric, regression_drop),
                }
    legend = []
    if score is not None:
        legend = [(s.name, COLORS[i % len(COLORS)]) for i, s in enumerate(score.systems)]
    context = {
        "title": title,
        "version": __version__,
        "when": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),  # noqa: UP017
        "css": Markup((_TEMPLATES / "report.css").read_text(encoding="utf-8")),
        "js": Markup((_TEMPLATES / "report.js").read_text(encoding="utf-8")),
        "scores": _scores(score) if score is not None else None,
        "charts": _charts(score) if score is not None and has_segments else [],
        "legend": legend,
        "diff_marks": DIFF_LEGEND,
        "ellipsis": ELLIPSIS,
        "worst": worst_view,
        "regressions": regress,
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
    regression_drop: float = REGRESSION_DROP,
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
        regression_drop=regression_drop,
    )
    write_atomic(path, text)
