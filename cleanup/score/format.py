"""Plain-text renderings of a :class:`ScoreReport`: sacrebleu-style lines and tables."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from .core import MetricScore, ScoreReport

__all__ = [
    "format_score_cell",
    "format_score_only",
    "format_text",
    "format_tsv",
    "parse_fail_under",
    "segment_rows",
    "shortfalls",
    "worst_segments",
]


MAX_CONCEPTS = 15


def format_score_cell(ms: MetricScore, width: int = 2) -> str:
    """``31.02 (30.98 ± 1.21) (p = 0.0030)*`` as in sacrebleu's table."""
    text = f"{ms.score:.{width}f}"
    if ms.mean is not None and ms.ci is not None:
        text += f" ({ms.mean:.{width}f} ± {ms.ci:.{width}f})"
    if ms.p_value is not None:
        text += f" (p = {ms.p_value:.4f})" + ("*" if ms.p_value <= 0.05 else "")
    return text


def _single_line(ms: MetricScore, width: int) -> str:
    sc = f"{ms.score:.{width}f}"
    if ms.mean is not None and ms.ci is not None:
        sc += f" (μ = {ms.mean:.{width}f} ± {ms.ci:.{width}f})"
    line = f"{ms.name}|{ms.signature} = {sc}"
    return f"{line} {ms.verbose}" if ms.verbose else line


def _table(rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    out = []
    for n, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)
        ]
        out.append("  ".join(cells).rstrip())
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    return out


def format_text(report: ScoreReport, width: int = 2) -> str:
    """The human-readable report: one line per metric for one system, else a table; then
    what each metric says beyond its score (the terms metric's per-concept table)."""
    lines: list[str] = []
    keys = list(report.metrics)
    if len(report.systems) == 1 and keys:
        system = report.systems[0]
        lines += [_single_line(system.scores[k], width) for k in keys]
    elif keys:
        header = ["System"] + [report.names.get(k, k) for k in keys]
        rows = [header]
        for i, system in enumerate(report.systems):
            label = f"Baseline: {system.name}" if i == 0 and report.test else system.name
            rows.append([label] + [format_score_cell(system.scores[k], width) for k in keys])
        lines += _table(rows)
        lines.append("")
        if report.test:
            kind = "bootstrap resampling" if report.test == "bs" else "approximate randomization"
            lines.append(
                f"Paired {kind} test, {report.n_samples} samples, seed {report.seed}: "
                "p-values against the baseline; * = p <= 0.05."
            )
            if report.test == "bs":
                lines.append("Scores are: actual (bootstrap mean ± 95% CI half-width).")
            lines.append("")
        lines.append("Metric signatures")
        for name, sig in report.signatures().items():
            lines.append(f" - {name:<10} {sig}")
    for system in report.systems:
        for detail in system.details.values():
            if lines:
                lines.append("")
            prefix = f"{system.name}: " if len(report.systems) > 1 else ""
            lines += [prefix + ln for ln in detail.summary_lines()]
            concepts = detail.per_concept()
            if concepts:
                rows = [["Concept", "n", "success", "variant", "miss"]]
                rows += [
                    [c.label, str(c.total), str(c.success), str(c.variant), str(c.miss)]
                    for c in concepts[:MAX_CONCEPTS]
                ]
                lines += ["  " + ln for ln in _table(rows)]
                if len(concepts) > MAX_CONCEPTS:
                    more = len(concepts) - MAX_CONCEPTS
                    lines.append(f"  ... {more} more concepts (--format json or --html)")
    return "\n".join(lines) + "\n"


def format_score_only(report: ScoreReport, width: int = 2, as_json: bool = False) -> str:
    """Only the numbers, as ``sacrebleu -b``: one line per metric for one system, in
    sacrebleu's (alphabetical) order, or with ``as_json`` sacrebleu's JSON list of them (a
    bare number for one metric); for several systems one line per system, the scores
    separated by tabs."""
    keys = sorted(report.metrics, key=str.upper)

    def values(system: Any) -> list[str]:
        return [f"{system.scores[k].score:.{width}f}" for k in keys]

    if len(report.systems) > 1:
        return "".join("\t".join(values(s)) + "\n" for s in report.systems)
    numbers = values(report.systems[0])
    if as_json and len(numbers) > 1:
        return "[\n" + ",\n".join(numbers) + "\n]\n"
    return "".join(v + "\n" for v in numbers)


def format_tsv(report: ScoreReport, width: int = 2) -> str:
    """One row per system and metric: system, metric, score, and the p-value, bootstrap mean
    and CI half-width when computed, and the signature."""
    cols = ["system", "metric", "score", "p_value", "mean", "ci", "signature"]
    lines = ["\t".join(cols)]

    def num(x: float | None) -> str:
        return "" if x is None else f"{x:.{width}f}"

    for system in report.systems:
        for key in report.metrics:
            ms = system.scores[key]
            p = "" if ms.p_value is None else f"{ms.p_value:.4f}"
            row = [system.name, ms.name, num(ms.score), p, num(ms.mean), num(ms.ci), ms.signature]
            lines.append("\t".join(row))
    return "\n".join(lines) + "\n"


def worst_segments(report: ScoreReport, n: int, metric: str | None = None) -> list[dict[str, Any]]:
    """The ``n`` worst segments of every system, with source, references and hypothesis."""
    out: list[dict[str, Any]] = []
    for s, system in enumerate(report.systems):
        key = metric or next(iter(system.segments))
        for i in report.worst(s, n, key):
            entry: dict[str, Any] = {
                "system": system.name,
                "line": i + 1,
                "segment": i + 1,  # deprecated alias of line
                "metric": report.names.get(key, key),
                "score": system.segments[key][i],
                "hypothesis": system.hypotheses[i],
                "references": [r[i] for r in report.references],
            }
            if report.sources is not None:
                entry["source"] = report.sources[i]
            out.append(entry)
    return out


def format_worst(entries: Sequence[dict[str, Any]]) -> str:
    lines: list[str] = []
    for e in entries:
        lines.append(f"[{e['system']}] line {e['line']}: {e['metric']} = {e['score']:.2f}")
        if "source" in e:
            lines.append(f"  SRC: {e['source']}")
        for ref in e["references"]:
            lines.append(f"  REF: {ref}")
        lines.append(f"  HYP: {e['hypothesis']}")
    return "\n".join(lines) + ("\n" if lines else "")


def segment_rows(report: ScoreReport) -> list[dict[str, Any]]:
    """One row per system and segment with every segment-level score."""
    rows: list[dict[str, Any]] = []
    for system in report.systems:
        for i in range(report.n_segments):
            row: dict[str, Any] = {"system": system.name, "line": i + 1, "segment": i + 1}
            for key, values in system.segments.items():
                row[key] = round(values[i], 4)
            rows.append(row)
    return rows


def write_segments(rows: Sequence[dict[str, Any]], fmt: str) -> str:
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    if not rows:
        return ""
    cols = list(rows[0])
    lines = ["\t".join(cols)]
    for r in rows:
        lines.append("\t".join(str(r.get(c, "")).replace("\t", " ") for c in cols))
    return "\n".join(lines) + "\n"


def parse_fail_under(spec: str) -> dict[str, float]:
    """``bleu=30,chrf=55`` -> ``{"bleu": 30.0, "chrf": 55.0}``; ValueError if malformed."""
    out: dict[str, float] = {}
    for part in spec.split(","):
        part = part.strip()
        if not part:
            continue
        key, sep, value = part.partition("=")
        if not sep:
            raise ValueError(f"expected METRIC=VALUE, got {part!r}")
        try:
            out[key.strip().lower()] = float(value)
        except ValueError:
            raise ValueError(f"not a number in {part!r}") from None
    return out


def shortfalls(
    report: ScoreReport, thresholds: dict[str, float], systems: Sequence[int] | None = None
) -> list[str]:
    """Messages for every score that misses its threshold (for TER: exceeds it)."""
    msgs: list[str] = []
    for s in systems if systems is not None else range(len(report.systems)):
        system = report.systems[s]
        for key, limit in thresholds.items():
            if key in system.scores:
                value = system.scores[key].score
                higher = report.higher_is_better.get(key, True)
            else:
                continue
            bad = value < limit if higher else value > limit
            if bad:
                rel = "below" if higher else "above"
                msgs.append(f"{system.name}: {key} = {value:.2f} is {rel} the limit {limit:g}")
    return msgs
