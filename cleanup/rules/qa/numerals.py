"""Numbers in the source and the hypothesis, as values.

Digits of any script (ASCII, Arabic-Indic ٠-٩, Extended Arabic-Indic ۰-۹) with Arabic or Latin
separators: ``٢٥٥`` = ``255``; ``١٤٬٠٠٠`` = ``14,000`` = ``14000`` (the Arabic comma too:
``١٤،٠٠٠``); ``٣٫٥`` = ``3.5``. A following scale word multiplies (``14 ألف`` / ``14 ألفاً`` /
``14 thousand`` = 14000; ``1.5 مليار`` / ``1.5 billion``). A time ``12:00`` is one number that
may also be written ``1200`` or on the other half of the clock (``16:30`` = ``4:30``); the
abbreviated end of a year range (``1950-53``) is also the whole year; digit groups written with
spaces (``116 123``) may be one number. (The checks blank SentencePiece byte tokens such as
``<0xC2>`` in the output before reading it: :class:`.base.Segment`.)

In the Arabic source, numbers written in words are read too (:mod:`.number_words`:
``خمسة وعشرين``, ``السادس عشر``, ``ثلاثمئة``, ``مليونين``). In English, number words are read
(``three``, ``twenty-five``, ``fifty``, ``two hundred``, ``a million``, ``third``,
``twenty-first``, ``the eighties``) and regnal Roman numerals after a name (``Louis XVI``,
``World War II``), so a source ``3`` rendered ``three`` is not a missing number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .number_words import arabic_number_words

__all__ = ["Number", "digit_numbers", "english_numbers", "source_numbers"]

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_D = "0-9٠-٩۰-۹"
# 1,234,567.89 | 1٬234 | 30،000 | 3٫5 | 1234.5 ; not inside a longer number on the left
_NUMBER = re.compile(
    rf"(?<![{_D}])(?<![{_D}][.,٫٬])"
    rf"(?:[{_D}]{{1,3}}(?:[,٬،][{_D}]{{3}})+|[{_D}]+)(?:[.٫][{_D}]+)?(?![{_D}])"
)
_AR_SCALE = re.compile(
    r"\s*(?:و?(?:ب|ل)?(?:ال)?)(ألف|الف|آلاف|الاف|ألاف|مليون|ملايين|مليار|مليارات|بليون|تريليون)"
    r"(?:\u064b?ا\u064b?|\u064b)?\b"
)
_AR_SCALES = {
    "ألف": 1000,
    "الف": 1000,
    "آلاف": 1000,
    "الاف": 1000,
    "ألاف": 1000,
    "مليون": 10**6,
    "ملايين": 10**6,
    "مليار": 10**9,
    "مليارات": 10**9,
    "بليون": 10**9,
    "تريليون": 10**12,
}
_EN_SCALES = {
    "thousand": 1000,
    "million": 10**6,
    "m": 10**6,
    "mn": 10**6,
    "billion": 10**9,
    "bn": 10**9,
    "trillion": 10**12,
}
_EN_SCALE = re.compile(r"[ -]?(thousand|million|billion|trillion|bn|mn|m)\b", re.IGNORECASE)
#: the minutes of a time, after the hour
_MINUTES = re.compile(rf":([{_D}]{{2}})(?![{_D}])")
#: the abbreviated end of a year range: 1950-53
_YEAR_RANGE = re.compile(r"([12][0-9])[0-9]{2}[-–]$")

_UNITS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_TENS = {
    w: 10 * i
    for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)
}
_ORDINALS = {
    w: i
    for i, w in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
        "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth "
        "twentieth".split(),
        1,
    )
}
_ORDINALS.update(
    {f"{w[:-1]}ieth": v for w, v in _TENS.items()}  # thirtieth ... ninetieth
    | {"hundredth": 100, "thousandth": 1000, "millionth": 10**6, "billionth": 10**9}
)
_DECADES = {f"{w[:-1]}ies": v for w, v in _TENS.items()}  # the twenties ... the nineties
_WORD_VALUES = {**_UNITS, **_TENS, **_ORDINALS, **_DECADES, "dozen": 12, "hundred": 100, "a": 1}


def _alternatives(words: object) -> str:
    return "|".join(sorted(words, key=len, reverse=True))  # type: ignore[call-overload]


_ONE_TO_NINE = list(_UNITS)[1:10]
#: a number word as the first part of a word: fourballs, sixes, threefold
_COMPOUNDS = {
    f"{w}{suffix}": v
    for w, v in _UNITS.items()
    if 3 <= v <= 10
    for suffix in ("s", "es", "some", "somes", "ball", "balls", "fold")
}
_COMPOUNDS.update(
    dict.fromkeys(("triple", "tripled", "treble", "trebled", "trio", "triplets"), 3)
    | dict.fromkeys(("quadruple", "quadrupled", "quartet"), 4)
)
_WORD_VALUES.update(_COMPOUNDS)
_NUMBER_WORD_PATTERN = (
    rf"\b(?:(?:{_alternatives(_TENS)})[ -](?:{_alternatives(list(_ORDINALS)[:9])})"
    rf"|(?:(?:{_alternatives(_TENS)})(?:[ -](?:{_alternatives(_ONE_TO_NINE)}))?"
    rf"|{_alternatives(_UNITS)})"
    r"(?:[ -]hundred)?"
    r"(?: (?:thousand|million|billion))?"
    rf"|{_alternatives(_ORDINALS)}|{_alternatives(_DECADES)}|{_alternatives(_COMPOUNDS)}"
    r"|dozen|a (?:hundred|thousand|million|billion))\b"
)
# matched on the lowercased text (much faster than IGNORECASE), unless lowercasing changes
# the length of the text
_NUMBER_WORD = re.compile(_NUMBER_WORD_PATTERN)
_NUMBER_WORD_ANY_CASE = re.compile(_NUMBER_WORD_PATTERN, re.IGNORECASE)
_EN_WORD = re.compile(r"[a-z]+")
_EN_LEXICON = frozenset(_WORD_VALUES) - {"a"} | {"hundred", "thousand", "million", "billion"}
#: a Roman numeral after a capitalised word: Louis XVI, World War II (two letters or more)
_ROMAN = re.compile(r"\b[A-Z][a-z]+ ((?=[IVX]{2})X{0,3}(?:IX|IV|V?I{0,3}))\b")
_ROMAN_QUICK = re.compile(r" [IVX]{2}")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}


@dataclass(frozen=True, slots=True)
class Number:
    """A number found in a text: its surface form, span and the values it may stand for.

    ``required``: whether a source number must be found in the output (NUM01); numbers the
    source writes in words as one or two, and fractions, are not (they only count as numbers
    the source has).
    """

    text: str
    start: int
    end: int
    values: frozenset[Decimal]
    required: bool = True


def _value(surface: str) -> Decimal | None:
    s = (
        surface.translate(_DIGITS)
        .replace(",", "")
        .replace("٬", "")
        .replace("،", "")
        .replace("٫", ".")
    )
    try:
        return Decimal(s).normalize()
    except InvalidOperation:
        return None


_ANY_DIGIT = re.compile(rf"[{_D}]")
_TIME_LIKE = re.compile(r"(?:[01]?[0-9]|2[0-4])\.[0-5][0-9]")
_DOT_THOUSANDS = re.compile(rf"[{_D}]{{1,3}}(?:[.][{_D}]{{3}})+")
_GROUP = re.compile(r"[0-9]{1,4}")


def _values(surface: str, scale: int | None, bare: bool = False) -> frozenset[Decimal]:
    value = _value(surface)
    if value is None:
        return frozenset()
    values = {value}
    ascii_form = surface.translate(_DIGITS)
    if _DOT_THOUSANDS.fullmatch(ascii_form):
        # 76.000: a decimal, or 76,000 with a dot for thousands (common in Arabic copy)
        alt = _value(ascii_form.replace(".", ""))
        if alt is not None:
            values.add(alt)
    elif scale is None and _TIME_LIKE.fullmatch(ascii_form.replace("٫", ".")):
        # 5.30 or 12.00 may be a time (5:30): accept its parts as well
        for part in ascii_form.replace("٫", ".").split("."):
            values.add(Decimal(part).normalize())
    if scale is not None:
        # An Arabic scale word makes the number its scaled value only: 3 ملايين is 3,000,000
        # and not 3, so that 3 ملايين -> 3 billion is a change. An English one (``bare``)
        # keeps the bare value too: 100m may be metres, and the source's 1.5 may have a scale
        # word the reader does not know.
        scaled = {(v * scale).normalize() for v in values}
        values = values | scaled if bare else scaled
    return frozenset(values)


def _time(hour: str, minutes: str) -> frozenset[Decimal] | None:
    """The values of a time ``hour:minutes`` (None if it is not one): the hour, on the other
    half of the clock too, and the time written as one number (12:00 -> 1200)."""
    h, m = int(hour.translate(_DIGITS)), int(minutes.translate(_DIGITS))
    if len(hour) > 2 or h > 24 or m > 59:
        return None
    return frozenset(Decimal(v) for v in (h, h - 12 if h > 12 else h + 12, 100 * h + m))


def digit_numbers(text: str) -> list[Number]:
    """Numbers written in digits (any script), with their scale words, in a segment."""
    out: list[Number] = []
    if _ANY_DIGIT.search(text) is None:
        return out
    skip = -1
    for m in _NUMBER.finditer(text):
        if m.start() < skip:
            continue
        scale = None
        end = m.end()
        mm = _MINUTES.match(text, end) if m.group().isdigit() else None
        time = _time(m.group(), mm.group(1)) if mm else None
        if mm is not None and time is not None:
            # 12:00 is one number; 12:30 also has its minutes
            out.append(Number(text[m.start() : mm.end()], m.start(), mm.end(), time))
            if int(mm.group(1).translate(_DIGITS)):
                s, e = mm.span(1)
                out.append(Number(mm.group(1), s, e, frozenset({Decimal(mm.group(1))})))
            skip = mm.end()
            continue
        bare = False
        sm = _AR_SCALE.match(text, end)
        if sm:
            scale, end = _AR_SCALES[sm.group(1)], sm.end()
        else:
            em = _EN_SCALE.match(text, end)
            if em and (em.group(1).lower() not in ("m", "mn", "bn") or em.start(1) == end):
                scale, end = _EN_SCALES[em.group(1).lower()], em.end()
                bare = True
        values = _values(m.group(), scale, bare)
        if len(m.group()) == 2 and scale is None:
            yr = _YEAR_RANGE.search(text, max(0, m.start() - 5), m.start())
            if yr:  # 1950-53
                values |= {Decimal(yr.group(1) + m.group().translate(_DIGITS))}
        if values:
            out.append(Number(text[m.start() : end], m.start(), end, values))
    return _join_groups(text, out)


def _join_groups(text: str, numbers: list[Number]) -> list[Number]:
    """Digit groups separated by single spaces (a phone number ``116 123``) may be one number:
    each group also stands for the whole."""
    i = 0
    while i < len(numbers) - 1:
        j = i
        while (
            j + 1 < len(numbers)
            and numbers[j + 1].start == numbers[j].end + 1
            and text[numbers[j].end] == " "
            and _GROUP.fullmatch(numbers[j].text)
            and _GROUP.fullmatch(numbers[j + 1].text)
        ):
            j += 1
        if j > i:
            whole = "".join(n.text for n in numbers[i : j + 1])
            if len(whole) >= 5:
                extra = Decimal(whole)
                for k in range(i, j + 1):
                    n = numbers[k]
                    numbers[k] = Number(n.text, n.start, n.end, n.values | {extra}, n.required)
        i = j + 1
    return numbers


def source_numbers(text: str) -> list[Number]:
    """Numbers in a (typically Arabic) source segment: digits, and Arabic number words."""
    out = digit_numbers(text)
    words = arabic_number_words(text)
    if words:
        spans = [(n.start, n.end) for n in out]
        out += [
            Number(text[w.start : w.end], w.start, w.end, w.values, w.required)
            for w in words
            if not any(s < w.end and w.start < e for s, e in spans)  # the scale of 14 ألف
        ]
        out.sort(key=lambda n: n.start)
    return out


def _word_value(phrase: str) -> Decimal | None:
    total = 0
    current = 0
    for token in re.split(r"[ -]+", phrase.lower()):
        if token == "and":
            continue
        if token in ("thousand", "million", "billion"):
            total += max(current, 1) * _EN_SCALES[token]
            current = 0
        elif token == "hundred":
            current = max(current, 1) * 100
        elif token in _WORD_VALUES:
            current += _WORD_VALUES[token]
        else:
            return None
    return Decimal(total + current)


def _roman(numeral: str) -> int:
    values = [_ROMAN_VALUES[c] for c in numeral]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def english_numbers(text: str) -> list[Number]:
    """Numbers in an English hypothesis: digits (any script) with scales, number words, and
    Roman numerals after a name."""
    out = digit_numbers(text)
    low = text.lower()
    if not _EN_LEXICON.isdisjoint(_EN_WORD.findall(low)):
        if len(low) == len(text):
            found = _NUMBER_WORD.finditer(low)
        else:
            found = _NUMBER_WORD_ANY_CASE.finditer(text)
        for m in found:
            value = _word_value(m.group())
            if value is not None:
                out.append(
                    Number(text[m.start() : m.end()], m.start(), m.end(), frozenset({value}))
                )
    if _ROMAN_QUICK.search(text):
        for m in _ROMAN.finditer(text):
            if m.group(1):
                value = Decimal(_roman(m.group(1)))
                out.append(Number(m.group(1), m.start(1), m.end(1), frozenset({value})))
    return out
