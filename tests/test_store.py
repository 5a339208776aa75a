"""The store on real SQLite files: migrations, idempotent and atomic writes, filters."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect, select, text

from truce.errors import StoreError
from truce.model import Entity, Event, Evidence, Quantity, Report
from truce.store.database import MIGRATIONS, EventFilter, Store, database_url
from truce.store.schema import events, reports


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


def test_migrations_create_schema_and_are_idempotent(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    Store.open(db).close()
    store = Store.open(db)
    names = set(inspect(store.engine).get_table_names())
    assert {"reports", "events", "event_provisions", "quantities", "incidents",
            "alembic_version"} <= names
    with store.engine.connect() as connection:
        assert connection.execute(text("select version_num from alembic_version")).scalar() \
            == _head_revision()


def _head_revision() -> str:
    """The newest migration's revision id, read from the migration scripts themselves."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(config).get_current_head()


def test_same_content_is_stored_once(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "t.db"))
    first = store.add_report(_report(), [_event()], None)
    again = store.add_report(_report("Israeli  drones struck\nRafah."), [_event()], None)
    assert first is not None and again is None
    assert store.counts() == {"reports": 1, "events": 1}


def test_failed_write_leaves_nothing_half_written(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "t.db"))
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


def test_filters_select_stored_events(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "t.db"))
    store.add_report(_report("one"), [_event(claimant="pse.gaza.moh"), _event("ACCUSE", None)],
                     None)
    assert len(store.events(EventFilter(claimant="pse.gaza.moh"))) == 1
    assert len(store.events(EventFilter(event_type="accuse"))) == 1
    assert len(store.events(EventFilter(party="isr"))) == 2
    assert store.events(EventFilter(party="lbn")) == []


def test_unknown_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        Store.open(str(tmp_path / "missing" / "t.db"))


def test_paths_become_sqlite_urls() -> None:
    assert database_url("x.db") == "sqlite:///x.db"
    assert database_url("postgresql://u@h/db") == "postgresql://u@h/db"


def test_event_records_round_trip() -> None:
    event = _event()
    assert Event.from_dict(event.to_dict()).to_dict() == event.to_dict()


def test_database_at_first_revision_is_upgraded_in_place(tmp_path: Path) -> None:
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    from truce.store.database import MIGRATIONS

    db = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{db}")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        connection.execute(text(
            "insert into reports (content_hash, doc, text, event_count, ingested_at) "
            "values ('h', 'old.md', 'old text', 0, '2025-10-10 00:00:00')"))
    engine.dispose()
    upgraded = Store.open(str(db))
    with upgraded.engine.connect() as connection:
        assert connection.execute(text("select version_num from alembic_version")).scalar() \
            == _head_revision()
        assert connection.execute(text("select doc from reports")).scalar() == "old.md"
        assert connection.execute(text("select count(*) from incidents")).scalar() == 0
