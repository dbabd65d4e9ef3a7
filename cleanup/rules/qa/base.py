"""What a QA check is: a rule that reads one segment (source, output, optional reference) and
reports findings, never changing text. The checks of ``tarjama qa`` are in the registry with
the cleaning rules; ``cleanup.qa`` runs them.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

from ..base import BaseRule
from ..bytes import blank_byte_tokens

__all__ = ["SEVERITY_RANK", "Check", "QAFinding", "QAOptions", "Segment", "Severity"]

Severity = Literal["error", "warning", "info"]
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True, slots=True)
class QAFinding:
    """One problem in one segment (``segment``: the 1-based line), with its evidence."""

    code: str
    segment: int
    severity: Severity
    message: str
    evidence: str = ""
    start: int | None = None  # span of the evidence in the output, when it is there
    end: int | None = None

    @property
    def line(self) -> int:
        return self.segment

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
        select: codes, prefixes or groups to run (empty = every check on by default).
        ignore: codes, prefixes or groups not to run (wins over select).
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


class Segment:
    """One segment and what the checks share about it, computed once, when first asked."""

    def __init__(
        self,
        line: int,
        src: str,
        hyp: str,
        ref: str | None = None,
        n_src: int | None = None,
        n_hyp: int | None = None,
    ) -> None:
        self.line = line  # 1-based
        self.src, self.hyp, self.ref = src, hyp, ref
        self.n_src, self.n_hyp = n_src, n_hyp  # SentencePiece pieces, if counted
        #: Scores a check computed for the segment (``adequacy``: QE01), by name.
        self.scores: dict[str, float] = {}

    @property
    def degenerate(self) -> bool:
        """The output is empty or a copy of the source: EMP01 or SRC01 says so, and the other
        checks have nothing to read."""
        h = self.hyp.strip()
        return not h or h == self.src.strip()

    @functools.cached_property
    def src_numbers(self) -> list[Any]:
        from .numerals import source_numbers

        return source_numbers(self.src)

    @functools.cached_property
    def hyp_digits(self) -> list[Any]:
        from .numerals import source_numbers

        return source_numbers(blank_byte_tokens(self.hyp))

    @functools.cached_property
    def hyp_numbers(self) -> list[Any]:
        """Numbers in the output, digits and number words."""
        from .numerals import english_numbers

        return english_numbers(blank_byte_tokens(self.hyp))


class Check(BaseRule):
    """A QA check: :meth:`check` reads one :class:`Segment` and returns findings.

    ``severity`` is the usual severity of its findings (a finding may say otherwise);
    ``shared`` holds what the checks of one run share (the glossary's matcher, the length
    model), read-only.
    """

    kind: ClassVar[str] = "qa"
    group: ClassVar[str] = "qa"
    severity: ClassVar[Severity] = "warning"
    #: The check needs the SentencePiece lengths of source and output.
    needs_lengths: ClassVar[bool] = False
    #: The check reads the glossary's matcher (``shared["glossary.matcher"]``).
    needs_glossary: ClassVar[bool] = False

    def __init__(self, options: QAOptions, shared: dict[str, Any] | None = None) -> None:
        self.options = options
        self.shared = {} if shared is None else shared

    def prepare(self, segments: Sequence[Segment]) -> None:
        """Called with each batch of segments before :meth:`check` reads them one by one:
        the place for work done better in batches (QE01's embeddings)."""

    def check(self, seg: Segment) -> Iterable[QAFinding]:
        return ()

    def finding(
        self,
        seg: Segment,
        message: str,
        evidence: str = "",
        start: int | None = None,
        end: int | None = None,
        severity: Severity | None = None,
    ) -> QAFinding:
        return QAFinding(
            self.code, seg.line, severity or self.severity, message, evidence, start, end
        )
