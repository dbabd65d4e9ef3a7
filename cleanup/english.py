"""English: the abbreviations that end with a full stop without ending a sentence.

One list, in parts, so that each rule takes the parts it can trust:

* :data:`ABBREVIATIONS`: titles and ranks, organisations and addresses, months, references.
  After one of these a full stop does not end the sentence (``Gen. Mazloum``, ``Jan. 5``).
* :data:`STATE_ABBREVIATIONS`: the US states as AP style abbreviates them. Several are also
  words (``Ill.``, ``Miss.``, ``Wash.``), so only a rule that sees more context (a comma right
  after the full stop, as ``PN01`` does) may treat them as abbreviations.
"""

from __future__ import annotations

__all__ = ["ABBREVIATIONS", "STATE_ABBREVIATIONS"]

_TITLES = (
    "mr mrs ms dr prof jr sr st rev hon gov sen rep gen col lt sgt capt maj cpl pvt adm cmdr "
    "brig supt insp det"
)
_ORGANISATIONS_AND_ADDRESSES = "inc co corp ltd bros dept univ govt ave blvd rd hwy apt mt ft"
_MONTHS = "jan feb mar apr aug sep sept oct nov dec"
_REFERENCES = "vs etc al cf approx est no nos vol pp ed eds fig"

#: Lower-case words that end with a full stop without ending a sentence.
ABBREVIATIONS = frozenset(
    f"{_TITLES} {_ORGANISATIONS_AND_ADDRESSES} {_MONTHS} {_REFERENCES}".split()
)
#: US states as AP style abbreviates them (some are also ordinary words: see above).
STATE_ABBREVIATIONS = frozenset(
    (
        "ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo mont "
        "neb nev okla ore pa tenn tex vt va wash wis wyo"
    ).split()
)
