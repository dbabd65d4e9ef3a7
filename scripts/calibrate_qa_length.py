#!/usr/bin/env python3
"""Calibrate the QA length checks (LEN01, LEN02, OMI01) on human Arabic->English translations.

1. Trains the SentencePiece model LEN01/LEN02 count tokens with
   (``cleanup/rules/qa/data/length.model``, unigram, 4,000 pieces, deterministic) on both
   sides of NTREX-128 and FLORES-200 devtest.
2. LEN01/LEN02: for every human pair of those two sets, r = English pieces / Arabic pieces and,
   per bucket of Arabic length, the ``--len01-quantile`` (LEN01) and 99.5th (LEN02) percentiles
   of r.
3. OMI01: the sentence-length model of its alignment (English characters ~ Normal(c * x,
   a * x + b * x^2) for x Arabic characters: c the ratio of the totals, a and b by weighted least
   squares on the squared residuals), and its threshold: the smallest log-likelihood ratio on a
   grid of 0.5 (from 2) at which OMI01 fires on at most ``--omission-fa`` per 1,000 human
   segments, counting together the lines as they are and the lines joined into paragraphs of 3
   and of 5 consecutive lines of one document (the paragraph input real MT output comes in).
4. Writes ``cleanup/rules/qa/calibration.py`` (a generated module) and prints the false alarms
   (findings per 1,000 human segments: NTREX+FLORES, paragraphs of them, and TICO-19 held out:
   another domain, never used above) and the recall on synthetic omissions: every segment whose
   human English has two sentences or more, with each of its sentences dropped in turn (the
   Arabic source unchanged), for LEN01, OMI01 and the two together; and the same calibrated on
   NTREX alone and tested on FLORES and the other way round.

Options (the defaults make the shipped calibration.py):
  --data DIR              the shared data (default ../shared/data)
  --len01-quantile Q      LEN01's bound per bucket: this quantile of the human ratios, so LEN01
                          fires on about Q of human segments (default 0.01)
  --omission-fa R         OMI01's false-alarm budget, per 1,000 human segments, lines and
                          paragraphs together (default 2)
  --position-margin M     OMI01 names the lost sentence when its log-likelihood ratio beats the
                          next sentence's by more than M (default 3: about 20 times likelier)
  --dry-run               print the figures, write nothing (the model is still trained)

Run: python scripts/calibrate_qa_length.py [options]
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from corpora import tmx_pairs  # noqa: E402

from cleanup.rules.qa.numerals import english_numbers  # noqa: E402
from cleanup.rules.qa.omission import (  # noqa: E402
    arabic_sentences,
    english_sentences,
    find_omission,
)
from cleanup.score.io import read_segments  # noqa: E402
from cleanup.score.spm import SPMTokenizer, train_spm  # noqa: E402

MODEL = ROOT / "cleanup" / "rules" / "qa" / "data" / "length.model"
OUT = ROOT / "cleanup" / "rules" / "qa" / "calibration.py"
# Buckets of Arabic length in pieces: [lower, upper); segments shorter than the first are not
# checked (too few pieces for a ratio to mean anything).
BUCKETS = ((6, 24), (24, 48), (48, 10**9))
HIGH_Q = 0.995  # LEN02
LLR_GRID = [2 + 0.5 * i for i in range(37)]  # 2.0 .. 20.0
PARAGRAPHS = (3, 5)

Pair = tuple[str, str]  # (Arabic, English)
Bound = tuple[int, int, float, float, int]


def quantile(sorted_values: list[float], q: float) -> float:
    pos = q * (len(sorted_values) - 1)
    lo = math.floor(pos)
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (pos - lo)


_SENTENCE_END = re.compile("[.!?][\"'”’)]*$")


def paragraphs(pairs: Sequence[Pair], docs: Sequence[str], size: int) -> list[Pair]:
    """Runs of ``size`` consecutive lines of one document whose English ends a sentence (not a
    headline, which would run into the next line), joined with a space."""
    out = []
    i = 0
    while i < len(pairs):
        j = i
        while (
            j < len(pairs)
            and j - i < size
            and docs[j] == docs[i]
            and _SENTENCE_END.search(pairs[j][1])
        ):
            j += 1
        j = max(j, i + 1)
        if j - i == size:
            chunk = pairs[i:j]
            out.append((" ".join(a for a, _ in chunk), " ".join(e for _, e in chunk)))
        i = j
    return out


def dropped(pairs: Sequence[Pair]) -> list[Pair]:
    """Synthetic omissions: each sentence of each multi-sentence English dropped in turn."""
    out = []
    for ar, en in pairs:
        sentences = english_sentences(en)
        if len(sentences) >= 2:
            for k in range(len(sentences)):
                out.append((ar, " ".join(sentences[:k] + sentences[k + 1 :])))
    return out


def length_model(pairs: Sequence[Pair]) -> tuple[float, float, float]:
    """(c, a, b): English characters ~ Normal(c * x, a * x + b * x^2), x Arabic characters."""
    xs = [float(len(a)) for a, e in pairs if a and e]
    ys = [float(len(e)) for a, e in pairs if a and e]
    c = sum(ys) / sum(xs)
    # minimise sum ((r - a x - b x^2) / x)^2, r the squared residual: normal equations in a, b
    s11 = s12 = s22 = t1 = t2 = 0.0
    for x, y in zip(xs, ys, strict=True):
        r = (y - c * x) ** 2 / x
        s11, s12, s22 = s11 + 1, s12 + x, s22 + x * x
        t1, t2 = t1 + r, t2 + r * x
    det = s11 * s22 - s12 * s12
    return c, (t1 * s22 - t2 * s12) / det, (s11 * t2 - s12 * t1) / det


def omission_llr(pair: Pair, model: Sequence[float]) -> float | None:
    """OMI01's evidence for a pair (None when the output has as many sentences as the source)."""
    found = find_omission(pair[0], pair[1], model, lambda: english_numbers(pair[1]))
    return None if found is None else found.llr


class Calibration:
    """Bounds and thresholds fitted on some human pairs, and the checks they make."""

    def __init__(
        self,
        tok: SPMTokenizer,
        pairs: Sequence[Pair],
        docs: Sequence[str],
        low_q: float,
        omission_fa: float,
    ) -> None:
        self.tok = tok
        per_bucket: list[list[float]] = [[] for _ in BUCKETS]
        for ar, en in pairs:
            n_ar, n_en = tok.count(ar), tok.count(en)
            for i, (lo, hi) in enumerate(BUCKETS):
                if lo <= n_ar < hi and n_en > 0:
                    per_bucket[i].append(math.log(n_en / n_ar))
        self.bounds: list[Bound] = []
        for (lo, hi), values in zip(BUCKETS, per_bucket, strict=True):
            values.sort()
            low, high = quantile(values, low_q), quantile(values, HIGH_Q)
            self.bounds.append(
                (lo, hi, round(math.exp(low), 3), round(math.exp(high), 3), len(values))
            )
        self.model = length_model(pairs)
        self.llr = math.inf
        human = list(pairs) + [p for n in PARAGRAPHS for p in paragraphs(pairs, docs, n)]
        scores = [v for v in (omission_llr(p, self.model) for p in human) if v is not None]
        for t in LLR_GRID:
            if 1000 * sum(v > t for v in scores) / len(human) <= omission_fa:
                self.llr = t
                break

    def len01(self, pair: Pair) -> bool:
        n_ar = self.tok.count(pair[0])
        for lo, hi, low, _, _ in self.bounds:
            if lo <= n_ar < hi:
                return self.tok.count(pair[1]) / n_ar < low
        return False

    def len02(self, pair: Pair) -> bool:
        n_ar = self.tok.count(pair[0])
        for lo, hi, _, high, _ in self.bounds:
            if lo <= n_ar < hi:
                return self.tok.count(pair[1]) / n_ar > high
        return False

    def omi01(self, pair: Pair) -> bool:
        v = omission_llr(pair, self.model)
        return v is not None and v > self.llr


def rate(flags: Sequence[bool]) -> float:
    return sum(flags) / max(1, len(flags))


def report(cal: Calibration, name: str, human: Sequence[Pair], omissions: Sequence[Pair]) -> None:
    checks: dict[str, Callable[[Pair], bool]] = {"LEN01": cal.len01, "OMI01": cal.omi01}
    fa = {k: [f(p) for p in human] for k, f in checks.items()}
    hit = {k: [f(p) for p in omissions] for k, f in checks.items()}
    fa["LEN01 or OMI01"] = [x or y for x, y in zip(fa["LEN01"], fa["OMI01"], strict=True)]
    hit["LEN01 or OMI01"] = [x or y for x, y in zip(hit["LEN01"], hit["OMI01"], strict=True)]
    print(f"{name}: {len(human)} human segments, {len(omissions)} synthetic omissions")
    for k in fa:
        recall = f"   recall {100 * rate(hit[k]):5.1f}%" if omissions else ""
        print(f"  {k:15s} false alarms {1000 * rate(fa[k]):5.1f} per 1,000{recall}")


def position_accuracy(cal: Calibration, pairs: Sequence[Pair], margin: float) -> str:
    """How often the sentence OMI01 names is the one dropped (when both sides have as many
    sentences, so that the dropped English sentence is the same-numbered Arabic one)."""
    named = right = 0
    for ar, en in pairs:
        sentences = english_sentences(en)
        if len(sentences) < 2 or len(arabic_sentences(ar)) != len(sentences):
            continue
        for k in range(len(sentences)):
            hyp = " ".join(sentences[:k] + sentences[k + 1 :])
            found = find_omission(ar, hyp, cal.model, lambda h=hyp: english_numbers(h))
            if found is None or found.llr <= cal.llr:
                continue
            guess = found.position(margin)
            if guess is not None:
                named += 1
                right += guess == k
    return f"{right} of {named} named positions right"


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n")[1], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--len01-quantile", type=float, default=0.01)
    ap.add_argument("--omission-fa", type=float, default=2.0)
    ap.add_argument("--position-margin", type=float, default=3.0)
    ap.add_argument("--dry-run", action="store_true")
    args = ap.parse_args()
    d = args.data
    ntrex = (
        read_segments(d / "ntrex128" / "newstest2019-ref.arb.txt"),
        read_segments(d / "ntrex128" / "newstest2019-src.eng.txt"),
    )
    flores = (
        read_segments(d / "flores200-devtest" / "arb_Arab.devtest"),
        read_segments(d / "flores200-devtest" / "eng_Latn.devtest"),
    )
    ntrex_docs = (d / "ntrex128" / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").split()
    flores_docs = [
        line.split("\t")[0]
        for line in (d / "flores200-devtest" / "metadata_devtest.tsv")
        .read_text(encoding="utf-8")
        .splitlines()[1:]
    ]
    MODEL.parent.mkdir(parents=True, exist_ok=True)
    digest = train_spm([ntrex[0], ntrex[1], flores[0], flores[1]], MODEL, vocab_size=4000)
    tok = SPMTokenizer(MODEL)

    ntrex_pairs = list(zip(*ntrex, strict=True))
    flores_pairs = list(zip(*flores, strict=True))
    pairs = ntrex_pairs + flores_pairs
    docs = ntrex_docs + [f"flores:{u}" for u in flores_docs]
    cal = Calibration(tok, pairs, docs, args.len01_quantile, args.omission_fa)
    for lo, hi, low, high, n in cal.bounds:
        print(f"Arabic pieces [{lo}, {hi}): n={n:5d}  ratio en/ar in [{low:.3f}, {high:.3f}]")
    c, a, b = cal.model
    print(f"OMI01: English chars ~ N({c:.4f} x, {a:.4f} x + {b:.6f} x^2); LLR > {cal.llr}")
    both = [f or g for f, g in ((cal.len01(p), cal.len02(p)) for p in pairs)]
    print(f"LEN01 or LEN02 on the calibration pairs: {100 * rate(both):.2f}%")

    report(cal, "NTREX+FLORES lines", pairs, dropped(pairs))
    for n in PARAGRAPHS:
        para = paragraphs(pairs, docs, n)
        report(cal, f"NTREX+FLORES paragraphs of {n} lines", para, dropped(para))
    report(cal, "TICO-19 (held out)", tmx_pairs(d / "tico19" / "all.en-ar.tmx"), [])
    print(
        f"OMI01 position (margin {args.position_margin}): lines "
        f"{position_accuracy(cal, pairs, args.position_margin)}; paragraphs of 3: "
        f"{position_accuracy(cal, paragraphs(pairs, docs, 3), args.position_margin)}"
    )
    for fit, test, fit_docs in (
        ("NTREX", "FLORES", ntrex_docs),
        ("FLORES", "NTREX", [f"flores:{u}" for u in flores_docs]),
    ):
        fit_pairs = ntrex_pairs if fit == "NTREX" else flores_pairs
        test_pairs = flores_pairs if fit == "NTREX" else ntrex_pairs
        other = Calibration(tok, fit_pairs, fit_docs, args.len01_quantile, args.omission_fa)
        report(other, f"calibrated on {fit}, tested on {test}", test_pairs, dropped(test_pairs))

    if args.dry_run:
        return
    rows = "\n".join(
        f"    ({lo}, {hi}, {low}, {high}),  # n={n}" for lo, hi, low, high, n in cal.bounds
    )
    OUT.write_text(
        '"""QA length bounds and thresholds (generated by scripts/calibrate_qa_length.py; do not '
        "edit).\n\n"
        "LEN01/LEN02: ratio = English SentencePiece pieces / Arabic pieces, with the model in\n"
        "data/length.model; per bucket of Arabic length, the quantiles "
        f"{args.len01_quantile:g} (LEN01) and {HIGH_Q:g} (LEN02)\nof the ratios of the human "
        "translations of NTREX-128 and FLORES-200 devtest.\n"
        "OMI01: the sentence-length model of its alignment and its thresholds.\n"
        '"""\n\n'
        f'MODEL_HASH = "{digest}"\n'
        "# (min Arabic pieces, max Arabic pieces (exclusive), lowest ratio, highest ratio)\n"
        f"BOUNDS: tuple[tuple[int, int, float, float], ...] = (\n{rows}\n)\n"
        "# OMI01: English characters ~ Normal(c * x, a * x + b * x**2), x Arabic characters\n"
        f"SENTENCE_LENGTH: tuple[float, float, float] = ({c:.4f}, {a:.4f}, {b:.6f})\n"
        "# OMI01 fires above this log-likelihood ratio (at most "
        f"{args.omission_fa:g} false alarms per 1,000 human\n"
        "# segments, lines and paragraphs together)\n"
        f"OMISSION_LLR = {cal.llr}\n"
        "# ... and names the lost sentence when it beats the next one by more than this\n"
        f"OMISSION_POSITION_MARGIN = {args.position_margin}\n",
        encoding="utf-8",
    )
    print(f"wrote {OUT.relative_to(ROOT)} and {MODEL.relative_to(ROOT)} (spm-{digest})")


if __name__ == "__main__":
    main()
