"""Helpers shared by the CLI commands."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import NoReturn

import click

from ..config import Config, ConfigError, load_pyproject

# Subcommands that live in other modules; each module defines ``register(group)``. A module
# that is not present in this build is skipped.
OPTIONAL_COMMANDS = ("glossary", "score", "qa", "spm")


def register_optional(group: click.Group) -> None:
    for name in OPTIONAL_COMMANDS:
        try:
            mod = importlib.import_module(f"cleanup.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"cleanup.cli.{name}":
                continue
            raise
        mod.register(group)


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


def base_config(config_path: str | None, isolated: bool) -> Config:
    """The defaults, overlaid with ``[tool.tarjama]`` from pyproject.toml."""
    if isolated:
        return Config()
    try:
        return load_pyproject(Path(config_path) if config_path else None)
    except ConfigError as exc:
        fail(str(exc))
