"""The review workflow: people confirm, correct or reject machine-coded events, merge
and split incidents, and re-run extraction without losing any of that.

Checks on a correction are pure (``corrected_record``); storing goes through
``truce.store.reviews`` (one transaction per action, with its audit entry) and
incidents are then recomputed by the linker, which honours merge and split
decisions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from truce.app import Truce
from truce.errors import InvalidChange, NotFound
from truce.model import (
    EVENT_TYPES,
    MODES,
    PRECISIONS_DATE,
    PRECISIONS_PLACE,
    QUANTITY_KINDS,
    RELATIONS,
    STATUSES,
    TOPICS,
    Event,
)
from truce.store import reviews

STATES = {"confirm": "confirmed", "correct": "corrected", "reject": "rejected"}
EDITABLE = ("event_type", "mode", "status", "topic", "actor", "recipient", "claimant", "date",
            "location", "quantities", "provisions", "agreement")


# ----- checking a correction (pure) ---------------------------------------------------------


def corrected_record(record: dict[str, Any], changes: dict[str, Any],
                     agreements: Iterable[str] = ()) -> dict[str, Any]:
    """The record with ``changes`` applied, checked field by field against the codebook."""
    if not changes:
        raise InvalidChange("changes", "give at least one codebook field to change")
    for name in changes:
        if name not in EDITABLE:
            raise InvalidChange(f"changes.{name}", "not an editable codebook field; editable: "
                                + ", ".join(EDITABLE))
    merged = {**record, **changes}
    _choice(merged, "event_type", EVENT_TYPES)
    _choice(merged, "status", STATUSES)
    _choice(merged, "topic", TOPICS)
    modes = MODES.get(merged["event_type"], ())
    if merged.get("mode") is not None and merged["mode"] not in modes:
        raise InvalidChange("changes.mode", f"{merged['mode']!r} is not a mode of "
                            f"{merged['event_type']}; use one of {', '.join(modes) or 'none'} "
                            "or null")
    for name in ("actor", "recipient"):
        _actor(merged.get(name), f"changes.{name}", allow_list=True)
    _actor(merged.get("claimant"), "changes.claimant", allow_list=False)
    _date(merged.get("date"))
    _location(merged.get("location"))
    _quantities(merged.get("quantities"))
    _provisions(merged.get("provisions"))
    known = set(agreements)
    if merged.get("agreement") is not None and known and merged["agreement"] not in known:
        raise InvalidChange("changes.agreement", f"unknown agreement {merged['agreement']!r}")
    return Event.from_dict(merged).to_dict()


def _choice(record: dict[str, Any], name: str, allowed: tuple[str, ...]) -> None:
    if record.get(name) not in allowed:
        raise InvalidChange(f"changes.{name}", f"{record.get(name)!r} is not one of "
                            + ", ".join(allowed))


def _keys(value: Any, where: str, required: set[str], optional: set[str]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise InvalidChange(where, "expected an object")
    missing = required - set(value)
    extra = set(value) - required - optional
    if missing:
        raise InvalidChange(where, f"missing {', '.join(sorted(missing))}")
    if extra:
        raise InvalidChange(where, f"unknown keys {', '.join(sorted(extra))}")
    return value


def _text(value: Any, where: str, nullable: bool = True, limit: int = 500) -> None:
    if value is None and nullable:
        return
    if not isinstance(value, str) or len(value) > limit or (not nullable and not value.strip()):
        raise InvalidChange(where, f"expected {'a' if nullable else 'a non-empty'} string of at "
                            f"most {limit} characters")


def _actor(value: Any, where: str, allow_list: bool) -> None:
    if value is None:
        return
    if isinstance(value, list):
        if not allow_list:
            raise InvalidChange(where, "expected one entity (an object) or null")
        if not value:
            raise InvalidChange(where, "an empty list; use null for no entity")
        for index, item in enumerate(value):
            _actor(item, f"{where}[{index}]", allow_list=False)
        return
    entity = _keys(value, where, {"name"}, {"id", "text"})
    _text(entity["name"], f"{where}.name", nullable=False)
    _text(entity.get("id"), f"{where}.id", limit=96)
    _text(entity.get("text"), f"{where}.text")


def _date(value: Any) -> None:
    if value is None:
        return
    where = "changes.date"
    found = _keys(value, where, {"value", "precision"}, {"text"})
    try:
        date.fromisoformat(str(found["value"])[:10])
    except ValueError:
        raise InvalidChange(f"{where}.value", f"{found['value']!r} is not an ISO date "
                            "(YYYY-MM-DD)") from None
    if found["precision"] not in PRECISIONS_DATE:
        raise InvalidChange(f"{where}.precision", "use one of " + ", ".join(PRECISIONS_DATE))
    _text(found.get("text"), f"{where}.text")


def _number(value: Any, where: str, bound: float) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | float) or not -bound <= value \
            <= bound:
        raise InvalidChange(where, f"expected a number between -{bound:g} and {bound:g}")


def _location(value: Any) -> None:
    if value is None:
        return
    where = "changes.location"
    place = _keys(value, where, {"name", "precision"}, {"lat", "lon", "country", "text"})
    _text(place["name"], f"{where}.name", nullable=False)
    _number(place.get("lat"), f"{where}.lat", 90)
    _number(place.get("lon"), f"{where}.lon", 180)
    _text(place.get("country"), f"{where}.country", limit=3)
    if place["precision"] not in PRECISIONS_PLACE:
        raise InvalidChange(f"{where}.precision", "use one of " + ", ".join(PRECISIONS_PLACE))
    place.setdefault("lat", None)
    place.setdefault("lon", None)
    place.setdefault("country", None)
    place.setdefault("text", place["name"])


def _quantities(value: Any) -> None:
    if value is None:
        return
    if not isinstance(value, list):
        raise InvalidChange("changes.quantities", "expected a list of figures")
    for index, item in enumerate(value):
        where = f"changes.quantities[{index}]"
        figure = _keys(item, where, {"kind", "value"}, {"approx", "text"})
        if figure["kind"] not in QUANTITY_KINDS:
            raise InvalidChange(f"{where}.kind", "use one of " + ", ".join(QUANTITY_KINDS))
        if isinstance(figure["value"], bool) or not isinstance(figure["value"], int) \
                or not 0 <= figure["value"] <= 10**9:
            raise InvalidChange(f"{where}.value", "expected a whole number from 0")
        figure.setdefault("approx", False)
        figure.setdefault("text", "")
        if not isinstance(figure["approx"], bool):
            raise InvalidChange(f"{where}.approx", "expected true or false")
        _text(figure["text"], f"{where}.text")


def _provisions(value: Any) -> None:
    if value is None:
        return
    if not isinstance(value, list):
        raise InvalidChange("changes.provisions", "expected a list of provision links")
    for index, item in enumerate(value):
        where = f"changes.provisions[{index}]"
        link = _keys(item, where, {"id", "relation"}, set())
        _text(link["id"], f"{where}.id", nullable=False, limit=96)
        if link["relation"] not in RELATIONS:
            raise InvalidChange(f"{where}.relation", "use one of " + ", ".join(RELATIONS))


# ----- actions ------------------------------------------------------------------------------


def review_event(truce: Truce, event_id: int, action: str, changes: dict[str, Any],
                 note: str | None, username: str, version: int | None = None) -> None:
    """Confirm, correct or reject an event as a new version, then relink if it changed.

    With ``version``, the review applies only if the event is still at that version.
    """
    if action not in STATES:
        raise InvalidChange("action", "use one of " + ", ".join(STATES))
    record = reviews.current_record(truce.store, event_id)
    if action == "correct":
        record = corrected_record(record, changes, truce.agreements.ids())
    elif changes:
        raise InvalidChange("changes", f"only 'correct' takes changes, not {action!r}")
    outcome = reviews.record_review(truce.store, event_id, record, STATES[action], action,
                                    username, note, version)
    if outcome.relink:
        _relink(truce, [outcome.component_id] if outcome.component_id else [])


def merge_incidents(truce: Truce, ids: list[str], note: str | None, username: str) -> str:
    """Join incidents into one, kept as must-link decisions; returns the merged incident."""
    unique = list(dict.fromkeys(ids))
    if len(unique) < 2:
        raise InvalidChange("ids", "name at least two different incidents")
    members = reviews.incident_members(truce.store, unique)
    missing = [i for i in unique if i not in members]
    if missing:
        raise InvalidChange("ids", f"no incident {', '.join(missing)}")
    everyone = [e for i in unique for e in members[i]]
    anchor = everyone[0]
    reviews.record_decisions(
        truce.store, must=[(anchor, e) for e in everyone[1:]], cannot=[],
        revoke_between=(everyone, everyone), username=username, action="merge",
        target=unique[0], before={"incidents": {i: members[i] for i in unique}},
        after={"events": everyone}, note=note)
    components = reviews.component_of(truce.store, everyone)
    joined = sorted({c for c in components.values() if c})
    if joined:
        truce.store.join_component(anchor, joined[0], joined[1:])
    _relink(truce, joined[:1])
    return _incident_of(truce, anchor)


def split_incident(truce: Truce, incident_id: str, event_ids: list[int], note: str | None,
                   username: str) -> list[str]:
    """Move events out of an incident into one of their own (kept as cannot-link decisions);
    returns the incidents its events now belong to."""
    members = reviews.incident_members(truce.store, [incident_id]).get(incident_id)
    if not members:
        raise NotFound(f"no incident {incident_id!r}")
    moved = list(dict.fromkeys(event_ids))
    strangers = [e for e in moved if e not in members]
    if strangers:
        raise InvalidChange("event_ids", f"events {', '.join(map(str, strangers))} are not in "
                            f"incident {incident_id}")
    stays = [e for e in members if e not in moved]
    if not stays:
        raise InvalidChange("event_ids", "leave at least one event in the incident (to drop "
                            "an event, reject it)")
    reviews.record_decisions(
        truce.store, must=[(moved[0], e) for e in moved[1:]],
        cannot=[(m, s) for m in moved for s in stays], revoke_between=(moved, stays),
        username=username, action="split", target=incident_id,
        before={"incidents": {incident_id: members}}, after={"moved": moved, "stays": stays},
        note=note)
    component = reviews.component_of(truce.store, [moved[0]])[moved[0]]
    _relink(truce, [component] if component else [])
    return sorted({_incident_of(truce, e) for e in members})


def _incident_of(truce: Truce, event_id: int) -> str:
    record = reviews.event_incident(truce.store, event_id)
    if record is None:
        raise NotFound(f"event {event_id} is in no incident")
    return record


def _relink(truce: Truce, components: list[str]) -> None:
    truce.linker.refresh(components)
    reviews.drop_empty_incidents(truce.store)
    truce.linker.link_pending()


# ----- re-extraction ------------------------------------------------------------------------


@dataclass(slots=True)
class ReextractSummary:
    reports: int = 0
    removed: int = 0
    added: int = 0
    kept: int = 0


def reextract(truce: Truce,
              on_report: Callable[[int], None] | None = None) -> ReextractSummary:
    """Run the extractor again over every stored report, replacing only unreviewed machine
    events (one transaction per report), then bring incidents up to date."""
    summary = ReextractSummary()
    stored = reviews.stored_reports(truce.store)
    touched: set[str] = set()
    extracted = truce.extractor.extract_many(s.report for s in stored)
    for entry, (_, found) in zip(stored, extracted, strict=True):
        result = reviews.replace_machine_events(truce.store, entry.id, entry.report, found)
        summary.reports += 1
        summary.removed += result.removed
        summary.added += result.added
        summary.kept += result.kept
        touched.update(result.components)
        if on_report is not None:
            on_report(entry.id)
    _relink(truce, sorted(touched))
    return summary
