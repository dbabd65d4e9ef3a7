"""Reading the licensed parallel data in ../shared/data that the benchmarks and calibrations
share (see its README)."""

from __future__ import annotations

import re
from pathlib import Path

__all__ = ["tmx_pairs"]


def tmx_pairs(path: Path) -> list[tuple[str, str]]:
    """(Arabic, English) segment pairs of a TMX file such as TICO-19's ``all.en-ar.tmx``."""
    text = path.read_text(encoding="utf-8")
    pairs = []
    for tu in re.findall(r"<tu\b.*?</tu>", text, re.S):
        en = re.search(r'xml:lang="en">\s*<seg>(.*?)</seg>', tu, re.S)
        ar = re.search(r'xml:lang="ar"><seg>(.*?)</seg>', tu, re.S)
        if en and ar:
            pairs.append((ar.group(1).strip(), en.group(1).strip()))
    return pairs
