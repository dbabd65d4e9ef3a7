"""``tarjama glossary``: lint, annotate and maintain name glossaries."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path
from typing import IO, Any

import click

from ..config import ConfigError
from ..glossary.errors import GlossaryError
from ..io import InputError, atomic_writer
from .common import base_config, fail

__all__ = ["glossary_group", "register"]

EXIT_FINDINGS = 1


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
@click.option(
    "--output-format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Findings as 'file:line:col: CODE message' lines or as a JSON array.",
)
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
    to unknown concepts. Codes GLL001-GLL013 (see `tarjama glossary lint --codes`).

    \b
    Exit status: 0 no findings; 1 findings; 2 usage error or unreadable input.
    """
    from ..glossary.lint import lint_paths
    from .common import split_codes

    skip = {c.upper() for c in split_codes(ignore)}
    try:
        problems = [p for p in lint_paths(_default_paths(paths)) if p.code not in skip]
    except GlossaryError as exc:
        fail(str(exc))
    problems = [replace(p, file=_display(p.file)) for p in problems]
    if output_format == "json":
        click.echo(json.dumps([p.to_json() for p in problems], ensure_ascii=False, indent=2))
    else:
        for p in problems:
            click.echo(f"{p.file}:{p.line}:{p.col}: {p.code} {p.message}")
        if not quiet:
            if problems:
                click.echo(f"Found {len(problems)} problem{'s' if len(problems) != 1 else ''}.")
            else:
                click.echo("All checks passed!")
    if problems:
        sys.exit(EXIT_FINDINGS)


@glossary_group.command("codes")
def codes_command() -> None:
    """List the lint codes."""
    from ..glossary.lint import CODES

    for code, what in CODES.items():
        click.echo(f"{code}  {what}")


# -- annotate --------------------------------------------------------------------------------


@glossary_group.command("annotate")
@click.argument("files", nargs=-1, type=str)
@click.option("-o", "--output", type=str, help="Write the JSON Lines here (default: stdout).")
@click.option(
    "--format",
    "input_format",
    type=click.Choice(["text", "jsonl", "tsv"]),
    default="text",
    show_default=True,
    help="Input format, as for `tarjama clean`.",
)
@click.option("--field", "json_field", default="text", show_default=True, help="JSONL field.")
@click.option("--column", "tsv_column", type=click.IntRange(min=1), default=1, show_default=True)
@click.option(
    "--glossary",
    "glossaries",
    multiple=True,
    type=str,
    help="Extra glossary file or folder over the default (repeatable; later wins).",
)
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
    tsv_column: int,
    glossaries: tuple[str, ...],
    no_clean: bool,
    quotes: str | None,
    segmented: bool | None,
    errors: str,
    jobs: int,
    config_path: str | None,
    isolated: bool,
) -> None:
    """JSON Lines of the glossary names in FILES ('-' for stdin), after cleaning.

    One object per mention: record (0-based line or JSONL record), start/end in the cleaned
    text, raw_start/raw_end in the raw input (through the edit log), the surface text, and
    the concept id, type, matched term, its status and language, and the preferred name.
    Offsets are code points into the record (or its --field / --column value).
    """
    from ..driver import CleanOptions, open_input
    from ..glossary.annotate import MentionRecord, annotate_stream
    from ..glossary.cache import compiled

    if not files:
        if sys.stdin.isatty():
            raise click.UsageError("no input: give FILES or '-' for stdin")
        files = ("-",)
    config = base_config(config_path, isolated)
    changes: dict[str, Any] = {"glossary": True}
    if quotes:
        changes["quotes"] = quotes
    if segmented:
        changes["segmented"] = True
    if glossaries:
        changes["glossary_paths"] = config.glossary_paths + tuple(glossaries)
    if no_clean:
        changes["ignore"] = ("ALL",)  # run no rule: the raw text is the cleaned text
    try:
        config = config.replace(**changes)
        matcher = compiled(config.glossary_paths)
    except ConfigError as exc:
        fail(str(exc))
    options = CleanOptions(
        config=config,
        input_format=input_format,  # type: ignore[arg-type]
        json_field=json_field,
        tsv_column=tsv_column,
        errors=errors,
        jobs=jobs,
    )
    multi = len(files) > 1
    with ExitStack() as stack:
        out: IO[str] = sys.stdout
        if output and output != "-":
            out = stack.enter_context(atomic_writer(Path(output)))
        for name in files:

            def emit(m: MentionRecord, name: str = name) -> None:
                out.write(json.dumps(m.to_json(name if multi else None), ensure_ascii=False))
                out.write("\n")

            try:
                stream = open_input(name)
                with stream if name != "-" else ExitStack():
                    annotate_stream(stream, name, options, matcher, emit)
            except (InputError, ConfigError) as exc:
                fail(str(exc))
            except json.JSONDecodeError as exc:
                fail(f"{name}: invalid JSON: {exc}")
