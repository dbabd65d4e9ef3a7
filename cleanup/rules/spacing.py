"""SP: spacing around punctuation, brackets and quotation marks."""

from __future__ import annotations

import bisect
import re

from ..edits import Change
from ..quotes import analyse_line, iter_quote_lines, next_opens_quote
from .base import Context, Rule, regex_changes

__all__ = [
    "MissingSpaceAfterPunctuation",
    "MultipleSpaces",
    "SpaceAfterOpeningBracket",
    "SpaceBeforePunctuation",
    "SpaceInsideQuotes",
    "TrailingWhitespace",
]

# Spans no spacing rule may touch: URLs, e-mail addresses and domain-like tokens.
_PROTECTED_RE = re.compile(
    r"(?:https?://|ftp://|www\.)[^\s<>\"]+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|int|info|io|sy|tr|ru|uk|us)\b(?:/[^\s]*)?",
    re.IGNORECASE,
)


def _unprotected(text: str, changes: list[Change]) -> list[Change]:
    """Drop changes that fall inside a URL, an e-mail address or a domain name."""
    if not changes:
        return changes
    spans = [(m.start(), m.end()) for m in _PROTECTED_RE.finditer(text)]
    if not spans:
        return changes
    starts = [s for s, _ in spans]
    out: list[Change] = []
    for c in changes:
        k = max(bisect.bisect_right(starts, c.start) - 1, 0)
        hit = False
        for s, e in spans[k : k + 2]:
            if c.start == c.end:
                hit = hit or s < c.start < e
            else:
                hit = hit or (c.start < e and s < c.end)
        if not hit:
            out.append(c)
    return out


class TrailingWhitespace(Rule):
    """Remove spaces and tabs at the end of a line.

    **What it does**
    Deletes spaces and tabs before a line break and at the end of the text.

    **Why is this bad**
    Invisible, but it makes equal lines compare unequal and pollutes diffs and alignments.

    **Example**
    ``The army responds␣␣`` -> ``The army responds``

    **Use instead**
    Lines that end with their last visible character.
    """

    code = "SP06"
    name = "trailing-whitespace"
    group = "spacing"
    trigger = re.compile(r"[ \t]+(?=\r?\n|\Z)")

    def changes(self, text: str, ctx: Context) -> list[Change]:
        assert self.trigger is not None
        return regex_changes(self.trigger, text, self.code, "")


class MultipleSpaces(Rule):
    """Collapse runs of spaces inside a line into one space.

    **What it does**
    Replaces two or more spaces between visible characters with one space. Indentation at the
    start of a line is left as it is.

    **Why is this bad**
    Double spaces come from deleted tokens and careless joins; they change token offsets and
    make equal sentences compare unequal.

    **Example**
    ``the  Syrian   Observatory`` -> ``the Syrian Observatory``

    **Use instead**
    Single spaces between words.
    """

    code = "SP05"
    name = "multiple-spaces"
    group = "spacing"
    trigger = re.compile(r"(?<=[^ \t\n]) {2,}(?=[^ \t\r\n])")

    def changes(self, text: str, ctx: Context) -> list[Change]:
        assert self.trigger is not None
        return regex_changes(self.trigger, text, self.code, " ")


class SpaceBeforePunctuation(Rule):
    """Remove space before closing punctuation.

    **What it does**
    Deletes spaces and tabs between a word and a following ``, . ; : ! ? ) ]``. A space before
    an ellipsis (``...``) or before a decimal point (``.5``) is kept, as is anything inside a URL
    or an e-mail address.

    **Why is this bad**
    MT tokenisers detokenise badly (``Aleppo , Idlib``); sentence splitters and number parsers
    then go wrong.

    **Example**
    ``in Aleppo , Idlib and Hama .`` -> ``in Aleppo, Idlib and Hama.``

    **Use instead**
    Punctuation attached to the word before it.
    """

    code = "SP01"
    name = "space-before-punctuation"
    group = "spacing"
    trigger = re.compile(r"(?<=\S)[ \t]+(?=[,;:!?)\]]|\.(?![.\d]))")

    def changes(self, text: str, ctx: Context) -> list[Change]:
        assert self.trigger is not None
        return _unprotected(text, regex_changes(self.trigger, text, self.code, ""))


class SpaceAfterOpeningBracket(Rule):
    """Remove space after an opening bracket.

    **What it does**
    Deletes spaces and tabs after ``(`` and ``[`` when text follows.

    **Why is this bad**
    ``( formerly the al-Nusra Front )`` is detokenisation debris; it changes offsets and
    looks broken to readers.

    **Example**
    ``( formerly the Nusra Front)`` -> ``(formerly the Nusra Front)``

    **Use instead**
    Brackets attached to what they enclose.
    """

    code = "SP02"
    name = "space-after-opening-bracket"
    group = "spacing"
    trigger = re.compile(r"(?<=[(\[])[ \t]+(?=\S)")

    def changes(self, text: str, ctx: Context) -> list[Change]:
        assert self.trigger is not None
        return regex_changes(self.trigger, text, self.code, "")


class SpaceInsideQuotes(Rule):
    """Remove space just inside a pair of quotation marks.

    **What it does**
    For double quotation marks that pair up in a paragraph, deletes spaces after the opening
    mark and before the closing mark.

    **Why is this bad**
    ``" took control "`` breaks quote extraction, which expects the quoted text to start
    and end at the marks, and looks like two stray marks to a reader.

    **Example**
    ``said " the factions advanced "`` -> ``said "the factions advanced"``

    **Use instead**
    Quotation marks attached to the quoted text.
    """

    code = "SP03"
    name = "space-inside-quotes"
    group = "spacing"
    trigger = re.compile(r"[\"\u201c\u201d\u201e\u00ab\u00bb][ \t]|[ \t][\"\u201c\u201d\u00ab\u00bb]")

    def changes(self, text: str, ctx: Context) -> list[Change]:
        out: list[Change] = []
        for start, end in iter_quote_lines(text):
            continued = next_opens_quote(text, end, ctx.next_opens_quote)
            marks = analyse_line(text, start, end, continued)
            for k, q in enumerate(marks):
                if q.partner < 0:
                    continue
                if q.partner > k:  # opening mark: spaces after it
                    j = q.pos + 1
                    while j < end and text[j] in " \t":
                        j += 1
                    if j > q.pos + 1 and j < marks[q.partner].pos:
                        out.append(Change(q.pos + 1, j, "", self.code))
                else:  # closing mark: spaces before it
                    j = q.pos
                    while j > start and text[j - 1] in " \t":
                        j -= 1
                    if j < q.pos and j > marks[q.partner].pos + 1:
                        out.append(Change(j, q.pos, "", self.code))
        return out


class MissingSpaceAfterPunctuation(Rule):
    """Add a space after ``, ; : ! ?`` when a letter follows.

    **What it does**
    Inserts one space between ``, ; : ! ?`` and a directly following letter. Numbers
    (``14,000``, ``10:30``), URLs and e-mail addresses are never touched.

    **Why is this bad**
    ``Aleppo,Idlib`` is one token to most tokenisers, so neither name is found.

    **Example**
    ``in Aleppo,Idlib and Hama;the army`` -> ``in Aleppo, Idlib and Hama; the army``

    **Use instead**
    A space after the punctuation.
    """

    code = "SP04"
    name = "missing-space-after-punctuation"
    group = "spacing"
    trigger = re.compile(r"[,;:!?](?=[^\W\d_])")

    def changes(self, text: str, ctx: Context) -> list[Change]:
        assert self.trigger is not None
        changes = [
            Change(m.end(), m.end(), " ", self.code) for m in self.trigger.finditer(text)
        ]
        return _unprotected(text, changes)
