"""SQL for backfill: input checkpoints, and which content hashes are already stored."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import insert, select

from truce.backfill.checkpoint import Checkpoint
from truce.store.database import Store
from truce.store.schema import backfill_inputs, reports


class Checkpoints:
    """Checkpoints of backfill inputs in a Truce database (portable SQL, no upsert dialects)."""

    def __init__(self, store: Store) -> None:
        self.engine = store.engine

    def get(self, key: str) -> Checkpoint | None:
        with self.engine.connect() as connection:
            row = connection.execute(select(backfill_inputs)
                                     .where(backfill_inputs.c.input == key)).first()
        if row is None:
            return None
        return Checkpoint(row.input, row.size, row.mtime_ns, row.byte_offset, row.line,
                          bool(row.done))

    def save(self, marks: Iterable[Checkpoint]) -> None:
        """Record positions reached, all in one transaction."""
        now = datetime.now(UTC)
        with self.engine.begin() as connection:
            for mark in marks:
                values = {"size": mark.size, "mtime_ns": mark.mtime_ns,
                          "byte_offset": mark.byte_offset, "line": mark.line,
                          "done": mark.done, "updated_at": now}
                updated = connection.execute(backfill_inputs.update()
                                             .where(backfill_inputs.c.input == mark.input)
                                             .values(**values))
                if updated.rowcount == 0:
                    connection.execute(insert(backfill_inputs).values(input=mark.input,
                                                                      **values))

    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        """The content hashes among ``hashes`` whose reports are stored."""
        wanted = sorted(set(hashes))
        found: set[str] = set()
        with self.engine.connect() as connection:
            for start in range(0, len(wanted), 500):
                chunk = wanted[start:start + 500]
                found.update(connection.execute(select(reports.c.content_hash)
                                                .where(reports.c.content_hash.in_(chunk)))
                             .scalars())
        return found
