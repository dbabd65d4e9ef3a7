"""The registry: every rule of tarjama, in pipeline order, and selection by code, prefix,
group or name. The pipeline, ``tarjama rules``, the docs generator and the demo all read it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from ..config import Config, ConfigError
from .arabic import ArabicDigits, ArabicPunctuation
from .base import BaseRule, Context, Finding, Rule
from .bytes import ByteFallback
from .glossary import (
    AmbiguousNameLeft,
    ArabicName,
    DeprecatedName,
    NameCapital,
    NameForm,
    UnlistedSpelling,
)
from .html import HtmlEntities
from .invisible import (
    BidiControls,
    ControlCharacters,
    SoftHyphen,
    TatweelInLatin,
    UnicodeSpaces,
    ZeroWidth,
)
from .language import NotEnglish, UntranslatedArabic
from .mojibake import Mojibake
from .punctuation import DoubledPunctuation
from .quotes import Apostrophes, QuoteStyle, UnpairedQuotes
from .spacing import (
    MissingSpaceAfterPunctuation,
    MultipleSpaces,
    SpaceAfterOpeningBracket,
    SpaceBeforePunctuation,
    SpaceInsideQuotes,
    TimeSpacing,
    TrailingWhitespace,
)

if TYPE_CHECKING:
    from .qa import QA_CHECKS

    #: Every rule and QA check: the one registry (``tarjama rules``, docs/rules.md).
    ALL_RULES: tuple[type[BaseRule], ...]

__all__ = [
    "ALL_RULES",
    "QA_CHECKS",
    "RULES",
    "BaseRule",
    "Context",
    "Finding",
    "Rule",
    "select_rules",
]

#: Every rule of ``tarjama clean``, in the order the pipeline runs them.
RULES: tuple[type[Rule], ...] = (
    HtmlEntities,
    ByteFallback,
    Mojibake,
    BidiControls,
    ZeroWidth,
    SoftHyphen,
    TatweelInLatin,
    ControlCharacters,
    UnicodeSpaces,
    ArabicPunctuation,
    ArabicDigits,
    UnpairedQuotes,
    Apostrophes,
    QuoteStyle,
    DeprecatedName,
    ArabicName,
    NameForm,
    NameCapital,
    UnlistedSpelling,
    TrailingWhitespace,
    MultipleSpaces,
    TimeSpacing,
    SpaceBeforePunctuation,
    SpaceAfterOpeningBracket,
    SpaceInsideQuotes,
    MissingSpaceAfterPunctuation,
    DoubledPunctuation,
    AmbiguousNameLeft,
    UntranslatedArabic,
    NotEnglish,
)


def __getattr__(name: str) -> object:
    """``QA_CHECKS`` and ``ALL_RULES``, imported and built on first use, so that ``tarjama
    clean`` does not import the QA checks."""
    if name in ("QA_CHECKS", "ALL_RULES"):
        from .qa import QA_CHECKS

        globals().update(QA_CHECKS=QA_CHECKS, ALL_RULES=(*RULES, *QA_CHECKS))
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def matches_selector(rule: type[BaseRule], selector: str) -> bool:
    s = selector.strip()
    if s.upper() == "ALL":
        return True
    if s.lower() == rule.group or s.lower() == rule.name:
        return True
    return rule.code.startswith(s.upper())


def check_selectors(selectors: Iterable[str], known: Sequence[type[BaseRule]] = RULES) -> None:
    """Raise ConfigError for a selector that matches no rule."""
    for s in selectors:
        if not any(matches_selector(r, s) for r in known):
            groups = ", ".join(dict.fromkeys(r.group for r in known))
            raise ConfigError(
                f"unknown rule selector {s!r}: use a code (QT01), a prefix (QT) or a group "
                f"({groups})"
            )


def is_selected(rule: type[Rule], config: Config) -> bool:
    on = any(matches_selector(rule, s) for s in config.select) if config.select else rule.default
    if any(matches_selector(rule, s) for s in config.ignore):
        on = False
    if rule.group == "language" and not config.language_check:
        on = False
    if rule.group == "glossary" and not config.glossary:
        on = False
    return on


def select_rules(config: Config) -> list[Rule]:
    """Instances of the rules ``config`` turns on, in pipeline order; they share one dict of
    resources (the compiled glossary), built by the first rule that needs it."""
    check_selectors(config.select)
    check_selectors(config.ignore)
    shared: dict[str, object] = {}
    return [r(config, shared) for r in RULES if is_selected(r, config)]
