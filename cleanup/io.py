"""Reading input in streaming blocks, and JSON Lines records.

Plain text is read in blocks of whole lines so that memory does not grow with the input. A block
keeps each line's terminator (LF, CRLF or none for a last line without newline) so the output
can reproduce the layout exactly. Invalid UTF-8 is an :class:`InputError` naming the file, the
line and the byte offset, unless the caller asks for replacement, which is logged.
"""

from __future__ import annotations

import functools
import json
import zlib
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any, BinaryIO

__all__ = [
    "Block",
    "BlockChanged",
    "InputError",
    "RawBlock",
    "Repair",
    "iter_text_blocks",
    "json_field_span",
    "json_line",
]

BLOCK_BYTES = 1 << 20


class InputError(Exception):
    """Bad input: the message names the file, the line and the problem."""

    def __init__(self, name: str, line: int | None, message: str) -> None:
        where = f"{name}:{line}" if line is not None else name
        super().__init__(f"{where}: {message}")
        self.name = name
        self.line = line
        self.problem = message

    def __reduce__(self) -> tuple[type[InputError], tuple[str, int | None, str]]:
        # raised in worker processes: rebuild from the three parts, not from the message
        return (type(self), (self.name, self.line, self.problem))


class BlockChanged(InputError):
    """A block's bytes are no longer in its file where they were read (the file was rewritten,
    replaced or removed while it was being cleaned): the reading process, which still holds
    them, sends them again (see :meth:`RawBlock.with_bytes`)."""


@dataclass(frozen=True, slots=True)
class Repair:
    """An input repair that was made instead of failing (``--errors replace``)."""

    line: int  # 1-based
    byte_offset: int  # offset of the bad byte in the file
    message: str


@dataclass(slots=True)
class Block:
    """Consecutive lines of one plain-text file.

    ``text`` holds the lines joined by ``"\\n"``, without their terminators. ``endings`` holds
    each line's terminator (``"\\n"``, ``"\\r\\n"`` or ``""``) when the block has CRLF or ends
    without a newline; otherwise it is None and every line ends with ``"\\n"``.
    """

    first_line: int  # 0-based index of the block's first line in its file
    text: str
    n_lines: int
    endings: list[str] | None
    repairs: list[Repair] = field(default_factory=list)
    lookahead: str | None = None  # the first lines after the block (None: end of input)
    lookahead_final: bool = True  # the lookahead reaches the end of the input
    lookbehind: str | None = None  # the last lines before the block (None: start of input)
    more: bool = False  # more input follows this block
    size: int = 0  # bytes read

    def join(self, text: str) -> str:
        """Put the line terminators back on ``text`` (the cleaned ``self.text``)."""
        if self.endings is None:
            return text + "\n"
        lines = text.split("\n")
        return "".join(line + end for line, end in zip(lines, self.endings, strict=True))


def _bad_utf8(name: str, data: bytes, exc: UnicodeDecodeError, base: int, line0: int) -> InputError:
    line = line0 + data.count(b"\n", 0, exc.start) + 1
    bad = data[exc.start : exc.end]
    return InputError(
        name,
        line,
        f"invalid UTF-8 (byte 0x{bad[0]:02x} at byte offset {base + exc.start}): "
        "use --errors replace to replace it with U+FFFD",
    )


def _decode(name: str, data: bytes, errors: str, base: int, line0: int) -> tuple[str, list[Repair]]:
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        if errors != "replace":
            raise _bad_utf8(name, data, exc, base, line0) from None
    repairs: list[Repair] = []
    pos = 0
    parts: list[str] = []
    while True:
        try:
            parts.append(data[pos:].decode("utf-8"))
            break
        except UnicodeDecodeError as exc:
            s, e = pos + exc.start, pos + exc.end
            parts.append(data[pos:s].decode("utf-8"))
            parts.append("\ufffd")
            line = line0 + data.count(b"\n", 0, s) + 1
            repairs.append(
                Repair(
                    line,
                    base + s,
                    f"invalid UTF-8 bytes {data[s:e].hex(' ')} at byte offset {base + s} "
                    "replaced with U+FFFD",
                )
            )
            pos = e
    return "".join(parts), repairs


@dataclass
class RawBlock:
    """Consecutive whole lines of one plain-text file, still as bytes: the reading process only
    splits the input; decoding and cleaning happen where the block is cleaned (possibly in a
    worker process)."""

    name: str
    data: bytes
    base: int  # file offset of data[0]
    first_line: int  # 0-based index of the block's first line in its file
    errors: str = "strict"
    lookahead: str | None = None  # the first lines after the block (None: end of input)
    lookahead_final: bool = True  # the lookahead reaches the end of the input
    lookbehind: str | None = None  # the last lines before the block (None: start of input)
    more: bool = False  # more input follows this block
    #: the regular file the block was read from (at offset ``base``), when the block may be
    #: read again from it (see ``__getstate__``)
    path: str | None = None

    @property
    def size(self) -> int:
        return len(self.data)

    @functools.cached_property
    def n_lines(self) -> int:
        return self.data.count(b"\n") + (0 if self.data.endswith(b"\n") else 1)

    def __getstate__(self) -> dict[str, Any]:
        """A block with a ``path`` is sent to a worker process without its bytes: the worker
        reads them again from the file (from the page cache), which costs both processes less
        than a megabyte copied through a pipe. Their length and CRC-32 go with it (about 0.2 ms
        a megabyte)."""
        state = dict(self.__dict__)
        if self.path is not None:
            state.update(
                data=b"",
                n_lines=self.n_lines,
                _length=len(self.data),
                _crc=zlib.crc32(self.data),
            )
        return state

    def _bytes(self) -> bytes:
        """The block's bytes, read again from the file if they were left out when it was sent:
        the file must still hold the same bytes there (length and CRC-32), else the file
        changed while it was being cleaned and nothing is written."""
        length: int | None = self.__dict__.get("_length")
        if length is None or self.path is None:
            return self.data
        try:
            with open(self.path, "rb") as fh:
                fh.seek(self.base)
                data = fh.read(length)
        except OSError as exc:
            raise BlockChanged(self.name, None, f"cannot read: {exc.strerror}") from None
        if len(data) != length or zlib.crc32(data) != self.__dict__.get("_crc"):
            raise BlockChanged(self.name, None, "the file changed while it was being cleaned")
        return data

    def with_bytes(self) -> RawBlock:
        """The block sent with its bytes (for a worker that found its file changed)."""
        return replace(self, path=None)

    def decode(self) -> Block:
        """The block as text (raises InputError for invalid UTF-8 under ``errors="strict"``)."""
        block = _make_block(self.name, self._bytes(), self.errors, self.base, self.first_line)
        block.lookahead = self.lookahead
        block.lookahead_final = self.lookahead_final
        block.lookbehind = self.lookbehind
        block.more = self.more
        return block


def iter_text_blocks(
    stream: BinaryIO,
    name: str,
    errors: str = "strict",
    block_bytes: int = BLOCK_BYTES,
    path: str | None = None,
) -> Iterator[RawBlock]:
    """Yield blocks of whole lines from a binary stream.

    Each block carries the whole lines that follow it (``lookahead``: up to
    ``LOOKAHEAD_LINES`` non-blank lines and about ``LOOKAHEAD_BYTES``, blank lines not
    counted, read ahead over as many blocks as needed): a quotation left open at the end of a
    block may continue into the next paragraph, however many blank lines come between, and
    the block is cleaned together with those lines so that it is decided as in the whole
    document. It also carries the last lines before it (``lookbehind``, as many): the
    glossary's context evidence looks at the paragraphs on both sides of a mention.

    ``path``: the regular file that ``stream`` reads from its start, if the blocks may be read
    again from it where they are decoded (see :meth:`RawBlock.__getstate__`).
    """
    queue: deque[tuple[RawBlock, _Ends]] = deque()
    behind: list[str] = []

    def ready(block: RawBlock, ends: _Ends) -> RawBlock:
        nonlocal behind
        block.lookbehind = "\n".join(behind) if behind else None
        behind = _lookbehind(behind + ends.tail)
        return block

    for block in _raw_blocks(stream, name, errors, block_bytes):
        block.path = path
        queue.append((block, _ends(block.data)))
        while len(queue) > 1:
            lines, done = _lookahead([e for _, e in list(queue)[1:]])
            if not done and queue[-1][0].more:
                break  # read on: the context is not settled yet
            final = not done and not queue[-1][0].more
            first, first_ends = queue.popleft()
            yield ready(_with_lookahead(first, lines, final), first_ends)
    while queue:
        first, first_ends = queue.popleft()
        if not queue:
            first.lookahead = None  # nothing follows
            yield ready(first, first_ends)
            break
        lines, done = _lookahead([e for _, e in queue])
        yield ready(_with_lookahead(first, lines, not done), first_ends)


LOOKAHEAD_LINES = 64
LOOKAHEAD_BYTES = 1 << 20


@dataclass
class _Ends:
    """What the lookahead and lookbehind need of a block: its first lines (``head``) and its
    last (``tail``), each up to the limits (``LOOKAHEAD_LINES`` non-blank lines or about
    ``LOOKAHEAD_BYTES``), as ``data.decode(errors="replace")`` with CRLF read as LF, split
    into lines, would give them (bad bytes replaced: they only give context). A block within
    the limits has all its lines in both. Only these ends are decoded: a block of a megabyte
    is not decoded and split in the reading process just for its context."""

    head: list[str]
    tail: list[str]


def _line_at(data: bytes, start: int, stop: int) -> str:
    """The line ``data[start:stop]``, its CR dropped when a line break follows it."""
    if stop < len(data) and data[stop - 1 : stop] == b"\r":
        stop -= 1
    return data[start:stop].decode("utf-8", errors="replace")


def _ends(data: bytes) -> _Ends:
    head: list[str] = []
    size = nonblank = 0
    start, n = 0, len(data)
    while start < n:
        stop = data.find(b"\n", start)
        stop = n if stop < 0 else stop
        line = _line_at(data, start, stop)
        head.append(line)
        start = stop + 1
        size += len(line) + 1
        nonblank += bool(line.strip())
        if nonblank >= LOOKAHEAD_LINES or size >= LOOKAHEAD_BYTES:
            break
    if start >= n:  # every line is in the head
        return _Ends(head, head)
    tail: list[str] = []
    size = nonblank = 0
    stop = n - 1 if data.endswith(b"\n") else n  # the end of the last line
    while nonblank < LOOKAHEAD_LINES and size < LOOKAHEAD_BYTES:
        start = data.rfind(b"\n", 0, stop) + 1
        line = _line_at(data, start, stop)
        tail.append(line)
        size += len(line) + 1
        nonblank += bool(line.strip())
        if start == 0:
            break
        stop = start - 1
    tail.reverse()
    return _Ends(head, tail)


def _lookahead(following: list[_Ends]) -> tuple[list[str], bool]:
    """The lines that follow a block, up to ``LOOKAHEAD_LINES`` non-blank ones or about
    ``LOOKAHEAD_BYTES``; and whether that limit was reached (else the blocks ran out). A
    block's head is enough: where it stops short of the block's end, the limit is reached in
    it (the counts here start at zero or more)."""
    out: list[str] = []
    size = nonblank = 0
    for ends in following:
        for line in ends.head:
            out.append(line)
            size += len(line) + 1
            if line.strip():
                nonblank += 1
            if nonblank >= LOOKAHEAD_LINES or size >= LOOKAHEAD_BYTES:
                return out, True
    return out, False


def _lookbehind(lines: list[str]) -> list[str]:
    """The last of ``lines``: up to ``LOOKAHEAD_LINES`` non-blank ones or about
    ``LOOKAHEAD_BYTES``."""
    size = nonblank = 0
    k = len(lines)
    while k > 0 and nonblank < LOOKAHEAD_LINES and size < LOOKAHEAD_BYTES:
        k -= 1
        size += len(lines[k]) + 1
        if lines[k].strip():
            nonblank += 1
    return lines[k:]


def _with_lookahead(block: RawBlock, lines: list[str], final: bool) -> RawBlock:
    """``block`` with its lookahead; ``final``: nothing follows the lookahead's lines."""
    if not lines and not block.more:
        block.lookahead = None  # nothing follows
        return block
    block.lookahead = "\n".join(lines)
    block.lookahead_final = final
    return block


def _raw_blocks(stream: BinaryIO, name: str, errors: str, block_bytes: int) -> Iterator[RawBlock]:
    carry = b""
    base = 0  # file offset of carry[0]
    line0 = 0
    chunk = stream.read(block_bytes)
    while chunk or carry:
        following = stream.read(block_bytes) if chunk else b""
        if following:
            cut = chunk.rfind(b"\n") + 1
            if cut == 0:  # no line break yet: read on
                carry, chunk = carry + chunk, following
                continue
            # one copy of the block's bytes (none when the chunk is whole lines)
            data = (
                b"".join((carry, memoryview(chunk)[:cut])) if carry or cut < len(chunk) else chunk
            )
            carry = chunk[cut:]
        else:  # the end of the input: the rest is the last block, final line and all
            data, carry = carry + chunk, b""
        block = RawBlock(name, data, base, line0, errors, more=bool(following or carry))
        yield block
        line0 += block.n_lines
        base += len(data)
        chunk = following


def _make_block(name: str, data: bytes, errors: str, base: int, line0: int) -> Block:
    text, repairs = _decode(name, data, errors, base, line0)
    if "\r" in text or not text.endswith("\n"):
        lines = text.split("\n")
        last = lines.pop()  # "" if the data ends with a newline
        endings = ["\r\n" if ln.endswith("\r") else "\n" for ln in lines]
        lines = [ln[:-1] if ln.endswith("\r") else ln for ln in lines]
        if last:
            lines.append(last)
            endings.append("")
        return Block(line0, "\n".join(lines), len(lines), endings, repairs, size=len(data))
    body = text[:-1]
    return Block(line0, body, body.count("\n") + 1, None, repairs, size=len(data))


_ESCAPED = {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}
# A lone surrogate (a JSON string may hold "\ud800") cannot be written as UTF-8: keep it as the
# escape it came as.
_ESCAPED.update({chr(c): f"\\u{c:04x}" for c in range(0xD800, 0xE000)})
_JSON_ESCAPES = str.maketrans(_ESCAPED)


def json_line(obj: object) -> str:
    """One JSON Lines record: UTF-8 text kept readable, but every character that some readers
    treat as a line break escaped, so a record is always exactly one line, and lone surrogates
    escaped, so that it can always be written as UTF-8."""
    return json.dumps(obj, ensure_ascii=False).translate(_JSON_ESCAPES)


_DECODER = json.JSONDecoder()
_WS = " \t\r\n"


def json_field_span(line: str, key: str) -> tuple[dict[str, object], int, int] | None:
    """Parse a JSON object and find where the value of top-level ``key`` lies in ``line``.

    Returns (object, start, end) with the raw span of the value, or None if the key is absent.
    Raises ValueError if the line is not a JSON object.
    """
    obj, end = _DECODER.raw_decode(line, len(line) - len(line.lstrip(_WS)))
    if line[end:].strip(_WS):
        raise ValueError(f"extra data after the JSON value at column {end + 1}")
    if not isinstance(obj, dict):
        raise ValueError("expected a JSON object")
    if key not in obj:
        return obj, -1, -1
    # Walk the top-level members to find the raw span of the key's value.
    i = line.index("{") + 1
    scan = json.decoder.scanstring  # type: ignore[attr-defined]
    span: tuple[int, int] | None = None
    while True:
        while line[i] in _WS:
            i += 1
        if line[i] == "}":
            break
        name, i = scan(line, i + 1)
        while line[i] in _WS:
            i += 1
        i += 1  # the colon
        while line[i] in _WS:
            i += 1
        _, vend = _DECODER.raw_decode(line, i)
        if name == key:
            span = (i, vend)  # the last duplicate wins, as in json.loads
        i = vend
        while line[i] in _WS:
            i += 1
        if line[i] == ",":
            i += 1
    if span is None:
        return obj, -1, -1
    return obj, span[0], span[1]
