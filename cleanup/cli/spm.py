"""``tarjama spm train``: a SentencePiece model for spBLEU and length checks, offline."""

from __future__ import annotations

import click

from .common import check_outputs, fail


@click.group("spm")
def spm_group() -> None:
    """SentencePiece models for spBLEU (`tarjama score -m spbleu --spm-model MODEL`)."""


@spm_group.command("train")
@click.argument("corpora", nargs=-1, required=True)
@click.option("-o", "--output", required=True, help="Model file to write.")
@click.option("--vocab-size", type=click.IntRange(min=100), default=8000, show_default=True)
@click.option(
    "--model-type", type=click.Choice(["unigram", "bpe"]), default="unigram", show_default=True
)
@click.option("--character-coverage", type=float, default=0.9995, show_default=True)
@click.option("--seed", type=int, default=1, show_default=True)
def train_command(
    corpora: tuple[str, ...],
    output: str,
    vocab_size: int,
    model_type: str,
    character_coverage: float,
    seed: int,
) -> None:
    """Train a model on CORPORA (one segment per line; '-' for stdin).

    Deterministic: one thread, every line in order, a fixed seed; the same corpora give the
    same model file. The spBLEU signature names the model by its hash (tok:spm-<12 hex>),
    which is printed on stdout.
    """
    from ..score import ScoreInputError, read_segments, train_spm

    check_outputs([output], corpora)
    try:
        streams = [read_segments(c) for c in corpora]
    except ScoreInputError as exc:
        fail(str(exc))
    try:
        digest = train_spm(
            streams,
            output,
            vocab_size=vocab_size,
            model_type=model_type,
            character_coverage=character_coverage,
            seed=seed,
        )
    except (RuntimeError, ValueError, OSError) as exc:
        fail(f"training failed: {exc}")
    n = sum(len(s) for s in streams)
    click.echo(f"tarjama: trained {output} on {n} lines from {len(corpora)} file(s)", err=True)
    click.echo(f"spm-{digest}")


def register(group: click.Group) -> None:
    group.add_command(spm_group)
