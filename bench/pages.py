"""Server time of the dashboard's pages on a large database.

Ingests the sample reports through the real pipeline, then multiplies the
stored rows in SQL (reports, events, provision links, figures and incidents,
each copy shifted by a day, in its record too, and nudged in place) until the
database holds ``--events`` events. Pages are requested in-process through
httpx's ASGI transport (the whole app: middleware, routing, queries, templates):
each first ``--cold`` times right after a write (an analyst's confirmation, which
starts a new generation of the database: nothing is memoised), then ``--runs``
times warm; medians and the 95th percentile are printed. The API's compliance
answer is measured the same way.

    .venv/bin/python bench/pages.py [--events 100000] [--runs 30] [--cold 5] [--db PATH]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

import httpx

from truce.accounts import hash_password
from truce.app import Truce
from truce.config import Settings
from truce.registry.files import data_path
from truce.serve.app import create_app
from truce.serve.auth import SESSION_COOKIE
from truce.store import accounts, reviews

REPORT_COLUMNS = ("doc", "source", "title", "url", "outlet", "author", "language",
                  "agreement_id", "text", "event_count", "ingested_at", "story_id")
EVENT_COLUMNS = ("seq", "event_type", "mode", "status", "topic", "actor_id", "actor_name",
                 "recipient_id", "claimant_id", "claimant_name", "date_from_report",
                 "place_name", "country", "agreement_id", "family", "review", "version")
LATER_EVENT_COLUMNS = ("shape", "shape_id")  # copied where the schema has them (0005)
INCIDENT_COLUMNS = ("agreement_id", "family", "event_type", "place_name", "country", "grade",
                    "sources", "mentions", "summary")


def multiply(truce: Truce, target: int) -> int:
    """Copy the stored rows until there are at least ``target`` events; returns the count."""
    with truce.store.engine.begin() as connection:
        sql = connection.exec_driver_sql
        base_events = sql("select count(*) from events").scalar_one()
        report_step = sql("select max(id) from reports").scalar_one()
        event_step = sql("select max(id) from events").scalar_one()
        copies = -(-target // base_events) - 1
        present = {row[1] for row in sql("pragma table_info(events)")}
        columns = ", ".join(EVENT_COLUMNS + tuple(c for c in LATER_EVENT_COLUMNS
                                                  if c in present))
        for k in range(1, copies + 1):
            record = (f"case when json_type(record, '$.date.value') = 'text' then "
                      f"json_set(record, '$.date.value', date(substr(json_extract(record, "
                      f"'$.date.value'), 1, 10), '+{k} days')) else record end")
            jitter = f"(({k} % 7) - 3) * 0.004"
            sql(f"insert into reports (id, content_hash, published, {', '.join(REPORT_COLUMNS)}) "
                f"select id + {k * report_step}, content_hash || '-{k}', "
                f"date(published, '+{k} days'), {', '.join(REPORT_COLUMNS)} "
                f"from reports where id <= {report_step}")
            sql(f"insert into events (id, report_id, date, lat, lon, incident_id, component_id, "
                f"record, {columns}) select id + {k * event_step}, "
                f"report_id + {k * report_step}, date(date, '+{k} days'), lat + {jitter}, "
                f"lon + {jitter}, incident_id || '-{k}', component_id || '-{k}', {record}, "
                f"{columns} from events where id <= {event_step}")
            sql(f"insert into event_provisions (event_id, provision_id, relation) "
                f"select event_id + {k * event_step}, provision_id, relation "
                f"from event_provisions where event_id <= {event_step}")
            sql(f"insert into quantities (event_id, kind, value, approx, text) "
                f"select event_id + {k * event_step}, kind, value, approx, text "
                f"from quantities where event_id <= {event_step}")
            sql(f"insert into incidents (id, first_date, last_date, lat, lon, "
                f"{', '.join(INCIDENT_COLUMNS)}) select id || '-{k}', "
                f"date(first_date, '+{k} days'), date(last_date, '+{k} days'), "
                f"lat + {jitter}, lon + {jitter}, {', '.join(INCIDENT_COLUMNS)} "
                f"from incidents where id not like '%-%-%'")
        sql("analyze")
        return int(sql("select count(*) from events").scalar_one())


def build(path: Path, events: int) -> Truce:
    truce = Truce(Settings.resolve(str(path)))
    started = time.perf_counter()
    truce.ingest([str(data_path("samples"))])
    ingested = time.perf_counter() - started
    total = multiply(truce, events)
    print(f"database: {path} — samples ingested in {ingested:.1f} s, multiplied to "
          f"{total:,} events in {time.perf_counter() - started - ingested:.1f} s")
    return truce


def busiest(truce: Truce) -> tuple[str, int]:
    """The incident with the most mentions and the report with the most events."""
    with truce.store.engine.connect() as connection:
        incident = connection.exec_driver_sql(
            "select incident_id from events where incident_id is not null "
            "group by incident_id order by count(*) desc limit 1").scalar_one()
        report = connection.exec_driver_sql(
            "select id from reports order by event_count desc limit 1").scalar_one()
    return incident, report


def pages(truce: Truce) -> list[tuple[str, str]]:
    """(label, URL) of each page and API answer measured, with real ids from the database."""
    incident, report = busiest(truce)
    return [
        ("dashboard", "/"),
        ("dashboard, Gaza, last month", "/?agreement=gaza-2025&date_from=2026-03-01"),
        ("dashboard, Hamas, confirmed", "/?party=pse.hamas&grade=confirmed"),
        ("dashboard, one claimant", "/?claimant=pse.gaza.moh"),
        ("compliance, by week", "/compliance"),
        ("compliance, Gaza, by day", "/compliance?agreement=gaza-2025&period=day"),
        ("incident (most mentions)", f"/incidents/{incident}"),
        ("report (most events)", f"/reports/{report}"),
        ("review queue (analyst)", "/review"),
        ("API compliance, Gaza, a month",
         "/api/compliance?agreement=gaza-2025&date_from=2026-03-01&date_to=2026-03-31"),
        ("API compliance, Gaza, all", "/api/compliance?agreement=gaza-2025"),
        ("API compliance, Gaza, all, day", "/api/compliance?agreement=gaza-2025&period=day"),
    ]


def write(truce: Truce, event_id: int) -> None:
    """A real write between requests: an analyst confirms an event (a new version and an
    audit entry), so the next request finds a new generation of the database."""
    reviews.record_review(truce.store, event_id, reviews.current_record(truce.store, event_id),
                          "confirmed", "confirm", "bench", None)


async def measure(truce: Truce, runs: int, cold_runs: int,
                  ) -> list[tuple[str, list[float], list[float], int]]:
    """Per page: the times of ``cold_runs`` first requests after a write, then of ``runs``
    requests after two warm-up requests, and the size of the answer."""
    user = accounts.find_user(truce.store, "bench") or accounts.add_user(
        truce.store, "bench", hash_password("bench-password"), "analyst")
    token, _ = accounts.open_session(truce.store, user)
    with truce.store.engine.connect() as connection:
        event_id = connection.exec_driver_sql("select min(id) from events").scalar_one()
    transport = httpx.ASGITransport(app=create_app(truce))
    results = []
    async with httpx.AsyncClient(transport=transport, base_url="http://bench",
                                 cookies={SESSION_COOKIE: token}) as client:
        for _, url in pages(truce):  # imports and templates, once per process
            await client.get(url)
        for label, url in pages(truce):
            cold, warm = [], []
            size = 0
            for attempt in range(cold_runs + runs + 2):
                if attempt < cold_runs:
                    write(truce, event_id)
                started = time.perf_counter()
                response = await client.get(url)
                elapsed = (time.perf_counter() - started) * 1000
                if response.status_code != 200:
                    raise SystemExit(f"{url}: HTTP {response.status_code}")
                size = len(response.content)
                if attempt < cold_runs:
                    cold.append(elapsed)
                elif attempt >= cold_runs + 2:
                    warm.append(elapsed)
            results.append((label, cold, warm, size))
    return results


def _p95(timings: list[float]) -> float:
    return statistics.quantiles(timings, n=20)[-1] if len(timings) > 1 else timings[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30, help="warm requests per page")
    parser.add_argument("--cold", type=int, default=5,
                        help="first requests after a write, per page")
    parser.add_argument("--db", type=Path, help="Reuse or create this database file.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = args.db or Path(folder) / "pages.db"
        if args.db and path.exists():
            truce = Truce(Settings.resolve(str(path)))
            print(f"database: {path} — {truce.store.counts()['events']:,} events (reused)")
        else:
            truce = build(path, args.events)
        results = asyncio.run(measure(truce, args.runs, args.cold))
        truce.close()
    print(f"\n{'page':34} {'cold median':>11} {'cold max':>9} {'warm median':>11} "
          f"{'warm p95':>9} {'KiB':>7}")
    for label, cold, warm, size in results:
        print(f"{label:34} {statistics.median(cold):11.1f} {max(cold):9.1f} "
              f"{statistics.median(warm):11.1f} {_p95(warm):9.1f} {size / 1024:7.1f}")
    print(f"\nms of server time. cold: {args.cold} requests per page, each the first after a "
          "write (an analyst confirms an event, which empties the memo of page data); warm: "
          f"{args.runs} requests after 2 more. In-process (httpx ASGI transport): the server's "
          "time alone.")


if __name__ == "__main__":
    main()
