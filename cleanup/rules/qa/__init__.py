"""The QA checks of ``tarjama qa``, in the order they run (see :mod:`.base`)."""

from __future__ import annotations

from .adequacy import LowAdequacy
from .base import SEVERITY_RANK, Check, QAFinding, QAOptions, Segment, Severity
from .length import TooLong, TooShort
from .marks import DoubledWord, RepeatedPhrase, UnbalancedBracket, UnpairedQuote
from .numbers import MissingNumber, NumberNotInSource
from .omission import MissingSentence
from .output import EmptyOutput, SourceCopy
from .script import UntranslatedText, WrongLanguage
from .terms import DeprecatedTerm
from .tokens import BrokenTime, ByteToken
from .transliterated import TransliteratedWord

__all__ = [
    "QA_CHECKS",
    "SEVERITY_RANK",
    "Check",
    "QAFinding",
    "QAOptions",
    "Segment",
    "Severity",
]

#: Every QA check, in the order they run and report.
QA_CHECKS: tuple[type[Check], ...] = (
    EmptyOutput,
    SourceCopy,
    UntranslatedText,
    WrongLanguage,
    MissingNumber,
    NumberNotInSource,
    ByteToken,
    BrokenTime,
    UnpairedQuote,
    UnbalancedBracket,
    DoubledWord,
    RepeatedPhrase,
    MissingSentence,
    TooShort,
    TooLong,
    LowAdequacy,
    DeprecatedTerm,
    TransliteratedWord,
)
