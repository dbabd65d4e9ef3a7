"""The user's cache folder for tarjama, and which files in it may be trusted.

``TARJAMA_CACHE_DIR`` sets the folder (default ``$XDG_CACHE_HOME/tarjama`` or
``~/.cache/tarjama``); ``TARJAMA_NO_CACHE=1`` turns caching off. A file is read from it only
if it and the folder belong to the user and no one else can write to them.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

__all__ = ["cache_dir", "private", "trusted"]


def cache_dir() -> Path | None:
    if os.environ.get("TARJAMA_NO_CACHE"):
        return None
    env = os.environ.get("TARJAMA_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "tarjama"


def private(st: os.stat_result) -> bool:
    """Owned by this user and writable by no one else."""
    return st.st_uid == os.geteuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def trusted(path: Path) -> bool:
    """Whether a cache file may be read (unpickled): a regular file (not a link) in a folder,
    both private to this user (see the module docstring)."""
    try:
        folder = os.stat(path.parent)
        st = os.lstat(path)
    except OSError:
        return False
    return (
        stat.S_ISDIR(folder.st_mode)
        and stat.S_ISREG(st.st_mode)
        and private(folder)
        and private(st)
    )
