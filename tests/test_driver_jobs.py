"""--jobs: worker processes give the same bytes, edit log and counts as one process.

With --jobs the cleaned text comes back from the workers as UTF-8 bytes, and the blocks of a
regular file go to them without their bytes (each worker reads its blocks from the file again):
these tests run both paths on real text, with CRLF and LF endings, mojibake and Arabic."""

from __future__ import annotations

import io
import json
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from cleanup import Config
from cleanup.driver import CleanOptions, Piece, clean_stream, open_input, write_explain
from cleanup.io import InputError, iter_text_blocks


@pytest.fixture(scope="module")
def mixed_input(tmp_path_factory: pytest.TempPathFactory, shared_data: Path) -> Path:
    """NTREX English (CRLF endings) with ftfy's in-the-wild mojibake, NTREX's Arabic and the
    sample wire (LF endings) between its documents; the last line without a newline."""
    english = (shared_data / "ntrex128" / "newstest2019-src.eng.txt").read_bytes()
    arabic = (shared_data / "ntrex128" / "newstest2019-ref.arb.txt").read_bytes().split(b"\r\n")
    cases = json.loads((shared_data / "ftfy-test-cases" / "in-the-wild.json").read_text("utf-8"))
    wild = [c["original"].replace("\n", " ").encode() for c in cases]
    wire = Path(__file__).resolve().parent.parent / "docs" / "examples" / "aleppo-wire.txt"
    out: list[bytes] = []
    for k, line in enumerate(english.split(b"\r\n")[:-1]):
        out.append(line + b"\r\n")
        if k % 40 == 39:
            out.append(wild[k // 40 % len(wild)] + b"\n" + arabic[k] + b"\n")
        if k % 400 == 399:
            out.append(wire.read_bytes())
    path = tmp_path_factory.mktemp("jobs") / "mixed.txt"
    path.write_bytes(b"".join(out).rstrip(b"\r\n"))
    return path


def _clean_file(path: Path, jobs: int) -> tuple[bytes, str, object]:
    options = CleanOptions(
        config=Config(glossary=False), explain=True, jobs=jobs, block_bytes=30_000
    )
    out = io.BytesIO()
    log = io.StringIO()

    def on_piece(piece: Piece) -> None:
        write_explain(log, piece.edits, None, piece.ids)

    stream = open_input(str(path))
    with stream:
        outcome = clean_stream(stream, str(path), options, out.write, on_piece)
    counts = (outcome.records, outcome.changed_records, dict(outcome.counts), outcome.findings)
    return out.getvalue(), log.getvalue(), counts


def test_two_jobs_clean_a_file_as_one(mixed_input: Path) -> None:
    one = _clean_file(mixed_input, 1)
    two = _clean_file(mixed_input, 2)
    raw = mixed_input.read_bytes()
    assert one[0] != raw  # there was something to clean
    assert one[0].count(b"\r\n") == raw.count(b"\r\n")  # the line endings kept
    assert one[1].count("\n") > 100  # edits logged
    assert two == one


def test_two_jobs_write_the_same_bytes_through_the_cli(mixed_input: Path, tmp_path: Path) -> None:
    outs = []
    for jobs in ("1", "2"):
        target = tmp_path / f"out-{jobs}.txt"
        args = ["clean", "--isolated", "--no-glossary", "-q", "-j", jobs, str(mixed_input)]
        cmd = [sys.executable, "-m", "cleanup", *args]
        stdout = subprocess.run(cmd, capture_output=True, check=True).stdout
        subprocess.run([*cmd, "-o", str(target)], capture_output=True, check=True)
        assert target.read_bytes() == stdout  # the file and stdout get the same bytes
        outs.append(stdout)
    assert outs[0] == outs[1]


def test_a_block_of_a_file_is_sent_without_its_bytes(mixed_input: Path) -> None:
    with open(mixed_input, "rb") as fh:
        block = next(iter_text_blocks(fh, "mixed.txt", block_bytes=30_000, path=str(mixed_input)))
    sent = pickle.dumps(block)
    assert len(sent) < len(block.data) // 2  # the lookahead and lookbehind lines go with it
    assert pickle.loads(sent).decode() == block.decode()
    with open(mixed_input, "rb") as fh:  # a stream that is not a file sends the bytes
        block = next(iter_text_blocks(fh, "mixed.txt", block_bytes=30_000))
    assert len(pickle.dumps(block)) > len(block.data)


def test_a_block_read_again_from_a_changed_file_says_so(mixed_input: Path, tmp_path: Path) -> None:
    path = tmp_path / "changing.txt"
    path.write_bytes(mixed_input.read_bytes())
    with open(path, "rb") as fh:
        blocks = iter_text_blocks(fh, "changing.txt", block_bytes=30_000, path=str(path))
        sent = pickle.dumps(next(blocks))
    path.write_bytes(mixed_input.read_bytes()[:20_000])  # rewritten while being cleaned
    with pytest.raises(InputError, match=r"^changing.txt: the file changed while"):
        pickle.loads(sent).decode()


def test_a_stdout_without_a_binary_side_gets_the_text(
    mixed_input: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """tarjama clean writes UTF-8 bytes to stdout's binary side; a stdout that has none (a
    notebook's, a StringIO) is given the same text."""
    from cleanup.cli import main

    expected = subprocess.run(
        [sys.executable, "-m", "cleanup", "clean", "--isolated", "-q", str(mixed_input)],
        capture_output=True,
        check=True,
    ).stdout
    out = io.StringIO(newline="")
    monkeypatch.setattr(sys, "stdout", out)
    with pytest.raises(SystemExit) as stop:
        main(["clean", "--isolated", "-q", "--no-progress", str(mixed_input)])
    assert stop.value.code in (0, None)
    assert out.getvalue().encode("utf-8") == expected


def test_a_block_read_again_from_a_same_length_rewrite_says_so(
    mixed_input: Path, tmp_path: Path
) -> None:
    """The same number of bytes and lines, other bytes (a letter changed): the CRC-32 sent with
    the block finds it, so the worker does not clean text the reader never saw."""
    data = mixed_input.read_bytes()
    path = tmp_path / "same-length.txt"
    path.write_bytes(data)
    with open(path, "rb") as fh:
        blocks = iter_text_blocks(fh, "same-length.txt", block_bytes=30_000, path=str(path))
        sent = pickle.dumps(next(blocks))
    i = data.index(b"e", 100)
    path.write_bytes(data[:i] + b"a" + data[i + 1 :])
    with pytest.raises(InputError, match=r"^same-length.txt: the file changed while"):
        pickle.loads(sent).decode()


def test_a_block_whose_file_changed_is_sent_again_with_its_bytes(
    mixed_input: Path, tmp_path: Path
) -> None:
    """The file replaced after its blocks were read (log rotation, an editor's save, sed -i):
    each worker finds its block changed, and the reading process sends it again with the bytes
    it read, so two jobs give what one job gives on the file as it was read."""
    from cleanup.driver import _clean_block, _ordered_map

    path = tmp_path / "rotated.txt"
    path.write_bytes(mixed_input.read_bytes())
    with open(path, "rb") as fh:
        blocks = list(iter_text_blocks(fh, "rotated.txt", block_bytes=30_000, path=str(path)))
    assert len(blocks) > 4
    path.write_bytes(b"another file now\n" * 1000)
    one = CleanOptions(config=Config(glossary=False), explain=True, jobs=1)
    two = CleanOptions(config=Config(glossary=False), explain=True, jobs=2)
    want = [piece.output for _, piece in _ordered_map(_clean_block, blocks, one)]
    got = [piece.output for _, piece in _ordered_map(_clean_block, blocks, two)]
    assert got == want
    path.unlink()  # removed: the same
    assert [piece.output for _, piece in _ordered_map(_clean_block, blocks, two)] == want
