"""cleanup.scan: where lines start, from the text or from its lines (one computation each,
shared by the pipeline and the rules)."""

from __future__ import annotations

from pathlib import Path

from cleanup.scan import line_starts, lines_starts


def test_lines_starts_are_the_line_starts_of_the_joined_text(
    shared_data: Path, sample_wire: str
) -> None:
    ntrex = (shared_data / "ntrex128" / "newstest2019-src.eng.txt").read_bytes().decode("utf-8")
    for text in (sample_wire, ntrex[:20_000], "", "\n", "a\n\nb\n"):
        lines = text.split("\n")
        assert lines_starts(lines) == line_starts(text), text[:40]
    assert lines_starts([]) == []
