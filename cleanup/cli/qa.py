"""``tarjama qa``: per-segment findings on a translation (numbers, language, quotes...)."""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import click

from .common import (
    EXIT_FINDINGS,
    check_outputs,
    emit_rows,
    fail,
    output_format_option,
    split_codes,
)
from .score import GreedyCommand, load_glossary_or_fail

FINDING_COLUMNS = ("file", "line", "code", "severity", "message", "evidence")


@click.command("qa", cls=GreedyCommand)
@click.option("--src", "src", required=True, help="Source file (Arabic), one segment per line.")
@click.option("-i", "--input", "hyps", multiple=True, required=True, help="Translation file(s).")
@click.option("-r", "--ref", "ref", help="Reference translation (optional).")
@click.option("--select", multiple=True, help="Codes or prefixes to check (comma-separated).")
@click.option("--ignore", multiple=True, help="Codes or prefixes not to check.")
@click.option("--no-langdetect", is_flag=True, help="Script test only for the language check.")
@click.option("--glossary", "glossaries", multiple=True, help="Extra glossary file (TRM01, TRL01).")
@click.option("--no-glossary", is_flag=True, help="Without the glossary (TRM01, TRL01).")
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    default="warning",
    show_default=True,
    help="Exit 1 when a finding of this severity or worse is reported.",
)
@output_format_option(legacy=True)
@click.option("--statistics", is_flag=True, help="Also print the number of findings per code.")
@click.option("--html", "html_path", type=str, help="Write a self-contained HTML report here.")
@click.option("--quiet", "-q", is_flag=True, help="No summary on stderr.")
def qa_command(
    src: str,
    hyps: tuple[str, ...],
    ref: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    no_langdetect: bool,
    glossaries: tuple[str, ...],
    no_glossary: bool,
    fail_on: str,
    output_format: str,
    statistics: bool,
    html_path: str | None,
    quiet: bool,
) -> None:
    """Check translations segment by segment against the source.

    The checks (`tarjama rules qa` lists them, `tarjama rules CODE` explains one):

    \b
    EMP01 empty output            SRC01 output identical to source
    UNT01 untranslated Arabic     LNG01 wrong language (script, then langdetect)
    NUM01 source number missing   NUM02 number not in source (info)
    QUO01 unpaired quote          BRK01 unbalanced bracket
    DUP01 doubled word            LEN01/LEN02 too short/long (SentencePiece ratio)
    BYT01 byte-fallback tokens    TIM01 time with a spaced colon (12: 00)
    TRM01 deprecated term         TRL01 Arabic word romanised (tawajin)
    QE01  low adequacy: a source sentence not rendered (needs tarjama[qe])

    \b
    Exit status: 0 no findings (at --fail-on or worse); 1 findings; 2 usage or input error.
    """
    from ..config import ConfigError
    from ..qa import QAOptions, QAReport, Severity, run_qa, select_checks
    from ..score import ScoreInputError, check_same_length, read_segments

    options = QAOptions(
        select=split_codes(select), ignore=split_codes(ignore), language_detect=not no_langdetect
    )
    try:
        checks = select_checks(options)
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from None
    check_outputs([html_path], (src, *hyps, *([ref] if ref else [])))
    try:
        sources = read_segments(src)
        references = read_segments(ref) if ref else None
        systems = {h: read_segments(h, allow_empty=True) for h in hyps}
        named: list[tuple[str, Sequence[str]]] = [(src, sources)]
        if ref and references is not None:
            named.append((ref, references))
        named += list(systems.items())
        check_same_length(named)
    except ScoreInputError as exc:
        fail(str(exc))
    glossary = None
    if not no_glossary and any(c.needs_glossary for c in checks):
        glossary = load_glossary_or_fail(glossaries)
    reports: dict[str, QAReport] = {
        name: run_qa(sources, hyp, options, references=references, glossary=glossary)
        for name, hyp in systems.items()
    }
    rows: list[dict[str, Any]] = []
    for name, report in reports.items():
        for f in report.findings:
            rows.append({"file": name, **f.to_dict()})

    def text(r: Mapping[str, Any]) -> str:
        ev = f": {r['evidence']}" if r["evidence"] else ""
        return f"{r['file']}:{r['line']}: {r['code']} [{r['severity']}] {r['message']}{ev}"

    emit_rows(
        rows,
        output_format,
        FINDING_COLUMNS,
        text,
        json_document={name: r.to_dict() for name, r in reports.items()},
    )
    if statistics:
        summaries = {c.code: c.summary() for c in checks}
        for name, report in reports.items():
            for code, n in report.counts().items():
                click.echo(f"{name}\t{code}\t{n}\t{summaries[code]}", err=True)
    if html_path:
        from ..report import write_html

        write_html(
            Path(html_path), qa=reports, sources=sources, references=references, hypotheses=systems
        )
    level: Severity = fail_on  # type: ignore[assignment]
    failing = sum(len(r.at_least(level)) for r in reports.values())
    if not quiet:
        total = sum(len(r.findings) for r in reports.values())
        n = len(sources)
        click.echo(
            f"tarjama: {total} finding(s) in {n} segments of {len(reports)} file(s); "
            f"{failing} at {fail_on} or worse",
            err=True,
        )
    sys.exit(EXIT_FINDINGS if failing else 0)


def register(group: click.Group) -> None:
    group.add_command(qa_command)
