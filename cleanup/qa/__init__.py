"""Translation QA: per-segment findings (numbers, untranslated or wrong-language output,
quotes and brackets, doubled words, empty or copied output, length ratio, deprecated terms).

>>> from cleanup.qa import check_segment
>>> [f.code for f in check_segment("قتل ٢٥٥ شخصا", "25 people were killed")]
['NUM01', 'NUM02']
"""

from __future__ import annotations

from ..arabic import fold as normalize_arabic
from .checks import CODES, Finding, QAOptions, QAReport, Severity, check_segment, run_qa

__all__ = [
    "CODES",
    "Finding",
    "QAOptions",
    "QAReport",
    "Severity",
    "check_segment",
    "normalize_arabic",
    "run_qa",
]
