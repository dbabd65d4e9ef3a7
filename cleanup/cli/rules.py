"""``tarjama rules``: list the rules or explain one."""

from __future__ import annotations

import json
import textwrap

import click

from ..rules import BaseRule, matches_selector
from .common import emit_rows, fail, output_format_option


def _doc(rule: type[BaseRule]) -> str:
    return textwrap.dedent((rule.__doc__ or "").split("\n", 1)[-1]).strip()


@click.command("rules", short_help="List the rules, or explain one.")
@click.argument("selector", required=False)
@output_format_option(legacy=True)
def rules_command(selector: str | None, output_format: str) -> None:
    """List the rules of `tarjama clean` and the checks of `tarjama qa`, or explain one.

    SELECTOR is a code (QT03) or a rule name (unpaired-quotes) to explain that rule, or a
    group (quotes) or a code prefix (SP) to list the rules it selects.

    Each rule has a stable code, a name and a group; select or ignore rules by any of these
    with `tarjama clean --select/--ignore` or in [tool.tarjama] in pyproject.toml.
    """
    from ..rules import ALL_RULES  # on first use: it imports the QA checks

    rules: list[type[BaseRule]] = list(ALL_RULES)
    explain = False
    if selector:
        exact = [r for r in rules if r.code == selector.upper() or r.name == selector.lower()]
        if exact:
            rules, explain = exact, True
        else:
            rules = [r for r in rules if matches_selector(r, selector)]
            if not rules:
                fail(f"no rule or group {selector!r}; `tarjama rules` lists them")
    rows = [
        {
            "code": r.code,
            "name": r.name,
            "group": r.group,
            "kind": r.kind,
            "fixes": r.fixes,
            "default": r.default,
            "summary": r.summary(),
            "explanation": _doc(r),
        }
        for r in rules
    ]
    if output_format == "json":
        click.echo(json.dumps(rows[0] if explain else rows, ensure_ascii=False, indent=2))
        return
    if output_format == "tsv":
        emit_rows(rows, "tsv", ("code", "name", "group", "kind", "fixes", "summary"), str)
        return
    if explain:
        r = rules[0]
        kind = "a check of tarjama qa" if r.kind == "qa" else "fixes" if r.fixes else "reports only"
        click.echo(f"{r.code} ({r.name}, group {r.group}, {kind})\n")
        click.echo(r.summary() + "\n")
        click.echo(_doc(r))
        return
    width = max(len(r.name) for r in rules)
    for r in rules:
        flag = " " if r.fixes else "*" if r.kind == "clean" else "+"
        click.echo(f"{r.code}{flag} {r.name:<{width}}  {r.summary()}")
    click.echo("\n* reports only, never changes text; + a check of `tarjama qa`", err=True)
