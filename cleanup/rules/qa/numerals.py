"""Numbers in the source and the hypothesis, as values.

Digits of any script (ASCII, Arabic-Indic ٠-٩, Extended Arabic-Indic ۰-۹) with Arabic or Latin
separators: ``٢٥٥`` = ``255``; ``١٤٬٠٠٠`` = ``14,000`` = ``14000``; ``٣٫٥`` = ``3.5``. A
following scale word multiplies (``14 ألف`` / ``14 thousand`` = 14000; ``1.5 مليار`` /
``1.5 billion``). In English, number words are read too (``three``, ``twenty-five``, ``fifty``,
``two hundred``, ``third``), so a source ``3`` rendered ``three`` is not a missing number. Arabic
number words in the source are not read (a number written in words in the source is simply not
checked).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

__all__ = ["Number", "english_numbers", "source_numbers"]

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_D = "0-9٠-٩۰-۹"
# 1,234,567.89 | 1٬234 | 3٫5 | 1234.5 ; not part of a longer digit/letter run on the left
_NUMBER = re.compile(
    rf"(?<![{_D}.,٫٬])(?:[{_D}]{{1,3}}(?:[,٬][{_D}]{{3}})+|[{_D}]+)(?:[.٫][{_D}]+)?(?![{_D}])"
)
_AR_SCALE = re.compile(
    r"\s*(?:و?(?:ب|ل)?(?:ال)?)(ألف|الف|آلاف|الاف|ألاف|مليون|ملايين|مليار|مليارات|بليون|تريليون)\b"
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
_ORDINALS.update({"thirtieth": 30, "fortieth": 40, "fiftieth": 50, "hundredth": 100})
_WORD_VALUES = {**_UNITS, **_TENS, **_ORDINALS, "dozen": 12, "hundred": 100, "a": 1}
_NUMBER_WORD = re.compile(
    r"\b(?:(?:" + "|".join(sorted({*_UNITS, *_TENS}, key=len, reverse=True)) + r")"
    r"(?:[ -](?:" + "|".join(sorted(_UNITS, key=len, reverse=True)) + r"))?"
    r"(?: hundred)?"
    r"(?: (?:thousand|million|billion))?"
    r"|"
    + "|".join(sorted(_ORDINALS, key=len, reverse=True))
    + r"|dozen|a (?:hundred|thousand|million|billion))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Number:
    """A number found in a text: its surface form, span and the values it may stand for."""

    text: str
    start: int
    end: int
    values: frozenset[Decimal]


def _value(surface: str) -> Decimal | None:
    s = surface.translate(_DIGITS).replace(",", "").replace("٬", "").replace("٫", ".")
    try:
        return Decimal(s).normalize()
    except InvalidOperation:
        return None


_ANY_DIGIT = re.compile(rf"[{_D}]")
_TIME_LIKE = re.compile(r"(?:[01]?[0-9]|2[0-4])\.[0-5][0-9]")
_DOT_THOUSANDS = re.compile(rf"[{_D}]{{1,3}}(?:[.][{_D}]{{3}})+")


def _values(surface: str, scale: int | None) -> frozenset[Decimal]:
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
        values |= {(v * scale).normalize() for v in values}
    return frozenset(values)


def source_numbers(text: str) -> list[Number]:
    """Numbers written in digits in a (typically Arabic) source segment."""
    out: list[Number] = []
    if _ANY_DIGIT.search(text) is None:
        return out
    for m in _NUMBER.finditer(text):
        scale = None
        end = m.end()
        sm = _AR_SCALE.match(text, end)
        if sm:
            scale, end = _AR_SCALES[sm.group(1)], sm.end()
        else:
            em = _EN_SCALE.match(text, end)
            if em and (em.group(1).lower() not in ("m", "mn", "bn") or em.start(1) == end):
                scale, end = _EN_SCALES[em.group(1).lower()], em.end()
        values = _values(m.group(), scale)
        if values:
            out.append(Number(text[m.start() : end], m.start(), end, values))
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


def english_numbers(text: str) -> list[Number]:
    """Numbers in an English hypothesis: digits (any script) with scales, and number words."""
    out = source_numbers(text)
    for m in _NUMBER_WORD.finditer(text):
        value = _word_value(m.group())
        if value is not None:
            out.append(Number(m.group(), m.start(), m.end(), frozenset({value})))
    return out
