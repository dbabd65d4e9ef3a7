"""Translation QA: the checks of the registry run segment by segment (``tarjama qa``).

>>> from cleanup.qa import check_segment
>>> [f.code for f in check_segment("قتل ٢٥٥ شخصا", "25 people were killed")]
['NUM01', 'NUM02']
"""

from __future__ import annotations

from ..arabic import fold as normalize_arabic
from ..rules.qa import SEVERITY_RANK, QAFinding, QAOptions, Severity
from .runner import CODES, QAReport, check_segment, run_qa, select_checks

#: Deprecated name of :class:`QAFinding` (kept for one release).
Finding = QAFinding

__all__ = [
    "CODES",
    "SEVERITY_RANK",
    "Finding",
    "QAFinding",
    "QAOptions",
    "QAReport",
    "Severity",
    "check_segment",
    "normalize_arabic",
    "run_qa",
    "select_checks",
]
