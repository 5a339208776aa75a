"""Killing ingest mid-batch leaves whole reports only, on every backend (SQLite and
PostgreSQL); running it again finishes the set. Repeated random kills of ingest, backfill
and watch on SQLite files are in ``test_crash.py``."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from sqlalchemy.exc import OperationalError, ProgrammingError

from conftest import SAMPLES, query, run_cli

CORPUS = SAMPLES / "gaza-2025"


def _stored(db: str) -> int:
    """Reports stored so far; 0 while the database or its tables do not exist yet."""
    try:
        return query(db, "select count(*) from reports")[0][0]
    except (OperationalError, ProgrammingError):
        return 0


def _consistent(db: str) -> None:
    rows = query(db, "select r.id, r.event_count, count(e.id) from reports r "
                     "left join events e on e.report_id = r.id group by r.id, r.event_count")
    orphans = query(db, "select count(*) from events "
                        "where report_id not in (select id from reports)")[0][0]
    assert orphans == 0
    for report_id, expected, found in rows:
        assert expected == found, f"report {report_id}: {found} of {expected} events stored"


def test_sigkill_mid_ingest_on_each_backend_then_rerun_stores_each_report_once(
        db_target: str) -> None:
    total = len(list(CORPUS.glob("*.md")))
    process = subprocess.Popen([sys.executable, "-m", "truce", "ingest", "--db", db_target,
                                str(CORPUS)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    while _stored(db_target) < 3 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    killed_at = _stored(db_target)
    assert 0 < killed_at < total, "the kill should land mid-batch"
    _consistent(db_target)
    result = run_cli("ingest", "--db", db_target, str(CORPUS))
    assert result.returncode == 0, result.stderr
    assert _stored(db_target) == total
    _consistent(db_target)
    hashes = query(db_target, "select count(distinct content_hash) from reports")[0][0]
    assert hashes == total
