"""One HTML file, no network: inline CSS, inline SVG charts and a few lines of inline JS.

Sections: the scores table (with signatures and significance), the per-segment score
distribution per system (SVG histograms and box plots), the worst segments with the differences
between hypothesis and reference highlighted, the QA findings, and term accuracy per concept.
"""

from __future__ import annotations

import difflib
import html
from collections.abc import Mapping, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from ..arabic import has_arabic
from ..atomic import write_atomic

if TYPE_CHECKING:
    from ..qa import QAReport
    from ..score import ScoreReport

__all__ = ["render_html", "write_html"]

COLORS = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf")
MAX_FINDINGS = 2000

CSS = """
body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:0;color:#1d232a;
background:#f6f7f9}
header{background:#1d3557;color:#fff;padding:18px 28px}header h1{margin:0;font-size:20px}
header p{margin:4px 0 0;opacity:.85}
main{padding:8px 28px 40px;max-width:1300px}
section{background:#fff;border:1px solid #dde1e6;border-radius:6px;margin:18px 0;padding:14px 18px}
h2{font-size:16px;margin:0 0 10px}h3{font-size:14px;margin:14px 0 6px}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{border-bottom:1px solid #e5e8ec;padding:5px 8px;text-align:left;vertical-align:top}
th{background:#f0f2f5;cursor:pointer;user-select:none;position:sticky;top:0}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.sig{font-family:ui-monospace,Menlo,monospace;font-size:12px;color:#444}
.p-sig{color:#0a7c2f;font-weight:600}.p-ns{color:#a33}
.seg{margin:10px 0;padding:8px 10px;border-left:4px solid #d62728;background:#fbfbfc}
.seg div{margin:2px 0}.lab{display:inline-block;width:38px;color:#666;font-size:12px}
[dir=rtl]{font-family:'Noto Naskh Arabic','Amiri',serif;font-size:15px}
ins{background:#d7f5dd;text-decoration:none}del{background:#fbd9d7;text-decoration:none}
mark{background:#ffe58f}.sev-error{color:#b3261e;font-weight:600}.sev-warning{color:#9a6700}
.sev-info{color:#555}.charts{display:flex;flex-wrap:wrap;gap:16px}
.chart text{font-size:11px;fill:#333}.legend span{display:inline-block;margin-right:14px}
.sw{display:inline-block;width:10px;height:10px;margin-right:4px;vertical-align:middle}
small{color:#666}
"""

JS = """
document.querySelectorAll('table.sortable th').forEach(function(th,i){
  th.addEventListener('click',function(){
    var t=th.closest('table'),b=t.tBodies[0],rows=Array.from(b.rows),d=th.dataset.dir==='a'?-1:1;
    th.dataset.dir=d===1?'a':'d';
    rows.sort(function(x,y){var p=x.cells[i].dataset.v||x.cells[i].textContent,
      q=y.cells[i].dataset.v||y.cells[i].textContent,m=parseFloat(p),n=parseFloat(q);
      return (isNaN(m)||isNaN(n)?p.localeCompare(q):m-n)*d;});
    rows.forEach(function(r){b.appendChild(r);});});});
var charts=document.querySelectorAll('svg.chart'),w=0;
charts.forEach(function(s){w+=s.getBoundingClientRect().width;});
document.body.setAttribute('data-charts',charts.length);
document.body.setAttribute('data-chart-width',Math.round(w));
document.body.setAttribute('data-rendered','yes');
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _dir(text: str) -> str:
    return ' dir="rtl"' if has_arabic(text) else ""


def _diff(hyp: str, ref: str) -> tuple[str, str]:
    """The hypothesis with words not in the reference marked <ins>, the reference with words
    the hypothesis lacks marked <del> (word-level, after difflib)."""
    h, r = hyp.split(), ref.split()
    sm = difflib.SequenceMatcher(a=r, b=h, autojunk=False)
    out_h: list[str] = []
    out_r: list[str] = []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        rs, hs = _e(" ".join(r[i1:i2])), _e(" ".join(h[j1:j2]))
        if op == "equal":
            out_h.append(hs)
            out_r.append(rs)
        else:
            if hs:
                out_h.append(f"<ins>{hs}</ins>")
            if rs:
                out_r.append(f"<del>{rs}</del>")
    return " ".join(out_h), " ".join(out_r)


def _histogram(name: str, series: Sequence[tuple[str, Sequence[float]]]) -> str:
    """Grouped histogram (10 bins over 0-100) with a box plot per system, as SVG."""
    w, h, left, bottom, top = 520, 260, 40, 40, 16
    n_sys = max(1, len(series))
    box_h = 14
    plot_h = h - bottom - top - n_sys * (box_h + 6)
    bins = 10
    counts: list[list[float]] = []
    for _, values in series:
        tally = [0] * bins
        for value in values:
            tally[min(bins - 1, max(0, int(value // 10)))] += 1
        total = max(1, len(values))
        counts.append([x / total for x in tally])
    peak = max((max(c) for c in counts), default=1.0) or 1.0
    bw = (w - left - 10) / bins
    parts = [
        f'<svg class="chart" role="img" aria-label="{_e(name)} per-segment distribution" '
        f'width="{w}" height="{h}" viewBox="0 0 {w} {h}" xmlns="http://www.w3.org/2000/svg">',
        f'<text x="{left}" y="12">{_e(name)}: share of segments per score bin</text>',
    ]
    base_y = top + plot_h
    for k in range(0, 101, 25):
        frac = k / 100
        y = base_y - frac * plot_h
        parts.append(f'<line x1="{left}" x2="{w - 10}" y1="{y:.1f}" y2="{y:.1f}" stroke="#eee"/>')
        parts.append(
            f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end">{frac * peak:.0%}</text>'
        )
    for s, c in enumerate(counts):
        color = COLORS[s % len(COLORS)]
        for b, frac in enumerate(c):
            bh = frac / peak * plot_h
            x = left + b * bw + 2 + s * (bw - 4) / n_sys
            parts.append(
                f'<rect class="bar" x="{x:.1f}" y="{base_y - bh:.1f}" '
                f'width="{(bw - 4) / n_sys:.1f}" height="{bh:.1f}" fill="{color}">'
                f"<title>{_e(series[s][0])}: {b * 10}-{b * 10 + 10}: {frac:.1%}</title></rect>"
            )
    for b in range(bins + 1):
        x = left + b * bw
        parts.append(
            f'<text x="{x:.1f}" y="{base_y + 14:.1f}" text-anchor="middle">{b * 10}</text>'
        )
    for s, (label, values) in enumerate(series):
        if not values:
            continue
        ordered = sorted(values)
        last = len(ordered) - 1
        q = [ordered[min(last, int(p * last + 0.5))] for p in (0.0, 0.25, 0.5, 0.75, 1.0)]
        y = base_y + 22 + s * (box_h + 6)

        def sx(value: float) -> float:
            return left + max(0.0, min(100.0, value)) / 100 * bins * bw

        color = COLORS[s % len(COLORS)]
        parts.append(
            f'<line x1="{sx(q[0]):.1f}" x2="{sx(q[4]):.1f}" y1="{y + box_h / 2:.1f}" '
            f'y2="{y + box_h / 2:.1f}" stroke="{color}"/>'
            f'<rect class="box" x="{sx(q[1]):.1f}" y="{y:.1f}" width="{sx(q[3]) - sx(q[1]):.1f}" '
            f'height="{box_h}" fill="{color}" fill-opacity=".25" stroke="{color}">'
            f"<title>{_e(label)}: median {q[2]:.1f}, quartiles {q[1]:.1f}-{q[3]:.1f}</title></rect>"
            f'<line x1="{sx(q[2]):.1f}" x2="{sx(q[2]):.1f}" y1="{y:.1f}" y2="{y + box_h:.1f}" '
            f'stroke="{color}" stroke-width="2"/>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _scores_section(report: ScoreReport) -> str:
    from ..score.format import format_score_cell

    keys = list(report.metrics)
    rows = []
    for i, system in enumerate(report.systems):
        cells = [
            f"<td>{'<b>Baseline:</b> ' if i == 0 and report.test else ''}{_e(system.name)}</td>"
        ]
        for k in keys:
            ms = system.scores[k]
            text = _e(format_score_cell(ms))
            if ms.p_value is not None:
                cls = "p-sig" if ms.p_value <= 0.05 else "p-ns"
                text = f'<span class="{cls}">{text}</span>'
            cells.append(f'<td class="num" data-v="{ms.score:.6f}">{text}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    head = "".join(f'<th class="num">{_e(report.names.get(k, k))}</th>' for k in keys)
    sigs = "".join(
        f'<li><b>{_e(n)}</b> <span class="sig">{_e(s)}</span></li>'
        for n, s in report.signatures().items()
    )
    test = ""
    if report.test:
        kind = "bootstrap resampling" if report.test == "bs" else "approximate randomisation"
        test = (
            f"<p>Paired {kind}, {report.n_samples} samples, seed {_e(report.seed)}: p-values "
            "against the baseline; significant (p &le; 0.05) in green. "
            + ("Cells: actual score (bootstrap mean ± 95% CI)." if report.test == "bs" else "")
            + "</p>"
        )
    return (
        '<section id="scores-section"><h2>Scores</h2>'
        f"<p>{report.n_segments} segments, {len(report.references)} reference(s).</p>"
        f'<table id="scores" class="sortable"><thead><tr><th>System</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>{test}<h3>Signatures</h3><ul>{sigs}</ul></section>"
    )


def _charts_section(report: ScoreReport) -> str:
    charts = []
    for key in report.systems[0].segments:
        series = [(s.name, s.segments.get(key, [])) for s in report.systems]
        if key == "ter":
            series = [(n, [max(0.0, 100.0 - v) for v in vals]) for n, vals in series]
        label = report.names.get(key, key) + (" (100 - TER)" if key == "ter" else "")
        charts.append(_histogram(label, series))
    legend = "".join(
        f'<span><i class="sw" style="background:{COLORS[i % len(COLORS)]}"></i>{_e(s.name)}</span>'
        for i, s in enumerate(report.systems)
    )
    return (
        '<section id="distribution"><h2>Per-segment score distribution</h2>'
        f'<div class="legend">{legend}</div><div class="charts">{"".join(charts)}</div>'
        "<p><small>Sentence-level BLEU uses effective order; boxes show quartiles and median."
        "</small></p></section>"
    )


def _worst_section(report: ScoreReport, n: int, by: str | None = None) -> str:
    """The ``n`` worst segments of each system by the metric ``by`` (default: the first
    segment-level metric computed, as ``tarjama score --worst`` does)."""
    key = by or next(iter(report.systems[0].segments), None)
    if key is None or key not in report.systems[0].segments:
        return ""
    parts = [
        f'<section id="worst"><h2>Worst segments by {_e(report.names.get(key, key))}</h2>'
        "<p><small>Words of the hypothesis not in the reference are <ins>green</ins>; words of "
        "the reference the hypothesis lacks are <del>red</del>.</small></p>"
    ]
    for s, system in enumerate(report.systems):
        parts.append(f"<h3>{_e(system.name)}</h3>")
        for i in report.worst(s, n, key):
            hyp = system.hypotheses[i]
            ref = report.references[0][i]
            h, r = _diff(hyp, ref)
            src = ""
            if report.sources is not None:
                text = report.sources[i]
                src = f'<div><span class="lab">SRC</span><span{_dir(text)}>{_e(text)}</span></div>'
            parts.append(
                f'<div class="seg"><div><b>#{i + 1}</b> {_e(report.names.get(key, key))} = '
                f"{system.segments[key][i]:.1f}</div>{src}"
                f'<div><span class="lab">REF</span>{r}</div>'
                f'<div><span class="lab">HYP</span>{h}</div></div>'
            )
    parts.append("</section>")
    return "".join(parts)


def _qa_section(
    qa: Mapping[str, QAReport],
    hyps: Mapping[str, Sequence[str]] | None,
) -> str:
    from ..qa import CODES

    parts = ['<section id="qa"><h2>QA findings</h2>']
    codes = sorted({c for r in qa.values() for c in r.counts()})
    head = "".join(f'<th class="num" title="{_e(CODES[c][1])}">{_e(c)}</th>' for c in codes)
    rows = []
    for name, r in qa.items():
        counts = r.counts()
        cells = "".join(f'<td class="num">{counts.get(c, 0)}</td>' for c in codes)
        rows.append(f"<tr><td>{_e(name)}</td>{cells}</tr>")
    parts.append(
        f'<table id="qa-counts" class="sortable"><thead><tr><th>System</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    legend = ", ".join(f"{_e(c)} {_e(CODES[c][1])}" for c in codes)
    parts.append(f"<p><small>{legend}</small></p>")
    for name, r in qa.items():
        parts.append(f"<h3>{_e(name)}</h3>")
        body = []
        for f in r.findings[:MAX_FINDINGS]:
            context = ""
            if hyps is not None and f.start is not None and f.end is not None:
                text = hyps[name][f.segment - 1]
                a, b = max(0, f.start - 40), min(len(text), f.end + 40)
                context = (
                    _e(text[a : f.start])
                    + f"<mark>{_e(text[f.start : f.end])}</mark>"
                    + _e(text[f.end : b])
                )
            else:
                context = _e(f.evidence)
            body.append(
                f'<tr><td class="num">{f.segment}</td><td>{_e(f.code)}</td>'
                f'<td class="sev-{f.severity}">{f.severity}</td><td>{_e(f.message)}</td>'
                f"<td{_dir(context)}>{context}</td></tr>"
            )
        more = len(r.findings) - MAX_FINDINGS
        parts.append(
            '<table class="sortable findings"><thead><tr><th class="num">Segment</th><th>Code</th>'
            "<th>Severity</th><th>Message</th><th>Evidence</th></tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>"
            + (f"<p>{more} more findings not shown.</p>" if more > 0 else "")
        )
    parts.append("</section>")
    return "".join(parts)


def _terms_section(report: ScoreReport) -> str:
    parts = ['<section id="terms"><h2>Term accuracy per concept</h2>']
    any_terms = False
    for system in report.systems:
        tr = system.terms
        if tr is None:
            continue
        any_terms = True
        parts.append(f"<h3>{_e(system.name)}</h3><p>" + "<br>".join(map(_e, tr.summary_lines())))
        parts.append("</p>")
        rows = "".join(
            f"<tr><td>{_e(c.label)}</td><td><small>{_e(c.concept)}</small></td>"
            f'<td class="num">{c.total}</td><td class="num">{c.success}</td>'
            f'<td class="num">{c.variant}</td><td class="num">{c.miss}</td>'
            f'<td class="num" data-v="{c.success_rate:.4f}">{100 * c.success_rate:.0f}%</td></tr>'
            for c in tr.per_concept()
        )
        parts.append(
            '<table class="sortable terms"><thead><tr><th>Concept</th><th>id</th>'
            '<th class="num">Occurrences</th><th class="num">Success</th>'
            '<th class="num">Variant</th><th class="num">Miss</th><th class="num">Rate</th></tr>'
            f"</thead><tbody>{rows}</tbody></table>"
        )
    parts.append("</section>")
    return "".join(parts) if any_terms else ""


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
    """The report as one HTML string (no external resources of any kind)."""
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")  # noqa: UP017
    body: list[str] = []
    hyps = hypotheses
    if score is not None:
        hyps = hyps or {s.name: s.hypotheses for s in score.systems}
        body.append(_scores_section(score))
        if score.systems[0].segments:
            body.append(_charts_section(score))
            body.append(_worst_section(score, worst, worst_by))
        body.append(_terms_section(score))
    if qa:
        body.append(_qa_section(qa, hyps))
    from .._version import __version__

    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"
        f"<title>{_e(title)}</title><style>{CSS}</style></head><body>"
        f"<header><h1>{_e(title)}</h1><p>tarjama {__version__} &middot; {when}</p></header>"
        f"<main>{''.join(body)}</main><script>{JS}</script></body></html>\n"
    )


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
