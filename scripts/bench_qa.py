#!/usr/bin/env python3
"""Benchmark `tarjama qa`: precision and recall of every QA code on systems with known errors.

Corpus: the Arabic source and the human English of NTREX-128 and FLORES-200 devtest, as
*lines* (the 3,009 segments of the test sets as they are) and as *chunks* (the lines of each
document grouped, seeded, into runs of 2 or 3 consecutive lines: paragraph input, where a
whole sentence can be dropped). The human English is the correct output.

Systems: the human output itself (the false-alarm baseline), and one degraded system per error
type, in which the error is injected into a seeded random subset of the segments that can
carry it (``--rate`` of all segments, 10% by default), each injection recorded:

* ``dropped``: one sentence of a multi-sentence output removed;
* ``number``: one digit of a number that is in the source changed (``255`` -> ``257``);
* ``untranslated``: an English name replaced by the Arabic source word it renders (Arabic-
  English name pairs from google-transliteration), else an Arabic word of the source inserted;
* ``bytes``: a non-ASCII character written as SentencePiece byte-fallback tokens (``é`` ->
  ``<0xC3><0xA9>``, every occurrence); if the English has none, a vowel of a name is given an
  acute accent and written so (``Fernandez`` -> ``Fern<0xC3><0xA1>ndez``);
* ``duplicated``: a phrase of 3-6 words repeated right after itself;
* ``translit``: an English word replaced by a romanisation of a word of the Arabic source that
  the human did not transliterate (google-transliteration pairs: ``الدولة`` -> ``dawla``).

Every QA check registered when the script runs is run (``--select ALL``: off-by-default checks
too, the glossary on). Per code:

* false alarms: human segments with a finding, per 1,000 segments (lines and chunks apart);
* recall per error type: share of the injected segments where the code has more findings
  than on the human version of the segment;
* precision: on the systems of the error types the code is meant to catch (:data:`EXPECTED`),
  the share of its findings that are new on an injected segment (findings on untouched
  segments, and as many on an injected one as the human version has, are false).

And the speed of `qa` (checks on by default, glossary on) in segments/s, without and with the
QE codes if any are registered, measured in the same run.

    python scripts/bench_qa.py [--rate 0.1] [--seed 1] [--markdown | --json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import subprocess
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data"

#: The codes meant to catch each error type (codes not registered are skipped). One table:
#: recall is reported for every code and type, precision against these.
EXPECTED: dict[str, tuple[str, ...]] = {
    "dropped": ("OMI01", "LEN01", "QE01"),
    "number": ("NUM01", "NUM02"),
    "untranslated": ("UNT01",),
    "bytes": ("BYT01",),
    "duplicated": ("DUP01", "DUP02", "LEN02"),
    "translit": ("TRL01",),
}
ERRORS: tuple[str, ...] = tuple(EXPECTED)

#: How many injections of one system may use the same romanisation.
MAX_SAME_WORD = 5

TARGET_DROP_RECALL = 0.80
TARGET_DROP_FALSE_ALARMS = 0.02
TARGET_PRECISION = 0.80
TARGET_SPEED = 5000.0


# --- the corpus ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pair:
    """One segment: Arabic source, human English, where it comes from."""

    src: str
    hyp: str
    origin: str  # ntrex | flores
    kind: str  # line | chunk
    lines: tuple[int, ...]  # 0-based line numbers in the test set


def _read(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").replace("\r\n", "\n").rstrip("\n").split("\n")


@cache
def _lines_with_docs() -> tuple[tuple[Pair, str], ...]:
    ntrex, flores = DATA / "ntrex128", DATA / "flores200-devtest"
    out: list[tuple[Pair, str]] = []
    src = _read(ntrex / "newstest2019-ref.arb.txt")
    eng = _read(ntrex / "newstest2019-src.eng.txt")
    docs = _read(ntrex / "DOCUMENT_IDS.tsv")
    for i, (s, e, d) in enumerate(zip(src, eng, docs, strict=True)):
        out.append((Pair(s.strip(), e.strip(), "ntrex", "line", (i,)), d))
    src = _read(flores / "arb_Arab.devtest")
    eng = _read(flores / "eng_Latn.devtest")
    urls = [row.split("\t")[0] for row in _read(flores / "metadata_devtest.tsv")[1:]]
    for i, (s, e, d) in enumerate(zip(src, eng, urls, strict=True)):
        out.append((Pair(s.strip(), e.strip(), "flores", "line", (i,)), d))
    return tuple(out)


_ENDS_SENTENCE = re.compile(r"[.!?][\"”’')\]]*$")


def load_corpus(seed: int) -> list[Pair]:
    """The lines, then the chunks: each document's lines grouped in order into runs of 2 or 3
    (seeded; a last line joins the run before it rather than stay alone). Only lines that end
    a sentence are chunked: a headline (no full stop) would merge with the next sentence."""
    rng = random.Random(f"chunks:{seed}")
    lines = list(_lines_with_docs())
    pairs = [p for p, _ in lines]
    by_doc: dict[tuple[str, str], list[Pair]] = defaultdict(list)
    for p, doc in lines:
        by_doc[(p.origin, doc)].append(p)
    runs: list[list[Pair]] = []
    for doc_lines in by_doc.values():
        run: list[Pair] = []
        for p in doc_lines:
            if _ENDS_SENTENCE.search(p.hyp):
                run.append(p)
            else:  # a headline: it stays a line, and no chunk goes over it
                runs.append(run)
                run = []
        runs.append(run)
    for group in runs:
        i = 0
        while len(group) - i >= 2:
            n = rng.choice((2, 3))
            if len(group) - i - n == 1:
                n += 1 if n == 2 else -1  # never leave one line alone at the end
            run = group[i : i + n]
            pairs.append(
                Pair(
                    " ".join(p.src for p in run),
                    " ".join(p.hyp for p in run),
                    run[0].origin,
                    "chunk",
                    tuple(p.lines[0] for p in run),
                )
            )
            i += n
    return pairs


# --- the injections --------------------------------------------------------------------------


@dataclass(frozen=True)
class Injected:
    """An output with one known error, and what was done."""

    hyp: str
    detail: dict[str, Any] = field(default_factory=dict)


_BOUNDARY = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘'(\[]?([A-Z0-9][\w’']*))")
_LAST_WORD = re.compile(r"(\S+)$")
_ACRONYM = re.compile(r"[a-z]|(?:[a-z]\.)+[a-z]")  # an initial, U.S, p.m
_MONTHS = frozenset("jan feb mar apr aug sep sept oct nov dec".split())
_MIN_SENTENCE_WORDS = 3


@cache
def _abbreviations() -> tuple[frozenset[str], frozenset[str]]:
    """Words after which a full stop does not end a sentence, and the words that start one
    (after an initial, an acronym or a month they tell that the full stop ends it too)."""
    from cleanup.english import ABBREVIATIONS, FUNCTION_WORDS

    return ABBREVIATIONS | {"sens", "reps"}, FUNCTION_WORDS | {"however", "meanwhile"}


def split_sentences(text: str) -> list[str]:
    """The sentences of an English text: a break after ``.``, ``!`` or ``?`` (and closing
    quotes) before a capital or digit, not after an abbreviation (``Mr.``, ``St.``) nor an
    initial, acronym or month (``U.S.``, ``p.m.``, ``Oct.``) unless a word that starts
    sentences follows (``the``, ``he``, ``however``); a piece of fewer than three words joins
    its neighbour."""
    abbreviations, starters = _abbreviations()
    out: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        last = _LAST_WORD.search(text, start, m.start() + 1)
        word = (last.group(1) if last else "").lower().rstrip(".").lstrip("\"“‘'([")
        ambiguous = _ACRONYM.fullmatch(word) is not None or word in _MONTHS
        if (word in abbreviations or ambiguous) and not (
            ambiguous and m.group(1).lower() in starters
        ):
            continue
        out.append(text[start : m.end()].strip())
        start = m.end()
    out.append(text[start:].strip())
    merged: list[str] = []
    for s in out:
        if merged and (
            len(s.split()) < _MIN_SENTENCE_WORDS or len(merged[-1].split()) < _MIN_SENTENCE_WORDS
        ):
            merged[-1] += " " + s
        else:
            merged.append(s)
    return [s for s in merged if s]


def drop_sentence(src: str, hyp: str, rng: random.Random) -> Injected | None:
    """Remove one sentence (chosen at random) of an output of two sentences or more."""
    sentences = split_sentences(hyp)
    if len(sentences) < 2:
        return None
    k = rng.randrange(len(sentences))
    kept = sentences[:k] + sentences[k + 1 :]
    detail = {"sentence": sentences[k], "position": k + 1, "of": len(sentences)}
    return Injected(" ".join(kept), detail)


def _values(text: str) -> frozenset[Decimal]:
    from cleanup.rules.qa.numerals import source_numbers

    return frozenset().union(*(n.values for n in source_numbers(text)))


def change_number(src: str, hyp: str, rng: random.Random) -> Injected | None:
    """Change one digit (the last) of a number of the output whose value is in the source, to
    a digit that makes a value the source does not have. Only a number written once in the
    output is changed, so that the source's value is really gone."""
    from cleanup.rules.qa.numerals import source_numbers

    src_values = _values(src)
    if not src_values:
        return None
    numbers = source_numbers(hyp)
    texts = Counter(n.text for n in numbers)
    candidates = [
        n for n in numbers if n.values & src_values and texts[n.text] == 1 and n.text.isascii()
    ]
    if not candidates:
        return None
    num = rng.choice(candidates)
    start = hyp.find(num.text)
    if start < 0:
        return None
    pos = max(i for i, ch in enumerate(num.text) if ch.isdigit())
    old = num.text[pos]
    shifts = list(range(1, 10))
    rng.shuffle(shifts)
    for shift in shifts:
        new_digit = str((int(old) + shift) % 10)
        new_text = num.text[:pos] + new_digit + num.text[pos + 1 :]
        if new_text[0] == "0" and len(new_text) > 1 and new_text[1].isdigit():
            continue
        new_hyp = hyp[:start] + new_text + hyp[start + len(num.text) :]
        if _values(new_text) & src_values:
            continue
        if num.values & _values(new_hyp):
            continue  # the old value still reads somewhere (e.g. 76.000 as 76)
        return Injected(new_hyp, {"old": num.text, "new": new_text, "at": start})
    return None


_AR_WORD = re.compile(r"[\u0621-\u064a]+")
_AR_PREFIXES = ("و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك")


def _arabic_forms(word: str) -> list[str]:
    """A source word and its forms without the article (and a clitic before it)."""
    out = [word]
    for p in ("", *_AR_PREFIXES):
        if word.startswith(p + "ال") and len(word) - len(p) > 4:
            out.append(word[len(p) + 2 :])
    return out


@cache
def transliteration_pairs() -> dict[str, tuple[str, ...]]:
    """Arabic word -> its English romanisations (google-transliteration ar2en, lowercase)."""
    pairs: dict[str, list[str]] = defaultdict(list)
    for row in _read(DATA / "google-transliteration" / "ar2en.txt"):
        ar, _, en = row.partition("\t")
        if en:
            pairs[ar].append(en)
    return {k: tuple(v) for k, v in pairs.items()}


_EN_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")


def untranslated_word(src: str, hyp: str, rng: random.Random) -> Injected | None:
    """Replace an English word by the Arabic source word it renders: a word of the output that
    is a romanisation (google-transliteration) of a word of the source; if there is none,
    insert one of the three rarest Arabic words of the source (wordfreq; four letters or more:
    what a system leaves untranslated) between two words."""
    pairs = transliteration_pairs()
    words = {m.group().lower(): m for m in _EN_WORD.finditer(hyp)}
    found: list[tuple[str, re.Match[str]]] = []
    for token in _AR_WORD.findall(src):
        for form in _arabic_forms(token):
            for rom in pairs.get(form, ()):
                m = words.get(rom)
                if m is not None and len(rom) >= 3:
                    found.append((form, m))
    if found:
        form, m = rng.choice(sorted(found, key=lambda x: (x[1].start(), x[0])))
        new = hyp[: m.start()] + form + hyp[m.end() :]
        return Injected(new, {"mode": "replace", "word": m.group(), "arabic": form})
    tokens = sorted({t for t in _AR_WORD.findall(src) if len(t) >= 4}, key=_arabic_zipf)
    gaps = [m.start() for m in re.finditer(r"(?<=\S) (?=\S)", hyp)]
    if not tokens or not gaps:
        return None
    word, at = rng.choice(tokens[:3]), rng.choice(gaps)
    return Injected(hyp[:at] + " " + word + hyp[at:], {"mode": "insert", "arabic": word})


def byte_fallback(text: str) -> str:
    """``text`` as SentencePiece byte-fallback tokens: ``é`` -> ``<0xC3><0xA9>``."""
    return "".join(f"<0x{b:02X}>" for b in text.encode("utf-8"))


_BYTES = re.compile(r"(?:<0x[0-9A-F]{2}>)+")


def decode_byte_tokens(text: str) -> str:
    """Undo :func:`byte_fallback` (the runs that decode as UTF-8)."""

    def one(m: re.Match[str]) -> str:
        raw = bytes(int(m.group()[i + 3 : i + 5], 16) for i in range(0, len(m.group()), 6))
        return raw.decode("utf-8", errors="strict")

    return _BYTES.sub(one, text)


_ACUTE = {"a": "á", "e": "é", "i": "í", "o": "ó", "u": "ú"}


def _fallback_char(ch: str) -> bool:
    """A character a SentencePiece vocabulary may lack: non-ASCII letters, symbols and
    numbers (``é``, ``°``, ``½``, ``£``), not punctuation or spaces (curly quotes, dashes)."""
    return not ch.isascii() and unicodedata.category(ch)[0] in "LSN"


def byte_tokens(src: str, hyp: str, rng: random.Random) -> Injected | None:
    """Write a non-ASCII character of the output (every occurrence) as byte-fallback tokens;
    if there is none, accent a vowel of a capitalised word (not the first) and write it so."""
    chars = sorted({ch for ch in hyp if _fallback_char(ch)})
    if chars:
        ch = rng.choice(chars)
        new = hyp.replace(ch, byte_fallback(ch))
        return Injected(new, {"mode": "char", "char": ch, "tokens": byte_fallback(ch)})
    words = [m for m in _EN_WORD.finditer(hyp) if m.start() > 0 and len(m.group()) >= 4]
    names = [m for m in words if m.group()[0].isupper()] or words
    vowels = [(m, i) for m in names for i in range(1, len(m.group())) if m.group()[i] in _ACUTE]
    if not vowels:
        return None
    m, i = rng.choice(vowels)
    pos = m.start() + i
    accented = _ACUTE[hyp[pos]]
    new = hyp[:pos] + byte_fallback(accented) + hyp[pos + 1 :]
    return Injected(new, {"mode": "accent", "word": m.group(), "char": accented})


def duplicate_phrase(src: str, hyp: str, rng: random.Random) -> Injected | None:
    """Repeat a phrase of 3 to 6 words right after itself (``said on Tuesday said on
    Tuesday``)."""
    tokens = list(re.finditer(r"\S+", hyp))
    if len(tokens) < 5:
        return None
    n = rng.randint(3, min(6, len(tokens) - 2))
    i = rng.randrange(len(tokens) - n + 1)
    start, end = tokens[i].start(), tokens[i + n - 1].end()
    phrase = hyp[start:end]
    return Injected(hyp[:end] + " " + phrase + hyp[end:], {"phrase": phrase, "at": end + 1})


#: Arabic letters a romanisation writes as a vowel, a glide or nothing (alef, waw, yaa, alef
#: maqsura, hamza and its seats, ayn), and the Latin letters that answer them.
_AR_NOT_CONSONANT = frozenset("اأإآوؤيئىءع")
_LATIN_CONSONANT_RUN = re.compile(r"(sh|th|kh|gh|dh|[b-df-hj-np-tvxz])\1?", re.IGNORECASE)


_CONSONANT = r"(?>sh|th|kh|gh|dh|[bdfghjklmnqrstz])"
#: What Arabic words do not have (a consonant cluster at the start, three consonants in a row,
#: letters for sounds Arabic lacks) and endings of English and other languages' names.
_NOT_ARABIC_SHAPE = re.compile(
    rf"^{_CONSONANT}{{2}}|{_CONSONANT}{{3}}|[cpvx]|(?<!e)e$|ey$|oo|oa", re.IGNORECASE
)


def plausible_romanisation(arabic: str, rom: str) -> bool:
    """Whether ``rom`` reads as an Arabic->English romanisation of ``arabic``: as many
    consonants (digraphs such as ``sh`` and doubled letters count once; w and y count as
    vowels; a final taa marbuta may be ``-a``, ``-ah``, ``-eh`` or ``-at``), and an Arabic
    shape (no cluster at the start, no three consonants in a row, no p, v, x or c, no English
    ending such as ``-ey``). google-transliteration pairs Arabic mostly with the names it
    transliterates (``تالي`` - ``talley``, ``فورد`` - ``forde``) and some truncated ones
    (``ظل`` - ``zillur``): not what an Arabic->English system leaves in its output."""
    low = rom.lower()
    if _NOT_ARABIC_SHAPE.search(low.replace("w", "a").replace("y", "a")) or re.search(
        r"ey$|[cpvx]", low
    ):
        return False
    consonants = sum(1 for ch in arabic if ch not in _AR_NOT_CONSONANT and ch != "ة")
    latin = len(_LATIN_CONSONANT_RUN.findall(low.replace("w", "a").replace("y", "a")))
    taa = arabic.endswith("ة") and rom.endswith(("t", "h"))  # hayat, salamah, Jableh
    return latin == consonants or (taa and latin == consonants + 1)


def _arabic_zipf(word: str) -> tuple[float, str]:
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "ar")), word


def _english_zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "en"))


def transliterated_word(src: str, hyp: str, rng: random.Random) -> Injected | None:
    """Replace a lowercase English word (4 letters or more) by the romanisation of a word of
    the source that the human translated rather than transliterated: a romanisation
    (google-transliteration) of 4 letters or more that is not an English word (wordfreq zipf
    < 3), whose transliteration key matches no word of the output, and that is a plausible
    romanisation of the Arabic form (:func:`plausible_romanisation`); one of the two rarest
    such words of the source (wordfreq, the word as written: what a system fails to
    translate)."""
    from cleanup.english import FUNCTION_WORDS
    from cleanup.glossary.translit import translit_key

    pairs = transliteration_pairs()
    keys = {translit_key(m.group()) for m in _EN_WORD.finditer(hyp)}
    lower_hyp = hyp.lower()
    candidates: set[tuple[float, str, str]] = set()
    for token in _AR_WORD.findall(src):
        rarity = _arabic_zipf(token)[0]
        for form in _arabic_forms(token):
            for rom in pairs.get(form, ()):
                if (
                    len(rom) >= 4
                    and rom.isascii()
                    and rom.isalpha()
                    and rom not in lower_hyp
                    and translit_key(rom) not in keys
                    and _english_zipf(rom) < 3.0
                    and plausible_romanisation(form, rom)
                ):
                    candidates.add((rarity, form, rom))
    targets = [
        m
        for m in _EN_WORD.finditer(hyp)
        if m.group().isalpha() and m.group().islower() and len(m.group()) >= 4
    ]
    targets = [m for m in targets if m.group() not in FUNCTION_WORDS]
    if not candidates or not targets:
        return None
    _, form, rom = rng.choice(sorted(candidates)[:2])
    m = rng.choice(targets)
    new = hyp[: m.start()] + rom + hyp[m.end() :]
    zipf = _english_zipf(rom)
    mode = "zipf<1" if zipf < 1 else "zipf 1-3"  # unknown to wordfreq, or a name it knows
    return Injected(
        new, {"mode": mode, "word": m.group(), "romanisation": rom, "arabic": form, "zipf": zipf}
    )


Injection = Callable[[str, str, random.Random], Injected | None]

INJECTIONS: dict[str, Injection] = {
    "dropped": drop_sentence,
    "number": change_number,
    "untranslated": untranslated_word,
    "bytes": byte_tokens,
    "duplicated": duplicate_phrase,
    "translit": transliterated_word,
}


def build_system(
    corpus: Sequence[Pair], error: str, seed: int, rate: float
) -> tuple[list[str], dict[int, Injected]]:
    """The human outputs with ``error`` injected into ``rate`` of the segments (those that can
    carry it, in a seeded random order), and the injections by segment index. A romanisation
    is used at most :data:`MAX_SAME_WORD` times (``المتحدة`` is in hundreds of segments)."""
    inject = INJECTIONS[error]
    order = list(range(len(corpus)))
    random.Random(f"{error}:{seed}").shuffle(order)
    want = round(rate * len(corpus))
    hyps = [p.hyp for p in corpus]
    done: dict[int, Injected] = {}
    used: Counter[str] = Counter()
    for i in order:
        if len(done) >= want:
            break
        got = inject(corpus[i].src, corpus[i].hyp, random.Random(f"{error}:{seed}:{i}"))
        if got is None or got.hyp == corpus[i].hyp:
            continue
        word = got.detail.get("romanisation")
        if word is not None:
            if used[word] >= MAX_SAME_WORD:
                continue
            used[word] += 1
        hyps[i] = got.hyp
        done[i] = got
    return hyps, dict(sorted(done.items()))


# --- running and scoring ---------------------------------------------------------------------


@dataclass
class CodeInfo:
    code: str
    default: bool
    severity: str


def registered_codes() -> list[CodeInfo]:
    from cleanup.rules.qa import QA_CHECKS

    return [CodeInfo(c.code, c.default, c.severity) for c in QA_CHECKS]


Found = dict[int, Counter[str]]


def run_all(sources: Sequence[str], hyps: Sequence[str], glossary: Any) -> Found:
    """Findings of every registered check, by 0-based segment: counts per code."""
    from cleanup.qa import QAOptions, run_qa

    report = run_qa(sources, hyps, QAOptions(select=("ALL",)), glossary=glossary)
    out: Found = defaultdict(Counter)
    for f in report.findings:
        out[f.segment - 1][f.code] += 1
    return out


def run_systems(
    sources: Sequence[str], outputs: dict[str, list[str]], glossary: Any
) -> dict[str, Found]:
    """:func:`run_all` for several systems on the same sources, each distinct (source, output)
    pair checked once (the checks read one segment at a time, so a pair's findings do not
    depend on the system; most segments of a degraded system are the human ones)."""
    unique: dict[tuple[str, str], int] = {}
    for hyps in outputs.values():
        for pair in zip(sources, hyps, strict=True):
            unique.setdefault(pair, len(unique))
    pairs = list(unique)
    found = run_all([s for s, _ in pairs], [h for _, h in pairs], glossary)
    out: dict[str, Found] = {}
    for name, hyps in outputs.items():
        system: Found = defaultdict(Counter)
        for i, pair in enumerate(zip(sources, hyps, strict=True)):
            if unique[pair] in found:
                system[i] = found[unique[pair]]
        out[name] = system
    return out


def _new(found: Counter[str], human: Counter[str]) -> Counter[str]:
    """Findings per code beyond those of the human version of the segment (a code that fires
    on the human output too has caught the injected error only if it fires more often)."""
    return found - human


def evaluate(
    corpus: Sequence[Pair],
    human: Found,
    systems: dict[str, tuple[list[str], dict[int, Injected], Found]],
    codes: Sequence[CodeInfo],
) -> dict[str, Any]:
    kinds = Counter(p.kind for p in corpus)
    result: dict[str, Any] = {"codes": {}, "errors": {}}
    flagged: dict[str, dict[str, int]] = {c.code: Counter() for c in codes}
    for i, counts in human.items():
        for code in counts:
            flagged[code][corpus[i].kind] += 1
    totals = {error: _by_code(found) for error, (_, _, found) in systems.items()}
    for info in codes:
        c = info.code
        row: dict[str, Any] = {
            "default": info.default,
            "severity": info.severity,
            "false_alarms_per_1k": {
                k: round(1000 * flagged[c][k] / kinds[k], 2) for k in ("line", "chunk")
            },
            "human_segments_flagged": dict(flagged[c]),
            "recall": {},
        }
        tp = total = 0
        for error, (_, injected, found) in systems.items():
            hits = sum(1 for i in injected if _new(found[i], human[i])[c])
            row["recall"][error] = round(hits / len(injected), 4) if injected else None
            if c in EXPECTED[error]:
                total += totals[error][c]
                tp += sum(_new(found[i], human[i])[c] for i in injected)
        row["precision"] = round(tp / total, 4) if total else None
        row["precision_findings"] = total
        result["codes"][c] = row
    present = {c.code: c for c in codes}
    for error, (_, injected, found) in systems.items():
        expected = [c for c in EXPECTED[error] if c in present]
        on = [c for c in expected if present[c].default]
        by_kind = Counter(corpus[i].kind for i in injected)
        entry: dict[str, Any] = {
            "injected": len(injected),
            "by_kind": dict(by_kind),
            "expected": expected,
            "modes": dict(Counter(str(x.detail.get("mode", "")) for x in injected.values())),
        }
        for label, group in (("any_expected", expected), ("any_expected_default", on)):
            caught = [i for i in injected if any(_new(found[i], human[i])[c] for c in group)]
            entry[label] = round(len(caught) / len(injected), 4) if injected else None
            entry[label + "_by_kind"] = {
                k: round(sum(1 for i in caught if corpus[i].kind == k) / n, 4)
                for k, n in by_kind.items()
            }
            modes = Counter(str(x.detail.get("mode", "")) for x in injected.values())
            entry[label + "_by_mode"] = {
                mode: round(
                    sum(1 for i in caught if injected[i].detail.get("mode", "") == mode) / n, 4
                )
                for mode, n in modes.items()
                if mode
            }
            human_flagged = Counter(
                corpus[i].kind for i, f in human.items() if any(f[c] for c in group)
            )
            entry[label + "_false_alarms"] = {
                k: round(human_flagged[k] / kinds[k], 4) for k in ("line", "chunk")
            }
        result["errors"][error] = entry
    return result


def _by_code(found: Found) -> Counter[str]:
    out: Counter[str] = Counter()
    for counter in found.values():
        out.update(counter)
    return out


def _qe_available(codes: Sequence[str]) -> bool | None:
    """Whether the QE checks' model can load (their module's ``available()``), if it says."""
    from cleanup.rules.qa import QA_CHECKS

    for check in QA_CHECKS:
        if check.code in codes:
            available = getattr(sys.modules[check.__module__], "available", None)
            if callable(available):
                return bool(available())
    return None


def speed(
    sources: Sequence[str],
    hyps: Sequence[str],
    human: Sequence[str],
    glossary: Any,
    codes: Sequence[CodeInfo],
) -> dict[str, Any]:
    """Segments per second of `qa` (checks on by default, glossary on) after a warm-up run
    (models loaded): without the QE codes on the pool of all systems, best of three; with them
    (when registered) on the human outputs once (distinct texts: the encoder embeds a text once
    per batch, so the pool's repeats would flatter it)."""
    from cleanup.qa import QAOptions, run_qa

    qe = [c.code for c in codes if c.code.startswith("QE")]
    defaults = [c.code for c in codes if c.default and not c.code.startswith("QE")]
    runs = {"without_qe": (QAOptions(select=tuple(defaults)), sources, hyps, 3)}
    if qe:
        runs["with_qe"] = (QAOptions(select=(*defaults, *qe)), sources[: len(human)], human, 1)
    out: dict[str, Any] = {
        "qe_codes": qe,
        "qe_available": _qe_available(qe),
        "load_average": round(os.getloadavg()[0], 1),
        "cpus": os.cpu_count(),
    }
    for name, (options, srcs, outs, repeat) in runs.items():
        run_qa(srcs[:200], outs[:200], options, glossary=glossary)  # warm-up
        best = float("inf")
        findings = 0
        for _ in range(repeat):
            t0 = time.perf_counter()
            report = run_qa(srcs, outs, options, glossary=glossary)
            best = min(best, time.perf_counter() - t0)
            findings = len(report.findings)
        out[name] = {
            "segments": len(srcs),
            "runs": repeat,
            "seconds": round(best, 3),
            "segments_per_s": round(len(srcs) / best),
            "findings": findings,
        }
    return out


# --- output ----------------------------------------------------------------------------------

COLUMNS = {
    "dropped": "dropped sentence",
    "number": "changed number",
    "untranslated": "untranslated",
    "bytes": "byte tokens",
    "duplicated": "duplicated phrase",
    "translit": "transliterated",
}


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.0f}%" if x >= 0.1 or x == 0 else f"{100 * x:.1f}%"


def table_rows(result: dict[str, Any], bold: Callable[[str], str]) -> list[list[str]]:
    rows = []
    for code, r in result["codes"].items():
        fa = r["false_alarms_per_1k"]
        prec = r["precision"]
        p = "–" if prec is None else f"{_pct(prec)} of {r['precision_findings']}"
        if prec is None and any(code in EXPECTED[e] for e in ERRORS):
            p = "no findings"
        cells = [
            code,
            "yes" if r["default"] else "no",
            r["severity"],
            f"{fa['line']:.1f}",
            f"{fa['chunk']:.1f}",
            p,
        ]
        for e in ERRORS:
            cell = _pct(r["recall"][e])
            cells.append(bold(cell) if code in EXPECTED[e] else cell)
        rows.append(cells)
    for label, key in (
        ("any expected code", "any_expected"),
        ("any expected, on by default", "any_expected_default"),
    ):
        cells = [label, "", "", "", "", ""]
        for e in ERRORS:
            err = result["errors"][e]
            cells.append(bold(_pct(err[key])) if err["expected"] else "–")
        rows.append(cells)
    return rows


HEADER = [
    "code",
    "on",
    "severity",
    "FA/1k lines",
    "FA/1k chunks",
    "precision",
    *(COLUMNS[e] for e in ERRORS),
]


def render_text(rows: list[list[str]]) -> str:
    widths = [max(len(r[k]) for r in [HEADER, *rows]) for k in range(len(HEADER))]
    lines = ["  ".join(h.ljust(w) for h, w in zip(HEADER, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    return "\n".join(lines)


def render_markdown(rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def targets(result: dict[str, Any]) -> list[str]:
    """Whether the targets of issue 12 are met, one line each."""
    out = []
    drop = result["errors"]["dropped"]
    on = [c for c in drop["expected"] if result["codes"][c]["default"]]
    variants = [("any_expected_default", "on by default", on)]
    if on != drop["expected"]:
        variants.append(("any_expected", "all", drop["expected"]))
    for key, label, codes in variants:
        recall = drop[key] or 0.0
        fa = drop[key + "_false_alarms"]
        met = recall >= TARGET_DROP_RECALL and max(fa.values()) <= TARGET_DROP_FALSE_ALARMS
        out.append(
            f"dropped sentences, {'/'.join(codes) or 'no code'} ({label}): recall {_pct(recall)} at"
            f" false alarms on the human output {_pct(fa['line'])} of lines,"
            f" {_pct(fa['chunk'])} of chunks (target >= 80% at <= 2%): "
            + ("met" if met else "NOT met")
        )
    low = []
    unmeasured = []
    for code, r in result["codes"].items():
        if not r["default"]:
            continue
        if r["precision"] is None:
            unmeasured.append(code)
        elif r["precision"] < TARGET_PRECISION:
            low.append(f"{code} {_pct(r['precision'])}")
    out.append(
        "precision >= 80% for every code on by default: "
        + ("met" if not low else "NOT met (" + ", ".join(low) + ")")
        + (
            "; not measured (no injected error of their kind, or no finding): "
            + ", ".join(unmeasured)
            if unmeasured
            else ""
        )
    )
    return out


def breakdown(result: dict[str, Any]) -> list[str]:
    """Per error type: how many were injected, and the recall of its codes by kind and mode."""
    out = []
    for e in ERRORS:
        err = result["errors"][e]
        parts = [f"{k}s {n}" for k, n in sorted(err["by_kind"].items())]
        parts += [f"{m} {n}" for m, n in sorted(err["modes"].items()) if m]
        detail = [f"{k}s {_pct(v)}" for k, v in sorted(err["any_expected_by_kind"].items())]
        detail += [f"{m} {_pct(v)}" for m, v in sorted(err["any_expected_by_mode"].items())]
        codes = "/".join(err["expected"]) or "no code"
        out.append(
            f"{COLUMNS[e]}: {err['injected']} injected ({', '.join(parts)}); {codes}: "
            f"{_pct(err['any_expected'])} ({', '.join(detail)})"
        )
    return out


def _git(*args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=ROOT, capture_output=True, text=True, check=False
    ).stdout.strip()


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    ap.add_argument("--rate", type=float, default=0.1, help="share of segments degraded")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--markdown", action="store_true", help="the table as Markdown")
    ap.add_argument("--json", action="store_true", help="everything as JSON")
    ap.add_argument("--no-speed", action="store_true", help="skip the speed measurement")
    args = ap.parse_args()

    from cleanup.glossary.cache import compiled

    corpus = load_corpus(args.seed)
    sources = [p.src for p in corpus]
    codes = registered_codes()
    glossary = compiled()
    t0 = time.perf_counter()
    outputs = {"human": [p.hyp for p in corpus]}
    built = {e: build_system(corpus, e, args.seed, args.rate) for e in ERRORS}
    outputs.update((e, hyps) for e, (hyps, _) in built.items())
    found = run_systems(sources, outputs, glossary)
    human = found["human"]
    systems = {e: (hyps, injected, found[e]) for e, (hyps, injected) in built.items()}
    result = evaluate(corpus, human, systems, codes)
    result["corpus"] = {
        "segments": len(corpus),
        "by_kind": dict(Counter(p.kind for p in corpus)),
        "rate": args.rate,
        "seed": args.seed,
        "seconds_all_checks": round(time.perf_counter() - t0, 1),
    }
    if not args.no_speed:
        pool_src = sources * (1 + len(systems))
        pool_hyp = [p.hyp for p in corpus] + [h for hyps, _, _ in systems.values() for h in hyps]
        result["speed"] = speed(pool_src, pool_hyp, outputs["human"], glossary, codes)
    dirty = bool(_git("status", "--porcelain", "--", "cleanup"))
    result["commit"] = _git("rev-parse", "--short", "HEAD") + (
        " (+ uncommitted cleanup/)" if dirty else ""
    )
    result["date"] = dt.date.today().isoformat()
    result["targets"] = targets(result)
    result["examples"] = {
        e: [
            {"segment": i + 1, "kind": corpus[i].kind, **x.detail}
            for i, x in list(injected.items())[:3]
        ]
        for e, (_, injected, _) in systems.items()
    }

    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return
    markdown = args.markdown
    rows = table_rows(result, (lambda s: f"**{s}**") if markdown else (lambda s: s + "*"))
    c = result["corpus"]
    n_inj = ", ".join(f"{e} {result['errors'][e]['injected']}" for e in ERRORS)
    head = (
        f"{result['date']}, commit {result['commit']}: {c['segments']:,} segments "
        f"({c['by_kind']['line']:,} lines, {c['by_kind']['chunk']:,} chunks of 2-3 lines), "
        f"seed {c['seed']}; injected into {_pct(c['rate'])} of the segments per system "
        f"({n_inj})."
    )
    print(head + "\n")
    print(render_markdown(rows) if markdown else render_text(rows))
    print()
    mark = "bold" if markdown else "*"
    print(
        f"Recall: share of injected segments where the code has a new finding ({mark}: the codes "
        "meant to catch that error). Precision: on the systems of the errors the code is meant "
        "to catch, share of its findings that are new findings on an injected segment. "
        "FA/1k: human segments with a finding, per 1,000."
    )
    print()
    bullet = "- " if markdown else ""
    for line in breakdown(result):
        print(bullet + line)
    print()
    for line in result["targets"]:
        print(bullet + line)
    if "speed" in result:
        s = result["speed"]
        wo = s["without_qe"]
        line = (
            "qa speed (checks on by default, glossary on): "
            f"{wo['segments_per_s']:,} segments/s without QE ({wo['segments']:,} segments, best "
            f"of {wo['runs']}; target >= 5,000: "
            f"{'met' if wo['segments_per_s'] >= TARGET_SPEED else 'NOT met'})"
        )
        if "with_qe" in s and s["qe_available"] is not False:
            w = s["with_qe"]
            line += (
                f"; {w['segments_per_s']:,} segments/s with {'/'.join(s['qe_codes'])} "
                f"({w['segments']:,} segments, {w['runs']} run)"
            )
        elif "with_qe" in s:
            line += f"; {'/'.join(s['qe_codes'])} registered but its extra is not installed"
        else:
            line += "; no QE code registered"
        line += f" (load average {s['load_average']} on {s['cpus']} cores when measured)"
        print(bullet + line)


if __name__ == "__main__":
    main()
