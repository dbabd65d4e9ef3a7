"""Cleaning on a Dask cluster (the ``tarjama[dask]`` extra): :func:`clean_bag` and
:func:`clean_dataframe` for Dask collections, and the shard runner of ``tarjama clean
--engine dask`` (:func:`clean_shards`).

The runner cleans one input shard per task (JSON Lines, ``.jsonl`` or ``.jsonl.gz``, or
Parquet), with the same code as ``tarjama clean`` in one process, so the output bytes and the
edit log are the same. Each shard's output keeps its name in OUTDIR; its edit log and findings
go to ``OUTDIR/_edits/STEM.jsonl`` and ``OUTDIR/_findings/STEM.jsonl`` (``file`` is the input
shard, ``line`` the record's line in it, ``id`` its ``--id-field``), so the logs of all shards
concatenate into one and join back to the records. Every file is written atomically, and
``OUTDIR/_manifest.json`` records each finished shard (its input, the input's SHA-256, its
outputs and counts, and the tarjama and glossary versions), so that a rerun with ``resume``
skips the shards already done. See docs/scaling.md.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import importlib
import importlib.util
import io
import json
import os
import posixpath
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any

from ._version import __version__
from .atomic import same_file, write_atomic
from .batch import clean_frame, clean_records, clean_texts
from .config import Config, parse_date
from .driver import (
    CleanOptions,
    FieldStats,
    FileOutcome,
    Piece,
    clean_stream,
    field_warnings,
    write_explain,
)
from .glossary.loader import glossary_layers
from .io import InputError, json_line
from .pipeline import Pipeline

__all__ = [
    "MANIFEST",
    "Shard",
    "ShardReport",
    "check_outdir",
    "clean_bag",
    "clean_dataframe",
    "clean_shards",
    "find_shards",
    "run_shard",
]

MANIFEST = "_manifest.json"
EDITS_DIR = "_edits"
FINDINGS_DIR = "_findings"
SUFFIXES = (".jsonl.gz", ".jsonl", ".parquet")
RETRIES = 2  # a shard that raises is tried this many more times before it is reported


# -- Dask collections ---------------------------------------------------------------------


def _clean_partition(
    part: list[Any], config: Config | None, field: str, id_field: str | None
) -> list[dict[str, Any]]:
    recs = [r if isinstance(r, Mapping) else {field: r} for r in part]
    cols = clean_records(recs, config, field=field, id_field=id_field)
    return [
        {**r, field: cols["text"][k], "changed": cols["changed"][k]}
        | {"edits": cols["edits"][k], "findings": cols["findings"][k]}
        for k, r in enumerate(recs)
    ]


def clean_bag(
    bag: Any, config: Config | None = None, *, field: str = "text", id_field: str | None = None
) -> Any:
    """A Dask Bag of records (dicts, or strings: records ``{field: string}``) cleaned: each
    record with ``field`` cleaned and ``changed``, ``edits`` and ``findings`` added (the edit
    log's objects; ``line`` and ``record`` count within the partition, ``id`` is the record's
    ``id_field``). Each worker builds the pipeline once (:func:`cleanup.batch.pipeline_for`)."""
    return bag.map_partitions(_clean_partition, config, field, id_field)


def clean_dataframe(
    ddf: Any,
    column: str = "text",
    config: Config | None = None,
    *,
    id_column: str | None = None,
    changed_column: str = "changed",
    edits_column: str = "edits",
    findings_column: str = "findings",
) -> Any:
    """A Dask DataFrame with ``column`` cleaned, and ``changed``, ``edits`` and ``findings``
    columns (JSON arrays as strings), partition by partition with
    :func:`cleanup.batch.clean_frame`."""
    kwargs: dict[str, Any] = {
        "id_column": id_column,
        "changed_column": changed_column,
        "edits_column": edits_column,
        "findings_column": findings_column,
    }
    meta = clean_frame(ddf._meta, column, config, **kwargs)
    return ddf.map_partitions(clean_frame, column, config, meta=meta, **kwargs)


# -- shards -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Shard:
    """An input shard: ``path`` as the user named it (a local path or an fsspec URL: the
    ``file`` of its edit log), ``name``, its file name (the output's name in OUTDIR), and
    ``url``, where a worker reads it (an absolute path: the workers of a cluster need the
    same file system, or use URLs)."""

    path: str
    name: str
    url: str

    @property
    def kind(self) -> str:
        return "parquet" if self.name.endswith(".parquet") else "jsonl"

    @property
    def stem(self) -> str:
        return next(self.name[: -len(s)] for s in SUFFIXES if self.name.endswith(s))


def _is_shard(name: str) -> bool:
    return name.endswith(SUFFIXES) and not name.startswith(("_", "."))


def find_shards(inputs: Sequence[str]) -> list[Shard]:
    """The shards named by ``inputs``: files, folders (their ``.jsonl``, ``.jsonl.gz`` and
    ``.parquet`` files, not those whose name starts with ``_`` or ``.``) and globs, local or
    fsspec URLs. Raises :class:`InputError` for an input that names no shard, and for two
    shards whose outputs would have the same name."""
    shards: list[Shard] = []
    for given in inputs:
        fs, root = _file_system(given)
        remote = "://" in given
        found: list[Shard] = []
        if any(c in given for c in "*?["):
            for p in sorted(fs.glob(root)):
                name = posixpath.basename(p)
                if _is_shard(name) and fs.isfile(p):
                    path = fs.unstrip_protocol(p) if remote else _local(given, p)
                    found.append(Shard(path, name, _url(fs, p, remote)))
        elif fs.isdir(root):
            for p in sorted(fs.ls(root, detail=False)):
                name = posixpath.basename(p)
                if _is_shard(name) and fs.isfile(p):
                    path = given.rstrip("/") + "/" + name if remote else os.path.join(given, name)
                    found.append(Shard(path, name, _url(fs, p, remote)))
        elif fs.isfile(root):
            name = posixpath.basename(root)
            if not name.endswith(SUFFIXES):
                raise InputError(given, None, "not a shard: use .jsonl, .jsonl.gz or .parquet")
            found.append(Shard(given, name, _url(fs, root, remote)))
        else:
            raise InputError(given, None, "no such file")
        if not found:
            raise InputError(given, None, "no .jsonl, .jsonl.gz or .parquet shards")
        shards.extend(found)
    seen: dict[str, str] = {}
    for s in shards:
        if s.stem in seen:
            raise InputError(s.path, None, f"has the same name as {seen[s.stem]} in OUTDIR")
        seen[s.stem] = s.path
    return shards


def _file_system(given: str) -> tuple[Any, str]:
    """The fsspec file system of a path or URL, and the path in it; InputError when there is
    none (an unknown protocol, or its package is not installed: s3fs for s3://...)."""
    from fsspec.core import url_to_fs

    try:
        fs, root = url_to_fs(given)
    except (ImportError, ValueError) as exc:
        raise InputError(given, None, f"cannot open: {exc}") from None
    return fs, str(root)


def _url(fs: Any, path: str, remote: bool) -> str:
    return str(fs.unstrip_protocol(path)) if remote else os.path.abspath(path)


def _local(pattern: str, found: str) -> str:
    """A local glob's match spelled as the pattern was (relative stays relative)."""
    if os.path.isabs(pattern):
        return found
    return os.path.relpath(found)


def check_outdir(shards: Sequence[Shard], outdir: str) -> None:
    """Raise :class:`InputError` when a shard's output would replace the shard itself (a
    local OUTDIR: also through a symbolic link, ``.`` or ``..``)."""
    out = _Out(outdir)
    for s in shards:
        target = out.path(s.name)
        if target == s.url or (not out.remote and same_file(target, s.url)):
            raise InputError(outdir, None, f"is the folder of the input {s.path}; use another")


def glossary_version(config: Config) -> str:
    """The glossary the configuration applies, as a hash of its files (``off`` without)."""
    if not config.glossary:
        return "off"
    h = hashlib.sha256()
    for layer in glossary_layers(config.glossary_paths):
        for p in layer:
            h.update(p.name.encode() + b"\x00" + p.read_bytes())
    return h.hexdigest()[:16]


def versions(options: CleanOptions) -> dict[str, str]:
    """What a finished shard's output depends on besides its input: a shard is skipped by
    ``resume`` only when all of these are the same."""
    settings = (
        options.config,
        options.json_field,
        options.id_field,
        options.strict_field,
        options.errors,
    )
    config = options.config
    return {
        "tarjama": __version__,
        "glossary": glossary_version(config),
        "options": hashlib.sha256(repr(settings).encode()).hexdigest()[:16],
        # the day the glossary's validity periods are read on when a record has no date of
        # its own: --date, else the day of the run (so a resume on another day redoes them)
        "date": (config.date or dt.date.today()).isoformat() if config.glossary else "",
    }


#: What a shard's output depends on besides its input (:func:`versions`).
VERSION_KEYS = ("tarjama", "glossary", "options", "date")


@dataclass
class ShardReport:
    """What became of one shard: ``status`` is ``done``, ``skipped`` (done by an earlier
    run, with the same input and versions) or ``failed`` (``error`` says why)."""

    input: str
    status: str
    sha256: str = ""
    output: str = ""
    edits: str = ""
    findings: str = ""
    records: int = 0
    changed_records: int = 0
    edit_count: int = 0
    finding_count: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    versions: dict[str, str] = field(default_factory=dict)
    #: the SHA-256 of each output as written (path relative to OUTDIR): a resume keeps an
    #: output only if it still has these bytes
    outputs_sha256: dict[str, str] = field(default_factory=dict)
    error: str = ""

    @property
    def skipped(self) -> bool:
        return self.status == "skipped"

    def to_json(self) -> dict[str, Any]:
        out = {k: v for k, v in self.__dict__.items() if k != "versions"}
        out.update(self.versions)
        return out

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> ShardReport:
        names = set(cls.__dataclass_fields__) - {"versions"}
        got = cls(**{k: v for k, v in obj.items() if k in names})
        got.versions = {k: str(obj.get(k, "")) for k in VERSION_KEYS}
        return got


class _Out:
    """OUTDIR, a local folder (written with cleanup.atomic) or an fsspec URL (an object
    store writes each object whole). A local OUTDIR, also one given as a ``file://`` URL, is
    made an absolute path, for the workers."""

    def __init__(self, outdir: str) -> None:
        self.fs, self.root = _file_system(outdir)
        protocols = self.fs.protocol
        local = "file" in ((protocols,) if isinstance(protocols, str) else protocols)
        self.remote = "://" in outdir and not local
        self.outdir = outdir if self.remote else os.path.abspath(self.root)

    def path(self, name: str) -> str:
        """The file ``name`` (``/``-separated, relative to OUTDIR)."""
        if self.remote:
            return self.outdir.rstrip("/") + "/" + name
        return os.path.join(self.outdir, *name.split("/"))

    def write(self, path: str, data: bytes) -> None:
        if self.remote:
            self.fs.pipe_file(path, data)
        else:
            os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
            write_atomic(path, data)

    def exists(self, path: str) -> bool:
        return bool(self.fs.exists(path))

    def read(self, path: str) -> bytes | None:
        try:
            data: bytes = self.fs.cat_file(path)
        except FileNotFoundError:
            return None
        return data


def _read(url: str, path: str) -> bytes:
    from fsspec.core import url_to_fs

    fs, root = url_to_fs(url)
    try:
        data: bytes = fs.cat_file(root)
    except FileNotFoundError:
        raise InputError(path, None, "no such file (on the worker)") from None
    return data


def run_shard(
    shard: Shard,
    outdir: str,
    options: CleanOptions,
    versions: dict[str, str],
    previous: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Clean one shard into OUTDIR (a worker's task); returns its manifest entry. A shard
    already done (``previous``: the same input bytes and versions, its outputs there) is
    skipped. Bad input (invalid JSON or UTF-8...) is a ``failed`` entry whose error names
    the shard, the line and the problem as ``tarjama clean`` does; anything else raises (and
    is retried)."""
    out = _Out(outdir)
    try:
        data = _read(shard.url, shard.path)
    except InputError as exc:  # not there (on the worker): a bad input, not a crash to retry
        return ShardReport(shard.path, "failed", error=str(exc)).to_json()
    digest = hashlib.sha256(data).hexdigest()
    report = ShardReport(
        shard.path,
        "done",
        digest,
        shard.name,
        f"{EDITS_DIR}/{shard.stem}.jsonl",
        f"{FINDINGS_DIR}/{shard.stem}.jsonl",
        versions=dict(versions),
    )
    if previous is not None:
        before = ShardReport.from_json(previous)
        if (
            before.status == "done"
            and before.sha256 == digest
            and before.versions == versions
            and _unchanged(out, before)
        ):
            before.status = "skipped"
            return before.to_json()
    try:
        if shard.kind == "parquet":
            cleaned, log, found = _clean_parquet(shard, data, options, report)
        else:
            if shard.name.endswith(".gz"):
                data = _gunzip(shard, data)
            cleaned, log, found = _clean_jsonl(shard, data, options, report)
            if shard.name.endswith(".gz"):
                cleaned = gzip.compress(cleaned, mtime=0)
    except InputError as exc:
        return ShardReport(shard.path, "failed", digest, error=str(exc)).to_json()
    for name, data in ((report.output, cleaned), (report.edits, log), (report.findings, found)):
        out.write(out.path(name), data)
        report.outputs_sha256[name] = hashlib.sha256(data).hexdigest()
    return report.to_json()


def _unchanged(out: _Out, before: ShardReport) -> bool:
    """Whether the three outputs of a shard done before are there with the bytes it wrote
    (a run killed between writing a shard's outputs and the manifest leaves others)."""
    for name in (before.output, before.edits, before.findings):
        data = out.read(out.path(name))
        want = before.outputs_sha256.get(name)
        if data is None or want is None or hashlib.sha256(data).hexdigest() != want:
            return False
    return True


def _gunzip(shard: Shard, data: bytes) -> bytes:
    try:
        return gzip.decompress(data)
    except (OSError, EOFError) as exc:
        raise InputError(shard.path, None, f"invalid gzip: {exc}") from None


def _clean_jsonl(
    shard: Shard, data: bytes, options: CleanOptions, report: ShardReport
) -> tuple[bytes, bytes, bytes]:
    """The cleaned shard, its edit log and its findings, as ``tarjama clean`` writes them."""
    text: list[bytes] = []
    log = io.StringIO()

    def on_piece(piece: Piece) -> None:
        report.edit_count += len(piece.edits)
        write_explain(log, piece.edits, shard.path, piece.ids, per_line=False)

    outcome = clean_stream(io.BytesIO(data), shard.path, options, text.append, on_piece)
    report.records = outcome.records
    report.changed_records = outcome.changed_records
    report.counts = dict(outcome.counts)
    report.warnings = [f"{shard.path}:{r.line}: {r.message}" for r in outcome.repairs]
    report.warnings += [f"{shard.path}: {w}" for w in outcome.warnings]
    report.finding_count = len(outcome.findings)
    found = "".join(json_line(f.to_json(shard.path)) + "\n" for f in outcome.findings)
    return b"".join(text), log.getvalue().encode(), found.encode()


PARQUET_BATCH = 2000  # records cleaned at a time


def _clean_parquet(
    shard: Shard, data: bytes, options: CleanOptions, report: ShardReport
) -> tuple[bytes, bytes, bytes]:
    """A Parquet shard: the ``--field`` column cleaned (other columns kept), the edit log and
    the findings (``line`` is the row's 1-based number)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(io.BytesIO(data))
    except (pa.ArrowException, OSError) as exc:
        raise InputError(shard.path, None, f"invalid Parquet: {exc}") from None
    names = table.column_names
    for want in (options.json_field, options.id_field):
        if want is not None and want not in names:
            raise InputError(shard.path, None, f"no column {want!r}")
    texts = table.column(options.json_field).to_pylist()
    ids = table.column(options.id_field).to_pylist() if options.id_field else [None] * len(texts)
    odd = [k for k, v in enumerate(texts) if not isinstance(v, str)]  # null, or not text
    if odd and options.strict_field:
        name = options.json_field
        raise InputError(
            shard.path, odd[0] + 1, f"a non-string value in column {name!r} (--strict-field)"
        )
    stats = FieldStats(not_string=len(odd))
    if options.id_field:
        stats.without_id = sum(i is None for i in ids)
    day = options.config.date_field
    days = table.column(day).to_pylist() if day is not None and day in names else None
    dates = [parse_date(d) for d in days] if days is not None else None
    if days is not None and dates is not None:
        bad = [
            k
            for k, (v, d) in enumerate(zip(days, dates, strict=True))
            if v is not None and d is None
        ]
        stats.bad_date = len(bad)
        stats.first_bad_date = (bad[0], days[bad[0]]) if bad else None
    outcome = FileOutcome(shard.path, len(texts), fields=stats)
    field_warnings(outcome, options)  # as tarjama clean says them of a JSON Lines file
    report.warnings = [f"{shard.path}: {w}" for w in outcome.warnings]
    cleaned: list[Any] = []
    log = io.StringIO()
    found = io.StringIO()
    counts: Counter[str] = Counter()
    # built for this shard, as tarjama clean builds one for each input: it reads the glossary
    # as it is now (batch.pipeline_for's per-process cache would keep, on a long-lived
    # worker, the glossary of an earlier run)
    pipeline = Pipeline(options.config)
    for first in range(0, len(texts), PARQUET_BATCH):
        end = first + PARQUET_BATCH
        got = clean_texts(
            texts[first:end],
            options.config,
            ids=ids[first:end],
            dates=dates[first:end] if dates is not None else None,
            first=first,
            pipeline=pipeline,
        )
        cleaned.extend(got.text)
        counts.update(got.counts)
        report.changed_records += sum(got.changed)
        edits = [(first + k, e) for k, es in enumerate(got.edits) for e in es]
        report.edit_count += len(edits)
        write_explain(log, edits, shard.path, dict(enumerate(ids[first:end], first)), False)
        for fs in got.findings:
            report.finding_count += len(fs)
            found.writelines(json_line(f.to_json(shard.path)) + "\n" for f in fs)
    report.records = len(texts)
    report.counts = dict(counts)
    k = names.index(options.json_field)
    column = pa.array(cleaned, type=table.schema.field(k).type)
    buf = io.BytesIO()
    pq.write_table(table.set_column(k, table.schema.field(k), column), buf)
    return buf.getvalue(), log.getvalue().encode(), found.getvalue().encode()


# -- the runner ---------------------------------------------------------------------------


@dataclass
class RunReport:
    shards: list[ShardReport]

    @property
    def failed(self) -> list[ShardReport]:
        return [s for s in self.shards if s.status == "failed"]

    def count(self, status: str) -> int:
        return sum(s.status == status for s in self.shards)


def read_manifest(outdir: str) -> dict[str, dict[str, Any]]:
    """The entries of OUTDIR's manifest by input shard (none if there is none)."""
    out = _Out(outdir)
    data = out.read(out.path(MANIFEST))
    if data is None:
        return {}
    try:
        doc = json.loads(data)
        return {e["input"]: e for e in doc["shards"]}
    except (ValueError, KeyError, TypeError):
        return {}  # an unreadable manifest: every shard is done again


def _write_manifest(
    out: _Out, entries: Mapping[str, ShardReport], versions: Mapping[str, str]
) -> None:
    doc = {
        **versions,
        "shards": [entries[k].to_json() for k in sorted(entries)],
    }
    out.write(out.path(MANIFEST), (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode())


Task = Callable[..., dict[str, Any]]

#: The manifest is written when a shard ends at least this long after it was last written, and
#: when the run ends: written after every shard, a run of n shards would write n manifests of
#: up to n entries each (for 10,000 shards, tens of gigabytes to an object store). A killed run
#: loses the record of its last few seconds' shards, which ``--resume`` then cleans again.
MANIFEST_SECONDS = 5.0


def clean_shards(
    client: Any,
    shards: Sequence[Shard],
    outdir: str,
    options: CleanOptions,
    *,
    resume: bool = False,
    retries: int = RETRIES,
    on_done: Callable[[ShardReport], None] | None = None,
    task: Task = run_shard,
) -> RunReport:
    """Clean ``shards`` into ``outdir`` on the Dask ``client``, one task per shard (retried
    ``retries`` times when it raises), recording each finished shard in the manifest as it
    ends. With ``resume``, shards the manifest lists as done (same input hash, same versions)
    are skipped. ``on_done`` is called with each shard's report as it ends."""
    as_completed = _distributed().as_completed
    options = replace(options, input_format="jsonl", jobs=1, explain=True, keep_original=False)
    vers = versions(options)
    out = _Out(outdir)
    if not out.remote:
        os.makedirs(out.outdir, exist_ok=True)
    previous = read_manifest(outdir) if resume else {}
    entries: dict[str, ShardReport] = {
        k: ShardReport.from_json(e) for k, e in previous.items() if e.get("status") == "done"
    }
    run = uuid.uuid4().hex
    futures = {
        client.submit(
            task,
            s,
            out.outdir,
            options,
            vers,
            previous.get(s.path),
            retries=retries,
            pure=False,
            key=f"tarjama-shard-{k}-{run}",
        ): s
        for k, s in enumerate(shards)
    }
    done: list[ShardReport] = []
    written = float("-inf")  # when the manifest was last written
    try:
        for fut in as_completed(futures):
            shard = futures[fut]
            try:
                report = ShardReport.from_json(fut.result())
            except Exception as exc:  # the task raised on every try
                tries = retries + 1
                why = f"{type(exc).__name__}: {exc}"
                report = ShardReport(
                    shard.path, "failed", error=f"{shard.path}: failed {tries} times: {why}"
                )
            entries[shard.path] = replace(report, status="done") if report.skipped else report
            if time.monotonic() - written >= MANIFEST_SECONDS:
                _write_manifest(out, entries, vers)
                written = time.monotonic()
            done.append(report)
            if on_done is not None:
                on_done(report)
    finally:  # the shards that ended, also when the run is interrupted
        _write_manifest(out, entries, vers)
    order = {s.path: k for k, s in enumerate(shards)}
    done.sort(key=lambda r: order[r.input])
    return RunReport(done)


def _distributed() -> Any:
    """The ``distributed`` package (typed loosely: its functions are not annotated)."""
    return importlib.import_module("distributed")


#: The local cluster's housekeeping, less often than Dask's defaults (20 ms, 500 ms, 100 ms):
#: an idle one-worker cluster used 3.6% of a core with the defaults and 2% with these, CPU
#: that the cleaning would otherwise have. A task's progress is not affected. The workers'
#: statistical profiler (a stack sample every 10 ms, for the dashboard's profile page) is off:
#: on pure-Python tasks it cost about 10% of a worker's CPU (bench_dask.py, 100 MB: +23% over
#: one process with it, +10% without).
LOCAL_CONFIG = {
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.worker.profile.enabled": False,
}


def _cores() -> int:
    """The cores this process may run on (its CPU affinity, where the system has one)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


@contextmanager
def connect(scheduler: str | None = None, workers: int | None = None) -> Iterator[Any]:
    """A Dask client: of the scheduler at ``scheduler``, or of a LocalCluster sized to the
    machine (one single-threaded worker process per core, or ``workers``). Raises OSError
    when the scheduler cannot be reached."""
    dist = _distributed()
    if scheduler is not None:
        with dist.Client(scheduler, timeout="30s") as client:
            yield client
        return
    n = workers or _cores()
    dashboard = ":8787" if importlib.util.find_spec("bokeh") is not None else ":0"
    with importlib.import_module("dask").config.set(LOCAL_CONFIG):
        cluster = dist.LocalCluster(
            n_workers=n, threads_per_worker=1, processes=True, dashboard_address=dashboard
        )
    with cluster, dist.Client(cluster) as client:
        yield client


def dashboard_link(client: Any, local: bool) -> str | None:
    """The Dask dashboard's address, when the scheduler serves one (a local cluster serves
    the dashboard only when bokeh is installed)."""
    info = client.scheduler_info()
    if "dashboard" not in info.get("services", {}):
        return None
    if local and importlib.util.find_spec("bokeh") is None:
        return None
    link: str = client.dashboard_link
    return link


def require() -> None:
    """Raise ModuleNotFoundError (naming the package) unless the ``dask`` extra is installed."""
    for name in ("distributed", "fsspec", "pandas", "pyarrow"):
        if importlib.util.find_spec(name) is None:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
