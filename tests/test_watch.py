"""``truce watch``: real feeds over HTTP on 127.0.0.1, real folders, a real SQLite store."""

from __future__ import annotations

import json
import socket
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from feedserver import LAST_MODIFIED, rss, serving
from truce.errors import ReadError
from truce.ingest.readers import read_paths
from truce.model import Report
from truce.store.sources import SourceStates
from truce.watch.config import parse_sources
from truce.watch.schedule import backoff_seconds
from truce.watch.watcher import Watcher

from conftest import SAMPLES, report_md, run_cli, write

GAZA = SAMPLES / "gaza-2025"


def _samples(folder: Path) -> list[Report]:
    return [r for result in read_paths([str(folder)]) for r in result.reports]


def _count(db: Path, table: str = "reports") -> int:
    with sqlite3.connect(db) as connection:
        return connection.execute(f"select count(*) from {table}").fetchone()[0]


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Clock:
    """A clock the test moves by hand (the schedule is about time)."""

    def __init__(self) -> None:
        self.now = datetime(2025, 11, 1, 12, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def test_watch_stores_feed_and_folder_then_asks_conditionally(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    with serving() as server:
        server.feeds["/wire.xml"] = rss(_samples(GAZA)[:5])
        write(tmp_path / "inbox" / "a.md", report_md(
            "Strike in Rafah", "Israeli drones struck Rafah on Sunday, medics said."))
        sources = write(tmp_path / "sources.yaml", (
            f"sources:\n  - name: wire\n    url: {server.url('/wire.xml')}\n"
            "  - name: inbox\n    folder: inbox\n"))
        first = run_cli("watch", "--db", str(db), "--sources", str(sources), "--once")
        assert first.returncode == 0, first.stderr
        assert _count(db) == 6
        assert "wire: 5 items, 5 new reports" in first.stderr
        write(tmp_path / "inbox" / "b.md", report_md(
            "Shelling near Khan Younis", "Israeli tanks shelled Khan Younis on Monday, "
            "killing two people, the health ministry said.", published="2025-10-21"))
        second = run_cli("watch", "--db", str(db), "--sources", str(sources), "--once")
        assert second.returncode == 0, second.stderr
        assert "wire: not modified" in second.stderr
        assert "inbox: 1 items, 1 new reports" in second.stderr
        assert _count(db) == 7
        assert server.requests[0] == ("/wire.xml", None, None)
        path, etag, since = server.requests[-1]
        assert path == "/wire.xml" and etag and etag.startswith('"') and since == LAST_MODIFIED
    listed = run_cli("sources", "--db", str(db), "--format", "jsonl")
    assert listed.returncode == 0, listed.stderr
    health = {row["name"]: row for row in map(json.loads, listed.stdout.splitlines())}
    assert health["wire"]["items_seen"] == 5 and health["wire"]["reports_stored"] == 5
    assert health["wire"]["etag"] == etag and health["wire"]["consecutive_failures"] == 0
    assert health["inbox"]["items_seen"] == 2 and health["inbox"]["kind"] == "folder"
    polled = datetime.fromisoformat(health["wire"]["last_success_at"])
    assert datetime.fromisoformat(health["wire"]["next_due_at"]) - polled == \
        timedelta(seconds=300)
    table = run_cli("sources", "--db", str(db))
    assert "wire" in table.stdout and "inbox" in table.stdout and "folder" in table.stdout


def test_failing_sources_back_off_with_a_cap_and_the_rest_go_on(app, tmp_path: Path) -> None:
    write(tmp_path / "inbox" / "a.md", report_md(
        "Strike in Rafah", "Israeli drones struck Rafah on Sunday, medics said."))
    with serving() as server:
        server.failing["/broken.xml"] = 500
        loaded = parse_sources(
            "interval: 10\nmax_backoff: 25\nsources:\n"
            f"  - name: broken\n    url: {server.url('/broken.xml')}\n"
            f"  - name: down\n    url: http://127.0.0.1:{_closed_port()}/feed.xml\n"
            "  - name: inbox\n    folder: inbox\n", "sources.yaml", tmp_path)
        clock = Clock()
        watcher = Watcher(app, loaded.sources, timeout=5, clock=clock)
        waits = []
        for _ in range(4):
            outcomes = {o.spec.name: o for o in watcher.run(True, lambda o: None,
                                                            lambda a: None)}
            assert "HTTP 500" in (outcomes["broken"].error or "")
            assert "cannot connect" in (outcomes["down"].error or "")
            assert outcomes["inbox"].error is None
            health = outcomes["broken"].health
            waits.append((health.next_due_at - clock.now).total_seconds())
            clock.now += timedelta(seconds=30)
        watcher.close()
    assert waits == [10, 20, 25, 25]
    states = {h.name: h for h in SourceStates(app.store).all()}
    assert states["down"].consecutive_failures == 4
    assert states["broken"].last_error == "HTTP 500 Internal Server Error"
    assert states["inbox"].consecutive_failures == 0 and states["inbox"].reports_stored == 1
    assert app.store.counts()["reports"] == 1


def test_a_source_due_later_is_not_polled_until_then(app, tmp_path: Path) -> None:
    with serving() as server:
        server.feeds["/wire.xml"] = rss(_samples(GAZA)[:1])
        loaded = parse_sources(f"sources:\n  - name: wire\n    url: {server.url('/wire.xml')}\n"
                               "    interval: 60\n", "s.yaml", tmp_path)
        clock = Clock()
        watcher = Watcher(app, loaded.sources, clock=clock)
        slept: list[float] = []

        def sleep(seconds: float) -> None:
            slept.append(seconds)
            clock.now += timedelta(seconds=seconds)
            if len(slept) == 2:
                raise KeyboardInterrupt

        with pytest.raises(KeyboardInterrupt):
            watcher.run(False, lambda o: None, lambda a: None, sleep=sleep)
        watcher.close()
    assert slept == [60, 60]
    assert len(server.requests) == 2  # at start, then once the interval had passed
    assert server.requests[1][1] is not None


def test_alerts_are_printed_when_new_reports_make_an_escalation(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    inbox = tmp_path / "inbox"
    sources = write(tmp_path / "sources.yaml", "sources:\n  - name: inbox\n    folder: inbox\n")
    write(inbox / "0.md", report_md("Strike in Rafah", "Israeli aircraft struck a house in "
                                    "Rafah on Monday, killing three people, the Gaza health "
                                    "ministry said.", published="2025-10-20"))
    first = run_cli("watch", "--db", str(db), "--sources", str(sources), "--once")
    assert first.returncode == 0, first.stderr
    assert "alert" not in first.stderr
    places = ["Khan Younis", "Beit Lahia", "Deir al-Balah", "Jabalia", "Rafah", "Gaza City"]
    for day, place in enumerate(places, 10):
        write(inbox / f"{day}.md", report_md(
            f"Strike in {place}", f"Israeli aircraft struck a house in {place} on "
            f"{day} November, killing {day - 6} people, the Gaza health ministry said.",
            published=f"2025-11-{day}"))
    second = run_cli("watch", "--db", str(db), "--sources", str(sources), "--once")
    assert second.returncode == 0, second.stderr
    alerts = [line for line in second.stderr.splitlines() if line.startswith("alert")]
    assert len(alerts) == 1 and "gaza-2025" in alerts[0] and "violent incidents" in alerts[0]
    third = run_cli("watch", "--db", str(db), "--sources", str(sources), "--once")
    assert "alert" not in third.stderr  # known alerts are not news


def test_sources_file_problems_name_the_source_and_keep_the_rest(tmp_path: Path) -> None:
    loaded = parse_sources(
        "sources:\n  - name: good\n    folder: inbox\n"
        "  - name: typo\n    url: http://127.0.0.1/x.xml\n    intervall: 5\n"
        "  - name: both\n    url: http://127.0.0.1/x.xml\n    folder: x\n"
        "  - url: http://127.0.0.1/nameless.xml\n"
        "  - name: good\n    folder: other\n"
        "  - name: ftp\n    url: ftp://127.0.0.1/x.xml\n"
        "  - name: slow\n    folder: x\n    interval: -1\n", "s.yaml", tmp_path)
    assert [s.name for s in loaded.sources] == ["good"]
    lines = [str(p) for p in loaded.problems]
    assert len(lines) == 6
    assert "source 'typo'" in lines[0] and "unknown key 'intervall'" in lines[0]
    assert "source 'both'" in lines[1] and "exactly one" in lines[1]
    assert "source #4" in lines[2] and "name" in lines[2]
    assert "'good'" in lines[3] and "twice" in lines[3]
    assert "'ftp'" in lines[4] and "http://" in lines[4]
    assert "'slow'" in lines[5] and "interval" in lines[5]
    with pytest.raises(ReadError, match=r"s\.yaml: not valid YAML"):
        parse_sources("sources: [\n", "s.yaml", tmp_path)
    with pytest.raises(ReadError, match="unknown key 'sourcez'"):
        parse_sources("sourcez: []\nsources: []\n", "s.yaml", tmp_path)


def test_watch_with_a_bad_sources_file_says_so_in_one_line(tmp_path: Path) -> None:
    bad = write(tmp_path / "sources.yaml", "sources:\n  - name: [unclosed\n")
    result = run_cli("watch", "--db", str(tmp_path / "t.db"), "--sources", str(bad), "--once")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(bad) in lines[0] and "not valid YAML" in lines[0]


def test_backoff_doubles_from_the_interval_up_to_the_cap() -> None:
    assert [backoff_seconds(60, n, 600) for n in range(7)] == \
        [60, 60, 120, 240, 480, 600, 600]
    assert backoff_seconds(900, 3, 600) == 900  # never below the interval
