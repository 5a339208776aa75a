"""SQL for watched sources: their health across runs, and the folder files already read."""

from __future__ import annotations

from dataclasses import asdict, fields
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select

from truce.store.database import Store
from truce.store.schema import source_files, source_state
from truce.watch.schedule import SourceHealth

_TIMES = ("last_checked_at", "last_success_at", "last_error_at", "next_due_at")


class SourceStates:
    """Per-source health and folder-file records (portable SQL: update, else insert)."""

    def __init__(self, store: Store) -> None:
        self.engine = store.engine

    def get(self, name: str) -> SourceHealth | None:
        with self.engine.connect() as connection:
            row = connection.execute(select(source_state)
                                     .where(source_state.c.name == name)).first()
        return _health(row._mapping) if row is not None else None

    def all(self) -> list[SourceHealth]:
        with self.engine.connect() as connection:
            rows = connection.execute(select(source_state).order_by(source_state.c.name))
            return [_health(row._mapping) for row in rows]

    def save(self, health: SourceHealth) -> None:
        values = asdict(health)
        name = values.pop("name")
        with self.engine.begin() as connection:
            updated = connection.execute(source_state.update()
                                         .where(source_state.c.name == name).values(**values))
            if updated.rowcount == 0:
                connection.execute(insert(source_state).values(name=name, **values))

    def files_seen(self, source: str) -> dict[str, tuple[int, int]]:
        """Path → (size, mtime in ns) of every file of a folder source already stored."""
        with self.engine.connect() as connection:
            rows = connection.execute(select(source_files.c.path, source_files.c.size,
                                             source_files.c.mtime_ns)
                                      .where(source_files.c.source == source))
            return {r.path: (r.size, r.mtime_ns) for r in rows}

    def mark_file(self, source: str, path: str, size: int, mtime_ns: int) -> None:
        """Record a folder file as read, once every report in it is stored."""
        where = (source_files.c.source == source) & (source_files.c.path == path)
        with self.engine.begin() as connection:
            updated = connection.execute(source_files.update().where(where)
                                         .values(size=size, mtime_ns=mtime_ns))
            if updated.rowcount == 0:
                connection.execute(insert(source_files).values(
                    source=source, path=path, size=size, mtime_ns=mtime_ns))


def _health(row: Any) -> SourceHealth:
    values = {f.name: row[f.name] for f in fields(SourceHealth)}
    for key in _TIMES:
        values[key] = _utc(values[key])
    return SourceHealth(**values)


def _utc(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; every time stored here is UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value
