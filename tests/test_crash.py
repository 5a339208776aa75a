"""Killing ingest mid-batch leaves whole reports only; running it again finishes the set."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from conftest import SAMPLES, run_cli

CORPUS = SAMPLES / "gaza-2025"


def _stored(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=5) as connection:
            return connection.execute("select count(*) from reports").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def _consistent(db: Path) -> None:
    with sqlite3.connect(db) as connection:
        rows = connection.execute(
            "select r.id, r.event_count, count(e.id) from reports r "
            "left join events e on e.report_id = r.id group by r.id").fetchall()
        orphans = connection.execute(
            "select count(*) from events where report_id not in (select id from reports)"
        ).fetchone()[0]
    assert orphans == 0
    for report_id, expected, found in rows:
        assert expected == found, f"report {report_id}: {found} of {expected} events stored"


def test_sigkill_mid_ingest_then_rerun_stores_each_report_once(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    total = len(list(CORPUS.glob("*.md")))
    process = subprocess.Popen([sys.executable, "-m", "truce", "ingest", "--db", str(db),
                                str(CORPUS)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    while _stored(db) < 3 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    killed_at = _stored(db)
    assert 0 < killed_at < total, "the kill should land mid-batch"
    _consistent(db)
    result = run_cli("ingest", "--db", str(db), str(CORPUS))
    assert result.returncode == 0, result.stderr
    assert _stored(db) == total
    _consistent(db)
    with sqlite3.connect(db) as connection:
        hashes = connection.execute("select count(distinct content_hash) from reports").fetchone()
    assert hashes[0] == total
