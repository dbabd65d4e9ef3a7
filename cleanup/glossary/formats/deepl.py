"""DeepL glossary TSV (``--to deepl``, export only): one ``source<TAB>target`` line per entry,
no header, UTF-8, for ``ar-en`` (each Arabic form to the English house-style form it stands
for) or ``en-en`` (each deprecated English variant to the form that replaces it).

DeepL applies an entry wherever its source occurs, without context, so an entry is left out
when the glossary applies it only in some contexts: a form marked ``ambiguous = true``, a dated
form (its concept's or its own ``valid_from``/``valid_until``), a form of two concepts (letter
case ignored). DeepL's own limits are kept too: no empty terms, no control characters or
leading or trailing spaces, at most 1,024 bytes (UTF-8) a term, no source twice (the first
listed wins). Sources that differ only in letter case within one concept are all kept: they
map to the same form. :attr:`DeeplExport.left_out` says what was left out and why.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from ..model import Concept, Glossary, Term

__all__ = ["DEEPL_PAIRS", "MAX_TERM_BYTES", "REASONS", "DeeplExport", "LeftOut", "export_deepl"]

DEEPL_PAIRS = ("ar-en", "en-en")
MAX_TERM_BYTES = 1024
#: Why an entry is left out, in the order the checks run.
REASONS = {
    "empty": "empty term",
    "control": "control character or leading/trailing space",
    "too-long": f"longer than {MAX_TERM_BYTES:,} bytes",
    "shared": "a form of two concepts",
    "ambiguous": "ambiguous (applied only with evidence in its context)",
    "dated": "dated (valid_from/valid_until)",
    "no-english": "no English form known",
    "duplicate": "duplicate source",
}


@dataclass(frozen=True, slots=True)
class LeftOut:
    """A form not exported: its concept, the entry it would have been, and why."""

    concept: str
    source: str
    target: str
    reason: str  # a key of REASONS

    def __str__(self) -> str:
        return f"{self.concept}: {self.source!r} -> {self.target!r}: {REASONS[self.reason]}"


@dataclass(frozen=True, slots=True)
class DeeplExport:
    pair: str
    entries: tuple[tuple[str, str], ...]
    left_out: tuple[LeftOut, ...]

    def tsv(self) -> str:
        return "".join(f"{s}\t{t}\n" for s, t in self.entries)

    def counts(self) -> dict[str, int]:
        """Left-out entries per reason, in the order of REASONS (reasons with none omitted)."""
        n = {r: 0 for r in REASONS}
        for x in self.left_out:
            n[x.reason] += 1
        return {r: k for r, k in n.items() if k}


def export_deepl(g: Glossary, pair: str = "ar-en") -> DeeplExport:
    """The DeepL glossary entries of ``g`` for ``pair`` (``ar-en`` or ``en-en``)."""
    if pair not in DEEPL_PAIRS:
        raise ValueError(f"pair must be one of {', '.join(DEEPL_PAIRS)}, not {pair!r}")
    lang = pair.split("-", 1)[0]
    owners: dict[str, set[str]] = defaultdict(set)
    for c, t in g.terms():
        if t.lang == lang:
            owners[_key(t.text)].add(c.id)
    entries: list[tuple[str, str]] = []
    seen: set[str] = set()
    left: list[LeftOut] = []
    for c, t, target in _candidates(g, lang):
        reason = _reason(c, t, target, owners)
        if reason is None and t.text in seen:
            reason = "duplicate"
        if reason is not None:
            left.append(LeftOut(c.id, t.text, target or "", reason))
            continue
        assert target is not None
        seen.add(t.text)
        entries.append((t.text, target))
    return DeeplExport(pair, tuple(entries), tuple(left))


def _candidates(g: Glossary, lang: str) -> Iterator[tuple[Concept, Term, str | None]]:
    for c, t in g.terms():
        if t.lang != lang:
            continue
        if lang == "ar":
            yield c, t, t.english
        elif t.status == "deprecated":
            yield c, t, t.replacement


def _reason(c: Concept, t: Term, target: str | None, owners: dict[str, set[str]]) -> str | None:
    texts = [t.text] if target is None else [t.text, target]
    if any(not x.strip() for x in texts):
        return "empty"
    if any(_bad_chars(x) for x in texts):
        return "control"
    if any(len(x.encode("utf-8")) > MAX_TERM_BYTES for x in texts):
        return "too-long"
    if len(owners[_key(t.text)]) > 1:
        return "shared"
    if t.ambiguous:
        return "ambiguous"
    if c.period(t) != (None, None):
        return "dated"
    if target is None:
        return "no-english"
    return None


def _bad_chars(text: str) -> bool:
    return text != text.strip() or any(
        unicodedata.category(ch) in ("Cc", "Zl", "Zp") for ch in text
    )


def _key(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()
