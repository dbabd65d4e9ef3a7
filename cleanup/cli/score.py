"""``tarjama score``: sacrebleu's metrics, several systems, significance, segments, reports."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from ..atomic import write_atomic
from ..config import ConfigError
from .common import (
    EXIT_FINDINGS,
    check_outputs,
    date_options,
    fail,
    output_format_option,
    warn,
)

# Options that take several values in a row (``-r A B -i C D -m bleu chrf``), as sacrebleu's.
GREEDY = {
    "-r": "-r",
    "--ref": "-r",
    "--refs": "-r",
    "-i": "-i",
    "--input": "-i",
    "-m": "-m",
    "--metrics": "-m",
}


def expand_greedy(args: list[str], greedy: dict[str, str]) -> list[str]:
    """Rewrite ``-r A B`` as ``-r A -r B`` for the options in ``greedy``."""
    out: list[str] = []
    current: str | None = None
    taken = True
    for arg in args:
        if arg in greedy:
            if not taken:  # a greedy option with no value: let click report it
                out.append(current or arg)
            current, taken = greedy[arg], False
        elif current and arg != "--" and (arg == "-" or not arg.startswith("-")):
            out += [current, arg]
            taken = True
        else:
            if not taken:
                out.append(current or arg)
            current, taken = None, True
            out.append(arg)
    if not taken and current:
        out.append(current)
    return out


class GreedyCommand(click.Command):
    greedy: dict[str, str] = GREEDY

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, expand_greedy(args, self.greedy))


def split_list(values: Sequence[str]) -> list[str]:
    """Metric names from repeatable, comma-separated option values, lower-cased."""
    from .common import split_codes

    return [x.lower() for x in split_codes(values)]


def clean_lines(
    lines: list[str], segmented: bool, glossary: bool = True, glossary_paths: Sequence[str] = ()
) -> list[str]:
    """``tarjama clean`` over the segments (one document), line count kept."""
    from .. import Config, clean

    config = Config(glossary=glossary, glossary_paths=tuple(glossary_paths), segmented=segmented)
    cleaned = clean("\n".join(lines), config).split("\n")
    if len(cleaned) != len(lines):
        raise RuntimeError("cleaning changed the number of lines")
    return cleaned


def load_glossary_or_fail(paths: Sequence[str]) -> Any:
    """The compiled glossary matcher (shipped glossary plus ``paths``), or exit 2."""
    try:
        from ..glossary import GlossaryError
        from ..glossary.cache import compiled
    except ImportError:
        fail("the glossary package (cleanup.glossary) is not available")
    try:
        return compiled(tuple(paths), include_default=True)
    except (GlossaryError, OSError) as exc:  # the glossary reports file and line
        fail(f"glossary: {exc}")


@click.command("score", cls=GreedyCommand)
@click.argument("positional_refs", metavar="[REFS]...", nargs=-1, type=str)
@click.option("-r", "--ref", "refs", multiple=True, help="Reference file(s) (or positional).")
@click.option(
    "-i",
    "--input",
    "hyps",
    multiple=True,
    help="System output file(s); 1st = baseline [default: stdin when it is not a terminal].",
)
@click.option("--src", "src", type=str, help="Source file (for terms, --worst and QA in --html).")
@click.option(
    "-m",
    "--metrics",
    "metric_names",
    multiple=True,
    help="bleu chrf chrf++ ter spbleu terms adequacy  [default: bleu chrf ter]",
)
@click.option("--tokenize", "-tok", type=str, help="BLEU tokenizer (default 13a).")
@click.option("--lowercase", "-lc", is_flag=True, help="Case-insensitive BLEU (as sacrebleu).")
@click.option("--chrf-lowercase", is_flag=True, help="Case-insensitive chrF (as sacrebleu).")
@click.option("--spm-model", type=str, help="SentencePiece model for spBLEU (or flores200).")
@click.option("--paired-bs", is_flag=True, help="Paired bootstrap test against the first system.")
@click.option("--paired-ar", is_flag=True, help="Paired approximate randomisation test.")
@click.option(
    "--paired-n",
    "--paired-bs-n",
    "--paired-ar-n",
    type=click.IntRange(min=0),
    default=0,
    help="Resamples / trials (sacrebleu's --paired-bs-n / --paired-ar-n are accepted).",
)
@click.option(
    "--confidence", "-ci", is_flag=True, help="Bootstrap 95% CI (one system; --paired-bs for more)."
)
@click.option("--confidence-n", type=click.IntRange(min=2), default=1000, show_default=True)
@click.option(
    "--seed", type=str, default=None, help="Random seed [default: $SACREBLEU_SEED or 12345]."
)
@click.option("--segments", "segments_path", type=str, help="Write segment scores (.jsonl/.tsv).")
@click.option("--worst", type=click.IntRange(min=1), help="List the N worst segments per system.")
@click.option("--worst-by", type=str, help="Metric for --worst [default: the first].")
@click.option("--clean", "do_clean", is_flag=True, help="Also score each system after cleaning.")
@click.option("--segmented", is_flag=True, help="For --clean: one sentence per line.")
@click.option("--no-glossary", is_flag=True, help="For --clean: without the glossary stage.")
@click.option("--glossary", "glossaries", multiple=True, help="Extra glossary file (for terms).")
@date_options(records=False)
@click.option("--fail-under", type=str, help="e.g. bleu=30,chrf=55 (TER: fail above). Exit 1.")
@output_format_option(legacy=True)
@click.option(
    "--score-only",
    "-b",
    is_flag=True,
    help="Print only the scores: one number per metric (and system), as sacrebleu -b.",
)
@click.option("--html", "html_path", type=str, help="Write a self-contained HTML report here.")
@click.option("--width", "-w", type=click.IntRange(0, 6), default=2, show_default=True)
@click.option("--quiet", "-q", is_flag=True, help="No messages on stderr.")
def score_command(
    positional_refs: tuple[str, ...],
    refs: tuple[str, ...],
    hyps: tuple[str, ...],
    src: str | None,
    metric_names: tuple[str, ...],
    tokenize: str | None,
    lowercase: bool,
    chrf_lowercase: bool,
    spm_model: str | None,
    paired_bs: bool,
    paired_ar: bool,
    paired_n: int,
    confidence: bool,
    confidence_n: int,
    seed: str | None,
    segments_path: str | None,
    worst: int | None,
    worst_by: str | None,
    do_clean: bool,
    segmented: bool,
    no_glossary: bool,
    glossaries: tuple[str, ...],
    date: dt.datetime | None,
    fail_under: str | None,
    output_format: str,
    score_only: bool,
    html_path: str | None,
    width: int,
    quiet: bool,
) -> None:
    """Score system outputs against references, exactly as sacrebleu does, and more.

    \b
    tarjama score -r ref.en -i sys.en                      BLEU, chrF, TER
    tarjama score ref.en -i sys.en -m bleu -b              sacrebleu's shape: 31.23
    tarjama score ref.en < sys.en                          the system from stdin
    tarjama score -r ref.en -i base.en new.en --paired-bs  compare, with p-values
    tarjama score -r ref.en -i sys.en --src src.ar -m chrf terms --worst 5 --html r.html

    References are -r files or positional arguments (as in sacrebleu); without -i the
    system output is read from stdin. Files are read as the sacrebleu command reads them (one
    segment per line, right-stripped); differing line counts, empty files and invalid UTF-8
    are errors (exit 2).

    \b
    Exit status: 0 ok; 1 a --fail-under limit is not met; 2 usage or input error.
    """
    from ..score import (
        MetricOptions,
        ScoreInputError,
        UnknownMetricError,
        check_same_length,
        default_seed,
        read_segments,
        score,
    )
    from ..score.format import (
        format_score_only,
        format_text,
        format_tsv,
        format_worst,
        parse_fail_under,
        segment_rows,
        shortfalls,
        worst_segments,
        write_segments,
    )

    refs = tuple(refs) + tuple(positional_refs)
    if not refs:
        raise click.UsageError("no reference: give -r FILE or FILE as an argument")
    if not hyps:
        if sys.stdin.isatty():
            raise click.UsageError("no system output: give -i FILE, or pipe it into stdin")
        hyps = ("-",)
    check_outputs([segments_path, html_path], (*refs, *hyps, *([src] if src else [])))
    if paired_bs and paired_ar:
        raise click.UsageError("--paired-bs and --paired-ar are exclusive")
    paired = "bs" if paired_bs else "ar" if paired_ar else None
    if paired and len(hyps) < 2:
        raise click.UsageError(
            "a paired test needs two or more -i files (the first is the baseline)"
        )
    if confidence and len(hyps) > 1:
        raise click.UsageError("--confidence is for one system; use --paired-bs for several")
    metrics = split_list(metric_names) or ["bleu", "chrf", "ter"]
    thresholds: dict[str, float] = {}
    if fail_under:
        try:
            thresholds = parse_fail_under(fail_under)
        except ValueError as exc:
            raise click.UsageError(f"--fail-under: {exc}") from None
        unknown = [k for k in thresholds if k not in metrics]
        if unknown:
            raise click.UsageError(f"--fail-under names metrics not computed: {', '.join(unknown)}")
    if len(set(hyps)) != len(hyps):
        raise click.UsageError("the same -i file is given twice")
    try:
        seed_value = (
            default_seed() if seed is None else (None if seed.lower() == "none" else int(seed))
        )
    except ValueError:
        raise click.UsageError(f"--seed must be an integer or 'none', not {seed!r}") from None

    try:
        references = [read_segments(r) for r in refs]
        systems = {h: read_segments(h) for h in hyps}
        sources = read_segments(src) if src else None
        named: list[tuple[str, Sequence[str]]] = list(zip(refs, references, strict=True))
        named += list(systems.items())
        if src and sources is not None:
            named.append((src, sources))
        check_same_length(named)
    except ScoreInputError as exc:
        fail(str(exc))
    n_given = len(systems)
    if do_clean:
        for name in list(hyps):
            try:
                systems[f"{name} (cleaned)"] = clean_lines(
                    systems[name], segmented, not no_glossary, glossaries
                )
            except ConfigError as exc:
                fail(str(exc))
    # the terms metric (and TRM01 in --html) uses the shipped glossary, with any overlays
    glossary = load_glossary_or_fail(glossaries) if glossaries else None
    want_segments = bool(segments_path or worst or html_path)
    try:
        report = score(
            references,
            systems,
            metrics=metrics,
            options=MetricOptions(
                tokenize=tokenize,
                lowercase=lowercase,
                chrf_lowercase=chrf_lowercase,
                spm_model=spm_model,
                date=date.date() if date is not None else None,
            ),
            sources=sources,
            paired=paired,  # type: ignore[arg-type]
            n_samples=paired_n,
            seed=seed_value,
            confidence=confidence_n if confidence else 0,
            segments=want_segments,
            glossary=glossary,
        )
    except (ScoreInputError, UnknownMetricError, ConfigError) as exc:
        fail(str(exc))
    if worst_by and worst_by.lower() not in report.systems[0].segments:
        fail(f"--worst-by {worst_by}: not one of the computed metrics ({', '.join(metrics)})")

    if not quiet:
        click.echo(
            f"tarjama: scored {len(systems)} system(s) on {report.n_segments} segments "
            f"against {len(references)} reference(s)",
            err=True,
        )
    worst_entries = worst_segments(report, worst, worst_by and worst_by.lower()) if worst else []
    if score_only:
        click.echo(format_score_only(report, width, output_format == "json"), nl=False)
    elif output_format == "json":
        data = report.to_dict()
        if worst:
            data["worst"] = worst_entries
        click.echo(json.dumps(data, ensure_ascii=False, indent=1))
    elif output_format == "tsv":
        click.echo(format_tsv(report, width), nl=False)
    else:
        click.echo(format_text(report, width), nl=False)
        if worst:
            click.echo("")
            click.echo(format_worst(worst_entries), nl=False)
    if segments_path:
        seg_fmt = "tsv" if segments_path.endswith(".tsv") else "jsonl"
        text = write_segments(segment_rows(report), seg_fmt)
        if segments_path == "-":
            sys.stdout.write(text)
        else:
            write_atomic(segments_path, text)
    if html_path:
        from ..report import write_html

        qa_reports = None
        if sources is not None:
            from ..qa import QAOptions, run_qa

            if glossary is None:
                glossary = load_glossary_or_fail(())
            # every system, the cleaned ones too, checked with the reference as `tarjama qa -r`
            qa_reports = {
                s.name: run_qa(
                    sources,
                    s.hypotheses,
                    QAOptions(),
                    references=report.references[0],
                    glossary=glossary,
                )
                for s in report.systems
            }
        write_html(
            Path(html_path),
            score=report,
            qa=qa_reports,
            worst=worst or 10,
            worst_by=worst_by.lower() if worst_by else None,
        )
        if not quiet:
            click.echo(f"tarjama: wrote {html_path}", err=True)
    if thresholds:
        msgs = shortfalls(report, thresholds, range(n_given))
        for msg in msgs:
            warn(msg)
        if msgs:
            sys.exit(EXIT_FINDINGS)


def register(group: click.Group) -> None:
    group.add_command(score_command)
