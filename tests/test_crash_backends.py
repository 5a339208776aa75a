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

from crashkit import assert_whole

from conftest import SAMPLES, query, run_cli

CORPUS = SAMPLES / "gaza-2025"


def _stored(db: str) -> int:
    """Reports stored so far; 0 while the database or its tables do not exist yet."""
    try:
        return query(db, "select count(*) from reports")[0][0]
    except (OperationalError, ProgrammingError):
        return 0


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
    assert_whole(db_target)
    result = run_cli("ingest", "--db", db_target, str(CORPUS))
    assert result.returncode == 0, result.stderr
    assert _stored(db_target) == total
    assert_whole(db_target)
    hashes = query(db_target, "select count(distinct content_hash) from reports")[0][0]
    assert hashes == total
