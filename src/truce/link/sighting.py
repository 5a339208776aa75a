"""What linking knows about one event mention: a small, pure record built from storage."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

# Incidents are things that happened; speech acts (accusations, denials, appeals) are
# claims about them and do not form incidents of their own.
_FAMILIES: dict[tuple[str, str | None], str] = {
    ("RETREAT", "release"): "release", ("RETREAT", "access"): "access",
    ("RETREAT", "withdraw"): "withdrawal", ("RETREAT", "ceasefire"): "ceasefire",
    ("COERCE", "arrest"): "arrest", ("COERCE", "deport"): "arrest",
}
_BY_TYPE = {"COERCE": "restriction", "AID": "aid", "MOBILIZE": "deployment",
            "CONSULT": "meeting", "PROTEST": "protest", "COOPERATE": "cooperation",
            "AGREE": "accord", "CONCEDE": "accord"}
_AIR = frozenset({"aerial", "drone", "targeted"})
_SHELLING = frozenset({"heavy-weapons"})


def family_of(event_type: str, mode: str | None) -> str | None:
    """The kind of incident an event mention describes, or None for claims and statements."""
    if event_type == "ASSAULT":
        if mode in _AIR:
            return "attack-air"
        if mode in _SHELLING:
            return "attack-shelling"
        return "attack-ground" if mode else "attack"
    if (event_type, mode) in _FAMILIES:
        return _FAMILIES[(event_type, mode)]
    if event_type == "RETREAT":
        return "retreat"
    return _BY_TYPE.get(event_type)


@dataclass(frozen=True, slots=True)
class Sighting:
    """One mention of an incident, as the linker sees it."""

    event_id: int
    key: str
    family: str
    day: date | None
    day_from_report: bool
    lat: float | None
    lon: float | None
    precision: str | None
    country: str | None
    party: str | None
    story: str
    status: str
    killed: int | None = None
    extra: dict = field(default_factory=dict, compare=False, hash=False)


_RADIUS_KM = {"point": 3.0, "neighbourhood": 3.0, "town": 6.0, "district": 15.0,
              "region": 30.0, "country": 150.0}
_FLEXIBLE_FAMILIES = frozenset({"release", "meeting", "accord", "aid", "ceasefire",
                                "withdrawal", "cooperation"})


def distance_km(a: Sighting, b: Sighting) -> float | None:
    if a.lat is None or b.lat is None or a.lon is None or b.lon is None:
        return None
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def related_families(family: str) -> tuple[str, ...]:
    """Families a mention may link with. An attack of unknown kind links only with others of
    unknown kind: as a wildcard it would bridge an air strike and a shooting nearby."""
    return (family,)


def compatible(a: Sighting, b: Sighting) -> bool:
    """Could two mentions describe the same incident?

    Same kind of incident; dates at most a day apart; places within a radius that
    grows with the vaguer of the two (a town, a district, a region); no conflicting
    parties as authors; and tolls that are not of different orders of magnitude
    (a single strike's two dead are not an overnight wave's hundred).
    """
    if b.family not in related_families(a.family) or a.day is None or b.day is None:
        return False
    if abs((a.day - b.day).days) > 1:
        return False
    if a.party and b.party and a.party != b.party:
        return False
    km = distance_km(a, b)
    if km is None:
        if a.story == b.story:
            return True
        both_unplaced = a.lat is None and b.lat is None
        if not (both_unplaced and a.family in _FLEXIBLE_FAMILIES and a.party and b.party):
            return False
    else:
        radius = max(_RADIUS_KM.get(a.precision or "town", 6.0),
                     _RADIUS_KM.get(b.precision or "town", 6.0))
        if km > radius:
            return False
    if a.killed and b.killed:
        low, high = sorted((a.killed, b.killed))
        if high > 3 * low and high - low > 10:
            return False
    return True
