"""The store on real databases (SQLite and PostgreSQL): migrations, idempotent and atomic
writes, filters."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, insert, inspect, select, text

from truce.errors import StoreError
from truce.model import Entity, Event, Evidence, Quantity, Report
from truce.store.database import (
    MIGRATIONS,
    EventFilter,
    Store,
    database_url,
    display_name,
    shape_of,
)
from truce.store.schema import events, reports
from truce.store.summaries import compliance_shapes


def _report(body: str = "Israeli drones struck Rafah.") -> Report:
    return Report(doc="r.md", text=body, title=None, published=None)


def _event(kind: str = "ASSAULT", claimant: str | None = "pse.gaza.moh",
           value: int = 3) -> Event:
    return Event(
        doc="r.md", event_type=kind, mode="drone", status="asserted", topic="hostilities",
        actor=Entity("isr.idf", "Israel Defense Forces", "Israeli drones"), recipient=None,
        claimant=Entity(claimant, "Gaza Health Ministry", "ministry") if claimant else None,
        date=None, location=None, quantities=[Quantity("killed", value, False, "3 killed")],
        evidence=Evidence(0, 27, "Israeli drones struck Rafah."),
    )


def test_migrations_create_schema_and_are_idempotent(db_target: str) -> None:
    Store.open(db_target).close()
    store = Store.open(db_target)
    names = set(inspect(store.engine).get_table_names())
    assert {"reports", "events", "event_provisions", "quantities", "incidents",
            "alembic_version"} <= names
    with store.engine.connect() as connection:
        assert connection.execute(text("select version_num from alembic_version")).scalar() \
            == _head()
    store.close()


def _head() -> str:
    """The newest migration revision (whatever number the chain ends at)."""
    return ScriptDirectory(str(MIGRATIONS)).get_current_head()


def test_same_content_is_stored_once(db_target: str) -> None:
    store = Store.open(db_target)
    first = store.add_report(_report(), [_event()], None)
    again = store.add_report(_report("Israeli  drones struck\nRafah."), [_event()], None)
    assert first is not None and again is None
    assert store.counts() == {"reports": 1, "events": 1}
    store.close()


def test_failed_write_leaves_nothing_half_written(db_target: str) -> None:
    store = Store.open(db_target)
    store.add_report(_report("An earlier report."), [_event()], None)
    broken = _event()
    broken.quantities = [Quantity("killed", None, False, "x")]  # type: ignore[arg-type]
    with pytest.raises(Exception):  # noqa: B017 - any database error will do
        store.add_report(_report("A new report."), [_event(), broken], None)
    assert store.counts() == {"reports": 1, "events": 1}
    with store.engine.connect() as connection:
        bodies = [r.text for r in connection.execute(select(reports.c.text))]
        assert bodies == ["An earlier report."]
        assert connection.execute(select(events.c.id)).all()
    store.close()


def test_filters_select_stored_events(db_target: str) -> None:
    store = Store.open(db_target)
    store.add_report(_report("one"), [_event(claimant="pse.gaza.moh"), _event("ACCUSE", None)],
                     None)
    assert len(store.events(EventFilter(claimant="pse.gaza.moh"))) == 1
    assert len(store.events(EventFilter(event_type="accuse"))) == 1
    assert len(store.events(EventFilter(party="isr"))) == 2
    assert store.events(EventFilter(party="lbn")) == []
    store.close()


def test_undated_events_and_reports_list_first_on_every_backend(db_target: str) -> None:
    store = Store.open(db_target)
    dated = Report(doc="dated.md", text="Strike in Rafah.", title=None,
                   published=date(2025, 10, 20))
    store.add_report(dated, [_event()], None)
    store.add_report(_report("Undated strike."), [_event()], None)
    assert [e["published"] for e in store.events()] == [None, "2025-10-20"]
    assert [r["doc"] for r in store.reports()] == ["r.md", "dated.md"]
    store.close()


def test_unknown_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        Store.open(str(tmp_path / "missing" / "t.db"))


def test_paths_become_sqlite_urls_and_postgresql_uses_psycopg() -> None:
    assert database_url("x.db") == "sqlite:///x.db"
    assert database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url("postgres://u:pw@h:5433/db?sslmode=require") == \
        "postgresql+psycopg://u:pw@h:5433/db?sslmode=require"
    assert database_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url("sqlite:///x.db") == "sqlite:///x.db"


def test_error_messages_hide_passwords() -> None:
    assert display_name("postgresql://ana:s3cret@h/db") == "postgresql://ana:***@h/db"
    assert display_name("postgresql://h/db?password=s3cret&sslmode=require") == \
        "postgresql://h/db?password=***&sslmode=require"
    assert display_name("postgresql://ana@h:5432/db") == "postgresql://ana@h:5432/db"
    assert display_name("reports/truce.db") == "reports/truce.db"


def test_event_records_round_trip() -> None:
    event = _event()
    assert Event.from_dict(event.to_dict()).to_dict() == event.to_dict()


def test_database_at_first_revision_is_upgraded_in_place(db_target: str) -> None:
    _alembic(db_target, "upgrade", "0001")
    engine = create_engine(database_url(db_target))
    with engine.begin() as connection:
        connection.execute(text(
            "insert into reports (content_hash, doc, text, event_count, ingested_at) "
            "values ('h', 'old.md', 'old text', 0, '2025-10-10 00:00:00')"))
    engine.dispose()
    upgraded = Store.open(db_target)
    with upgraded.engine.connect() as connection:
        assert connection.execute(text("select version_num from alembic_version")).scalar() \
            == _head()
        assert connection.execute(text("select doc from reports")).scalar() == "old.md"
        assert connection.execute(text("select count(*) from incidents")).scalar() == 0
    upgraded.close()


def _alembic(db_target: str, action: str, revision: str) -> None:
    """Run an Alembic command (upgrade, downgrade) on a database, as an operator would."""
    engine = create_engine(database_url(db_target))
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        getattr(command, action)(config, revision)
    engine.dispose()


def test_migrations_go_down_to_nothing_and_up_again(db_target: str) -> None:
    Store.open(db_target).close()
    _alembic(db_target, "downgrade", "base")
    store = Store.open(db_target)
    tables = set(inspect(store.engine).get_table_names())
    assert {"reports", "events", "incidents"} <= tables
    assert store.add_report(_report(), [_event()], None) is not None
    store.close()


def test_database_of_a_newer_truce_is_refused_in_one_line(db_target: str) -> None:
    Store.open(db_target).close()
    engine = create_engine(database_url(db_target))
    with engine.begin() as connection:
        connection.execute(text("update alembic_version set version_num = '9999'"))
    engine.dispose()
    with pytest.raises(StoreError, match="newer Truce") as caught:
        Store.open(db_target)
    assert "\n" not in str(caught.value)


def test_migration_0005_gives_existing_events_their_compliance_shapes(db_target: str) -> None:
    _alembic(db_target, "upgrade", "0004")
    linked = {"event_type": "ACCUSE", "doc": "old.md",
              "actor": [{"id": "isr.idf", "name": "IDF", "text": "the army"},
                        {"id": None, "name": "settlers", "text": "settlers"}],
              "recipient": {"id": "pse.hamas", "name": "Hamas", "text": "Hamas"},
              "claimant": {"id": "isr.idf", "name": "IDF", "text": "the army said"},
              "provisions": [{"id": "gaza-2025.p1", "relation": "violation_alleged"}]}
    engine = create_engine(database_url(db_target))
    with engine.begin() as connection:
        connection.execute(text(
            "insert into reports (content_hash, doc, text, event_count, ingested_at, outlet) "
            "values ('h', 'old.md', 'old text', 2, '2025-10-10 00:00:00', 'Wire (Gaza)')"))
        for seq, record in enumerate([linked, {"event_type": "ASSAULT", "doc": "old.md"}]):
            connection.execute(
                insert(events).values(report_id=1, seq=seq, event_type=record["event_type"],
                                      status="asserted", topic="hostilities",
                                      agreement_id="gaza-2025", date_from_report=False,
                                      date=date(2025, 10, 20), record=record))
    engine.dispose()
    store = Store.open(db_target)
    with store.engine.connect() as connection:
        rows = connection.execute(select(events.c.shape, events.c.shape_id)
                                  .order_by(events.c.seq)).all()
    assert tuple(rows[0]) == shape_of(linked, "Wire (Gaza)")
    assert tuple(rows[1]) == (None, None)
    assert json.loads(rows[0].shape) == {
        "event_type": "ACCUSE", "doc": "", "outlet": "Wire (Gaza)",
        "actor": [{"id": "isr.idf", "name": "IDF"}, {"id": None, "name": "settlers"}],
        "recipient": {"id": "pse.hamas", "name": "Hamas"},
        "claimant": {"id": "isr.idf", "name": "IDF"},
        "provisions": [{"id": "gaza-2025.p1", "relation": "violation_alleged"}]}
    shapes = compliance_shapes(store, "gaza-2025")
    assert [(s.record, s.count) for s in shapes] == [(json.loads(rows[0].shape), 1)]
    store.close()
