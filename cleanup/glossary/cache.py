"""The compiled glossary, cached in memory and on disk.

Compiling means loading and validating the TOML files and building the pattern tables; the
result is pickled under the user's cache folder, keyed by a hash of the glossary files' paths
and bytes and of this package's matching code, so any edit to either rebuilds it. When the
cache folder cannot be read or written the glossary is simply compiled every time.

``TARJAMA_CACHE_DIR`` sets the folder; ``TARJAMA_NO_CACHE=1`` turns the disk cache off.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
from collections.abc import Sequence
from pathlib import Path

from .. import __version__
from .loader import glossary_layers, load_layers
from .matcher import Matcher

__all__ = ["cache_dir", "compiled"]

_MEMORY: dict[str, Matcher] = {}
_CODE_FILES = ("matcher.py", "normalise.py", "loader.py", "model.py", "cache.py")


def cache_dir() -> Path | None:
    if os.environ.get("TARJAMA_NO_CACHE"):
        return None
    env = os.environ.get("TARJAMA_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "tarjama"


def _key(layers: Sequence[Sequence[Path]]) -> str:
    h = hashlib.sha256(__version__.encode())
    here = Path(__file__).parent
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


def compiled(paths: Sequence[str | Path] = (), include_default: bool = True) -> Matcher:
    """The compiled matcher for the shipped glossary plus the overlays in ``paths``."""
    layers = glossary_layers(paths, include_default)
    key = _key(layers)
    hit = _MEMORY.get(key)
    if hit is not None:
        return hit
    folder = cache_dir()
    path = folder / f"glossary-{key}.pickle" if folder else None
    matcher: Matcher | None = None
    if path is not None and path.is_file():
        try:
            with open(path, "rb") as fh:
                got = pickle.load(fh)
            if isinstance(got, Matcher):
                matcher = got
        except Exception:  # a stale or damaged cache file: rebuild it
            matcher = None
    if matcher is None:
        matcher = Matcher(load_layers(layers))
        if path is not None:
            _store(path, matcher)
    _MEMORY[key] = matcher
    return matcher


def _store(path: Path, matcher: Matcher) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".glossary-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(matcher, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except OSError:
        pass  # not writable: compile every time
