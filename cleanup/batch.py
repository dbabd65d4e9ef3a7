"""Cleaning a batch of records: the one path that the command line (``tarjama clean`` on JSON
Lines) and every engine (Dask, Ray Data, Spark, pandas) call.

A batch is a sequence of texts (a list, a list of dicts, a pandas Series or DataFrame column,
a pyarrow column); the result is columns: the cleaned text, whether it changed, its edits (the
edit log, in offsets of the original record) and its findings. The pipeline, and with it the
compiled glossary matcher, is built once per process and configuration (:func:`pipeline_for`)
and reused by every batch. pandas and pyarrow are not needed unless their objects are passed.

>>> from cleanup.batch import clean_records
>>> cols = clean_records([{"id": 7, "text": "Deir al-Zor , Syria"}], id_field="id")
>>> cols["text"], cols["edits"][0][0]["id"]
(['Deir al-Zor, Syria'], 7)
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .config import Config, parse_date
from .edits import Edit, Licence
from .io import json_line
from .pipeline import Pipeline, Result

__all__ = [
    "Batch",
    "RecordFinding",
    "clean_column",
    "clean_frame",
    "clean_records",
    "clean_table",
    "clean_texts",
    "pipeline_for",
]

_PIPELINES: dict[Config, Pipeline] = {}
_KEEP = 8  # configurations whose pipeline a process keeps


def pipeline_for(config: Config | None = None) -> Pipeline:
    """The pipeline for ``config``, built once per process and kept (the glossary files are
    read when it is built: a process that changes them builds a new one with
    ``Pipeline(config)``). The compiled glossary matcher is shared by every pipeline of the
    process (cleanup.glossary.cache)."""
    config = config or Config()
    pipe = _PIPELINES.get(config)
    if pipe is None:
        if len(_PIPELINES) >= _KEEP:
            _PIPELINES.pop(next(iter(_PIPELINES)))
        pipe = _PIPELINES[config] = Pipeline(config)
    return pipe


@dataclass(frozen=True, slots=True)
class RecordFinding:
    """A report-only finding, located by record (0-based index; its line is ``record + 1``)
    and column (0-based code points in the cleaned record); ``id`` is the record's own id
    (``--id-field``) when there is one."""

    record: int
    column: int
    end: int
    code: str
    message: str
    severity: str = "warning"
    id: object = None

    @property
    def line(self) -> int:
        return self.record + 1

    def to_json(self, file: str | None = None) -> dict[str, object]:
        out: dict[str, object] = {} if file is None else {"file": file}
        out["line"] = self.line
        if self.id is not None:
            out["id"] = self.id
        out.update(
            record=self.record,
            start=self.column,
            end=self.end,
            code=self.code,
            message=self.message,
            severity=self.severity,
        )
        return out


@dataclass
class Batch:
    """The cleaned batch, a list per column; record ``k`` of the batch is record ``first + k``
    of its input. A value that is not a string is left as it was (``changed`` False)."""

    first: int
    text: list[Any]
    changed: list[bool]
    edits: list[list[Edit]]
    findings: list[list[RecordFinding]]
    ids: list[object]
    counts: Counter[str] = field(default_factory=Counter)
    #: the glossary's licences by (record, line in the record, concept) (with ``licences``)
    licences: dict[tuple[int, int, str], Licence] = field(default_factory=dict)

    def edit_log(self, k: int) -> list[dict[str, object]]:
        """Record ``k``'s edits as edit-log objects (docs/cleaning.md)."""
        rec = self.first + k
        return [e.to_json(rec, self.ids[k], per_line=False) for e in self.edits[k]]

    def columns(self) -> dict[str, list[Any]]:
        """``text``, ``changed``, ``edits`` and ``findings`` (lists of JSON-ready dicts)."""
        return {
            "text": self.text,
            "changed": self.changed,
            "edits": [self.edit_log(k) for k in range(len(self.text))],
            "findings": [[f.to_json() for f in fs] for fs in self.findings],
        }


def clean_texts(
    texts: Iterable[object],
    config: Config | None = None,
    *,
    ids: Sequence[object] | None = None,
    dates: Sequence[dt.date | None] | None = None,
    first: int = 0,
    explain: bool = True,
    licences: bool = False,
    pipeline: Pipeline | None = None,
) -> Batch:
    """Clean each text of a batch. ``ids``: each record's own id (carried into the edit log
    and findings); ``dates``: each record's date, for dated glossary terms (None: the
    configured date); ``first``: the index of the batch's first record in its input; without
    ``explain`` no edit log is kept (faster). ``pipeline``: the pipeline to run (default: the
    process's pipeline for ``config``, :func:`pipeline_for`)."""
    pipe = pipeline if pipeline is not None else pipeline_for(config)
    values = list(texts)
    ids = list(ids) if ids is not None else [None] * len(values)
    out = Batch(first, [], [], [], [], ids)
    for k, value in enumerate(values):
        rec = first + k
        if not isinstance(value, str):
            out.text.append(value)
            out.changed.append(False)
            out.edits.append([])
            out.findings.append([])
            continue
        res = pipe.run(value, explain=explain, date=dates[k] if dates is not None else None)
        out.counts.update(res.counts)
        out.text.append(res.text if res.changed else value)
        out.changed.append(res.changed)
        out.edits.append(res.edits)
        out.findings.append(
            [
                RecordFinding(rec, f.start, f.end, f.code, f.message, f.severity, ids[k])
                for f in res.findings
            ]
        )
        if licences:
            for (line, concept), lic in glossary_licences(res):
                out.licences[(rec, line, concept)] = lic
    return out


def glossary_licences(res: Result) -> Iterable[tuple[tuple[int, str], Licence]]:
    """The glossary's licences in a result, by (line, concept): none without a survey."""
    survey = res.surveys.get("glossary")
    if survey is None:
        return ()
    got: dict[tuple[int, str], Licence] = survey.licences
    return got.items()


def _values(column: Any) -> list[Any]:
    """A column as a list: a pandas Series, a pyarrow Array or ChunkedArray, or any iterable."""
    if hasattr(column, "to_pylist"):  # pyarrow
        return list(column.to_pylist())
    if hasattr(column, "tolist"):  # pandas, numpy
        return list(column.tolist())
    return list(column)


def _dates(values: Iterable[object]) -> list[dt.date | None]:
    return [parse_date(v) if v is not None else None for v in values]


def clean_records(
    records: Iterable[Mapping[str, Any]],
    config: Config | None = None,
    *,
    field: str = "text",
    id_field: str | None = None,
    explain: bool = True,
) -> dict[str, list[Any]]:
    """Clean ``field`` of each record (a dict): the columns of :meth:`Batch.columns`. A
    record's date is its ``config.date_field`` value, when the configuration names one."""
    config = config or Config()
    recs = list(records)
    ids = [r.get(id_field) for r in recs] if id_field is not None else None
    day = config.date_field
    dates = _dates(r.get(day) for r in recs) if day is not None else None
    texts = [r.get(field) for r in recs]
    return clean_texts(texts, config, ids=ids, dates=dates, explain=explain).columns()


def clean_column(
    column: Any,
    config: Config | None = None,
    *,
    ids: Any = None,
    dates: Any = None,
    explain: bool = True,
) -> dict[str, list[Any]]:
    """Clean a column of texts (a pandas Series, a pyarrow Array or ChunkedArray, a list):
    the columns of :meth:`Batch.columns`. ``ids`` and ``dates``: columns of the same length."""
    return clean_texts(
        _values(column),
        config,
        ids=_values(ids) if ids is not None else None,
        dates=_dates(_values(dates)) if dates is not None else None,
        explain=explain,
    ).columns()


def _json_columns(
    column: Any, config: Config | None, id_values: Any, date_values: Any
) -> tuple[list[Any], list[bool], list[str], list[str]]:
    cols = clean_column(column, config, ids=id_values, dates=date_values)
    return (
        cols["text"],
        cols["changed"],
        [json_line(e) for e in cols["edits"]],
        [json_line(f) for f in cols["findings"]],
    )


def clean_frame(
    df: Any,
    column: str = "text",
    config: Config | None = None,
    *,
    id_column: str | None = None,
    changed_column: str = "changed",
    edits_column: str = "edits",
    findings_column: str = "findings",
) -> Any:
    """A pandas DataFrame with ``column`` cleaned, and three more columns: ``changed``, and
    the record's ``edits`` and ``findings`` as JSON arrays (strings: they keep in Parquet and
    Spark without a schema). The date of a record is its ``config.date_field`` column, when
    the configuration names one the frame has."""
    day = config.date_field if config is not None else None
    text, changed, edits, findings = _json_columns(
        df[column],
        config,
        df[id_column] if id_column is not None else None,
        df[day] if day is not None and day in df.columns else None,
    )
    out = df.copy()
    out[column] = text
    out[changed_column] = changed
    out[edits_column] = edits
    out[findings_column] = findings
    return out


def clean_table(
    table: Any,
    column: str = "text",
    config: Config | None = None,
    *,
    id_column: str | None = None,
    changed_column: str = "changed",
    edits_column: str = "edits",
    findings_column: str = "findings",
) -> Any:
    """A pyarrow Table with ``column`` cleaned and ``changed``, ``edits`` and ``findings``
    columns, as :func:`clean_frame` does for pandas."""
    import pyarrow as pa

    day = config.date_field if config is not None else None
    text, changed, edits, findings = _json_columns(
        table.column(column),
        config,
        table.column(id_column) if id_column is not None else None,
        table.column(day) if day is not None and day in table.column_names else None,
    )
    out = table.set_column(
        table.column_names.index(column),
        column,
        pa.array(text, type=table.schema.field(column).type),
    )
    for name, values, kind in (
        (changed_column, changed, pa.bool_()),
        (edits_column, edits, pa.string()),
        (findings_column, findings, pa.string()),
    ):
        arr = pa.array(values, type=kind)
        if name in out.column_names:
            out = out.set_column(out.column_names.index(name), name, arr)
        else:
            out = out.append_column(name, arr)
    return out
