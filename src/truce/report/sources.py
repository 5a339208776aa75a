"""The health of watched sources as a terminal table."""

from __future__ import annotations

from datetime import datetime

from rich.table import Table

from truce.watch.schedule import SourceHealth


def sources_table(healths: list[SourceHealth]) -> Table:
    table = Table(title="Watched sources")
    for column in ("source", "kind", "location", "last success", "last error", "items seen",
                   "stored", "failures", "next poll"):
        table.add_column(column, overflow="fold")
    for health in healths:
        error = (f"{_when(health.last_error_at)}: {health.last_error}"
                 if health.last_error else "")
        table.add_row(health.name, health.kind, health.location,
                      _when(health.last_success_at), error, str(health.items_seen),
                      str(health.reports_stored), str(health.consecutive_failures),
                      _when(health.next_due_at))
    return table


def _when(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S UTC") if moment else "never"
