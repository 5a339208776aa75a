"""Backfill throughput and memory, local engine against Ray with 1 and 2 workers.

Each configuration backfills the same JSON Lines archive into a fresh SQLite
database in a process of its own (so nothing is shared between runs), while
this process samples the resident memory of that process and all its
descendants (the driver, Ray's own processes and its workers). Prints reports
per second, peak memory, events stored and the rate of the driver's database
writes alone (the ceiling of any number of workers), and checks that every engine stored
the very same events. Linking is left out of the rate (``--link`` times it).

    .venv/bin/python bench/make_archive.py --count 20000 -o /tmp/archive.jsonl
    .venv/bin/python bench/backfill.py /tmp/archive.jsonl [--configs local:1 ray:1 ray:2]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil


def run_one(archive: str, db: str, engine: str, workers: int, batch_size: int,
            link: bool) -> None:
    """Child process: backfill the archive and print one JSON line of figures."""
    from truce.app import Truce
    from truce.backfill.runner import Backfill
    from truce.backfill.session import build_engine
    from truce.config import Settings

    started = time.perf_counter()
    app = Truce(Settings.resolve(db))
    built = build_engine(app, engine, workers)
    ready = time.perf_counter()
    summary = Backfill(app, built, batch_size).run([archive], link=False)
    built.close()
    link_seconds = None
    if link:
        begin = time.perf_counter()
        app.linker.link_pending()
        link_seconds = time.perf_counter() - begin
    print(json.dumps({"startup": ready - started, "seconds": summary.seconds,
                      "write_seconds": summary.write_seconds,
                      "stored": summary.stored, "events": summary.events,
                      "problems": len(summary.problems), "link_seconds": link_seconds}))


def tree_rss(process: psutil.Process) -> tuple[int, int]:
    """Resident bytes of a process and its descendants: (all of them, the largest one)."""
    total, largest = 0, 0
    for member in [process, *process.children(recursive=True)]:
        try:
            rss = member.memory_info().rss
        except psutil.Error:
            continue
        total += rss
        largest = max(largest, rss)
    return total, largest


def measure(archive: str, db: Path, engine: str, workers: int, batch_size: int,
            link: bool) -> dict:
    child = subprocess.Popen([sys.executable, __file__, "--child", archive, "--db", str(db),
                              "--engine", engine, "--workers", str(workers),
                              "--batch-size", str(batch_size)] + (["--link"] if link else []),
                             stdout=subprocess.PIPE, text=True)
    peak = [0, 0]
    done = threading.Event()

    def sample() -> None:
        process = psutil.Process(child.pid)
        while not done.is_set():
            total, largest = tree_rss(process)
            peak[0], peak[1] = max(peak[0], total), max(peak[1], largest)
            time.sleep(0.5)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = child.communicate()
    done.set()
    sampler.join()
    if child.returncode != 0:
        raise SystemExit(f"{engine}:{workers} failed with status {child.returncode}")
    figures = json.loads(output.strip().splitlines()[-1])
    figures.update(peak_mb=peak[0] / 2**20, largest_mb=peak[1] / 2**20)
    return figures


def events_digest(db: Path) -> str:
    """A digest of every stored event record, keyed by report content and order."""
    digest = hashlib.sha256()
    with sqlite3.connect(db) as connection:
        for row in connection.execute(
                "select r.content_hash, e.seq, e.record from events e "
                "join reports r on r.id = e.report_id order by r.content_hash, e.seq"):
            digest.update("\t".join(map(str, row)).encode())
            digest.update(b"\n")
    return digest.hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive")
    parser.add_argument("--configs", nargs="+", default=["local:1", "ray:1", "ray:2"])
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--link", action="store_true", help="also time linking, per run")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--engine", help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_one(args.archive, args.db, args.engine, args.workers, args.batch_size, args.link)
        return
    digests = {}
    with tempfile.TemporaryDirectory() as folder:
        for config in args.configs:
            engine, workers = config.split(":")
            db = Path(folder) / f"{engine}-{workers}.db"
            figures = measure(args.archive, db, engine, int(workers), args.batch_size,
                              args.link)
            digests[config] = events_digest(db)
            rate = figures["stored"] / figures["seconds"]
            linked = (f", linking {figures['link_seconds']:.0f} s"
                      if figures["link_seconds"] is not None else "")
            print(f"{config:>8}: {figures['stored']} reports in {figures['seconds']:.0f} s "
                  f"= {rate:.1f} reports/s ({rate / int(workers):.1f} per worker; startup "
                  f"{figures['startup']:.1f} s{linked}); {figures['events']} events; peak "
                  f"memory {figures['peak_mb']:.0f} MB in all, largest process "
                  f"{figures['largest_mb']:.0f} MB; the driver's writes alone "
                  f"{figures['stored'] / figures['write_seconds']:.0f} reports/s", flush=True)
    identical = len(set(digests.values())) == 1
    print(f"events identical across {', '.join(digests)}: {identical}")
    if not identical:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
