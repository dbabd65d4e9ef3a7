"""QA check on omissions: the output has fewer sentences than the source, and its length says
one of them has no translation.

Sentences are split with the punctuation of each language (:func:`arabic_sentences`,
:func:`english_sentences`); the two lists are aligned by length as Gale and Church (1993) align
sentences: each *bead* pairs one, two or three source sentences with one output sentence (or one
with two), and costs the negative log-likelihood of the output's length given the source's
(characters; mean ``c * x``, variance ``a * x + b * x**2``, calibrated on human translations by
scripts/calibrate_qa_length.py) plus the bead's prior. The evidence for an omission is how much
better the output aligns with the source *without* one of its sentences than with all of them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence, Set
from dataclasses import dataclass
from decimal import Decimal

from ...chars import ARABIC_LETTER, ARABIC_MARKS, LATIN_LETTER
from ...english import ABBREVIATIONS, FUNCTION_WORDS
from .base import Check, QAFinding, Segment
from .numerals import Number, source_numbers

__all__ = [
    "BEAD_PRIORS",
    "MAX_SENTENCES",
    "NUMBER_EVIDENCE",
    "MissingSentence",
    "Omission",
    "arabic_sentences",
    "english_sentences",
    "find_omission",
    "omission_evidence",
]

_CLOSE = "\"'”’»›)\\]}"
_OPEN = "\"'“‘«‹(\\[{"
# A run of sentence-final marks, the quotes and brackets that close on it, space (or none: a
# space lost in ``Louis.The lockdown``), the quotes and brackets that open the next sentence,
# and the next sentence's first word.
_EN_END = re.compile(f"([.!?]+)[{_CLOSE}]*(\\s*)[{_OPEN}]*(\\w+)")
_AR_END = re.compile(f"([.!?؟]+)[{_CLOSE}]*(\\s*)[{_OPEN}]*(\\w+)")
# The word before a full stop (searched in the few characters before it: no abbreviation is
# longer, and a longer word does not match at all)
_WORD_BEFORE = re.compile(
    f"(?<![{LATIN_LETTER}{ARABIC_LETTER}{ARABIC_MARKS}.])"
    f"((?:[{LATIN_LETTER}]\\.)*[{LATIN_LETTER}]+|[{ARABIC_LETTER}{ARABIC_MARKS}]+)$"
)
_WINDOW = 16
_LATIN = re.compile(f"[{LATIN_LETTER}]")
_AR_MARKS = re.compile(f"[{ARABIC_MARKS}]")
# Latin letters as Arabic spells them in initials and abbreviations (دي. كي. آريا = D. K. Arya;
# ميرفي جيه. بول = Murphy J. Paul): a full stop after one does not end a sentence.
_AR_LETTER_NAMES = frozenset(
    "إيه ايه بي سي دي إي اي إف اف جي جيه إتش اتش آي كيه كي إل ال إم ام إن ان أو او يو "
    "في واي زد آر ار إس اس تي إكس اكس دبليو كيو".split()
)


def _abbreviation(word: str, arabic_text: bool) -> bool:
    """Whether a full stop after ``word`` belongs to it rather than ending the sentence."""
    if _LATIN.match(word):
        if "." in word or len(word) == 1:  # U.S. a.m. e.g.; an initial: George W. Bush
            return True
        return word.lower() in ABBREVIATIONS
    if not arabic_text:
        return False
    bare = _AR_MARKS.sub("", word)
    return len(bare) == 1 or bare in _AR_LETTER_NAMES  # د. م. ق.م; initials


def _after_abbreviation(text: str, dot: int, nxt: str, arabic: bool) -> bool:
    """Whether the full stop at ``dot`` ends an abbreviation and the sentence goes on: ``U.S.
    President`` does, ``in the U.S. The company`` does not (a capitalised function word)."""
    w = _WORD_BEFORE.search(text, max(0, dot - _WINDOW), dot)
    if w is None or not _abbreviation(w.group(1), arabic):
        return False
    return not (nxt[0].isupper() and len(nxt) > 1 and nxt.lower() in FUNCTION_WORDS)


def _lost_space(text: str, mark: int, marks: str, nxt: str, arabic: bool) -> bool:
    """Whether a mark with no space after it ends a sentence all the same: between two words
    of two letters or more (``Louis.The``, ``المتحدة.وقال``), not in ``3.5``, ``U.S`` or
    ``Node.js``."""
    before = text[max(0, mark - 2) : mark]
    if len(marks) != 1 or len(nxt) < 2 or len(before) < 2 or not before.isalpha():
        return False
    if arabic:
        return _LATIN.match(nxt) is None and nxt[:2].isalpha() and _LATIN.match(before) is None
    return before.islower() and nxt[0].isupper() and nxt[1].islower()


def _split(text: str, ends: re.Pattern[str], arabic: bool) -> list[str]:
    out: list[str] = []
    start = 0
    for m in ends.finditer(text):
        marks, space, nxt = m.groups()
        if marks.count(".") >= 2:  # an ellipsis: the sentence may go on
            continue
        first = nxt[0]
        if not (first.isupper() or first.isdigit() or (arabic and not first.islower())):
            continue  # English: a capital or a digit starts a sentence; Arabic has no case
        if not space and not _lost_space(text, m.start(1), marks, nxt, arabic):
            continue
        if marks == "." and _after_abbreviation(text, m.start(1), nxt, arabic):
            continue
        out.append(text[start : m.start(3)].strip())
        start = m.start(3)
    out.append(text[start:].strip())
    return [s for s in out if s]


def english_sentences(text: str) -> list[str]:
    """The sentences of an English text.

    ``. ! ?`` (and the quotes or brackets that close on them), space, then a word that starts
    with a capital or a digit end a sentence; not an ellipsis, and not a full stop after an
    abbreviation of :data:`cleanup.english.ABBREVIATIONS`, a single letter (``George W. Bush``,
    ``Roe v. Wade``) or a dotted abbreviation (``U.S.``, ``p.m.``), unless the next word is a
    capitalised function word (``in the U.S. The company``).
    """
    return _split(text, _EN_END, arabic=False)


def arabic_sentences(text: str) -> list[str]:
    """The sentences of an Arabic text.

    ``. ! ? ؟`` (and the quotes or brackets that close on them), space, then a word end a
    sentence; not an ellipsis, and not a full stop after a one-letter abbreviation (``د.``,
    ``م.``), a Latin letter as Arabic spells it in initials (``دي. كي. آريا``) or a Latin
    abbreviation. Digits of any script never split (``٣.٥``: no space). The Arabic semicolon
    ``؛`` joins clauses as the English one does (of the 29 human translations of NTREX and
    FLORES that have one, only 4 render an English text of more than one sentence), so it does
    not end one.
    """
    return _split(text, _AR_END, arabic=True)


#: Prior probabilities of the beads of an alignment (source sentences, output sentences), as
#: in Gale and Church (1993). There is no bead for a sentence without translation: the check
#: compares the best alignment of all the source sentences with the best of all but one.
BEAD_PRIORS: dict[tuple[int, int], float] = {(1, 1): 1.0, (2, 1): 0.05, (1, 2): 0.05, (3, 1): 0.005}
_PENALTY = {b: -math.log(p) for b, p in BEAD_PRIORS.items()}


class _Aligner:
    """Length-based alignment of source sentences with output sentences."""

    def __init__(self, src: Sequence[int], hyp: Sequence[int], model: Sequence[float]) -> None:
        self.src, self.hyp = list(src), list(hyp)
        self.c, self.a, self.b = model

    def cost(self, xs: Sequence[int], ys: Sequence[int]) -> float:
        """Negative log-likelihood of a bead (up to a constant), with its prior."""
        x = sum(xs) + len(xs) - 1
        y = sum(ys) + len(ys) - 1
        var = self.a * x + self.b * x * x
        if var <= 0:
            return math.inf
        d = y - self.c * x
        return d * d / (2 * var) + 0.5 * math.log(var) + _PENALTY[(len(xs), len(ys))]

    def forward(self) -> list[list[float]]:
        """f[i][j]: the best cost of aligning src[:i] with hyp[:j]."""
        n, m = len(self.src), len(self.hyp)
        f = [[math.inf] * (m + 1) for _ in range(n + 1)]
        f[0][0] = 0.0
        for i in range(n + 1):
            for j in range(m + 1):
                for di, dj in _PENALTY:
                    if i >= di and j >= dj and f[i - di][j - dj] < math.inf:
                        c = f[i - di][j - dj] + self.cost(
                            self.src[i - di : i], self.hyp[j - dj : j]
                        )
                        if c < f[i][j]:
                            f[i][j] = c
        return f

    def backward(self) -> list[list[float]]:
        """g[i][j]: the best cost of aligning src[i:] with hyp[j:]."""
        n, m = len(self.src), len(self.hyp)
        g = [[math.inf] * (m + 1) for _ in range(n + 1)]
        g[n][m] = 0.0
        for i in range(n, -1, -1):
            for j in range(m, -1, -1):
                for di, dj in _PENALTY:
                    if i + di <= n and j + dj <= m and g[i + di][j + dj] < math.inf:
                        c = g[i + di][j + dj] + self.cost(
                            self.src[i : i + di], self.hyp[j : j + dj]
                        )
                        if c < g[i][j]:
                            g[i][j] = c
        return g

    def without_each(self) -> tuple[float, list[float]]:
        """The cost of the best alignment of all source sentences, and of all but the k-th for
        every k (beads may join the sentences on either side of the one left out)."""
        n, m = len(self.src), len(self.hyp)
        f, g = self.forward(), self.backward()
        out = []
        for k in range(n):
            best = min(f[k][j] + g[k + 1][j] for j in range(m + 1))
            # a bead of two or three source sentences around k, with one output sentence
            for before, after in ((1, 1), (2, 1), (1, 2)):
                lo, hi = k - before, k + 1 + after
                if lo < 0 or hi > n:
                    continue
                xs = self.src[lo:k] + self.src[k + 1 : hi]
                for j in range(m):
                    c = f[lo][j] + self.cost(xs, self.hyp[j : j + 1]) + g[hi][j + 1]
                    if c < best:
                        best = c
            out.append(best)
        return f[n][m], out


#: Segments of more sentences are not aligned (the alignment takes time in their square).
MAX_SENTENCES = 64

#: Log-likelihood added to "the k-th sentence is missing" when none of the numbers of that
#: source sentence is in the output, and taken away when all of them are.
NUMBER_EVIDENCE = 1.5


def omission_evidence(
    src: Sequence[str],
    hyp: Sequence[str],
    model: Sequence[float],
    hyp_values: Set[Decimal] | None = None,
) -> list[tuple[float, int]]:
    """For each source sentence k, the log-likelihood ratio of "the output translates every
    source sentence but the k-th" against "it translates them all", best first:
    ``[(llr, k), ...]``. With ``hyp_values`` (the values of the numbers of the output), a
    sentence whose numbers are all missing from the output is likelier to be the lost one
    (:data:`NUMBER_EVIDENCE`), one whose numbers are all there less likely."""
    aligner = _Aligner([len(s) for s in src], [len(s) for s in hyp], model)
    full, each = aligner.without_each()
    ranked = []
    for k, cost in enumerate(each):
        # no evidence when even the full alignment is impossible (more than three source
        # sentences per output sentence: an output without punctuation)
        llr = full - cost if full < math.inf and cost < math.inf else -math.inf
        if hyp_values is not None and llr > -math.inf:
            numbers = source_numbers(src[k])
            if numbers:
                missing = sum(not (n.values & hyp_values) for n in numbers)
                if missing == len(numbers):
                    llr += NUMBER_EVIDENCE
                elif missing == 0:
                    llr -= NUMBER_EVIDENCE
        ranked.append((llr, k))
    return sorted(ranked, key=lambda t: (-t[0], t[1]))


@dataclass(frozen=True)
class Omission:
    """What OMI01 found: the sentences of both sides and the evidence per source sentence."""

    src: list[str]
    hyp: list[str]
    ranked: list[tuple[float, int]]  # (log-likelihood ratio, source sentence), best first

    @property
    def llr(self) -> float:
        return self.ranked[0][0]

    def position(self, margin: float) -> int | None:
        """The lost source sentence (0-based), if it beats every other by more than
        ``margin``."""
        (best, k), rest = self.ranked[0], self.ranked[1:]
        return k if not rest or best - rest[0][0] > margin else None


def find_omission(
    src: str,
    hyp: str,
    model: Sequence[float],
    hyp_numbers: Callable[[], Iterable[Number]] | None = None,
) -> Omission | None:
    """The evidence for a lost sentence in ``hyp`` (None when the output has as many sentences
    as the Arabic source, or the source has one, or more than :data:`MAX_SENTENCES`).
    ``hyp_numbers`` gives the output's numbers (asked only when there is evidence to weigh)."""
    src_sentences = arabic_sentences(src)
    if not 2 <= len(src_sentences) <= MAX_SENTENCES:
        return None
    hyp_sentences = english_sentences(hyp)
    if len(hyp_sentences) >= len(src_sentences):
        return None
    values = None
    if hyp_numbers is not None:
        values = frozenset().union(*(n.values for n in hyp_numbers()))
    ranked = omission_evidence(src_sentences, hyp_sentences, model, values)
    return Omission(src_sentences, hyp_sentences, ranked)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


class MissingSentence(Check):
    """Report an output with fewer sentences than its source, when its length says one is missing.

    **What it does**
    Splits the Arabic source and the English output into sentences (``. ! ? ؟``; not after an
    abbreviation or an initial: ``د.``, ``دي. كي.``, ``U.S.``, ``Gen.``; the Arabic semicolon
    joins clauses, as the English one does). When the output has fewer sentences, it aligns
    them by length (Gale-Church beads of one, two or three source sentences per output
    sentence, with a length model calibrated on human translations) and reports the segment
    when the output is far better explained as a translation of all the source sentences but
    one than of them all (log-likelihood ratio above a calibrated threshold); a source
    sentence whose numbers are all missing from the output weighs for it. When one sentence
    explains it far better than any other, the finding names it and quotes it as evidence.

    **Why is this bad**
    Neural MT drops whole sentences, and the rest reads fluently: nobody notices without the
    source. A length ratio alone misses a short sentence lost beside a long one.

    **Example**
    source ``أخذ المصورون لاحقاً مكان سيدة مسنة لأنها كانت بحاجة إلى الذهاب بلحمام. وأُطلق النار
    على مندوزا.``, output ``The photographers later took the place of an aged lady as she
    needed the lavatory.`` (FLORES-200 devtest) -> OMI01: 2 sentences in the source, 1 in the
    output: the 2nd of 2 source sentences seems to have no translation

    **Use instead**
    A translation of every sentence. Two source sentences may become one English sentence:
    that alone is not reported.
    """

    code = "OMI01"
    name = "missing-sentence"

    def check(self, seg: Segment) -> list[QAFinding]:
        if seg.degenerate:
            return []
        from .calibration import OMISSION_LLR, OMISSION_POSITION_MARGIN, SENTENCE_LENGTH

        found = find_omission(seg.src, seg.hyp, SENTENCE_LENGTH, lambda: seg.hyp_numbers)
        if found is None or found.llr <= OMISSION_LLR:
            return []
        n = len(found.src)
        message = f"{n} sentences in the source, {len(found.hyp)} in the output"
        k = found.position(OMISSION_POSITION_MARGIN)
        if k is None:
            return [self.finding(seg, message + ", and its length says one is missing")]
        message += f": the {_ordinal(k + 1)} of {n} source sentences seems to have no translation"
        return [self.finding(seg, message, found.src[k])]
