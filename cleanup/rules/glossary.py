"""GL: the glossary rules of ``tarjama clean`` (GL01-GL04).

The four rules share one search of the text (:class:`Planner`, built once per pipeline, with the
compiled glossary, by the first of them): each mention of a glossary name is classified once,
and each rule hands the pipeline its own share of the changes, with the concept id in every
change so the edit log says which concept an edit belongs to. The rules are batched (they
compute their changes on the same text and never overlap). The glossary is loaded only when one
of them is selected, so ``--no-glossary`` costs nothing.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from typing import Any

from ..arabic import ARABIC_LETTER_RE
from ..chars import APOSTROPHES
from ..config import Config
from ..edits import Change
from ..english import ABBREVIATIONS
from ..glossary.matcher import Matcher, Mention
from .base import Context, Rule

__all__ = [
    "GLOSSARY_RULES",
    "ArabicName",
    "DeprecatedName",
    "NameCapital",
    "NameForm",
    "Planner",
    "is_sentence_start",
]

_QUOTES_BRACKETS = "\"'“”‘’«»‹›„‚‟‛([{<"
_SKIP_BACK = " \t\u00a0" + _QUOTES_BRACKETS
_OPENING = "\"'“‘«‹„‚‟‛([{<"
_APOSTROPHE_RE = re.compile(f"(?<=[^\\W\\d_])[{re.escape(APOSTROPHES)}](?=[^\\W\\d_])")


def is_sentence_start(text: str, pos: int) -> bool:
    """Whether ``pos`` starts a sentence: the start of a paragraph, or after ``. ! ?`` (not an
    ellipsis or an abbreviation), or after a colon and an opening quotation mark; spaces,
    quotation marks and brackets in between are skipped."""
    i = pos - 1
    quoted = False
    while i >= 0 and text[i] in _SKIP_BACK:
        quoted = quoted or text[i] in _OPENING
        i -= 1
    if i < 0 or text[i] in "\n\r":
        return True
    # a comma or semicolon right after a sentence end is doubled punctuation that PN01 removes
    k = i
    while k >= 0 and text[k] in ",;" + _SKIP_BACK:
        k -= 1
    if k >= 0 and k < i and text[k] in ".!?":
        i = k
    c = text[i]
    if c in "!?":
        return True
    if c == ":":
        return quoted
    if c != ".":
        return False
    # count the dots of a run such as "..." or ". . ." (three or more: an ellipsis; two: a
    # doubled full stop, which PN01 reduces to one)
    dots, k = 0, i
    while k >= 0 and text[k] in ". ":
        dots += text[k] == "."
        k -= 1
    if dots >= 3:
        return False
    if dots == 2:
        return True
    j = i
    while j > 0 and text[j - 1].isalpha():
        j -= 1
    word = text[j:i]
    if len(word) == 1 and word.isupper():  # initials and U.S., U.N.
        return False
    return word.lower() not in ABBREVIATIONS


def _keep_tail(after: str, tail: str, text: str, end: int) -> str:
    """The replacement of a mention that took in the punctuation its term ends with (``Sham.``,
    ``U.S.``): if the replacement does not end with it, the mark stays after it, since it may
    also end the sentence (nothing the text held is lost)."""
    if tail and not after.endswith(tail) and text.endswith(tail, 0, end):
        return after + tail
    return after


def _capitalise(s: str) -> str:
    return s[:1].upper() + s[1:] if s[:1].islower() else s


def _all_caps(s: str) -> bool:
    return len(s) > 1 and s.isupper()


_NO_APOSTROPHE = frozenset(APOSTROPHES)


def _flat_apostrophes(s: str) -> str:
    return _APOSTROPHE_RE.sub("'", s)


def _arabic_context(text: str, s: int, e: int) -> bool:
    """Whether the nearest letter before or after ``text[s:e]`` (on the same line) is Arabic."""
    i = s - 1
    while i >= 0 and text[i] != "\n" and not text[i].isalpha():
        i -= 1
    if i >= 0 and text[i] != "\n" and ARABIC_LETTER_RE.match(text[i]):
        return True
    j = e
    while j < len(text) and text[j] != "\n" and not text[j].isalpha():
        j += 1
    return j < len(text) and text[j] != "\n" and ARABIC_LETTER_RE.match(text[j]) is not None


class Planner:
    """Classifies every mention of a text once and remembers the result for the four rules."""

    def __init__(self, matcher: Matcher, config: Config) -> None:
        self.matcher = matcher
        self.quotes = config.quotes
        self._text: str | None = None
        self._plan: dict[str, list[Change]] = {}
        self._styled: dict[str, str] = {}

    def changes(
        self, code: str, text: str, alphabet: AbstractSet[str] | None = None
    ) -> list[Change]:
        if self._text is not text and self._text != text:
            self._plan = self.plan(text, alphabet)
            self._text = text
        return self._plan.get(code, [])

    def _style(self, s: str) -> str:
        """Apostrophes in the quote style of the run (QT02 would make the same change)."""
        got = self._styled.get(s)
        if got is None:
            got = s
            if _NO_APOSTROPHE.isdisjoint(s):
                pass  # the common case: nothing to restyle
            elif self.quotes == "straight":
                got = _flat_apostrophes(s)
            elif self.quotes == "curly":
                got = _APOSTROPHE_RE.sub("\u2019", s)
            self._styled[s] = got
        return got

    def plan(self, text: str, alphabet: AbstractSet[str] | None = None) -> dict[str, list[Change]]:
        """Every change the glossary rules make to ``text``, by rule code."""
        out: dict[str, list[Change]] = {}
        style = self._style
        for start, end, entry, ambiguous in self.matcher.scan(text, alphabet):
            if ambiguous:
                continue
            term = entry.term
            if term.lang == "en":
                if term.status == "deprecated":  # the common change, inline
                    assert term.replacement is not None
                    after = _keep_tail(style(term.replacement), entry.tail, text, end)
                    surface = text[start:end]
                    if len(surface) > 1 and surface.isupper() and not _all_caps(term.text):
                        after = after.upper()
                    elif after[:1].islower() and is_sentence_start(text, start):
                        after = _capitalise(after)
                    if after != surface:
                        out.setdefault("GL01", []).append(
                            Change(start, end, after, "GL01", entry.concept.id)
                        )
                    continue
                # a listed form written exactly, that needs no capital
                listed = style(term.text)
                if (
                    end - start == len(listed)
                    and text.startswith(listed, start)
                    and (not listed[:1].islower() or not is_sentence_start(text, start))
                ):
                    continue
            got = self.classify(text, Mention(start, end, entry, ambiguous))
            if got is not None:
                code, after = got
                out.setdefault(code, []).append(Change(start, end, after, code, entry.concept.id))
        return out

    def classify(self, text: str, m: Mention) -> tuple[str, str] | None:
        """The rule code and the replacement for one mention, or None to leave it."""
        if m.ambiguous:
            return None
        term = m.entry.term
        surface = text[m.start : m.end]
        if term.lang != "en":
            if term.english is None or _arabic_context(text, m.start, m.end):
                return None
            after = self._style(term.english)
            if after[:1].islower() and is_sentence_start(text, m.start):
                after = _capitalise(after)
            return "GL02", after
        if term.status == "deprecated":
            assert term.replacement is not None
            after = _keep_tail(self._style(term.replacement), m.entry.tail, text, m.end)
            if _all_caps(surface) and not _all_caps(term.text):
                after = after.upper()
            elif after[:1].islower() and is_sentence_start(text, m.start):
                after = _capitalise(after)
            return ("GL01", after) if after != surface else None
        if term.exact or (_all_caps(surface) and not _all_caps(term.text)):
            base = surface
        else:
            base = self._style(term.text)
            if self.quotes == "keep" and _flat_apostrophes(base) == _flat_apostrophes(surface):
                base = surface
        after = base
        if base[:1].islower() and is_sentence_start(text, m.start):
            after = _capitalise(base)
        if after == surface:
            return None
        return ("GL03" if base != surface else "GL04"), after


class _GlossaryRule(Rule):
    group = "glossary"
    batch = True

    def __init__(self, config: Config, shared: dict[str, Any] | None = None) -> None:
        """Raises :class:`~cleanup.glossary.GlossaryError` (a ConfigError) for a bad
        glossary file."""
        super().__init__(config, shared)
        planner = self.shared.get("glossary.planner")
        if planner is None:
            from ..glossary import cache

            matcher = cache.compiled(config.glossary_paths, unchecked=config.glossary_unchecked)
            planner = self.shared["glossary.planner"] = Planner(matcher, config)
        self.planner: Planner = planner

    def changes(self, text: str, ctx: Context) -> list[Change]:
        return self.planner.changes(self.code, text, ctx.alphabet or None)


class DeprecatedName(_GlossaryRule):
    """Replace a deprecated spelling of a name with its house-style form.

    **What it does**
    Replaces a spelling variant or machine-translation calque listed as *deprecated* in the
    glossary with the term that replaces it: the preferred form, or the admitted form it is a
    misspelling of (a misspelt nom de guerre becomes the nom de guerre, never the legal name).
    Matching ignores letter case, the apostrophe form and hyphen/space after an article
    (``al-``/``el-``); a possessive or a prefix keeps its affix; the replacement takes a
    capital at the start of a sentence and stays in capitals in an all-capitals headline.

    **Why is this bad**
    Extraction counts ``Hay'at Tahrir al-Sham``, ``Hayat Tahrir al-Sham`` and
    ``Levant Liberation Committee`` as three actors when they are one.

    **Example**
    ``Hay’at Tahrir al-Sham's fighters`` -> ``Hayat Tahrir al-Sham's fighters``;
    ``pro-Hizbollah militias`` -> ``pro-Hezbollah militias``

    **Use instead**
    The house-style name from the glossary (``tarjama glossary lint`` checks the glossary;
    ``--no-glossary`` turns the stage off).
    """

    code = "GL01"
    name = "deprecated-name"


class ArabicName(_GlossaryRule):
    """Replace an Arabic-script name left in English text with its English house-style form.

    **What it does**
    Finds glossary names written in Arabic script inside English text and replaces them with
    the English preferred term of the concept (or the English term an Arabic admitted name is
    mapped to). Matching ignores diacritics, tatweel, the forms of alef and hamza, taa marbuta
    against haa and alef maqsura against yaa. Names inside a run of Arabic text (an untranslated
    clause) are left alone: replacing one word there would not make the clause English.

    **Why is this bad**
    An untranslated name is invisible to English extraction and search.

    **Example**
    ``fighters of هيئة تحرير الشام entered`` -> ``fighters of Hayat Tahrir al-Sham entered``

    **Use instead**
    The English name.
    """

    code = "GL02"
    name = "arabic-name"


class NameForm(_GlossaryRule):
    """Write a glossary name in exactly its listed form.

    **What it does**
    A preferred or admitted name whose letter case, apostrophe or article separator differs
    from the glossary's listed form is rewritten in the listed form (``by Al Qaeda`` ->
    ``by al Qaeda``, ``Hayat Tahrir Al-Sham`` -> ``Hayat Tahrir al-Sham``). A name in an
    all-capitals headline is left in capitals; at the start of a sentence the name keeps a
    capital (GL04).

    **Why is this bad**
    Case and punctuation variants of one name defeat exact matching and deduplication.

    **Example**
    ``a statement by Al Qaeda`` -> ``a statement by al Qaeda``

    **Use instead**
    The name as the glossary lists it.
    """

    code = "GL03"
    name = "name-form"


class NameCapital(_GlossaryRule):
    """Capitalise a glossary name at the start of a sentence or a headline.

    **What it does**
    A glossary name that starts a paragraph (a headline) or a sentence, after ``. ! ?`` and
    any quotation marks or brackets, starts with a capital letter, whether or not it was
    replaced. Abbreviations (``U.S.``, ``Gen.``) and ellipses do not end a sentence.

    **Why is this bad**
    ``al Qaeda said...`` at the start of a sentence breaks sentence splitters and true-casing,
    and looks like a typo.

    **Example**
    ``... in Aleppo. al Qaeda said`` -> ``... in Aleppo. Al Qaeda said``

    **Use instead**
    A capital at the start of the sentence.
    """

    code = "GL04"
    name = "name-capital"


#: The glossary rules, in the order they are listed (they run as one batch).
GLOSSARY_RULES: tuple[type[Rule], ...] = (DeprecatedName, ArabicName, NameForm, NameCapital)
