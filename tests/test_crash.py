"""SIGKILL at random points, repeatedly: ingest, backfill (local and Ray) and watch leave
whole reports only, and running them again completes the set exactly once."""

from __future__ import annotations

import random
import re
import sqlite3
from pathlib import Path

from crashkit import assert_whole, event_records, kill_mid_run, stored
from feedserver import rss, serving
from truce.app import Truce
from truce.config import Settings
from truce.ingest.readers import read_paths

from conftest import SAMPLES, run_cli, write

CORPUS = SAMPLES / "gaza-2025"
KILLS = 3


def _rng() -> tuple[random.Random, int]:
    seed = random.randrange(1_000_000)
    return random.Random(seed), seed


def _reference(app: Truce, tmp_path: Path, paths: list[str]) -> dict[str, str]:
    """Event records of a clean, uninterrupted run (same pipeline, in process)."""
    clean = Truce(Settings.resolve(str(tmp_path / "clean.db")))
    clean.__dict__["extractor"] = app.extractor
    clean.ingest(paths)
    clean.close()
    return event_records(tmp_path / "clean.db")


def _archive(tmp_path: Path) -> tuple[Path, int]:
    """The Gaza sample reports as one JSON Lines archive."""
    import json

    reports = [r for res in read_paths([str(CORPUS)]) for r in res.reports]
    lines = [json.dumps({"title": r.title, "text": r.text.split("\n\n", 1)[1],
                         "outlet": r.outlet, "published": r.published.isoformat(),
                         "url": f"https://archive.invalid/{n}"})
             for n, r in enumerate(reports)]
    return write(tmp_path / "archive.jsonl", "\n".join(lines) + "\n"), len(lines)


def _kill_repeatedly(args: list[str], db: Path, total: int) -> list[int]:
    rng, seed = _rng()
    counts = []
    for _ in range(KILLS):
        counts.append(kill_mid_run(args, db, total, rng))
        assert_whole(db)
    assert 0 < counts[0] < total, f"the first kill should land mid-run (seed {seed})"
    assert counts == sorted(counts), f"a kill lost stored reports (seed {seed}): {counts}"
    return counts


def test_repeated_sigkills_of_ingest_then_rerun_stores_each_report_once(
        app, tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    total = len(list(CORPUS.glob("*.md")))
    _kill_repeatedly(["ingest", "--db", str(db), str(CORPUS)], db, total)
    result = run_cli("ingest", "--db", str(db), str(CORPUS))
    assert result.returncode == 0, result.stderr
    assert stored(db) == total
    assert_whole(db)
    assert event_records(db) == _reference(app, tmp_path, [str(CORPUS)])


def test_repeated_sigkills_of_local_backfill_resume_from_the_checkpoint(
        app, tmp_path: Path) -> None:
    archive, total = _archive(tmp_path)
    db = tmp_path / "t.db"
    args = ["backfill", "--db", str(db), "--batch-size", "3", str(archive)]
    _kill_repeatedly(args, db, total)
    result = run_cli(*args)
    assert result.returncode == 0, result.stderr
    skipped = int(re.search(r"(\d+) already stored", result.stderr).group(1))
    assert skipped <= 3, "resuming should re-read at most the batch after the checkpoint"
    assert stored(db) == total
    assert event_records(db) == _reference(app, tmp_path, [str(archive)])
    with sqlite3.connect(db) as connection:
        done = connection.execute("select done from backfill_inputs").fetchall()
    assert done == [(1,)]


def test_sigkills_of_ray_backfill_then_rerun_completes_exactly_once(
        app, tmp_path: Path) -> None:
    archive, total = _archive(tmp_path)
    db = tmp_path / "t.db"
    args = ["backfill", "--db", str(db), "--engine", "ray", "--workers", "2",
            "--batch-size", "2", str(archive)]
    rng, seed = _rng()
    for _ in range(2):
        kill_mid_run(args, db, total, rng)
        assert_whole(db)
    assert stored(db) < total, f"the kills should land mid-run (seed {seed})"
    result = run_cli(*args)
    assert result.returncode == 0, result.stderr
    skipped = int(re.search(r"(\d+) already stored", result.stderr).group(1))
    assert skipped <= 2
    assert stored(db) == total
    assert event_records(db) == _reference(app, tmp_path, [str(archive)])


def test_repeated_sigkills_of_watch_lose_nothing_and_store_nothing_twice(
        app, tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    reports = [r for res in read_paths([str(CORPUS)]) for r in res.reports]
    with serving() as server:
        server.feeds["/wire.xml"] = rss(reports)
        sources = write(tmp_path / "sources.yaml",
                        f"sources:\n  - name: wire\n    url: {server.url('/wire.xml')}\n")
        args = ["watch", "--db", str(db), "--sources", str(sources)]
        rng, seed = _rng()
        for _ in range(KILLS):
            count = kill_mid_run(args, db, len(reports), rng)
            assert_whole(db)
            with sqlite3.connect(db) as connection:
                etag = connection.execute("select etag from source_state").fetchone()
            if count < len(reports):
                # validators are stored only once every item they cover is stored
                assert etag is None or etag[0] is None, f"seed {seed}"
        finished = run_cli(*args, "--once")
        assert finished.returncode == 0, finished.stderr
        again = run_cli(*args, "--once")
        assert "wire: not modified" in again.stderr
    assert stored(db) == len(reports)
    feed_text = rss(reports)
    clean = Truce(Settings.resolve(str(tmp_path / "clean.db")))
    clean.__dict__["extractor"] = app.extractor
    from truce.ingest.feeds import read_feed

    clean.store_reports(read_feed(feed_text, server.url("/wire.xml")))
    clean.close()
    assert event_records(db) == event_records(tmp_path / "clean.db")
