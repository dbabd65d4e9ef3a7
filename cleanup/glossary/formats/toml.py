"""The one TOML writer of glossaries: every glossary file tarjama writes (``fmt``, ``merge``,
``import``) is written here, in the canonical layout.

Keys in a fixed order; an array on one line when it fits in 100 columns, else one item per line;
comments kept by :func:`format_file`. Whatever is written is read back and must load to the same
concepts.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence

from ..errors import GlossaryError
from ..loader import parse_text
from ..model import LANGUAGES, Concept, Term

__all__ = ["explicit_en", "format_concept", "format_file", "format_glossary"]

WIDTH = 100
_HEADER_RE = re.compile(r"^\s*\[\[\s*concept\s*\]\]\s*(#.*)?$")
_COMMENT_RE = re.compile(r"^\s*#")


def _q(s: str) -> str:
    """A TOML basic string.

    JSON escapes are valid TOML escapes; JSON leaves DEL (U+007F) bare, which TOML forbids.
    """
    return json.dumps(s, ensure_ascii=False).replace("\x7f", "\\u007f")


def explicit_en(c: Concept, t: Term) -> str | None:
    """The ``en`` key an Arabic admitted term needs, if its English term is not the default."""
    if t.lang == "en" or t.status != "admitted" or t.english is None:
        return None
    pref = c.preferred("en")
    default = pref.text if pref else None
    if c.type == "person" and c.admitted("en"):
        default = None
    return t.english if t.english != default else None


def _item(t: Term, nested: Sequence[Term] = (), en: str | None = None) -> str:
    fields = [f"term = {_q(t.text)}"]
    if t.exact:
        fields.append("exact = true")
    if t.reviewed_ambiguous is not None:
        fields.append(f"ambiguous = {'true' if t.reviewed_ambiguous else 'false'}")
    if t.valid_from is not None:
        fields.append(f"valid_from = {t.valid_from.isoformat()}")
    if t.valid_until is not None:
        fields.append(f"valid_until = {t.valid_until.isoformat()}")
    if nested:
        fields.append(f"deprecated = [{', '.join(_item(n) for n in nested)}]")
    if en is not None:
        fields.append(f"en = {_q(en)}")
    if len(fields) == 1:
        return _q(t.text)
    return "{ " + ", ".join(fields) + " }"


def _array(key: str, items: list[str]) -> list[str]:
    one = f"{key} = [{', '.join(items)}]"
    if len(one) <= WIDTH:
        return [one]
    return [f"{key} = [", *(f"  {i}," for i in items), "]"]


def format_concept(c: Concept) -> str:
    """The canonical TOML block of one concept (without a trailing blank line)."""
    out = ["[[concept]]", f"id = {_q(c.id)}", f"type = {_q(c.type)}"]
    if c.scope != "syria":
        out.append(f"scope = {_q(c.scope)}")
    if c.valid_from is not None:
        out.append(f"valid_from = {c.valid_from.isoformat()}")
    if c.valid_until is not None:
        out.append(f"valid_until = {c.valid_until.isoformat()}")
    if c.note:
        out.append(f"note = {_q(c.note)}")
    if c.relations:
        rels = [f"{{ type = {_q(r.type)}, id = {_q(r.id)} }}" for r in c.relations]
        out.extend(_array("relations", rels))
    if c.identifiers:
        out.append(
            "identifiers = { " + ", ".join(f"{k} = {_q(v)}" for k, v in c.identifiers) + " }"
        )
    for lang in LANGUAGES:
        terms = c.terms_in(lang)
        if not terms:
            continue
        pref = next(t for t in terms if t.status == "preferred")
        out.append(f"{lang}.preferred = {_item(pref)}")
        admitted = [t for t in terms if t.status == "admitted"]
        if admitted:
            items = [
                _item(
                    a,
                    [t for t in terms if t.status == "deprecated" and t.replacement == a.text],
                    explicit_en(c, a),
                )
                for a in admitted
            ]
            out.extend(_array(f"{lang}.admitted", items))
        plain = [t for t in terms if t.status == "deprecated" and t.replacement == pref.text]
        if plain:
            out.extend(_array(f"{lang}.deprecated", [_item(t) for t in plain]))
    return "\n".join(out)


def format_glossary(concepts: Iterable[Concept], header: str = "") -> str:
    blocks = [format_concept(c) for c in concepts]
    head = header.rstrip("\n") + "\n\n" if header.strip() else ""
    return head + "\n\n".join(blocks) + "\n"


def format_file(text: str, path: str) -> str:
    """``text`` (one glossary file) in canonical layout. Comments are kept: the file's header,
    comment lines before or inside a block (moved to just before its ``[[concept]]`` line), and
    a comment at the end of the ``[[concept]]`` line. Raises GlossaryError if the file has
    errors, or if the result would not load to the same concepts (a bug)."""
    parsed = parse_text(text, path)
    if parsed.problems:
        raise GlossaryError.from_problems(parsed.problems)
    if parsed.drops:
        raise GlossaryError(path, parsed.drops[0][1].line, "fmt does not rewrite drop entries")
    lines = text.splitlines()
    starts = [i for i, s in enumerate(lines) if _HEADER_RE.match(s)]
    head_lines = lines[: starts[0]] if starts else lines
    attached: list[str] = []  # comment lines right above the first block belong to it
    while starts and head_lines and _COMMENT_RE.match(head_lines[-1]):
        attached.insert(0, head_lines.pop().strip())
    header = "\n".join(head_lines).strip("\n")
    # comments of block k: comment lines between the end of block k-1's keys and block k's
    # header, and comment lines inside block k
    comments: list[list[str]] = [[] for _ in starts]
    header_comment: list[str] = ["" for _ in starts]
    if starts:
        comments[0].extend(attached)
    for k, st in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(lines)
        m = _HEADER_RE.match(lines[st])
        header_comment[k] = (m.group(1) or "") if m else ""
        tail = end  # where the run of comment and blank lines that ends the block starts
        while tail > st + 1 and (not lines[tail - 1].strip() or _COMMENT_RE.match(lines[tail - 1])):
            tail -= 1
        for idx in range(st + 1, end):
            ln = lines[idx]
            if _COMMENT_RE.match(ln):
                target = k + 1 if k + 1 < len(starts) and idx >= tail else k
                comments[target].append(ln.strip())
    out: list[str] = []
    if header:
        out.append(header + "\n")
    for k, c in enumerate(parsed.concepts):
        block = format_concept(c)
        if k < len(header_comment) and header_comment[k]:
            block = block.replace("[[concept]]", f"[[concept]]  {header_comment[k]}", 1)
        pre = "\n".join(comments[k]) + "\n" if k < len(comments) and comments[k] else ""
        out.append(pre + block)
    result = "\n\n".join(s.rstrip("\n") for s in out) + "\n"
    again = parse_text(result, path)
    if again.problems or again.concepts != parsed.concepts:
        raise GlossaryError(path, None, "formatting would change the data (a bug in tarjama)")
    return result
