"""The English sides of the reference data (../shared/data: NTREX-128, FLORES-200, TICO-19; see
its README for licences) are clean, professionally edited news: cleaning them as
sentence-segmented text must change almost nothing, and every pipeline run is idempotent."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from cleanup import Config, clean

SEGMENTED = Config(glossary=False, segmented=True, quotes="keep")

# Every line the cleaner changes in the reference data, with the reason it is right to.
# (1-based line numbers.)
EXPECTED_CHANGES = {
    "ntrex128/newstest2019-src.eng.txt": {
        870: "'...masculinity?,' : a question mark and a comma meet; the sentence-final mark wins",
        1125: '"...programming, " said: space before the closing quote of a quotation',
        1260: '"No, no, no, no , no.": space before a comma',
        1790: "The Clarion Ledger reported .: space before the period",
        1973: "team., and: a period and a comma meet; the sentence-final mark wins",
    },
    "flores200-devtest/eng_Latn.devtest": {
        425: "In 1624,Dutch: missing space after a comma before a word",
        683: "The AI \\u200b\\u200bsystem: two zero-width spaces inside the text",
    },
}


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").replace("\r\n", "\n").split("\n")


@pytest.mark.parametrize("name", sorted(EXPECTED_CHANGES))
def test_reference_english_is_left_alone(shared_data: Path, name: str) -> None:
    lines = _lines(shared_data / name)
    cleaned = clean("\n".join(lines), SEGMENTED).split("\n")
    assert len(cleaned) == len(lines)
    changed = {i + 1 for i, (a, b) in enumerate(zip(lines, cleaned, strict=True)) if a != b}
    assert changed == set(EXPECTED_CHANGES[name])
    assert len(changed) <= 0.005 * len(lines)


def _tico_english(shared: Path) -> str:
    tmx = (shared / "tico19" / "all.en-ar.tmx").read_text(encoding="utf-8")
    segs = re.findall(r'<tuv xml:lang="en">\s*<seg>(.*?)</seg>', tmx, re.S)
    return "\n".join(html.unescape(s).strip() for s in segs)


CONFIGS = [
    Config(glossary=False),
    Config(glossary=False, quotes="curly"),
    Config(glossary=False, quotes="keep"),
    SEGMENTED,
]


@pytest.mark.parametrize("config", CONFIGS, ids=["straight", "curly", "keep", "segmented"])
def test_idempotent_on_real_corpora(shared_data: Path, config: Config) -> None:
    texts = [
        "\n".join(_lines(shared_data / "ntrex128" / "newstest2019-src.eng.txt")),
        "\n".join(_lines(shared_data / "flores200-devtest" / "eng_Latn.devtest")),
        _tico_english(shared_data),
    ]
    for text in texts:
        once = clean(text, config)
        assert clean(once, config) == once


def test_idempotent_on_generated_mt_corpus() -> None:
    """A slice of the benchmark corpus: real sentences with MT artefacts injected."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
    import mt_corpus

    text = mt_corpus.generate(300_000, seed=11)
    for config in CONFIGS:
        once = clean(text, config)
        assert once != text
        assert clean(once, config) == once
        assert once.count("\n") == text.count("\n")
