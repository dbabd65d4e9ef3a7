"""Glossaries in other formats, one module each: :mod:`.toml` (the writer of glossary files),
:mod:`.tbx` (TBX v3), :mod:`.tbx2` (TBX v2), :mod:`.csv`, :mod:`.deepl` (export only); imports
go through :mod:`.draft`, which checks what they read as the loader checks a file."""

from __future__ import annotations

from .csv import export_csv, import_csv
from .deepl import export_deepl
from .tbx import export_tbx, import_tbx
from .tbx2 import export_tbx2, import_tbx2
from .toml import format_concept, format_file, format_glossary

__all__ = [
    "export_csv",
    "export_deepl",
    "export_tbx",
    "export_tbx2",
    "format_concept",
    "format_file",
    "format_glossary",
    "import_csv",
    "import_tbx",
    "import_tbx2",
]
