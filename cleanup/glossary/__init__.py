"""The name glossary: one house-style form for every faction, person and place.

>>> from cleanup.glossary import load_glossary
>>> g = load_glossary()
>>> g.get("hayat-tahrir-al-sham").preferred("en").text
'Hayat Tahrir al-Sham'

See docs/glossary-format.md for the file format.
"""

from __future__ import annotations

from .errors import GlossaryError, Problem
from .loader import default_glossary_dir, load_glossary
from .model import (
    CONCEPT_TYPES,
    RELATION_TYPES,
    Concept,
    Glossary,
    Location,
    Relation,
    Term,
)

__all__ = [
    "CONCEPT_TYPES",
    "RELATION_TYPES",
    "Concept",
    "Glossary",
    "GlossaryError",
    "Location",
    "Problem",
    "Relation",
    "Term",
    "default_glossary_dir",
    "load_glossary",
]
