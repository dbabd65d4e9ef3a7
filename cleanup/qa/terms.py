"""Deprecated glossary terms in English output (TRM01), found with the glossary's matcher."""

from __future__ import annotations

from typing import Any

__all__ = ["DeprecatedTermMatcher"]


class DeprecatedTermMatcher:
    """Finds deprecated English terms (spelling variants, MT calques) in a text."""

    def __init__(self, glossary: Any = None) -> None:
        from ..score.terms import english_matcher

        self.matcher = english_matcher(glossary)

    def find(self, text: str) -> list[tuple[int, int, Any]]:
        """``(start, end, term)`` for each deprecated English term in ``text``."""
        return [
            (m.start, m.end, m.term)
            for m in self.matcher.find(text)
            if m.term.status == "deprecated" and m.term.lang == "en"
        ]
