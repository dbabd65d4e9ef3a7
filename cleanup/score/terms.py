"""Terminology accuracy against the glossary, and the WMT21 terminology metrics.

For every glossary concept whose Arabic term occurs in a source segment (after Arabic
normalisation, with the clitics و ف ب ل ك allowed in front), the hypothesis is checked with the
glossary's English matcher: a preferred or admitted English term of the concept is a *success*,
a deprecated variant a *variant*, neither a *miss*. One outcome per concept and segment.

With references, the WMT21 terminology metrics of Alam et al. (2021) are computed on the
occurrences the reference confirms (the reference contains an English term of the concept; that
term is the occurrence's target term):

* exact-match term accuracy: the hypothesis contains the reference's term (normalised
  matching: case, apostrophe and hyphen forms; the same term, not any term of the concept);
* window overlap (windows 2 and 3): for occurrences found in both, the share of the reference's
  words within w words left and right of the term that are also in the hypothesis's window
  around the term (lowercased, punctuation and stop words left out), averaged;
* 1 - TERm: one minus a term-weighted edit rate: word-level edit distance in which inserting,
  deleting or substituting a word that belongs to a term costs 2 and any other word 1, divided
  by the weighted length of the reference, summed over the segments with confirmed terms.
  Unlike TER there are no block shifts (see docs/scoring.md).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

from ..arabic import (
    ARABIC_LETTER_RE,
    TANWIN_RE,
    clitic_ok,
    clitic_split_plausible,
    fold_with_map,
)
from ..glossary.cache import matcher_for
from ..glossary.model import valid_on_day

__all__ = [
    "ConceptStats",
    "SourceTermMatcher",
    "TermOccurrence",
    "TermReport",
    "term_accuracy",
]

Outcome = Literal["success", "variant", "miss"]
_SPACES = re.compile(r"\s+")
_WORDS = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_STOP = frozenset(
    """a an the of to in on at for from by with and or but is are was were be been has have had
    it its this that these those he she they we his her their as said says will would after
    before over about into than also who which""".split()
)


@dataclass(frozen=True, slots=True)
class SourceHit:
    start: int
    end: int
    concepts: tuple[str, ...]


class SourceTermMatcher:
    """Finds glossary concepts by their Arabic terms in Arabic text."""

    def __init__(self, glossary: Any) -> None:
        import ahocorasick_rs

        table: dict[str, list[tuple[Any, Any]]] = {}
        for concept in glossary.concepts:
            for term in concept.terms:
                if term.lang != "ar" or term.ambiguous:
                    continue  # an ambiguous form (سلوك: "behaviour") proves no concept
                key = _SPACES.sub(" ", fold_with_map(term.text)[0]).strip()
                if len(key) < 2:
                    continue
                table.setdefault(key, []).append((concept, term))
                if key.startswith("ال") and len(key) > 3:
                    # ل + الجيش is written للجيش: the alef goes
                    table.setdefault("\x00" + key[1:], []).append((concept, term))
        self.keys = list(table)
        self.ids = [tuple(dict.fromkeys(c.id for c, _ in table[k])) for k in self.keys]
        #: the (concept, term) pairs of the keys with a dated one, resolved on the day
        self.dated = {
            pid: tuple(table[k])
            for pid, k in enumerate(self.keys)
            if any(c.dated or t.dated for c, t in table[k])
        }
        patterns = [k.lstrip("\x00") for k in self.keys]
        self.after_lam = [k.startswith("\x00") for k in self.keys]
        self._ac = (
            ahocorasick_rs.AhoCorasick(patterns, matchkind=ahocorasick_rs.MatchKind.Standard)
            if patterns
            else None
        )

    def find(self, text: str, day: dt.date | None = None) -> list[SourceHit]:
        """Concept mentions in ``text`` (offsets of ``text``), leftmost-longest, no overlaps;
        a dated term resolved on ``day`` (default: today)."""
        if self._ac is None or ARABIC_LETTER_RE.search(text) is None:
            return []
        day = day or dt.date.today()
        norm, offsets = fold_with_map(text)
        norm = norm.replace("\n", " ")
        cands: list[tuple[int, int, int]] = []
        for pid, s, e in self._ac.find_matches_as_indexes(norm, overlapping=True):
            if e < len(norm) and _is_letter(norm[e]):
                continue
            w = s
            while w > 0 and _is_letter(norm[w - 1]):
                w -= 1
            if not clitic_ok(norm[w:s], self.after_lam[pid]):
                continue
            if w < s:
                o_w, o_s, o_e = offsets[w], offsets[s], offsets[e - 1] + 1
                stem = text[o_s:o_e] if not self.after_lam[pid] else "ا" + text[o_s:o_e]
                if not clitic_split_plausible(text[o_w:o_e], stem):
                    continue  # فاطمة is Fatima, not ف + أطمة
            cands.append((s, e, pid))
        cands.sort(key=lambda c: (c[0], -c[1]))
        out: list[SourceHit] = []
        pos = -1
        for s, e, pid in cands:
            start, end = offsets[s], offsets[e - 1] + 1
            if TANWIN_RE.match(text, end) or TANWIN_RE.search(text, start, end):
                continue  # دومًا "always", not Douma: names do not take tanwin
            if s >= pos:
                ids = self.ids[pid]
                if pid in self.dated:
                    pairs = self.dated[pid]
                    keep = valid_on_day(pairs, day)
                    ids = tuple(dict.fromkeys(pairs[i][0].id for i in keep))
                    if not ids:
                        continue
                out.append(SourceHit(start, end, ids))
                pos = e
        return out


def _is_letter(ch: str) -> bool:
    return ch.isalpha()


@lru_cache(maxsize=4)
def _source_matcher(glossary: Any) -> SourceTermMatcher:
    return SourceTermMatcher(glossary)


@dataclass(frozen=True, slots=True)
class TermOccurrence:
    """One concept in one source segment, and what the hypothesis made of it."""

    segment: int  # 1-based
    concept: str
    label: str
    source: str  # the Arabic surface form
    outcome: Outcome
    found: str | None = None  # the English form in the hypothesis, if any
    reference_term: str | None = None  # the term the reference uses (WMT21 target term)
    exact: bool | None = None  # the hypothesis has the reference's term

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__slots__}


@dataclass
class ConceptStats:
    concept: str
    label: str
    total: int = 0
    success: int = 0
    variant: int = 0
    miss: int = 0

    @property
    def success_rate(self) -> float:
        return self.success / self.total if self.total else 0.0


@dataclass
class TermReport:
    """Terminology accuracy of one system."""

    n_segments: int
    occurrences: list[TermOccurrence] = field(default_factory=list)
    wmt: dict[str, float] | None = None

    def _rate(self, outcome: str) -> float:
        n = len(self.occurrences)
        return sum(1 for o in self.occurrences if o.outcome == outcome) / n if n else 0.0

    @property
    def success_rate(self) -> float:
        return self._rate("success")

    @property
    def variant_rate(self) -> float:
        return self._rate("variant")

    @property
    def miss_rate(self) -> float:
        return self._rate("miss")

    def per_concept(self) -> list[ConceptStats]:
        stats: dict[str, ConceptStats] = {}
        for o in self.occurrences:
            cs = stats.setdefault(o.concept, ConceptStats(o.concept, o.label))
            cs.total += 1
            setattr(cs, o.outcome, getattr(cs, o.outcome) + 1)
        return sorted(stats.values(), key=lambda c: (-c.total, c.concept))

    def segment_scores(self) -> list[float]:
        """Per segment, 100 x the share of its concepts rendered right (100 with none)."""
        hits = [0] * self.n_segments
        total = [0] * self.n_segments
        for o in self.occurrences:
            total[o.segment - 1] += 1
            hits[o.segment - 1] += o.outcome == "success"
        return [100.0 * h / t if t else 100.0 for h, t in zip(hits, total, strict=True)]

    def summary_lines(self) -> list[str]:
        n = len(self.occurrences)
        lines = [
            f"Terms: {n} glossary term occurrences in the source; "
            f"success {100 * self.success_rate:.1f}%, variant {100 * self.variant_rate:.1f}%, "
            f"miss {100 * self.miss_rate:.1f}%"
        ]
        if self.wmt is not None:
            w = self.wmt
            lines.append(
                f"WMT21 terminology ({int(w['n'])} reference-confirmed terms): exact-match "
                f"accuracy {100 * w['exact_match']:.1f}%, window overlap w=2 "
                f"{100 * w['window_overlap_2']:.1f}%, w=3 {100 * w['window_overlap_3']:.1f}%, "
                f"1-TERm {w['one_minus_term']:.3f}"
            )
        return lines

    def to_dict(self) -> dict[str, Any]:
        return {
            "occurrences": len(self.occurrences),
            "success_rate": self.success_rate,
            "variant_rate": self.variant_rate,
            "miss_rate": self.miss_rate,
            "wmt21": self.wmt,
            "per_concept": [
                {
                    "concept": c.concept,
                    "label": c.label,
                    "total": c.total,
                    "success": c.success,
                    "variant": c.variant,
                    "miss": c.miss,
                }
                for c in self.per_concept()
            ],
        }


# --- WMT21 helpers -------------------------------------------------------------------------


def _tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m.group().lower(), m.start(), m.end()) for m in _WORDS.finditer(text)]


def _window(tokens: list[tuple[str, int, int]], start: int, end: int, w: int) -> list[str]:
    left = [t for t, s, _ in tokens if s < start]
    right = [t for t, s, _ in tokens if s >= end]
    picked = left[-w:] + right[:w] if w else []
    return [t for t in picked if t not in _STOP]


def _overlap(hyp_win: list[str], ref_win: list[str]) -> float:
    if not ref_win:
        return 1.0 if not hyp_win else 0.0
    pool = list(hyp_win)
    hit = 0
    for t in ref_win:
        if t in pool:
            pool.remove(t)
            hit += 1
    return hit / len(ref_win)


def _weighted_edits(hyp: list[tuple[str, int]], ref: list[tuple[str, int]]) -> int:
    """Edit distance where each word costs its weight (2 in a term, else 1)."""
    prev = [0]
    for _, w in ref:
        prev.append(prev[-1] + w)
    for ht, hw in hyp:
        cur = [prev[0] + hw]
        for j, (rt, rw) in enumerate(ref, 1):
            sub = prev[j - 1] + (0 if ht == rt else max(hw, rw))
            cur.append(min(sub, prev[j] + hw, cur[j - 1] + rw))
        prev = cur
    return prev[-1]


def _weighted(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[str, int]]:
    return [
        (t, 2 if any(s < e2 and s2 < e for s2, e2 in spans) else 1) for t, s, e in _tokens(text)
    ]


# --- the computation ----------------------------------------------------------------------


def term_accuracy(
    sources: Sequence[str],
    hypotheses: Sequence[str],
    references: Sequence[Sequence[str]] | None = None,
    glossary: Any = None,
    day: dt.date | None = None,
) -> TermReport:
    """Terminology accuracy of ``hypotheses`` for the glossary concepts in ``sources``.

    ``references`` (a list of reference streams; the first is used for WMT21) is optional.
    ``glossary``: a ``cleanup.glossary.Glossary``, its compiled ``Matcher``, or None for the
    shipped glossary. ``day``: the date of the segments, on which dated glossary terms
    resolve (default: today).
    """
    day = day or dt.date.today()
    if len(sources) != len(hypotheses):
        raise ValueError("sources and hypotheses must have the same length")
    en = matcher_for(glossary)
    src_matcher = _source_matcher(en.glossary)
    by_id = {c.id: c for c in en.glossary.concepts}
    ref_stream = references[0] if references else None
    report = TermReport(len(sources))
    exact_hits = 0
    n_confirmed = 0
    overlaps: dict[int, list[float]] = {2: [], 3: []}
    term_edits = 0
    term_len = 0
    for i, (src, hyp) in enumerate(zip(sources, hypotheses, strict=True)):
        hits = src_matcher.find(src, day)
        if not hits:
            continue
        hyp_mentions = en.find(hyp, day)
        ref = ref_stream[i] if ref_stream is not None else None
        ref_mentions = en.find(ref, day) if ref else []
        seen: set[str] = set()
        confirmed_spans: list[tuple[int, int]] = []
        hyp_spans: list[tuple[int, int]] = []
        for hit in hits:
            cid = hit.concepts[0]
            if cid in seen:
                continue
            seen.add(cid)
            ids = set(hit.concepts)
            good = [
                m for m in hyp_mentions if m.concept.id in ids and m.term.status != "deprecated"
            ]
            bad = [m for m in hyp_mentions if m.concept.id in ids and m.term.status == "deprecated"]
            outcome: Outcome = "success" if good else "variant" if bad else "miss"
            found_m = good[0] if good else bad[0] if bad else None
            ref_term = None
            exact = None
            if ref is not None:
                ref_good = [
                    m for m in ref_mentions if m.concept.id in ids and m.term.status != "deprecated"
                ]
                if ref_good:
                    rm = ref_good[0]
                    ref_term = rm.term.text
                    same = [m for m in good if m.term.text == ref_term]
                    exact = bool(same)
                    n_confirmed += 1
                    exact_hits += exact
                    confirmed_spans.append((rm.start, rm.end))
                    if same:
                        hm = same[0]
                        hyp_spans.append((hm.start, hm.end))
                        ht, rt = _tokens(hyp), _tokens(ref)
                        for w in (2, 3):
                            overlaps[w].append(
                                _overlap(
                                    _window(ht, hm.start, hm.end, w),
                                    _window(rt, rm.start, rm.end, w),
                                )
                            )
            concept = by_id.get(cid)
            report.occurrences.append(
                TermOccurrence(
                    i + 1,
                    cid,
                    concept.label if concept is not None else cid,
                    src[hit.start : hit.end],
                    outcome,
                    hyp[found_m.start : found_m.end] if found_m is not None else None,
                    ref_term,
                    exact,
                )
            )
        if ref is not None and confirmed_spans:
            r = _weighted(ref, confirmed_spans)
            h = _weighted(hyp, hyp_spans)
            term_edits += _weighted_edits(h, r)
            term_len += sum(w for _, w in r)
    if ref_stream is not None:
        report.wmt = {
            "n": float(n_confirmed),
            "exact_match": exact_hits / n_confirmed if n_confirmed else 0.0,
            "window_overlap_2": _mean(overlaps[2]),
            "window_overlap_3": _mean(overlaps[3]),
            "one_minus_term": 1.0 - term_edits / term_len if term_len else 0.0,
        }
    return report


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0
