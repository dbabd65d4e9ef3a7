"""Writing files so that a reader never sees half of one: the one writer every command uses.

A file is written to a temporary file in the target's folder and renamed over the target when
the writing is complete, so an interrupted run never leaves a torn file behind. The details that
make this safe:

* the temporary file has an unpredictable name, created with ``O_EXCL | O_NOFOLLOW`` (a link
  planted at a guessable name cannot redirect the write), and is recognisable
  (``.NAME.tarjama-PID-RANDOM.tmp``) so that one left by a killed run is removed by the next
  run that writes the same target, once its process is gone;
* SIGTERM and SIGHUP remove the temporary files of the running process before it ends
  (SIGINT raises ``KeyboardInterrupt``, which removes them on the way out);
* a new file gets the permissions the user's umask gives (``0666 & ~umask``), a replaced file
  keeps its own mode;
* a target that is a symbolic link is followed: the file it points to is replaced, the link
  stays;
* a target that exists and is not a regular file (``/dev/null``, a FIFO, a terminal) is
  written directly: renaming over it would replace the device with a file;
* every failure (a missing folder, a full disk, no permission) is a :class:`WriteError` that
  names the file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import signal
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import IO, Any

__all__ = [
    "WriteError",
    "atomic_writer",
    "install_signal_cleanup",
    "same_file",
    "write_atomic",
]

_MARK = ".tarjama-"
_LIVE: set[str] = set()  # temporary files this process is writing
_OWNER = os.getpid()


class WriteError(OSError):
    """A file could not be written; the message names the file and the reason."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        super().__init__(f"{os.fspath(path)}: cannot write: {reason}")
        self.path = os.fspath(path)
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.path}: cannot write: {self.reason}"

    def __reduce__(self) -> tuple[Any, ...]:
        return (WriteError, (self.path, self.reason))


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENOENT:
        return "no such folder"
    return exc.strerror or str(exc)


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Whether two paths name the same existing file (through links, ``.`` and ``..``)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def _umask_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


_STALE_RE = re.compile(r"\..+" + re.escape(_MARK) + r"(\d+)-[0-9a-f]{16}\.tmp")
_SWEPT: set[str] = set()  # folders this process has already swept


def _remove_stale(folder: Path) -> None:
    """Remove the temporary files that runs whose process is gone left in ``folder`` (once per
    folder and process)."""
    key = os.path.realpath(folder)
    if key in _SWEPT:
        return
    _SWEPT.add(key)
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        m = _STALE_RE.fullmatch(entry.name)
        if m is None or int(m.group(1)) == os.getpid() or _pid_alive(int(m.group(1))):
            continue
        with contextlib.suppress(OSError):
            st = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(st.st_mode) and st.st_uid == os.geteuid():
                os.unlink(entry.path)


def _create_temp(folder: Path, name: str) -> tuple[int, str]:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    flags |= getattr(os, "O_CLOEXEC", 0)
    while True:
        tmp = folder / f".{name}{_MARK}{os.getpid()}-{secrets.token_hex(8)}.tmp"
        try:
            return os.open(tmp, flags, 0o600), str(tmp)
        except FileExistsError:
            continue


class _Sink:
    """The file object handed to the writer: write errors name the target file."""

    def __init__(self, fh: IO[Any], path: str) -> None:
        self._fh = fh
        self._path = path

    def write(self, data: Any) -> int:
        try:
            n: int = self._fh.write(data)
        except OSError as exc:
            raise WriteError(self._path, _reason(exc)) from None
        return n

    def flush(self) -> None:
        try:
            self._fh.flush()
        except OSError as exc:
            raise WriteError(self._path, _reason(exc)) from None

    def fileno(self) -> int:
        return int(self._fh.fileno())

    def isatty(self) -> bool:
        return False


@contextmanager
def atomic_writer(path: str | os.PathLike[str], binary: bool = False) -> Iterator[Any]:
    """Write ``path`` atomically (see the module docstring); yields a file object with
    ``write`` (text in UTF-8 with ``\\n`` kept as is, or bytes with ``binary=True``).

    Raises :class:`WriteError` naming the file when it cannot be written; the temporary file is
    removed on every failure and the target is left as it was.
    """
    target = Path(path)
    if target.is_symlink():
        target = Path(os.path.realpath(target))
    display = os.fspath(path)
    try:
        st: os.stat_result | None = target.stat()
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise WriteError(display, _reason(exc)) from None
    if st is not None and not stat.S_ISREG(st.st_mode):
        if stat.S_ISDIR(st.st_mode):
            raise WriteError(display, "is a folder")
        try:
            direct = open(target, "wb" if binary else "w", **_text_args(binary))  # noqa: SIM115
        except OSError as exc:
            raise WriteError(display, _reason(exc)) from None
        try:
            sink = _Sink(direct, display)
            yield sink
            sink.flush()
        finally:
            try:
                direct.close()
            except OSError as exc:  # the last buffered bytes, on a full device
                raise WriteError(display, _reason(exc)) from None
        return
    folder = target.parent
    if not folder.is_dir():
        raise WriteError(display, f"no such folder {os.fspath(folder)!r}")
    _remove_stale(folder)
    try:
        fd, tmp = _create_temp(folder, target.name)
    except OSError as exc:
        raise WriteError(display, _reason(exc)) from None
    _LIVE.add(tmp)
    try:
        try:
            os.fchmod(fd, stat.S_IMODE(st.st_mode) if st is not None else _umask_mode())
            fh = os.fdopen(fd, "wb" if binary else "w", **_text_args(binary))
        except BaseException:
            os.close(fd)
            raise
        with fh:
            sink = _Sink(fh, display)
            yield sink
            sink.flush()
            try:
                os.fsync(fh.fileno())
            except OSError as exc:
                raise WriteError(display, _reason(exc)) from None
        try:
            os.replace(tmp, target)
        except OSError as exc:
            raise WriteError(display, _reason(exc)) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    finally:
        _LIVE.discard(tmp)


def _text_args(binary: bool) -> dict[str, Any]:
    return {} if binary else {"encoding": "utf-8", "newline": ""}


def write_atomic(path: str | os.PathLike[str], data: str | bytes) -> None:
    """Replace ``path`` with ``data`` atomically (text is written as UTF-8)."""
    with atomic_writer(path, binary=isinstance(data, bytes)) as fh:
        fh.write(data)


def _on_signal(signum: int, frame: FrameType | None) -> None:
    if os.getpid() == _OWNER:  # not in a forked worker: the files are the parent's
        for tmp in list(_LIVE):
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        _LIVE.clear()
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)


def install_signal_cleanup() -> None:
    """Remove this process's temporary files on SIGTERM and SIGHUP, then end as the signal
    would have ended it. Called once by the command-line entry point."""
    global _OWNER
    _OWNER = os.getpid()
    for name in ("SIGTERM", "SIGHUP"):
        sig = getattr(signal, name, None)
        if sig is not None and signal.getsignal(sig) in (signal.SIG_DFL, None):
            signal.signal(sig, _on_signal)
