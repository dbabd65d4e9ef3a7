"""One typed configuration object for the cleaning pipeline, with documented defaults.

Settings come from three places, later ones winning: the defaults below, ``[tool.tarjama]`` in the
nearest ``pyproject.toml`` (see :func:`load_pyproject`), and the command line.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import tomllib
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

__all__ = [
    "GLOSSARY_CONTEXTS",
    "Config",
    "ConfigError",
    "ConfigWarning",
    "QuoteMode",
    "find_pyproject",
    "load_pyproject",
    "parse_date",
    "split_items",
]

QuoteMode = Literal["straight", "curly", "keep"]
QUOTE_MODES: tuple[str, ...] = ("straight", "curly", "keep")
#: How ambiguous glossary terms are applied (Config.glossary_context, --glossary-context).
GLOSSARY_CONTEXTS: tuple[str, ...] = ("evidence", "always", "never")


class ConfigError(ValueError):
    """A configuration value is invalid; the message names where it came from."""


class ConfigWarning(FutureWarning):
    """A setting that still works but is deprecated (the message says what replaces it)."""


def split_items(value: str | Iterable[str], what: str = "value") -> tuple[str, ...]:
    """Comma-separated items as a tuple: ``"QT01,SP"`` and ``["QT01", "SP"]`` both give
    ``("QT01", "SP")``. Raises ConfigError for an item that is not a string."""
    items = (value,) if isinstance(value, str) else value
    out: list[str] = []
    try:
        for item in items:
            if not isinstance(item, str):
                raise ConfigError(f"{what}: expected strings, got {type(item).__name__}")
            out.extend(x.strip() for x in item.split(",") if x.strip())
    except TypeError:
        raise ConfigError(f"{what}: expected a string or a list of strings") from None
    return tuple(out)


def parse_date(value: object) -> dt.date | None:
    """A document date: a ``datetime.date``, or a string that starts with an ISO date
    (``2025-03-10``, ``2025-03-10T08:00:00Z``). None if it is neither."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and len(value) >= 10 and (len(value) == 10 or value[10] in "T "):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _paths(value: object, what: str) -> tuple[str, ...]:
    """One path or several as a tuple of strings (paths are never split at commas)."""
    if isinstance(value, str | os.PathLike):
        return (os.fspath(value),)
    if isinstance(value, Iterable):
        out = []
        for v in value:
            if not isinstance(v, str | os.PathLike):
                raise ConfigError(f"{what}: expected paths, got {type(v).__name__}")
            out.append(os.fspath(v))
        return tuple(out)
    raise ConfigError(f"{what}: expected a path or a list of paths")


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
            order (a later file overrides an earlier one). A string is one path.
        glossary_unchecked: apply overlays even when ``tarjama glossary lint`` finds errors in
            them (by default such an overlay is refused with the lint message).
        glossary_context: how terms marked ``ambiguous`` are applied: ``"evidence"`` (default)
            only where their context shows the concept is meant (docs/glossary-format.md),
            ``"always"`` like any other term, ``"never"`` not at all.
        date: the date of the documents (a ``datetime.date`` or ``"YYYY-MM-DD"``): a glossary
            term resolves to the concept valid on that day ("Syrian army" in 2023 is the
            Syrian Arab Army). None: today, unless a record has ``date_field``.
        date_field: JSON Lines: the field holding each record's own date (records without it
            fall back to ``date``, then to today).
        language_check: report segments that are not English (never changes text).
        min_language_words: segments with fewer words are not checked with the statistical
            language detector (too short to tell reliably).
    """

    quotes: QuoteMode = "straight"
    segmented: bool = False
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    glossary: bool = True
    glossary_paths: tuple[str, ...] = ()
    glossary_unchecked: bool = False
    glossary_context: str = "evidence"
    date: dt.date | None = None
    date_field: str | None = None
    language_check: bool = True
    min_language_words: int = 6
    extra: Mapping[str, object] = field(default_factory=dict, compare=False, repr=False)

    def replace(self, **changes: object) -> Config:
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]

    def __post_init__(self) -> None:
        # Strings and lists are accepted where tuples are kept (Config stays hashable).
        set_ = object.__setattr__
        set_(self, "select", split_items(self.select, "select"))
        set_(self, "ignore", split_items(self.ignore, "ignore"))
        set_(self, "glossary_paths", _paths(self.glossary_paths, "glossary_paths"))
        if self.quotes not in QUOTE_MODES:
            raise ConfigError(
                f"quotes must be one of {', '.join(QUOTE_MODES)}, not {self.quotes!r}"
            )
        if self.glossary_context not in GLOSSARY_CONTEXTS:
            raise ConfigError(
                f"glossary_context must be one of {', '.join(GLOSSARY_CONTEXTS)}, "
                f"not {self.glossary_context!r}"
            )
        if self.date is not None:
            day = parse_date(self.date)
            if day is None or (isinstance(self.date, str) and len(self.date) != 10):
                raise ConfigError(f"date must be a date (YYYY-MM-DD), not {self.date!r}")
            set_(self, "date", day)
        if self.date_field is not None and (
            not isinstance(self.date_field, str) or not self.date_field
        ):
            raise ConfigError(f"date_field must be a field name, not {self.date_field!r}")
        for name in ("segmented", "glossary", "glossary_unchecked", "language_check"):
            if not isinstance(getattr(self, name), bool):
                raise ConfigError(f"{name} must be True or False, not {getattr(self, name)!r}")
        n = self.min_language_words
        if not isinstance(n, int) or isinstance(n, bool) or n < 0:
            raise ConfigError(f"min_language_words must be a whole number >= 0, not {n!r}")


_KEYS: dict[str, type | tuple[type, ...]] = {
    "quotes": str,
    "segmented": bool,
    "select": list,
    "ignore": list,
    "glossary-paths": list,
    "glossary": list,  # deprecated spelling of glossary-paths
    "glossary-unchecked": bool,
    "glossary-context": str,
    "date": (str, dt.date),
    "date-field": str,
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
    except RecursionError:
        raise ConfigError(f"{path}: invalid TOML: nested too deeply") from None
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
            name = want.__name__ if isinstance(want, type) else "a date"
            raise ConfigError(
                f"{path}: [tool.tarjama] {key}: expected {name}, got {type(value).__name__}"
            )
        if isinstance(value, list) and not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{path}: [tool.tarjama] {key}: expected a list of strings")
        if key in ("glossary-paths", "glossary") and isinstance(value, list):
            if key == "glossary":
                warnings.warn(
                    f"{path}: [tool.tarjama] glossary is deprecated; call the key "
                    "glossary-paths (the name of the Config field glossary_paths)",
                    ConfigWarning,
                    stacklevel=2,
                )
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
