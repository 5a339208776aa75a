"""Read queries for the web app and API: filtered, sorted, paged listings and details.

Every filter uses an indexed scalar column (never the JSON record), counts are
``count(*)`` over the same filtered selection, and pages are LIMIT/OFFSET with
the id as tie-breaker so paging is stable. Rejected events are left out of
every listing unless asked for by ``review="rejected"``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, func, or_, select, union_all
from sqlalchemy.ext.compiler import compiles

from truce.store.database import Store
from truce.store.schema import (
    event_versions,
    events,
    incidents,
    reports,
)

MAX_LIMIT = 500
DEFAULT_LIMIT = 50
REVIEW_STATES = ("unreviewed", "confirmed", "corrected", "rejected")

EVENT_SORTS: dict[str, Any] = {
    "id": events.c.id, "date": events.c.date, "type": events.c.event_type,
    "topic": events.c.topic, "status": events.c.status, "claimant": events.c.claimant_id,
    "place": events.c.place_name, "report": events.c.report_id, "review": events.c.review,
}
INCIDENT_SORTS: dict[str, Any] = {
    "id": incidents.c.id, "date": incidents.c.first_date, "first_date": incidents.c.first_date,
    "last_date": incidents.c.last_date, "grade": incidents.c.grade,
    "mentions": incidents.c.mentions, "sources": incidents.c.sources,
    "type": incidents.c.event_type,
}
REPORT_SORTS: dict[str, Any] = {
    "id": reports.c.id, "published": reports.c.published, "title": reports.c.title,
    "outlet": reports.c.outlet, "events": reports.c.event_count,
}


@dataclass(frozen=True, slots=True)
class BBox:
    """A bounding box in degrees: west, south, east, north."""

    min_lon: float
    min_lat: float
    max_lon: float
    max_lat: float


@dataclass(frozen=True, slots=True)
class Paging:
    limit: int = DEFAULT_LIMIT
    offset: int = 0
    sort: str | None = None


@dataclass(frozen=True, slots=True)
class EventQuery:
    """Filters for listing events; every field optional."""

    agreement: str | None = None
    party: str | None = None
    claimant: str | None = None
    topic: str | None = None
    event_type: str | None = None
    status: str | None = None
    grade: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    bbox: BBox | None = None
    place: str | None = None
    report: int | None = None
    incident: str | None = None
    review: str | None = None


@dataclass(frozen=True, slots=True)
class IncidentQuery:
    agreement: str | None = None
    event_type: str | None = None
    grade: str | None = None
    party: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    bbox: BBox | None = None


@dataclass(frozen=True, slots=True)
class ReportQuery:
    agreement: str | None = None
    outlet: str | None = None
    date_from: date | None = None
    date_to: date | None = None


@dataclass(slots=True)
class Page:
    items: list[dict[str, Any]] = field(default_factory=list)
    total: int = 0
    limit: int = DEFAULT_LIMIT
    offset: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {"items": self.items, "total": self.total, "limit": self.limit,
                "offset": self.offset}


# ----- conditions ---------------------------------------------------------------------------


class _StartsWith(ColumnElement[bool]):
    """``column`` begins with ``prefix``: a key range on SQLite (binary collation, so its
    index serves it), LIKE elsewhere (a range would be wrong under locale collations)."""

    inherit_cache = False  # the prefix is not part of a cache key; never cache

    def __init__(self, column: Any, prefix: str) -> None:
        self.column = column
        self.prefix = prefix


@compiles(_StartsWith)
def _starts_with_like(element: _StartsWith, compiler: Any, **options: Any) -> str:
    pattern = element.prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return compiler.process(element.column.like(pattern + "%", escape="\\"), **options)


@compiles(_StartsWith, "sqlite")
def _starts_with_range(element: _StartsWith, compiler: Any, **options: Any) -> str:
    low = element.prefix
    high = low[:-1] + chr(ord(low[-1]) + 1)
    return "(" + compiler.process(and_(element.column >= low, element.column < high),
                                  **options) + ")"


def _party_condition(party: str) -> ColumnElement[bool]:
    """An actor or recipient that is the party or one of its bodies (ids nest with dots)."""
    return or_(events.c.actor_id == party, _StartsWith(events.c.actor_id, f"{party}."),
               events.c.recipient_id == party, _StartsWith(events.c.recipient_id, f"{party}."))


def _party_incidents(party: str) -> Any:
    """The incidents of events whose actor or recipient is the party or one of its bodies:
    one branch per condition, so that each is answered from its index alone."""
    return union_all(*(
        select(events.c.incident_id).where(condition, events.c.incident_id.is_not(None))
        for column in (events.c.actor_id, events.c.recipient_id)
        for condition in (column == party, _StartsWith(column, f"{party}."))))


def event_conditions(query: EventQuery) -> list[ColumnElement[bool]]:
    """The WHERE clauses of an event query."""
    where: list[ColumnElement[bool]] = []
    if query.review:
        where.append(events.c.review == query.review)
    else:
        where.append(events.c.review != "rejected")
    if query.agreement:
        where.append(events.c.agreement_id == query.agreement)
    if query.party:
        where.append(_party_condition(query.party))
    if query.claimant:
        where.append(events.c.claimant_id == query.claimant)
    if query.topic:
        where.append(events.c.topic == query.topic)
    if query.event_type:
        where.append(events.c.event_type == query.event_type.upper())
    if query.status:
        where.append(events.c.status == query.status)
    if query.grade:
        where.append(_grade_condition(query))
    if query.date_from:
        where.append(events.c.date >= query.date_from)
    if query.date_to:
        where.append(events.c.date <= query.date_to)
    if query.bbox:
        where.extend(_in_box(events.c.lon, events.c.lat, query.bbox))
    if query.place:
        where.append(func.lower(events.c.place_name) == query.place.lower())
    if query.report is not None:
        where.append(events.c.report_id == query.report)
    if query.incident:
        where.append(events.c.incident_id == query.incident)
    return where


def _grade_condition(query: EventQuery) -> ColumnElement[bool]:
    """Events whose incident has the grade. With a narrower filter beside it, each event's
    incident is looked up; alone, the graded incidents' events are gathered by index."""
    if query.party or query.claimant or query.report is not None or query.incident:
        return exists(select(incidents.c.id).where(incidents.c.id == events.c.incident_id,
                                                   incidents.c.grade == query.grade))
    return events.c.incident_id.in_(select(incidents.c.id)
                                    .where(incidents.c.grade == query.grade))


def _in_box(lon: Any, lat: Any, box: BBox) -> list[ColumnElement[bool]]:
    return [lon >= box.min_lon, lon <= box.max_lon, lat >= box.min_lat, lat <= box.max_lat]


def incident_conditions(query: IncidentQuery) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if query.agreement:
        where.append(incidents.c.agreement_id == query.agreement)
    if query.event_type:
        where.append(incidents.c.event_type == query.event_type.upper())
    if query.grade:
        where.append(incidents.c.grade == query.grade)
    if query.party:
        where.append(incidents.c.id.in_(_party_incidents(query.party)))
    if query.date_from:
        where.append(incidents.c.last_date >= query.date_from)
    if query.date_to:
        where.append(incidents.c.first_date <= query.date_to)
    if query.bbox:
        where.extend(_in_box(incidents.c.lon, incidents.c.lat, query.bbox))
    return where


def _paged(store: Store, table: Any, where: list[ColumnElement[bool]], paging: Paging,
           sorts: dict[str, Any], default: str) -> tuple[list[Any], int]:
    """The ids on one page of ``table`` rows matching ``where``, and the total count.

    Only the sort key and the id are sorted (never whole rows with their JSON); callers
    fetch the rows of the page by id.
    """
    key = paging.sort or default
    column = sorts[key.lstrip("-")]
    descending = key.startswith("-")
    order = [column.desc() if descending else column.asc(),
             table.c.id.desc() if descending else table.c.id.asc()]
    limit = max(1, min(paging.limit, MAX_LIMIT))
    with store.engine.connect() as connection:
        total = connection.execute(
            select(func.count()).select_from(select(table.c.id).where(*where).subquery())
        ).scalar_one()
        ids = list(connection.execute(select(table.c.id).where(*where).order_by(*order)
                                      .limit(limit).offset(max(0, paging.offset))).scalars())
    return ids, int(total)


def _in_order(rows: list[Any], ids: list[Any]) -> list[Any]:
    by_id = {row.id: row for row in rows}
    return [by_id[i] for i in ids if i in by_id]


# ----- events -------------------------------------------------------------------------------

EVENT_COLUMNS = (events.c.id, events.c.report_id, events.c.incident_id, events.c.review,
                  events.c.version, events.c.record, reports.c.outlet, reports.c.published)


def event_item(row: Any) -> dict[str, Any]:
    record = dict(row.record)
    record.update(id=row.id, report_id=row.report_id, incident_id=row.incident_id,
                  review=row.review, version=row.version, outlet=row.outlet,
                  published=row.published.isoformat() if row.published else None)
    return record


def list_events(store: Store, query: EventQuery, paging: Paging = Paging()) -> Page:
    """One page of event records matching ``query`` (default order: date, then id)."""
    ids, total = _paged(store, events, event_conditions(query), paging, EVENT_SORTS, "date")
    with store.engine.connect() as connection:
        rows = connection.execute(select(*EVENT_COLUMNS)
                                  .join(reports, reports.c.id == events.c.report_id)
                                  .where(events.c.id.in_(ids))).all()
    return Page([event_item(r) for r in _in_order(rows, ids)], total,
                min(paging.limit, MAX_LIMIT), paging.offset)


def iter_event_records(store: Store, query: EventQuery,
                       limit: int | None = None) -> Iterator[dict[str, Any]]:
    """Every event record matching ``query`` in date order (for exports and analyses)."""
    statement = (select(*EVENT_COLUMNS).join(reports, reports.c.id == events.c.report_id)
                 .where(*event_conditions(query)).order_by(events.c.date, events.c.id))
    if limit is not None:
        statement = statement.limit(limit)
    with store.engine.connect() as connection:
        for row in connection.execute(statement):
            yield event_item(row)


def get_event(store: Store, event_id: int) -> dict[str, Any] | None:
    """An event's current record with its version history (version 1 is the machine's)."""
    with store.engine.connect() as connection:
        row = connection.execute(select(*EVENT_COLUMNS)
                                 .join(reports, reports.c.id == events.c.report_id)
                                 .where(events.c.id == event_id)).first()
        if row is None:
            return None
        versions = connection.execute(
            select(event_versions).where(event_versions.c.event_id == event_id)
            .order_by(event_versions.c.version)).all()
    item = event_item(row)
    history = [{"version": v.version, "review": v.review, "author": v.author,
                "at": v.created_at.isoformat(), "note": v.note, "record": v.record}
               for v in versions]
    if not history:
        history = [{"version": 1, "review": "unreviewed", "author": "machine", "at": None,
                    "note": None, "record": dict(row.record)}]
    item["versions"] = history
    return item


def daily_claimant_counts(store: Store, query: EventQuery) -> list[tuple[date, str | None, int]]:
    """(day, claimant id, events) for matching events: the raw series of a timeline by side."""
    statement = (select(events.c.date, events.c.claimant_id, func.count())
                 .where(*event_conditions(query), events.c.date.is_not(None))
                 .group_by(events.c.date, events.c.claimant_id))
    with store.engine.connect() as connection:
        return [(r[0], r[1], int(r[2])) for r in connection.execute(statement)]


# ----- incidents ----------------------------------------------------------------------------


def list_incidents(store: Store, query: IncidentQuery, paging: Paging = Paging()) -> Page:
    """One page of incident rows (as stored: columns plus ``summary``)."""
    ids, total = _paged(store, incidents, incident_conditions(query), paging, INCIDENT_SORTS,
                        "first_date")
    with store.engine.connect() as connection:
        rows = connection.execute(select(incidents).where(incidents.c.id.in_(ids))).all()
    return Page([dict(r._mapping) for r in _in_order(rows, ids)], total,
                min(paging.limit, MAX_LIMIT), paging.offset)


def all_incidents(store: Store, query: IncidentQuery) -> list[dict[str, Any]]:
    with store.engine.connect() as connection:
        rows = connection.execute(select(incidents).where(*incident_conditions(query))
                                  .order_by(incidents.c.first_date, incidents.c.id))
        return [dict(r._mapping) for r in rows]


def incident_day_counts(store: Store, query: IncidentQuery) -> list[tuple[date, str, str, int]]:
    """(first day, kind, grade, incidents) for matching incidents, counted in SQL."""
    statement = (select(incidents.c.first_date, incidents.c.family, incidents.c.grade,
                        func.count())
                 .where(*incident_conditions(query), incidents.c.first_date.is_not(None))
                 .group_by(incidents.c.first_date, incidents.c.family, incidents.c.grade))
    with store.engine.connect() as connection:
        return [(r[0], r[1], r[2], int(r[3])) for r in connection.execute(statement)]


def get_incident(store: Store, incident_id: str) -> dict[str, Any] | None:
    """An incident row with the rows of its member events (record, report and outlet)."""
    with store.engine.connect() as connection:
        row = connection.execute(select(incidents).where(incidents.c.id == incident_id)).first()
        if row is None:
            return None
        members = connection.execute(
            select(events.c.id, events.c.report_id, events.c.review, events.c.version,
                   events.c.record, reports.c.outlet, reports.c.title, reports.c.published,
                   reports.c.url)
            .join(reports, reports.c.id == events.c.report_id)
            .where(events.c.incident_id == incident_id)
            .order_by(events.c.date, events.c.id)).all()
    incident = dict(row._mapping)
    incident["members"] = [dict(m._mapping) for m in members]
    return incident


# ----- reports ------------------------------------------------------------------------------

_REPORT_COLUMNS = (reports.c.id, reports.c.doc, reports.c.title, reports.c.outlet,
                   reports.c.url, reports.c.published, reports.c.language,
                   reports.c.agreement_id, reports.c.event_count)


def list_reports(store: Store, query: ReportQuery, paging: Paging = Paging()) -> Page:
    where: list[ColumnElement[bool]] = []
    if query.agreement:
        where.append(reports.c.agreement_id == query.agreement)
    if query.outlet:
        where.append(reports.c.outlet == query.outlet)
    if query.date_from:
        where.append(reports.c.published >= query.date_from)
    if query.date_to:
        where.append(reports.c.published <= query.date_to)
    ids, total = _paged(store, reports, where, paging, REPORT_SORTS, "published")
    with store.engine.connect() as connection:
        rows = connection.execute(select(*_REPORT_COLUMNS).where(reports.c.id.in_(ids))).all()
    return Page([dict(r._mapping) for r in _in_order(rows, ids)], total,
                min(paging.limit, MAX_LIMIT), paging.offset)


def get_report(store: Store, report_id: int) -> dict[str, Any] | None:
    """A report with its text and every stored event (rejected ones marked, not hidden)."""
    with store.engine.connect() as connection:
        row = connection.execute(select(*_REPORT_COLUMNS, reports.c.text)
                                 .where(reports.c.id == report_id)).first()
        if row is None:
            return None
        rows = connection.execute(select(*EVENT_COLUMNS)
                                  .join(reports, reports.c.id == events.c.report_id)
                                  .where(events.c.report_id == report_id)
                                  .order_by(events.c.seq)).all()
    report = dict(row._mapping)
    report["events"] = [event_item(r) for r in rows]
    return report
