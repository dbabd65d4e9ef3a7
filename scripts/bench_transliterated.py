#!/usr/bin/env python3
"""Measure TRL01 (transliterated-word): false alarms on human translations, and precision and
recall on injected leftovers.

Data (../shared/data, see its README): NTREX-128 and FLORES-200 devtest (Arabic source, the
English original as the human translation); google-transliteration ``ar2en.txt`` (Arabic words
with the romanisations Wikipedia uses: independent of TRL01's letter table).

1. **Human translations**: TRL01 (with the shipped glossary) on every pair; each finding is a
   false alarm (the English is the original: nothing in it is a leftover).
2. **Injected leftovers**: in each pair, one word of the Arabic source that ``ar2en.txt``
   romanises (as written, or without the article and clitics in front) gets its romanisation
   put in the English in place of a lower-case content word (seeded). Only romanisations that
   are not English words (Zipf frequency below TRL01's limit) are injected: one that is an
   English word (``said`` for سعيد) is no leftover a reader notices. ``ar2en.txt`` is mined
   from names, so some of its romanisations are of a longer name (``zibakalam`` for كلام):
   the recall is a lower bound. Precision = findings on an injected word /
   all findings on the degraded output; recall = injected words found / injected.

Run: python scripts/bench_transliterated.py [--data ../shared/data] [--show 20]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from corpora import tmx_pairs  # noqa: E402

from cleanup.arabic import CLITICS, fold  # noqa: E402
from cleanup.english import FUNCTION_WORDS  # noqa: E402
from cleanup.glossary.cache import compiled  # noqa: E402
from cleanup.glossary.reference import zipf  # noqa: E402
from cleanup.qa import QAOptions, run_qa  # noqa: E402
from cleanup.rules.qa.transliterated import MAX_ZIPF  # noqa: E402
from cleanup.score.io import read_segments  # noqa: E402

_AR_WORD = re.compile(r"[\u0621-\u064a]+")
_EN_WORD = re.compile(r"(?<![\w'’-])[a-z]{4,}(?![\w'’-])")


def romanisations(path: Path) -> dict[str, str]:
    """Folded Arabic word -> its first romanisation in ``ar2en.txt`` that is one lower-case
    word of letters."""
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        ar, _, en = line.partition("\t")
        en = en.strip()
        if re.fullmatch(r"[a-z]{4,}", en):
            out.setdefault(fold(ar.strip()), en)
    return out


def lookup(word: str, table: dict[str, str]) -> str | None:
    w = fold(word)
    for clitic in sorted(CLITICS, key=len, reverse=True):
        if not w.startswith(clitic):
            continue
        rest = w[len(clitic) :]
        for stem in (rest, rest[2:] if rest.startswith("ال") else None):
            if stem and stem in table:
                return table[stem]
    return None


def inject(
    sources: list[str], human: list[str], table: dict[str, str], seed: int
) -> tuple[list[str], dict[int, tuple[int, str, str]], int]:
    """The human translations with one leftover each where one can be injected: the degraded
    lines, line -> (offset, romanisation, Arabic word), and in how many segments every
    romanisation found was an English word (nothing injected)."""
    rng = random.Random(seed)
    degraded = list(human)
    injected: dict[int, tuple[int, str, str]] = {}
    english_words = 0
    for i, (src, hyp) in enumerate(zip(sources, human, strict=True)):
        found = [(w, r) for w in _AR_WORD.findall(src) if (r := lookup(w, table))]
        foreign = [(w, r) for w, r in found if zipf(r, "en") < MAX_ZIPF]
        if not foreign:
            english_words += bool(found)
            continue
        word, roman = rng.choice(foreign)
        slots = [m for m in _EN_WORD.finditer(hyp) if m.group() not in FUNCTION_WORDS]
        if not slots:
            continue
        m = rng.choice(slots)
        degraded[i] = hyp[: m.start()] + roman + hyp[m.end() :]
        injected[i + 1] = (m.start(), roman, word)
    return degraded, injected, english_words


def measure(data: Path, seed: int = 7) -> dict[str, Any]:
    """Every figure of the benchmark, and the findings behind them."""
    sources = read_segments(data / "ntrex128" / "newstest2019-ref.arb.txt") + read_segments(
        data / "flores200-devtest" / "arb_Arab.devtest"
    )
    human = read_segments(data / "ntrex128" / "newstest2019-src.eng.txt") + read_segments(
        data / "flores200-devtest" / "eng_Latn.devtest"
    )
    glossary = compiled()
    options = QAOptions(select=("TRL01",))
    out: dict[str, Any] = {"segments": len(sources)}
    start = time.perf_counter()
    out["human"] = run_qa(sources, human, options, glossary=glossary).findings
    out["seconds"] = time.perf_counter() - start
    tico = tmx_pairs(data / "tico19" / "all.en-ar.tmx")
    out["tico_segments"] = len(tico)
    tico_report = run_qa([a for a, _ in tico], [e for _, e in tico], options, glossary=glossary)
    out["tico"] = tico_report.findings
    table = romanisations(data / "google-transliteration" / "ar2en.txt")
    degraded, injected, out["english_words"] = inject(sources, human, table, seed)
    findings = run_qa(sources, degraded, options, glossary=glossary).findings
    out["injected"] = injected
    out["hits"] = [f for f in findings if f.line in injected and f.start == injected[f.line][0]]
    out["false"] = [f for f in findings if f not in out["hits"]]
    out["precision"] = len(out["hits"]) / max(1, len(findings))
    out["recall"] = len(out["hits"]) / max(1, len(injected))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--show", type=int, default=15, help="findings to print of each kind")
    args = ap.parse_args()
    r = measure(args.data, args.seed)
    n, human = r["segments"], r["human"]
    print(
        f"human translations (NTREX-128 + FLORES-200): {n} segments, {len(human)} findings "
        f"({1000 * len(human) / n:.2f} per 1,000 segments; {n / r['seconds']:,.0f} segments/s "
        "for TRL01 alone, cold caches)"
    )
    for f in human[: args.show]:
        print(f"  {f.line}: {f.message}")
    tico = r["tico"]
    print(
        f"TICO-19 (held out, medical): {r['tico_segments']} segments, {len(tico)} findings "
        f"({1000 * len(tico) / r['tico_segments']:.2f} per 1,000 segments)"
    )
    for f in tico[: args.show]:
        print(f"  {f.line}: {f.message}")
    n_found = len(r["hits"]) + len(r["false"])
    print(
        f"injected leftovers: {len(r['injected'])} (segments whose romanisations are all "
        f"English words, not injected: {r['english_words']}); findings {n_found}, on an "
        f"injected word {len(r['hits'])}: precision {100 * r['precision']:.1f}%, recall "
        f"{100 * r['recall']:.1f}%"
    )
    found = {f.line for f in r["hits"]}
    missed = [v for line, v in r["injected"].items() if line not in found]
    print(f"  missed, for example: {', '.join(f'{x} ({a})' for _, x, a in missed[:25])}")
    for f in r["false"][: args.show]:
        print(f"  not injected: {f.line}: {f.message}")


if __name__ == "__main__":
    main()
