"""Flat exports of event records (CSV now; the richer formats build on the same rows)."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any, TextIO

CSV_COLUMNS = (
    "id", "doc", "outlet", "published", "date", "date_precision", "event_type", "mode", "status",
    "topic", "actor_id", "actor", "recipient_id", "recipient", "claimant_id", "claimant",
    "place", "lat", "lon", "country", "location_precision", "killed", "injured", "quantities",
    "provisions", "agreement", "evidence",
)


def _first(entity: Any) -> dict[str, Any]:
    if not entity:
        return {}
    return entity[0] if isinstance(entity, list) else entity


def _names(entity: Any) -> str:
    if not entity:
        return ""
    items = entity if isinstance(entity, list) else [entity]
    return "; ".join(i.get("name") or "" for i in items)


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
