"""Killing real processes with SIGKILL at random points, and checking what they left."""

from __future__ import annotations

import contextlib
import hashlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import psutil

from conftest import query


def stored(db: Path) -> int:
    """Reports stored so far (0 while the database does not exist yet)."""
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=5) as connection:
            return connection.execute("select count(*) from reports").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def assert_whole(db: Path | str) -> None:
    """Every stored report has all its events; no event lacks its report (any backend)."""
    target = str(db)
    rows = query(target, "select r.id, r.event_count, count(e.id) from reports r "
                         "left join events e on e.report_id = r.id group by r.id, r.event_count")
    orphans = query(target, "select count(*) from events "
                            "where report_id not in (select id from reports)")[0][0]
    assert orphans == 0
    for report_id, expected, found in rows:
        assert expected == found, f"report {report_id}: {found} of {expected} events stored"


def event_records(db: Path) -> dict[str, str]:
    """Per report content hash, a digest of its event records in order."""
    with sqlite3.connect(db) as connection:
        hashes = [row[0] for row in connection.execute("select content_hash from reports")]
        assert len(hashes) == len(set(hashes)), "a report was stored twice"
        found = {h: hashlib.sha256() for h in hashes}
        for content_hash, seq, record in connection.execute(
                "select r.content_hash, e.seq, e.record from events e "
                "join reports r on r.id = e.report_id order by r.content_hash, e.seq"):
            found[content_hash].update(f"{seq}\t{record}\n".encode())
    return {h: d.hexdigest() for h, d in found.items()}


def kill_mid_run(args: list[str], db: Path, total: int, rng: random.Random,
                 timeout: float = 240) -> int:
    """Start ``truce ARGS``, SIGKILL it (and everything it started) once a random number
    of further reports are stored, a random moment later; the reports stored then."""
    before = stored(db)
    wanted = before + rng.randint(1, max(1, (total - before) // 3))
    process = subprocess.Popen([sys.executable, "-m", "truce", *args],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    deadline = time.monotonic() + timeout
    while stored(db) < wanted and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(rng.uniform(0, 0.15))
    kill_tree(process)
    return stored(db)


def kill_tree(process: subprocess.Popen[bytes]) -> None:
    """SIGKILL a process, its process group and every descendant it started, by id."""
    try:
        family = psutil.Process(process.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        family = []
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    for member in family:
        with contextlib.suppress(psutil.NoSuchProcess):
            member.kill()
    process.wait()
    _, alive = psutil.wait_procs(family, timeout=20)
    assert not alive, f"processes left running after the kill: {[p.pid for p in alive]}"
