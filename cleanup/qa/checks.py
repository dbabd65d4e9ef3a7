"""The QA checks: per-segment findings on a translation, with code, evidence and severity.

Each check looks at one segment (source, hypothesis, optional reference) and is cheap; the only
slow tool, langdetect, runs only on segments that a script and function-word test finds
suspicious. Codes (select or ignore by code or prefix, as ruff does):

====== ======== ===========================================================================
code   severity what
====== ======== ===========================================================================
EMP01  error    empty output for a non-empty source
SRC01  error    output identical to the source
UNT01  error    untranslated Arabic script in the output (the whole segment: error; a run
                of Arabic words inside English: warning)
LNG01  error    output in another language (another script, or Latin-script non-English
                by langdetect, seeded)
NUM01  error    a number of the source is missing from the output (warning when the
                reference does not have it either)
NUM02  info     a number in the output that is not in the source
QUO01  warning  unpaired quotation marks that the source does not have
BRK01  warning  unbalanced brackets that the source does not have
DUP01  warning  a doubled word ("the the")
LEN01  warning  output too short for the source (SentencePiece length ratio)
LEN02  warning  output too long for the source
TRM01  warning  a deprecated glossary term (a variant spelling or an MT calque)
====== ======== ===========================================================================
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from ..arabic import ARABIC_LETTER_RE as ARABIC_LETTER
from ..chars import ARABIC
from ..chars import ARABIC_LETTER as _LETTER_CLASS
from .numbers import english_numbers, source_numbers

__all__ = [
    "CODES",
    "Finding",
    "QAOptions",
    "QAReport",
    "Severity",
    "check_segment",
    "run_qa",
]

Severity = Literal["error", "warning", "info"]
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}

CODES: dict[str, tuple[Severity, str]] = {
    "EMP01": ("error", "empty output"),
    "SRC01": ("error", "output identical to source"),
    "UNT01": ("error", "untranslated Arabic script"),
    "LNG01": ("error", "wrong language"),
    "NUM01": ("error", "number missing"),
    "NUM02": ("info", "number not in source"),
    "QUO01": ("warning", "unpaired quotation mark"),
    "BRK01": ("warning", "unbalanced bracket"),
    "DUP01": ("warning", "doubled word"),
    "LEN01": ("warning", "output too short"),
    "LEN02": ("warning", "output too long"),
    "TRM01": ("warning", "deprecated glossary term"),
}

MODEL_PATH = Path(__file__).resolve().parent / "data" / "length.model"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in one segment (1-based), with the evidence that shows it."""

    code: str
    segment: int
    severity: Severity
    message: str
    evidence: str = ""
    start: int | None = None  # span of the evidence in the hypothesis, when it is there
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "code": self.code,
            "line": self.segment,
            "segment": self.segment,  # deprecated alias of line (both 1-based)
            "severity": self.severity,
            "message": self.message,
            "evidence": self.evidence,
        }
        if self.start is not None:
            d["start"], d["end"] = self.start, self.end
        return d


@dataclass(frozen=True)
class QAOptions:
    """Which checks run and how.

    Attributes:
        select: codes or prefixes to run (empty = all).
        ignore: codes or prefixes not to run (wins over select).
        language_detect: run langdetect on suspicious Latin-script segments.
        length_model: SentencePiece model for the length ratio (default: the shipped one,
            with the shipped calibration; another model needs its own ``length_bounds``).
        length_bounds: ``(min_src, max_src, low, high)`` ratio bounds per source length.
        min_detect_words: fewer words than this are never sent to langdetect.
    """

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    language_detect: bool = True
    length_model: str | None = None
    length_bounds: tuple[tuple[int, int, float, float], ...] | None = None
    min_detect_words: int = 5

    def enabled(self, code: str) -> bool:
        if any(code.startswith(p.upper()) for p in self.ignore):
            return False
        return not self.select or any(code.startswith(p.upper()) for p in self.select)


@dataclass
class QAReport:
    """The findings of one system, in segment order."""

    n_segments: int
    findings: list[Finding] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for f in self.findings:
            out[f.code] = out.get(f.code, 0) + 1
        return dict(sorted(out.items()))

    def at_least(self, severity: Severity) -> list[Finding]:
        rank = SEVERITY_RANK[severity]
        return [f for f in self.findings if SEVERITY_RANK[f.severity] >= rank]

    def to_dict(self) -> dict[str, Any]:
        return {
            "n_segments": self.n_segments,
            "counts": self.counts(),
            "findings": [f.to_dict() for f in self.findings],
        }


# --- helpers -----------------------------------------------------------------------------

_ARABIC_RUN = re.compile(f"[{_LETTER_CLASS}][{ARABIC}\\s]*")
_LETTER = re.compile(r"[^\W\d_]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
_NON_LATIN_LETTER = re.compile(r"[^\W\d_A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_DOUBLED = re.compile(r"\b([^\W\d_]+)\s+(\1)\b", re.IGNORECASE)
_DOUBLE_OK = frozenset({"had", "that", "bye", "no", "yeah", "very", "so", "ha", "far", "tut"})
_FUNCTION_WORDS = frozenset(
    """the a an of to in on at for from by with and or but is are was were be been being has
    have had do does did it its this that these those he she they we you i me my him his her
    them their our us your not no yes as said says will would could should can may might must
    after before over under about into than also who which what when where why how while if
    there here then now so up out off down all more just one two new
    against amid among both back big first last year years day week time times world man men
    people police city state house court government minister president party vote plan top
    home help says claims calls deal win wins lead talks attack killed dies dead death war
    watch miss know want go going get got make made take took see full second set shot sue
    goal cup league review news report video new old""".split()
)
_ENGLISH_SHAPE = re.compile(r"(?:ing|tion|ed|ly|'s|’s)$|th|wh|sh|ck|ght|ea|oo")
_PAIRS = (("(", ")"), ("[", "]"), ("{", "}"))


def _quote_imbalance(text: str) -> str | None:
    """Which kind of quotation mark is unpaired in ``text``, if any."""
    if text.count('"') % 2:
        return '"'
    if text.count("“") + text.count("”") and text.count("“") != text.count("”"):
        return "“”"
    if text.count("«") != text.count("»"):
        return "«»"
    return None


def _any_quote_imbalance(text: str) -> bool:
    curly = text.count("“") + text.count("”")
    return bool(
        text.count('"') % 2
        or curly % 2
        or text.count("«") != text.count("»")
        or (text.count('"') + curly) % 2
    )


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


def _brackets_balanced(text: str) -> bool:
    return all(text.count(o) == text.count(c) for o, c in _PAIRS)


@lru_cache(maxsize=4)
def _length_tokenizer(path: str) -> Any:
    from ..spm import load_processor

    return load_processor(path)


def _language(text: str) -> tuple[str, float] | None:
    """langdetect's best language and probability, seeded for determinism."""
    try:
        from langdetect import DetectorFactory, detect_langs
        from langdetect.lang_detect_exception import LangDetectException
    except ImportError:
        return None
    DetectorFactory.seed = 0
    try:
        langs = detect_langs(text)
    except LangDetectException:
        return None
    if not langs:
        return None
    return str(langs[0].lang), float(langs[0].prob)


def _script_name(ch: str) -> str:
    import unicodedata

    name = unicodedata.name(ch, "")
    return name.split(" ")[0].title() if name else "unknown"


# --- the per-segment check ---------------------------------------------------------------


class _Checker:
    def __init__(self, options: QAOptions, glossary: Any = None) -> None:
        from .calibration import BOUNDS

        self.options = options
        enabled = frozenset(code for code in CODES if options.enabled(code))
        self.on: Callable[[str], bool] = enabled.__contains__
        self.bounds = options.length_bounds or (BOUNDS if options.length_model is None else ())
        self.model = options.length_model or str(MODEL_PATH)
        self.sp: Any = None
        self.terms: Any = None
        if glossary is not None and self.on("TRM01"):
            from .terms import DeprecatedTermMatcher

            self.terms = DeprecatedTermMatcher(glossary)

    def lengths(self, texts: Sequence[str]) -> list[int]:
        """SentencePiece lengths of many texts at once (batched in C++)."""
        if not self.bounds or not (self.on("LEN01") or self.on("LEN02")):
            return [0] * len(texts)
        if self.sp is None:
            self.sp = _length_tokenizer(self.model)
        return [len(ids) for ids in self.sp.EncodeAsIds(list(texts))]

    def check(
        self,
        n: int,
        src: str,
        hyp: str,
        ref: str | None,
        n_src: int | None = None,
        n_hyp: int | None = None,
    ) -> list[Finding]:
        out: list[Finding] = []
        on = self.on
        s, h = src.strip(), hyp.strip()
        if not h:
            if s and on("EMP01"):
                out.append(Finding("EMP01", n, "error", "the output is empty", s[:80]))
            return out
        if s and h == s:
            if on("SRC01"):
                out.append(Finding("SRC01", n, "error", "the output is the source", h[:80]))
            return out
        self._script(n, hyp, out)
        if on("NUM01") or on("NUM02"):
            self._numbers(n, src, hyp, ref, out)
        if on("QUO01"):
            bad = _quote_imbalance(hyp)
            if bad and not _any_quote_imbalance(src):
                pos = max(hyp.rfind(c) for c in bad)
                out.append(
                    Finding(
                        "QUO01",
                        n,
                        "warning",
                        f"unpaired {bad} (the source's quotes pair up)",
                        hyp[max(0, pos - 30) : pos + 30],
                        pos,
                        pos + 1,
                    )
                )
        if on("BRK01"):
            problem = _bracket_problem(hyp)
            if problem and _brackets_balanced(src):
                ch, pos = problem
                out.append(
                    Finding(
                        "BRK01",
                        n,
                        "warning",
                        f"unmatched {ch!r} (the source's brackets balance)",
                        hyp[max(0, pos - 30) : pos + 30],
                        pos,
                        pos + 1,
                    )
                )
        if on("DUP01"):
            for m in _DOUBLED.finditer(hyp):
                first, second = m.group(1), m.group(2)
                if first[0].isupper() and second[0].isupper():
                    continue  # a name: Pago Pago, Baden Baden
                if first.lower() not in _DOUBLE_OK:
                    out.append(
                        Finding(
                            "DUP01",
                            n,
                            "warning",
                            f"doubled word {m.group(1)!r}",
                            m.group(),
                            m.start(),
                            m.end(),
                        )
                    )
        if self.bounds and (on("LEN01") or on("LEN02")):
            if n_src is None or n_hyp is None:
                n_src, n_hyp = self.lengths([src, hyp])
            self._length(n, n_src, n_hyp, out)
        if self.terms is not None:
            for start, end, term in self.terms.find(hyp):
                out.append(
                    Finding(
                        "TRM01",
                        n,
                        "warning",
                        f"deprecated term {hyp[start:end]!r}: use {term.replacement!r}"
                        if term.replacement
                        else f"deprecated term {hyp[start:end]!r}",
                        hyp[start:end],
                        start,
                        end,
                    )
                )
        return out

    def _script(self, n: int, hyp: str, out: list[Finding]) -> None:
        if _NON_LATIN_LETTER.search(hyp) is None:
            self._latin_language(n, hyp, out)
            return
        letters = _LETTER.findall(hyp)
        arabic = len(ARABIC_LETTER.findall(hyp))
        latin = len(_LATIN.findall(hyp))
        if arabic:
            if self.on("UNT01"):
                whole = arabic * 2 > len(letters)
                for m in _ARABIC_RUN.finditer(hyp):
                    run = m.group().rstrip()
                    out.append(
                        Finding(
                            "UNT01",
                            n,
                            "error" if whole else "warning",
                            "the segment is not translated"
                            if whole
                            else "Arabic script left in the output",
                            run,
                            m.start(),
                            m.start() + len(run),
                        )
                    )
                    if whole:
                        break
            return
        if not self.on("LNG01"):
            return
        other = len(letters) - latin
        if other * 2 > len(letters):
            script = _script_name(next(c for c in letters if not _LATIN.match(c)))
            out.append(Finding("LNG01", n, "error", f"the output is in {script} script", hyp[:80]))
            return
        self._latin_language(n, hyp, out)

    def _latin_language(self, n: int, hyp: str, out: list[Finding]) -> None:
        """Latin script: is it English? Cheap test first, langdetect only if suspicious."""
        if not self.options.language_detect or not self.on("LNG01"):
            return
        words = _WORD.findall(hyp)
        if len(words) < self.options.min_detect_words:
            return
        lower = [w for w in words if w.islower()]
        if len(lower) < 3:  # names and headlines: nothing to tell the language by
            return
        # English prose is about 40% function words; headlines have English-shaped words
        # ("comparing", "divides", "quickly") or common ones ("against", "watch")
        evidence = sum(1 for w in lower if w in _FUNCTION_WORDS or _ENGLISH_SHAPE.search(w))
        if evidence * 4 >= len(lower):
            return
        detected = _language(hyp)
        if detected and detected[0] != "en" and detected[1] >= 0.9:
            lang, prob = detected
            out.append(
                Finding(
                    "LNG01",
                    n,
                    "error",
                    f"the output looks like {lang!r} (langdetect p={prob:.2f})",
                    hyp[:80],
                )
            )

    def _numbers(self, n: int, src: str, hyp: str, ref: str | None, out: list[Finding]) -> None:
        src_nums = source_numbers(src)
        hyp_nums = source_numbers(hyp)  # digits; number words only when needed
        hyp_values = frozenset().union(*(x.values for x in hyp_nums))
        if self.on("NUM01") and src_nums:
            ref_values: frozenset[Any] | None = None
            if ref is not None:
                ref_values = frozenset().union(*(x.values for x in english_numbers(ref)))
            words_read = False
            for num in src_nums:
                if num.values & hyp_values:
                    continue
                if not words_read:
                    words_read = True
                    hyp_values = frozenset().union(*(x.values for x in english_numbers(hyp)))
                    if num.values & hyp_values:
                        continue
                soft = ref_values is not None and not (num.values & ref_values)
                out.append(
                    Finding(
                        "NUM01",
                        n,
                        "warning" if soft else "error",
                        f"number {num.text!r} of the source is not in the output"
                        + (" (nor in the reference)" if soft else ""),
                        num.text,
                    )
                )
        if self.on("NUM02"):
            src_values = frozenset().union(*(x.values for x in src_nums))
            for num in hyp_nums:
                if num.text[0].isdigit() and not (num.values & src_values):
                    out.append(
                        Finding(
                            "NUM02",
                            n,
                            "info",
                            f"number {num.text!r} is not in the source",
                            num.text,
                            num.start,
                            num.end,
                        )
                    )

    def _length(self, n: int, n_src: int, n_hyp: int, out: list[Finding]) -> None:
        for lo, hi, low, high in self.bounds:
            if lo <= n_src < hi:
                ratio = n_hyp / n_src
                if ratio < low and self.on("LEN01"):
                    msg = f"{n_hyp} pieces for {n_src} in the source: ratio {ratio:.2f} < {low}"
                    out.append(Finding("LEN01", n, "warning", msg, f"{ratio:.2f}"))
                elif ratio > high and self.on("LEN02"):
                    msg = f"{n_hyp} pieces for {n_src} in the source: ratio {ratio:.2f} > {high}"
                    out.append(Finding("LEN02", n, "warning", msg, f"{ratio:.2f}"))
                return


def check_segment(
    src: str,
    hyp: str,
    ref: str | None = None,
    options: QAOptions | None = None,
    glossary: Any = None,
    segment: int = 1,
) -> list[Finding]:
    """The findings of one segment (a convenience over :func:`run_qa`)."""
    return _Checker(options or QAOptions(), glossary).check(segment, src, hyp, ref)


def run_qa(
    sources: Sequence[str],
    hypotheses: Sequence[str],
    options: QAOptions | None = None,
    *,
    references: Sequence[str] | None = None,
    glossary: Any = None,
) -> QAReport:
    """Check every segment; the streams must have the same length (ValueError otherwise)."""
    if len(sources) != len(hypotheses) or (
        references is not None and len(references) != len(sources)
    ):
        raise ValueError("sources, hypotheses and references must have the same length")
    checker = _Checker(options or QAOptions(), glossary)
    report = QAReport(len(sources))
    step = 2048
    for base in range(0, len(sources), step):
        srcs, hyps = sources[base : base + step], hypotheses[base : base + step]
        n_srcs, n_hyps = checker.lengths(srcs), checker.lengths(hyps)
        for j, (src, hyp) in enumerate(zip(srcs, hyps, strict=True)):
            i = base + j
            ref = references[i] if references is not None else None
            report.findings.extend(checker.check(i + 1, src, hyp, ref, n_srcs[j], n_hyps[j]))
    return report
