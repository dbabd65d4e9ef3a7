"""Spellings of glossary names that the glossary does not list (``Lattakiya`` for Latakia).

An :class:`UnlistedIndex` maps the transliteration key (:func:`.translit.translit_key`) of
every English term that is not ``exact`` to its concept. It keeps only the keys that point
to exactly one concept (a key two concepts share says nothing) and that have at least
:data:`MIN_KEY` letters (a short key is shared by too many other words:
docs/glossary-format.md, "Unlisted spellings: measured").

:meth:`UnlistedIndex.find` proposes, in a text, the capitalised word sequences
(:func:`candidate_spans`) whose key is in the index, that are not a listed term and that
overlap no listed mention the caller found, and that the reference data of ``tarjama
glossary lint`` (:mod:`.reference`) does not know as something else
(:func:`reference_reason`):

* an English word, or a phrase made only of English words: each at least as frequent as
  the lint's ``ORDINARY_WORD`` (wordfreq; GLL019's "ordinary word", lower than GLL017's
  "frequent word": a listed term is reviewed by a person, a proposal is not);
* a common given name or surname, or a full name made of a common given name and a common
  surname (names-dataset, as GLL015);
* a place in another country than the concept's, or a country's name (GeoNames, as GLL016);
* the surname of a person: a proposal never starts right after a common given name
  (``Simon Haeder`` is not the town of Hadar).

The names and places come from the ``tarjama[lint]`` extra. Without it
(:func:`.reference.common_name` and :func:`.reference.places` return None) only the word
frequencies are checked, and more proposals get through. The first check of a name in a
process loads the names (from the user's cache after the first run ever).

The index only proposes. Whether a proposal is rewritten, and to which form (the concept's
preferred English term), is for the cleaning rule to decide, with context evidence: the text
must be about the concept's domain.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterable, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import NamedTuple

from ..chars import APOSTROPHES, HYPHENS
from .lint import ORDINARY_WORD, home_country
from .matcher import JOINABLE_ARTICLES, RISKY_ARTICLES
from .model import Concept, Glossary, Term
from .normalise import normalise_term
from .reference import common_name, places, zipf
from .translit import translit_key

__all__ = [
    "MIN_KEY",
    "KeyedTerm",
    "Target",
    "UnlistedIndex",
    "UnlistedMatch",
    "candidate_spans",
    "keyed_terms",
    "reference_reason",
    "unique_keys",
]

#: The shortest key indexed, in letters (measured: scripts/bench_unlisted.py).
MIN_KEY = 5

_APOS = re.escape(APOSTROPHES)
_HYPH = re.escape(HYPHENS)
#: A word: letters and digits, with apostrophes and hyphens inside (``Ma'arrat``, ``al-Bab``).
_TOKEN_RE = re.compile(rf"[^\W\d_](?:[\w{_APOS}{_HYPH}]*[^\W_])?")
#: What may separate two words of one name: spaces, no line break or punctuation. Any number
#: of them: SP05 collapses a run of spaces after the glossary's stage, and a run of three that
#: kept two words apart here would join them when the output is cleaned again (not idempotent).
_GAP_RE = re.compile(r"[ \u00a0]+")
_POSSESSIVE_RE = re.compile(rf"[{_APOS}]s$")
_ARTICLE_PREFIX_RE = re.compile(
    rf"(?:{'|'.join(sorted(JOINABLE_ARTICLES | RISKY_ARTICLES))})[{_HYPH}]"
)
#: Lower-case words that may stand inside a name (``Jisr al Shughour``, ``Osama bin Laden``).
_CONNECTORS = frozenset(JOINABLE_ARTICLES | {"bin", "ibn", "bint", "ben"})
_ARTICLES = "|".join(sorted(JOINABLE_ARTICLES | RISKY_ARTICLES))
_NAME = rf"(?:(?:{_ARTICLES})[{_HYPH}])?[A-Z{{upper}}][\w{_APOS}{_HYPH}]*"
_CONNECTOR = rf"(?:{'|'.join(sorted(_CONNECTORS))})(?![\w{_APOS}{_HYPH}])"
#: Where :func:`candidate_spans` can find a run: a name word, then more name words or
#: connectors after spaces. One pass of a compiled pattern over the text; the runs are then
#: read word by word only there (most of a text has no capital to start one).
#: A run: from a capital (a pattern that starts with a class of characters is searched fast)
#: through more names and connectors.
_RUN = rf"[A-Z{{upper}}][\w{_APOS}{_HYPH}]*(?:[ \u00a0]+(?:{_NAME}|{_CONNECTOR}))*"
_WORD_CHAR = frozenset(f"{APOSTROPHES}{HYPHENS}")
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")


@functools.lru_cache(maxsize=64)
def _run_re(upper: str) -> re.Pattern[str]:
    """The pattern of a run, for the non-ASCII capitals ``upper`` a text has (a class of the
    capitals present searches faster than any class of all of Unicode's)."""
    return re.compile(_RUN.format(upper=re.escape(upper)))


#: Each cache of surfaces holds at most this many before it is emptied.
_CACHE_SIZE = 100_000
_SPLIT_RE = re.compile(rf"[\s{_HYPH}]+")


class KeyedTerm(NamedTuple):
    """An English term of the glossary with its transliteration key."""

    key: str
    concept: Concept
    term: Term


def keyed_terms(glossary: Glossary) -> list[KeyedTerm]:
    """The key of every English term that is not ``exact``, in glossary order."""
    return [
        KeyedTerm(translit_key(t.text), c, t)
        for c, t in glossary.terms()
        if t.lang == "en" and not t.exact
    ]


class Target(NamedTuple):
    """What a key points to: its concept, the first listed term with that key, and whether
    any term with that key is ambiguous (applied only with evidence)."""

    concept: Concept
    term: Term
    ambiguous: bool


def unique_keys(keyed: Iterable[KeyedTerm], min_key: int = MIN_KEY) -> dict[str, Target]:
    """The keys of at least ``min_key`` letters that belong to exactly one concept."""
    found: dict[str, Target] = {}
    shared: set[str] = set()
    for key, concept, term in keyed:
        if len(key) < min_key or key in shared:
            continue
        first = found.get(key)
        if first is None:
            found[key] = Target(concept, term, term.ambiguous)
        elif first.concept.id != concept.id:
            shared.add(key)
            del found[key]
        elif term.ambiguous and not first.ambiguous:
            found[key] = first._replace(ambiguous=True)
    return found


@dataclass(frozen=True, slots=True)
class UnlistedMatch:
    """A proposed unlisted spelling ``text[start:end]`` of concept ``concept_id``: its key,
    the listed ``term`` with the same key, and whether a term with that key is ambiguous."""

    start: int
    end: int
    concept_id: str
    key: str
    term: str
    ambiguous: bool


def candidate_spans(text: str) -> Iterator[list[tuple[int, int]]]:
    """Runs of words in ``text`` that could be a name, as the ``(start, end)`` of each word.

    A run is made of *name words* (a word that starts with a capital and is not all
    capitals like an acronym, or an article joined by a hyphen to one: ``al-Bab``), with
    the lower-case articles and ``bin``/``ibn`` allowed between them, separated by spaces
    only (no line break or punctuation). A possessive ``'s`` ends a run and is left out."""
    run: list[tuple[int, int]] = []
    for m in _TOKEN_RE.finditer(text):
        s, e = m.span()
        possessive = _POSSESSIVE_RE.search(m.group())
        if possessive:
            e -= len(possessive.group())
        if run and _GAP_RE.fullmatch(text, run[-1][1], s) is None:
            yield run
            run = []
        if _is_name_word(text[s:e]) or (run and text[s:e] in _CONNECTORS):
            run.append((s, e))
            if possessive:
                yield run
                run = []
        elif run:
            yield run
            run = []
    if run:
        yield run


def _is_name_word(word: str) -> bool:
    """A capitalised word that is not an acronym, or an article hyphenated to one."""
    if word[:1].isupper():
        return not (len(word) > 1 and word.isupper())
    article = _ARTICLE_PREFIX_RE.match(word)
    return article is not None and word[article.end() :][:1].isupper()


def reference_reason(surface: str, home: str = "Syria") -> str:
    """Why the reference data knows ``surface`` as something other than a name in ``home``
    (an English country name), or ``""`` (see the module docstring)."""
    words = [w for w in _SPLIT_RE.split(surface) if w]
    if not words:
        return "no words"
    # the articles and "bin" are not English words here (al-Bab is not "al" + "Bab")
    content = [w for w in words if w.lower() not in _CONNECTORS] or words
    freq = [zipf(w, "en") for w in content]
    if all(f >= ORDINARY_WORD for f in freq):
        what = "an English word" if len(content) == 1 else "a phrase of English words"
        return f"{what} (Zipf {min(freq):.1f})"
    first, last = common_name(words[0]), common_name(words[-1])
    if len(words) == 1 and first is not None and first != (None, None):
        given, surname = first
        return f"a common given name (rank {given})" if given else f"a common surname ({surname})"
    if len(words) > 1 and first is not None and last is not None and first[0] and last[1]:
        return f"a common full name (given name rank {first[0]}, surname rank {last[1]})"
    world = places()
    if world is not None:
        own = world.country_code(home) or "SY"
        elsewhere = {k for k in world.city_countries(surface) if k != own}
        code = world.country_code(surface)
        if code is not None and code != own:
            elsewhere.add(code)
        if elsewhere:
            return f"a place in {', '.join(sorted(elsewhere)[:5])}"
    return ""


def _regions(text: str, alphabet: AbstractSet[str] | None = None) -> Iterator[tuple[int, int]]:
    """The parts of ``text`` where :func:`candidate_spans` can find runs: each match of the
    run pattern, from the start of the word it begins in (``al-Bab``, ``anti-SARS``: a word
    never starts inside a blob of word characters), overlapping ones merged. Reading only
    these gives the runs of the whole text."""
    if alphabet is None:
        alphabet = set(_NON_ASCII_RE.findall(text))
    upper = "".join(sorted(c for c in alphabet if not c.isascii() and c.isupper()))
    word = _WORD_CHAR
    last = (-1, -1)
    for m in _run_re(upper).finditer(text):
        start, end = m.span()
        while start > 0 and (
            text[start - 1] in word or text[start - 1].isalnum() or text[start - 1] == "_"
        ):
            start -= 1
        if start <= last[1] and last[1] >= 0:
            last = (last[0], end)
            continue
        if last[1] >= 0:
            yield last
        last = (start, end)
    if last[1] >= 0:
        yield last


def _given_name(word: str) -> bool:
    """Whether ``word`` is a common given name (False without names-dataset)."""
    ranks = common_name(word)
    return ranks is not None and ranks[0] is not None


class _Spans:
    """Spans, to ask in logarithmic time whether any overlaps a range (a text of thousands of
    mentions asks it for each proposal)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [s for s, _ in ordered]
        #: the largest end among the first k spans, for each k
        self.reach = list(itertools.accumulate((e for _, e in ordered), max))

    def overlaps(self, start: int, end: int) -> bool:
        """Whether some span ``(s, e)`` has ``s < end`` and ``start < e``."""
        k = bisect.bisect_left(self.starts, end)  # the spans with s < end
        return k > 0 and self.reach[k - 1] > start


class UnlistedIndex:
    """Transliteration key -> concept for one glossary (see the module docstring)."""

    def __init__(self, glossary: Glossary, keys: dict[str, Target]) -> None:
        self.glossary = glossary
        self.keys = keys
        #: the most words a proposal may have: those of the longest term, and room for an
        #: article written apart (``al Hamdaniya``) and a name split in two (``Abu Kamal``)
        self.max_words = 2 + max((len(t.term.text.split()) for t in keys.values()), default=0)
        self._listed = frozenset(normalise_term(t.text) for _, t in glossary.terms())
        self._by_id = {c.id: c for c in glossary.concepts}
        self._key_of: dict[str, str] = {}  # surface -> key: news repeats its names
        self._hits: dict[str, bool] = {}  # region -> whether any of its names has a key here

    @classmethod
    def from_glossary(cls, glossary: Glossary, min_key: int = MIN_KEY) -> UnlistedIndex:
        return cls(glossary, unique_keys(keyed_terms(glossary), min_key))

    def lookup(self, surface: str) -> Target | None:
        """The concept the key of ``surface`` points to, if any (listed or not)."""
        return self.keys.get(translit_key(surface))

    def listed(self, surface: str) -> bool:
        """Whether ``surface`` is a term of the glossary (after normalisation)."""
        return normalise_term(surface) in self._listed

    def home(self, concept: Concept) -> str:
        """The English name of the country ``concept`` is in (Syria unless it says)."""
        return home_country(concept, self._by_id)

    def find(
        self,
        text: str,
        known_spans: Iterable[tuple[int, int]] = (),
        reference: bool = True,
        alphabet: AbstractSet[str] | None = None,
    ) -> list[UnlistedMatch]:
        """The unlisted spellings of glossary names in ``text``, left to right, longest first,
        without overlaps. ``known_spans``: the ``(start, end)`` of the listed mentions (from
        the glossary's matcher); a proposal never overlaps one. ``reference=False`` skips
        :func:`reference_reason` (to measure what it stops). ``alphabet``: a superset of the
        non-ASCII characters of ``text``, if known."""
        known = _Spans(known_spans)
        if len(self._key_of) > _CACHE_SIZE:
            self._key_of.clear()
        if len(self._hits) > _CACHE_SIZE:
            self._hits.clear()
        keys = self._key_of
        out: list[UnlistedMatch] = []
        for base, stop in _regions(text, alphabet):
            region = text[base:stop]
            hit = self._hits.get(region)
            if hit is None:
                hit = self._hits[region] = self._any_key(region)
            if not hit:
                continue  # most regions: no name in them has a key of the glossary
            for sub in candidate_spans(region):
                run = [(s + base, e + base) for s, e in sub]
                i = 0
                while i < len(run):
                    got = self._longest(text, run, i, known, reference, keys)
                    if got is None:
                        i += 1
                        continue
                    out.append(got[0])
                    i = got[1] + 1
        return out

    def _any_key(self, region: str) -> bool:
        """Whether some word sequence of ``region`` that could be proposed has a key of the
        index and is not a listed term (what :meth:`_longest` looks at first)."""
        keys = self._key_of
        for run in candidate_spans(region):
            for i in range(len(run)):
                if not _is_name_word(region[run[i][0] : run[i][1]]):
                    continue
                for j in range(i, min(len(run), i + self.max_words)):
                    surface = region[run[i][0] : run[j][1]]
                    key = keys.get(surface)
                    if key is None:
                        key = keys[surface] = translit_key(surface)
                    if key in self.keys and not self.listed(surface):
                        return True
        return False

    def _longest(
        self,
        text: str,
        run: list[tuple[int, int]],
        i: int,
        known: _Spans,
        reference: bool,
        keys: dict[str, str],
    ) -> tuple[UnlistedMatch, int] | None:
        """The longest proposal starting at word ``i`` of ``run``, and its last word."""
        start = run[i][0]
        if not _is_name_word(text[start : run[i][1]]):
            return None
        for j in range(min(len(run), i + self.max_words) - 1, i - 1, -1):
            end = run[j][1]
            surface = text[start:end]
            if not _is_name_word(text[run[j][0] : end]):
                continue
            key = keys.get(surface)
            if key is None:
                key = keys[surface] = translit_key(surface)
            target = self.keys.get(key)
            if target is None or self.listed(surface):
                continue
            if known.overlaps(start, end):
                continue
            if reference and i > 0 and _given_name(text[run[i - 1][0] : run[i - 1][1]]):
                return None  # after a given name: a surname (Simon Haeder is not Hadar)
            if reference and reference_reason(surface, self.home(target.concept)):
                continue
            match = UnlistedMatch(
                start, end, target.concept.id, key, target.term.text, target.ambiguous
            )
            return match, j
        return None
