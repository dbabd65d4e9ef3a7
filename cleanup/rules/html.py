"""HT: HTML character references left in plain text."""

from __future__ import annotations

import html
import re

from ..edits import Change
from .base import Context, Rule, regex_changes

__all__ = ["HtmlEntities"]

_ENTITY_RE = re.compile(
    r"&(?:amp;)*(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
)


class HtmlEntities(Rule):
    """Decode HTML character references.

    **What it does**
    Replaces named and numeric HTML character references (``&quot;`` ``&#39;`` ``&amp;``
    ``&nbsp;`` ``&#x627;``), including doubly escaped ones (``&amp;quot;``), with the characters
    they stand for. Unknown names (``&foo;``) are left alone. A reference to a line break
    (``&#10;``, ``&#13;``, ``&#x2028;``...) becomes a space: the text is one paragraph per line,
    and a break inside a paragraph is only a space between its words.

    **Why is this bad**
    Translation APIs called in HTML mode return escaped text; ``&quot;Nusra Front&quot;``
    then reaches extraction as literal ampersands.

    **Example**
    ``the &quot;Salvation Government&quot;`` -> ``the "Salvation Government"``

    **Use instead**
    Plain characters.
    """

    code = "HT01"
    name = "html-entities"
    group = "html"
    needles = ("&",)
    adds_marks = True

    def changes(self, text: str, ctx: Context) -> list[Change]:
        return regex_changes(_ENTITY_RE, text, self.code, _decode)


_LINE_BREAKS = str.maketrans(dict.fromkeys("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029", " "))


def _decode(m: re.Match[str]) -> str | None:
    s = m.group()
    out = s
    while True:
        nxt = html.unescape(out)
        if nxt == out:
            break
        out = nxt
    return None if out == s else out.translate(_LINE_BREAKS)
