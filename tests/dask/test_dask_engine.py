"""``tarjama clean --engine dask`` and cleanup.dask on a real LocalCluster (tests/dask/conftest.py):
the same bytes and edit log as the single-process CLI, retries and failed shards, resume after
a kill, bad records, and the Dask collections."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("distributed")

import cloudpickle  # comes with distributed

from cleanup import Config
from cleanup.batch import clean_records
from cleanup.config import parse_date
from cleanup.dask import (
    MANIFEST,
    check_outdir,
    clean_bag,
    clean_dataframe,
    clean_shards,
    find_shards,
    run_shard,
)
from cleanup.driver import CleanOptions
from cleanup.io import InputError, json_line

# the flaky task below is defined here: the workers get it by value, not by import
cloudpickle.register_pickle_by_value(sys.modules[__name__])


def jsonl(records: list[dict[str, object]]) -> bytes:
    return "".join(json_line(r) + "\n" for r in records).encode()


def tarjama(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cleanup", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def write_shards(folder: Path, records: list[dict[str, object]], n: int) -> list[str]:
    folder.mkdir(parents=True)
    names = []
    for k in range(n):
        name = f"part-{k:02d}.jsonl"
        (folder / name).write_bytes(jsonl(records[k::n]))
        names.append(name)
    return names


def test_same_bytes_and_edit_log_as_one_process(
    records: list[dict[str, object]], scheduler: str, tmp_path: Path
) -> None:
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    work, single = tmp_path / "dask", tmp_path / "single"
    names = write_shards(work / "shards", records, 3)
    shutil.copytree(work / "shards", single / "shards")
    # the same records as part-02 gzipped, and as Parquet
    third = (work / "shards" / names[2]).read_bytes()
    (work / "shards" / "more.jsonl.gz").write_bytes(gzip.compress(third))
    rows = [json.loads(line) for line in third.splitlines()]
    pq.write_table(pa.Table.from_pylist(rows), work / "shards" / "table.parquet")

    proc = tarjama(
        *("clean", "--isolated", "--engine", "dask", "--scheduler", scheduler),
        *("--id-field", "id", "shards", "-o", "out"),
        cwd=work,
    )
    assert proc.returncode == 0, proc.stderr
    assert "5 shard(s) cleaned, 0 skipped (done before), 0 failed" in proc.stderr
    paths = [f"shards/{n}" for n in names]
    one = tarjama(
        *("clean", "--isolated", "--input-format", "jsonl", "--id-field", "id"),
        *("--explain", "edits.jsonl", "--in-place", *paths),
        cwd=single,
    )
    assert one.returncode == 0, one.stderr
    out = work / "out"
    for n in names:
        assert (out / n).read_bytes() == (single / "shards" / n).read_bytes()
    edits = b"".join((out / "_edits" / n).read_bytes() for n in names)
    assert edits == (single / "edits.jsonl").read_bytes()
    assert edits.count(b"\n") > 100 and b'"id": "doc-' in edits

    cleaned = (out / names[2]).read_bytes()
    assert gzip.decompress((out / "more.jsonl.gz").read_bytes()) == cleaned
    log = (out / "_edits" / "part-02.jsonl").read_text("utf-8")
    renamed = log.replace('"file": "shards/part-02.jsonl"', '"file": "shards/more.jsonl.gz"')
    assert (out / "_edits" / "more.jsonl").read_text("utf-8") == renamed
    table = pq.read_table(out / "table.parquet")
    assert table.column("text").to_pylist() == [
        json.loads(line)["text"] for line in cleaned.splitlines()
    ]
    assert table.column("id").to_pylist() == [r["id"] for r in rows]
    parquet_log = [json.loads(line) for line in (out / "_edits" / "table.jsonl").open()]
    assert [(e["id"], e["start"], e["after"]) for e in parquet_log] == [
        (e["id"], e["start"], e["after"]) for e in map(json.loads, log.splitlines())
    ]

    manifest = json.loads((out / MANIFEST).read_text("utf-8"))
    assert manifest["tarjama"] and manifest["glossary"]
    by_input = {e["input"]: e for e in manifest["shards"]}
    entry = by_input["shards/part-00.jsonl"]
    assert entry["status"] == "done" and entry["output"] == "part-00.jsonl"
    assert entry["records"] == len(records[0::3]) and entry["changed_records"] > 0
    assert len(entry["sha256"]) == 64


def flaky(shard: Any, outdir: str, *args: Any) -> dict[str, Any]:
    """run_shard, except that part-01 fails on its first try and part-02 on every try; each
    try leaves a file in ``attempts/`` beside OUTDIR."""
    tries = Path(outdir).parent / "attempts"
    tries.mkdir(exist_ok=True)
    n = len(list(tries.glob(f"{shard.name}.*")))
    (tries / f"{shard.name}.{n}").touch()
    if shard.name == "part-02.jsonl" or (shard.name == "part-01.jsonl" and n == 0):
        raise RuntimeError(f"worker lost its disk on try {n + 1}")
    return run_shard(shard, outdir, *args)


def test_a_failing_shard_is_retried_then_reported(
    records: list[dict[str, object]], dask_client: Any, tmp_path: Path
) -> None:
    write_shards(tmp_path / "in", records, 4)
    shards = find_shards([str(tmp_path / "in")])
    out = tmp_path / "out"
    run = clean_shards(dask_client, shards, str(out), CleanOptions(), retries=2, task=flaky)
    status = {Path(r.input).name: r.status for r in run.shards}
    assert status == {
        "part-00.jsonl": "done",
        "part-01.jsonl": "done",
        "part-02.jsonl": "failed",
        "part-03.jsonl": "done",
    }
    tries = sorted(p.name for p in (tmp_path / "attempts").iterdir())
    assert [t for t in tries if t.startswith("part-01")] == ["part-01.jsonl.0", "part-01.jsonl.1"]
    assert len([t for t in tries if t.startswith("part-02")]) == 3
    (failed,) = run.failed
    assert failed.error.startswith(f"{tmp_path / 'in' / 'part-02.jsonl'}: failed 3 times: ")
    assert "RuntimeError: worker lost its disk on try 3" in failed.error
    assert sorted(p.name for p in out.glob("*.jsonl")) == [
        "part-00.jsonl",
        "part-01.jsonl",
        "part-03.jsonl",
    ]
    entries = json.loads((out / MANIFEST).read_text("utf-8"))["shards"]
    assert [e["status"] for e in entries] == ["done", "done", "failed", "done"]


def test_the_cli_names_failed_shards_and_bad_records(
    records: list[dict[str, object]], scheduler: str, tmp_path: Path
) -> None:
    write_shards(tmp_path / "in", records[:40], 2)
    good = jsonl(records[40:43])
    (tmp_path / "in" / "bad-json.jsonl").write_bytes(good + b'{"id": "x", "text": "a"\n' + good)
    (tmp_path / "in" / "bad-utf8.jsonl").write_bytes(good + b'{"id": "y", "text": "\xff"}\n')
    (tmp_path / "in" / "bad.jsonl.gz").write_bytes(good)  # not gzipped
    proc = tarjama(
        *("clean", "--isolated", "--engine", "dask", "--scheduler", scheduler),
        *("--id-field", "id", "in", "-o", "out"),
        cwd=tmp_path,
    )
    assert proc.returncode == 1
    for name in ("bad-json.jsonl", "bad-utf8.jsonl"):
        one = tarjama(
            *("clean", "--isolated", "--input-format", "jsonl", "--id-field", "id"),
            *(f"in/{name}", "-o", "single.jsonl"),
            cwd=tmp_path,
        )
        assert one.returncode == 2
        (message,) = one.stderr.splitlines()
        assert message.startswith(f"tarjama: error: in/{name}:4: invalid ")
        assert message in proc.stderr.splitlines()
    assert "tarjama: error: in/bad.jsonl.gz: invalid gzip: Not a gzipped file" in proc.stderr
    failed = "in/bad-json.jsonl, in/bad-utf8.jsonl, in/bad.jsonl.gz"
    assert proc.stderr.splitlines()[-1] == f"tarjama: error: 3 shard(s) failed: {failed}"
    assert sorted(p.name for p in (tmp_path / "out").glob("*.jsonl")) == [
        "part-00.jsonl",
        "part-01.jsonl",
    ]


def test_a_parquet_shard_with_a_null_text(records: list[dict[str, object]], tmp_path: Path) -> None:
    """A Parquet row whose text is null (or whose date is not one) is what such a JSON Lines
    record is: a warning (the same words), or with --strict-field a failed shard naming its
    row."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [{**r, "date": "2024-03-01"} for r in records[:5]]
    rows[2]["text"] = None
    rows[3]["id"] = None
    rows[4]["date"] = "soon"
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "p.parquet")
    (tmp_path / "j.jsonl").write_bytes(jsonl(rows))
    config = Config(glossary=False, date="2025-01-01", date_field="date")
    options = CleanOptions(config, input_format="jsonl", id_field="id")
    got = {}
    for shard in find_shards([str(tmp_path / "p.parquet"), str(tmp_path / "j.jsonl")]):
        entry = run_shard(shard, str(tmp_path / "out"), options, {})
        assert entry["status"] == "done", entry
        got[shard.stem] = [w.split(": ", 1)[1] for w in entry["warnings"]]
    assert (
        got["p"]
        == got["j"]
        == [
            "1 of 5 records have a field 'text' that is not a string (left unchanged)",
            "1 of 5 records have no id field 'id'",
            "1 of 5 records have a date field 'date' that is not a date (first: line 5, "
            "'soon'); they use 2025-01-01",
        ]
    )
    strict = replace(options, strict_field=True)
    shard = find_shards([str(tmp_path / "p.parquet")])[0]
    entry = run_shard(shard, str(tmp_path / "out"), strict, {})
    assert entry["status"] == "failed"
    assert entry["error"] == (
        f"{shard.path}:3: a non-string value in column 'text' (--strict-field)"
    )


def test_a_file_url_outdir_is_written_atomically(
    records: list[dict[str, object]], tmp_path: Path, monkeypatch: Any
) -> None:
    """-o file:///... is a local folder: each file goes through cleanup.atomic (fsspec's
    local pipe_file writes in place, so a killed run left half a file), with the bytes of
    -o PATH."""
    import cleanup.dask

    (tmp_path / "a.jsonl").write_bytes(jsonl(records[:20]))
    shard = find_shards([str(tmp_path / "a.jsonl")])[0]
    options = CleanOptions(Config(glossary=False), input_format="jsonl", id_field="id")
    written: list[str] = []
    atomic = cleanup.dask.write_atomic

    def recorded(path: str, data: bytes) -> None:
        written.append(os.path.relpath(path, tmp_path))
        atomic(path, data)

    monkeypatch.setattr(cleanup.dask, "write_atomic", recorded)
    run_shard(shard, f"file://{tmp_path}/url", options, {})
    run_shard(shard, str(tmp_path / "path"), options, {})
    names = ["a.jsonl", "_edits/a.jsonl", "_findings/a.jsonl"]
    assert written == [f"{out}/{n}" for out in ("url", "path") for n in names]
    for n in names:
        assert (tmp_path / "url" / n).read_bytes() == (tmp_path / "path" / n).read_bytes()


def test_a_killed_run_resumes_with_the_shards_not_done(
    records: list[dict[str, object]], scheduler: str, tmp_path: Path
) -> None:
    names = write_shards(tmp_path / "in", records, 9)
    # a last shard that takes seconds: the run is still going when a first shard is done
    names.append("part-99.jsonl")
    (tmp_path / "in" / names[-1]).write_bytes(jsonl(records * 10))
    args = ("clean", "--isolated", "--engine", "dask", "--scheduler", scheduler)
    args += ("--id-field", "id", "in", "-o", "out")
    manifest = tmp_path / "out" / MANIFEST
    with subprocess.Popen(
        [sys.executable, "-m", "cleanup", *args],
        cwd=tmp_path,
        stderr=subprocess.DEVNULL,
    ) as killed:
        deadline = time.monotonic() + 60
        while not manifest.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        killed.send_signal(signal.SIGKILL)
    done = {e["input"] for e in json.loads(manifest.read_text("utf-8"))["shards"]}
    assert 0 < len(done) < len(names)  # killed after the first shard ended, before the last
    mtimes = {p: os.stat(tmp_path / "out" / Path(p).name).st_mtime_ns for p in done}
    time.sleep(0.05)

    proc = tarjama(*args, "--resume", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    redone = len(names) - len(done)
    summary = f"{redone} shard(s) cleaned, {len(done)} skipped (done before), 0 failed"
    assert summary in proc.stderr
    for p, t in mtimes.items():
        assert os.stat(tmp_path / "out" / Path(p).name).st_mtime_ns == t  # not written again
    entries = json.loads(manifest.read_text("utf-8"))["shards"]
    assert [e["status"] for e in entries] == ["done"] * len(names)
    # an input that changed since is done again, the others skipped
    (tmp_path / "in" / names[0]).write_bytes(jsonl(records[:5]))
    proc = tarjama(*args, "--resume", cwd=tmp_path)
    assert f"1 shard(s) cleaned, {len(names) - 1} skipped" in proc.stderr
    assert (tmp_path / "out" / names[0]).read_bytes().count(b"\n") == 5


def test_resume_redoes_a_shard_whose_outputs_or_day_changed(
    records: list[dict[str, object]], tmp_path: Path
) -> None:
    """run_shard skips a shard done before only if its outputs still have the bytes it wrote
    (a run killed between writing a shard and the manifest leaves other bytes) and it was
    cleaned for the same day (the glossary's validity periods)."""
    from cleanup.dask import versions

    (tmp_path / "a.jsonl").write_bytes(jsonl(records[:30]))
    shard = find_shards([str(tmp_path / "a.jsonl")])[0]
    out = str(tmp_path / "out")
    options = CleanOptions(Config(), input_format="jsonl", id_field="id", explain=True)
    today = versions(options)
    assert today["date"]  # the day of the run, without --date
    done = run_shard(shard, out, options, today)
    assert done["status"] == "done" and len(done["outputs_sha256"]) == 3
    assert run_shard(shard, out, options, today, done)["status"] == "skipped"

    edits = tmp_path / "out" / "_edits" / "a.jsonl"
    kept = edits.read_bytes()
    assert kept.count(b"\n") > 10
    edits.write_bytes(kept[: len(kept) // 2])  # another run's half-finished outputs
    assert run_shard(shard, out, options, today, done)["status"] == "done"
    assert edits.read_bytes() == kept

    pinned = replace(options, config=Config(date=parse_date("2023-06-01")))
    assert versions(pinned)["date"] == "2023-06-01"
    assert run_shard(shard, out, options, versions(pinned), done)["status"] == "done"
    old = {k: v for k, v in done.items() if k != "outputs_sha256"}  # an older manifest
    assert run_shard(shard, out, options, today, old)["status"] == "done"


def test_a_shard_missing_on_the_worker_fails_once(tmp_path: Path) -> None:
    """A shard that is gone when its task reads it is a bad input (failed at once, with its
    name), not a crash to retry."""
    (tmp_path / "a.jsonl").write_bytes(b"")
    shard = find_shards([str(tmp_path / "a.jsonl")])[0]
    (tmp_path / "a.jsonl").unlink()
    options = CleanOptions(Config(glossary=False), input_format="jsonl")
    got = run_shard(shard, str(tmp_path / "out"), options, {})
    assert got["status"] == "failed"
    assert "a.jsonl" in got["error"] and "no such file" in got["error"]


def test_bag_and_dataframe(records: list[dict[str, object]], dask_client: Any) -> None:
    import dask.bag as db
    import dask.dataframe as dd
    import pandas as pd

    some = records[:60]
    expected = clean_records(some, Config(), id_field="id")
    bag = clean_bag(db.from_sequence(some, npartitions=3), Config(), id_field="id")
    got = bag.compute()
    assert [r["text"] for r in got] == expected["text"]
    assert [r["id"] for r in got] == [r["id"] for r in some]
    assert [[(e["id"], e["start"]) for e in r["edits"]] for r in got] == [
        [(e["id"], e["start"]) for e in es] for es in expected["edits"]
    ]
    ddf = dd.from_pandas(pd.DataFrame.from_records(some), npartitions=3)
    frame = clean_dataframe(ddf, "text", Config(), id_column="id").compute()
    assert frame["text"].tolist() == expected["text"]
    assert frame["changed"].tolist() == expected["changed"]
    assert [[e["id"] for e in json.loads(s)] for s in frame["edits"]] == [
        [e["id"] for e in es] for es in expected["edits"]
    ]


def test_shards_by_folder_glob_file_and_url(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    for name in ("a.jsonl", "b.jsonl.gz", "c.parquet", "_skip.jsonl", "notes.txt"):
        (tmp_path / "in" / name).write_bytes(b"")
    by_folder = find_shards(["in"])
    assert [(s.path, s.name) for s in by_folder] == [
        ("in/a.jsonl", "a.jsonl"),
        ("in/b.jsonl.gz", "b.jsonl.gz"),
        ("in/c.parquet", "c.parquet"),
    ]
    assert [s.stem for s in by_folder] == ["a", "b", "c"]
    assert by_folder[0].url == str(tmp_path / "in" / "a.jsonl")
    assert [s.path for s in find_shards(["in/*.jsonl*"])] == ["in/a.jsonl", "in/b.jsonl.gz"]
    url = f"file://{tmp_path}/in/"
    assert find_shards([url])[0].path == url + "a.jsonl"
    assert find_shards(["in/a.jsonl"])[0].kind == "jsonl"
    for given, problem in (
        (["in/notes.txt"], "in/notes.txt: not a shard"),
        (["missing"], "missing: no such file"),
        (["in/*.tsv"], "in/*.tsv: no .jsonl, .jsonl.gz or .parquet shards"),
        (["in/a.jsonl", "in/a.jsonl"], "in/a.jsonl: has the same name as in/a.jsonl"),
    ):
        with pytest.raises(InputError) as exc:
            find_shards(given)
        assert str(exc.value).startswith(problem)


def test_usage_errors(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.jsonl").write_text('{"text": "x"}\n', encoding="utf-8")
    for args, message in (
        (["--engine", "dask", "in"], "--engine dask needs -o OUTDIR"),
        (["--engine", "dask", "--check", "in", "-o", "out"], "--check is not for --engine"),
        (["--resume", "in/a.jsonl"], "--resume needs --engine dask"),
        (["--retries", "5", "in/a.jsonl"], "--retries needs --engine dask"),
        (["--engine", "dask", "-j", "2", "in", "-o", "o"], "--engine dask takes --workers"),
        (["--engine", "dask", "in", "-o", "nosuch://b/o"], "nosuch://b/o: cannot open: "),
        (["--engine", "dask", "--input-format", "tsv", "in", "-o", "o"], "not TSV"),
        (["--engine", "dask", "in", "-o", "in"], "in: is the folder of the input in/a.jsonl"),
    ):
        proc = tarjama("clean", *args, cwd=tmp_path)
        assert proc.returncode == 2, args
        assert message in proc.stderr.splitlines()[0], proc.stderr


def test_an_outdir_that_links_to_the_inputs_is_refused(tmp_path: Path) -> None:
    """-o naming the input folder through a symbolic link (or ``..``) would replace each
    shard with its output: refused before any work, exit 2, the input left as it was."""
    (tmp_path / "in").mkdir()
    raw = '{"text": "Deir al-Zor , Syria"}\n'
    (tmp_path / "in" / "a.jsonl").write_text(raw, encoding="utf-8")
    (tmp_path / "link").symlink_to(tmp_path / "in", target_is_directory=True)
    for outdir in ("link", "in/../in"):
        with pytest.raises(InputError, match="is the folder of the input"):
            check_outdir(find_shards([str(tmp_path / "in")]), str(tmp_path / outdir))
    proc = tarjama("clean", "--engine", "dask", "in", "-o", "link", cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert "link: is the folder of the input in/a.jsonl" in proc.stderr
    assert (tmp_path / "in" / "a.jsonl").read_text(encoding="utf-8") == raw


def test_a_local_cluster_without_scheduler(
    records: list[dict[str, object]], tmp_path: Path
) -> None:
    names = write_shards(tmp_path / "in", records[:30], 2)
    proc = tarjama(
        "clean",
        "--isolated",
        "--engine",
        "dask",
        "--workers",
        "1",
        "in",
        "-o",
        "out",
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    assert "2 shard(s) cleaned" in proc.stderr
    assert sorted(p.name for p in (tmp_path / "out").glob("*.jsonl")) == names


def test_the_manifest_is_written_every_few_seconds_and_at_the_end(
    records: list[dict[str, object]],
    dask_client: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Not after every shard (a run of n shards would write n manifests of up to n entries):
    when a shard ends at least MANIFEST_SECONDS after the last write, and at the end, which
    lists every shard."""
    import cleanup.dask as engine

    writes: list[int] = []
    write = engine._write_manifest

    def counted(out: Any, entries: Any, versions: Any) -> None:
        writes.append(len(entries))
        write(out, entries, versions)

    monkeypatch.setattr(engine, "_write_manifest", counted)
    write_shards(tmp_path / "in", records, 6)
    shards = find_shards([str(tmp_path / "in")])
    monkeypatch.setattr(engine, "MANIFEST_SECONDS", 3600.0)
    clean_shards(dask_client, shards, str(tmp_path / "out"), CleanOptions())
    assert writes == [1, 6]  # the first shard's end, then the run's
    entries = json.loads((tmp_path / "out" / MANIFEST).read_text("utf-8"))["shards"]
    assert [e["status"] for e in entries] == ["done"] * 6
    writes.clear()
    monkeypatch.setattr(engine, "MANIFEST_SECONDS", 0.0)
    clean_shards(dask_client, shards, str(tmp_path / "out2"), CleanOptions())
    assert writes == [1, 2, 3, 4, 5, 6, 6]
