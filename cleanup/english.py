"""English word lists: function words, frequent headline words, and the abbreviations that end
with a full stop without ending a sentence.

The language checks (``LG02`` of ``tarjama clean``, ``LNG01`` of ``tarjama qa``) tell English
from another language by its function words: an English sentence of six words or more almost
always has one.

One list, in parts, so that each rule takes the parts it can trust:

* :data:`ABBREVIATIONS`: titles and ranks, organisations and addresses, months, references.
  After one of these a full stop does not end the sentence (``Gen. Mazloum``, ``Jan. 5``).
* :data:`STATE_ABBREVIATIONS`: the US states as AP style abbreviates them. Several are also
  words (``Ill.``, ``Miss.``, ``Wash.``), so only a rule that sees more context (a comma right
  after the full stop, as ``PN01`` does) may treat them as abbreviations.
"""

from __future__ import annotations

__all__ = ["ABBREVIATIONS", "FUNCTION_WORDS", "HEADLINE_WORDS", "STATE_ABBREVIATIONS"]

#: Frequent English function words (articles, pronouns, auxiliaries, prepositions,
#: conjunctions, and the words news reports them with).
FUNCTION_WORDS = frozenset(
    """
    the a an of to in on at for from by with and or but is are was were be been being has have
    had do does did it its this that these those he she they we you i me my him his her them
    their our us your not no yes as said says will would could should can may might must after
    before over under about into than also who which what when where why how while if there
    here then now so up out off down all more just one two new against amid among both
    """.split()
)
#: Frequent words of English news headlines, which often have no function word at all.
HEADLINE_WORDS = frozenset(
    """
    back big first last year years day week time times world man men people police city state
    house court government minister president party vote plan top home help claims calls deal
    win wins lead talks attack killed dies dead death war watch miss know want go going get got
    make made take took see full second set shot sue goal cup league review news report video
    old
    """.split()
)

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
