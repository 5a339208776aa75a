"""Flat exports of event records (CSV now; the richer formats build on the same rows)."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any, TextIO

from truce.errors import TruceError
from truce.model import record_entities, record_entity_names

CSV_COLUMNS = (
    "id", "doc", "outlet", "published", "date", "date_precision", "event_type", "mode", "status",
    "topic", "actor_id", "actor", "recipient_id", "recipient", "claimant_id", "claimant",
    "place", "lat", "lon", "country", "location_precision", "killed", "injured", "quantities",
    "provisions", "agreement", "evidence",
)


def _first(entity: Any) -> dict[str, Any]:
    found = record_entities(entity)
    return found[0] if found else {}


def _names(entity: Any) -> str:
    return record_entity_names(entity, "; ")


def flat_row(record: dict[str, Any]) -> dict[str, Any]:
    """One CSV row per event; figures of several kinds folded into one column."""
    date_ = record.get("date") or {}
    place = record.get("location") or {}
    quantities = record.get("quantities") or []
    by_kind = {q["kind"]: q["value"] for q in quantities}
    return {
        "id": record.get("id"), "doc": record["doc"], "outlet": record.get("outlet"),
        "published": record.get("published"), "date": date_.get("value"),
        "date_precision": date_.get("precision"), "event_type": record["event_type"],
        "mode": record.get("mode"), "status": record["status"], "topic": record["topic"],
        "actor_id": _first(record.get("actor")).get("id"), "actor": _names(record.get("actor")),
        "recipient_id": _first(record.get("recipient")).get("id"),
        "recipient": _names(record.get("recipient")),
        "claimant_id": _first(record.get("claimant")).get("id"),
        "claimant": _names(record.get("claimant")),
        "place": place.get("name"), "lat": place.get("lat"), "lon": place.get("lon"),
        "country": place.get("country"), "location_precision": place.get("precision"),
        "killed": by_kind.get("killed"), "injured": by_kind.get("injured"),
        "quantities": "; ".join(f"{q['kind']}={q['value']}" for q in quantities),
        "provisions": "; ".join(f"{p['id']}:{p['relation']}" for p in record.get("provisions")
                                or []),
        "agreement": record.get("agreement"),
        "evidence": (record.get("evidence") or {}).get("text"),
    }


def write_events_csv(records: Iterable[dict[str, Any]], stream: TextIO) -> None:
    writer = csv.DictWriter(stream, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for record in records:
        writer.writerow(flat_row(record))


# ----- structured exports ------------------------------------------------------------------

_ACLED_BY_MODE = {
    "aerial": ("Explosions/Remote violence", "Air/drone strike"),
    "drone": ("Explosions/Remote violence", "Air/drone strike"),
    "heavy-weapons": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "explosives": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "destroy": ("Strategic developments", "Looting/property destruction"),
    "abduct": ("Violence against civilians", "Abduction/forced disappearance"),
}
_ACLED_BY_TYPE = {
    "PROTEST": ("Protests", "Peaceful protest"),
    "AGREE": ("Strategic developments", "Agreement"),
    "CONCEDE": ("Strategic developments", "Agreement"),
    "MOBILIZE": ("Strategic developments", "Change to group/activity"),
}
_GEO_PRECISION = {"point": 1, "neighbourhood": 1, "town": 1, "district": 2, "region": 3,
                  "country": 3}
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
    "actor1", "actor2", "country", "location", "latitude", "longitude", "geo_precision",
    "source", "notes", "fatalities", "truce_event_type", "truce_mode", "truce_claimant",
    "truce_status",
)


def acled_category(record: dict[str, Any]) -> tuple[str, str]:
    """The nearest ACLED event type and sub-event type for a PLOVER-coded record."""
    kind, mode = record["event_type"], record.get("mode")
    if kind == "ASSAULT":
        if mode in _ACLED_BY_MODE:
            return _ACLED_BY_MODE[mode]
        recipient = _first(record.get("recipient")).get("id") or ""
        if recipient.endswith("civilians"):
            return ("Violence against civilians", "Attack")
        return ("Battles", "Armed clash")
    if kind == "PROTEST" and mode == "riot":
        return ("Riots", "Violent demonstration")
    if kind == "COERCE" and mode == "arrest":
        return ("Strategic developments", "Arrests")
    if kind == "RETREAT" and mode == "ceasefire":
        return ("Strategic developments", "Agreement")
    return _ACLED_BY_TYPE.get(kind, ("Strategic developments", "Other"))


def acled_row(record: dict[str, Any]) -> dict[str, Any]:
    date_ = record.get("date") or {}
    day = date_.get("value") or record.get("published") or ""
    place = record.get("location") or {}
    event_type, sub_event = acled_category(record)
    killed = sum(q["value"] for q in record.get("quantities") or [] if q["kind"] == "killed")
    claimant = _names(record.get("claimant"))
    return {
        "event_id_cnty": f"{place.get('country') or 'XXX'}{record.get('id', '')}",
        "event_date": day, "year": day[:4],
        "time_precision": {"day": 1, "week": 2}.get(date_.get("precision"), 3),
        "event_type": event_type, "sub_event_type": sub_event,
        "actor1": _names(record.get("actor")), "actor2": _names(record.get("recipient")),
        "country": place.get("country"), "location": place.get("name"),
        "latitude": place.get("lat"), "longitude": place.get("lon"),
        "geo_precision": _GEO_PRECISION.get(place.get("precision"), ""),
        "source": claimant or record.get("outlet") or "",
        "notes": (record.get("evidence") or {}).get("text"),
        "fatalities": killed, "truce_event_type": record["event_type"],
        "truce_mode": record.get("mode"), "truce_claimant": claimant or "(report)",
        "truce_status": record["status"],
    }


def write_acled_csv(records: Iterable[dict[str, Any]], stream: TextIO) -> None:
    writer = csv.DictWriter(stream, fieldnames=ACLED_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for record in records:
        writer.writerow(acled_row(record))


def plover_record(record: dict[str, Any]) -> dict[str, Any]:
    """A record in the shape of PLOVER/POLECAT event data, with Truce's claimant kept."""
    date_ = record.get("date") or {}
    place = record.get("location") or {}

    def party(entity: Any) -> dict[str, Any] | None:
        first = _first(entity)
        return {"name": first.get("name"), "code": first.get("id")} if first else None

    return {
        "id": record.get("id"), "event_date": date_.get("value") or record.get("published"),
        "event_type": record["event_type"], "mode": record.get("mode"),
        "context": [record["topic"]], "status": record["status"],
        "actor": party(record.get("actor")), "recipient": party(record.get("recipient")),
        "source_actor": party(record.get("claimant")),
        "location": {"name": place.get("name"), "lat": place.get("lat"),
                     "lon": place.get("lon"), "country": place.get("country")} if place else None,
        "event_text": (record.get("evidence") or {}).get("text"),
        "doc": record["doc"], "provisions": record.get("provisions") or [],
    }


def geojson(items: Iterable[dict[str, Any]], kind: str = "events") -> dict[str, Any]:
    """A FeatureCollection of located events (codebook records) or incidents."""
    features = []
    for item in items:
        if kind == "incidents":
            lat, lon = item.get("lat"), item.get("lon")
            properties = {k: (v.isoformat() if hasattr(v, "isoformat") else v)
                          for k, v in item.items() if k not in ("lat", "lon")}
        else:
            place = item.get("location") or {}
            lat, lon = place.get("lat"), place.get("lon")
            properties = {**flat_row(item), "claimant": _names(item.get("claimant"))}
        if lat is None or lon is None:
            continue
        features.append({"type": "Feature",
                         "geometry": {"type": "Point", "coordinates": [lon, lat]},
                         "properties": properties})
    return {"type": "FeatureCollection", "features": features}


def incident_record(incident: dict[str, Any]) -> dict[str, Any]:
    """An incident as a JSON-ready record: kind, dates, place, grade, figures, documents."""
    summary = incident["summary"]
    return {
        "id": incident["id"], "agreement": incident["agreement_id"],
        "kind": incident["family"], "event_types": summary["event_types"],
        "modes": summary["modes"],
        "first_date": _iso(incident["first_date"]), "last_date": _iso(incident["last_date"]),
        "place": {"name": incident["place_name"], "lat": incident["lat"],
                  "lon": incident["lon"], "country": incident["country"]}
        if incident["place_name"] else None,
        "actors": summary["actors"], "recipients": summary["recipients"],
        "grade": incident["grade"], "sources": incident["sources"],
        "mentions": incident["mentions"], "claimants_by_side": summary["claimants_by_side"],
        "figures": summary["figures"], "documents": summary["documents"],
    }


def _iso(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


INCIDENT_COLUMNS = ("id", "agreement", "kind", "first_date", "last_date", "place", "lat", "lon",
                    "grade", "sources", "mentions", "actors", "figures", "documents")


def write_incidents_csv(incidents: Iterable[dict[str, Any]], stream: TextIO) -> None:
    writer = csv.DictWriter(stream, fieldnames=INCIDENT_COLUMNS)
    writer.writeheader()
    for incident in incidents:
        record = incident_record(incident)
        writer.writerow({
            "id": record["id"], "agreement": record["agreement"], "kind": record["kind"],
            "first_date": record["first_date"], "last_date": record["last_date"],
            "place": incident["place_name"], "lat": incident["lat"], "lon": incident["lon"],
            "grade": record["grade"], "sources": record["sources"],
            "mentions": record["mentions"], "actors": "; ".join(record["actors"]),
            "figures": "; ".join(
                f"{kind} {f['min']}-{f['max']} (" + ", ".join(
                    f"{r['value']} {r['source']}" for r in f["reports"]) + ")"
                for kind, f in record["figures"].items()),
            "documents": "; ".join(record["documents"]),
        })


def write_export(items: list[dict[str, Any]], fmt: str, what: str, stream: TextIO) -> None:
    """Write events or incidents in one of the export formats."""
    import json

    if what == "incidents":
        records = [incident_record(i) for i in items]
        if fmt == "csv":
            write_incidents_csv(items, stream)
        elif fmt == "geojson":
            json.dump(geojson(items, "incidents"), stream, ensure_ascii=False, default=_iso)
        elif fmt == "json":
            json.dump(records, stream, ensure_ascii=False, indent=1)
        else:
            raise TruceError(f"--format {fmt}: exports events only; use csv, json or geojson "
                             "for incidents")
        return
    if fmt == "csv":
        write_events_csv(items, stream)
    elif fmt == "acled":
        write_acled_csv(items, stream)
    elif fmt == "geojson":
        json.dump(geojson(items), stream, ensure_ascii=False)
    elif fmt == "plover":
        json.dump([plover_record(r) for r in items], stream, ensure_ascii=False, indent=1)
    else:
        json.dump(items, stream, ensure_ascii=False, indent=1)
