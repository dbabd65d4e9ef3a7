"""Word lists used to decide which glossary forms are ambiguous."""

from __future__ import annotations

__all__ = ["ENGLISH_WORDS"]

#: Ordinary English words that are also (parts of) place or group names in the region: a
#: single-word term equal to one of them must be ``exact`` so that the word is not rewritten.
ENGLISH_WORDS = frozenset(
    """
    a about after all also an and any are army as at back bad bank base be been best big
    black blue board body border bridge but by call camp can castle center centre change
    city club coast cold come company council country court cross dam dana day dead desert
    do down east end even fall far farm field fire first for fort free from front gate
    general give go gold good great green guard hall harem has have he head her here high
    hill his home hope house how if in is it its just key king land last law left legion
    life light line long made main make man mare may me mill mine more most mount much my
    name new no north not now of off office old on one only or order other our out over
    palace park party peace people place plain point port post power press qua ram red
    rock room rose round royal safe said sale salt same sea see self sham she ship shore
    side south spring square star state station still stone storm street sun table tall
    tell than that the their them then there these they this time to tower town trade
    tree turkey under union up us valley very wall war water way we well west what when
    where which white who will wind with word work world year yes you young
    """.split()
)
