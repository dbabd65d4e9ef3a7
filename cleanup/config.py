"""One typed configuration object for the cleaning pipeline, with documented defaults.

Settings come from three places, later ones winning: the defaults below, ``[tool.tarjama]`` in the
nearest ``pyproject.toml`` (see :func:`load_pyproject`), and the command line.
"""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

__all__ = ["Config", "ConfigError", "QuoteStyle", "find_pyproject", "load_pyproject"]

QuoteStyle = Literal["straight", "curly", "keep"]
QUOTE_STYLES: tuple[str, ...] = ("straight", "curly", "keep")


class ConfigError(ValueError):
    """A configuration value is invalid; the message names where it came from."""


@dataclass(frozen=True)
class Config:
    """How ``clean`` behaves.

    Attributes:
        quotes: ``"straight"`` (default) maps every quotation mark to ``"`` and ``'``;
            ``"curly"`` to typographic quotes with the right opening and closing direction and
            ``’`` for apostrophes; ``"keep"`` leaves quotation marks and apostrophes as they are.
        segmented: the input is one sentence per line, so a quotation may open on one line and
            close on a later one. Unpaired quotes are then reported, never removed.
        select: rule codes or code prefixes/groups to run (empty = every rule on by default).
        ignore: rule codes or code prefixes/groups not to run (wins over ``select``).
        glossary: apply the name glossary stage (when the glossary is available).
        glossary_paths: extra glossary files or folders, applied over the shipped default in
            order (a later file overrides an earlier one).
        language_check: report segments that are not English (never changes text).
        min_language_words: segments with fewer words are not checked with the statistical
            language detector (too short to tell reliably).
    """

    quotes: QuoteStyle = "straight"
    segmented: bool = False
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    glossary: bool = True
    glossary_paths: tuple[str, ...] = ()
    language_check: bool = True
    min_language_words: int = 6
    extra: Mapping[str, object] = field(default_factory=dict, compare=False, repr=False)

    def replace(self, **changes: object) -> Config:
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]

    def __post_init__(self) -> None:
        if self.quotes not in QUOTE_STYLES:
            raise ConfigError(
                f"quotes must be one of {', '.join(QUOTE_STYLES)}, not {self.quotes!r}"
            )


_KEYS = {
    "quotes": str,
    "segmented": bool,
    "select": list,
    "ignore": list,
    "glossary": list,
    "no-glossary": bool,
    "language-check": bool,
    "min-language-words": int,
}


def find_pyproject(start: Path | None = None) -> Path | None:
    """The nearest ``pyproject.toml`` at or above ``start`` (default: the working directory)."""
    here = (start or Path.cwd()).resolve()
    for d in (here, *here.parents):
        p = d / "pyproject.toml"
        if p.is_file():
            return p
    return None


def load_pyproject(path: Path | None = None, base: Config | None = None) -> Config:
    """Read ``[tool.tarjama]`` from ``path`` (or the nearest pyproject.toml) over ``base``."""
    base = base or Config()
    if path is None:
        path = find_pyproject()
        if path is None:
            return base
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from exc
    section = data.get("tool", {}).get("tarjama")
    if not isinstance(section, dict):
        return base
    changes: dict[str, object] = {}
    for key, value in section.items():
        want = _KEYS.get(key)
        if want is None:
            raise ConfigError(
                f"{path}: [tool.tarjama]: unknown key {key!r} (known: {', '.join(sorted(_KEYS))})"
            )
        if not isinstance(value, want) or (want is int and isinstance(value, bool)):
            raise ConfigError(
                f"{path}: [tool.tarjama] {key}: expected {want.__name__}, "
                f"got {type(value).__name__}"
            )
        if isinstance(value, list) and not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{path}: [tool.tarjama] {key}: expected a list of strings")
        if key == "glossary" and isinstance(value, list):
            root = path.parent
            changes["glossary_paths"] = tuple(str(root / v) for v in value)
        elif key == "no-glossary":
            changes["glossary"] = not value
        else:
            changes[key.replace("-", "_")] = tuple(value) if isinstance(value, list) else value
    try:
        return base.replace(**changes)
    except ConfigError as exc:
        raise ConfigError(f"{path}: [tool.tarjama]: {exc}") from exc
