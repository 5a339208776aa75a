"""Incident linking cost as the number of event mentions grows.

Builds SQLite databases of synthetic mentions (random kinds, days over a year, places
from the gazetteer, parties and tolls) at several sizes, links them from scratch and
prints seconds per size and per mention, with the growth ratio next to n·log n. With
--postgres, each size gets a new database on that server instead (dropped afterwards).

    .venv/bin/python bench/link_scaling.py [--sizes 1000 2500 5000 10000]
    scripts/postgres sh -c '.venv/bin/python bench/link_scaling.py --postgres "$TRUCE_TEST_PG"'
"""

from __future__ import annotations

import argparse
import math
import random
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import create_engine, make_url, text

from truce.agreements.loader import AgreementBook
from truce.link.linker import Linker
from truce.model import DateRef, Entity, Event, Evidence, Location, Quantity, Report
from truce.registry.actors import ActorRegistry
from truce.registry.places import PlaceRegistry
from truce.store.database import Store, database_url

KINDS = [("ASSAULT", "aerial"), ("ASSAULT", "drone"), ("ASSAULT", "firearms"),
         ("COERCE", "restrict"), ("RETREAT", "release"), ("CONSULT", None), ("AID", None)]
ACTORS = [Entity("isr.idf", "Israel Defense Forces", "Israeli forces"),
          Entity("pse.hamas", "Hamas", "Hamas"), None]


def synthetic(store: Store, n: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    places = [p for p in PlaceRegistry.load() if p.country == "PSE"]
    start = date(2025, 10, 10)
    per_report = 5
    for r in range(n // per_report):
        published = start + timedelta(days=rng.randrange(365))
        found = []
        for _ in range(per_report):
            kind, mode = rng.choice(KINDS)
            place = rng.choice(places)
            day = published - timedelta(days=rng.randrange(2))
            found.append(Event(
                doc=f"r{r}.md", event_type=kind, mode=mode, status="asserted",
                topic="hostilities", actor=rng.choice(ACTORS), recipient=None,
                claimant=None, date=DateRef(day.isoformat(), "day", "on Monday"),
                location=Location(place.name, place.lat, place.lon, "PSE", "town", place.name),
                quantities=[Quantity("killed", rng.randint(1, 30), False, "killed")],
                evidence=Evidence(0, 10, "synthetic"), agreement="gaza-2025"))
        text = f"synthetic report {r} {rng.random()}"
        store.add_report(Report(doc=f"r{r}.md", text=text, published=published), found,
                         "gaza-2025")


@contextmanager
def fresh_database(server: str | None, n: int) -> Iterator[str]:
    """A --db value of an empty database: a temporary SQLite file, or a new PostgreSQL
    database on ``server``."""
    if server is None:
        with tempfile.TemporaryDirectory() as folder:
            yield str(Path(folder) / "bench.db")
        return
    admin = create_engine(database_url(server), isolation_level="AUTOCOMMIT")
    name = f"truce_bench_{n}"
    with admin.connect() as connection:
        connection.execute(text(f'drop database if exists "{name}"'))
        connection.execute(text(f'create database "{name}"'))
    try:
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'drop database if exists "{name}" with (force)'))
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2500, 5000, 10000])
    parser.add_argument("--postgres", metavar="URL",
                        help="a PostgreSQL server (a role that may create databases)")
    args = parser.parse_args()
    agreements, actors = AgreementBook.load(), ActorRegistry.load()
    baseline: tuple[int, float] | None = None
    print(f"{'mentions':>9} {'seconds':>8} {'ms/mention':>10} {'incidents':>9} "
          f"{'growth':>7} {'n log n growth':>14}")
    for n in args.sizes:
        with fresh_database(args.postgres, n) as db:
            store = Store.open(db)
            synthetic(store, n)
            linker = Linker(store, agreements, actors)
            begin = time.perf_counter()
            linker.link_pending()
            seconds = time.perf_counter() - begin
            incidents = len(store.incidents())
            store.close()
        if baseline is None:
            baseline = (n, seconds)
        growth = seconds / baseline[1]
        expected = (n * math.log(n)) / (baseline[0] * math.log(baseline[0]))
        print(f"{n:>9} {seconds:>8.2f} {1000 * seconds / n:>10.2f} {incidents:>9} "
              f"{growth:>7.2f} {expected:>14.2f}")


if __name__ == "__main__":
    main()
