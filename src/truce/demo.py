"""``truce demo``: a fresh database from the bundled samples, then compliance and a brief."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from truce.analyse.compliance import compliance
from truce.app import Truce
from truce.config import Settings
from truce.registry.files import data_path
from truce.report.brief import render_brief, write_brief
from truce.report.tables import compliance_table

SAMPLES = data_path("samples")


def run_demo(db: str, console: Console, errors: Console) -> int:
    path = Path(db)
    for leftover in (path, Path(f"{db}-wal"), Path(f"{db}-shm")):
        if "://" not in db and leftover.exists():
            leftover.unlink()
    app = Truce(Settings.resolve(db))
    errors.print(f"building {db} from the sample reports in {SAMPLES} …")
    summary = app.ingest([str(SAMPLES)])
    for problem in summary.problems:
        errors.print(f"error {problem}", highlight=False, markup=False)
    records = app.store.events()
    console.print(f"{summary.stored} reports, {len(records)} events, "
                  f"{len({r['event_type'] for r in records})} event types, "
                  f"{len({(r.get('claimant') or {}).get('id') for r in records} - {None})} "
                  f"claimants, {sum(1 for r in records if (r.get('location') or {}).get('lat'))} "
                  "with coordinates")
    tables = []
    for agreement in app.agreements:
        rows = compliance([r for r in records if r.get("agreement") == agreement.id],
                          agreement, app.actors)
        tables.append((agreement, rows))
        console.print(compliance_table(agreement, rows, app.actors))
    brief = path.with_suffix(".html") if "://" not in db else Path("truce-brief.html")
    write_brief(brief, render_brief(tables, records, app.actors, title="Truce demo brief"))
    console.print(f"brief written to {brief}")
    app.close()
    return 0 if summary.ok else 1
