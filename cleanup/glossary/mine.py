"""Candidate new spellings of glossary names in real text (``tarjama glossary mine``).

Capitalised word sequences that the glossary does not know, within an edit distance (rapidfuzz's
Levenshtein, after normalisation) of an English term: likely new variants, for a person to
review. Nothing is added to the glossary.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from .matcher import Matcher
from .model import Concept, Term
from .normalise import normalise_term

__all__ = ["Candidate", "mine"]

_CANDIDATE_RE = re.compile(
    r"\b(?:[A-Z][\w'’ʿʾ`-]+|(?:al|el|ash|as|ad|ar|az|at|an|ad|ibn|bin|bint|abu|abou|of|the)"
    r"(?:[-\s]))(?:[-\s]+(?:[A-Z][\w'’ʿʾ`-]+|al-\w+|el-\w+|ash-\w+|ad-\w+|as-\w+|az-\w+|"
    r"ibn|bin|of|the|al|el)){0,5}"
)


_TOKEN = re.compile(r"\S+")
_FUNCTION_WORDS = frozenset("of the al el ash as ad ar az at an ibn bin bint abu abou".split())


@dataclass(frozen=True, slots=True)
class Candidate:
    text: str
    count: int
    concept: str
    nearest: str
    distance: float

    def to_json(self) -> dict[str, object]:
        return {
            "text": self.text,
            "count": self.count,
            "concept": self.concept,
            "nearest": self.nearest,
            "distance": round(self.distance, 3),
        }


def mine(
    texts: Iterable[str], matcher: Matcher, max_distance: float = 0.25, min_count: int = 1
) -> list[Candidate]:
    """Capitalised n-grams of ``texts`` that the glossary does not know but that are within
    ``max_distance`` (edit distance / length, after normalisation) of an English term: likely
    new variants, for a person to review. Nothing is added to the glossary."""
    counts: Counter[str] = Counter()
    for text in texts:
        known = [(m.start, m.end) for m in matcher.find(text)]
        for m in _CANDIDATE_RE.finditer(text):
            tokens = [
                (t.start() + m.start(), t.end() + m.start()) for t in _TOKEN.finditer(m.group())
            ]
            for i, (s, _) in enumerate(tokens):
                if not text[s].isupper():
                    continue
                for j in range(i, min(len(tokens), i + 6)):
                    e = tokens[j][1]
                    cand = text[s:e]
                    if cand.split()[-1].lower() in _FUNCTION_WORDS:
                        continue
                    if " " not in cand and len(cand) < 5:
                        continue
                    if any(ks <= s and e <= ke for ks, ke in known):
                        continue
                    counts[cand] += 1
    index: dict[str, list[tuple[str, Concept, Term]]] = {}
    for c, t in matcher.glossary.terms():
        if t.lang == "en" and not t.exact:
            n = normalise_term(t.text)
            index.setdefault(n[:1], []).append((n, c, t))
    out: list[Candidate] = []
    for cand, count in counts.items():
        if count < min_count:
            continue
        n = normalise_term(cand)
        best: tuple[float, Concept, Term] | None = None
        for tn, c, t in index.get(n[:1], []):
            if n.startswith(tn):  # Syrian / Syria: a derived word, not a variant
                continue
            limit = int(max_distance * max(len(n), len(tn)))
            d = Levenshtein.distance(n, tn, score_cutoff=limit)
            if d <= limit and d > 0:
                score = d / max(len(n), len(tn))
                if best is None or score < best[0]:
                    best = (score, c, t)
        if best is not None:
            out.append(Candidate(cand, count, best[1].id, best[2].text, best[0]))
    out.sort(key=lambda x: (-x.count, x.distance, x.text))
    return out
