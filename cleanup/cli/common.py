"""What every ``tarjama`` command shares: the error style, exit codes, the option vocabulary
(``--input-format``, ``--output-format``/``-f``), lazy subcommands and the configuration."""

from __future__ import annotations

import datetime as dt
import errno
import importlib
import json
import os
import sys
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from ..atomic import WriteError, same_file
from ..config import Config, ConfigError, ConfigWarning, load_pyproject, split_items

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2
EXIT_INTERRUPTED = 130

INPUT_FORMATS = ("text", "jsonl", "tsv")
OUTPUT_FORMATS = ("text", "json", "tsv")


def fail(message: str, code: int = EXIT_ERROR) -> NoReturn:
    """Print ``tarjama: error: MESSAGE`` on stderr and exit (2 = usage or input error)."""
    click.echo(f"tarjama: error: {message}", err=True)
    sys.exit(code)


def warn(message: str) -> None:
    click.echo(f"tarjama: warning: {message}", err=True)


def _silence_stdout() -> None:
    """After the reader of stdout went away: point stdout at /dev/null so that the final
    flush at exit cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def _show_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: Any = None,
    line: str | None = None,
) -> None:
    warn(str(message))


class _PipeClosed(Exception):
    """The reader of stdout went away (``tarjama clean big.txt | head``)."""


class LazyGroup(click.Group):
    """The ``tarjama`` group.

    Subcommands in other modules are imported only when used, so that ``tarjama clean`` does
    not pay for importing the scoring libraries: ``lazy`` maps a command name to the module
    whose ``register(group)`` adds it (a module missing from this build is skipped).

    Every command reports errors in one style, ``tarjama: error: MESSAGE`` on stderr (click's
    usage errors included), and a closed stdout (``tarjama clean big.txt | head``) ends the
    command quietly with exit 0.
    """

    def __init__(self, *args: Any, lazy: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy or {})

    def _load(self, name: str) -> None:
        module = self.lazy.pop(name, None)
        if module is not None:
            _register(self, module)

    def list_commands(self, ctx: click.Context) -> list[str]:
        for name in list(self.lazy):
            self._load(name)
        return super().list_commands(ctx)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands:
            self._load(cmd_name)
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except OSError as exc:
            # click would turn a closed pipe into exit status 1; it is not an error here
            if exc.errno == errno.EPIPE:
                raise _PipeClosed from None
            raise

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        code = EXIT_OK
        with warnings.catch_warnings():
            warnings.simplefilter("always", ConfigWarning)
            warnings.showwarning = _show_warning
            try:
                rv = super().main(
                    args, prog_name or "tarjama", complete_var, standalone_mode=False, **extra
                )
                code = rv if isinstance(rv, int) else EXIT_OK
            except click.exceptions.NoArgsIsHelpError as exc:
                exc.show()  # `tarjama glossary` alone: the group's help
                code = exc.exit_code
            except click.UsageError as exc:
                click.echo(f"tarjama: error: {exc.format_message()}", err=True)
                if exc.ctx is not None:
                    hint = f"{exc.ctx.command_path} {exc.ctx.help_option_names[0]}"
                    click.echo(f"Try '{hint}' for help.", err=True)
                code = exc.exit_code
            except click.ClickException as exc:
                click.echo(f"tarjama: error: {exc.format_message()}", err=True)
                code = exc.exit_code
            except WriteError as exc:
                click.echo(f"tarjama: error: {exc}", err=True)
                code = EXIT_ERROR
            except _PipeClosed:
                _silence_stdout()
                code = EXIT_OK
            except OSError as exc:
                if exc.errno != errno.EPIPE:
                    raise
                _silence_stdout()
                code = EXIT_OK
            except (click.Abort, KeyboardInterrupt):
                click.echo("tarjama: error: interrupted", err=True)
                code = EXIT_INTERRUPTED
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else EXIT_ERROR
            except Exception as exc:  # a bug: say so in one line, the details on demand
                if os.environ.get("TARJAMA_DEBUG"):
                    raise
                click.echo(
                    f"tarjama: error: internal error ({type(exc).__name__}: {exc}); this is a "
                    "bug in tarjama: please report it with the input (TARJAMA_DEBUG=1 shows the "
                    "traceback)",
                    err=True,
                )
                code = EXIT_ERROR
        if not standalone_mode:
            return code
        try:
            sys.stdout.flush()
        except (BrokenPipeError, ValueError):
            _silence_stdout()
        except OSError as exc:
            if exc.errno != errno.EPIPE:
                raise
            _silence_stdout()
        sys.exit(code)


OPTIONAL_COMMANDS = {
    "glossary": "cleanup.cli.glossary",
    "score": "cleanup.cli.score",
    "qa": "cleanup.cli.qa",
    "spm": "cleanup.cli.spm",
}


def _register(group: click.Group, module: str) -> None:
    """Import a command module and let it add its commands (a missing module is skipped)."""
    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name == module:
            return
        raise
    mod.register(group)


def register_optional(group: click.Group) -> None:
    """Import every optional command module now (for callers that need the full list)."""
    for module in OPTIONAL_COMMANDS.values():
        _register(group, module)


# -- the option vocabulary ----------------------------------------------------------------


def _alias(old: str, new: str, dest: str) -> Callable[[F], F]:
    """A hidden, deprecated spelling ``old`` of the option ``new`` (stored in ``dest``)."""

    def callback(ctx: click.Context, param: click.Parameter, value: Any) -> None:
        if value is not None:
            warn(f"{old} is deprecated; use {new}")
            ctx.meta[f"tarjama.alias.{dest}"] = value

    return click.option(
        old,
        type=str,
        default=None,
        hidden=True,
        expose_value=False,
        is_eager=True,
        callback=callback,
    )


def _keep_alias(default: str, dest: str) -> Callable[[click.Context, click.Parameter, Any], Any]:
    def callback(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        if value is None:
            return ctx.meta.get(f"tarjama.alias.{dest}", default)
        return value

    return callback


def _check_choice(value: str, choices: Sequence[str], option: str) -> str:
    if value not in choices:
        raise click.BadParameter(
            f"{value!r} is not one of {', '.join(map(repr, choices))}", param_hint=f"'{option}'"
        )
    return value


def input_format_option(
    choices: Sequence[str] = INPUT_FORMATS, legacy: bool = False
) -> Callable[[F], F]:
    """``--input-format text|jsonl|tsv`` (with ``legacy``: ``--format`` as a deprecated
    alias, for the commands where it used to mean the input format)."""

    def wrap(f: F) -> F:
        keep = _keep_alias("text", "input_format")

        def check(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
            return _check_choice(keep(ctx, param, value), choices, "--input-format")

        f = click.option(
            "--input-format",
            "input_format",
            type=click.Choice(list(choices)),
            default=None,
            show_default="text",
            callback=check,
            help="Input format: plain text (one paragraph per line), JSON Lines or TSV.",
        )(f)
        if legacy:
            f = _alias("--format", "--input-format", "input_format")(f)
        return f

    return wrap


def glossary_options() -> Callable[[F], F]:
    """The glossary options of the commands that clean: ``--glossary PATH`` (repeatable),
    ``--glossary-unchecked`` and ``--glossary-context``."""

    def deco(f: F) -> F:
        f = glossary_context_option()(f)
        f = click.option(
            "--glossary-unchecked",
            is_flag=True,
            help="Apply --glossary overlays even if `tarjama glossary lint` finds errors in them.",
        )(f)
        return click.option(
            "--glossary",
            "glossaries",
            multiple=True,
            type=str,
            help="Extra glossary file or folder over the default (repeatable; later wins).",
        )(f)

    return deco


def glossary_context_option() -> Callable[[F], F]:
    """``--glossary-context evidence|always|never``: how ambiguous glossary terms apply."""
    from ..config import GLOSSARY_CONTEXTS

    return click.option(
        "--glossary-context",
        type=click.Choice(GLOSSARY_CONTEXTS),
        default=None,
        help="Glossary terms marked ambiguous: applied only with evidence in their context "
        "(default), always, or never (docs/glossary-format.md).",
    )


def date_options(records: bool = True) -> Callable[[F], F]:
    """``--date YYYY-MM-DD`` (and, for commands that read JSON Lines, ``--date-field NAME``):
    the documents' date, on which dated glossary terms resolve."""

    def deco(f: F) -> F:
        if records:
            f = click.option(
                "--date-field",
                metavar="NAME",
                default=None,
                help="JSON Lines: the field holding each record's date (YYYY-MM-DD, or an "
                "ISO date and time); records without it use --date, then today.",
            )(f)
        return click.option(
            "--date",
            type=click.DateTime(formats=["%Y-%m-%d"]),
            metavar="YYYY-MM-DD",
            default=None,
            help="The date of the input (YYYY-MM-DD; default: today): a dated glossary term "
            'resolves to the concept valid then ("Syrian army" in 2023 is the Syrian Arab '
            "Army). See docs/glossary-format.md.",
        )(f)

    return deco


def output_format_option(
    choices: Sequence[str] = OUTPUT_FORMATS,
    legacy: bool = False,
    help: str = "Output format.",
) -> Callable[[F], F]:
    """``--output-format``/``-f text|json|tsv`` (with ``legacy``: ``--format`` as a
    deprecated alias, for the commands where it used to mean the output format)."""

    def wrap(f: F) -> F:
        keep = _keep_alias("text", "output_format")

        def check(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
            return _check_choice(keep(ctx, param, value), choices, "--output-format")

        f = click.option(
            "--output-format",
            "-f",
            "output_format",
            type=click.Choice(list(choices)),
            default=None,
            show_default="text",
            callback=check,
            help=help,
        )(f)
        if legacy:
            f = _alias("--format", "--output-format", "output_format")(f)
        return f

    return wrap


def tsv_cell(value: object) -> str:
    """A value as one TSV cell: tabs and line breaks become spaces; None is empty."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        value = ",".join(str(v) for v in value)
    return str(value).replace("\t", " ").replace("\r", " ").replace("\n", " ")


def emit_rows(
    rows: Sequence[Mapping[str, Any]],
    fmt: str,
    columns: Sequence[str],
    text: Callable[[Mapping[str, Any]], str],
    *,
    err: bool = False,
    json_document: Any = None,
) -> None:
    """Print ``rows`` as text lines (``text(row)``), one JSON document (``json_document`` or
    the list of rows), or TSV with a header of ``columns``."""
    if fmt == "json":
        doc = rows if json_document is None else json_document
        click.echo(json.dumps(doc, ensure_ascii=False, indent=2), err=err)
    elif fmt == "tsv":
        click.echo("\t".join(columns), err=err)
        for r in rows:
            click.echo("\t".join(tsv_cell(r.get(c)) for c in columns), err=err)
    else:
        for r in rows:
            click.echo(text(r), err=err)


# -- inputs and outputs -------------------------------------------------------------------


def stdin_or_files(files: tuple[str, ...]) -> tuple[str, ...]:
    """FILES, or ``('-',)`` when none are given and stdin is not a terminal."""
    if files:
        return files
    if sys.stdin.isatty():
        raise click.UsageError("no input: give FILES or '-' for stdin")
    return ("-",)


def check_outputs(outputs: Iterable[str | None], inputs: Iterable[str] = ()) -> None:
    """Before any work: exit 2 if an output file's folder does not exist, or if an output is
    one of the input files (it would be replaced before it was read to the end)."""
    ins = [i for i in inputs if i != "-" and os.path.exists(i)]
    for out in outputs:
        if not out or out == "-":
            continue
        folder = os.path.dirname(out) or "."
        if not os.path.isdir(folder):
            fail(f"{out}: cannot write: no such folder {folder!r}")
        if not os.path.exists(out):
            continue
        for i in ins:
            if same_file(out, i):
                fail(f"{out}: is also an input file; write to another file or use --in-place")


# -- configuration ------------------------------------------------------------------------


def split_codes(values: Iterable[str]) -> tuple[str, ...]:
    """Comma-separated, repeatable option values as one tuple (``--select QT,SP``)."""
    return split_items(tuple(values))


def cli_config(
    config_path: str | None,
    isolated: bool,
    *,
    quotes: str | None = None,
    segmented: bool | None = None,
    select: tuple[str, ...] = (),
    ignore: tuple[str, ...] = (),
    no_glossary: bool = False,
    glossaries: tuple[str, ...] = (),
    glossary_unchecked: bool = False,
    glossary_context: str | None = None,
    date: dt.datetime | dt.date | None = None,
    date_field: str | None = None,
) -> Config:
    """The configuration for a command: defaults, ``[tool.tarjama]``, then these options.
    Exits with status 2 and a message for an invalid value."""
    config = base_config(config_path, isolated)
    changes: dict[str, Any] = {}
    if quotes:
        changes["quotes"] = quotes
    if segmented:
        changes["segmented"] = True
    if select:
        changes["select"] = split_codes(select)
    if ignore:
        changes["ignore"] = config.ignore + split_codes(ignore)
    if no_glossary:
        changes["glossary"] = False
    if glossaries:
        changes["glossary_paths"] = config.glossary_paths + tuple(glossaries)
    if glossary_unchecked:
        changes["glossary_unchecked"] = True
    if glossary_context:
        changes["glossary_context"] = glossary_context
    if date is not None:
        changes["date"] = date.date() if isinstance(date, dt.datetime) else date
    if date_field:
        changes["date_field"] = date_field
    try:
        return config.replace(**changes)
    except ConfigError as exc:
        fail(str(exc))


def base_config(config_path: str | None, isolated: bool) -> Config:
    """The defaults, overlaid with ``[tool.tarjama]`` from pyproject.toml."""
    if isolated:
        return Config()
    try:
        return load_pyproject(Path(config_path) if config_path else None)
    except ConfigError as exc:
        fail(str(exc))
