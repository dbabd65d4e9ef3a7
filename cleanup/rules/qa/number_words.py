"""Arabic number words as values, for the number checks.

A small parser over the words of an Arabic segment, compared after the one Arabic normalisation
(:func:`cleanup.arabic.fold`: marks dropped, أ إ آ -> ا, ة -> ه, ى -> ي). Its table of number
words is built from the rules of the language, not listed phrase by phrase:

* **units** 1-10, masculine and feminine (ثلاث / ثلاثة, ثمان / ثماني / ثمانية, واحد / واحدة,
  اثنان / اثنين / اثنتان / اثنتين);
* **11-19**: a unit and عشر / عشرة, without و (أحد عشر, اثنتا عشرة, ثلاثة عشر);
* **tens** 20-90: the unit's stem and ون / ين (عشرون / عشرين, ثلاثون, ثمانين...), after a unit
  with و: the unit first (خمسة وعشرون = 25);
* **hundreds**: مئة / مائة, the dual (مئتان, مئتين, مئتا), a unit and مئة as one word or two
  (ثلاثمئة, ثلاثمائة, ثلاث مئة);
* **scales**: ألف, مليون, مليار (بليون), تريليون, with their duals (ألفان, مليونين =
  2,000,000) and plurals (ثلاثة آلاف = 3,000); groups joined with و, largest first (ألف
  وتسعمئة وتسعة وثمانون = 1989; مليون ونصف = 1,500,000);
* **ordinals**: أول / الأولى, ثاني / ثانية / ثانٍ, ثالث ... عاشر (masculine and feminine), الحادي
  عشر ... التاسع عشر, and compounds with the tens (الخامس والعشرون = 25th);
* **decades**: العشرينيات ... التسعينيات (or -ينات) = 20 ... 90, or 1920 ... 1990; with القرن and
  an ordinal, the decade of that century (ثمانينيات القرن العشرين = 1980s, خمسينيات القرن التاسع
  عشر = 1850s);
* **centuries**: in a segment that speaks of a century (قرن), an ordinal N also stands for the
  year (N-1)x100 (القرن التاسع عشر: the 19th century, the 1800s);
* **fractions**: نصف (0.5 and 50 per cent), ربع, ثلث, ثلثا / ثلثي.

A word may carry the conjunction و or ف, then a preposition ب ل ك, then the article ال (لل for
ل + ال): وخمسة, بعشرين, والعشرين, لأول. A preposition starts a new number; و inside a number
joins its parts, and between two units it separates two numbers (ثلاثة وخمسة is 3 and 5).

Not numbers: أحد and إحدى alone ("one of", and Sunday), الاثنين alone (Monday, "both"), a
scale's plural alone (آلاف "thousands", ملايين "millions"), عشرات and مئات (tens, hundreds of),
بالمئة and في المئة (per cent), لست ("I am not").

Each number says whether the number check must find it in the output (``required``): numbers
of 3 and more. One and two are left to the reader (أول / first is also "former", "top", a
month's name, a dual noun...); fractions too (نصف النهائي is a semi-final). They still count as
numbers of the source, so that a ``2`` or ``50%`` in the output is not "not in the source".
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import NamedTuple

from ...arabic import fold, has_arabic
from ...chars import ARABIC_LETTER, ARABIC_MARKS

__all__ = ["WordNumber", "arabic_number_words"]

# kinds of number word
_UNIT, _TEN, _TENS, _HUNDRED, _SCALE, _DECADE, _FRACTION, _CENTURY = range(8)


class _Word(NamedTuple):
    kind: int
    value: int
    #: scales: 1 singular, 2 dual, 0 plural (a multiplier must come first)
    mult: int = 1
    ordinal: bool = False
    #: a number only as part of a longer one (أحد عشر, not أحد)
    compound_only: bool = False


class WordNumber(NamedTuple):
    """A number written in words: its span in the text, values, and whether NUM01 needs it."""

    start: int
    end: int
    values: frozenset[Decimal]
    required: bool


def _table() -> dict[str, _Word]:
    """Every number word without clitics, folded, from the rules of the language."""
    words: dict[str, _Word] = {}

    def add(forms: str, word: _Word) -> None:
        for form in forms.split():
            words.setdefault(fold(form), word)

    # units: the stem (feminine counted noun) and stem + ة (masculine counted noun)
    stems = {3: "ثلاث", 4: "أربع", 5: "خمس", 6: "ست", 7: "سبع", 8: "ثمان", 9: "تسع"}
    for value, stem in stems.items():
        add(f"{stem} {stem}ة", _Word(_UNIT, value))
    add("ثماني ثمانية", _Word(_UNIT, 8))
    add("واحد واحدة واحدا", _Word(_UNIT, 1))
    add("أحد إحدى", _Word(_UNIT, 1, compound_only=True))
    add("اثنان اثنين اثنتان اثنتين", _Word(_UNIT, 2))
    add("اثنا اثني اثنتا اثنتي", _Word(_UNIT, 2, compound_only=True))
    add("ستون", _Word(_TENS, 60, compound_only=True))  # alone, more often the name Stone
    add("عشر عشرة", _Word(_TEN, 10))
    # tens: the unit's stem + ون (nominative) / ين (oblique); decades: + ينيات / ينات
    for value, stem in {2: "عشر", **stems}.items():
        add(f"{stem}ون {stem}ين", _Word(_TENS, 10 * value))
        add(f"{stem}ينيات {stem}ينات", _Word(_DECADE, 10 * value))
    # hundreds: مئة / مائة, the dual, unit stem + مئة written as one word
    add("مئة مائة ماية", _Word(_HUNDRED, 100))
    add("مئتان مئتين مئتا مئتي مائتان مائتين مائتا مائتي", _Word(_HUNDRED, 200))
    for value, stem in {**stems, 8: "ثمان"}.items():
        add(f"{stem}مئة {stem}مائة", _Word(_HUNDRED, 100 * value))
    add("ثمانيمئة ثمانيمائة", _Word(_HUNDRED, 800))
    # scales: singular (with the accusative alef), dual (with the construct form), plural
    for scale, (singular, dual, plural) in {
        10**3: ("ألف ألفا", "ألفان ألفين ألفي", "آلاف ألوف"),
        10**6: ("مليون مليونا", "مليونان مليونين مليوني", "ملايين"),
        10**9: ("مليار مليارا بليون بليونا", "ملياران مليارين ملياري", "مليارات"),
        10**12: ("تريليون ترليون", "تريليونان تريليونين", "تريليونات"),
    }.items():
        add(singular, _Word(_SCALE, scale, 1))
        add(dual, _Word(_SCALE, scale, 2))
        add(plural, _Word(_SCALE, scale, 0))
    # ordinals
    add("أول أولى", _Word(_UNIT, 1, ordinal=True))
    add("حادي حادية", _Word(_UNIT, 1, ordinal=True, compound_only=True))
    add("ثاني ثانية ثان", _Word(_UNIT, 2, ordinal=True))
    for value, stem in {
        3: "ثالث",
        4: "رابع",
        5: "خامس",
        6: "سادس",
        7: "سابع",
        8: "ثامن",
        9: "تاسع",
    }.items():
        add(f"{stem} {stem}ة", _Word(_UNIT, value, ordinal=True))
    add("عاشر عاشرة", _Word(_TEN, 10, ordinal=True))
    # fractions (value: thousandths)
    add("نصف", _Word(_FRACTION, 500))
    add("ربع", _Word(_FRACTION, 250))
    add("ثلث", _Word(_FRACTION, 333))
    add("ثلثا ثلثي", _Word(_FRACTION, 667))
    add("قرن قرنين قرنان قرون", _Word(_CENTURY, 0))
    return words


class _Form(NamedTuple):
    word: _Word
    conj: bool  # و or ف in front
    prep: bool  # ب ل ك in front
    article: bool


def _forms() -> dict[str, _Form]:
    """Every number word with every clitic it may carry: وخمسة, بالعشرين, للأول..."""
    forms: dict[str, _Form] = {}
    table = _table()
    for conj in ("", "و", "ف"):
        for prep in ("", "ب", "ل", "ك"):
            for article in ("", "ال"):
                prefix = conj + ("لل" if prep == "ل" and article else prep + article)
                for stem, word in table.items():
                    if prep == "ل" and stem == "ست":  # لست: "I am not"
                        continue
                    if prep == "ب" and article and word.kind == _HUNDRED and word.value == 100:
                        continue  # بالمئة: per cent
                    forms.setdefault(
                        prefix + stem, _Form(word, bool(conj), bool(prep), bool(article))
                    )
    return forms


_FORMS = _forms()
_KEYS = frozenset(_FORMS)
_FOLDED_WORD = re.compile(f"[{ARABIC_LETTER}]+")
_TOKEN = re.compile(f"[{ARABIC_LETTER}][{ARABIC_LETTER}{ARABIC_MARKS}]*")
_GAP = re.compile(r"[\s\u200c\u200f\u200e]*")
_AFTER_DIGIT = re.compile(r"[0-9٠-٩۰-۹]\s*$")
_AND = "و"
_FROM = "من"
_PAST = {fold("الماضي"): 1900, fold("المنصرم"): 1900, fold("الحالي"): 2000}


class _Token(NamedTuple):
    start: int
    end: int
    key: str
    form: _Form | None


def _joined(text: str, a: _Token, b: _Token) -> bool:
    """Whether only spaces separate two tokens."""
    return _GAP.fullmatch(text, a.end, b.start) is not None


class _Phrase(NamedTuple):
    end: int  # index of the token after the phrase
    value: int
    half: int  # the value with ونصف / وربع, or 0
    ordinal: bool


def _phrase(toks: list[_Token], i: int, text: str) -> _Phrase | None:
    """The number that starts at token ``i``: units, tens, hundreds and scales joined by the
    rules of the language; None when the words there are not a number on their own."""
    total = cur = 0
    last = -1  # kind of the last word
    last_scale = 10**15
    ordinal = False
    half = 0
    n_words = 0
    first_form = toks[i].form
    assert first_form is not None
    j = i
    while j < len(toks):
        tok = toks[j]
        k = j
        conj = False
        if n_words:
            if not _joined(text, toks[j - 1], tok):
                break
            if tok.key == _AND and j + 1 < len(toks) and _joined(text, tok, toks[j + 1]):
                k, conj = j + 1, True
                tok = toks[k]
        form = tok.form
        if form is None or (n_words and form.prep) or (conj and form.conj):
            break
        conj = conj or (form.conj and n_words > 0)
        word = form.word
        kind, v = word.kind, word.value
        after_group = last in (_HUNDRED, _SCALE)
        if not n_words:
            if kind == _SCALE:
                if not word.mult:
                    return None  # آلاف alone: "thousands"
                total, last_scale = word.mult * v, v
            elif kind in (_UNIT, _TEN, _TENS, _HUNDRED):
                cur = v
            else:
                return None
        elif kind == _UNIT and conj and after_group:
            cur += v
        elif kind == _TEN and not conj and last == _UNIT and cur % 100 < 10:
            cur += 10  # ثلاثة عشر
        elif kind == _TEN and conj and after_group:
            cur += v  # مئة وعشرة
        elif kind == _TENS and conj and (after_group or (last == _UNIT and cur % 100 < 10)):
            cur += v  # خمسة وعشرون, مئة وخمسون
        elif kind == _HUNDRED and not conj and last == _UNIT and v == 100 and 3 <= cur <= 9:
            cur *= 100
        elif kind == _HUNDRED and conj and last == _SCALE:
            cur = v
        elif kind == _SCALE and v < last_scale and not conj and cur and last != _SCALE:
            total, cur, last_scale = total + cur * v, 0, v
        elif kind == _SCALE and v < last_scale and conj and last == _SCALE and word.mult:
            total, last_scale = total + word.mult * v, v
        elif kind == _FRACTION and conj and v in (500, 250):
            unit = last_scale if last == _SCALE else 1
            half = (total + cur) * 1000 + v * unit
            n_words += 1
            j = k + 1
            break
        else:
            break
        last = kind
        ordinal = ordinal or word.ordinal or (form.article and not conj)  # العشرين: 20th
        n_words += 1
        j = k + 1
    if n_words == 1:
        word = first_form.word
        if word.compound_only and not (word.kind == _TENS and first_form.article):
            return None  # أحد; ستون but not الستون
        if word.value == 2 and first_form.article and not word.ordinal:
            return None  # الاثنين: Monday, or "both"
    return _Phrase(j, total + cur, half, ordinal)


def _is_century(tok: _Token) -> bool:
    return tok.form is not None and tok.form.word.kind == _CENTURY


def _decade(toks: list[_Token], i: int, text: str) -> tuple[int, frozenset[Decimal]]:
    """A decade word (الثمانينيات) and the century that may follow it (من القرن العشرين)."""
    tens = toks[i].form.word.value  # type: ignore[union-attr]
    j = i + 1
    if j < len(toks) and toks[j].key == _FROM and _joined(text, toks[i], toks[j]):
        j += 1
    if (
        j + 1 < len(toks)
        and _is_century(toks[j])
        and _joined(text, toks[j - 1], toks[j])
        and _joined(text, toks[j], toks[j + 1])
    ):
        after = toks[j + 1]
        if after.key in _PAST:
            return j + 2, frozenset({Decimal(_PAST[after.key] + tens)})
        if after.form is not None:
            century = _phrase(toks, j + 1, text)
            if century is not None and century.ordinal and 1 <= century.value <= 21:
                year = (century.value - 1) * 100 + tens
                return century.end, frozenset({Decimal(year)})
    return i + 1, frozenset({Decimal(tens), Decimal(1900 + tens)})


def _fraction(value: int) -> frozenset[Decimal]:
    exact = Decimal(value) / 1000
    percent = (exact * 100).quantize(Decimal(1))
    out = {exact.normalize(), percent.normalize(), (exact * 100).normalize()}
    if value == 500:
        out.add(Decimal("0.5"))
    return frozenset(out)


def arabic_number_words(text: str) -> list[WordNumber]:
    """The numbers written in Arabic words in ``text``, in order."""
    if not has_arabic(text):
        return []
    words = _FOLDED_WORD.findall(fold(text))
    if _KEYS.isdisjoint(words):
        return []
    get = _FORMS.get
    # fold only drops marks, so the words of the text (letters with their marks) are the
    # folded words, one for one, in order
    matches = list(_TOKEN.finditer(text))
    if len(matches) != len(words):  # never, but then fold word by word
        words = [fold(m.group()) for m in matches]
    toks = [
        _Token(m.start(), m.end(), key, get(key)) for m, key in zip(matches, words, strict=True)
    ]
    century = any(_is_century(t) for t in toks)
    out: list[WordNumber] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        form = tok.form
        if form is None or form.word.kind == _CENTURY:
            i += 1
            continue
        kind = form.word.kind
        if kind == _DECADE:
            end, years = _decade(toks, i, text)
            out.append(WordNumber(tok.start, toks[end - 1].end, years, True))
            i = end
            continue
        if kind == _FRACTION:
            out.append(WordNumber(tok.start, tok.end, _fraction(form.word.value), False))
            i += 1
            continue
        if (
            kind == _HUNDRED
            and form.article
            and i
            and toks[i - 1].key == "في"
            and _joined(text, toks[i - 1], tok)
        ):
            i += 1  # في المئة: per cent
            continue
        if kind == _SCALE and _AFTER_DIGIT.search(text, max(0, tok.start - 4), tok.start):
            i += 1  # 25,2 مليار: the scale of the digits before it
            continue
        phrase = _phrase(toks, i, text)
        if phrase is None:
            i += 1
            continue
        values = {Decimal(phrase.value)}
        if phrase.half:
            values.add((Decimal(phrase.half) / 1000).normalize())
        if century and phrase.ordinal and 1 <= phrase.value <= 21:
            values.add(Decimal((phrase.value - 1) * 100))
        required = phrase.value >= 3
        out.append(WordNumber(tok.start, toks[phrase.end - 1].end, frozenset(values), required))
        i = phrase.end
    return out
