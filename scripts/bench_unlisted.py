#!/usr/bin/env python3
"""Unlisted spellings: does the transliteration key find a name's unlisted spellings, and only
them? (cleanup/glossary/translit.py, cleanup/glossary/unlisted.py)

Measured from real data only; nothing here is typed in as a result.

* **Leave-one-out** over the glossary's own variants: for every English admitted or
  deprecated term that is not ``exact``, the index is built from all the other terms; the
  variant is *found* if its key points to its own concept, *wrong* if to another one, and
  missed otherwise (no key, a key of two concepts, or a key shorter than the minimum).
  Recall = found / variants, precision = found / (found + wrong). Reported for all variants
  and for *spelling variants* only: those with another term of the concept made of the same
  English words (the words wordfreq knows, Zipf >= the lint's ORDINARY_WORD), in the same
  order (``Tabaqa air base`` / ``Tabqa air base``, ``Kfar Zita`` / ``Kafr Zita``). The other
  variants are translations or other names (``Syrian army``, ``Dimashq``), which no
  transliteration key can find. Per concept type too.
* **Grouping** on ../shared/data/google-transliteration (Arabic words, mostly foreign names,
  with the English spelling Wikipedia gives them; the Arabic folded with cleanup.arabic.fold):
  recall = pairs of spellings of one Arabic word that share a key; over all pairs of spellings
  of different Arabic words (every pair, not a sample), how many the key keeps apart, and the
  precision of the pairs it merges. And how many of these names, none of them glossary terms,
  the index would propose (before and after the reference filter).
* **Negative set**: the English documents of NTREX-128, FLORES-200 devtest and TICO-19 that
  never mention Syria (as scripts/bench_glossary_precision.py builds them): every proposal
  of the finder, which would be a false rewrite if the document had context evidence.

For the minimum key lengths 4 to 6, to choose unlisted.MIN_KEY.

    python scripts/bench_unlisted.py
    python scripts/bench_unlisted.py --show 20      # list misses and merges
    python scripts/bench_unlisted.py --markdown     # the table for docs/glossary-format.md
"""

from __future__ import annotations

import argparse
import collections
import datetime
import itertools
import random
import re
import subprocess
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from bench_glossary_precision import SHARED, real_documents  # noqa: E402

from cleanup.arabic import fold  # noqa: E402
from cleanup.glossary import load_glossary  # noqa: E402
from cleanup.glossary.cache import compiled  # noqa: E402
from cleanup.glossary.lint import ORDINARY_WORD  # noqa: E402
from cleanup.glossary.matcher import JOINABLE_ARTICLES, RISKY_ARTICLES  # noqa: E402
from cleanup.glossary.model import Concept, Glossary, Term  # noqa: E402
from cleanup.glossary.normalise import normalise_term  # noqa: E402
from cleanup.glossary.reference import missing_sources, zipf  # noqa: E402
from cleanup.glossary.translit import translit_key  # noqa: E402
from cleanup.glossary.unlisted import (  # noqa: E402
    MIN_KEY,
    KeyedTerm,
    UnlistedIndex,
    keyed_terms,
    reference_reason,
    unique_keys,
)

MIN_KEYS = (4, 5, 6)
GOOGLE = SHARED / "google-transliteration" / "ar2en.txt"


def pct(a: int, b: int, digits: int = 1) -> str:
    return f"{100 * a / b:.{digits}f}%" if b else "n/a"


# -- leave-one-out ----------------------------------------------------------------------

_WORD_RE = re.compile(r"[^\W\d_]+")
_ARTICLES = JOINABLE_ARTICLES | RISKY_ARTICLES


def english_words(text: str) -> tuple[str, ...]:
    """The words of ``text`` that wordfreq knows as English (articles aside)."""
    words = (w.lower() for w in _WORD_RE.findall(text))
    return tuple(w for w in words if w not in _ARTICLES and zipf(w, "en") >= ORDINARY_WORD)


def is_spelling_variant(c: Concept, t: Term) -> bool:
    """Another term of ``c`` has the same English words as ``t``, in the same order."""
    mine = english_words(t.text)
    return any(
        english_words(o.text) == mine
        for o in c.terms
        if o is not t and o.lang == "en" and not o.exact
    )


@dataclass
class Tally:
    n: int = 0
    found: int = 0
    wrong: int = 0
    passed: int = 0  # found, and the reference filter lets it through

    def add(self, outcome: str, passed: bool) -> None:
        self.n += 1
        self.found += outcome == "found"
        self.wrong += outcome == "wrong"
        self.passed += outcome == "found" and passed

    @property
    def after_filter(self) -> str:
        return pct(self.passed, self.n)

    @property
    def recall(self) -> str:
        return pct(self.found, self.n)

    @property
    def precision(self) -> str:
        return pct(self.found, self.found + self.wrong)


@dataclass
class LeaveOneOut:
    all: Tally = field(default_factory=Tally)
    spelling: Tally = field(default_factory=Tally)
    by_type: dict[str, Tally] = field(default_factory=lambda: collections.defaultdict(Tally))
    wrong: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    listed_elsewhere: int = 0


def leave_one_out(
    keyed: list[KeyedTerm], spelling: set[int], min_key: int, index: UnlistedIndex
) -> LeaveOneOut:
    """Every variant held out in turn; ``index`` (of the whole glossary) gives the concepts'
    countries for the reference filter. A variant that another concept lists too (a form
    shared by dated concepts) is not counted: held out, it is still listed."""
    owners: dict[str, set[str]] = collections.defaultdict(set)
    for c, t in index.glossary.terms():
        owners[normalise_term(t.text)].add(c.id)
    out = LeaveOneOut()
    for i, held in enumerate(keyed):
        if held.term.status == "preferred":
            continue
        if owners[normalise_term(held.term.text)] - {held.concept.id}:
            out.listed_elsewhere += 1  # still listed: the finder never proposes it
            continue
        keys = unique_keys((k for j, k in enumerate(keyed) if j != i), min_key)
        target = keys.get(held.key)
        if target is None:
            outcome = "missed"
            out.missed.append(f"{held.term.text!r} ({held.concept.id}, key {held.key!r})")
        elif target.concept.id == held.concept.id:
            outcome = "found"
        else:
            outcome = "wrong"
            out.wrong.append(
                f"{held.term.text!r} ({held.concept.id}) -> {target.concept.id} "
                f"via {target.term.text!r}"
            )
        passed = outcome == "found" and not reference_reason(
            held.term.text, index.home(held.concept)
        )
        out.all.add(outcome, passed)
        out.by_type[held.concept.type].add(outcome, passed)
        if i in spelling:
            out.spelling.add(outcome, passed)
    return out


# -- google-transliteration -------------------------------------------------------------


def google_words() -> dict[str, set[str]]:
    """Folded Arabic word -> its English spellings."""
    out: dict[str, set[str]] = collections.defaultdict(set)
    for line in GOOGLE.read_text(encoding="utf-8").splitlines():
        arabic, _, english = line.partition("\t")
        if arabic and english:
            out[fold(arabic)].add(english)
    return out


@dataclass
class Grouping:
    same_pairs: int
    same_grouped: int
    different_pairs: int
    different_merged: int
    identical_spellings: int  # different Arabic words written the same in English
    merges: list[str]

    @property
    def precision(self) -> str:
        merged = self.same_grouped + self.different_merged
        return pct(self.same_grouped, merged)


def grouping(words: dict[str, set[str]]) -> Grouping:
    same_pairs = same_grouped = 0
    for spellings in words.values():
        for a, b in itertools.combinations(sorted(spellings), 2):
            same_pairs += 1
            same_grouped += translit_key(a) == translit_key(b)
    by_key: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    by_spelling: dict[str, set[str]] = collections.defaultdict(set)
    for arabic, spellings in words.items():
        for s in spellings:
            by_key[translit_key(s)][arabic] += 1
            by_spelling[s].add(arabic)
    n = sum(len(s) for s in words.values())
    all_pairs = n * (n - 1) // 2
    merged = sum(sum(c.values()) * (sum(c.values()) - 1) // 2 for c in by_key.values())
    different_merged = merged - same_grouped
    identical = sum(len(a) * (len(a) - 1) // 2 for a in by_spelling.values())
    merges = []
    for key, c in by_key.items():
        if len(c) > 1:
            spellings = sorted({s for a in c for s in words[a] if translit_key(s) == key})
            merges.append(f"{key}: {', '.join(spellings)}")
    return Grouping(
        same_pairs, same_grouped, all_pairs - same_pairs, different_merged, identical, merges
    )


def world_hits(index: UnlistedIndex, words: dict[str, set[str]]) -> tuple[list[str], list[str]]:
    """The reference names the index would propose (not listed terms), before and after the
    reference filter; written capitalised, as in text."""
    before, after = [], []
    for spellings in words.values():
        for s in sorted(spellings):
            name = " ".join(w[:1].upper() + w[1:] for w in s.split())
            target = index.lookup(name)
            if target is None or index.listed(name):
                continue
            hit = f"{name} -> {target.concept.id}"
            before.append(hit)
            if not reference_reason(name, index.home(target.concept)):
                after.append(hit)
    return sorted(before), sorted(after)


# -- negative set -----------------------------------------------------------------------


def negative_documents() -> list[str]:
    docs = ["\n".join(lines) for lines in real_documents().values()]
    return [d for d in docs if not re.search("syria", d, re.IGNORECASE)]


def proposals(
    index: UnlistedIndex, docs: Iterable[tuple[str, list[tuple[int, int]]]], reference: bool
) -> list[str]:
    out = []
    for text, known in docs:
        for m in index.find(text, known, reference=reference):
            line_start = text.rfind("\n", 0, m.start) + 1
            line_end = text.find("\n", m.end)
            line = text[line_start : line_end if line_end >= 0 else len(text)]
            out.append(f"{text[m.start : m.end]!r} -> {m.concept_id} (key {m.key}): {line[:160]}")
    return out


# -- main -------------------------------------------------------------------------------


def commit() -> str:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        edits = subprocess.run(
            ["git", "status", "--porcelain", "glossaries"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{head} (with uncommitted glossary edits)" if edits else head


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--show", type=int, default=0, help="list this many misses and merges")
    ap.add_argument("--markdown", action="store_true", help="print the table for the docs")
    args = ap.parse_args()
    t0 = time.perf_counter()
    glossary: Glossary = load_glossary()
    matcher = compiled()
    keyed = keyed_terms(glossary)
    spelling = {
        i
        for i, k in enumerate(keyed)
        if k.term.status != "preferred" and is_spelling_variant(k.concept, k.term)
    }
    words = google_words()
    docs = negative_documents()
    known = [(d, [(m.start, m.end) for m in matcher.find(d)]) for d in docs]
    missing = missing_sources()
    print(f"glossary: {len(glossary)} concepts, {len(keyed)} English terms indexed")
    print(f"reference data missing: {', '.join(missing) or 'none'}")
    rows = []
    for min_key in MIN_KEYS:
        index = UnlistedIndex(glossary, unique_keys(keyed, min_key))
        loo = leave_one_out(keyed, spelling, min_key, index)
        before, after = world_hits(index, words)
        negatives = proposals(index, known, reference=True)
        rows.append((min_key, loo, before, after, negatives))
        chosen = " (MIN_KEY)" if min_key == MIN_KEY else ""
        print(f"\n== minimum key length {min_key}{chosen}: {len(index.keys)} keys")
        print(f"(variants also listed by another concept, not counted: {loo.listed_elsewhere})")
        print(
            f"leave-one-out, all {loo.all.n} variants: recall {loo.all.recall}, "
            f"precision {loo.all.precision} ({loo.all.wrong} wrong); "
            f"after the reference filter {loo.all.after_filter}"
        )
        print(
            f"leave-one-out, {loo.spelling.n} spelling variants: recall {loo.spelling.recall}, "
            f"precision {loo.spelling.precision}; "
            f"after the reference filter {loo.spelling.after_filter}"
        )
        print(
            f"reference names proposed: {len(before)} before the reference filter, "
            f"{len(after)} after"
        )
        print(f"negative set ({len(docs)} documents): {len(negatives)} proposals")
        for p in negatives:
            print("  ", p)
        for w in loo.wrong:
            print("   wrong:", w)
        if min_key == MIN_KEY:
            print("by concept type (all variants):")
            for ctype, tally in sorted(loo.by_type.items(), key=lambda x: -x[1].n):
                print(
                    f"  {ctype:<16} {tally.n:4d}: recall {tally.recall:>6}, "
                    f"precision {tally.precision:>6}, after the filter {tally.after_filter:>6}"
                )
            print("reference names after the filter:", "; ".join(after) or "none")
            unfiltered = proposals(index, known, reference=False)
            print(f"negative set without the reference filter: {len(unfiltered)} proposals")
            for p in unfiltered[: args.show or len(unfiltered)]:
                print("  ", p)
            random.seed(0)
            for m in random.sample(loo.missed, min(args.show, len(loo.missed))):
                print("   missed:", m)
    group = grouping(words)
    print(
        f"\ngoogle-transliteration: {sum(len(s) for s in words.values())} spellings of "
        f"{len(words)} Arabic words"
    )
    print(
        f"  recall: {pct(group.same_grouped, group.same_pairs)} "
        f"({group.same_grouped}/{group.same_pairs} pairs of spellings of one word share a key)"
    )
    apart = group.different_pairs - group.different_merged
    print(
        f"  kept apart: {pct(apart, group.different_pairs, 4)}"
        f" of {group.different_pairs:,} pairs of different words ({group.different_merged} "
        f"merged, {group.identical_spellings} of them spelt identically)"
    )
    print(f"  precision of the merged pairs: {group.precision}")
    random.seed(1)
    for m in random.sample(group.merges, min(args.show, len(group.merges))):
        print("   merged:", m)
    index = UnlistedIndex.from_glossary(glossary)
    size = sum(len(d) for d in docs)
    t1 = time.perf_counter()
    for text, spans in known:
        index.find(text, spans)
    speed = size / (time.perf_counter() - t1) / 1e6
    print(f"\nfinder speed on the negative set: {speed:.2f} MB/s ({size / 1e6:.2f} MB)")
    print(f"{time.perf_counter() - t0:.1f} s", file=sys.stderr)
    if args.markdown:
        print_markdown(rows, group, speed, len(docs), missing)


def print_markdown(
    rows: list[tuple[int, LeaveOneOut, list[str], list[str], list[str]]],
    group: Grouping,
    speed: float,
    n_docs: int,
    missing: list[str],
) -> None:
    today = datetime.date.today().isoformat()
    extra = f"; reference data missing: {', '.join(missing)}" if missing else ""
    print(f"\nMeasured {today} at commit {commit()} (`python scripts/bench_unlisted.py`{extra}).\n")
    print(
        "| minimum key | leave-one-out recall: all variants | spelling variants "
        "| after the reference filter | precision | reference names proposed "
        "| negative set |"
    )
    print("|---|---|---|---|---|---|---|")
    for min_key, loo, _before, after, negatives in rows:
        mark = f"**{min_key}** (used)" if min_key == MIN_KEY else str(min_key)
        print(
            f"| {mark} | {loo.all.recall} ({loo.all.found}/{loo.all.n}) "
            f"| {loo.spelling.recall} ({loo.spelling.found}/{loo.spelling.n}) "
            f"| {loo.spelling.after_filter} | {loo.all.precision} | {len(after)} "
            f"| {len(negatives)} in {n_docs} documents |"
        )
    apart = group.different_pairs - group.different_merged
    print(
        f"\nGrouping on google-transliteration: recall "
        f"{pct(group.same_grouped, group.same_pairs)} ({group.same_grouped}/{group.same_pairs}); "
        f"kept apart {pct(apart, group.different_pairs, 4)} of {group.different_pairs:,} pairs "
        f"of different words ({group.different_merged} merged); precision of the merged pairs "
        f"{group.precision}. Finder speed {speed:.2f} MB/s."
    )


if __name__ == "__main__":
    main()
