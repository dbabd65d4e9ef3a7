"""Cleaning whole inputs: plain text, JSON Lines and TSV, streamed in blocks, optionally in
several processes, with the edit log, diffs and statistics. The CLI is a thin layer over this."""

from __future__ import annotations

import bisect
import sys
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import IO, Any, BinaryIO, Literal, TypeVar

from .config import Config
from .edits import Edit
from .io import (
    BLOCK_BYTES,
    InputError,
    RawBlock,
    Repair,
    iter_text_blocks,
    json_field_span,
    json_line,
)
from .pipeline import Pipeline
from .quotes import QuoteTracker

__all__ = ["CleanOptions", "FileOutcome", "Finding", "clean_stream"]

InputFormat = Literal["text", "jsonl", "tsv"]
T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class CleanOptions:
    config: Config = field(default_factory=Config)
    input_format: InputFormat = "text"
    json_field: str = "text"
    tsv_column: int = 1  # 1-based
    errors: str = "strict"
    explain: bool = False
    jobs: int = 1
    keep_original: bool = False  # needed for --diff
    block_bytes: int = BLOCK_BYTES  # plain text is read and cleaned in blocks of about this size


@dataclass(frozen=True, slots=True)
class Finding:
    """A report-only finding, located by record (0-based) and column (0-based code points in the
    cleaned record)."""

    record: int
    column: int
    end: int
    code: str
    message: str
    severity: str = "warning"


@dataclass
class FileOutcome:
    name: str
    records: int = 0
    changed_records: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    findings: list[Finding] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.changed_records > 0


@dataclass(slots=True)
class Piece:
    """Cleaned output for a run of records, ready to write."""

    first_record: int
    original: list[str]  # original records (only when keep_original)
    cleaned: list[str]  # cleaned records (only when keep_original)
    output: str  # what to write, terminators included
    edits: list[tuple[int, Edit]]
    findings: list[Finding]
    counts: Counter[str]
    changed_records: int
    records: int
    repairs: list[Repair]
    cleaned_text: str = ""  # the cleaned block, for sentence-segmented quote tracking


# One pipeline per process, built lazily from the options sent to the worker.
_PIPELINE: Pipeline | None = None
_OPTIONS: CleanOptions | None = None


def _init(options: CleanOptions) -> None:
    global _PIPELINE, _OPTIONS
    _OPTIONS = options
    _PIPELINE = Pipeline(options.config)


def _line_starts(text: str) -> list[int]:
    starts = [0]
    i = text.find("\n")
    while i >= 0:
        starts.append(i + 1)
        i = text.find("\n", i + 1)
    return starts


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
    )
    out_text = res.text
    edits: list[tuple[int, Edit]] = []
    changed = 0
    original: list[str] = []
    cleaned: list[str] = []
    if res.edits:
        starts = _line_starts(block.text)
        for e in res.edits:
            k = bisect.bisect_right(starts, e.start) - 1
            edits.append((block.first_line + k, e.shifted(-starts[k])))
        changed = len({k for k, _ in edits})
    elif out_text != block.text:
        changed = sum(
            a != b for a, b in zip(block.text.split("\n"), out_text.split("\n"), strict=True)
        )
    findings: list[Finding] = []
    if res.findings:
        cstarts = _line_starts(out_text)
        for f in res.findings:
            k = bisect.bisect_right(cstarts, f.start) - 1
            findings.append(
                Finding(
                    block.first_line + k,
                    f.start - cstarts[k],
                    f.end - cstarts[k],
                    f.code,
                    f.message,
                    f.severity,
                )
            )
    if _OPTIONS.keep_original:
        original = block.text.split("\n")
        cleaned = out_text.split("\n") if out_text != block.text else original
    return Piece(
        block.first_line,
        original,
        cleaned,
        block.join(out_text),
        edits,
        findings,
        res.counts,
        changed,
        block.n_lines,
        block.repairs,
        out_text if _PIPELINE.track_quotes else "",
    )


@dataclass(slots=True)
class RecordBatch:
    first_record: int
    lines: list[str]  # raw lines with their terminators


def _clean_records(batch: RecordBatch) -> Piece:
    """Clean a batch of JSONL or TSV records (worker side)."""
    assert _PIPELINE is not None and _OPTIONS is not None
    opts = _OPTIONS
    out: list[str] = []
    edits: list[tuple[int, Edit]] = []
    findings: list[Finding] = []
    counts: Counter[str] = Counter()
    original: list[str] = []
    cleaned: list[str] = []
    changed = 0
    for k, raw in enumerate(batch.lines):
        rec = batch.first_record + k
        body = raw.rstrip("\r\n")
        ending = raw[len(body) :]
        value, rebuild = _extract(body, rec, opts)
        if value is None:
            out.append(raw)
            if opts.keep_original:
                original.append(body)
                cleaned.append(body)
            continue
        res = _PIPELINE.run(value, explain=opts.explain)
        counts.update(res.counts)
        edits.extend((rec, e) for e in res.edits)
        for f in res.findings:
            findings.append(Finding(rec, f.start, f.end, f.code, f.message, f.severity))
        new_body = rebuild(res.text) if res.changed else body
        if res.changed:
            changed += 1
        if opts.keep_original:
            original.append(body)
            cleaned.append(new_body)
        out.append(new_body + ending)
    return Piece(
        batch.first_record,
        original,
        cleaned,
        "".join(out),
        edits,
        findings,
        counts,
        changed,
        len(batch.lines),
        [],
    )


class RecordError(Exception):
    def __init__(self, record: int, message: str) -> None:
        super().__init__(message)
        self.record = record


def _extract(body: str, rec: int, opts: CleanOptions) -> tuple[str | None, Callable[[str], str]]:
    """The text to clean in one record, and how to put the cleaned text back."""
    if opts.input_format == "jsonl":
        if not body.strip():
            return None, str
        try:
            found = json_field_span(body, opts.json_field)
        except (ValueError, IndexError) as exc:
            raise RecordError(rec, f"invalid JSON: {exc}") from None
        assert found is not None
        obj, s, e = found
        if s < 0:
            return None, str
        value = obj[opts.json_field]
        if not isinstance(value, str):
            return None, str
        return value, lambda new: body[:s] + json_line(new) + body[e:]
    cols = body.split("\t")
    n = opts.tsv_column - 1
    if n >= len(cols):
        return None, str

    def rebuild(new: str) -> str:
        cols[n] = new
        return "\t".join(cols)

    return cols[n], rebuild


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
    window: deque[tuple[T, Future[R]]] = deque()
    with ProcessPoolExecutor(
        max_workers=options.jobs, initializer=_init, initargs=(options,)
    ) as pool:
        for it in items:
            window.append((it, pool.submit(fn, it)))
            if len(window) >= options.jobs * 2:
                first, fut = window.popleft()
                yield first, fut.result()
        while window:
            first, fut = window.popleft()
            yield first, fut.result()


def clean_stream(
    stream: BinaryIO,
    name: str,
    options: CleanOptions,
    write: Callable[[str], Any] | None,
    on_piece: Callable[[Piece], None] | None = None,
    progress: Callable[[int], None] | None = None,
) -> FileOutcome:
    """Clean one input stream, writing cleaned output through ``write`` as it goes.

    Raises :class:`InputError` for invalid UTF-8 (unless ``errors="replace"``) or invalid JSON.
    """
    outcome = FileOutcome(name)
    tracker = QuoteTracker() if (options.config.segmented and _tracks(options)) else None
    pieces: Iterator[tuple[Any, Piece]]
    try:
        if options.input_format == "text":
            pieces = _ordered_map(
                _clean_block,
                iter_text_blocks(stream, name, options.errors, options.block_bytes),
                options,
            )
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
            if tracker is not None:
                _report_quotes(outcome, tracker.feed(piece.cleaned_text, piece.first_record))
            if on_piece is not None:
                on_piece(piece)
    except RecordError as exc:
        raise InputError(name, exc.record + 1, str(exc)) from None
    if tracker is not None:
        _report_quotes(outcome, tracker.finish())
    outcome.findings.sort(key=lambda f: (f.record, f.column))
    return outcome


def _tracks(options: CleanOptions) -> bool:
    from .rules import is_selected
    from .rules.quotes import UnpairedQuotes

    return options.input_format == "text" and is_selected(UnpairedQuotes, options.config)


def _report_quotes(outcome: FileOutcome, found: list[tuple[int, int, str, str]]) -> None:
    for line, col, char, why in found:
        outcome.findings.append(Finding(line, col, col + 1, "QT03", f"unpaired {char}: {why}"))


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


def write_explain(fh: IO[str], edits: Iterable[tuple[int, Edit]], name: str | None) -> None:
    for rec, e in edits:
        obj = e.to_json(rec)
        if name is not None:
            obj = {"file": name, **obj}
        fh.write(json_line(obj) + "\n")
