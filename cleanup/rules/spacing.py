"""SP: spacing around punctuation, brackets and quotation marks."""

from __future__ import annotations

import re

from ..chars import CLOSERS, DOUBLE_QUOTES, OPENERS
from ..edits import Change
from ..quotes import analyse_line, line_bounds, next_opens_quote, quote_positions
from .base import Context, LeadScanner, Rule, find_all

__all__ = [
    "MissingSpaceAfterPunctuation",
    "MultipleSpaces",
    "SpaceAfterOpeningBracket",
    "SpaceBeforePunctuation",
    "SpaceInsideQuotes",
    "TimeSpacing",
    "TrailingWhitespace",
    "spaced_times",
]

# Tokens no spacing rule may touch: URLs, e-mail addresses and domain names.
_PROTECTED_TOKEN_RE = re.compile(
    r"(?:https?://|ftp://|www\.)|[\w.+-]@[\w-]+\.|\.(?:com|org|net|gov|edu|int|info|io|sy)\b",
    re.IGNORECASE,
)
_SPACE = " \t\n"


_SPACE_RE = re.compile(r"[ \t\n]")


def _unprotected(text: str, changes: list[Change]) -> list[Change]:
    """Drop insertions that fall inside a URL, an e-mail address or a domain name.

    Deleting a space between tokens never changes a URL, so only insertions are checked. The
    changes are sorted, so each token (the run of non-space characters around a change) is
    found and judged once, however many changes fall inside it.
    """
    out: list[Change] = []
    token_end, protected = -1, False
    for c in changes:
        if c.start != c.end:
            out.append(c)
            continue
        if c.start >= token_end:
            lo = max(token_end, 0)  # the token starts after the last one judged
            s = max(lo, *(text.rfind(ch, lo, c.start) + 1 for ch in _SPACE))
            m = _SPACE_RE.search(text, c.start)
            token_end = m.start() if m else len(text)
            protected = _PROTECTED_TOKEN_RE.search(text, s, token_end) is not None
        if not protected:
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
    trigger = ()
    trigger_needles = (" \n", "\t\n", " \r\n", "\t\r\n")  # (the last line is always cleaned)

    def changes(self, text: str, ctx: Context) -> list[Change]:
        out: list[Change] = []
        for i in [*find_all(text, "\n"), len(text)]:
            e = i - 1 if i > 0 and text[i - 1] == "\r" else i  # before a CRLF
            s = e
            while s > 0 and text[s - 1] in " \t":
                s -= 1
            if s < e:
                out.append(Change(s, e, "", self.code))
        return out


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
    needles = ("  ",)

    def changes(self, text: str, ctx: Context) -> list[Change]:
        n = len(text)
        out: list[Change] = []
        done = -1
        for s in find_all(text, self.needles):
            if s < done:
                continue
            e = s + 2
            while e < n and text[e] == " ":
                e += 1
            done = e
            if s == 0 or text[s - 1] in "\t\n" or e == n or text[e] in "\t\r\n":
                continue  # indentation, or trailing (SP06)
            out.append(Change(s, e, " ", self.code))
        return out


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
    scanner = LeadScanner(" \t", r"[,;:!?)\].]")
    trigger = (r"[,;:!?)\].](?<=[ \t].)",)

    def changes(self, text: str, ctx: Context) -> list[Change]:
        out: list[Change] = []
        last = -1
        for i in self.scanner.starts(text):
            e = i + 1  # the punctuation mark
            if e <= last:
                continue
            s = i
            while s > 0 and text[s - 1] in " \t":
                s -= 1
            last = e
            if s == 0 or text[s - 1] == "\n":
                continue  # nothing before it on the line
            if text[e] == "." and (text[e : e + 3] == "..." or text[e + 1 : e + 2].isdigit()):
                continue  # an ellipsis or a decimal such as .5
            out.append(Change(s, e, "", self.code))
        return out


class SpaceAfterOpeningBracket(Rule):
    """Remove space after an opening bracket.

    **What it does**
    Deletes spaces and tabs after ``(`` and ``[`` when text follows.

    **Why is this bad**
    ``( formerly the Nusra Front )`` is detokenisation debris; it changes offsets and
    looks broken to readers.

    **Example**
    ``( formerly the Nusra Front)`` -> ``(formerly the Nusra Front)``

    **Use instead**
    Brackets attached to what they enclose.
    """

    code = "SP02"
    name = "space-after-opening-bracket"
    group = "spacing"
    trigger = (r"[(\[][ \t]",)

    def changes(self, text: str, ctx: Context) -> list[Change]:
        out: list[Change] = []
        n = len(text)
        for i in find_all(text, "(["):
            if i + 1 >= n or text[i + 1] not in " \t":
                continue
            e = i + 1
            while e < n and text[e] in " \t":
                e += 1
            if e < n and not text[e].isspace():
                out.append(Change(i + 1, e, "", self.code))
        return out


_OPENING_ONLY = "".join(c for c in OPENERS if c in DOUBLE_QUOTES)
_CLOSING_ONLY = "".join(c for c in CLOSERS if c in DOUBLE_QUOTES)
_EITHER = "".join(c for c in DOUBLE_QUOTES if c not in _OPENING_ONLY + _CLOSING_ONLY)
_AFTER_CLOSER = " \t\n.,;:!?)"
#: The lines where :func:`_space_inside` holds for some mark (SP03's trigger).
_SPACE_INSIDE = (
    f"[{_OPENING_ONLY}][ \t]",
    f"[{_CLOSING_ONLY}](?<=[ \t].)",
    f"[{_EITHER}](?<=[ \t].)(?:[ \t.,;:!?)]|$)",
    f"[{_EITHER}](?:(?<=^.)|(?<=[ \t].))[ \t]",
)


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
    trigger = _SPACE_INSIDE

    def changes(self, text: str, ctx: Context) -> list[Change]:
        out: list[Change] = []
        candidates = [i for i in quote_positions(text, ctx.alphabet) if _space_inside(text, i)]
        lines = list(line_bounds(text, candidates))
        for start, end in lines:
            continued = next_opens_quote(text, end, ctx.next_opens_quote)
            marks = analyse_line(text, start, end, continued)
            for k, pos in enumerate(marks.pos):
                partner = marks.partner[k]
                if partner < 0:
                    continue
                if partner > k:  # opening mark: spaces after it
                    j = pos + 1
                    while j < end and text[j] in " \t":
                        j += 1
                    if j > pos + 1 and j < marks.pos[partner]:
                        out.append(Change(pos + 1, j, "", self.code))
                else:  # closing mark: spaces before it
                    j = pos
                    while j > start and text[j - 1] in " \t":
                        j -= 1
                    if j < pos and j > marks.pos[partner] + 1:
                        out.append(Change(j, pos, "", self.code))
        return out


def _space_inside(text: str, i: int) -> bool:
    """Whether the quotation mark at ``i`` may have a space on its inner side."""
    c = text[i]
    prev = text[i - 1] if i > 0 else "\n"
    nxt = text[i + 1] if i + 1 < len(text) else "\n"
    if c in _OPENING_ONLY:
        return nxt in " \t"
    if c in _CLOSING_ONLY:
        return prev in " \t"
    return (prev in " \t" and nxt in _AFTER_CLOSER) or (nxt in " \t" and prev in " \t\n")


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
    scanner = LeadScanner(",;:!?", r"[^\W\d_]")
    trigger = (scanner.pattern,)

    def changes(self, text: str, ctx: Context) -> list[Change]:
        changes = [
            Change(i + 1, i + 1, " ", self.code)
            for i in self.scanner.starts(text)
            if not (text[i] == ":" and text[i + 1 : i + 3] == "//")
        ]
        return _unprotected(text, changes)


# A time: hours 0-23 (one or two digits) and two-digit minutes 00-59, with spaces or tabs on
# either side of the colon or none, not part of a longer number, a ratio of numbers with
# decimals, a map scale (``1 : 50 000``) or hours:minutes:seconds; ``am``/``pm`` may follow
# without a space (``10:00am``).
_CLOCK_RE = re.compile(
    r"(?<![\w.,:])(?:[01]?[0-9]|2[0-3])[ \t]*:[ \t]*[0-5][0-9]"
    r"(?:(?=(?i:[ap]\.?m)\b)|(?![\w:]|[.,][0-9]|[ \t]*[0-9]|[ \t]*:[ \t]*[0-9]))"
)
_ZONES = (
    "GMT UTC BST CET CEST EET EEST WET WEST MSK AST ADT EST EDT CST CDT MST MDT PST PDT HST "
    "IST JST KST AEST AEDT SAST EAT WAT CAT PKT GST IRST TRT HKT SGT PT ET"
).split()
# What says that the number before it is a time: a.m./p.m., a time zone, local time,
# o'clock, hours, noon, midnight, a part of the day, a weekday.
_TIME_AFTER_RE = re.compile(
    r"[ \t]*\(?(?:(?i:[ap]\.?m\b\.?)|(?:" + "|".join(_ZONES) + r")\b"
    r"|(?:(?i:local)|[A-Z][a-z]+(?: [A-Z][a-z]+)*) [Tt]ime\b"
    r"|(?i:o'clock\b|hours\b|hrs\b|noon\b|midnight\b"
    r"|(?:in the|this|at|on) (?:morning|afternoon|evening|night|dawn)\b|tonight\b"
    r"|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b))"
)
# A preposition of time just before the number (``at``, ``from``, ``until``...), with
# ``about``, ``around``... or ``the hour`` between them.
_TIME_BEFORE_RE = re.compile(
    r"(?i)(?<![\w'])(?:at|from|until|till|since|before|after|between|by)[ \t]+"
    r"(?:(?:about|around|approximately|roughly|exactly|precisely|nearly|almost|just|the|hour)"
    r"[ \t]+)*$"
)
# Words that make a number pair a score, a ratio or a reference to a text rather than a time;
# within _WINDOW characters before the number they overrule a preposition (not a word after).
_NOT_TIME_RE = re.compile(
    r"(?i)\b(?:scores?|scored|scoreline|results?|odds|ratios?|verses?|chapters?|psalms?|"
    r"articles?|won|wins?|lost|loses|beat|beats|defeated|drew|draw|led|leads?|leading|"
    r"trail(?:s|ed|ing)?|half-?time)\b"
)
_WINDOW = 40
_SECONDS_BEFORE_RE = re.compile(r"[0-9][ \t]*:[ \t]*$")
# What joins two times of a range: ``10:00-11:00``, ``from 10:00 to 11:00``, ``between 06:30
# and 07:30``.
_RANGE_RE = re.compile(r"[ \t]*(?:-|\u2013|\u2014|to|and|until|till|or)[ \t]*", re.IGNORECASE)


def _clock_matches(text: str) -> list[re.Match[str]]:
    """The matches of ``_CLOCK_RE.finditer(text)``, found from the colons: a match holds one
    colon, after one or two digits and spaces, so it can only start at one of two places
    before each colon (a scan from every offset of a long text is many times slower)."""
    out: list[re.Match[str]] = []
    done = 0  # where the last match ended: finditer goes on from there
    i = text.find(":")
    while i >= 0:
        j = i
        while j > 0 and text[j - 1] in " \t":
            j -= 1
        for s in (j - 2, j - 1):
            m = _CLOCK_RE.match(text, s) if s >= done else None
            if m is not None:
                out.append(m)
                done = m.end()
                break
        i = text.find(":", i + 1)
    return out


def spaced_times(text: str) -> list[tuple[int, int, str]]:
    """(start, end, the time without spaces) of each time in ``text`` written with a space
    around its colon (``12: 00``, ``10 :30``). Only a number pair that the words around it
    make a time counts (see :class:`TimeSpacing`); each line is judged alone."""
    if ":" not in text:
        return []
    spans: list[tuple[int, int]] = []
    ok: list[bool] = []
    for m in _clock_matches(text):
        s, e = m.span()
        lo = max(0, s - _WINDOW)
        lo = text.rfind("\n", lo, s) + 1 or lo  # the window, within the line
        if _SECONDS_BEFORE_RE.search(text, lo, s):
            continue  # the minutes and seconds of ``10 : 30 : 45``
        spans.append((s, e))
        ok.append(
            _TIME_AFTER_RE.match(text, e) is not None
            or (
                _TIME_BEFORE_RE.search(text, lo, s) is not None
                and _NOT_TIME_RE.search(text, lo, s) is None
            )
        )
    # A range of times is a time as a whole: ``10 : 00-11 : 00 pm``, ``from 10:00 to 11 : 00``.
    joined = [
        k > 0 and _RANGE_RE.fullmatch(text, spans[k - 1][1], spans[k][0]) is not None
        for k in range(len(spans))
    ]
    for k in range(1, len(spans)):
        ok[k] = ok[k] or (joined[k] and ok[k - 1])
    for k in range(len(spans) - 1, 0, -1):
        ok[k - 1] = ok[k - 1] or (joined[k] and ok[k])
    out: list[tuple[int, int, str]] = []
    for (s, e), time in zip(spans, ok, strict=True):
        span = text[s:e]
        if time and (" " in span or "\t" in span):
            out.append((s, e, span.replace(" ", "").replace("\t", "")))
    return out


class TimeSpacing(Rule):
    """Remove spaces around the colon of a time.

    **What it does**
    Deletes spaces and tabs on either side of the colon in ``12: 00``, ``10 :30``, ``10 : 30``
    when the number pair is a time: hours 0-23, two-digit minutes 00-59, not part of a longer
    number (``1 : 50 000``, ``4 : 41.30``, ``10 : 30 : 45`` stay), and the words around say it
    is one: a.m./p.m., a time zone (``GMT``, ``UTC``, ``BST``...), ``local time``,
    ``o'clock``, ``hours``, ``noon``, a part of the day or a weekday after it, or a
    preposition of time just before it (``at``, ``from``, ``until``, ``till``, ``since``,
    ``before``, ``after``, ``between``, ``by``, optionally with ``about``, ``around``...). A
    preposition does not count when a word of scores, ratios or texts (``score``, ``won``,
    ``ratio``, ``chapter``, ``verse``...) comes shortly before the number. A time joined to
    such a time by ``-``, ``to`` or ``and`` is one too (``10 : 00-11 : 00 pm``). Anything else
    (``3 : 1``, ``won 21 : 14``, ``Chapter 3: 10 people``, ``John 3 : 16``) is left to
    ``SP01``, which only removes the space before the colon.

    **Why is this bad**
    MT tokenisers detokenise ``12:00`` as ``12: 00``; extraction then reads two numbers, and
    ``12: 00 GMT`` looks broken to readers.

    **Example**
    ``at 10 : 30 GMT`` -> ``at 10:30 GMT``

    **Use instead**
    A time written without spaces: ``10:30``.
    """

    code = "SP07"
    name = "time-spacing"
    group = "spacing"
    needles = (" :", ": ", "\t:", ":\t")
    # a space or tab between a digit and the colon, or between the colon and minutes
    trigger = (":(?<=[ \t]:)", ":[ \t]+[0-5]")

    def changes(self, text: str, ctx: Context) -> list[Change]:
        out: list[Change] = []
        for s, e, _ in spaced_times(text):
            colon = text.index(":", s, e)
            before = len(text[s:colon].rstrip(" \t"))
            after = e - len(text[colon + 1 : e].lstrip(" \t"))
            if s + before < colon:
                out.append(Change(s + before, colon, "", self.code))
            if colon + 1 < after:
                out.append(Change(colon + 1, after, "", self.code))
        return out
