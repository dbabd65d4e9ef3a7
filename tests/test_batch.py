"""The batch API (cleanup.batch): a batch of records as columns, the same cleaning, edit log
and findings as ``tarjama clean`` on JSON Lines, from a list of dicts, pandas and pyarrow."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from cleanup import Config
from cleanup.batch import clean_column, clean_records, clean_texts, pipeline_for
from cleanup.io import json_line


@pytest.fixture(scope="module")
def records(load_script: Callable[[str], ModuleType]) -> list[dict[str, object]]:
    """MT-looking paragraphs built from NTREX-128, FLORES-200 and TICO-19 with the artefacts of
    Arabic->English MT injected (scripts/mt_corpus.py), with ids; and two without text."""
    text = load_script("mt_corpus").generate(40_000, seed=13)
    recs: list[dict[str, object]] = [
        {"id": f"doc-{k}", "text": line} for k, line in enumerate(text.split("\n")) if line
    ]
    recs.insert(3, {"id": "no-text"})
    recs.insert(5, {"id": "not-a-string", "text": 12})
    return recs


def _cli(records: list[dict[str, object]], tmp_path: Path) -> tuple[list[str], str, list[dict]]:  # type: ignore[type-arg]
    """``tarjama clean`` on the records as JSON Lines: the cleaned texts, the edit log, and
    the findings (JSON, complete)."""
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json_line(r) + "\n" for r in records), encoding="utf-8")
    out, log = tmp_path / "out.jsonl", tmp_path / "edits.jsonl"
    proc = subprocess.run(
        [
            *(sys.executable, "-m", "cleanup", "clean", "--isolated", "--input-format", "jsonl"),
            *("--id-field", "id", "--explain", str(log), "-f", "json", "-o", str(out), str(src)),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    texts = [json.loads(line).get("text") for line in out.read_text("utf-8").splitlines()]
    found = [json.loads(line) for line in proc.stderr.splitlines() if line.startswith("{")]
    return texts, log.read_text(encoding="utf-8"), found


def test_records_match_the_command_line(records: list[dict[str, object]], tmp_path: Path) -> None:
    cols = clean_records(records, Config(), id_field="id")
    texts, log, findings = _cli(records, tmp_path)
    assert cols["text"] == texts
    assert sum(cols["changed"]) > len(records) // 4  # the artefacts were cleaned
    assert cols["text"][3] is None and cols["text"][5] == 12
    assert "".join(json_line(e) + "\n" for es in cols["edits"] for e in es) == log
    for row in findings:
        row.pop("file")
    assert [f for fs in cols["findings"] for f in fs] == findings


def test_pandas_frame_and_series(records: list[dict[str, object]]) -> None:
    pd = pytest.importorskip("pandas")
    from cleanup.batch import clean_frame

    df = pd.DataFrame.from_records(records)
    expected = clean_records(records, id_field="id")
    out = clean_frame(df, "text", id_column="id")
    assert list(df.columns) == ["id", "text"]  # the input is left as it was
    assert out["text"].tolist()[6:] == expected["text"][6:]
    assert out["changed"].tolist() == expected["changed"]
    assert [json.loads(e) for e in out["edits"]] == expected["edits"]
    assert [json.loads(f) for f in out["findings"]] == expected["findings"]
    # a Series of texts (no ids): the same texts and the same edits, located by position
    series = df["text"].iloc[6:].reset_index(drop=True)
    cols = clean_column(series)
    assert cols["text"] == expected["text"][6:]
    assert [[e["start"] for e in es] for es in cols["edits"]] == [
        [e["start"] for e in es] for es in expected["edits"][6:]
    ]


def test_pyarrow_table(records: list[dict[str, object]]) -> None:
    pa = pytest.importorskip("pyarrow")
    from cleanup.batch import clean_table

    rows = [r for r in records if isinstance(r.get("text"), str)]
    table = pa.Table.from_pylist(rows)
    out = clean_table(table, "text", id_column="id")
    expected = clean_records(rows, id_field="id")
    assert out.column("text").to_pylist() == expected["text"]
    assert out.column_names == ["id", "text", "changed", "edits", "findings"]
    assert [json.loads(e) for e in out.column("edits").to_pylist()] == expected["edits"]


def test_the_pipeline_is_built_once_per_configuration() -> None:
    a = pipeline_for(Config(quotes="curly"))
    assert pipeline_for(Config(quotes="curly")) is a
    assert pipeline_for(Config(quotes="keep")) is not a
    got = clean_texts(["He said “yes” ."], Config(quotes="curly"), ids=["x"], first=41)
    assert got.text == ["He said “yes”."]
    assert got.edit_log(0)[0]["line"] == 42 and got.edit_log(0)[0]["id"] == "x"
