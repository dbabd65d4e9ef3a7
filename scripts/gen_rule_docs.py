#!/usr/bin/env python3
"""Write docs/rules.md from the rules' docstrings (the single source of their documentation).

python scripts/gen_rule_docs.py          # rewrite docs/rules.md
python scripts/gen_rule_docs.py --check  # exit 1 if docs/rules.md is out of date
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "rules.md"


def render() -> str:
    from cleanup.rules import ALL_RULES

    parts = [
        "# Rules\n",
        "Generated from the rules' docstrings by `scripts/gen_rule_docs.py`; "
        "`tarjama rules CODE` prints the same text.\n",
        "Every rule of tarjama is here: the rules of `tarjama clean`, which run in the order "
        "listed, and the checks of `tarjama qa` (group `qa`). Select or ignore them by code "
        "(`QT01`), code prefix (`QT`), group (`quotes`) or name with `--select`/`--ignore` or "
        "`[tool.tarjama]`.\n",
        "| code | name | group | kind |",
        "|---|---|---|---|",
    ]
    rules = list(ALL_RULES)
    for r in rules:
        kind = "QA check" if r.kind == "qa" else "fixes" if r.fixes else "reports"
        parts.append(f"| [{r.code}](#{r.code.lower()}) | {r.name} | {r.group} | {kind} |")
    parts.append("")
    for r in rules:
        doc = textwrap.dedent((r.__doc__ or "").split("\n", 1)[-1]).strip()
        parts.append(f"## {r.code}\n\n`{r.name}` ({r.group}): {r.summary()}\n\n{doc}\n")
    return "\n".join(parts)


def main() -> int:
    text = render()
    if "--check" in sys.argv:
        if not OUT.exists() or OUT.read_text(encoding="utf-8") != text:
            print("docs/rules.md is out of date: run scripts/gen_rule_docs.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
