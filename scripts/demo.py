#!/usr/bin/env python3
"""The quick-start demo: clean the shipped sample wire with the default glossary, show what
changed line by line and rule by rule, and score the raw and the cleaned MT against a human
post-edit of the same wire.

    make demo        (or: python scripts/demo.py [WIRE] [POST-EDIT])
"""

from __future__ import annotations

import sys
import textwrap
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WIRE = ROOT / "docs" / "examples" / "aleppo-wire.txt"
POST_EDIT = ROOT / "docs" / "examples" / "aleppo-wire.post-edit.txt"

BOLD, DIM, RED, GREEN, RESET = "\033[1m", "\033[2m", "\033[31m", "\033[32m", "\033[0m"


def _style(on: bool) -> tuple[str, str, str, str, str]:
    return (BOLD, DIM, RED, GREEN, RESET) if on else ("", "", "", "", "")


def _show(s: str) -> str:
    """Make invisible characters visible."""
    out = []
    for c in s:
        if c.isprintable() and c not in "\u00a0\u00ad":
            out.append(c)
        else:
            out.append(f"<U+{ord(c):04X}>")
    return "".join(out)


def main() -> int:
    from cleanup import Config, clean_and_explain

    wire = Path(sys.argv[1]) if len(sys.argv) > 1 else WIRE
    post_edit = Path(sys.argv[2]) if len(sys.argv) > 2 else POST_EDIT
    bold, dim, red, green, reset = _style(sys.stdout.isatty())
    raw = wire.read_text(encoding="utf-8")
    result = clean_and_explain(raw, Config())

    shown = wire.relative_to(ROOT) if wire.is_relative_to(ROOT) else wire
    print(f"{bold}tarjama clean {shown}{reset}")
    print(f"{dim}[-removed or replaced-]{{+inserted+}}, rule codes after each line{reset}\n")
    starts = [0]
    for line in raw.split("\n"):
        starts.append(starts[-1] + len(line) + 1)
    by_line: dict[int, list] = {}
    for e in result.edits:
        k = max(i for i, s in enumerate(starts) if s <= e.start)
        by_line.setdefault(k, []).append(e)
    lines = raw.split("\n")
    for k, edits in sorted(by_line.items()):
        line = lines[k]
        base = starts[k]
        parts, pos = [], 0
        for e in edits:
            s, t = e.start - base, e.end - base
            parts.append(line[pos:s])
            if e.before:
                parts.append(f"{red}[-{_show(e.before)}-]{reset}")
            if e.after:
                parts.append(f"{green}{{+{_show(e.after)}+}}{reset}")
            pos = t
        parts.append(line[pos:])
        codes = sorted({c for e in edits for c in e.rules})
        wrapped = textwrap.fill("".join(parts), width=100, subsequent_indent="    ")
        print(f"{bold}line {k + 1}{reset} ({', '.join(codes)})\n    {wrapped}\n")

    from cleanup.rules import RULES

    names = {r.code: r.name for r in RULES}
    print(f"{bold}Edits per rule{reset}")
    counts: Counter[str] = result.counts
    for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {code}  {names.get(code, ''):<34} {n:>4}")
    changed = len(by_line)
    print(f"  {changed} of {len(lines)} lines changed, {len(result.edits)} edits in the log")
    if result.findings:
        print(f"\n{bold}Reported (not changed){reset}")
        for f in result.findings:
            print(f"  {f.code} {f.message}")

    if post_edit.exists():
        _score(raw, result.text, post_edit, bold, reset)
    return 0


def _score(raw: str, cleaned: str, post_edit: Path, bold: str, reset: str) -> None:
    from cleanup.score import score_texts
    from cleanup.score.format import format_text

    ref = post_edit.read_text(encoding="utf-8")
    report = score_texts(ref, {"raw MT": raw, "cleaned MT": cleaned})
    print(f"\n{bold}Scored against a human post-edit ({post_edit.name}; TER here is HTER){reset}")
    print(format_text(report))


if __name__ == "__main__":
    sys.exit(main())
