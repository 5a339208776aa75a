"""The store: the only module that speaks SQL.

Every write of a report and its events happens in one transaction, keyed by
the report's content hash, so a crash or Ctrl-C leaves either the whole report
or nothing, and re-running a batch stores each report exactly once.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, Table, create_engine, event, func, insert, select
from sqlalchemy.exc import (
    DBAPIError,
    IntegrityError,
    NoSuchModuleError,
    OperationalError,
    SQLAlchemyError,
)

from truce.analyse.compliance import compliance_fields
from truce.errors import ReadError, StoreError
from truce.link.sighting import family_of
from truce.model import Event, Report, entity_ids
from truce.store.schema import event_provisions, events, incidents, quantities, reports

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# PostgreSQL advisory lock keys ("truce" in ASCII, then a purpose number): one process at a
# time migrates the schema, one at a time links incidents.
MIGRATION_LOCK = 0x7472756365_01
LINK_LOCK = 0x7472756365_02
POSTGRES_SCHEMES = ("postgresql", "postgres")
_PASSWORD = re.compile(r"(://[^:/@?#]*):[^@/?#]*@")  # scheme://user:password@host
_QUERY_PASSWORD = re.compile(r"([?&]password=)[^&#]*")  # …?password=…


def database_url(target: str) -> str:
    """A SQLAlchemy URL from a --db value: a path is a SQLite file, and a PostgreSQL URL
    without a driver (``postgresql://`` or ``postgres://``) uses psycopg 3."""
    if "://" not in target:
        return f"sqlite:///{Path(target).expanduser()}"
    scheme, rest = target.split("://", 1)
    if scheme in POSTGRES_SCHEMES:
        return f"postgresql+psycopg://{rest}"
    return target


def display_name(target: str) -> str:
    """How error messages name a database: the path, or the URL with its password hidden."""
    return _QUERY_PASSWORD.sub(r"\1***", _PASSWORD.sub(r"\1:***@", target))


def _one_line(problem: BaseException) -> str:
    """A driver's message (often several lines) as one line."""
    return " ".join(part.strip() for part in str(problem).splitlines() if part.strip())


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Filters for listing events; every field optional."""

    agreement: str | None = None
    party: str | None = None
    topic: str | None = None
    event_type: str | None = None
    claimant: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    place: str | None = None
    limit: int | None = None


class Store:
    """A Truce database (SQLite file or PostgreSQL), migrated to the current schema."""

    def __init__(self, engine: Engine, name: str | None = None) -> None:
        self.engine = engine
        self.name = name or engine.url.render_as_string(hide_password=True)

    @classmethod
    def open(cls, target: str) -> Store:
        url = database_url(target)
        name = display_name(target)
        if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
            parent = Path(url.removeprefix("sqlite:///")).parent
            if not parent.exists():
                raise StoreError(f"{target}: folder {parent} does not exist")
        try:
            engine = create_engine(url)
        except (NoSuchModuleError, ImportError) as exc:
            raise StoreError(f"{name}: unsupported kind of database ({_one_line(exc)}); "
                             f"use a SQLite file path or a postgresql:// URL") from None
        except (SQLAlchemyError, ValueError) as exc:
            raise StoreError(f"{name}: not a valid database URL ({_one_line(exc)}); "
                             f"expected e.g. postgresql://user@host/dbname") from None
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        store = cls(engine, name)
        store.migrate()
        return store

    def migrate(self) -> None:
        """Bring the schema to the newest migration (a no-op when it is current)."""
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        try:
            with self.engine.begin() as connection:
                self._lock(connection, MIGRATION_LOCK)
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
        except OperationalError as exc:
            raise StoreError(f"{self.name}: cannot open database "
                             f"({_one_line(exc.orig or exc)})") from None
        except DBAPIError as exc:  # e.g. a role that may not create tables
            raise StoreError(f"{self.name}: cannot create or upgrade the schema "
                             f"({_one_line(exc.orig or exc)})") from None
        except Exception as exc:
            if "Can't locate revision" in str(exc):
                raise StoreError(
                    f"{self.name}: database was written by a newer Truce (unknown schema "
                    "revision); upgrade Truce to open it") from None
            raise

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def link_lock(self) -> Iterator[None]:
        """Hold while linking: another process linking the same server database waits.

        A PostgreSQL advisory lock held by an open transaction, so it is released however
        the holder ends, a killed process included. SQLite files are not guarded: a SQLite
        database expects one writing process at a time.
        """
        if self.engine.dialect.name != "postgresql":
            yield
            return
        with self.engine.begin() as connection:
            self._lock(connection, LINK_LOCK)
            yield

    def _lock(self, connection: Connection, key: int) -> None:
        """Wait for a lock that lasts until ``connection``'s transaction ends (PostgreSQL)."""
        if connection.dialect.name == "postgresql":
            connection.execute(select(func.pg_advisory_xact_lock(key)))

    # ----- writing -------------------------------------------------------------------

    def has_report(self, content_hash: str) -> bool:
        with self.engine.connect() as connection:
            found = connection.execute(
                select(reports.c.id).where(reports.c.content_hash == content_hash)
            ).first()
        return found is not None

    def add_report(self, report: Report, found: list[Event],
                   agreement_id: str | None) -> int | None:
        """Store a report with its events atomically; None if the same content is stored.

        A value longer than its column allows is refused (``ReadError`` naming the report
        and field) on every backend alike, as PostgreSQL would refuse it.
        """
        report_row = {
            "content_hash": report.hash, "doc": report.doc, "source": report.source,
            "title": report.title, "url": report.url, "outlet": report.outlet,
            "author": report.author, "published": report.published,
            "language": report.language, "agreement_id": agreement_id, "text": report.text,
            "event_count": len(found), "ingested_at": datetime.now(UTC),
        }
        event_rows = [event_row(item, report, seq) for seq, item in enumerate(found)]
        for table, row in [(reports, report_row)] + [(events, r) for r in event_rows]:
            _check_lengths(table, row, report.doc)
        try:
            with self.engine.begin() as connection:
                if connection.execute(select(reports.c.id).where(
                        reports.c.content_hash == report.hash)).first():
                    return None
                report_id = connection.execute(
                    insert(reports), report_row).inserted_primary_key[0]
                # Rows passed as parameters, not .values(): one compiled statement serves
                # every event (statement building was most of a report's write time).
                for item, row in zip(found, event_rows, strict=True):
                    event_id = connection.execute(
                        insert(events), {"report_id": report_id, **row}
                    ).inserted_primary_key[0]
                    if item.provisions:
                        connection.execute(insert(event_provisions), [
                            {"event_id": event_id, "provision_id": p.id, "relation": p.relation}
                            for p in item.provisions])
                    if item.quantities:
                        connection.execute(insert(quantities), [
                            {"event_id": event_id, "kind": q.kind, "value": q.value,
                             "approx": q.approx, "text": q.text} for q in item.quantities])
                return int(report_id)
        except IntegrityError:
            # Another writer may have stored the same content between our check and insert;
            # any other integrity failure is a real error (and the transaction rolled back).
            if self.has_report(report.hash):
                return None
            raise

    # ----- reading -------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as connection:
            return {
                name: connection.execute(select(func.count()).select_from(table)).scalar_one()
                for name, table in (("reports", reports), ("events", events))
            }

    def events(self, where: EventFilter | None = None) -> list[dict[str, Any]]:
        """Codebook records of stored events matching ``where``, in date order."""
        return list(self.iter_events(where))

    def iter_events(self, where: EventFilter | None = None) -> Iterator[dict[str, Any]]:
        where = where or EventFilter()
        query = (select(events.c.id, events.c.record, events.c.date, events.c.date_from_report,
                        events.c.incident_id, reports.c.outlet, reports.c.published,
                        reports.c.title)
                 .join(reports, reports.c.id == events.c.report_id)
                 .where(events.c.review != "rejected"))  # rejected by a reviewer: kept, not used
        if where.agreement:
            query = query.where(events.c.agreement_id == where.agreement)
        if where.topic:
            query = query.where(events.c.topic == where.topic)
        if where.event_type:
            query = query.where(events.c.event_type == where.event_type.upper())
        if where.claimant:
            query = query.where(events.c.claimant_id == where.claimant)
        if where.party:
            query = query.where((events.c.actor_id == where.party) |
                                (events.c.actor_id.like(f"{where.party}.%")) |
                                (events.c.recipient_id == where.party) |
                                (events.c.recipient_id.like(f"{where.party}.%")))
        if where.date_from:
            query = query.where(events.c.date >= where.date_from)
        if where.date_to:
            query = query.where(events.c.date <= where.date_to)
        if where.place:
            query = query.where(func.lower(events.c.place_name) == where.place.lower())
        # Undated first on every backend (PostgreSQL would put NULL last).
        query = query.order_by(events.c.date.nulls_first(), events.c.id)
        if where.limit:
            query = query.limit(where.limit)
        with self.engine.connect() as connection:
            for row in connection.execute(query):
                record = dict(row.record)
                record["id"] = row.id
                record["incident_id"] = row.incident_id
                record["outlet"] = row.outlet
                record["published"] = row.published.isoformat() if row.published else None
                yield record

    # ----- linking ---------------------------------------------------------------------

    def reports_without_story(self) -> list[tuple[int, str, str]]:
        """(id, content hash, text) of reports not yet assigned to a story."""
        with self.engine.connect() as connection:
            rows = connection.execute(select(reports.c.id, reports.c.content_hash, reports.c.text)
                                      .where(reports.c.story_id.is_(None))
                                      .order_by(reports.c.content_hash))
            return [(r.id, r.content_hash, r.text) for r in rows]

    def story_count(self) -> int:
        """How many reports are placed in a story (by any process)."""
        with self.engine.connect() as connection:
            return connection.execute(select(func.count()).select_from(reports).where(
                reports.c.story_id.is_not(None))).scalar_one()

    def story_signatures(self) -> list[tuple[str, str, bytes]]:
        """(content hash, story id, MinHash bytes) of every report placed in a story."""
        with self.engine.connect() as connection:
            rows = connection.execute(select(reports.c.content_hash, reports.c.story_id,
                                             reports.c.minhash)
                                      .where(reports.c.story_id.is_not(None)))
            return [(r.content_hash, r.story_id, r.minhash) for r in rows]

    def set_story(self, report_id: int, story_id: str, minhash: bytes,
                  merged: list[str]) -> None:
        """Place a report in a story, folding any stories it joins into ``story_id``."""
        with self.engine.begin() as connection:
            connection.execute(reports.update().where(reports.c.id == report_id)
                               .values(story_id=story_id, minhash=minhash))
            if merged:
                connection.execute(reports.update().where(reports.c.story_id.in_(merged))
                                   .values(story_id=story_id))

    def pending_link_ids(self) -> list[int]:
        with self.engine.connect() as connection:
            rows = connection.execute(select(events.c.id).where(
                events.c.family.is_not(None), events.c.component_id.is_(None),
                events.c.date.is_not(None)).order_by(events.c.id))
            return [r.id for r in rows]

    def link_rows(self, event_ids: list[int] | None = None,
                  families: tuple[str, ...] | None = None,
                  day_from: date | None = None, day_to: date | None = None,
                  incident_ids: list[str] | None = None,
                  component_ids: list[str] | None = None) -> list[dict[str, Any]]:
        """The fields linking needs, for given events, a family's window, or incidents."""
        query = (select(events.c.id, events.c.seq, events.c.family, events.c.date,
                        events.c.date_from_report, events.c.lat, events.c.lon,
                        events.c.agreement_id, events.c.incident_id, events.c.component_id,
                        events.c.record,
                        reports.c.content_hash, reports.c.story_id, reports.c.outlet,
                        reports.c.published)
                 .join(reports, reports.c.id == events.c.report_id))
        if event_ids is not None:
            query = query.where(events.c.id.in_(event_ids))
        if incident_ids is not None:
            query = query.where(events.c.incident_id.in_(incident_ids))
        if component_ids is not None:
            query = query.where(events.c.component_id.in_(component_ids))
        if families is not None:
            query = query.where(events.c.family.in_(families))
        if day_from is not None and day_to is not None:
            query = query.where(events.c.date.between(day_from, day_to))
        with self.engine.connect() as connection:
            return [dict(r._mapping) for r in connection.execute(query)]

    def join_component(self, event_id: int, component_id: str, absorbed: list[str]) -> None:
        """Put an event into a linked component, folding the absorbed components into it."""
        with self.engine.begin() as connection:
            if absorbed:
                connection.execute(events.update().where(events.c.component_id.in_(absorbed))
                                   .values(component_id=component_id))
            connection.execute(events.update().where(events.c.id == event_id)
                               .values(component_id=component_id))

    def replace_incidents(self, old_ids: list[str], assignment: dict[int, str],
                          rows: list[dict[str, Any]]) -> None:
        """Atomically swap a component's incidents for newly computed ones."""
        with self.engine.begin() as connection:
            gone = sorted(set(old_ids) | {r["id"] for r in rows})
            if gone:
                connection.execute(incidents.delete().where(incidents.c.id.in_(gone)))
            members: dict[str, list[int]] = {}
            for event_id, incident_id in assignment.items():
                members.setdefault(incident_id, []).append(event_id)
            for incident_id, event_ids in members.items():  # one statement per incident
                connection.execute(events.update().where(events.c.id.in_(event_ids))
                                   .values(incident_id=incident_id))
            if rows:
                connection.execute(insert(incidents), rows)

    def clear_links(self) -> None:
        with self.engine.begin() as connection:
            connection.execute(incidents.delete())
            connection.execute(events.update().values(incident_id=None, component_id=None))
            connection.execute(reports.update().values(story_id=None, minhash=None))

    def incidents(self, agreement: str | None = None, date_from: date | None = None,
                  date_to: date | None = None) -> list[dict[str, Any]]:
        query = select(incidents)
        if agreement:
            query = query.where(incidents.c.agreement_id == agreement)
        if date_from:
            query = query.where(incidents.c.last_date >= date_from)
        if date_to:
            query = query.where(incidents.c.first_date <= date_to)
        query = query.order_by(incidents.c.first_date, incidents.c.id)
        with self.engine.connect() as connection:
            return [dict(r._mapping) for r in connection.execute(query)]

    def reports(self) -> list[dict[str, Any]]:
        with self.engine.connect() as connection:
            rows = connection.execute(select(
                reports.c.id, reports.c.doc, reports.c.title, reports.c.outlet,
                reports.c.published, reports.c.agreement_id, reports.c.event_count,
            ).order_by(reports.c.published.nulls_first(), reports.c.id))
            return [dict(row._mapping) for row in rows]


def _check_lengths(table: Table, row: dict[str, Any], doc: str) -> None:
    for name, value in row.items():
        limit = getattr(table.c[name].type, "length", None)
        if isinstance(value, str) and limit is not None and len(value) > limit:
            raise ReadError(doc, f"field '{name}' is longer than {limit} characters "
                                 f"({value[:40]!r})")


def shape_of(record: dict[str, Any], outlet: str | None) -> tuple[str | None, int | None]:
    """An event's compliance shape: the fields compliance reads as canonical JSON, and a
    64-bit hash of it to group by (both None when the event links no provision)."""
    fields = compliance_fields(record, outlet)
    if fields is None:
        return None, None
    text = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return text, int.from_bytes(digest[:8], "big", signed=True)


def event_row(item: Event, report: Report, seq: int) -> dict[str, Any]:
    """The events-table columns of one coded event (its report id left to the caller)."""
    actor_ids = entity_ids(item.actor)
    recipient_ids = entity_ids(item.recipient)
    actor_name = None
    if item.actor is not None:
        actor_name = ", ".join(e.name for e in (item.actor if isinstance(item.actor, list)
                                                else [item.actor]))
    event_date = date.fromisoformat(item.date.value[:10]) if item.date else report.published
    place = item.location
    record = item.to_dict()
    shape, shape_id = shape_of(record, report.outlet)
    return {
        "seq": seq, "event_type": item.event_type, "mode": item.mode,
        "status": item.status, "topic": item.topic,
        "actor_id": actor_ids[0] if actor_ids else None, "actor_name": actor_name,
        "recipient_id": recipient_ids[0] if recipient_ids else None,
        "claimant_id": item.claimant.id if item.claimant else None,
        "claimant_name": item.claimant.name if item.claimant else None,
        "date": event_date, "date_from_report": item.date is None,
        "place_name": place.name if place else None,
        "lat": place.lat if place else None, "lon": place.lon if place else None,
        "country": place.country if place else None, "agreement_id": item.agreement,
        "record": record, "family": family_of(item.event_type, item.mode),
        "shape": shape, "shape_id": shape_id,
    }


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()
