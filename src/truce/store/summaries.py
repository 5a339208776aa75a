"""Aggregate reads for the dashboard: what a page shows without loading every record.

Compliance counts depend only on a few fields of each event (type, actor,
recipient, claimant, outlet and the provision link), so the database groups
events by those fields and counts them; the analysis then runs once per
distinct group, weighted by its count. Markers, claimant lists and target
figures are grouped the same way. Read-only; rejected events are left out.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, case, func, literal_column, select

from truce.agreements.model import Target
from truce.store.database import Store
from truce.store.queries import IncidentQuery, incident_conditions
from truce.store.schema import (
    audit_log,
    event_provisions,
    events,
    incidents,
    quantities,
    reports,
)


@dataclass(frozen=True, slots=True)
class Shape:
    """A group of events that compliance cannot tell apart, and how many there are."""

    record: dict[str, Any]
    count: int
    day: date | None = None
    grade: str | None = None
    key: tuple[Any, ...] = ()  # the grouped values behind ``record``: equal keys, equal records


def _live_events(agreement: str | None, date_from: date | None,
                 date_to: date | None) -> list[ColumnElement[bool]]:
    """Conditions on events (rejected ones left out through the review index, so that the
    wide rows are not read just to find them)."""
    rejected = select(events.c.id).where(events.c.review == "rejected")
    where: list[ColumnElement[bool]] = [events.c.id.not_in(rejected)]
    if agreement:
        where.append(events.c.agreement_id == agreement)
    if date_from:
        where.append(events.c.date >= date_from)
    if date_to:
        where.append(events.c.date <= date_to)
    return where


def compliance_shapes(store: Store, agreement: str, date_from: date | None = None,
                      date_to: date | None = None, by_day: bool = False) -> list[Shape]:
    """Provision-linked events grouped by what compliance reads (optionally also by day and
    by the grade of their incident), each group as one record with its count.

    The scalar columns say everything compliance needs except where an event names several
    actors (its ``actor_name`` joins their names) or an accusation names its accused
    (compliance reads every recipient): only for those is the JSON record read.
    """
    several_actors = events.c.actor_name.like("%, %")
    actor_json = case((several_actors, events.c.record["actor"].as_string()), else_=None)
    recipient_json = case((events.c.event_type == "ACCUSE",
                           events.c.record["recipient"].as_string()), else_=None)
    columns = [events.c.event_type, events.c.actor_id, events.c.actor_name, actor_json,
               recipient_json, events.c.claimant_id, events.c.claimant_name, reports.c.outlet,
               event_provisions.c.provision_id, event_provisions.c.relation]
    joined = (events.join(reports, reports.c.id == events.c.report_id)
              .join(event_provisions, event_provisions.c.event_id == events.c.id))
    if by_day:
        columns += [events.c.date, incidents.c.grade]
        joined = joined.outerjoin(incidents, incidents.c.id == events.c.incident_id)
    statement = (select(*columns, func.count().label("n")).select_from(joined)
                 .where(*_live_events(agreement, date_from, date_to)).group_by(*columns))
    shapes = []
    records: dict[tuple[Any, ...], dict[str, Any]] = {}
    with store.engine.connect() as connection:
        for row in connection.execute(statement):
            key = tuple(row[:10])
            if key not in records:
                records[key] = _record(*key)
            shapes.append(Shape(records[key], int(row.n), row[10] if by_day else None,
                                row[11] if by_day else None, key))
    return shapes


def _record(event_type: str, actor_id: str | None, actor_name: str | None,
            actors: str | None, recipients: str | None, claimant_id: str | None,
            claimant_name: str | None, outlet: str | None, provision: str,
            relation: str) -> dict[str, Any]:
    """The fields of a record that compliance reads, from one group's values."""
    return {
        "event_type": event_type,
        "actor": _loads(actors) if actors else _entity(actor_id, actor_name),
        "recipient": _loads(recipients) if recipients else None,
        "claimant": _entity(claimant_id, claimant_name),
        "outlet": outlet, "doc": "",
        "provisions": [{"id": provision, "relation": relation}],
    }


def collapse(shapes: list[Shape]) -> list[Shape]:
    """Shapes grouped by day and grade summed into shapes over the whole range."""
    totals: dict[tuple[Any, ...], Shape] = {}
    for shape in shapes:
        found = totals.get(shape.key)
        totals[shape.key] = Shape(shape.record, shape.count + (found.count if found else 0),
                                  key=shape.key)
    return list(totals.values())


def _entity(entity_id: str | None, name: str | None) -> dict[str, Any] | None:
    if entity_id is None and name is None:
        return None
    return {"id": entity_id, "name": name or "", "text": None}


def _loads(raw: str | None) -> Any:
    return json.loads(raw) if raw is not None else None


@dataclass(frozen=True, slots=True)
class CounterFigures:
    """What one counter (source) reported against one target: how often, the range, the
    latest day, and how many of its values meet the target."""

    provision: str
    source: str
    kind: str
    reports: int
    low: int
    high: int
    last_day: date | None
    meeting: int


def target_figures(store: Store, agreement: str, targets: dict[str, Target],
                   date_from: date | None = None,
                   date_to: date | None = None) -> list[CounterFigures]:
    """Per provision with a target and per counter: the figures reported, never merged."""
    found: list[CounterFigures] = []
    if not targets:
        return found
    with store.engine.connect() as connection:
        for provision_id, target in targets.items():
            value = quantities.c.value
            meets = {"at_most": value <= target.value,
                     "exactly": value == target.value}.get(target.comparison,
                                                           value >= target.value)
            columns = [events.c.claimant_name, events.c.claimant_id, reports.c.outlet,
                       quantities.c.kind]
            statement = (
                select(*columns, func.count(), func.min(value), func.max(value),
                       func.max(events.c.date), func.sum(case((meets, 1), else_=0)))
                .select_from(quantities.join(events, events.c.id == quantities.c.event_id)
                             .join(reports, reports.c.id == events.c.report_id)
                             .join(event_provisions,
                                   event_provisions.c.event_id == events.c.id))
                .where(*_live_events(agreement, date_from, date_to),
                       event_provisions.c.provision_id == provision_id,
                       quantities.c.kind.in_(target.quantity_kinds))
                .group_by(*columns))
            merged: dict[tuple[str, str], list[Any]] = {}
            for row in connection.execute(statement):
                source = _source(row[0], row[1], row[2])
                entry = merged.setdefault((source, row[3]), [0, row[5], row[6], row[7], 0])
                entry[0] += int(row[4])
                entry[1], entry[2] = min(entry[1], row[5]), max(entry[2], row[6])
                entry[3] = max(filter(None, (entry[3], row[7])), default=None)
                entry[4] += int(row[8] or 0)
            found.extend(CounterFigures(provision_id, source, kind, *values)
                         for (source, kind), values in sorted(merged.items()))
    return found


def _source(claimant_name: str | None, claimant_id: str | None, outlet: str | None) -> str:
    """Who a figure rests on, as ``analyse.compliance.source_of`` names it."""
    if claimant_name or claimant_id:
        return claimant_name or claimant_id or "?"
    name = (outlet or "").split("(")[0].strip()
    return name or "the report itself"


def incident_where(query: IncidentQuery, claimant: str | None = None,
                   ) -> list[ColumnElement[bool]]:
    """The query's conditions, plus: some mention of the incident rests on ``claimant``."""
    where = incident_conditions(query)
    if claimant:  # the claimant's events first (indexed), not a probe per incident
        where.append(incidents.c.id.in_(select(events.c.incident_id).where(
            events.c.claimant_id == claimant, events.c.incident_id.is_not(None))))
    return where


def incident_markers(store: Store, query: IncidentQuery, claimant: str | None = None,
                     limit: int = 2000) -> tuple[list[dict[str, Any]], int]:
    """The most recent located incidents matching (few columns) and how many located
    incidents match in all."""
    where = [*incident_where(query, claimant), incidents.c.lat.is_not(None)]
    with store.engine.connect() as connection:
        total = connection.execute(select(func.count()).select_from(incidents)
                                   .where(*where)).scalar_one()
        rows = connection.execute(
            select(incidents.c.id, incidents.c.lat, incidents.c.lon, incidents.c.grade,
                   incidents.c.place_name, incidents.c.first_date, incidents.c.event_type,
                   incidents.c.mentions, incidents.c.sources)
            .where(*where).order_by(incidents.c.first_date.desc(), incidents.c.id)
            .limit(limit)).all()
    return [dict(r._mapping) for r in rows], int(total)


def recent_incidents(store: Store, query: IncidentQuery, claimant: str | None = None,
                     limit: int = 20) -> tuple[list[dict[str, Any]], int]:
    """The latest incidents matching (whole rows, summary included) and the total."""
    where = incident_where(query, claimant)
    with store.engine.connect() as connection:
        total = connection.execute(select(func.count()).select_from(incidents)
                                   .where(*where)).scalar_one()
        rows = connection.execute(
            select(incidents).where(*where)
            .order_by(incidents.c.first_date.desc(), incidents.c.id).limit(limit)).all()
    return [dict(r._mapping) for r in rows], int(total)


def daily_grades(store: Store, query: IncidentQuery,
                 claimant: str | None = None) -> list[tuple[date, str, int]]:
    """(first day, grade, incidents) for incidents matching."""
    statement = (select(incidents.c.first_date, incidents.c.grade, func.count())
                 .where(*incident_where(query, claimant), incidents.c.first_date.is_not(None))
                 .group_by(incidents.c.first_date, incidents.c.grade))
    with store.engine.connect() as connection:
        return [(r[0], r[1], int(r[2])) for r in connection.execute(statement)]


def violent_days(store: Store, query: IncidentQuery, families: frozenset[str],
                 claimant: str | None = None) -> list[dict[str, Any]]:
    """First day and family of each matching violent incident: what alerts count (grouped in
    the database; one shared row per incident of a day and family)."""
    statement = (select(incidents.c.first_date, incidents.c.family, func.count())
                 .where(*incident_where(query, claimant), incidents.c.family.in_(families))
                 .group_by(incidents.c.first_date, incidents.c.family))
    with store.engine.connect() as connection:
        return [row for day, family, count in connection.execute(statement)
                for row in [{"first_date": day, "family": family}] * int(count)]


def claimants(store: Store, agreement: str | None = None) -> list[tuple[str, int]]:
    """(claimant id, events) of every registry claimant, most frequent first (ids only, so
    that the claimant index answers without reading the events)."""
    where = [events.c.claimant_id.is_not(None)]
    if agreement:
        where.append(events.c.agreement_id == agreement)
    statement = (select(events.c.claimant_id, func.count()).where(*where)
                 .group_by(events.c.claimant_id)
                 .order_by(func.count().desc(), events.c.claimant_id))
    with store.engine.connect() as connection:
        return [(r[0], int(r[1])) for r in connection.execute(statement)]


def generation(store: Store) -> tuple[Any, ...]:
    """What changes whenever the data behind a page does: the newest report and event, the
    newest audit entry (every review, merge and split) and the incidents' state (relinking
    deletes and inserts rows, so SQLite's newest rowid moves; elsewhere their count)."""
    incident_state = (func.max(literal_column("rowid")) if store.engine.dialect.name == "sqlite"
                      else func.count())
    with store.engine.connect() as connection:
        return (
            connection.execute(select(func.max(reports.c.id))).scalar_one(),
            connection.execute(select(func.max(events.c.id))).scalar_one(),
            connection.execute(select(func.max(audit_log.c.id))).scalar_one(),
            connection.execute(select(incident_state).select_from(incidents)).scalar_one(),
        )
