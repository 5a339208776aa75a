"""Server time of the JSON API on a large database.

Builds (or reuses) the same multiplied database as ``bench/pages.py`` and
requests each API listing and detail ``--runs`` times in-process through httpx's
ASGI transport; prints the median and 95th percentile per request.

    .venv/bin/python bench/api.py [--events 100000] [--runs 20] [--db PATH]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

from truce.app import Truce
from truce.config import Settings
from truce.serve.app import create_app

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pages import build, busiest


def requests(truce: Truce) -> list[tuple[str, str]]:
    incident, report = busiest(truce)
    with truce.store.engine.connect() as connection:
        event = connection.exec_driver_sql("select max(id) from events").scalar_one()
    return [
        ("events, first page", "/api/events"),
        ("events, last page by date", "/api/events?sort=-date&offset=99000&limit=50"),
        ("events, ASSAULT in Gaza", "/api/events?agreement=gaza-2025&type=ASSAULT"),
        ("events, party + grade", "/api/events?party=pse.hamas&grade=confirmed"),
        ("events, bbox", "/api/events?bbox=34.2,31.2,34.4,31.4"),
        ("events, one claimant, month", "/api/events?claimant=pse.gaza.moh"
                                        "&date_from=2026-01-01&date_to=2026-01-31"),
        ("events, rejected", "/api/events?review=rejected"),
        ("event detail", f"/api/events/{event}"),
        ("incidents, confirmed", "/api/incidents?grade=confirmed&sort=-mentions"),
        ("incident detail", f"/api/incidents/{incident}"),
        ("report detail", f"/api/reports/{report}"),
        ("timeline, Gaza", "/api/timeline?agreement=gaza-2025"),
        ("alerts, Gaza", "/api/alerts?agreement=gaza-2025"),
        ("compliance, Gaza, one month", "/api/compliance?agreement=gaza-2025"
                                        "&date_from=2026-01-01&date_to=2026-01-31"),
        ("compliance, Gaza, all", "/api/compliance?agreement=gaza-2025"),
    ]


async def measure(truce: Truce, runs: int) -> list[tuple[str, list[float], int]]:
    transport = httpx.ASGITransport(app=create_app(truce))
    results = []
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        for label, url in requests(truce):
            timings, size = [], 0
            for attempt in range(runs + 1):
                started = time.perf_counter()
                response = await client.get(url)
                elapsed = time.perf_counter() - started
                if response.status_code != 200:
                    raise SystemExit(f"{url}: HTTP {response.status_code} {response.text}")
                size = len(response.content)
                if attempt:
                    timings.append(elapsed * 1000)
            results.append((label, timings, size))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--db", type=Path, help="Reuse or create this database file.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = args.db or Path(folder) / "api.db"
        if args.db and path.exists():
            truce = Truce(Settings.resolve(str(path)))
        else:
            truce = build(path, args.events)
        print(f"{truce.store.counts()['events']:,} events")
        results = asyncio.run(measure(truce, args.runs))
        truce.close()
    print(f"\n{'request':32} {'median ms':>10} {'p95 ms':>8} {'KiB':>7}")
    for label, timings, size in results:
        p95 = statistics.quantiles(timings, n=20)[-1] if len(timings) > 1 else timings[0]
        print(f"{label:32} {statistics.median(timings):10.1f} {p95:8.1f} {size / 1024:7.1f}")


if __name__ == "__main__":
    main()
