"""SVG charts for the HTML report, drawn in Python (no library, no network): a grouped
histogram of per-segment scores with a box plot per system."""

from __future__ import annotations

import html
from collections.abc import Sequence

__all__ = ["COLORS", "histogram"]

COLORS = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf")


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def histogram(name: str, series: Sequence[tuple[str, Sequence[float]]]) -> str:
    """Grouped histogram (10 bins over 0-100) with a box plot per system, as SVG markup (every
    text in it escaped)."""
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
