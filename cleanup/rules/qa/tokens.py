"""QA checks on tokens the MT system or its detokeniser left broken: SentencePiece byte-fallback
tokens, and times with a space around the colon."""

from __future__ import annotations

from ..bytes import byte_runs, decoded_spans
from ..spacing import spaced_times
from .base import Check, QAFinding, Segment

__all__ = ["BrokenTime", "ByteToken"]


_REACH = 40  # characters of the word looked at on each side of a run


def _word(text: str, start: int, end: int) -> str:
    """The whitespace-delimited stretch of ``text`` around ``[start, end)`` (at most
    ``_REACH`` characters on each side)."""
    s = start
    while s > max(0, start - _REACH) and not text[s - 1].isspace():
        s -= 1
    e = end
    while e < min(len(text), end + _REACH) and not text[e].isspace():
        e += 1
    return text[s:e]


class ByteToken(Check):
    """Report SentencePiece byte-fallback tokens left in the output.

    **What it does**
    Reports each run of adjacent ``<0xNN>`` tokens in the output, with the run as evidence
    and, in the message, the word it is in and what it decodes to: the characters, if the run
    is valid UTF-8 (``tarjama clean`` repairs it, ``BF01``), or that it is not (in whole or in
    part: nothing can repair it). An error.

    **Why is this bad**
    A reader sees ``Fern<0xC3><0xA1>ndez`` or ``30<0xC2><0xB0>C``; extraction finds neither the
    name nor the temperature, and the hex digits read as numbers.

    **Example**
    ``Fern<0xC3><0xA1>ndez scored twice`` -> BYT01 (``<0xC3><0xA1>``: ``á``)

    **Use instead**
    Decode the model's output with SentencePiece's decoder, or run ``tarjama clean``.
    """

    code = "BYT01"
    name = "byte-token"
    severity = "error"

    def check(self, seg: Segment) -> list[QAFinding]:
        if seg.degenerate:
            return []
        out: list[QAFinding] = []
        hyp = seg.hyp
        for start, end in byte_runs(hyp):
            decoded = decoded_spans(hyp, start, end)
            if decoded and decoded[0][:2] == (start, end):
                what = f"decode to {decoded[0][2]!r}: tarjama clean repairs them"
            elif decoded:
                chars = "".join(d[2] for d in decoded)
                what = f"are valid UTF-8 only in part ({chars!r}); the rest cannot be repaired"
            else:
                what = "are not valid UTF-8 text: nothing can repair them"
            word = _word(hyp, start, end)
            message = f"byte-fallback tokens in {word!r} {what}"
            out.append(self.finding(seg, message, hyp[start:end], start, end))
        return out


class BrokenTime(Check):
    """Report a time written with a space around its colon.

    **What it does**
    Reports each time that ``SP07`` of ``tarjama clean`` would repair: ``12: 00``, ``10 :30``,
    ``10 : 30`` where the words around make it a time (a.m./p.m., a time zone, ``at``,
    ``from``, ``until``...; see ``SP07``), with the time as evidence. Ratios, scores and
    references such as ``Chapter 3: 10`` are not reported.

    **Why is this bad**
    MT detokenisers split ``12:00 GMT`` into ``12: 00 GMT``; a reader stumbles and extraction
    reads two numbers.

    **Example**
    ``The curfew starts at 12: 00 GMT`` -> TIM01 (``12: 00``)

    **Use instead**
    ``12:00``, or run ``tarjama clean``.
    """

    code = "TIM01"
    name = "broken-time"

    def check(self, seg: Segment) -> list[QAFinding]:
        if seg.degenerate:
            return []
        return [
            self.finding(seg, f"time {seg.hyp[s:e]!r} should read {fixed!r}", seg.hyp[s:e], s, e)
            for s, e, fixed in spaced_times(seg.hyp)
        ]
