"""The compiled glossary, cached in memory and on disk.

Compiling means loading and validating the TOML files and building the pattern tables; the
result is pickled under the user's cache folder, keyed by a hash of the glossary files' paths
and bytes and of this package's matching code, so any edit to either rebuilds it. When the
cache folder cannot be read or written the glossary is simply compiled every time.

A pickle can run code when it is loaded, so a cache file is loaded only from a folder that no
one else can write to: the folder and the file must belong to the user and be writable by the
user alone (the folder is created with mode 0700), and the file must be a regular file, not a
link. Anything else is ignored and the glossary compiled afresh. A file someone else wrote
therefore never runs.

``TARJAMA_CACHE_DIR`` sets the folder; ``TARJAMA_NO_CACHE=1`` turns the disk cache off.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import warnings
from collections.abc import Sequence
from pathlib import Path

from .._version import __version__
from ..atomic import write_atomic
from ..config import ConfigWarning
from .errors import GlossaryError, Problem
from .loader import glossary_layers, load_layers
from .matcher import Matcher
from .model import Glossary
from .store import cache_dir, private, trusted

__all__ = ["cache_dir", "compiled", "matcher_for"]

_MEMORY: dict[str, Matcher] = {}
_WARNED: set[int] = set()  # matchers whose unchecked overlay was already warned about
#: The code a compiled glossary depends on (relative to the package): a change rebuilds it.
_CODE_FILES = (
    "glossary/matcher.py",
    "glossary/normalise.py",
    "glossary/loader.py",
    "glossary/model.py",
    "glossary/cache.py",
    "glossary/lint.py",
    "glossary/reference.py",
    "glossary/tomlscan.py",
    "glossary/errors.py",
    "arabic.py",
    "chars.py",
    "scan.py",
)


def _key(layers: Sequence[Sequence[Path]]) -> str:
    h = hashlib.sha256(__version__.encode())
    here = Path(__file__).parent.parent
    for name in _CODE_FILES:
        with contextlib.suppress(OSError):
            h.update((here / name).read_bytes())
    for layer in layers:
        h.update(b"\x00layer")
        for p in layer:
            h.update(str(p.resolve()).encode() + b"\x00")
            with contextlib.suppress(OSError):  # an unreadable file fails later, with its name
                h.update(p.read_bytes())
    return h.hexdigest()[:32]


def compiled(
    paths: Sequence[str | Path] = (), include_default: bool = True, unchecked: bool = False
) -> Matcher:
    """The compiled matcher for the shipped glossary plus the overlays in ``paths``.

    An overlay in which ``tarjama glossary lint`` finds an error (in the context of the
    glossary it is applied over) is refused with a :class:`GlossaryError` naming the first
    problem, unless ``unchecked``: then it is applied and a :class:`ConfigWarning` says so.
    """
    matcher = _compiled(glossary_layers(paths, include_default))
    if matcher.overlay_problems:
        first, *rest = matcher.overlay_problems
        more = "".join(f"\n  {p}" for p in rest)
        if not unchecked:
            raise GlossaryError(
                first.file,
                first.line or None,
                f"{first.code} {first.message} (an overlay that fails `tarjama glossary lint` "
                f"is refused; --glossary-unchecked applies it anyway){more}",
                (first,),
                first.col,
            )
        if id(matcher) in _WARNED:
            return matcher
        _WARNED.add(id(matcher))
        warnings.warn(
            f"{first.file}:{first.line}: {first.code} {first.message} (the overlay fails "
            f"`tarjama glossary lint`; applied anyway, --glossary-unchecked){more}",
            ConfigWarning,
            stacklevel=2,
        )
    return matcher


def _overlay_errors(layers: Sequence[Sequence[Path]], merged: Glossary) -> tuple[Problem, ...]:
    """The lint errors that the layers after the first bring to the glossary."""
    if len(layers) < 2:
        return ()
    from .lint import SEVERITY, lint_glossary

    base = load_layers(layers[:1])
    return tuple(p for p in lint_glossary(merged, base) if SEVERITY[p.code] == "error")


def _compiled(layers: Sequence[Sequence[Path]]) -> Matcher:
    key = _key(layers)
    hit = _MEMORY.get(key)
    if hit is not None:
        return hit
    folder = cache_dir()
    path = folder / f"glossary-{key}.pickle" if folder else None
    matcher: Matcher | None = None
    if path is not None and trusted(path):
        try:
            with open(path, "rb") as fh:
                got = pickle.load(fh)
            if isinstance(got, Matcher):
                matcher = got
        except Exception:  # a stale or damaged cache file: rebuild it
            matcher = None
    if matcher is None:
        merged = load_layers(layers)
        matcher = Matcher(merged)
        matcher.overlay_problems = _overlay_errors(layers, merged)
        if path is not None:
            _store(path, matcher)
    _MEMORY[key] = matcher
    return matcher


def _store(path: Path, matcher: Matcher) -> None:
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not private(os.stat(path.parent)):
            return  # a shared folder: never written, never read
        write_atomic(path, pickle.dumps(matcher, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass  # not writable: compile every time


def matcher_for(glossary: Glossary | Matcher | None = None) -> Matcher:
    """The matcher of a ``Glossary``, a ``Matcher`` itself, or (None) the shipped glossary's."""
    if isinstance(glossary, Matcher):
        return glossary
    if glossary is None:
        return compiled()
    return _matcher_of(glossary)


@functools.lru_cache(maxsize=4)
def _matcher_of(glossary: Glossary) -> Matcher:
    return Matcher(glossary)
