"""SQL of the review workflow: event versions, the audit log, linking decisions, the
review queue and re-extraction that spares reviewed events.

Each write is one transaction: the new version, the event's current columns and
the audit entry are stored together or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Connection,
    and_,
    case,
    delete,
    exists,
    func,
    insert,
    or_,
    select,
    update,
)

from truce.errors import NotFound, StaleVersion
from truce.link.decisions import LinkDecisions
from truce.model import Event, Report
from truce.store.database import Store, event_row
from truce.store.queries import EVENT_COLUMNS, Page, event_item
from truce.store.schema import (
    audit_log,
    event_provisions,
    event_versions,
    events,
    incidents,
    link_decisions,
    quantities,
    reports,
)

MACHINE = "machine"


@dataclass(frozen=True, slots=True)
class ReviewOutcome:
    """What a review changed for linking: the component and incident the event left."""

    component_id: str | None
    incident_id: str | None
    relink: bool


def _now() -> datetime:
    return datetime.now(UTC)


def audit(connection: Connection, username: str, action: str, target_kind: str,
          target_id: str, before: Any, after: Any, note: str | None) -> None:
    connection.execute(insert(audit_log).values(
        at=_now(), username=username, action=action, target_kind=target_kind,
        target_id=target_id, before=before, after=after, note=note or None))


# ----- event reviews ------------------------------------------------------------------------


def current_record(store: Store, event_id: int) -> dict[str, Any]:
    with store.engine.connect() as connection:
        row = connection.execute(select(events.c.record).where(events.c.id == event_id)).first()
    if row is None:
        raise NotFound(f"no event {event_id}")
    return dict(row.record)


def record_review(store: Store, event_id: int, record: dict[str, Any], state: str,
                  action: str, username: str, note: str | None,
                  expected_version: int | None = None) -> ReviewOutcome:
    """Store a reviewed version of an event as its current one, with an audit entry.

    The machine's record is kept as version 1 the first time a person reviews it.
    A changed or rejected event leaves its incident, to be linked again (or not at all:
    a rejected event takes no part in linking).
    """
    with store.engine.begin() as connection:
        row = connection.execute(
            select(events.c.id, events.c.report_id, events.c.seq, events.c.record,
                   events.c.review, events.c.version, events.c.component_id,
                   events.c.incident_id, reports.c.doc, reports.c.published,
                   reports.c.outlet)
            .join(reports, reports.c.id == events.c.report_id)
            .where(events.c.id == event_id)).first()
        if row is None:
            raise NotFound(f"no event {event_id}")
        if expected_version is not None and expected_version != row.version:
            raise StaleVersion(f"event {event_id} is at version {row.version}, not "
                               f"{expected_version}: someone reviewed it meanwhile; reload it")
        has_history = connection.execute(select(event_versions.c.id).where(
            event_versions.c.event_id == event_id).limit(1)).first() is not None
        if not has_history:
            connection.execute(insert(event_versions).values(
                event_id=event_id, version=row.version, review=row.review, record=row.record,
                author=MACHINE, created_at=_now(), note=None))
        version = row.version + 1
        connection.execute(insert(event_versions).values(
            event_id=event_id, version=version, review=state, record=record, author=username,
            created_at=_now(), note=note or None))
        changed = record != row.record
        relink = changed or state == "rejected" or row.review == "rejected"
        values: dict[str, Any] = {"review": state, "version": version}
        if changed or relink:
            columns = event_row(Event.from_dict(record),
                                Report(doc=row.doc, text="", published=row.published,
                                       outlet=row.outlet), row.seq)
            values.update({k: v for k, v in columns.items() if k not in ("report_id", "seq")})
            values.update(component_id=None, incident_id=None)
            if state == "rejected":
                values["family"] = None
        connection.execute(update(events).where(events.c.id == event_id).values(**values))
        if changed:
            _replace_details(connection, event_id, Event.from_dict(record))
        audit(connection, username, action, "event", str(event_id),
              {"review": row.review, "version": row.version, "record": row.record},
              {"review": state, "version": version, "record": record}, note)
    return ReviewOutcome(row.component_id, row.incident_id, relink)


def _replace_details(connection: Connection, event_id: int, item: Event) -> None:
    """Rewrite the provision links and figures derived from an event's record."""
    connection.execute(delete(event_provisions).where(event_provisions.c.event_id == event_id))
    connection.execute(delete(quantities).where(quantities.c.event_id == event_id))
    if item.provisions:
        connection.execute(insert(event_provisions), [
            {"event_id": event_id, "provision_id": p.id, "relation": p.relation}
            for p in {p.id: p for p in item.provisions}.values()])
    if item.quantities:
        connection.execute(insert(quantities), [
            {"event_id": event_id, "kind": q.kind, "value": q.value, "approx": q.approx,
             "text": q.text} for q in item.quantities])


def drop_empty_incidents(store: Store) -> None:
    """Incidents are derived; one left with no member events is removed."""
    with store.engine.begin() as connection:
        connection.execute(delete(incidents).where(~exists(
            select(events.c.id).where(events.c.incident_id == incidents.c.id))))


# ----- linking decisions --------------------------------------------------------------------


def load_decisions(store: Store) -> LinkDecisions:
    with store.engine.connect() as connection:
        rows = connection.execute(select(link_decisions.c.kind, link_decisions.c.event_a,
                                         link_decisions.c.event_b)
                                  .where(link_decisions.c.active.is_(True))).all()
    return LinkDecisions.from_pairs([(r.event_a, r.event_b) for r in rows if r.kind == "must"],
                                    [(r.event_a, r.event_b) for r in rows if r.kind == "cannot"])


def incident_members(store: Store, incident_ids: list[str]) -> dict[str, list[int]]:
    with store.engine.connect() as connection:
        rows = connection.execute(select(events.c.incident_id, events.c.id)
                                  .where(events.c.incident_id.in_(incident_ids))
                                  .order_by(events.c.id)).all()
    found: dict[str, list[int]] = {}
    for row in rows:
        found.setdefault(row.incident_id, []).append(row.id)
    return found


def component_of(store: Store, event_ids: list[int]) -> dict[int, str | None]:
    with store.engine.connect() as connection:
        rows = connection.execute(select(events.c.id, events.c.component_id)
                                  .where(events.c.id.in_(event_ids))).all()
    return {r.id: r.component_id for r in rows}


def record_decisions(store: Store, must: list[tuple[int, int]], cannot: list[tuple[int, int]],
                     revoke_between: tuple[list[int], list[int]], username: str, action: str,
                     target: str, before: Any, after: Any, note: str | None) -> None:
    """Store must- and cannot-link pairs, retire earlier decisions they contradict, audit."""
    left, right = revoke_between
    with store.engine.begin() as connection:
        if left and right:
            across = or_(and_(link_decisions.c.event_a.in_(left),
                              link_decisions.c.event_b.in_(right)),
                         and_(link_decisions.c.event_a.in_(right),
                              link_decisions.c.event_b.in_(left)))
            connection.execute(update(link_decisions).where(across).values(active=False))
        now = _now()
        rows = [{"kind": kind, "event_a": a, "event_b": b, "active": True, "author": username,
                 "created_at": now} for kind, pairs in (("must", must), ("cannot", cannot))
                for a, b in pairs]
        if rows:
            connection.execute(insert(link_decisions), rows)
        audit(connection, username, action, "incident", target, before, after, note)


# ----- review queue and audit log -----------------------------------------------------------


def review_queue(store: Store, agreement: str | None, limit: int, offset: int) -> Page:
    """Unreviewed events, most consequential first: alleged violations, then the reported
    dead and wounded, then the most recent.

    The order is computed over ids and small columns only; the page's records are read
    after, by id.
    """
    toll = (select(quantities.c.event_id, func.sum(quantities.c.value).label("toll"))
            .where(quantities.c.kind.in_(("killed", "injured")))
            .group_by(quantities.c.event_id).subquery())
    alleged = (select(event_provisions.c.event_id)
               .where(event_provisions.c.relation == "violation_alleged")
               .group_by(event_provisions.c.event_id).subquery())
    where = [events.c.review == "unreviewed"]
    if agreement:
        where.append(events.c.agreement_id == agreement)
    order = (select(events.c.id)
             .outerjoin(toll, toll.c.event_id == events.c.id)
             .outerjoin(alleged, alleged.c.event_id == events.c.id)
             .where(*where)
             .order_by(case((alleged.c.event_id.is_(None), 1), else_=0),
                       func.coalesce(toll.c.toll, 0).desc(), events.c.date.desc(),
                       events.c.id)
             .limit(limit).offset(offset))
    with store.engine.connect() as connection:
        total = connection.execute(select(func.count()).select_from(events)
                                   .where(*where)).scalar_one()
        ids = list(connection.execute(order).scalars())
        rows = {r.id: r for r in connection.execute(
            select(*EVENT_COLUMNS).join(reports, reports.c.id == events.c.report_id)
            .where(events.c.id.in_(ids)))}
    return Page([event_item(rows[i]) for i in ids if i in rows], int(total), limit, offset)


def audit_entries(store: Store, target_kind: str | None, target_id: str | None,
                  username: str | None, limit: int, offset: int) -> Page:
    where = []
    if target_kind:
        where.append(audit_log.c.target_kind == target_kind)
    if target_id:
        where.append(audit_log.c.target_id == target_id)
    if username:
        where.append(audit_log.c.username == username)
    with store.engine.connect() as connection:
        total = connection.execute(select(func.count()).select_from(audit_log)
                                   .where(*where)).scalar_one()
        rows = connection.execute(select(audit_log).where(*where)
                                  .order_by(audit_log.c.id.desc()).limit(limit)
                                  .offset(offset)).all()
    items = [{"id": r.id, "at": r.at.isoformat(), "username": r.username, "action": r.action,
              "target_kind": r.target_kind, "target_id": r.target_id, "before": r.before,
              "after": r.after, "note": r.note} for r in rows]
    return Page(items, int(total), limit, offset)


# ----- re-extraction ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StoredReport:
    id: int
    report: Report


def stored_reports(store: Store) -> list[StoredReport]:
    """Every stored report rebuilt as read, for running the extractor again."""
    with store.engine.connect() as connection:
        rows = connection.execute(select(reports).order_by(reports.c.id)).all()
    return [StoredReport(r.id, Report(doc=r.doc, text=r.text, title=r.title, url=r.url,
                                      outlet=r.outlet, author=r.author, published=r.published,
                                      language=r.language, source=r.source)) for r in rows]


@dataclass(frozen=True, slots=True)
class Replacement:
    removed: int
    added: int
    kept: int
    components: tuple[str, ...]


def replace_machine_events(store: Store, report_id: int, report: Report,
                           found: list[Event]) -> Replacement:
    """Swap a report's unreviewed machine events for freshly extracted ones, atomically.

    Events a person reviewed, or that a merge or split names, stay as they are; a fresh
    event describing the same mention as a kept one (same type and evidence span as the
    kept event's machine version) is not added again.
    """
    with store.engine.begin() as connection:
        rows = connection.execute(select(events.c.id, events.c.seq, events.c.review,
                                         events.c.record, events.c.component_id)
                                  .where(events.c.report_id == report_id)).all()
        ids = [r.id for r in rows]
        pinned = {event_id for column in (link_decisions.c.event_a, link_decisions.c.event_b)
                  for (event_id,) in connection.execute(select(column).where(column.in_(ids)))}
        kept = [r for r in rows if r.review != "unreviewed" or r.id in pinned]
        gone = [r for r in rows if r not in kept]
        machine = _machine_records(connection, [r.id for r in kept])
        kept_keys = {_mention_key(machine.get(r.id, r.record)) for r in kept}
        if gone:
            connection.execute(delete(events).where(events.c.id.in_([r.id for r in gone])))
        used = {r.seq for r in kept}
        next_free = max(used, default=-1) + 1
        added = 0
        for seq, item in enumerate(found):
            if _mention_key(item.to_dict()) in kept_keys:
                continue
            if seq in used:
                seq, next_free = next_free, next_free + 1
            used.add(seq)
            event_id = connection.execute(insert(events), {
                "report_id": report_id, **event_row(item, report, seq)}).inserted_primary_key[0]
            _replace_details(connection, int(event_id), item)
            added += 1
        connection.execute(update(reports).where(reports.c.id == report_id)
                           .values(event_count=len(kept) + added))
    return Replacement(len(gone), added, len(kept),
                       tuple(sorted({r.component_id for r in gone if r.component_id})))


def _machine_records(connection: Connection, event_ids: list[int]) -> dict[int, Any]:
    if not event_ids:
        return {}
    rows = connection.execute(select(event_versions.c.event_id, event_versions.c.record)
                              .where(event_versions.c.event_id.in_(event_ids),
                                     event_versions.c.author == MACHINE))
    return {r.event_id: r.record for r in rows}


def _mention_key(record: dict[str, Any]) -> tuple[Any, ...]:
    evidence = record.get("evidence") or {}
    return (record["event_type"], evidence.get("start"), evidence.get("end"))


def event_incident(store: Store, event_id: int) -> str | None:
    with store.engine.connect() as connection:
        return connection.execute(select(events.c.incident_id)
                                  .where(events.c.id == event_id)).scalar()
