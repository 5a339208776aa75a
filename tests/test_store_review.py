"""Store pieces of the web backend: migration 0004 on an existing database, portable SQL."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, select, text
from sqlalchemy.dialects import postgresql, sqlite

from truce.store.database import MIGRATIONS, Store
from truce.store.queries import EventQuery, event_conditions
from truce.store.schema import events


def test_existing_events_become_unreviewed_version_one(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{db}")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")
        connection.execute(text(
            "insert into reports (content_hash, doc, text, event_count, ingested_at) "
            "values ('h', 'old.md', 'old text', 1, '2025-10-10 00:00:00')"))
        connection.execute(text(
            "insert into events (report_id, seq, event_type, status, topic, "
            "date_from_report, record) values (1, 0, 'ASSAULT', 'asserted', 'hostilities', "
            "0, '{}')"))
    engine.dispose()
    store = Store.open(str(db))
    with store.engine.connect() as connection:
        row = connection.execute(select(events.c.review, events.c.version)).one()
        tables = {r[0] for r in connection.execute(text(
            "select name from sqlite_master where type = 'table'"))}
    assert tuple(row) == ("unreviewed", 1)
    assert {"event_versions", "audit_log", "link_decisions", "users", "sessions",
            "api_tokens"} <= tables


def test_party_prefix_is_a_range_on_sqlite_and_like_elsewhere() -> None:
    statement = select(events.c.id).where(*event_conditions(EventQuery(party="pse.ha_mas")))
    on_sqlite = str(statement.compile(dialect=sqlite.dialect(),
                                      compile_kwargs={"literal_binds": True}))
    on_postgres = str(statement.compile(dialect=postgresql.dialect(),
                                        compile_kwargs={"literal_binds": True}))
    assert "events.actor_id >= 'pse.ha_mas.' AND events.actor_id < 'pse.ha_mas/'" in on_sqlite
    assert "LIKE" not in on_sqlite
    assert "events.actor_id LIKE 'pse.ha\\_mas.%" in on_postgres
