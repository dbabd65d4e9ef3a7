"""What a rule is: a stable code, a name, a group, a docstring that is its user documentation, and
one pure method that proposes changes (or findings, for report-only rules)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import ClassVar

from ..config import Config
from ..edits import Change

__all__ = ["Context", "Finding", "Rule", "regex_changes"]


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem a rule reports without changing the text (offsets into the text it was given)."""

    code: str
    start: int
    end: int
    message: str
    severity: str = "warning"

    def to_json(self) -> dict[str, object]:
        return {
            "code": self.code,
            "start": self.start,
            "end": self.end,
            "message": self.message,
            "severity": self.severity,
        }


@dataclass(slots=True)
class Context:
    """What a rule may know beyond the text itself.

    ``next_opens_quote`` says whether the paragraph after the last one in the text opens with a
    quotation mark (so a quotation left open at the end of the text may legitimately continue).
    ``findings`` collects report-only output of every rule in the run.
    """

    config: Config
    next_opens_quote: bool = False
    findings: list[Finding] = field(default_factory=list)


class Rule:
    """Base class of every rule.

    Subclasses set ``code`` (stable, e.g. ``QT01``), ``name`` (kebab-case), ``group`` and write a
    docstring with the sections *What it does*, *Why is this bad*, *Example* and *Use instead*.
    A fixing rule implements :meth:`changes`; a report-only rule sets ``fixes = False`` and
    implements :meth:`report`.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    group: ClassVar[str]
    fixes: ClassVar[bool] = True
    #: Rules that are off unless selected explicitly.
    default: ClassVar[bool] = True
    #: A pattern that must occur in the text for the rule to have anything to do (fast path).
    trigger: ClassVar[re.Pattern[str] | None] = None

    def __init__(self, config: Config) -> None:
        self.config = config

    def applies(self, text: str) -> bool:
        return self.trigger is None or self.trigger.search(text) is not None

    def changes(self, text: str, ctx: Context) -> list[Change]:
        return []

    def report(self, text: str, ctx: Context) -> Iterable[Finding]:
        return ()

    @classmethod
    def summary(cls) -> str:
        doc = (cls.__doc__ or "").strip()
        return doc.splitlines()[0] if doc else ""


def regex_changes(
    pattern: re.Pattern[str],
    text: str,
    code: str,
    replace: str | Callable[[re.Match[str]], str | None],
) -> list[Change]:
    """One change per match of ``pattern``; ``replace`` returning ``None`` keeps the match."""
    out: list[Change] = []
    if isinstance(replace, str):
        for m in pattern.finditer(text):
            out.append(Change(m.start(), m.end(), replace, code))
        return out
    for m in pattern.finditer(text):
        after = replace(m)
        if after is not None and after != m.group():
            out.append(Change(m.start(), m.end(), after, code))
    return out
