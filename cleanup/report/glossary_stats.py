"""One HTML file, no network: the page of ``tarjama glossary stats -f html``.

It shows the JSON document of :meth:`cleanup.stats.CorpusStats.to_json` (this module takes the
plain document, so the report does not depend on the stats app): the totals, a bar chart of
the most mentioned concepts (inline SVG, one segment per variant status), a table of concepts
with their variants, the unlisted spellings found and the ambiguous mentions left alone. The
template (``templates/glossary-stats.html.j2``) is autoescaped, with the report's CSS and JS.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Any

from markupsafe import Markup

from .html import _TEMPLATES, _environment

__all__ = ["render_stats_html"]

#: Bars in the chart, at most.
CHART_BARS = 25
#: One colour per variant status (cleanup.stats.STATUSES).
STATUS_COLORS = {
    "preferred": "#2ca02c",
    "admitted": "#1f77b4",
    "deprecated": "#ff7f0e",
    "arabic": "#9467bd",
    "unlisted": "#d62728",
}
_LABEL_CHARS = 34


def _chart(concepts: list[Mapping[str, Any]]) -> dict[str, Any]:
    """The geometry of a horizontal bar chart of mentions per concept, a bar segment per
    variant status."""
    label_w, bar_w, row_h, top = 230, 480, 20, 8
    peak = max((c["mentions"] for c in concepts), default=1) or 1
    bars = []
    for i, c in enumerate(concepts):
        by_status = {s: 0 for s in STATUS_COLORS}
        for v in c["variants"]:
            by_status[v["status"]] = by_status.get(v["status"], 0) + v["count"]
        x = float(label_w)
        segments = []
        for status, n in by_status.items():
            if n:
                w = n / peak * bar_w
                segments.append(
                    {"status": status, "count": n, "x": x, "w": w, "color": STATUS_COLORS[status]}
                )
                x += w
        label = c["label"]
        short = label if len(label) <= _LABEL_CHARS else label[: _LABEL_CHARS - 1] + "\u2026"
        bars.append(
            {
                "label": label,
                "short": short,
                "concept": c["concept"],
                "mentions": c["mentions"],
                "y": top + i * row_h,
                "end": x,
                "segments": segments,
            }
        )
    return {
        "width": label_w + bar_w + 60,
        "height": top * 2 + max(1, len(bars)) * row_h,
        "label_x": label_w - 6,
        "row_h": row_h,
        "bars": bars,
    }


def render_stats_html(doc: Mapping[str, Any], title: str = "tarjama glossary statistics") -> str:
    """The page as one HTML string (no external resources of any kind)."""
    from .._version import __version__

    context = {
        "title": title,
        "version": __version__,
        "when": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),  # noqa: UP017
        "css": Markup((_TEMPLATES / "report.css").read_text(encoding="utf-8")),
        "js": Markup((_TEMPLATES / "report.js").read_text(encoding="utf-8")),
        "doc": doc,
        "chart": _chart(list(doc["concepts"][:CHART_BARS])),
        "colors": STATUS_COLORS,
    }
    return _environment().get_template("glossary-stats.html.j2").render(context) + "\n"
