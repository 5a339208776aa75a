"""Aggregate reads for the dashboard: what a page shows without loading every record.

Compliance counts depend only on a few fields of each event (type, actors,
the accused, claimant, outlet and the provision links), stored with it as its
shape (``events.shape``, hashed in ``shape_id``); the database counts events per
shape from an index and the analysis runs once per distinct shape, weighted by
its count. Markers, claimant lists and target figures are grouped likewise.
Read-only; rejected events are left out.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Date, case, cast, func, literal_column, select

from truce.agreements.model import Target
from truce.store.database import Store
from truce.store.queries import IncidentQuery, incident_conditions
from truce.store.schema import (
    audit_log,
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


def _period(store: Store, period: str | None) -> ColumnElement[date]:
    """The first day of an event's period (ISO weeks start on Monday) in SQL."""
    if period != "week":
        return events.c.date
    if store.engine.dialect.name == "sqlite":
        return func.date(events.c.date, "-6 days", "weekday 1", type_=Date)
    return cast(func.date_trunc("week", events.c.date), Date)


def _shape_conditions(agreement: str, date_from: date | None, date_to: date | None,
                      shape_ids: Collection[int] | None) -> list[ColumnElement[bool]]:
    """Live provision-linked events of the agreement (all in ``ix_events_compliance``)."""
    where = [events.c.agreement_id == agreement, events.c.shape_id.is_not(None),
             events.c.review != "rejected"]
    if shape_ids is not None:
        where.append(events.c.shape_id.in_(sorted(shape_ids)))
    if date_from:
        where.append(events.c.date >= date_from)
    if date_to:
        where.append(events.c.date <= date_to)
    return where


def compliance_shapes(store: Store, agreement: str, date_from: date | None = None,
                      date_to: date | None = None, period: str | None = None,
                      shape_ids: Collection[int] | None = None) -> list[Shape]:
    """Live provision-linked events grouped by their compliance shape (``events.shape``),
    optionally also by period ("day" or "week", its first day) and by the grade of their
    incident, each group as one record with its count. Counted from the index; only one
    record per distinct shape is read."""
    columns: list[ColumnElement[Any]] = [events.c.shape_id]
    joined: Any = events
    if period:
        columns += [_period(store, period).label("period"), incidents.c.grade]
        joined = events.outerjoin(incidents, incidents.c.id == events.c.incident_id)
    statement = (select(*columns, func.count().label("n"), func.min(events.c.id))
                 .select_from(joined)
                 .where(*_shape_conditions(agreement, date_from, date_to, shape_ids))
                 .group_by(*columns))
    with store.engine.connect() as connection:
        rows = connection.execute(statement).all()
        examples = {row[0]: row[-1] for row in rows}
        records: dict[int, dict[str, Any]] = {}
        ids = sorted(examples.values())
        for start in range(0, len(ids), 500):
            for shape_id, shape in connection.execute(
                    select(events.c.shape_id, events.c.shape)
                    .where(events.c.id.in_(ids[start:start + 500]))):
                records[shape_id] = json.loads(shape)
    return [Shape(records[row[0]], int(row.n), row[1] if period else None,
                  row[2] if period else None, (row[0],)) for row in rows]


def compliance_periods(store: Store, agreement: str, period: str,
                       date_from: date | None = None, date_to: date | None = None,
                       shape_ids: Collection[int] | None = None) -> list[date]:
    """The first days of the periods with live events of these shapes, in order."""
    column = _period(store, period)
    statement = (select(column).distinct()
                 .where(*_shape_conditions(agreement, date_from, date_to, shape_ids),
                        events.c.date.is_not(None)).order_by(column))
    with store.engine.connect() as connection:
        return [day for (day,) in connection.execute(statement)]


def collapse(shapes: list[Shape]) -> list[Shape]:
    """Shapes grouped by day and grade summed into shapes over the whole range."""
    totals: dict[tuple[Any, ...], Shape] = {}
    for shape in shapes:
        found = totals.get(shape.key)
        totals[shape.key] = Shape(shape.record, shape.count + (found.count if found else 0),
                                  key=shape.key)
    return list(totals.values())


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
                   shapes: list[Shape], date_from: date | None = None,
                   date_to: date | None = None) -> list[CounterFigures]:
    """Per provision with a target and per counter: the figures reported, never merged.

    ``shapes`` are the agreement's shapes over the range (``compliance_shapes``): figures
    are grouped by shape in SQL, and each shape names the provisions and the source."""
    found: list[CounterFigures] = []
    by_key = {shape.key[0]: shape.record for shape in shapes}
    with store.engine.connect() as connection:
        for provision_id, target in targets.items():
            linked = [key for key, record in by_key.items()
                      if any(link["id"] == provision_id for link in record["provisions"])]
            if not linked:
                continue
            value = quantities.c.value
            meets = {"at_most": value <= target.value,
                     "exactly": value == target.value}.get(target.comparison,
                                                           value >= target.value)
            columns = [events.c.shape_id, quantities.c.kind]
            statement = (
                select(*columns, func.count(), func.min(value), func.max(value),
                       func.max(events.c.date), func.sum(case((meets, 1), else_=0)))
                .select_from(events.join(quantities, quantities.c.event_id == events.c.id))
                .where(*_shape_conditions(agreement, date_from, date_to, linked),
                       quantities.c.kind.in_(target.quantity_kinds))
                .group_by(*columns))
            merged: dict[tuple[str, str], list[Any]] = {}
            for row in connection.execute(statement):
                claimant = by_key[row[0]]["claimant"] or {}
                source = _source(claimant.get("name"), claimant.get("id"),
                                 by_key[row[0]]["outlet"])
                entry = merged.setdefault((source, row[1]), [0, row[3], row[4], row[5], 0])
                entry[0] += int(row[2])
                entry[1], entry[2] = min(entry[1], row[3]), max(entry[2], row[4])
                entry[3] = max(filter(None, (entry[3], row[5])), default=None)
                entry[4] += int(row[6] or 0)
            found.extend(CounterFigures(provision_id, source, kind, *values)
                         for (source, kind), values in sorted(merged.items()))
    return found


@dataclass(frozen=True, slots=True)
class TargetPoint:
    """One figure reported for a target: who reports it, the day, the value, its report."""

    source: str
    day: date
    value: int
    approx: bool
    doc: str
    text: str


def target_points(store: Store, agreement: str, provision_id: str, kinds: tuple[str, ...],
                  shapes: list[Shape], date_from: date | None = None,
                  date_to: date | None = None) -> list[TargetPoint]:
    """Every dated figure of these kinds on live events linked to the provision, in the
    order of the events' days and ids (``shapes``: the agreement's over the range)."""
    by_key = {shape.key[0]: shape.record for shape in shapes
              if any(link["id"] == provision_id for link in shape.record["provisions"])}
    if not by_key:
        return []
    statement = (
        select(events.c.shape_id, events.c.date, quantities.c.value, quantities.c.approx,
               reports.c.doc, quantities.c.text)
        .select_from(events.join(quantities, quantities.c.event_id == events.c.id)
                     .join(reports, reports.c.id == events.c.report_id))
        .where(*_shape_conditions(agreement, date_from, date_to, by_key),
               quantities.c.kind.in_(kinds), events.c.date.is_not(None))
        .order_by(events.c.date, events.c.id, quantities.c.id))
    points = []
    with store.engine.connect() as connection:
        for shape_id, day, value, approx, doc, text in connection.execute(statement):
            record = by_key[shape_id]
            claimant = record["claimant"] or {}
            points.append(TargetPoint(_source(claimant.get("name"), claimant.get("id"),
                                              record["outlet"]),
                                      day, value, bool(approx), doc, text or ""))
    return points


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


def incident_counts(store: Store, query: IncidentQuery,
                    claimant: str | None = None) -> tuple[int, int]:
    """How many incidents match, and how many of them are located (one statement)."""
    statement = (select(func.count(), func.count(incidents.c.lat))
                 .where(*incident_where(query, claimant)))
    with store.engine.connect() as connection:
        total, located = connection.execute(statement).one()
    return int(total), int(located)


def incident_markers(store: Store, query: IncidentQuery, claimant: str | None = None,
                     limit: int = 2000) -> list[dict[str, Any]]:
    """The most recent located incidents matching (few columns)."""
    where = [*incident_where(query, claimant), incidents.c.lat.is_not(None)]
    with store.engine.connect() as connection:
        rows = connection.execute(
            select(incidents.c.id, incidents.c.lat, incidents.c.lon, incidents.c.grade,
                   incidents.c.place_name, incidents.c.first_date, incidents.c.event_type,
                   incidents.c.mentions, incidents.c.sources)
            .where(*where).order_by(incidents.c.first_date.desc(), incidents.c.id)
            .limit(limit)).all()
    return [dict(r._mapping) for r in rows]


def recent_incidents(store: Store, query: IncidentQuery, claimant: str | None = None,
                     limit: int = 20) -> list[dict[str, Any]]:
    """The latest incidents matching (whole rows, summary included)."""
    with store.engine.connect() as connection:
        rows = connection.execute(
            select(incidents).where(*incident_where(query, claimant))
            .order_by(incidents.c.first_date.desc(), incidents.c.id).limit(limit)).all()
    return [dict(r._mapping) for r in rows]


def daily_incidents(store: Store, query: IncidentQuery,
                    claimant: str | None = None) -> list[tuple[date, str, str, int]]:
    """(first day, grade, family, incidents) for dated incidents matching: what the timeline
    (by grade) and the alerts (by family) count, in one statement."""
    columns = [incidents.c.first_date, incidents.c.grade, incidents.c.family]
    statement = (select(*columns, func.count())
                 .where(*incident_where(query, claimant), incidents.c.first_date.is_not(None))
                 .group_by(*columns))
    with store.engine.connect() as connection:
        return [(r[0], r[1], r[2], int(r[3])) for r in connection.execute(statement)]


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
