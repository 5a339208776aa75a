"""Two ``truce ingest`` processes at once on one PostgreSQL database: nothing is lost,
nothing is stored twice, and the incidents are those one process alone would make."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from truce.app import Truce

from conftest import SAMPLES, PostgresServer, fresh_database, query, sharing_pipeline

GAZA = SAMPLES / "gaza-2025"
SUMMARY = re.compile(r"(\d+) reports stored, (\d+) already stored")


def _ingest_at_once(db: str, batches: list[list[Path]]) -> list[tuple[int, int]]:
    """Run one ingest process per batch, all at the same time; (stored, already stored) of
    each."""
    processes = [subprocess.Popen([sys.executable, "-m", "truce", "ingest", "--db", db,
                                   *map(str, batch)], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for batch in batches]
    counts = []
    for process in processes:
        _, stderr = process.communicate(timeout=600)
        assert process.returncode == 0, stderr
        found = SUMMARY.search(stderr)
        assert found, stderr
        counts.append((int(found[1]), int(found[2])))
    return counts


def _links(db: str) -> dict[str, set[tuple]]:
    """Everything linking decided, keyed by content (not by row ids, which differ), as text
    (SQLite returns dates as text, PostgreSQL as dates)."""
    statements = {
        "stories": "select content_hash, story_id from reports",
        "mentions": "select r.content_hash, e.seq, e.component_id, e.incident_id "
                    "from events e join reports r on r.id = e.report_id",
        "incidents": "select id, grade, sources, mentions, first_date, last_date from incidents",
    }
    return {kind: {tuple(str(value) for value in row) for row in query(db, sql)}
            for kind, sql in statements.items()}


def _consistent(db: str) -> None:
    """Each report has all its events; each linkable event is in an incident that exists
    and lists it."""
    for report_id, expected, found in query(
            db, "select r.id, r.event_count, count(e.id) from reports r "
                "left join events e on e.report_id = r.id group by r.id, r.event_count"):
        assert expected == found, f"report {report_id}: {found} of {expected} events"
    unlinked = query(db, "select id from events where family is not null and date is not null "
                         "and (incident_id is null or component_id is null)")
    assert unlinked == []
    dangling = query(db, "select e.id from events e left join incidents i "
                         "on i.id = e.incident_id where e.incident_id is not null and i.id is null")
    assert dangling == []
    members: dict[str, set[int]] = {}
    for event_id, incident_id in query(db, "select id, incident_id from events "
                                           "where incident_id is not null"):
        members.setdefault(incident_id, set()).add(event_id)
    app_view = {row.id: row for row in query(db, "select id, mentions from incidents")}
    assert set(app_view) == set(members)
    for incident_id, events in members.items():
        assert app_view[incident_id].mentions == len(events), incident_id


@pytest.fixture
def pg_db(pg_server: PostgresServer, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """A new, empty (not yet migrated) PostgreSQL database."""
    return fresh_database(request, "postgresql", tmp_path)


def test_two_ingests_at_once_store_each_report_once_with_consistent_incidents(
        pg_db: str, pipeline_app: Truce, tmp_path: Path) -> None:
    files = sorted(GAZA.glob("*.md"))
    shared, first, second = files[:12], files[12:20], files[20:]
    # Both start with the shared reports in the same order, so they race to store the same
    # report at the same moment; both also race to migrate the empty database.
    counts = _ingest_at_once(pg_db, [shared + first, shared + second])
    assert sum(stored for stored, _ in counts) == len(files)
    assert sum(already for _, already in counts) == len(shared)
    assert query(pg_db, "select count(*), count(distinct content_hash) from reports")[0] == \
        (len(files), len(files))
    assert {row.doc for row in query(pg_db, "select doc from reports")} == \
        {str(path) for path in files}
    _consistent(pg_db)

    alone = sharing_pipeline(pipeline_app, str(tmp_path / "alone.db"))
    alone.ingest([str(path) for path in files])
    alone.close()
    expected = _links(str(tmp_path / "alone.db"))
    found = _links(pg_db)
    assert len(expected["incidents"]) > 20
    for kind in ("stories", "mentions", "incidents"):
        assert found[kind] == expected[kind], kind
