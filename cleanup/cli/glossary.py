"""``tarjama glossary``: lint, annotate and maintain name glossaries."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import replace
from typing import IO, Any

import click

from ..atomic import atomic_writer
from ..config import ConfigError
from ..glossary.errors import GlossaryError
from ..glossary.model import Glossary
from ..io import InputError, json_line
from .common import (
    EXIT_FINDINGS,
    check_outputs,
    cli_config,
    date_options,
    emit_rows,
    fail,
    glossary_options,
    input_format_option,
    output_format_option,
    split_codes,
    stdin_or_files,
    warn,
)

__all__ = ["glossary_group", "register"]


def register(group: click.Group) -> None:
    group.add_command(glossary_group)


@click.group("glossary")
def glossary_group() -> None:
    """Check, apply and maintain the name glossary.

    \b
    The shipped glossary lives in glossaries/*.toml (format: docs/glossary-format.md);
    `tarjama clean` applies it by default, with overlays from --glossary PATH.

    \b
      tarjama glossary lint                 check the shipped glossary
      tarjama glossary lint my-house.toml   check an overlay
      tarjama glossary annotate wire.txt    JSON Lines of the names in the cleaned text
      tarjama glossary stats wires/*.txt    mentions per concept, variants, what was left alone
      tarjama glossary fmt --check          canonical layout of the glossary files
      tarjama glossary merge BASE HOUSE     one file with a house-style overlay applied
      tarjama glossary diff OLD NEW         what changed between two glossaries
      tarjama glossary export --to csv      TBX v3/v2, CSV or DeepL TSV; `import` reads TBX or CSV
      tarjama glossary mine wires/*.txt     candidate new spellings, for review
    """


def _default_paths(paths: Sequence[str]) -> list[str]:
    if paths:
        return list(paths)
    from ..glossary.loader import default_glossary_dir

    d = default_glossary_dir()
    if d is None:
        fail("the shipped glossary is missing; give PATHs")
    return [str(d)]


def _display(path: str) -> str:
    """``path`` relative to the working directory when it is inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return path if rel.startswith("..") else rel


# -- lint ------------------------------------------------------------------------------------


@glossary_group.command("lint")
@click.argument("paths", nargs=-1, type=str)
@output_format_option(help="Findings as 'file:line:col: CODE message' lines, a JSON array or TSV.")
@click.option("--ignore", multiple=True, help="Codes not to report (comma-separated).")
@click.option("--quiet", "-q", is_flag=True, help="Print findings only, no summary.")
def lint_command(
    paths: tuple[str, ...], output_format: str, ignore: tuple[str, ...], quiet: bool
) -> None:
    """Check glossary files: PATHs are files or folders (default: the shipped glossary).

    All PATHs are read as one glossary (concept ids unique across them). Checks: TOML and
    schema errors, duplicate ids, one surface form in two concepts, deprecated forms equal to
    preferred or admitted ones, replacement chains, stray whitespace and invisible
    characters, non-NFC text, short forms not marked exact, script mismatches and relations
    to unknown concepts, punctuation a replacement would drop. Codes GLL001-GLL014 (see
    `tarjama glossary codes`).

    Ambiguity (GLL015-GLL019): terms not yet reviewed that are common given names or
    surnames, places elsewhere in the world, frequent English words or phrases, frequent
    Arabic words, or hyphenated forms that read as ordinary words. Mark each reviewed term
    `ambiguous = true` (applied only with evidence in its context) or `ambiguous = false`.
    The name and place checks need `pip install 'tarjama[lint]'`; without it they are
    skipped, with a note.

    \b
    Exit status: 0 no findings; 1 findings; 2 usage error or unreadable input.
    """
    from ..glossary.lint import SEVERITY, lint_paths
    from ..glossary.reference import missing_sources

    missing = missing_sources()
    if missing:
        click.echo(
            f"tarjama: note: {', '.join(missing)} not installed: the name (GLL015) and place "
            "(GLL016) checks are skipped (pip install 'tarjama[lint]')",
            err=True,
        )

    skip = {c.upper() for c in split_codes(ignore)}
    try:
        problems = [p for p in lint_paths(_default_paths(paths)) if p.code not in skip]
    except GlossaryError as exc:
        fail(str(exc))
    problems = [replace(p, file=_display(p.file)) for p in problems]
    rows = [{**p.to_json(), "severity": SEVERITY.get(p.code, "error")} for p in problems]
    emit_rows(
        rows,
        output_format,
        ("file", "line", "col", "code", "severity", "message"),
        lambda r: f"{r['file']}:{r['line']}:{r['col']}: {r['code']} {r['message']}",
    )
    if output_format == "text" and not quiet:
        if problems:
            click.echo(f"Found {len(problems)} problem{'s' if len(problems) != 1 else ''}.")
        else:
            click.echo("All checks passed!")
    if problems:
        sys.exit(EXIT_FINDINGS)


@glossary_group.command("codes")
@output_format_option()
def codes_command(output_format: str) -> None:
    """List the lint codes (error: can make cleaning go wrong; warning: untidy data)."""
    from ..glossary.lint import CODES, SEVERITY

    rows = [{"code": c, "severity": SEVERITY[c], "what": w} for c, w in CODES.items()]
    emit_rows(
        rows,
        output_format,
        ("code", "severity", "what"),
        lambda r: f"{r['code']}  {r['severity']:<7}  {r['what']}",
    )


# -- annotate --------------------------------------------------------------------------------


@glossary_group.command("annotate")
@click.argument("files", nargs=-1, type=str)
@click.option("-o", "--output", type=str, help="Write the JSON Lines here (default: stdout).")
@input_format_option(legacy=True)
@click.option("--field", "json_field", default="text", show_default=True, help="JSONL field.")
@click.option(
    "--id-field",
    type=str,
    default=None,
    help="JSONL field with each record's own id, carried into every mention.",
)
@click.option("--column", "tsv_column", type=click.IntRange(min=1), default=1, show_default=True)
@glossary_options()
@date_options()
@click.option("--no-clean", is_flag=True, help="Find names in the text as it is, not cleaned.")
@click.option("--quotes", type=click.Choice(["straight", "curly", "keep"]), default=None)
@click.option("--segmented", is_flag=True, default=None, help="One sentence per line.")
@click.option("--errors", type=click.Choice(["strict", "replace"]), default="strict")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True)
@click.option("--config", "config_path", type=str, help="pyproject.toml to read settings from.")
@click.option("--isolated", is_flag=True, help="Ignore [tool.tarjama] in pyproject.toml.")
def annotate_command(
    files: tuple[str, ...],
    output: str | None,
    input_format: str,
    json_field: str,
    id_field: str | None,
    tsv_column: int,
    glossaries: tuple[str, ...],
    glossary_unchecked: bool,
    glossary_context: str | None,
    date: dt.datetime | None,
    date_field: str | None,
    no_clean: bool,
    quotes: str | None,
    segmented: bool | None,
    errors: str,
    jobs: int,
    config_path: str | None,
    isolated: bool,
) -> None:
    """JSON Lines of the glossary names in FILES ('-' for stdin), after cleaning.

    One object per mention: line (1-based line or JSONL record; also as the deprecated
    0-based record), the record's id (--id-field), start/end in the cleaned text,
    raw_start/raw_end in the raw input (through the edit log), the surface text, and the
    concept id, type, matched term, its status and language, the preferred name, and the
    evidence (why the mention counts: the term is unambiguous, or an anchor licenses it,
    with the anchor's concept, line and offsets). A term marked ambiguous is reported only
    with evidence in its context (--glossary-context). A dated term (one whose concept
    changed, like "Syrian army" on 8 December 2024) resolves on the input's date; each
    mention says that date and whether it was given (--date, --date-field) or assumed
    (today): fields date and date_given. Offsets are code points into the record (or its
    --field / --column value).
    """
    from ..annotate import MentionRecord, annotate_stream
    from ..driver import CleanOptions, open_input
    from ..glossary.cache import compiled

    files = stdin_or_files(files)
    if id_field and input_format != "jsonl":
        raise click.UsageError("--id-field needs --input-format jsonl")
    if date_field and input_format != "jsonl":
        raise click.UsageError("--date-field needs --input-format jsonl")
    check_outputs([output], files)
    config = cli_config(
        config_path,
        isolated,
        quotes=quotes,
        segmented=segmented,
        glossaries=glossaries,
        glossary_unchecked=glossary_unchecked,
        glossary_context=glossary_context,
        date=date,
        date_field=date_field,
    ).replace(glossary=True)
    if no_clean:
        # no rule that changes text: only GL05, whose survey finds the context evidence
        config = config.replace(select=("GL05",), ignore=())
    try:
        matcher = compiled(config.glossary_paths, unchecked=config.glossary_unchecked)
    except ConfigError as exc:
        fail(str(exc))
    options = CleanOptions(
        config=config,
        input_format=input_format,  # type: ignore[arg-type]
        json_field=json_field,
        id_field=id_field,
        tsv_column=tsv_column,
        errors=errors,
        jobs=jobs,
    )
    multi = len(files) > 1
    with ExitStack() as stack:
        out: IO[str] | Any = sys.stdout
        if output and output != "-":
            out = stack.enter_context(atomic_writer(output))
        for name in files:

            def emit(m: MentionRecord, name: str = name) -> None:
                out.write(json_line(m.to_json(name if multi else None)) + "\n")

            try:
                stream = open_input(name)
                with stream if name != "-" else ExitStack():
                    outcome = annotate_stream(stream, name, options, matcher, emit)
                for r in outcome.repairs:
                    warn(f"{name}:{r.line}: {r.message}")
                for w in outcome.warnings:
                    warn(f"{name}: {w}")
            except (InputError, ConfigError) as exc:
                fail(str(exc))
            except json.JSONDecodeError as exc:
                fail(f"{name}: invalid JSON: {exc}")


# -- stats -----------------------------------------------------------------------------------


@glossary_group.command("stats")
@click.argument("files", nargs=-1, type=str)
@output_format_option(
    choices=("text", "json", "html"),
    help="A readable table, one JSON document, or a self-contained HTML page with a chart.",
)
@click.option("-o", "--output", type=str, help="Write here (default: stdout).")
@click.option(
    "--top",
    type=click.IntRange(min=1),
    default=None,
    help="List only the N most mentioned concepts (default: all; totals count all).",
)
@input_format_option()
@click.option("--field", "json_field", default="text", show_default=True, help="JSONL field.")
@click.option("--column", "tsv_column", type=click.IntRange(min=1), default=1, show_default=True)
@click.option(
    "--strict-field",
    is_flag=True,
    help="A record without --field (or --column) is an error, not a warning.",
)
@glossary_options()
@date_options()
@click.option("--errors", type=click.Choice(["strict", "replace"]), default="strict")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True)
@click.option("--config", "config_path", type=str, help="pyproject.toml to read settings from.")
@click.option("--isolated", is_flag=True, help="Ignore [tool.tarjama] in pyproject.toml.")
@click.option("--quiet", "-q", is_flag=True, help="Print no warnings or progress.")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: on a TTY).")
def stats_command(
    files: tuple[str, ...],
    output_format: str,
    output: str | None,
    top: int | None,
    input_format: str,
    json_field: str,
    tsv_column: int,
    strict_field: bool,
    glossaries: tuple[str, ...],
    glossary_unchecked: bool,
    glossary_context: str | None,
    date: dt.datetime | None,
    date_field: str | None,
    errors: str,
    jobs: int,
    config_path: str | None,
    isolated: bool,
    quiet: bool,
    progress: bool | None,
) -> None:
    """Glossary statistics of a corpus: FILES ('-' for stdin), cleaned and annotated as
    `tarjama glossary annotate` does.

    Per concept: its mentions and the variants they were written as in the raw text (with
    each variant's status: preferred, admitted, deprecated, arabic, or unlisted for a
    spelling the glossary does not list); the unlisted spellings found; and the mentions of
    ambiguous terms left alone for lack of evidence (GL05). Totals: documents (a plain-text
    file, or a JSONL/TSV record), records, characters, mentions, concepts.

    \b
      tarjama glossary stats wires/*.txt --top 20
      tarjama glossary stats feed.jsonl --input-format jsonl -f html -o stats.html

    \b
    Exit status: 0 ok; 2 usage error or unreadable input.
    """
    from ..driver import CleanOptions, open_input
    from ..glossary.cache import compiled
    from ..stats import CorpusStats, format_text

    files = stdin_or_files(files)
    if strict_field and input_format == "text":
        raise click.UsageError("--strict-field needs --input-format jsonl or tsv")
    if date_field and input_format != "jsonl":
        raise click.UsageError("--date-field needs --input-format jsonl")
    check_outputs([output], files)
    config = cli_config(
        config_path,
        isolated,
        glossaries=glossaries,
        glossary_unchecked=glossary_unchecked,
        glossary_context=glossary_context,
        date=date,
        date_field=date_field,
    ).replace(glossary=True)
    try:
        matcher = compiled(config.glossary_paths, unchecked=config.glossary_unchecked)
    except ConfigError as exc:
        fail(str(exc))
    options = CleanOptions(
        config=config,
        input_format=input_format,  # type: ignore[arg-type]
        json_field=json_field,
        strict_field=strict_field,
        tsv_column=tsv_column,
        errors=errors,
        jobs=jobs,
    )
    show_progress = (not quiet) and (progress if progress is not None else sys.stderr.isatty())
    stats = CorpusStats(matcher)
    for name in files:
        with ExitStack() as stack:
            try:
                stream = open_input(name)
                if name != "-":
                    stack.callback(stream.close)
                bar: Any = None
                if show_progress:
                    from tqdm import tqdm

                    total = os.path.getsize(name) if name != "-" and os.path.isfile(name) else None
                    bar = stack.enter_context(
                        tqdm(total=total, unit="B", unit_scale=True, desc=name, file=sys.stderr)
                    )
                outcome = stats.add_stream(
                    stream, name, options, bar.update if bar is not None else None
                )
            except (InputError, ConfigError) as exc:
                fail(str(exc))
            except json.JSONDecodeError as exc:
                fail(f"{name}: invalid JSON: {exc}")
        if not quiet:
            for r in outcome.repairs:
                warn(f"{name}:{r.line}: {r.message}")
            for w in outcome.warnings:
                warn(f"{name}: {w}")
    doc = stats.to_json(top)
    if output_format == "json":
        text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    elif output_format == "html":
        from ..report.glossary_stats import render_stats_html

        text = render_stats_html(doc)
    else:
        text = format_text(doc)
    _write(text, output)


# -- maintenance -----------------------------------------------------------------------------


def _load_one(path: str) -> Glossary:
    """One glossary (a file or a folder) as a single layer, without the shipped default."""
    from ..glossary import load_glossary

    try:
        return load_glossary([path], include_default=False)
    except GlossaryError as exc:
        fail(str(exc))


def _write(text: str, output: str | None) -> None:
    if output and output != "-":
        with atomic_writer(output) as fh:
            fh.write(text)
    else:
        click.echo(text, nl=False)


@glossary_group.command("fmt")
@click.argument("paths", nargs=-1, type=str)
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if a file would change.")
@click.option("--diff", "show_diff", is_flag=True, help="Print a unified diff, write nothing.")
def fmt_command(paths: tuple[str, ...], check: bool, show_diff: bool) -> None:
    """Rewrite glossary files in the canonical layout (default: the shipped glossary).

    Keys in a fixed order, one line per array when it fits in 100 columns, else one item per
    line; comments are kept. Files are replaced atomically, and only if the result loads to
    exactly the same concepts.
    """
    import difflib

    from ..glossary.formats import format_file
    from ..glossary.loader import layer_files

    changed = 0
    try:
        files = [f for p in _default_paths(paths) for f in layer_files(p)]
        for f in files:
            text = f.read_text(encoding="utf-8")
            new = format_file(text, _display(str(f)))
            if new == text:
                continue
            changed += 1
            if show_diff:
                name = _display(str(f))
                click.echo(
                    "".join(
                        difflib.unified_diff(
                            text.splitlines(True), new.splitlines(True), name, name
                        )
                    ),
                    nl=False,
                )
            elif check:
                click.echo(f"would reformat {_display(str(f))}")
            else:
                with atomic_writer(f) as fh:
                    fh.write(new)
                click.echo(f"reformatted {_display(str(f))}", err=True)
    except (GlossaryError, UnicodeDecodeError, OSError) as exc:
        fail(str(exc))
    if changed and (check or show_diff):
        sys.exit(EXIT_FINDINGS)


@glossary_group.command("merge")
@click.argument("base", type=str)
@click.argument("overlays", nargs=-1, required=True, type=str)
@click.option("-o", "--output", type=str, help="Write here (default: stdout).")
def merge_command(base: str, overlays: tuple[str, ...], output: str | None) -> None:
    """Apply house-style OVERLAYS to BASE and write the result as one glossary file.

    BASE and each OVERLAY are files or folders. A concept in a later overlay replaces the
    concept with the same id; `drop = true` removes it.
    """
    from ..glossary.formats import format_glossary
    from ..glossary.loader import layer_files, load_layers

    check_outputs([output], (base, *overlays))
    try:
        g = load_layers([layer_files(p) for p in (base, *overlays)])
    except GlossaryError as exc:
        fail(str(exc))
    header = "# Merged by `tarjama glossary merge` from: " + ", ".join((base, *overlays))
    _write(format_glossary(g.concepts, header), output)


@glossary_group.command("diff")
@click.argument("old", type=str)
@click.argument("new", type=str)
@output_format_option()
def diff_command(old: str, new: str, output_format: str) -> None:
    """Concept- and term-level differences between two glossaries (files or folders).

    Exit status: 0 no differences; 1 differences; 2 usage or input error.
    """
    from ..glossary.diff import Difference, diff_glossaries

    diffs = diff_glossaries(_load_one(old), _load_one(new))
    emit_rows(
        [d.to_json() for d in diffs],
        output_format,
        ("kind", "concept", "what"),
        lambda r: str(Difference(r["kind"], r["concept"], r["what"])),
    )
    if diffs:
        sys.exit(EXIT_FINDINGS)


@glossary_group.command("export")
@click.argument("paths", nargs=-1, type=str)
@click.option(
    "--to",
    "fmt",
    type=click.Choice(["tbx", "tbx2", "csv", "deepl"]),
    default="tbx",
    show_default=True,
)
@click.option(
    "--pair",
    type=click.Choice(["ar-en", "en-en"]),
    default=None,
    help="With --to deepl: Arabic forms to the English house-style form (ar-en, the default) "
    "or English variants to it (en-en).",
)
@click.option(
    "--verbose", "-v", is_flag=True, help="With --to deepl: list each form left out on stderr."
)
@click.option(
    "--csv-layout",
    type=click.Choice(["cat", "terms"]),
    default=None,
    help="With --to csv: one concept per row, a column per language and status (cat, the "
    "default, for CAT tools) or one term per row (terms).",
)
@click.option("--bom", is_flag=True, help="With --to csv: UTF-8 with a BOM (for Excel).")
@click.option("-o", "--output", type=str, help="Write here (default: stdout).")
def export_command(
    paths: tuple[str, ...],
    fmt: str,
    pair: str | None,
    verbose: bool,
    csv_layout: str | None,
    bom: bool,
    output: str | None,
) -> None:
    """Write glossaries (default: the shipped one) as TBX (tbx: ISO 30042 TBX v3, the
    TBX-Basic dialect, valid against the TBX steward's schemas), as TBX v2 (tbx2, <martif>), as
    CSV, or as a DeepL glossary (TSV: source, tab, target; --pair ar-en or en-en).

    A DeepL glossary leaves out the forms DeepL cannot apply safely without context
    (ambiguous, dated, or a form of two concepts) and those outside its limits; stderr says how
    many and why (--verbose lists them).
    """
    from ..glossary import load_glossary
    from ..glossary.formats import export_csv, export_deepl, export_tbx, export_tbx2
    from ..glossary.formats.deepl import REASONS

    if pair is not None and fmt != "deepl":
        raise click.UsageError("--pair needs --to deepl")
    if (csv_layout is not None or bom) and fmt != "csv":
        raise click.UsageError("--csv-layout and --bom need --to csv")
    check_outputs([output], paths)
    try:
        g = load_glossary(list(_default_paths(paths)), include_default=False)
    except GlossaryError as exc:
        fail(str(exc))
    if fmt == "deepl":
        d = export_deepl(g, pair or "ar-en")
        _write(d.tsv(), output)
        if verbose:
            for x in d.left_out:
                click.echo(f"tarjama: left out: {x}", err=True)
        counts = d.counts()
        why = ": " + ", ".join(f"{n:,} {REASONS[r]}" for r, n in counts.items()) if counts else ""
        click.echo(
            f"tarjama: DeepL {d.pair} glossary: {len(d.entries):,} entries; "
            f"left out {len(d.left_out):,}{why}",
            err=True,
        )
        return
    if fmt == "csv":
        from ..glossary.formats.cat_csv import export_cat_csv

        try:
            text = export_csv(g) if csv_layout == "terms" else export_cat_csv(g)
        except GlossaryError as exc:
            fail(str(exc))
        _write(("\ufeff" if bom else "") + text, output)
        return
    exporters = {"tbx": export_tbx, "tbx2": export_tbx2, "csv": export_csv}
    _write(exporters[fmt](g), output)


@glossary_group.command("import")
@click.argument("file", type=str)
@click.option(
    "--from",
    "fmt",
    type=click.Choice(["tbx", "tbx2", "csv"]),
    help="Input format (default: csv by suffix, tbx2 for a <martif> root, else tbx).",
)
@click.option(
    "--csv-layout",
    type=click.Choice(["cat", "terms"]),
    default=None,
    help="A CSV's layout: one concept per row (cat) or one term per row (terms); default: "
    "from its header.",
)
@click.option("-o", "--output", type=str, help="Write the TOML here (default: stdout).")
def import_command(file: str, fmt: str | None, csv_layout: str | None, output: str | None) -> None:
    """Convert a TBX (v3 or v2) or CSV glossary (as `export` writes them) to glossary TOML.

    XML is read without entities or DTDs, and a file larger than 64 MiB is refused unread.
    """
    from ..glossary.formats import import_tbx, import_tbx2
    from ..glossary.formats.cat_csv import import_any_csv
    from ..glossary.formats.draft import MAX_IMPORT_BYTES
    from ..glossary.formats.tbx2 import is_tbx2

    kind = fmt or ("csv" if file.lower().endswith(".csv") else "tbx")
    if csv_layout is not None and kind != "csv":
        raise click.UsageError("--csv-layout needs a CSV input")
    check_outputs([output], [file])
    try:
        with ExitStack() as stack:
            fh = sys.stdin.buffer if file == "-" else stack.enter_context(open(file, "rb"))
            # a regular file too large is refused by its size, unread
            big = file != "-" and os.fstat(fh.fileno()).st_size > MAX_IMPORT_BYTES
            data = b"" if big else fh.read(MAX_IMPORT_BYTES + 1)
        if big or len(data) > MAX_IMPORT_BYTES:
            fail(
                f"{file}: larger than {MAX_IMPORT_BYTES // 2**20} MiB, the most `glossary import` "
                "reads: refused"
            )
        text = data.decode("utf-8")
        if fmt is None and kind == "tbx" and is_tbx2(text):
            kind = "tbx2"
        if kind == "csv":
            toml = import_any_csv(text, file, csv_layout)
        else:
            importers = {"tbx": import_tbx, "tbx2": import_tbx2}
            toml = importers[kind](text, file)
    except GlossaryError as exc:
        fail(str(exc))
    except (OSError, UnicodeDecodeError) as exc:
        fail(f"{file}: cannot read: {exc}")
    _write(toml, output)


@glossary_group.command("mine")
@click.argument("files", nargs=-1, required=True, type=str)
@click.option(
    "--max-distance",
    type=click.FloatRange(0, 1),
    default=0.25,
    show_default=True,
    help="Largest edit distance, as a share of the length, to a known term.",
)
@click.option("--min-count", type=click.IntRange(min=1), default=1, show_default=True)
@click.option("--glossary", "glossaries", multiple=True, type=str, help="Extra glossary.")
@click.option(
    "--stop-list/--no-stop-list",
    default=True,
    show_default=True,
    help="Leave out ordinary English words and the names of other people and places "
    "(the reference data of `tarjama glossary lint`).",
)
@click.option(
    "--errors",
    type=click.Choice(["strict", "replace"]),
    default="strict",
    show_default=True,
    help="Invalid UTF-8: fail with exit 2, or replace with U+FFFD and say where.",
)
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: on a TTY).")
@output_format_option()
def mine_command(
    files: tuple[str, ...],
    max_distance: float,
    min_count: int,
    glossaries: tuple[str, ...],
    stop_list: bool,
    errors: str,
    progress: bool | None,
    output_format: str,
) -> None:
    """Suggest new spelling variants from real text (FILES, plain text; '-' for stdin), for
    review.

    Capitalised word sequences the glossary does not know, close to a known English term
    (edit distance after normalisation), most frequent first, each with the file and line
    where it was first seen and the words around it there. Ordinary English words, common
    given names and surnames and places outside Syria are left out (--no-stop-list keeps
    them). Nothing is added to the glossary: copy the good ones into the right concept by
    hand.
    """
    from ..driver import open_input
    from ..glossary.cache import compiled
    from ..glossary.mine import Miner, StopList
    from ..io import iter_text_blocks
    from .common import warn

    try:
        miner = Miner(compiled(glossaries), max_distance)
    except GlossaryError as exc:
        fail(str(exc))
    show_progress = progress if progress is not None else sys.stderr.isatty()
    for name in files:
        shown = "<stdin>" if name == "-" else name
        with ExitStack() as stack:
            try:
                stream = open_input(name)
                if name != "-":
                    stack.callback(stream.close)
                bar: Any = None
                if show_progress:
                    from tqdm import tqdm

                    total = os.path.getsize(name) if name != "-" and os.path.isfile(name) else None
                    bar = stack.enter_context(
                        tqdm(total=total, unit="B", unit_scale=True, desc=shown, file=sys.stderr)
                    )
                for raw in iter_text_blocks(stream, shown, errors):
                    block = raw.decode()
                    for r in block.repairs:
                        warn(f"{shown}:{r.line}: {r.message}")
                    miner.feed(block.text, shown, block.first_line + 1)
                    if bar is not None:
                        bar.update(raw.size)
            except InputError as exc:
                fail(str(exc))
            except OSError as exc:
                fail(f"{shown}: cannot read: {exc.strerror or exc}")
    stop = None
    if stop_list:
        stop = StopList(miner.matcher.glossary)
        if stop.missing:
            warn(f"the stop list leaves in {stop.missing}: pip install 'tarjama[lint]'")
    found = miner.candidates(min_count, stop)
    emit_rows(
        [c.to_json() for c in found],
        output_format,
        ("text", "count", "concept", "nearest", "distance"),
        lambda r: (
            f"{r['count']:>6}  {r['text']}  ~ {r['nearest']} ({r['concept']}, "
            f"{r['distance']:.2f})\n        {r['file']}:{r['line']}: {r['context']}"
        ),
    )
