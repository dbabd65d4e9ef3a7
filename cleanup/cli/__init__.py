"""The ``tarjama`` command: a thin layer over the Python API.

Conventions (as black and ruff): ``-`` is stdin/stdout, data goes to stdout and messages to
stderr; exit code 0 = clean, 1 = findings or would change, 2 = usage or input error.
"""

from __future__ import annotations

import click

from .._version import __version__
from .clean import clean_command
from .common import OPTIONAL_COMMANDS, LazyGroup
from .rules import rules_command

__all__ = ["main", "run"]


@click.group(
    cls=LazyGroup,
    lazy=OPTIONAL_COMMANDS,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, "--version", "-V", prog_name="tarjama")
def main() -> None:
    """tarjama: clean machine-translated Arabic->English news, keep names consistent with a
    glossary, and score translation quality.

    \b
    Start with:
      tarjama clean wire.txt              clean a wire (one paragraph per line)
      tarjama clean --diff wire.txt       show what would change
      tarjama rules                       list the cleaning rules
      tarjama rules QT03                  explain one rule
    """


main.add_command(clean_command)
main.add_command(rules_command)


def run() -> None:
    """The console entry point: ``tarjama`` (and ``python -m cleanup``)."""
    from ..atomic import install_signal_cleanup

    install_signal_cleanup()
    main()
