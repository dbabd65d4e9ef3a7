"""QA checks on marks: quotation marks, brackets, doubled words."""

from __future__ import annotations

import re

from ...quotes import DOUBLE_RE, analyse_line
from .base import Check, QAFinding, Segment

__all__ = ["DoubledWord", "UnbalancedBracket", "UnpairedQuote"]

_PAIRS = (("(", ")"), ("[", "]"), ("{", "}"))
_DOUBLED = re.compile(r"\b([^\W\d_]+)\s+(\1)\b", re.IGNORECASE)
_DOUBLE_OK = frozenset({"had", "that", "bye", "no", "yeah", "very", "so", "ha", "far", "tut"})


def _unmatched_quotes(text: str) -> list[int]:
    """Offsets of the double quotation marks of ``text`` that cannot be paired (read as one
    paragraph, as ``QT03`` of ``tarjama clean`` reads it)."""
    if DOUBLE_RE.search(text) is None:
        return []
    marks = analyse_line(text, 0, len(text), False)
    return [marks.pos[k] for k in range(len(marks)) if marks.unmatched(k)]


def _context(text: str, pos: int, width: int = 30) -> str:
    return text[max(0, pos - width) : pos + width]


class UnpairedQuote(Check):
    """Report a quotation mark in the output that cannot be paired, when the source's pair up.

    **What it does**
    Pairs the output's double quotation marks as ``QT03`` of ``tarjama clean`` does, and
    reports the last one that cannot be paired, unless the source has an unpaired one too (a
    quotation that runs over several segments).

    **Why is this bad**
    A dangling quotation mark makes the rest of the text look quoted, so extraction attributes
    it to a speaker; in MT output it usually means the system dropped the quotation's end.

    **Example**
    ``He said that "the factions advanced in the area`` -> QUO01

    **Use instead**
    Quotations that open and close.
    """

    code = "QUO01"
    name = "unpaired-quote"

    def check(self, seg: Segment) -> list[QAFinding]:
        if seg.degenerate:
            return []
        bad = _unmatched_quotes(seg.hyp)
        if not bad or _unmatched_quotes(seg.src):
            return []
        pos = bad[-1]
        mark = seg.hyp[pos]
        message = f"unpaired {mark} (the source's quotes pair up)"
        return [self.finding(seg, message, _context(seg.hyp, pos), pos, pos + 1)]


def _bracket_problem(text: str) -> tuple[str, int] | None:
    """The first unmatched bracket and its offset, if any."""
    for open_, close in _PAIRS:
        if open_ not in text and close not in text:
            continue
        depth = 0
        first_open = -1
        for i, ch in enumerate(text):
            if ch == open_:
                if depth == 0:
                    first_open = i
                depth += 1
            elif ch == close:
                if depth == 0:
                    return close, i
                depth -= 1
        if depth:
            return open_, first_open
    return None


class UnbalancedBracket(Check):
    """Report a bracket in the output without its partner, when the source's balance.

    **What it does**
    Reports the first ``(``, ``[`` or ``{`` that is never closed, or closing bracket that was
    never opened, in an output whose source has balanced brackets.

    **Why is this bad**
    The system dropped half of a parenthesis; the reader cannot tell where the aside ends.

    **Example**
    source ``هيئة تحرير الشام (النصرة سابقا)``, output ``HTS (formerly Nusra`` -> BRK01

    **Use instead**
    Brackets in pairs.
    """

    code = "BRK01"
    name = "unbalanced-bracket"

    def check(self, seg: Segment) -> list[QAFinding]:
        if seg.degenerate:
            return []
        problem = _bracket_problem(seg.hyp)
        if problem is None or not all(seg.src.count(o) == seg.src.count(c) for o, c in _PAIRS):
            return []
        ch, pos = problem
        message = f"unmatched {ch!r} (the source's brackets balance)"
        return [self.finding(seg, message, _context(seg.hyp, pos), pos, pos + 1)]


class DoubledWord(Check):
    """Report a word written twice in a row.

    **What it does**
    Reports ``the the``, ``to to`` and the like, case aside. Names that double by nature
    (``Pago Pago``: both words capitalised) and words that English doubles (``had had``,
    ``that that``, ``very very``...) are not reported.

    **Why is this bad**
    A stutter of the decoder, and a sign the segment around it may be garbled too.

    **Example**
    ``The the factions said they entered`` -> DUP01

    **Use instead**
    The word once.
    """

    code = "DUP01"
    name = "doubled-word"

    def check(self, seg: Segment) -> list[QAFinding]:
        if seg.degenerate:
            return []
        out: list[QAFinding] = []
        for m in _DOUBLED.finditer(seg.hyp):
            first, second = m.group(1), m.group(2)
            if first[0].isupper() and second[0].isupper():
                continue  # a name: Pago Pago, Baden Baden
            if first.lower() not in _DOUBLE_OK:
                message = f"doubled word {first!r}"
                out.append(self.finding(seg, message, m.group(), m.start(), m.end()))
        return out


#: A phrase repeated right after itself is looked for up to this many words long.
_PHRASE_MAX = 8
_EDGE_PUNCT = ".,;:!?\"'()[]«»“”‘’"


class RepeatedPhrase(Check):
    """Report a phrase of two words or more written twice in a row.

    **What it does**
    Reports a run of 2 to 8 words followed at once by the same words again (case and
    punctuation at the words' edges aside), such as ``said on Tuesday said on Tuesday``. A
    phrase of numbers or one-letter words only is not reported, nor one repeated after a
    comma, semicolon or exclamation mark (``pump it out, pump it out``: said twice on
    purpose). DUP01 reports a single doubled word.

    **Why is this bad**
    A decoder that loops repeats a phrase it has just written; the segment is longer than its
    translation and reads as a stutter. LEN02 sees only repetitions long enough to change the
    length of the whole segment.

    **Example**
    ``The army said on Tuesday said on Tuesday that it had withdrawn`` -> DUP02

    **Use instead**
    The phrase once.
    """

    code = "DUP02"
    name = "repeated-phrase"

    def check(self, seg: Segment) -> list[QAFinding]:
        if seg.degenerate:
            return []
        tokens = [(m.start(), m.end()) for m in re.finditer(r"\S+", seg.hyp)]
        words = [seg.hyp[s:e].strip(_EDGE_PUNCT).lower() for s, e in tokens]
        out: list[QAFinding] = []
        i = 0
        while i < len(words):
            found = 0
            for n in range(min(_PHRASE_MAX, (len(words) - i) // 2), 1, -1):
                if (
                    words[i : i + n] == words[i + n : i + 2 * n]
                    and _content(words[i : i + n])
                    and seg.hyp[tokens[i + n - 1][1] - 1] not in ",;!"
                ):
                    found = n
                    break
            if not found:
                i += 1
                continue
            start, end = tokens[i][0], tokens[i + 2 * found - 1][1]
            phrase = seg.hyp[tokens[i][0] : tokens[i + found - 1][1]]
            message = f"the phrase {phrase!r} is written twice in a row"
            out.append(self.finding(seg, message, seg.hyp[start:end], start, end))
            i += 2 * found
        return out


def _content(words: list[str]) -> bool:
    """Whether a repeated phrase says something: a word of two letters or more."""
    return any(sum(ch.isalpha() for ch in w) >= 2 for w in words)
