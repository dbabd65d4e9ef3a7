"""The `tarjama clean` command: I/O contract, exit codes, formats, errors, the edit log."""

from __future__ import annotations

import io
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleanup import Config, clean
from cleanup.cli import main
from cleanup.driver import CleanOptions, clean_stream
from cleanup.io import json_line

DIRTY = "Aleppo، Idlib  and Hama ,in “northern” Syria\u200f.\n"


def run(args: list[str], stdin: bytes | None = None) -> tuple[int, bytes, str]:
    runner = CliRunner()
    result = runner.invoke(main, args, input=stdin)
    return result.exit_code, result.stdout_bytes, result.stderr


def test_stdin_to_stdout() -> None:
    code, out, _ = run(["clean", "--no-glossary", "-"], DIRTY.encode())
    assert code == 0
    assert out.decode() == 'Aleppo, Idlib and Hama, in "northern" Syria.\n'


def test_layout_is_preserved_exactly() -> None:
    raw = "first  line\r\n\r\n\r\nlast line without newline “x”"
    code, out, _ = run(["clean", "--no-glossary", "-"], raw.encode())
    assert code == 0
    assert out.decode() == 'first line\r\n\r\n\r\nlast line without newline "x"'


def test_version_and_module_entry_point() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "cleanup", "--version"], capture_output=True, text=True, check=True
    )
    assert proc.stdout.startswith("tarjama, version ")
    code, out, _ = run(["clean", "--help"])
    assert code == 0 and b"--explain" in out


def test_output_file_and_in_place(tmp_path: Path) -> None:
    src = tmp_path / "wire.txt"
    src.write_text(DIRTY, encoding="utf-8")
    os.chmod(src, 0o640)
    out = tmp_path / "clean.txt"
    assert run(["clean", "--no-glossary", "-o", str(out), str(src)])[0] == 0
    assert out.read_text(encoding="utf-8") == clean(DIRTY, Config(glossary=False))
    assert run(["clean", "--no-glossary", "--in-place", str(src)])[0] == 0
    assert src.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")
    assert stat.S_IMODE(src.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clean.txt", "wire.txt"]


def test_check_and_diff(tmp_path: Path) -> None:
    src = tmp_path / "wire.txt"
    src.write_text("clean line\n" + DIRTY, encoding="utf-8")
    code, out, err = run(["clean", "--no-glossary", "--check", str(src)])
    assert (code, out) == (1, b"")
    assert "would be changed" in err
    code, out, _ = run(["clean", "--no-glossary", "--diff", str(src)])
    text = out.decode()
    assert code == 0
    assert "@@ -1,2 +1,2 @@" in text
    assert "-Aleppo، Idlib" in text and "+Aleppo, Idlib" in text
    assert " clean line" in text
    assert run(["clean", "--no-glossary", "--check", "--diff", str(src)])[0] == 1
    src.write_text("clean line\n", encoding="utf-8")
    assert run(["clean", "--no-glossary", "--check", str(src)])[:2] == (0, b"")


def test_statistics() -> None:
    code, _, err = run(["clean", "--no-glossary", "--statistics", "-"], DIRTY.encode())
    assert code == 0
    assert "1 of 1 records changed" in err
    for rule in ("AR01", "IV01", "QT01", "SP01", "SP04", "SP05"):
        assert rule in err
    code, _, err = run(
        ["clean", "--no-glossary", "--statistics", "--output-format", "json", "-"], DIRTY.encode()
    )
    stats = json.loads(err.strip().splitlines()[-1])
    assert stats["edits"]["AR01"] == 1 and stats["changed_records"] == 1


def _check_explain(original: str, cleaned: str, log: str) -> int:
    """Apply each record's edits to its original line; they must give the cleaned line."""
    olines = original.split("\n")
    clines = cleaned.split("\n")
    by_record: dict[int, list[dict[str, object]]] = {}
    for line in log.splitlines():
        obj = json.loads(line)
        assert list(obj) == ["line", "record", "start", "end", "before", "after", "rules"]
        assert obj["line"] == obj["record"] + 1  # 1-based line; record is the old 0-based alias
        by_record.setdefault(int(obj["line"]) - 1, []).append(obj)  # type: ignore[arg-type]
    for rec, edits in by_record.items():
        text = olines[rec]
        parts, pos = [], 0
        for e in edits:
            s, t = int(e["start"]), int(e["end"])  # type: ignore[arg-type]
            assert s >= pos
            assert text[s:t] == e["before"]
            parts += [text[pos:s], str(e["after"])]
            pos = t
        parts.append(text[pos:])
        assert "".join(parts) == clines[rec]
    for k, (a, b) in enumerate(zip(olines, clines, strict=True)):
        if k not in by_record:
            assert a == b
    return len(by_record)


def test_explain_log_rebuilds_the_sample(tmp_path: Path, sample_wire: str) -> None:
    src = tmp_path / "wire.txt"
    src.write_text(sample_wire, encoding="utf-8")
    log = tmp_path / "edits.jsonl"
    out = tmp_path / "out.txt"
    assert run(["clean", "--no-glossary", "--explain", str(log), "-o", str(out), str(src)])[0] == 0
    n = _check_explain(sample_wire, out.read_text(encoding="utf-8"), log.read_text("utf-8"))
    assert n == 5


def test_explain_and_jobs_on_many_blocks(tmp_path: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
    import mt_corpus

    text = mt_corpus.generate(400_000, seed=3)
    outs = []
    for jobs in (1, 2):
        opts = CleanOptions(
            config=Config(glossary=False), explain=True, jobs=jobs, block_bytes=50_000
        )
        buf: list[bytes] = []
        log = io.StringIO()

        def on_piece(piece, log=log) -> None:  # type: ignore[no-untyped-def]
            for rec, e in piece.edits:
                log.write(json_line(e.to_json(rec)) + "\n")

        outcome = clean_stream(io.BytesIO(text.encode()), "corpus", opts, buf.append, on_piece)
        cleaned = b"".join(buf).decode()
        assert cleaned == clean(text, Config(glossary=False))  # blocks change nothing
        assert outcome.records == text.count("\n")
        assert _check_explain(text, cleaned, log.getvalue()) == outcome.changed_records
        outs.append((cleaned, log.getvalue()))
    assert outs[0] == outs[1]  # --jobs 2 gives the same output and log, in order


def test_quotation_over_paragraphs_across_a_block_boundary() -> None:
    text = "x" * 60 + '\nHe said: "We will return.\n"It is a matter of time."\n' + "y" * 60 + "\n"
    opts = CleanOptions(config=Config(glossary=False), block_bytes=70)
    buf: list[bytes] = []
    clean_stream(io.BytesIO(text.encode()), "t", opts, buf.append)
    assert b"".join(buf).decode() == text


def test_jsonl_fields_pass_through() -> None:
    records = [
        '{"id": 1, "text": "Aleppo، Idlib", "meta": {"b": 1.50, "a": [1, 2]}, "z": "\\u00e9"}',
        '{"id": 2, "title": "no text field"}',
        "",
        '{"id": 3, "text": "clean"}',
    ]
    code, out, _ = run(
        ["clean", "--no-glossary", "--input-format", "jsonl", "--field", "text", "-"],
        ("\n".join(records) + "\n").encode(),
    )
    assert code == 0
    lines = out.decode().split("\n")
    assert lines[0] == (
        '{"id": 1, "text": "Aleppo, Idlib", "meta": {"b": 1.50, "a": [1, 2]}, "z": "\\u00e9"}'
    )
    assert lines[1:4] == records[1:4]


def test_invalid_json_names_the_line() -> None:
    code, _, err = run(
        ["clean", "--input-format", "jsonl", "-"], b'{"text": "a"}\n{"text": broken}\n'
    )
    assert code == 2
    assert "<stdin>:2" in err or "-:2" in err
    assert "invalid JSON" in err


def test_tsv_column() -> None:
    code, out, _ = run(
        ["clean", "--no-glossary", "--input-format", "tsv", "--column", "2", "-"],
        "id1\tAleppo، Idlib\tكلمة،\nid2\n".encode(),
    )
    assert code == 0
    assert out.decode() == "id1\tAleppo, Idlib\tكلمة،\nid2\n"


def test_invalid_utf8(tmp_path: Path) -> None:
    src = tmp_path / "bad.txt"
    src.write_bytes(b"good line\nbad \xff byte\n")
    code, out, err = run(["clean", "--no-glossary", str(src)])
    assert code == 2
    assert f"{src}:2" in err and "byte offset 14" in err and "0xff" in err
    code, out, err = run(["clean", "--no-glossary", "--errors", "replace", str(src)])
    assert code == 0
    assert out.decode() == "good line\nbad \ufffd byte\n"
    assert f"{src}:2" in err and "replaced with U+FFFD" in err


def test_bad_usage_and_missing_files(tmp_path: Path) -> None:
    code, _, err = run(["clean", str(tmp_path / "nope.txt")])
    assert code == 2 and "no such file" in err
    code, _, err = run(["clean", "--select", "XX99", "-"], b"a\n")
    assert code == 2 and "unknown rule selector" in err
    code, _, err = run(["clean", "--quotes", "fancy", "-"], b"a\n")
    assert code == 2


def test_pyproject_settings(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.tarjama]\nignore = ["AR01"]\nquotes = "curly"\n', encoding="utf-8"
    )
    args = ["clean", "--no-glossary", "--config", str(tmp_path / "pyproject.toml"), "-"]
    code, out, _ = run(args, 'Aleppo، "Idlib"\n'.encode())
    assert code == 0
    assert out.decode() == "Aleppo، “Idlib”\n"
    (tmp_path / "pyproject.toml").write_text('[tool.tarjama]\nquotez = "x"\n', encoding="utf-8")
    code, _, err = run(args, b"a\n")
    assert code == 2 and "unknown key 'quotez'" in err


def test_segmented_reports_unpaired_quotes() -> None:
    text = 'He said: "We will return.\nIt is only a matter of time."\nA stray" mark.\n'
    code, out, err = run(["clean", "--no-glossary", "--segmented", "-"], text.encode())
    assert code == 0
    assert out.decode() == text
    assert "3:8: QT03 unpaired" in err
    assert err.count("QT03") == 1


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_findings_are_reported(fmt: str) -> None:
    code, _, err = run(
        ["clean", "--no-glossary", "--output-format", fmt, "-"],
        "fighters of هيئة تحرير الشام entered\n".encode(),
    )
    assert code == 0
    assert "LG01" in err


PARAGRAPHS = [
    'He said: "We will return.',
    '"It is a matter of time."',
    '"A stray mark',
    "The army did not comment.",
    "“ Hay’at at the start",
    " “",
    "",
    "Nothing to see",
    'A closing" mark.',
    "«Guillemets» stay paired",
]


@pytest.mark.parametrize("seed", range(40))
def test_blocks_give_the_same_result_as_one_document(seed: int) -> None:
    """Quote repair decides at block boundaries exactly as on the whole document."""
    import random

    rng = random.Random(seed)
    text = "\n".join(rng.choice(PARAGRAPHS) for _ in range(rng.randint(1, 25)))
    if rng.random() < 0.5:
        text += "\n"
    for quotes in ("straight", "curly", "keep"):
        config = Config(glossary=False, quotes=quotes)  # type: ignore[arg-type]
        buf: list[bytes] = []
        opts = CleanOptions(config=config, block_bytes=rng.choice([1, 10, 40, 200]))
        clean_stream(io.BytesIO(text.encode()), "t", opts, buf.append)
        assert b"".join(buf).decode() == clean(text, config)


def test_output_to_a_fifo_writes_through(tmp_path: Path) -> None:
    """-o to something that is not a regular file (/dev/null, a FIFO) must not replace it."""
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    code, _, _ = run(["clean", "--no-glossary", "-o", str(fifo), "-"], DIRTY.encode())
    reader.join(timeout=10)
    assert code == 0
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert got == [clean(DIRTY, Config(glossary=False)).encode()]


def test_explain_to_stdout_needs_check() -> None:
    code, _, err = run(["clean", "--no-glossary", "--explain", "-", "-"], DIRTY.encode())
    assert code == 2 and "--explain -" in err
    code, out, _ = run(["clean", "--no-glossary", "--check", "--explain", "-", "-"], DIRTY.encode())
    assert code == 1
    rules = [json.loads(x)["rules"] for x in out.decode().splitlines()]
    assert rules == [["AR01"], ["SP05"], ["SP01"], ["SP04"], ["QT01"], ["QT01"], ["IV01"]]
