"""Write a synthetic archive of distinct reports as JSON Lines, for backfill benchmarks.

Each report recombines paragraphs of different sample reports about the same
agreement under the headline of one of them, at a realistic length (about 300
words), with its publication date shifted and an outlet drawn from a list, so
the texts read like wire copy about the same ceasefire and every one is distinct.

    .venv/bin/python bench/make_archive.py --count 20000 -o /tmp/archive.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
from collections import defaultdict
from datetime import timedelta
from pathlib import Path

from truce.ingest.readers import read_paths
from truce.model import Report
from truce.registry.files import data_path

AGREEMENTS = ("gaza-2025", "lebanon-2024")
OUTLETS = ("Levant Wire", "Coastal Herald", "Gulf Evening Post", "Nile Dispatch",
           "Mediterranean Monitor", "Bosporus Ledger", "Cedar Times", "Jordan Valley Daily",
           "Red Sea Report", "Aegean Observer", "Sinai Courier", "Euphrates News Agency")


def sample_reports() -> dict[str, list[Report]]:
    """English sample reports with a date, by agreement folder."""
    found: dict[str, list[Report]] = defaultdict(list)
    for agreement in AGREEMENTS:
        for result in read_paths([str(data_path("samples") / agreement)]):
            found[agreement].extend(r for r in result.reports if r.published and r.title)
    return found


def paragraphs(report: Report) -> list[str]:
    """The body paragraphs of a report (its text less the headline)."""
    return [p for p in report.text.split("\n\n")[1:] if p.strip()]


def compose_one(rng: random.Random, pool: list[Report], number: int) -> dict[str, object]:
    """One synthetic report: a base report's headline and lead, then paragraphs drawn from
    other reports of the same agreement until about the target length."""
    base = rng.choice(pool)
    target = rng.randint(220, 380)
    body = paragraphs(base)[:1]
    words = sum(len(p.split()) for p in body)
    while words < target:
        donor = rng.choice(pool)
        paragraph = rng.choice(paragraphs(donor))
        if paragraph in body:
            continue
        body.append(paragraph)
        words += len(paragraph.split())
    published = base.published + timedelta(days=rng.randint(0, 150))  # type: ignore[operator]
    outlet = rng.choice(OUTLETS)
    slug = outlet.lower().replace(" ", "-")
    return {"title": base.title, "text": "\n\n".join(body), "outlet": outlet,
            "published": published.isoformat(), "language": "en",
            "url": f"https://{slug}.example/archive/{number}"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20000, help="reports to write")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    pools = sample_reports()
    seen: set[str] = set()
    words = 0
    with args.output.open("w", encoding="utf-8") as stream:
        number = 0
        while number < args.count:
            record = compose_one(rng, pools[rng.choice(AGREEMENTS)], number)
            key = f"{record['title']}\n\n{record['text']}"
            if key in seen:
                continue
            seen.add(key)
            words += len(str(record["text"]).split())
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
            number += 1
    print(f"{args.count} distinct reports, {words / args.count:.0f} words each on average, "
          f"written to {args.output}")


if __name__ == "__main__":
    main()
