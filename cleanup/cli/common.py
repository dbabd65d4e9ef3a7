"""Helpers shared by the CLI commands."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from ..config import Config, ConfigError, load_pyproject


class LazyGroup(click.Group):
    """A group whose subcommands in other modules are imported only when used, so that
    ``tarjama clean`` does not pay for importing the scoring libraries.

    ``lazy`` maps a command name to the module that defines it; the module's ``register(group)``
    adds the command. A module missing from this build is skipped.
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


def fail(message: str, code: int = 2) -> NoReturn:
    """Print an error on stderr and exit (2 = usage or input error)."""
    click.echo(f"tarjama: error: {message}", err=True)
    sys.exit(code)


def warn(message: str) -> None:
    click.echo(f"tarjama: warning: {message}", err=True)


def split_codes(values: tuple[str, ...]) -> tuple[str, ...]:
    out: list[str] = []
    for v in values:
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return tuple(out)


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
