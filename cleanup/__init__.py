"""tarjama: clean machine-translated Arabic->English news, make names consistent, score quality.

The import package is ``cleanup``; the command is ``tarjama``.

>>> from cleanup import clean
>>> clean("Aleppo، Idlib and Hama ,in northern Syria\u200f.")
'Aleppo, Idlib and Hama, in northern Syria.'
"""

from __future__ import annotations

from ._version import __version__
from .config import Config, ConfigError
from .edits import Edit, OffsetMap, apply_edits
from .pipeline import Pipeline, Result
from .rules import RULES, Finding

__all__ = [
    "RULES",
    "Config",
    "ConfigError",
    "Edit",
    "Finding",
    "OffsetMap",
    "Pipeline",
    "Result",
    "__version__",
    "apply_edits",
    "clean",
    "clean_and_explain",
]

_PIPELINES: dict[Config, Pipeline] = {}


def _pipeline(config: Config | None) -> Pipeline:
    config = config or Config()
    p = _PIPELINES.get(config)
    if p is None:
        p = _PIPELINES[config] = Pipeline(config)
    return p


def clean_and_explain(text: str, config: Config | None = None) -> Result:
    """Clean ``text`` (one document: paragraphs separated by newlines) and explain every edit.

    The result holds the cleaned text, the edit log in offsets of the original text, the
    findings of the report-only rules, and a mapping of cleaned offsets back to the original.
    """
    return _pipeline(config).run(text)


def clean(text: str, config: Config | None = None) -> str:
    """Clean ``text`` and return the cleaned text."""
    return _pipeline(config).run(text).text
