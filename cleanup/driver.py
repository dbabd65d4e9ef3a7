"""Cleaning whole inputs: plain text, JSON Lines and TSV, streamed in blocks, optionally in
several processes, with the edit log, diffs and statistics. The CLI is a thin layer over this."""

from __future__ import annotations

import bisect
import datetime as dt
import os
import stat
import sys
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any, BinaryIO, Literal, TypeVar, cast

from .batch import RecordFinding, clean_texts, glossary_licences
from .config import Config, parse_date
from .edits import Edit, Licence
from .io import (
    BLOCK_BYTES,
    BlockChanged,
    InputError,
    RawBlock,
    Repair,
    iter_text_blocks,
    json_field_span,
    json_line,
)
from .pipeline import Pipeline
from .quotes import QuoteTracker
from .scan import line_starts

if TYPE_CHECKING:
    from concurrent.futures import Executor, Future

__all__ = ["CleanOptions", "FileOutcome", "RecordFinding", "clean_stream"]

InputFormat = Literal["text", "jsonl", "tsv"]
T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class CleanOptions:
    config: Config = field(default_factory=Config)
    input_format: InputFormat = "text"
    json_field: str = "text"
    #: JSONL: a field holding each record's own id, carried into the edit log and findings
    id_field: str | None = None
    #: a record without the field to clean (or with a value that is not a string) is an error
    strict_field: bool = False
    tsv_column: int = 1  # 1-based
    errors: str = "strict"
    explain: bool = False
    jobs: int = 1
    keep_original: bool = False  # needed for --diff
    block_bytes: int = BLOCK_BYTES  # plain text is read and cleaned in blocks of about this size


@dataclass
class FieldStats:
    """JSONL and TSV records that had nothing to clean, by reason."""

    missing: int = 0  # no such field or column
    not_string: int = 0  # the field's value is not a string
    without_id: int = 0  # no --id-field value
    bad_date: int = 0  # a --date-field value that is not a date
    #: the first such value, and its record
    first_bad_date: tuple[int, object] | None = None

    def add(self, other: FieldStats) -> None:
        self.missing += other.missing
        self.not_string += other.not_string
        self.without_id += other.without_id
        self.bad_date += other.bad_date
        if self.first_bad_date is None:
            self.first_bad_date = other.first_bad_date


@dataclass
class FileOutcome:
    name: str
    records: int = 0
    changed_records: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    findings: list[RecordFinding] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    fields: FieldStats = field(default_factory=FieldStats)

    @property
    def changed(self) -> bool:
        return self.changed_records > 0


@dataclass(slots=True)
class Piece:
    """Cleaned output for a run of records, ready to write."""

    first_record: int
    original: list[str]  # original records (only when keep_original)
    cleaned: list[str]  # cleaned records (only when keep_original)
    #: what to write, terminators included, encoded as UTF-8 where the piece was cleaned (in
    #: a worker process with --jobs: the process that writes neither decodes nor encodes it)
    output: bytes
    edits: list[tuple[int, Edit]]
    findings: list[RecordFinding]
    counts: Counter[str]
    changed_records: int
    records: int
    repairs: list[Repair]
    cleaned_text: str = ""  # the cleaned block, for sentence-segmented quote tracking
    ids: dict[int, object] = field(default_factory=dict)  # record -> its --id-field value
    fields: FieldStats = field(default_factory=FieldStats)
    #: the glossary's licences (see cleanup.glossary.evidence), keyed by (record, line in the
    #: record, concept id): for annotate (only kept with ``keep_original``)
    licences: dict[tuple[int, int, str], Licence] = field(default_factory=dict)
    #: record -> the date its --date-field gave (JSON Lines; only records with a valid one)
    dates: dict[int, dt.date] = field(default_factory=dict)


# One pipeline per process, built lazily from the options sent to the worker.
_PIPELINE: Pipeline | None = None
_OPTIONS: CleanOptions | None = None


def _init(options: CleanOptions) -> None:
    global _PIPELINE, _OPTIONS
    _OPTIONS = options
    # built for each input (about a millisecond: the compiled glossary is cached), so that
    # it reads the glossary as it is now
    _PIPELINE = Pipeline(options.config)


def _clean_block(raw: RawBlock) -> Piece:
    """Decode and clean one block of plain text (worker side)."""
    assert _PIPELINE is not None and _OPTIONS is not None
    block = raw.decode()
    res = _PIPELINE.run(
        block.text,
        document=False,
        explain=_OPTIONS.explain,
        lookahead=block.lookahead,
        lookahead_final=block.lookahead_final,
        lookbehind=block.lookbehind,
    )
    out_text = res.text
    moved = block.first_line - res.line_offset  # a survey line + moved = the file's line
    edits: list[tuple[int, Edit]] = []
    changed = 0
    original: list[str] = []
    cleaned: list[str] = []
    if res.edits:
        starts = line_starts(block.text)
        for e in res.edits:
            k = bisect.bisect_right(starts, e.start) - 1
            edits.append((block.first_line + k, e.shifted(-starts[k], moved)))
        changed = len({k for k, _ in edits})
    elif out_text != block.text:
        changed = sum(
            a != b for a, b in zip(block.text.split("\n"), out_text.split("\n"), strict=True)
        )
    findings: list[RecordFinding] = []
    if res.findings:
        cstarts = line_starts(out_text)
        for f in res.findings:
            k = bisect.bisect_right(cstarts, f.start) - 1
            findings.append(
                RecordFinding(
                    block.first_line + k,
                    f.start - cstarts[k],
                    f.end - cstarts[k],
                    f.code,
                    f.message,
                    f.severity,
                )
            )
    licences: dict[tuple[int, int, str], Licence] = {}
    if _OPTIONS.keep_original:
        original = block.text.split("\n")
        cleaned = out_text.split("\n") if out_text != block.text else original
        last = block.first_line + block.n_lines
        for (line, concept), lic in glossary_licences(res):
            if block.first_line <= line + moved < last:
                licences[(line + moved, 0, concept)] = lic.moved(moved)
    return Piece(
        block.first_line,
        original,
        cleaned,
        block.join(out_text).encode(),
        edits,
        findings,
        res.counts,
        changed,
        block.n_lines,
        block.repairs,
        out_text if _PIPELINE.track_quotes else "",
        licences=licences,
    )


@dataclass(slots=True)
class RecordBatch:
    first_record: int
    lines: list[str]  # raw lines with their terminators


def _clean_records(batch: RecordBatch) -> Piece:
    """Clean a batch of JSONL or TSV records (worker side): read each record's text, clean
    them together through :func:`cleanup.batch.clean_texts`, and put the texts back."""
    assert _PIPELINE is not None and _OPTIONS is not None
    opts = _OPTIONS
    bodies: list[str] = []
    got: list[Extracted] = []
    ids: dict[int, object] = {}
    dates: dict[int, dt.date] = {}
    days: list[dt.date | None] = []
    stats = FieldStats()
    for k, raw in enumerate(batch.lines):
        rec = batch.first_record + k
        body = raw.rstrip("\r\n")
        one = _extract(body, rec, opts)
        if one.id is not None:
            ids[rec] = one.id
        elif opts.id_field is not None and one.status != "blank":
            stats.without_id += 1
        if one.status in ("missing", "not-string"):
            if opts.strict_field:
                what = "field" if opts.input_format == "jsonl" else "column"
                name = opts.json_field if opts.input_format == "jsonl" else opts.tsv_column
                problem = "no" if one.status == "missing" else "a non-string value in"
                raise RecordError(rec, f"{problem} {what} {name!r} (--strict-field)")
            if one.status == "missing":
                stats.missing += 1
            else:
                stats.not_string += 1
        day = None
        if one.date is not None:
            day = parse_date(one.date)
            if day is None:
                stats.bad_date += 1
                if stats.first_bad_date is None:
                    stats.first_bad_date = (rec, one.date)
            else:
                dates[rec] = day
        bodies.append(body)
        got.append(one)
        days.append(day)
    done = clean_texts(
        [one.value for one in got],
        opts.config,
        ids=[one.id for one in got],
        dates=days,
        first=batch.first_record,
        explain=opts.explain,
        licences=opts.keep_original,
        pipeline=_PIPELINE,
    )
    out: list[str] = []
    original: list[str] = []
    cleaned: list[str] = []
    edits: list[tuple[int, Edit]] = []
    for k, raw in enumerate(batch.lines):
        body = bodies[k]
        new_body = got[k].rebuild(done.text[k]) if done.changed[k] else body
        edits.extend((batch.first_record + k, e) for e in done.edits[k])
        if opts.keep_original:
            original.append(body)
            cleaned.append(new_body)
        out.append(new_body + raw[len(body) :])
    return Piece(
        batch.first_record,
        original,
        cleaned,
        "".join(out).encode(),
        edits,
        [f for fs in done.findings for f in fs],
        done.counts,
        sum(done.changed),
        len(batch.lines),
        [],
        ids=ids,
        fields=stats,
        licences=done.licences,
        dates=dates,
    )


class RecordError(Exception):
    """A record that cannot be read (raised in worker processes, so it pickles by parts)."""

    def __init__(self, record: int, message: str) -> None:
        super().__init__(record, message)
        self.record = record
        self.message = message

    def __str__(self) -> str:
        return self.message


@dataclass(slots=True)
class Extracted:
    """The text to clean in one record, how to put the cleaned text back, and the record's id.

    ``status``: ``ok``, ``blank`` (an empty line), ``missing`` (no such field or column) or
    ``not-string`` (the field's value is not a string)."""

    value: str | None
    rebuild: Callable[[str], str]
    status: str
    id: object = None
    date: object = None  # the --date-field value, if the record has one


def _extract(body: str, rec: int, opts: CleanOptions) -> Extracted:
    if opts.input_format == "jsonl":
        if not body.strip():
            return Extracted(None, str, "blank")
        try:
            found = json_field_span(body, opts.json_field)
        except (ValueError, IndexError, RecursionError) as exc:
            why = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
            raise RecordError(rec, f"invalid JSON: {why}") from None
        assert found is not None
        obj, s, e = found
        rid = obj.get(opts.id_field) if opts.id_field is not None else None
        date_field = opts.config.date_field
        day = obj.get(date_field) if date_field is not None else None
        if s < 0:
            return Extracted(None, str, "missing", rid, day)
        value = obj[opts.json_field]
        if not isinstance(value, str):
            return Extracted(None, str, "not-string", rid, day)
        return Extracted(value, lambda new: body[:s] + json_line(new) + body[e:], "ok", rid, day)
    cols = body.split("\t")
    n = opts.tsv_column - 1
    if n >= len(cols):
        return Extracted(None, str, "blank" if not body else "missing")

    def rebuild(new: str) -> str:
        cols[n] = new
        return "\t".join(cols)

    return Extracted(cols[n], rebuild, "ok")


def _iter_record_batches(
    stream: BinaryIO, name: str, errors: str, size: int = 2000
) -> Iterator[RecordBatch]:
    from .io import _decode

    batch: list[str] = []
    first = 0
    offset = 0
    for lineno, raw in enumerate(stream):
        text, _ = _decode(name, raw, errors, offset, lineno)
        offset += len(raw)
        batch.append(text)
        if len(batch) >= size:
            yield RecordBatch(first, batch)
            first = lineno + 1
            batch = []
    if batch:
        yield RecordBatch(first, batch)


def _ordered_map(
    fn: Callable[[T], R], items: Iterable[T], options: CleanOptions
) -> Iterator[tuple[T, R]]:
    """Map in order, in ``options.jobs`` processes, holding a bounded number of items."""
    if options.jobs <= 1:
        _init(options)
        for it in items:
            yield it, fn(it)
        return
    from concurrent.futures import ProcessPoolExecutor  # only here: it takes 10 ms to import

    window: deque[tuple[T, Future[R]]] = deque()
    with ProcessPoolExecutor(
        max_workers=options.jobs, initializer=_init, initargs=(options,)
    ) as pool:
        for it in items:
            window.append((it, pool.submit(fn, it)))
            if len(window) >= options.jobs * 2:
                first, fut = window.popleft()
                yield first, _result(pool, fn, first, fut)
        while window:
            first, fut = window.popleft()
            yield first, _result(pool, fn, first, fut)


def _result(pool: Executor, fn: Callable[[T], R], item: T, fut: Future[R]) -> R:
    """What a worker made of ``item``. A block whose file changed under the worker (which
    reads it again from the file) is sent once more with the bytes this process read, so the
    output is that of the file as it was read, as with one process."""
    try:
        return fut.result()
    except BlockChanged:
        if not isinstance(item, RawBlock) or item.path is None:
            raise
        return pool.submit(fn, cast(T, item.with_bytes())).result()


def clean_stream(
    stream: BinaryIO,
    name: str,
    options: CleanOptions,
    write: Callable[[bytes], Any] | None,
    on_piece: Callable[[Piece], None] | None = None,
    progress: Callable[[int], None] | None = None,
) -> FileOutcome:
    """Clean one input stream, writing the cleaned output (UTF-8 bytes, the input's layout
    kept) through ``write`` as it goes.

    Raises :class:`InputError` for invalid UTF-8 (unless ``errors="replace"``) or invalid JSON.
    """
    outcome = FileOutcome(name)
    tracker = QuoteTracker() if (options.config.segmented and _tracks(options)) else None
    pieces: Iterator[tuple[Any, Piece]]
    try:
        if options.input_format == "text":
            path = _file_path(stream) if options.jobs > 1 else None
            blocks = iter_text_blocks(stream, name, options.errors, options.block_bytes, path)
            pieces = _ordered_map(_clean_block, blocks, options)
        else:
            pieces = _ordered_map(
                _clean_records, _iter_record_batches(stream, name, options.errors), options
            )
        for item, piece in pieces:
            if write is not None:
                write(piece.output)
            if progress is not None:
                progress(item.size if isinstance(item, RawBlock) else len(piece.output))
            outcome.records += piece.records
            outcome.changed_records += piece.changed_records
            outcome.counts.update(piece.counts)
            outcome.findings.extend(piece.findings)
            outcome.repairs.extend(piece.repairs)
            outcome.fields.add(piece.fields)
            if tracker is not None:
                _report_quotes(outcome, tracker.feed(piece.cleaned_text, piece.first_record))
            if on_piece is not None:
                on_piece(piece)
    except RecordError as exc:
        raise InputError(name, exc.record + 1, str(exc)) from None
    if tracker is not None:
        _report_quotes(outcome, tracker.finish())
    outcome.findings.sort(key=lambda f: (f.record, f.column))
    field_warnings(outcome, options)
    return outcome


def _file_path(stream: BinaryIO) -> str | None:
    """The path of the regular file that ``stream`` reads from its start, else None: the
    worker processes read their blocks from it again (see :class:`cleanup.io.RawBlock`)."""
    name = getattr(stream, "name", None)
    if not isinstance(name, str):
        return None
    try:
        st = os.fstat(stream.fileno())
        if (
            not stat.S_ISREG(st.st_mode)
            or stream.tell() != 0
            or not os.path.samestat(st, os.stat(name))
        ):
            return None
    except (OSError, ValueError):  # no file descriptor (io.UnsupportedOperation), or gone
        return None
    return os.path.abspath(name)


def field_warnings(outcome: FileOutcome, options: CleanOptions) -> None:
    """Say how many records had nothing to clean because the field or column was absent."""
    fs = outcome.fields
    if options.input_format == "jsonl":
        what = f"field {options.json_field!r}"
    else:
        what = f"column {options.tsv_column}"
    if fs.missing:
        outcome.warnings.append(
            f"{fs.missing} of {outcome.records} records have no {what} (left unchanged; "
            "--strict-field makes this an error)"
        )
    if fs.not_string:
        outcome.warnings.append(
            f"{fs.not_string} of {outcome.records} records have a {what} that is not a string "
            "(left unchanged)"
        )
    if fs.without_id:
        outcome.warnings.append(
            f"{fs.without_id} of {outcome.records} records have no id field {options.id_field!r}"
        )
    if fs.bad_date and fs.first_bad_date is not None:
        rec, value = fs.first_bad_date
        fallback = options.config.date or "today"
        outcome.warnings.append(
            f"{fs.bad_date} of {outcome.records} records have a date field "
            f"{options.config.date_field!r} that is not a date (first: line {rec + 1}, "
            f"{value!r}); they use {fallback}"
        )


def _tracks(options: CleanOptions) -> bool:
    from .rules import is_selected
    from .rules.quotes import UnpairedQuotes

    return options.input_format == "text" and is_selected(UnpairedQuotes, options.config)


def _report_quotes(outcome: FileOutcome, found: list[tuple[int, int, str, str]]) -> None:
    for line, col, char, why in found:
        outcome.findings.append(
            RecordFinding(line, col, col + 1, "QT03", f"unpaired {char}: {why}")
        )


def open_input(name: str) -> BinaryIO:
    if name == "-":
        return sys.stdin.buffer
    try:
        return open(name, "rb")
    except FileNotFoundError:
        raise InputError(name, None, "no such file") from None
    except IsADirectoryError:
        raise InputError(name, None, "is a directory") from None
    except OSError as exc:
        raise InputError(name, None, f"cannot read: {exc.strerror}") from None


def write_explain(
    fh: IO[str] | Any,
    edits: Iterable[tuple[int, Edit]],
    name: str | None,
    ids: dict[int, object] | None = None,
    per_line: bool = True,
) -> None:
    """The edit log as JSON Lines: one object per edit (see docs/cleaning.md). ``per_line``:
    plain text, where each line is a record."""
    for rec, e in edits:
        obj: dict[str, object] = {} if name is None else {"file": name}
        obj.update(e.to_json(rec, ids.get(rec) if ids else None, per_line))
        fh.write(json_line(obj) + "\n")
