"""The reader's block context (cleanup.io): only the ends of each block are decoded for the
lookahead and lookbehind of its neighbours, and they must be the lines that decoding and
splitting the whole block gives: the same lines, CRs, replaced bytes and blank lines."""

from __future__ import annotations

import io as stdio
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup import io

# pieces that make lines hard: CRLF and lone CRs, blank lines of Unicode spaces (str.strip
# takes them away, bytes.strip does not), bytes that are not UTF-8, a multibyte character cut
# by a line break, Arabic
PIECES = [
    b"a",
    b"word ",
    b"\n",
    b"\r\n",
    b"\r",
    b" ",
    "\u00a0".encode(),
    "\u3000".encode(),
    b"\xff",
    b"\xe2\x80",
    "\u201cq\u201d".encode(),
    "\u062d\u0645\u0627\u0629".encode(),
]


def whole(data: bytes) -> list[str]:
    """The block's lines as the reader took them before: all of it decoded and split."""
    lines = data.decode("utf-8", errors="replace").replace("\r\n", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def first(lines: list[str]) -> list[str]:
    """The head the lookahead reads of a block: its lines up to the limits."""
    out: list[str] = []
    size = nonblank = 0
    for line in lines:
        out.append(line)
        size += len(line) + 1
        nonblank += bool(line.strip())
        if nonblank >= io.LOOKAHEAD_LINES or size >= io.LOOKAHEAD_BYTES:
            break
    return out


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(PIECES), max_size=60),
    st.integers(min_value=1, max_value=6),
    st.integers(min_value=1, max_value=40),
)
def test_the_ends_are_the_lines_of_the_whole_block(
    pieces: list[bytes], lines: int, size: int
) -> None:
    data = b"".join(pieces)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(io, "LOOKAHEAD_LINES", lines)
        mp.setattr(io, "LOOKAHEAD_BYTES", size)
        ends = io._ends(data)
        all_lines = whole(data)
        assert ends.head == first(all_lines)
        assert io._lookbehind(ends.tail) == io._lookbehind(all_lines)
        if ends.head != all_lines:  # cut: the tail holds the whole lookbehind
            assert ends.tail == io._lookbehind(all_lines)
        else:
            assert ends.tail == all_lines


def test_blocks_of_real_news_get_the_same_context(
    shared_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """NTREX with CRLF line breaks, read in small blocks: each block's lookahead and
    lookbehind are those computed from whole decoded blocks."""
    data = (
        (shared_data / "ntrex128" / "newstest2019-src.eng.txt")
        .read_bytes()[:200_000]
        .replace(b"\n", b"\r\n")
    )
    data = data.replace(b". ", b".\r\n\r\n", 50)  # blank lines between some paragraphs
    monkeypatch.setattr(io, "LOOKAHEAD_LINES", 8)
    monkeypatch.setattr(io, "LOOKAHEAD_BYTES", 3000)
    blocks = list(io.iter_text_blocks(stdio.BytesIO(data), "ntrex", block_bytes=4096))
    assert len(blocks) > 40
    behind: list[str] = []
    for k, b in enumerate(blocks):
        assert b.lookbehind == ("\n".join(behind) if behind else None)
        behind = io._lookbehind(behind + whole(b.data))
        following = [line for later in blocks[k + 1 :] for line in whole(later.data)]
        want = first(following)
        if k + 1 < len(blocks):
            assert b.lookahead == "\n".join(want)
            assert b.lookahead_final == (want == following)
        else:
            assert b.lookahead is None
