"""Self-contained HTML reports for ``tarjama score --html`` and ``tarjama qa --html``."""

from __future__ import annotations

from .html import render_html, write_html

__all__ = ["render_html", "write_html"]
