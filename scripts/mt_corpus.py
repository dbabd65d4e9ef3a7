#!/usr/bin/env python3
"""Build a synthetic corpus of machine-translated-looking English news, for benchmarks.

The sentences are real English news and health text from ../shared/data (NTREX-128, FLORES-200
devtest, TICO-19; see its README for licences). They are grouped into paragraphs and documents,
and the artefacts of Arabic->English MT output are injected at fixed, documented rates with a
seeded random generator, so the same arguments always give the same bytes.

Three corpora (``--corpus``), for the benchmarks of docs/performance.md:

* ``a`` (default): MT output with many artefacts: the rates of ``RATES`` per paragraph, and
  curly quotes in 45% of the documents (about half the paragraphs hold a non-ASCII character);
* ``b``: the same sentences with artefacts at about 1 per 100 words (every rate times
  ``SPARSE``, curly quotes in ``SPARSE_CURLY`` of the documents): about three lines in four
  are plain ASCII, as in most news wires;
* ``c``: clean edited news: the English of NTREX-128 and FLORES-200 as it is, one sentence a
  line, repeated; almost nothing changes.

    python scripts/mt_corpus.py --mb 20 -o bench-data/mt-20mb.txt
    python scripts/mt_corpus.py --corpus b --mb 20 -o bench-data/sparse-20mb.txt
"""

from __future__ import annotations

import argparse
import html
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"

# Per-paragraph rates of each artefact (probability that a paragraph gets one).
RATES = {
    "curly_quotes": 0.45,  # the paragraph's straight quotes become curly (per document style)
    "guillemets": 0.04,
    "dangling_quote": 0.02,
    "arabic_comma": 0.04,
    "arabic_question": 0.005,
    "arabic_percent": 0.01,
    "arabic_digits": 0.03,
    "bidi_mark": 0.05,
    "zero_width": 0.03,
    "nbsp": 0.08,
    "soft_hyphen": 0.01,
    "tatweel": 0.005,
    "control": 0.005,
    "mojibake": 0.01,
    "html_entity": 0.01,
    "space_before_punct": 0.06,
    "missing_space": 0.03,
    "double_space": 0.08,
    "trailing_space": 0.08,
    "doubled_punct": 0.02,
    "apostrophe_variant": 0.03,
    "untranslated_arabic": 0.01,
}


#: Corpus b: every rate of ``RATES`` times this, and curly quotes in this share of documents.
SPARSE = 0.55
SPARSE_CURLY = 0.25
CORPORA = ("a", "b", "c")


def load_news() -> list[str]:
    """The English sentences of NTREX-128 and FLORES-200 devtest, in file order."""
    out: list[str] = []
    ntrex = DATA / "ntrex128" / "newstest2019-src.eng.txt"
    flores = DATA / "flores200-devtest" / "eng_Latn.devtest"
    for p in (ntrex, flores):
        out.extend(line.strip() for line in p.read_text(encoding="utf-8").splitlines())
    return [s for s in out if s]


def load_sentences() -> list[str]:
    out = load_news()
    tmx = (DATA / "tico19" / "all.en-ar.tmx").read_text(encoding="utf-8")
    for m in re.finditer(r'<tuv xml:lang="en">\s*<seg>(.*?)</seg>', tmx, re.S):
        out.append(html.unescape(m.group(1)).strip())
    return [s for s in out if s]


def load_arabic_words() -> list[str]:
    p = DATA / "google-transliteration" / "ar2en.txt"
    return [line.split("\t")[0] for line in p.read_text(encoding="utf-8").splitlines()[:2000]]


AR_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def _sub_once(rng: random.Random, text: str, pattern: str, repl: str) -> str:
    spots = [m for m in re.finditer(pattern, text)]
    if not spots:
        return text
    m = rng.choice(spots)
    return text[: m.start()] + m.expand(repl) + text[m.end() :]


def _insert(rng: random.Random, text: str, what: str, at_space: bool = False) -> str:
    if at_space:
        spaces = [i for i, c in enumerate(text) if c == " "]
        if not spaces:
            return text
        i = rng.choice(spaces)
        return text[:i] + what + text[i + 1 :]
    words = [m.start() for m in re.finditer(r"\b\w", text)]
    if not words:
        return text
    i = rng.choice(words)
    return text[:i] + what + text[i:]


def corrupt(
    rng: random.Random, para: str, curly: bool, arabic: list[str], scale: float = 1.0
) -> str:
    r = {k: v * scale for k, v in RATES.items()}
    p = para
    if curly and rng.random() < 0.9:
        p = re.sub(r'"([^"]*)"', "\u201c\\1\u201d", p)
        p = re.sub(r"(?<=\w)'(?=\w)", "\u2019", p)
    elif rng.random() < r["guillemets"]:
        p = re.sub(r'"([^"]*)"', "\u00ab\\1\u00bb", p)
    if rng.random() < r["dangling_quote"]:
        p = _insert(rng, p, '"')
    if rng.random() < r["arabic_comma"]:
        p = _sub_once(rng, p, r",(?= )", "\u060c")
    if rng.random() < r["arabic_question"]:
        p = _sub_once(rng, p, r"\?", "\u061f")
    if rng.random() < r["arabic_percent"]:
        p = _sub_once(rng, p, r"(?<=\d) ?(%|percent)", "\u066a")
    if rng.random() < r["arabic_digits"]:
        m = list(re.finditer(r"\d+", p))
        if m:
            x = rng.choice(m)
            p = p[: x.start()] + x.group().translate(AR_DIGITS) + p[x.end() :]
    if rng.random() < r["bidi_mark"]:
        p = _insert(rng, p, rng.choice("\u200e\u200f\u202b\u202c\u2067"))
    if rng.random() < r["zero_width"]:
        p = _insert(rng, p, rng.choice("\u200b\u200c\ufeff"))
    if rng.random() < r["nbsp"]:
        p = _insert(rng, p, "\u00a0", at_space=True)
    if rng.random() < r["soft_hyphen"]:
        p = _sub_once(rng, p, r"(?<=[a-z]{3})(?=[a-z]{3})", "\u00ad")
    if rng.random() < r["tatweel"]:
        p = _sub_once(rng, p, r"(?<=[a-z]{2})(?=[a-z]{2})", "\u0640")
    if rng.random() < r["control"]:
        p = _insert(rng, p, rng.choice("\x07\x1b\x0b\x85"))
    if rng.random() < r["mojibake"]:
        m = list(re.finditer(r"\w*[\u2019\u201c\u201d\u00e9\u00e8]\w*", p))
        if m:
            x = rng.choice(m)
            bad = x.group().encode("utf-8").decode("cp1252", errors="replace")
            p = p[: x.start()] + bad + p[x.end() :]
    if rng.random() < r["html_entity"]:
        p = _sub_once(rng, p, r"[\"&']", rng.choice(["&quot;", "&amp;", "&#39;"]))
    if rng.random() < r["space_before_punct"]:
        p = _sub_once(rng, p, r"(?<=\w)([,.])(?= |$)", " \\1")
    if rng.random() < r["missing_space"]:
        p = _sub_once(rng, p, r"(?<=[a-z]), (?=[a-z])", ",")
    if rng.random() < r["double_space"]:
        p = _sub_once(rng, p, r"(?<=\w) (?=\w)", "  ")
    if rng.random() < r["doubled_punct"]:
        p = _sub_once(rng, p, r"(?<=\w)([,.])(?= )", rng.choice([",,", ",.", ".."]))
    if rng.random() < r["apostrophe_variant"]:
        p = _sub_once(rng, p, r"(?<=[a-z])['\u2019](?=[a-z])", rng.choice("\u02bc\u02bf`\u00b4"))
    if rng.random() < r["untranslated_arabic"]:
        p = _insert(rng, p, rng.choice(arabic) + " ")
    if rng.random() < r["trailing_space"]:
        p += rng.choice([" ", "  ", "\t"])
    return p


def generate(target_bytes: int, seed: int = 20241129, corpus: str = "a") -> str:
    """About ``target_bytes`` of corpus ``corpus`` (see the module docstring)."""
    if corpus not in CORPORA:
        raise ValueError(f"unknown corpus {corpus!r}: use one of {', '.join(CORPORA)}")
    if corpus == "c":
        news = "\n".join(load_news()) + "\n"
        return news * max(1, round(target_bytes / len(news.encode("utf-8"))))
    scale, curly_docs = (1.0, RATES["curly_quotes"]) if corpus == "a" else (SPARSE, SPARSE_CURLY)
    rng = random.Random(seed)
    sentences = load_sentences()
    arabic = load_arabic_words()
    parts: list[str] = []
    size = 0
    while size < target_bytes:
        # A document: a headline, then 4-12 paragraphs of 1-4 sentences, then a blank line.
        curly = rng.random() < curly_docs
        start = rng.randrange(len(sentences))
        headline = sentences[start].rstrip(".")
        doc = [headline]
        k = start + 1
        for _ in range(rng.randint(4, 12)):
            n = rng.randint(1, 4)
            para = " ".join(sentences[(k + j) % len(sentences)] for j in range(n))
            k += n
            doc.append(corrupt(rng, para, curly, arabic, scale))
        text = "\n".join(doc) + "\n\n"
        parts.append(text)
        size += len(text.encode("utf-8"))
    return "".join(parts)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=20.0, help="size in MB (default 20)")
    ap.add_argument("--seed", type=int, default=20241129)
    ap.add_argument("--corpus", choices=CORPORA, default="a", help="which corpus (default a)")
    ap.add_argument("-o", "--output", type=Path, required=True)
    args = ap.parse_args()
    text = generate(int(args.mb * 1_000_000), args.seed, args.corpus)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    lines = [line for line in text.split("\n") if line]
    ascii_share = sum(line.isascii() for line in lines) / len(lines)
    print(
        f"wrote {len(text.encode('utf-8')) / 1e6:.1f} MB to {args.output} "
        f"(corpus {args.corpus}; {ascii_share:.0%} of the non-blank lines plain ASCII)",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
