"""What a rule is: a stable code, a name, a group, a docstring that is its user documentation, and
one pure method that proposes changes (or findings, for report-only rules)."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable, Sequence, Set
from dataclasses import dataclass, field
from typing import Any, ClassVar

from ..config import Config
from ..edits import Change
from ..scan import LeadScanner, char_class, char_runs, find_all, text_alphabet

__all__ = [
    "NEVER",
    "BaseRule",
    "Context",
    "Finding",
    "LeadScanner",
    "Locate",
    "Rule",
    "char_runs",
    "find_all",
    "regex_changes",
    "text_alphabet",
]

#: The trigger of a rule that never has anything to do (a pattern that matches nowhere).
NEVER = "(?!)"


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


#: Maps a span of the text a rule is given to the original text of the document:
#: ``(start, end) -> (line, start, end, col)``, the 0-based line, the span in original offsets
#: and where it starts in its line.
Locate = Callable[[int, int], tuple[int, int, int, int]]


@dataclass(slots=True)
class Context:
    """What a rule may know beyond the text itself. Rules only read it.

    ``next_opens_quote`` says whether the paragraph after the last one in the text opens with a
    quotation mark (so a quotation left open at the end of the text may legitimately continue);
    the pipeline decides it on the cleaned text that follows.

    ``surveys`` holds what rules worked out about the whole document in the first pass (see
    :meth:`Rule.survey`), by ``survey_key``; when a later pass cleans only some lines again,
    ``lines`` gives the document line of each line of the text the rules are given.
    """

    config: Config
    next_opens_quote: bool = False
    #: A superset of the characters of the text outside printable ASCII (see text_alphabet).
    alphabet: set[str] = field(default_factory=set)
    surveys: dict[str, Any] = field(default_factory=dict)
    lines: Sequence[int] | None = None
    locate: Locate | None = None
    #: the document's own date (a JSON Lines record's date field), if it has one
    date: dt.date | None = None

    def document_line(self, line: int) -> int:
        """The document line of line ``line`` of the text the rules are given."""
        return line if self.lines is None else self.lines[line]


class BaseRule:
    """What every rule of tarjama is, whatever it inspects: a stable ``code`` (``QT01``), a
    ``name`` (kebab-case), a ``group``, and a docstring with the sections *What it does*, *Why
    is this bad*, *Example* and *Use instead*, which is its user documentation (``tarjama rules
    CODE``, docs/rules.md). A rule is selected or ignored by any of these.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    group: ClassVar[str]
    #: ``clean`` for the rules of ``tarjama clean``, ``qa`` for the checks of ``tarjama qa``.
    kind: ClassVar[str] = "clean"
    fixes: ClassVar[bool] = False
    #: Rules that are off unless selected explicitly.
    default: ClassVar[bool] = True

    @classmethod
    def summary(cls) -> str:
        doc = (cls.__doc__ or "").strip()
        return doc.splitlines()[0] if doc else ""


class Rule(BaseRule):
    """A rule of ``tarjama clean``.

    A fixing rule implements :meth:`changes` (it proposes changes to the text it is given and
    never edits text itself); a report-only rule sets ``fixes = False`` and implements
    :meth:`report`.
    """

    fixes: ClassVar[bool] = True
    #: Consecutive rules with ``batch = True`` touch disjoint characters and do not depend on
    #: each other's output, so the pipeline may compute their changes on the same text and
    #: apply them together.
    batch: ClassVar[bool] = False
    #: Fast path: the rule has work only if the text holds one of ``chars`` (characters outside
    #: printable ASCII, looked up in the text's alphabet) or one of ``needles`` (substrings).
    #: A rule with neither always runs.
    chars: str = ""
    needles: tuple[str, ...] = ()
    #: Fast path, line by line: what finds something in every line the rule may change (a
    #: necessary condition, looked for in the line as it is before the first stage).
    #: ``trigger``: regular expressions, each starting with one character or one character
    #: class (its lead; the pipeline joins them all into one expression that only stops at a
    #: lead, so a lead should be rare: write ``[,.](?<=[ \t].)`` rather than ``[ \t][,.]``);
    #: ``trigger_needles``: substrings, looked for in the whole text (``" \n"`` finds a line
    #: that ends in a space). With neither, ``chars`` and ``needles`` are the trigger; a rule
    #: with none of the four may change any line. ``(NEVER,)``: the rule has nothing to do.
    trigger: tuple[str, ...] | None = None
    trigger_needles: tuple[str, ...] = ()
    #: Whether :meth:`may_change` is a finer test worth making on the lines ``trigger`` finds.
    checks_lines: ClassVar[bool] = False
    #: Whether the rule's changes may bring a double quotation mark into a line (HT01 decodes
    #: ``&quot;``). The quotation rules read a line's marks together with the paragraphs after
    #: it, so the fast path gives a line such a rule may change those paragraphs as context.
    #: A rule that does not say so never adds a double mark (tests/test_fast_path.py checks).
    adds_marks: ClassVar[bool] = False
    #: Rules that need to know the whole document before they decide a line (the glossary's
    #: context evidence) name a survey; the rules sharing a key share one survey.
    survey_key: ClassVar[str | None] = None

    def __init__(self, config: Config, shared: dict[str, Any] | None = None) -> None:
        """``shared``: what the rules of one pipeline share (built once by the first rule that
        needs it, e.g. the compiled glossary); rules only read from what is in it."""
        self.config = config
        self.shared = {} if shared is None else shared
        self._charset = frozenset(self.chars)

    def applies(self, text: str, alphabet: Set[str] | None = None) -> bool:
        """Cheap test whether the rule may have anything to do in ``text``.

        ``alphabet`` is a superset of the characters of ``text`` outside printable ASCII
        (see :func:`alphabet`); without it, it is computed.
        """
        if self.chars or self.needles:
            if self.chars:
                if alphabet is None:
                    alphabet = text_alphabet(text)
                if not self._charset.isdisjoint(alphabet):
                    return True
            return any(n in text for n in self.needles)
        return True

    def line_trigger(self) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
        """The rule's trigger as (regular expressions, needles): ``trigger`` and
        ``trigger_needles``, else ``chars`` (one class) and ``needles``; None if the rule may
        change any line."""
        if self.trigger is not None or self.trigger_needles:
            return self.trigger or (), self.trigger_needles
        if not self.chars and not self.needles:
            return None
        return ((char_class(self.chars),) if self.chars else ()), self.needles

    def may_add_marks(self, line: str) -> bool:
        """For a rule that ``adds_marks``: whether it may add a double quotation mark to
        ``line`` (a necessary condition; by default, whether its trigger finds something)."""
        return self._trigger_re.search(line) is not None

    @functools.cached_property
    def _trigger_re(self) -> re.Pattern[str]:
        """The rule's line trigger as one regular expression (``.`` if it has none)."""
        trigger = self.line_trigger()
        if trigger is None:
            return re.compile(".")
        patterns, needles = trigger
        ends = [re.escape(n[:-1]) + "$" for n in needles if n.endswith("\n")]
        rest = [re.escape(n) for n in needles if not n.endswith("\n")]
        return re.compile("|".join([*patterns, *ends, *rest]))

    def may_change(self, line: str) -> bool:
        """For a rule that ``checks_lines``: whether it may change ``line``, an ASCII line in
        which its trigger found something (a necessary condition, like the trigger)."""
        return True

    def present(self, ctx: Context) -> str:
        """The rule's trigger characters that occur in the text (from ``ctx.alphabet``)."""
        return "".join(c for c in ctx.alphabet if c in self._charset)

    def changes(self, text: str, ctx: Context) -> list[Change]:
        return []

    def survey(self, text: str, ctx: Context) -> Any:
        """What this rule needs to know about the whole document (``survey_key`` rules only).
        The pipeline calls it once, in the first pass, on the text the rule's stage is given,
        and keeps the result in ``ctx.surveys`` for every later pass and for the reports."""
        return None

    def report(self, text: str, ctx: Context) -> Iterable[Finding]:
        return ()


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
