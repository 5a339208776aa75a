"""The gazetteer: places with coordinates, kinds, admin hierarchy and spelling variants."""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from truce.errors import RegistryError
from truce.registry.files import data_path

# How precise a place of each gazetteer kind is, in the codebook's terms.
PRECISION_BY_KIND: dict[str, str] = {
    "country": "country",
    "region": "region",
    "governorate": "region",
    "sea": "region",
    "line": "region",
    "district": "district",
    "city": "town",
    "town": "town",
    "village": "town",
    "camp": "town",
    "neighbourhood": "neighbourhood",
    "crossing": "point",
    "landmark": "point",
}


# Most precise first: for choosing among places and drawing a report's main one.
PRECISION_RANK: dict[str, int] = {"point": 0, "neighbourhood": 1, "town": 2, "district": 3,
                                  "region": 4, "country": 5}


@dataclass(frozen=True, slots=True)
class Place:
    id: str
    name: str
    kind: str
    lat: float
    lon: float
    country: str
    admin1: str = ""
    admin2: str = ""
    aliases: tuple[str, ...] = ()

    @property
    def precision(self) -> str:
        return PRECISION_BY_KIND.get(self.kind, "town")


_UNSEEN = object()  # a lookup not made yet (None is a lookup that found nothing)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """A spelling key: lower case, no diacritics, apostrophes and hyphens dropped."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    for mark in ("'", "’", "‘", "`", "ʼ", "-", "ʿ", "ʾ"):
        kept = kept.replace(mark, "" if mark != "-" else " ")
    return " ".join(kept.split())


_KIND_RANK = {"city": 0, "town": 1, "camp": 1, "crossing": 1, "neighbourhood": 2,
              "governorate": 2, "region": 2, "country": 2, "line": 2, "landmark": 3,
              "district": 3, "village": 4, "sea": 4}


class PlaceRegistry:
    """Places by id and by folded spelling; a spelling may name places in several countries."""

    def __init__(self, places: list[Place], curated: set[str] | None = None) -> None:
        self._by_id = {p.id: p for p in places}
        self._lookups: dict[tuple[str, tuple[str, ...]], Place | None] = {}  # never changes
        self._curated = curated or set()
        self._by_key: dict[str, list[Place]] = {}
        for place in places:
            for spelling in (place.name, *place.aliases):
                bucket = self._by_key.setdefault(fold(spelling), [])
                if place not in bucket:
                    bucket.append(place)

    @classmethod
    def load(cls, path: Path | None = None) -> PlaceRegistry:
        path = path or data_path("places.csv")
        places: list[Place] = []
        curated: set[str] = set()
        try:
            with path.open(encoding="utf-8", newline="") as handle:
                for line, row in enumerate(csv.DictReader(handle), 2):
                    places.append(_place_from_row(row, path, line))
                    if (row.get("source") or "").startswith("curated"):
                        curated.add(places[-1].id)
        except OSError as exc:
            raise RegistryError(f"{path}: cannot read ({exc.strerror})") from None
        return cls(places, curated)

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[Place]:
        return iter(self._by_id.values())

    def get(self, place_id: str) -> Place | None:
        return self._by_id.get(place_id)

    def is_curated(self, place_id: str) -> bool:
        return place_id in self._curated

    def candidates(self, spelling: str) -> list[Place]:
        return self._by_key.get(fold(spelling), [])

    def lookup(self, spelling: str, prefer: tuple[str, ...] = ()) -> Place | None:
        """The place a spelling most likely names, preferring the countries in ``prefer``.

        Ties go to curated rows, then to places whose own name (not an alias) it is, then
        to spellings matched as written rather than with accents dropped ("Gaza" is the
        Strip; "Gáza" is a foreign spelling of the city), then to larger settlements.
        """
        cached = self._lookups.get((spelling, prefer), _UNSEEN)
        if cached is not _UNSEEN:
            return cached
        found_place = self._lookup(spelling, prefer)
        self._lookups[(spelling, prefer)] = found_place
        return found_place

    def _lookup(self, spelling: str, prefer: tuple[str, ...]) -> Place | None:
        key = fold(spelling)
        found = self._by_key.get(key)
        if not found:
            return None
        written = " ".join(spelling.casefold().split())

        def rank(place: Place) -> tuple[int, bool, bool, bool, int]:
            country = prefer.index(place.country) if place.country in prefer else len(prefer)
            as_written = any(" ".join(n.casefold().split()) == written
                             for n in (place.name, *place.aliases))
            return (country, place.id not in self._curated, fold(place.name) != key,
                    not as_written, _KIND_RANK.get(place.kind, 3))

        return min(found, key=rank)

    def names(self) -> Iterator[tuple[str, str]]:
        """Every (surface form, place id)."""
        for place in self._by_id.values():
            yield place.name, place.id
            for alias in place.aliases:
                yield alias, place.id


def _place_from_row(row: dict[str, str], path: Path, line: int) -> Place:
    try:
        return Place(
            id=row["id"].strip(),
            name=row["name"].strip(),
            kind=(row.get("kind") or "town").strip(),
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            country=(row.get("country") or "").strip(),
            admin1=(row.get("admin1") or "").strip(),
            admin2=(row.get("admin2") or "").strip(),
            aliases=tuple(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()),
        )
    except (KeyError, ValueError, AttributeError) as exc:
        raise RegistryError(f"{path}:{line}: bad place row ({exc})") from None
