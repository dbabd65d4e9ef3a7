"""``tarjama clean``: normalise MT output and apply the name glossary, with an edit log."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections import Counter
from collections.abc import Callable, Mapping
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Any

import click

from ..atomic import atomic_writer
from ..config import ConfigError
from ..driver import (
    CleanOptions,
    FileOutcome,
    Piece,
    clean_stream,
    open_input,
    write_explain,
)
from ..io import InputError, json_line
from .common import (
    EXIT_FINDINGS,
    check_outputs,
    cli_config,
    date_options,
    fail,
    glossary_options,
    input_format_option,
    output_format_option,
    stdin_or_files,
    tsv_cell,
    warn,
)
from .diff import DiffWriter

#: Findings of one code printed on stderr before the rest are only counted.
FINDINGS_SHOWN = 20
FINDING_COLUMNS = ("file", "line", "id", "record", "start", "end", "code", "message", "severity")


def _rule_names() -> dict[str, str]:
    from ..rules import RULES

    return {r.code: r.name for r in RULES}


@click.command("clean")
@click.argument("files", nargs=-1, type=str)
@click.option("-o", "--output", type=str, help="Write the cleaned text here (default: stdout).")
@click.option(
    "--in-place",
    is_flag=True,
    help="Rewrite each input file (atomically; a link is followed, the file's mode kept).",
)
@click.option(
    "--check",
    is_flag=True,
    help="Write nothing; name each file that would change ('would clean FILE') and exit 1.",
)
@click.option(
    "--diff",
    "show_diff",
    is_flag=True,
    help="Write a unified diff instead of the text (exit 0; with --check, exit 1 on changes).",
)
@click.option("--statistics", is_flag=True, help="Print the number of edits per rule (on stderr).")
@click.option(
    "--explain",
    "explain_path",
    type=str,
    help="Write the edit log as JSON Lines to this file ('-' for stdout with --check).",
)
@input_format_option(legacy=True)
@click.option(
    "--field", "json_field", default="text", show_default=True, help="JSONL field to clean."
)
@click.option(
    "--id-field",
    type=str,
    default=None,
    help="JSONL field with each record's own id, carried into the edit log and findings.",
)
@click.option(
    "--strict-field",
    is_flag=True,
    help="A record without --field (or --column) is an error, not a warning.",
)
@click.option(
    "--column",
    "tsv_column",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="TSV column to clean (1-based).",
)
@click.option(
    "--quotes",
    type=click.Choice(["straight", "curly", "keep"]),
    default=None,
    help="Quote style [default: straight].",
)
@click.option(
    "--segmented",
    is_flag=True,
    default=None,
    help="One sentence per line: quotations may span lines; unpaired quotes are only reported.",
)
@click.option(
    "--select", multiple=True, help="Rules to run: codes, prefixes or groups (comma-separated)."
)
@click.option("--ignore", multiple=True, help="Rules not to run: codes, prefixes or groups.")
@click.option("--no-glossary", is_flag=True, help="Do not apply the name glossary.")
@glossary_options()
@date_options()
@click.option(
    "--errors",
    type=click.Choice(["strict", "replace"]),
    default="strict",
    show_default=True,
    help="Invalid UTF-8: fail with exit 2, or replace with U+FFFD and log it.",
)
@click.option(
    "--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True, help="Processes."
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="dask: clean sharded JSONL/Parquet (files, folders, globs, fsspec URLs) on a Dask "
    "cluster into the folder -o OUTDIR, with each shard's edit log, findings and "
    "OUTDIR/_manifest.json (docs/scaling.md; needs tarjama[dask]).",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    default=None,
    help="--engine dask: the scheduler to connect to (tcp://HOST:8786; default: start a "
    "local cluster).",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="--engine dask: worker processes of the local cluster [default: one per core].",
)
@click.option(
    "--resume",
    is_flag=True,
    help="--engine dask: skip the shards OUTDIR/_manifest.json lists as done (same input, "
    "same tarjama and glossary versions).",
)
@click.option(
    "--retries",
    type=click.IntRange(min=0),
    default=None,
    help="--engine dask: times a shard that fails is tried again before it is reported "
    "[default: 2].",
)
@output_format_option(help="Format of findings and statistics on stderr.")
@click.option(
    "--all-findings",
    is_flag=True,
    help=f"Print every finding in text (default: the first {FINDINGS_SHOWN} of each code, "
    "then a count).",
)
@click.option("--config", "config_path", type=str, help="pyproject.toml to read settings from.")
@click.option("--isolated", is_flag=True, help="Ignore [tool.tarjama] in pyproject.toml.")
@click.option("--quiet", "-q", is_flag=True, help="Print no findings, warnings or progress.")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: on a TTY).")
def clean_command(
    files: tuple[str, ...],
    output: str | None,
    in_place: bool,
    check: bool,
    show_diff: bool,
    statistics: bool,
    explain_path: str | None,
    input_format: str,
    json_field: str,
    id_field: str | None,
    strict_field: bool,
    tsv_column: int,
    quotes: str | None,
    segmented: bool | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    no_glossary: bool,
    glossaries: tuple[str, ...],
    glossary_unchecked: bool,
    glossary_context: str | None,
    date: dt.datetime | None,
    date_field: str | None,
    errors: str,
    jobs: int,
    engine: str,
    scheduler: str | None,
    workers: int | None,
    resume: bool,
    retries: int | None,
    output_format: str,
    all_findings: bool,
    config_path: str | None,
    isolated: bool,
    quiet: bool,
    progress: bool | None,
) -> None:
    """Clean machine-translated English text: FILES, or '-' for stdin.

    Fixes mojibake, invisible characters, Arabic punctuation and digits, quote style and
    unpaired quotes, apostrophes in names, spacing and doubled punctuation, and (unless
    --no-glossary) makes names follow the glossary. Run `tarjama rules` for the list.

    Line count, blank lines, CRLF endings and a missing final newline are preserved. With
    --explain, every edit is logged with its offsets into the original record, so extracted
    spans can be mapped back to the raw wire.

    With --engine dask, FILES are JSONL or Parquet shards cleaned on a Dask cluster into the
    folder -o OUTDIR (docs/scaling.md); the exit status is 1 when a shard failed.

    \b
    Exit status: 0 ok (also with --diff); 1 with --check when something would
    change, or a shard failed (--engine dask); 2 usage or input error.
    """
    if engine != "dask":
        for name, value in (
            ("--scheduler", scheduler),
            ("--workers", workers),
            ("--retries", retries),
        ):
            if value is not None:
                raise click.UsageError(f"{name} needs --engine dask")
        if resume:
            raise click.UsageError("--resume needs --engine dask")
    elif jobs > 1:
        raise click.UsageError("--jobs is for one machine; --engine dask takes --workers")
    elif input_format == "tsv":
        raise click.UsageError("--engine dask reads JSONL and Parquet shards, not TSV")
    else:
        input_format = "jsonl"  # the shards' format: .jsonl, .jsonl.gz or .parquet
    files = stdin_or_files(files)
    if in_place and (output or show_diff or check):
        raise click.UsageError("--in-place cannot be combined with -o, --diff or --check")
    if in_place and "-" in files:
        raise click.UsageError("--in-place needs files, not stdin")
    if output and len(files) > 1:
        raise click.UsageError("-o takes one input; use --in-place for several files")
    if explain_path == "-" and not check:
        raise click.UsageError("--explain - (stdout) needs --check: stdout carries the text")
    if date_field and input_format != "jsonl":
        raise click.UsageError("--date-field needs --input-format jsonl")
    if id_field and input_format != "jsonl":
        raise click.UsageError("--id-field needs --input-format jsonl")
    if strict_field and input_format == "text":
        raise click.UsageError("--strict-field needs --input-format jsonl or tsv")
    if engine == "dask":
        _check_dask(files, output, in_place, check, show_diff, statistics, explain_path)
        if scheduler is not None and workers is not None:
            raise click.UsageError("--workers sizes a local cluster: not with --scheduler")
    else:
        check_outputs([output, explain_path], files)

    config = cli_config(
        config_path,
        isolated,
        quotes=quotes,
        segmented=segmented,
        select=select,
        ignore=ignore,
        no_glossary=no_glossary,
        glossaries=glossaries,
        glossary_unchecked=glossary_unchecked,
        glossary_context=glossary_context,
        date=date,
        date_field=date_field,
    )
    try:
        from ..pipeline import Pipeline

        Pipeline(config)  # validate selectors and load the glossary once, up front
    except ConfigError as exc:
        fail(str(exc))

    options = CleanOptions(
        config=config,
        input_format=input_format,  # type: ignore[arg-type]
        json_field=json_field,
        id_field=id_field,
        strict_field=strict_field,
        tsv_column=tsv_column,
        errors=errors,
        explain=explain_path is not None,
        jobs=jobs,
        keep_original=show_diff,
    )
    show_progress = (not quiet) and (progress if progress is not None else sys.stderr.isatty())
    if engine == "dask":
        assert output is not None
        _clean_dask(
            files, output, options, scheduler, workers, resume, retries, show_progress, quiet
        )
        return
    totals: Counter[str] = Counter()
    outcomes: list[FileOutcome] = []
    any_changed = False
    with ExitStack() as stack:
        explain_fh: IO[str] | None = None
        if explain_path == "-":
            explain_fh = sys.stdout
        elif explain_path:
            explain_fh = stack.enter_context(atomic_writer(Path(explain_path)))
        for name in files:
            outcome = _clean_one(
                name,
                options,
                output=output,
                in_place=in_place,
                write_data=not (check or show_diff),
                diff=DiffWriter(name, sys.stdout) if show_diff else None,
                explain=explain_fh,
                multi=len(files) > 1,
                show_progress=show_progress,
            )
            outcomes.append(outcome)
            totals.update(outcome.counts)
            any_changed = any_changed or outcome.changed
    if not quiet:
        _report(outcomes, output_format, all_findings)
    if statistics:
        _statistics(totals, outcomes, output_format)
    if check and any_changed:
        if not quiet:
            for o in outcomes:
                if o.changed:
                    click.echo(f"would clean {o.name}", err=True)
            n = sum(1 for o in outcomes if o.changed)
            click.echo(f"{n} file(s) would be changed", err=True)
        sys.exit(EXIT_FINDINGS)


def _check_dask(
    files: tuple[str, ...],
    output: str | None,
    in_place: bool,
    check: bool,
    show_diff: bool,
    statistics: bool,
    explain_path: str | None,
) -> None:
    """The options that --engine dask does not take, and the ones it needs."""
    for name, value in (
        ("--in-place", in_place),
        ("--check", check),
        ("--diff", show_diff),
        ("--statistics", statistics),
        ("--explain", explain_path),
    ):
        if value:
            raise click.UsageError(
                f"{name} is not for --engine dask: each shard's edit log and findings are in "
                "OUTDIR/_edits and OUTDIR/_findings, its counts in OUTDIR/_manifest.json"
            )
    if not output or output == "-":
        raise click.UsageError("--engine dask needs -o OUTDIR, the folder for the shards")
    if "-" in files:
        raise click.UsageError("--engine dask reads shards, not stdin")


def _clean_dask(
    files: tuple[str, ...],
    outdir: str,
    options: CleanOptions,
    scheduler: str | None,
    workers: int | None,
    resume: bool,
    retries: int | None,
    show_progress: bool,
    quiet: bool,
) -> None:
    """Clean the shards on a Dask cluster; exit 1 naming the shards that failed."""
    try:
        from .. import dask as engine

        engine.require()
    except ModuleNotFoundError as exc:
        fail(f"--engine dask needs {exc.name}: pip install 'tarjama[dask]'")
    try:
        shards = engine.find_shards(files)
        engine.check_outdir(shards, outdir)
    except InputError as exc:
        fail(str(exc))
    if os.path.isfile(outdir):
        fail(f"{outdir}: is a file; -o with --engine dask is a folder")
    with ExitStack() as stack:
        try:
            client = stack.enter_context(engine.connect(scheduler, workers))
        except OSError as exc:
            fail(f"cannot reach the Dask scheduler {scheduler}: {exc}")
        link = engine.dashboard_link(client, local=scheduler is None)
        if link and not quiet:
            click.echo(f"tarjama: Dask dashboard: {link}", err=True)
        bar: Any = None
        if show_progress:
            from tqdm import tqdm

            bar = stack.enter_context(
                tqdm(total=len(shards), unit="shard", desc=outdir, file=sys.stderr)
            )

        def on_done(report: engine.ShardReport) -> None:
            if bar is not None:
                bar.update(1)

        run = engine.clean_shards(
            client,
            shards,
            outdir,
            options,
            resume=resume,
            retries=engine.RETRIES if retries is None else retries,
            on_done=on_done,
        )
    for r in run.shards:
        for w in r.warnings if not quiet else ():
            warn(w)
    for r in run.failed:
        click.echo(f"tarjama: error: {r.error}", err=True)
    done, skipped, failed = run.count("done"), run.count("skipped"), len(run.failed)
    if not quiet:
        click.echo(
            f"tarjama: {done} shard(s) cleaned, {skipped} skipped (done before), {failed} failed; "
            f"manifest: {outdir.rstrip('/')}/{engine.MANIFEST}",
            err=True,
        )
    if failed:
        names = ", ".join(r.input for r in run.failed)
        click.echo(f"tarjama: error: {failed} shard(s) failed: {names}", err=True)
        sys.exit(EXIT_FINDINGS)


def _clean_one(
    name: str,
    options: CleanOptions,
    *,
    output: str | None,
    in_place: bool,
    write_data: bool,
    diff: DiffWriter | None,
    explain: IO[str] | None,
    multi: bool,
    show_progress: bool,
) -> FileOutcome:
    bar: Any = None
    with ExitStack() as stack:
        try:
            stream = open_input(name)
        except InputError as exc:
            fail(str(exc))
        if name != "-":
            stack.callback(stream.close)
        # The cleaned text comes as UTF-8 bytes (encoded where it was cleaned, possibly in a
        # worker process) and is written as such: to stdout's binary buffer, after what its
        # text layer holds (a stdout without one, as in a notebook, is given the text).
        write: Callable[[bytes], Any] | None = None
        to_stdout = False
        if write_data:
            into = name if in_place else output if output and output != "-" else None
            if into is not None:
                write = stack.enter_context(atomic_writer(Path(into), binary=True)).write
            else:
                to_stdout = True
                sys.stdout.flush()
                binary = getattr(sys.stdout, "buffer", None)
                write = binary.write if binary is not None else _text_writer(sys.stdout)
        if show_progress:
            from tqdm import tqdm

            total = os.path.getsize(name) if name != "-" and os.path.isfile(name) else None
            bar = stack.enter_context(
                tqdm(total=total, unit="B", unit_scale=True, desc=name, file=sys.stderr)
            )

        def on_piece(piece: Piece) -> None:
            if explain is not None and piece.edits:
                write_explain(
                    explain,
                    piece.edits,
                    name if multi else None,
                    piece.ids,
                    options.input_format == "text",
                )
            if diff is not None:
                diff.add(piece)

        try:
            outcome = clean_stream(
                stream,
                name,
                options,
                write,
                on_piece,
                progress=bar.update if bar is not None else None,
            )
        except InputError as exc:
            # The atomic writer discards its temporary file: no partial output replaces a file.
            fail(str(exc))
        if diff is not None:
            diff.finish()
        if to_stdout:
            sys.stdout.flush()
    return outcome


def _text_writer(stream: IO[str]) -> Callable[[bytes], Any]:
    """Writes UTF-8 bytes to a text stream that has no binary side."""
    return lambda data: stream.write(data.decode("utf-8"))


def _report(outcomes: list[FileOutcome], fmt: str, show_all: bool) -> None:
    """Repairs, warnings and findings on stderr. In text, a code's findings beyond the first
    FINDINGS_SHOWN are counted, not printed, unless ``show_all``; JSON Lines and TSV, meant
    for programs, are always complete."""
    shown: Counter[str] = Counter()
    capped = fmt == "text" and not show_all
    if fmt == "tsv" and any(o.findings for o in outcomes):
        click.echo("\t".join(FINDING_COLUMNS), err=True)
    for o in outcomes:
        for r in o.repairs:
            warn(f"{o.name}:{r.line}: {r.message}")
        for w in o.warnings:
            warn(f"{o.name}: {w}")
        for f in o.findings:
            shown[f.code] += 1
            if capped and shown[f.code] > FINDINGS_SHOWN:
                continue
            row = f.to_json(o.name)
            if fmt == "json":
                click.echo(json_line(row), err=True)
            elif fmt == "tsv":
                click.echo("\t".join(tsv_cell(row.get(c)) for c in FINDING_COLUMNS), err=True)
            else:
                click.echo(_finding_text(row), err=True)
    for code, n in sorted(shown.items()):
        if capped and n > FINDINGS_SHOWN:
            warn(f"{n - FINDINGS_SHOWN} more {code} findings not shown (--all-findings shows all)")


def _finding_text(row: Mapping[str, object]) -> str:
    col = int(str(row["start"])) + 1
    return f"{row['file']}:{row['line']}:{col}: {row['code']} {row['message']}"


def _statistics(totals: Counter[str], outcomes: list[FileOutcome], fmt: str) -> None:
    names = _rule_names()
    findings: Counter[str] = Counter(f.code for o in outcomes for f in o.findings)
    records = sum(o.records for o in outcomes)
    changed = sum(o.changed_records for o in outcomes)
    if fmt == "json":
        click.echo(
            json.dumps(
                {
                    "records": records,
                    "changed_records": changed,
                    "edits": {c: totals[c] for c in sorted(totals)},
                    "findings": {c: findings[c] for c in sorted(findings)},
                }
            ),
            err=True,
        )
        return
    if fmt == "tsv":
        click.echo("code\tname\tkind\tcount", err=True)
        for code, n in sorted(totals.items()):
            click.echo(f"{code}\t{names.get(code, '')}\tedits\t{n}", err=True)
        for code, n in sorted(findings.items()):
            click.echo(f"{code}\t{names.get(code, '')}\tfindings\t{n}", err=True)
        return
    click.echo(f"{changed} of {records} records changed", err=True)
    for code, n in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0])):
        click.echo(f"{n:>8}  {code}  {names.get(code, '')}", err=True)
    for code, n in sorted(findings.items()):
        click.echo(f"{n:>8}  {code}  {names.get(code, '')} (reported)", err=True)
