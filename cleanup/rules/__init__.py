"""The rules, in pipeline order, and selection by code, prefix or group."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..config import Config, ConfigError
from .arabic import ArabicDigits, ArabicPunctuation
from .base import Context, Finding, Rule
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
    TrailingWhitespace,
)

__all__ = [
    "GLOSSARY_POSITION",
    "RULES",
    "Context",
    "Finding",
    "Rule",
    "select_rules",
]

#: Every rule, in the order the pipeline runs them.
RULES: tuple[type[Rule], ...] = (
    HtmlEntities,
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
    # (the glossary stage runs here)
    TrailingWhitespace,
    MultipleSpaces,
    SpaceBeforePunctuation,
    SpaceAfterOpeningBracket,
    SpaceInsideQuotes,
    MissingSpaceAfterPunctuation,
    DoubledPunctuation,
    UntranslatedArabic,
    NotEnglish,
)
#: Index in RULES before which the glossary stage runs.
GLOSSARY_POSITION = RULES.index(TrailingWhitespace)

GROUPS: dict[str, str] = {
    "html": "HT",
    "mojibake": "MJ",
    "invisible": "IV",
    "arabic": "AR+DG",
    "quotes": "QT",
    "glossary": "GL",
    "spacing": "SP",
    "punctuation": "PN",
    "language": "LG",
}


def matches_selector(rule: type[Rule], selector: str) -> bool:
    s = selector.strip()
    if s.upper() == "ALL":
        return True
    if s.lower() == rule.group or s.lower() == rule.name:
        return True
    return rule.code.startswith(s.upper())


def check_selectors(selectors: Iterable[str], known: Sequence[type[Rule]] = RULES) -> None:
    """Raise ConfigError for a selector that matches no rule."""
    for s in selectors:
        if s.upper() == "ALL" or s.upper().startswith("GL") or s.lower() == "glossary":
            continue
        if not any(matches_selector(r, s) for r in known):
            raise ConfigError(
                f"unknown rule selector {s!r}: use a code (QT01), a prefix (QT) or a group "
                f"({', '.join(GROUPS)})"
            )


def is_selected(rule: type[Rule], config: Config) -> bool:
    on = any(matches_selector(rule, s) for s in config.select) if config.select else rule.default
    if any(matches_selector(rule, s) for s in config.ignore):
        on = False
    if rule.group == "language" and not config.language_check:
        on = False
    return on


def select_rules(config: Config) -> list[Rule]:
    """Instances of the rules ``config`` turns on, in pipeline order."""
    check_selectors(config.select)
    check_selectors(config.ignore)
    return [r(config) for r in RULES if is_selected(r, config)]
