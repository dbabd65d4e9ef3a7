"""``tarjama rules``: list the rules or explain one."""

from __future__ import annotations

import json
import textwrap

import click

from ..rules import GLOSSARY_POSITION, RULES, Rule
from .common import fail


def _all_rules() -> list[type[Rule]]:
    """Every rule in pipeline order, the glossary stage's included."""
    from ..glossary.stage import STAGE_RULES

    rules: list[type[Rule]] = list(RULES)
    rules[GLOSSARY_POSITION:GLOSSARY_POSITION] = list(STAGE_RULES)
    return rules


def _doc(rule: type[Rule]) -> str:
    return textwrap.dedent((rule.__doc__ or "").split("\n", 1)[-1]).strip()


@click.command("rules", short_help="List the cleaning rules, or explain one.")
@click.argument("code", required=False)
@click.option(
    "--output-format",
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
def rules_command(code: str | None, fmt: str) -> None:
    """List the cleaning rules, or explain the rule CODE (e.g. QT03).

    Each rule has a stable code, a name and a group; select or ignore rules by any of these
    with `tarjama clean --select/--ignore` or in [tool.tarjama] in pyproject.toml.
    """
    rules = _all_rules()
    if code:
        want = [r for r in rules if r.code == code.upper() or r.name == code.lower()]
        if not want:
            fail(f"no rule {code!r}; `tarjama rules` lists them")
        rules = want
    if fmt == "json":
        data = [
            {
                "code": r.code,
                "name": r.name,
                "group": r.group,
                "fixes": r.fixes,
                "default": r.default,
                "summary": r.summary(),
                "explanation": _doc(r),
            }
            for r in rules
        ]
        click.echo(json.dumps(data if not code else data[0], ensure_ascii=False, indent=2))
        return
    if code:
        r = rules[0]
        kind = "fixes" if r.fixes else "reports only"
        click.echo(f"{r.code} ({r.name}, group {r.group}, {kind})\n")
        click.echo(r.summary() + "\n")
        click.echo(_doc(r))
        return
    width = max(len(r.name) for r in rules)
    for r in rules:
        flag = " " if r.fixes else "*"
        click.echo(f"{r.code}{flag} {r.name:<{width}}  {r.summary()}")
    click.echo("\n* reports only, never changes text", err=True)
