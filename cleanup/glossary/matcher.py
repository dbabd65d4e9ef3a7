"""Finding glossary names in text: whole-word, leftmost-longest, without overlaps.

Two Aho-Corasick automata (``ahocorasick_rs``) do the searching:

* one over the normalised text (see :mod:`.normalise`) holds every term not marked ``exact``,
  as ``" " + normalised form`` so that it can only match at a word start, plus variants with the
  article joined to the next word (``al-Sham`` also matches ``Alsham``);
* one over the raw text holds the ``exact`` terms (HTS, SDF, IS...), matched case-sensitively.

Each candidate is then checked on the original text: it must end at a word end (a possessive
``'s`` is allowed), must not start or end inside a word joined by an apostrophe (``Ma'arrat``),
must not start right after an article and hyphen (``al-`` + a shorter name), must not cross a
line break or punctuation, must contain a capital letter if the term does (``turkey`` is not
``Turkey``), and a term that starts with an English-looking article (``as-``, ``at-``, ``an-``...)
must have it hyphenated in the text; an apostrophe inside a term must be an apostrophe (or
another non-space separator) in the text (``Ezra'a`` is not ``Ezra a``). An ``exact`` term
does not match inside a run of words in capitals (``IT IS HEREBY ORDERED``), no term matches
right before a currency sign (``US$``), and an Arabic term does not match a word with tanwin
(names do not take it: the word is an ordinary noun). A rejected candidate is retried with the
shorter names and the later word starts it covered, so it never hides a real mention.

A term with a validity period (``valid_from``/``valid_until`` on its concept or on the term)
names its concept only on the days in it: a pattern with such a term is resolved on the day of
the document (``scan(..., day=)``, today when not given), among the candidates valid then, so
"Syrian army" in a 2023 report is the Syrian Arab Army and in a 2026 one the new army.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from operator import itemgetter
from typing import TypeVar

import ahocorasick_rs

from ..arabic import TANWIN_RE
from ..chars import APOSTROPHES, ARABIC_DIACRITIC, HYPHENS
from ..scan import text_alphabet
from .errors import Problem
from .model import Concept, Glossary, Term, valid_on_day
from .normalise import NormText, normalise_term, without_surrogates

__all__ = ["Entry", "Matcher", "Mention"]

#: Articles whose separator may also be dropped (``Alnusra``) and may be a space.
JOINABLE_ARTICLES = frozenset({"al", "el"})
#: Articles that are also English words or too short to trust with a space after them when they
#: open a term: ``as-Suwayda`` must not match "known as Suwayda".
RISKY_ARTICLES = frozenset(
    {
        "as",
        "at",
        "an",
        "ad",
        "ar",
        "az",
        "ash",
        "ath",
        "adh",
        "es",
        "ez",
        "ed",
        "er",
        "et",
        "en",
        "un",
        "us",
        "ud",
        "ul",
        "ir",
        "is",
        "it",
        "in",
        "on",
    }
)
_STATUS_RANK = {"preferred": 0, "admitted": 1, "deprecated": 2}
_ARTICLE_BEFORE_RE = re.compile(r"(?:^|[^\w])(?:[Aa]l|[Ee]l|[Aa][sdrztn]|[Aa](?:sh|th|dh))$")
# Inside a match only letters, digits, marks, apostrophes, spaces and hyphens may occur.
_BAD_INSIDE_RE = re.compile(
    f"[^\\w\\u0300-\\u036f{ARABIC_DIACRITIC} \\t\\u00a0{re.escape(APOSTROPHES + HYPHENS)}]"
)
_TOKEN_RE = re.compile(r"[^\W_]+", re.UNICODE)
#: Characters around a match that make its boundaries certainly right (the fast path).
_PLAIN_BEFORE = frozenset(' \n("[')
_PLAIN_AFTER = frozenset(' \n,.;:)"]!?')
_TAIL_RE = re.compile(r"[.)\]]+$")


@dataclass(frozen=True, slots=True)
class Entry:
    """What a pattern stands for: a term of a concept.

    ``rank`` orders entries competing for one pattern (lower wins): 0 preferred, 1 admitted,
    2 deprecated; +3 for a generated variant. ``tight`` holds the offsets in the pattern of
    separators that must not be whitespace in the text: an apostrophe inside a word
    (``Ezra'a`` is not ``Ezra a``) and the hyphen after an article that is also an English
    word (``as-Suwayda`` is not "as Suwayda").
    """

    concept: Concept
    term: Term
    rank: int
    tight: tuple[int, ...] = ()
    needs_upper: bool = False
    tail: str = ""  # punctuation the term ends with (``U.S.``), taken into the match if present
    punctuated: bool = False  # the term itself has punctuation inside (``U.S.-led``)
    #: no tight separator, no trailing punctuation, not exact: the fast path may accept it
    plain: bool = False
    multiword: bool = False
    # Facts of the term and concept that the glossary rules read for every mention, set here
    # once so that a mention touches one object (with 10,000 concepts, reading them from the
    # term and the concept costs more than the rest of the work on a mention):
    #: the term is ambiguous (``term.ambiguous``)
    unsure: bool = field(init=False, compare=False, repr=False)
    concept_id: str = field(init=False, compare=False, repr=False)
    #: an English deprecated term: its replacement; else None
    fix: str | None = field(init=False, compare=False, repr=False)
    #: an English term that is not deprecated: its text; else None
    listed: str | None = field(init=False, compare=False, repr=False)
    #: ``fix`` or ``listed`` has an apostrophe (which ``--quotes`` may restyle)
    apostrophe: bool = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        t = self.term
        english = t.lang == "en"
        fix = t.replacement if english and t.status == "deprecated" else None
        listed = t.text if english and t.status != "deprecated" else None
        facts = {
            "unsure": t.ambiguous,
            "concept_id": self.concept.id,
            "fix": fix,
            "listed": listed,
            "apostrophe": any(ch in APOSTROPHES for ch in (fix or "") + (listed or "")),
        }
        for name, value in facts.items():
            object.__setattr__(self, name, value)


@dataclass(frozen=True, slots=True)
class Mention:
    """A glossary name found in a text, in offsets of that text."""

    start: int
    end: int
    entry: Entry
    ambiguous: tuple[str, ...] = ()  # other concept ids the same surface form belongs to

    @property
    def concept(self) -> Concept:
        return self.entry.concept

    @property
    def term(self) -> Term:
        return self.entry.term


def _tight_offsets(text: str, core: str) -> set[int]:
    """The offsets in ``core`` (the normalised term) of the separators that may not be
    whitespace in a text: where the term writes an apostrophe without a space (``Ezra'a``),
    or a hyphen after a first word that is a risky article (``as-Suwayda``)."""
    nt = NormText(text)
    norm = nt.text
    lead = len(norm) - len(norm.lstrip(" "))
    first = core.split(" ", 1)[0]
    out: set[int] = set()
    j = norm.find(" ", lead)
    end = lead + len(core)
    while 0 <= j < end:
        k = j
        while k < len(norm) and norm[k] == " ":
            k += 1
        run = text[nt.start(j) : nt.start(k)]
        if not any(ch.isspace() for ch in run) and (
            any(ch in APOSTROPHES for ch in run)
            or (
                j - lead == len(first)
                and first in RISKY_ARTICLES
                and any(ch in HYPHENS for ch in run)
            )
        ):
            out.add(j - lead)
        j = norm.find(" ", k)
    return out


def _variants(term: Term) -> list[tuple[str, tuple[int, ...]]]:
    """The normalised forms a non-exact term is matched in: (key, tight offsets), the offsets
    in the key of the separators that must not be whitespace in the text (see :class:`Entry`).
    The key is ``" " + normalised term``; an article ``al``/``el`` may also be joined to the
    next word (``Alnusra``)."""
    core = normalise_term(term.text)
    if not core:
        return []
    tight = _tight_offsets(term.text, core)
    joinable: list[int] = []  # the offsets of the spaces right after an article
    pos = 0
    for token in core.split(" ")[:-1]:
        if token in JOINABLE_ARTICLES and core[pos + len(token) + 1 : pos + len(token) + 2] != " ":
            joinable.append(pos + len(token))
        pos += len(token) + 1
    out: list[tuple[str, tuple[int, ...]]] = []
    for mask in range(1 << len(joinable)):
        drop = {joinable[k] for k in range(len(joinable)) if mask >> k & 1}
        key = " " + "".join(ch for i, ch in enumerate(core) if i not in drop)
        shifted = tuple(
            sorted(1 + q - sum(1 for d in drop if d < q) for q in tight if q not in drop)
        )
        out.append((key, shifted))
    return out


class Matcher:
    """The compiled glossary: build once (or load from the cache), search many texts."""

    #: lint errors that the overlays bring (see :func:`~cleanup.glossary.cache.compiled`)
    overlay_problems: tuple[Problem, ...] = ()

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        table: dict[str, list[Entry]] = {}
        exact: dict[str, list[Entry]] = {}
        for c in glossary.concepts:
            for t in c.terms:
                rank = _STATUS_RANK[t.status]
                if t.exact:  # searched case-sensitively in the raw text
                    exact.setdefault(t.text, []).append(Entry(c, t, rank))
                    continue
                upper = any(ch.isupper() for ch in t.text)
                tail = _TAIL_RE.search(t.text)
                for i, (key, tight) in enumerate(_variants(t)):
                    r = rank if i == 0 else rank + 3
                    table.setdefault(key, []).append(
                        Entry(
                            c,
                            t,
                            r,
                            tight,
                            upper,
                            tail.group() if tail else "",
                            _BAD_INSIDE_RE.search(t.text) is not None,
                            not tight and not tail and t.lang == "en",
                            " " in key[1:],
                        )
                    )
        self.keys, self.entries, self.ambiguous, self.dated = _resolve(table)
        (
            self.exact_keys,
            self.exact_entries,
            self.exact_ambiguous,
            self.exact_dated,
        ) = _resolve(exact)
        self.max_key = max((len(k) for k in self.keys), default=0)
        self._compile()

    def _compile(self) -> None:
        self._index = {k: i for i, k in enumerate(self.keys)}
        self._ac = _automaton(self.keys)
        self._ac_exact = _automaton(self.exact_keys)

    def __getstate__(self) -> dict[str, object]:
        return {
            k: getattr(self, k)
            for k in (
                "glossary",
                "keys",
                "entries",
                "ambiguous",
                "exact_keys",
                "exact_entries",
                "exact_ambiguous",
                "dated",
                "exact_dated",
                "max_key",
                "overlay_problems",
            )
        }

    def __setstate__(self, state: dict[str, object]) -> None:
        for k, v in state.items():
            setattr(self, k, v)
        self._compile()

    # -- searching -------------------------------------------------------------------------

    def find(self, text: str, day: dt.date | None = None) -> list[Mention]:
        """Every glossary name in ``text``: sorted, non-overlapping, leftmost-longest; a dated
        term resolved on ``day`` (default: today)."""
        return [Mention(s, e, entry, amb) for s, e, entry, amb in self.scan(text, day=day)]

    def scan(
        self,
        text: str,
        alphabet: AbstractSet[str] | None = None,
        day: dt.date | None = None,
    ) -> list[tuple[int, int, Entry, tuple[str, ...]]]:
        """:meth:`find` as plain tuples ``(start, end, entry, ambiguous)`` (the fast path).

        ``alphabet``: a superset of the non-ASCII characters of ``text``, if known; ``day``:
        the document's date, for dated terms (default: today)."""
        found: list[tuple[int, int, Entry, tuple[str, ...]]] = []
        rejected = False
        n = len(text)
        dated = self.dated
        if (dated or self.exact_dated) and day is None:
            day = dt.date.today()
        if alphabet is None and not text.isascii():
            alphabet = text_alphabet(text)  # once, for both searches
        if self._ac is not None:
            nt = NormText(text, alphabet)
            entries = self.entries
            amb = self.ambiguous
            nst, ost = nt._nstarts, nt._ostarts
            k = 0
            last = len(nst) - 1 if nst is not None else 0
            before, after, bad_inside = _PLAIN_BEFORE, _PLAIN_AFTER, _BAD_INSIDE_RE.search
            append = found.append
            for pid, ns, ne in self._ac.find_matches_as_indexes(nt.text):
                entry = entries[pid]
                others = amb[pid]
                if dated and pid in dated:
                    assert day is not None
                    picked = _on_day(dated[pid], day)
                    if picked is None:
                        continue  # no concept has this name on that day
                    entry, others = picked
                if nst is None:
                    s, e = ns, ne - 1
                else:  # matches come in order: walk the pieces instead of bisecting
                    i = ns + 1
                    while k < last and nst[k + 1] <= i:
                        k += 1
                    s = ost[k] + i - nst[k]
                    j, k2 = ne - 1, k
                    while k2 < last and nst[k2 + 1] <= j:
                        k2 += 1
                    e = ost[k2] + j - nst[k2] + 1
                    if nt._arabic:
                        e = nt.end(ne)
                if (
                    entry.plain  # the fast path (a plain term has no tail)
                    and (s == 0 or text[s - 1] in before)
                    and (e == n or text[e] in after)
                    # (a capital first is the common case, and settles it)
                    and not (entry.needs_upper and not text[s].isupper() and text[s:e].islower())
                    and not (entry.multiword and bad_inside(text, s, e))
                ):
                    append((s, e, entry, others))
                elif _accept(text, s, e, entry, nt, ns):
                    if entry.tail and text.startswith(entry.tail, e):
                        e += len(entry.tail)
                    append((s, e, entry, others))
                else:
                    rejected = True
                    found.extend(self._retry(text, nt, ns, ne, day))
        if self._ac_exact is not None:
            n0 = len(found)
            for pid, s, e in self._ac_exact.find_matches_as_indexes(
                without_surrogates(text, alphabet)
            ):
                if _boundaries(text, s, e) and not _in_capitals(text, s, e):
                    got = (self.exact_entries[pid], self.exact_ambiguous[pid])
                    if self.exact_dated and pid in self.exact_dated:
                        assert day is not None
                        picked = _on_day(self.exact_dated[pid], day)
                        if picked is None:
                            continue
                        got = picked
                    found.append((s, e, *got))
            if len(found) > n0:
                rejected = True  # the two streams need merging
        if rejected:
            found = _select(found)
        return found

    def _retry(
        self, text: str, nt: NormText, ns: int, ne: int, day: dt.date | None
    ) -> Iterable[tuple[int, int, Entry, tuple[str, ...]]]:
        """Valid mentions starting at the word starts in ``[ns, ne)`` of the normalised text."""
        norm = nt.text
        out: list[tuple[int, int, Entry, tuple[str, ...]]] = []
        w = ns
        while 0 <= w < ne:
            p = norm.find(" ", w + 1)
            limit = min(len(norm), w + self.max_key)
            while True:
                end = len(norm) if p < 0 else p
                if end > limit:
                    break
                if end > w + 1:
                    pid = self._index.get(norm[w:end])
                    if pid is not None:
                        s, e = nt.start(w + 1), nt.end(end)
                        entry, others = self.entries[pid], self.ambiguous[pid]
                        if day is not None and pid in self.dated:
                            picked = _on_day(self.dated[pid], day)
                            if picked is None:
                                pid = None
                            else:
                                entry, others = picked
                        if pid is not None and _accept(text, s, e, entry, nt, w):
                            if entry.tail and text.startswith(entry.tail, e):
                                e += len(entry.tail)
                            out.append((s, e, entry, others))
                if p < 0:
                    break
                p = norm.find(" ", p + 1)
            w = norm.find(" ", w + 1)
        return out


#: Above this many patterns a DFA's tables outgrow the processor's caches and the contiguous
#: NFA searches faster (``scripts/bench_glossary.py``: 8 against 11 ms/MB at 56,000 patterns,
#: 6.6 against 7.8 at 17,000, about the same at 5,700); below it the DFA is faster (the
#: shipped glossary's 4,500 patterns: 4.3 against 5.0 ms/MB on corpus (a)).
DFA_MAX_PATTERNS = 5000


def _automaton(keys: list[str]) -> ahocorasick_rs.AhoCorasick | None:
    """The leftmost-longest automaton over ``keys`` (None for none)."""
    if not keys:
        return None
    kind = ahocorasick_rs.Implementation
    return ahocorasick_rs.AhoCorasick(
        keys,
        matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
        implementation=kind.DFA if len(keys) <= DFA_MAX_PATTERNS else kind.ContiguousNFA,
    )


def _best(cands: list[Entry]) -> tuple[Entry, tuple[str, ...]]:
    """The best-ranked of ``cands`` (sorted by rank), and the other concepts at its rank."""
    best = cands[0]
    others = tuple(
        dict.fromkeys(
            c.concept.id for c in cands if c.rank == best.rank and c.concept.id != best.concept.id
        )
    )
    return best, others


def _on_day(cands: tuple[Entry, ...], day: dt.date) -> tuple[Entry, tuple[str, ...]] | None:
    """The entry a dated pattern stands for on ``day`` (see :func:`valid_on_day`), or None."""
    keep = valid_on_day([(c.concept, c.term) for c in cands], day)
    return _best([cands[i] for i in keep]) if keep else None


def _resolve(
    table: dict[str, list[Entry]],
) -> tuple[list[str], list[Entry], list[tuple[str, ...]], dict[int, tuple[Entry, ...]]]:
    """One entry per pattern: the best-ranked; other concepts at the same rank are ambiguous.
    A pattern with a dated candidate (a validity period on its concept or term) also keeps
    all its candidates, by rank, to be resolved on the document's day."""
    keys: list[str] = []
    entries: list[Entry] = []
    ambiguous: list[tuple[str, ...]] = []
    dated: dict[int, tuple[Entry, ...]] = {}
    for key, cands in table.items():
        cands.sort(key=lambda x: x.rank)
        best, others = _best(cands)
        if any(c.concept.dated or c.term.dated for c in cands):
            dated[len(keys)] = tuple(cands)
        keys.append(key)
        entries.append(best)
        ambiguous.append(others)
    return keys, entries, ambiguous, dated


#: Written right after a name, these make it a currency (``US$``, ``A$``), not the name.
_CURRENCY = frozenset("$€£¥")


def _in_capitals(text: str, s: int, e: int) -> bool:
    """Whether ``text[s:e]`` is one word of a run of three or more words in capitals on its
    line (``IT IS HEREBY ORDERED``): there an ``exact`` form is an ordinary word."""
    count = 1
    i = s
    while count < 3:  # words before
        j = i - 1
        while j >= 0 and text[j] != "\n" and not text[j].isalnum():
            j -= 1
        k = j
        while k >= 0 and text[k].isalnum():
            k -= 1
        if k == j or not text[k + 1 : j + 1].isupper():
            break
        count += 1
        i = k + 1
    i = e
    n = len(text)
    while count < 3:  # words after
        j = i
        while j < n and text[j] != "\n" and not text[j].isalnum():
            j += 1
        k = j
        while k < n and text[k].isalnum():
            k += 1
        if k == j or not text[j:k].isupper():
            break
        count += 1
        i = k
    return count >= 3


def _boundaries(text: str, s: int, e: int) -> bool:
    """``text[s:e]`` is whole words: no letter or in-word apostrophe on either side, and no
    currency sign right after it."""
    if s > 0:
        c = text[s - 1]
        if c.isalnum() or c == "_":
            return False
        if c in APOSTROPHES and s > 1 and text[s - 2].isalpha():
            return False
        if c in HYPHENS and _ARTICLE_BEFORE_RE.search(text, max(0, s - 6), s - 1):
            return False
    n = len(text)
    if e < n:
        c = text[e]
        if c.isalnum() or c == "_" or c in _CURRENCY:
            return False
        # a possessive 's is fine; any other letter after an apostrophe makes one word (Hay'at)
        if (
            c in APOSTROPHES
            and e + 1 < n
            and text[e + 1].isalpha()
            and (text[e + 1] not in "sS" or (e + 2 < n and text[e + 2].isalnum()))
        ):
            return False
    return True


def _accept(text: str, s: int, e: int, entry: Entry, nt: NormText, ns: int) -> bool:
    if entry.term.exact and text[s:e] != entry.term.text:
        return False
    if not _boundaries(text, s, e):
        return False
    if "\n" in text[s:e] if entry.punctuated else _BAD_INSIDE_RE.search(text, s, e) is not None:
        return False
    if entry.needs_upper and text[s:e].islower():
        return False
    if entry.term.lang == "ar" and TANWIN_RE.search(text, s, e):
        return False  # names do not take tanwin: the word is an ordinary noun
    return not any(text[nt.start(ns + p)].isspace() for p in entry.tight)


_T = TypeVar("_T", bound=tuple[int, int, Entry, tuple[str, ...]])


def _select(found: list[_T]) -> list[_T]:
    """Leftmost-longest, non-overlapping: of the mentions with one start, the first longest."""
    found.sort(key=itemgetter(0))  # stable, and faster than a key in Python
    out: list[_T] = []
    pos = -1
    for m in found:
        if m[0] >= pos:
            out.append(m)
            pos = m[1]
        elif m[0] == out[-1][0] and m[1] > pos:  # a longer one at the same start
            out[-1] = m
            pos = m[1]
    return out
