#!/usr/bin/env python3
"""Benchmark the glossary stage against flashtext on the same text and term list.

Everything is measured in this run, on this machine, so the ratios are comparable:

* generated glossaries of 100, 1,000 and 10,000 concepts (seeded): Arabic-style names, each
  with a preferred form, sometimes an admitted one, and three or four deprecated variants
  (transliteration variants, article and apostrophe variants, MT calques);
* a >= 10 MB English news text (the English sides of ../shared/data, resampled into paragraphs)
  with names of the 10,000-concept glossary injected about once every 37 words (``--rate``),
  written in any of their forms (so a smaller glossary knows only some of the names in it);
* the glossary stage (search + classification + building the output text), in blocks of about
  1 MB of whole lines as `tarjama clean` reads them, against
  ``flashtext.KeywordProcessor.replace_keywords`` (case-insensitive, line by line; on the whole
  text at once it is quadratic) with every term mapped to its replacement;
* ``tarjama clean`` with the shipped glossary against ``--no-glossary`` on corpus (a) of
  ``scripts/mt_corpus.py`` (whole process, warm glossary cache);
* loading the shipped glossary in a fresh process, with a cold and a warm cache.

The stage and clean times are processor times (the best of ``--repeat`` runs, the two sides
alternately), so that a machine busy with other work skews them less than wall time would.

It ends with the figures the targets of issue 15 name: the stage at least 10x flashtext at
each size, 10,000 concepts within 2x the time of 100, and ``clean`` with the glossary at least
half the speed of ``--no-glossary``.

    python scripts/bench_glossary.py                       # 12 MB; clean on 10 MB of corpus (a)
    python scripts/bench_glossary.py --mb 2 --clean-mb 2   # quicker
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from operator import attrgetter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("TARJAMA_SHARED_DATA", ROOT.parent / "shared" / "data"))
sys.path.insert(0, str(ROOT / "scripts"))

import bench_clean  # noqa: E402

from cleanup.config import Config  # noqa: E402
from cleanup.glossary.matcher import Matcher  # noqa: E402
from cleanup.glossary.model import Concept, Glossary, Term  # noqa: E402
from cleanup.rules.glossary import Planner  # noqa: E402

ONSETS = ["b", "d", "f", "gh", "h", "j", "k", "kh", "l", "m", "n", "q", "r", "s", "sh", "t", "z"]
VOWELS = ["a", "i", "u", "aa", "ou", "ee", "ai"]
CODAS = ["", "r", "n", "m", "d", "l", "b", "s", "h"]
HEADS = ["Jaish", "Liwa", "Harakat", "Jabhat", "Kataib", "Tajammu", "Firqat", "Saraya"]
CALQUE = ["Army of", "Brigade of", "Movement of", "Front of", "Battalions of", "Gathering of"]


def _word(rng: random.Random) -> str:
    return "".join(
        rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS)
        for _ in range(rng.randint(2, 3))
    ).capitalize()


def _variant(name: str, rng: random.Random) -> str:
    swaps = [("ou", "u"), ("ee", "i"), ("aa", "a"), ("al-", "el-"), ("q", "k"), ("sh", "ch")]
    rng.shuffle(swaps)
    for a, b in swaps:
        if a in name:
            return name.replace(a, b, 1)
    return name + "h"


def generate_glossary(n: int, seed: int = 1) -> Glossary:
    rng = random.Random(seed)
    concepts: list[Concept] = []
    seen: set[str] = set()
    while len(concepts) < n:
        k = rng.random()
        if k < 0.4:
            w = _word(rng)
            pref, calque = f"{rng.choice(HEADS)} al-{w}", f"{rng.choice(CALQUE)} {w}"
        elif k < 0.7:
            pref, calque = f"{_word(rng)} al-{_word(rng)}", ""
        else:
            pref, calque = f"{_word(rng)} {_word(rng)}", ""
        if pref.lower() in seen:
            continue
        forms = {pref.lower()}
        terms = [Term(pref, "en", "preferred")]
        if rng.random() < 0.3:
            acro = "".join(p[0] for p in pref.split()).upper() + _word(rng)[:2].upper()
            if acro.lower() not in seen:
                terms.append(Term(acro, "en", "admitted", exact=True))
                forms.add(acro.lower())
        deps = {_variant(pref, rng) for _ in range(4)} | ({calque} if calque else set())
        deps |= {pref.replace("al-", "al ") + "'s"[:0]} if "al-" in pref else set()
        for d in sorted(deps):
            if d.lower() not in forms and d.lower() not in seen:
                terms.append(Term(d, "en", "deprecated", pref))
                forms.add(d.lower())
        seen |= forms
        concepts.append(Concept(f"c{len(concepts)}", "faction", tuple(terms)))
    return Glossary(tuple(concepts))


#: Names inserted per word of running text (default: about 4,000 mentions per MB, as in general
#: world news; the sample wire, all Syria, has about 11,000 per MB: try --rate 0.075).
RATE = 0.027


def news_text(mb: float, glossary: Glossary, seed: int = 2, rate: float = RATE) -> str:
    sentences: list[str] = []
    for name in ("ntrex128/newstest2019-src.eng.txt", "flores200-devtest/eng_Latn.devtest"):
        p = SHARED / name
        if p.is_file():
            sentences += [
                s.strip() for s in p.read_text(encoding="utf-8").splitlines() if s.strip()
            ]
    if not sentences:
        sys.exit(f"no English text under {SHARED} (set TARJAMA_SHARED_DATA)")
    rng = random.Random(seed)
    weights = [1 / (i + 1) ** 0.8 for i in range(len(glossary.concepts))]
    target = int(mb * 1_000_000)
    paras: list[str] = []
    size = 0
    while size < target:
        words: list[str] = []
        for s in rng.sample(sentences, rng.randint(2, 5)):
            for w in s.split():
                words.append(w)
                if rng.random() < rate:
                    c = rng.choices(glossary.concepts, weights)[0]
                    words.append(rng.choice(c.terms).text)
        para = " ".join(words)
        paras.append(para)
        size += len(para.encode()) + 1
    # flashtext's case-insensitive replace fails on characters whose lower case is longer (İ)
    return "".join(c if len(c.lower()) == 1 else "I" for c in "\n".join(paras))


def blocks(text: str, size: int = 1 << 20) -> list[str]:
    out: list[str] = []
    start = 0
    while start < len(text):
        end = text.find("\n", start + size)
        end = len(text) if end < 0 else end
        out.append(text[start:end])
        start = end + 1
    return out


def best_of(n: int, fn: Callable[[], object]) -> float:
    """The least processor time of ``n`` calls of ``fn`` (processor time, not wall time: on a
    machine shared with other work, waiting for a core is not counted)."""
    times = []
    for _ in range(n):
        t0 = time.process_time()
        fn()
        times.append(time.process_time() - t0)
    return min(times)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_stage(planner: Planner, parts: list[str]) -> int:
    n = 0
    for part in parts:
        plan = planner.plan(part)
        changes = sorted((c for cs in plan.values() for c in cs), key=attrgetter("start"))
        pieces: list[str] = []
        pos = 0
        for c in changes:
            pieces.append(part[pos : c.start])
            pieces.append(c.after)
            pos = c.end
        pieces.append(part[pos:])
        n += len("".join(pieces))
    return n


def flashtext_run(kp: Any, lines: list[str]) -> list[str]:
    return [kp.replace_keywords(x) for x in lines]


def flashtext_processor(glossary: Glossary) -> Any:
    from flashtext import KeywordProcessor

    kp = KeywordProcessor(case_sensitive=False)
    for c in glossary.concepts:
        for t in c.terms:
            kp.add_keyword(t.text, t.replacement or t.text)
    return kp


def load_times() -> tuple[float, float, float]:
    code = (
        "import time; t=time.perf_counter();"
        "from cleanup.glossary.cache import compiled; compiled();"
        "print(time.perf_counter()-t)"
    )
    raw = (
        "import time; t=time.perf_counter();"
        "from cleanup.glossary import load_glossary; load_glossary();"
        "print(time.perf_counter()-t)"
    )
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, TARJAMA_CACHE_DIR=tmp)

        def once(src: str) -> float:
            out = subprocess.run(
                [sys.executable, "-c", src], env=env, check=True, capture_output=True, text=True
            )
            return float(out.stdout)

        cold = once(code)
        warm = min(once(code) for _ in range(3))
        parse = min(once(raw) for _ in range(3))
    return cold, warm, parse


def clean_times(mb: float, repeat: int) -> tuple[float, float, float]:
    """Corpus (a) of ``mb`` MB, and the best times of ``tarjama clean`` on it with the
    shipped glossary and with ``--no-glossary`` (whole process, warm glossary cache)."""
    path = bench_clean.corpus(mb, 20241129)
    size = path.stat().st_size / 1e6
    cmd = [sys.executable, "-m", "cleanup", "clean", "--isolated", "--no-progress", "-q"]
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, TARJAMA_CACHE_DIR=tmp)

        def run(extra: list[str]) -> float:  # the processor time of the whole process
            t0 = _children_cpu()
            subprocess.run(
                [*cmd, *extra, str(path), "-o", "-"],
                env=env,
                check=True,
                stdout=subprocess.DEVNULL,
            )
            return _children_cpu() - t0

        run([])  # builds the glossary cache
        best = {"on": float("inf"), "off": float("inf")}
        for _ in range(repeat):  # alternately, so that a busy moment hurts both alike
            best["on"] = min(best["on"], run([]))
            best["off"] = min(best["off"], run(["--no-glossary"]))
    return size, best["on"], best["off"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=12.0, help="size of the text in MB")
    ap.add_argument("--rate", type=float, default=RATE, help="names inserted per word")
    ap.add_argument("--sizes", default="100,1000,10000", help="glossary sizes (concepts)")
    ap.add_argument(
        "--clean-mb", type=float, default=10.0, help="size of corpus (a) for clean (0: skip)"
    )
    ap.add_argument("--repeat", type=int, default=3, help="best of this many runs")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    full = generate_glossary(max(sizes))
    text = news_text(args.mb, full, rate=args.rate)
    mb = len(text.encode()) / 1e6
    parts = blocks(text)
    found = len(Matcher(full).find(parts[0])) / (len(parts[0].encode()) / 1e6)
    print(
        f"text: {mb:.1f} MB, {len(parts)} blocks, {found:.0f} mentions/MB at {max(sizes)} "
        f"concepts; glossary sizes: {sizes}"
    )
    print(
        f"{'concepts':>9} {'terms':>7} {'build s':>8} {'stage MB/s':>11} "
        f"{'flashtext MB/s':>15} {'ratio':>6}"
    )
    stage_times: dict[int, float] = {}
    ratios: dict[int, float] = {}
    lines = text.split("\n")
    for n in sizes:
        g = Glossary(full.concepts[:n])
        t0 = time.perf_counter()
        planner = Planner(Matcher(g), Config())
        build = time.perf_counter() - t0
        kp = flashtext_processor(g)
        t_stage = t_flash = float("inf")
        for _ in range(args.repeat):  # alternately, so that a busy moment hurts both alike
            t_stage = min(t_stage, best_of(1, partial(run_stage, planner, parts)))
            t_flash = min(t_flash, best_of(1, partial(flashtext_run, kp, lines)))
        stage_times[n] = t_stage
        ratios[n] = t_flash / t_stage
        terms = sum(len(c.terms) for c in g.concepts)
        print(
            f"{n:>9} {terms:>7} {build:>8.2f} {mb / t_stage:>11.1f} {mb / t_flash:>15.1f} "
            f"{ratios[n]:>5.1f}x"
        )
    lo, hi = min(sizes), max(sizes)
    growth = stage_times[hi] / stage_times[lo]
    print(f"time at {hi} concepts / time at {lo} concepts: {growth:.2f}")
    cold, warm, parse = load_times()
    print(
        f"shipped glossary, fresh process: compiled() cold cache {cold:.3f} s, "
        f"warm cache {warm:.3f} s; load_glossary() alone {parse:.3f} s"
    )
    share = None
    if args.clean_mb > 0:
        size, on, off = clean_times(args.clean_mb, args.repeat)
        share = off / on
        print(
            f"clean on corpus (a), {size:.1f} MB: with the glossary {size / on:.2f} MB/s, "
            f"--no-glossary {size / off:.2f} MB/s; with/without speed {share:.2f}"
        )
    print("targets (issue 15):")
    for n in sizes:
        print(
            f"  stage >= 10x flashtext at {n} concepts: {ratios[n]:.1f}x",
            _verdict(ratios[n] >= 10),
        )
    print(f"  {hi} concepts within 2x the time of {lo}: {growth:.2f}x {_verdict(growth <= 2)}")
    if share is not None:
        print(
            f"  clean with the glossary >= 0.5 of --no-glossary: {share:.2f}",
            _verdict(share >= 0.5),
        )


def _verdict(ok: bool) -> str:
    return "(met)" if ok else "(NOT met)"


if __name__ == "__main__":
    main()
