"""Glossaries in other formats, one module each: :mod:`.toml` (the writer of glossary files),
:mod:`.tbx`, :mod:`.csv`, :mod:`.deepl` (export only); imports go through :mod:`.draft`, which
checks what they read as the loader checks a file."""

from __future__ import annotations

from .csv import export_csv, import_csv
from .deepl import export_deepl
from .tbx import export_tbx, import_tbx
from .toml import format_concept, format_file, format_glossary

__all__ = [
    "export_csv",
    "export_deepl",
    "export_tbx",
    "format_concept",
    "format_file",
    "format_glossary",
    "import_csv",
    "import_tbx",
]
