"""A backfill run: read inputs from their checkpoints, skip stored reports, code the rest
on an engine, store each report whole, checkpoint after every batch, link at the end."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from truce.app import StoreCounts, Truce
from truce.backfill.checkpoint import Checkpoint, bytes_done, resume_from
from truce.backfill.engines import Batch, Engine
from truce.backfill.inputs import Input, list_inputs, read_units
from truce.errors import ReadError
from truce.store.checkpoints import Checkpoints


@dataclass(slots=True)
class BackfillSummary(StoreCounts):
    """What a backfill did. ``skipped`` reports were stored before this run began."""

    inputs: int = 0
    inputs_done_before: int = 0
    skipped: int = 0
    failed: int = 0
    problems: list[ReadError] = field(default_factory=list)
    seconds: float = 0.0
    write_seconds: float = 0.0
    linked: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True, slots=True)
class Progress:
    """Where a run stands, for a progress bar: bytes of input accounted for, and counts."""

    bytes_total: int
    bytes_done: int
    stored: int
    skipped: int


class Backfill:
    """Backfill an archive into ``app``'s database with extraction on ``engine``."""

    def __init__(self, app: Truce, engine: Engine, batch_size: int = 32,
                 on_problem: Callable[[ReadError], None] | None = None,
                 on_progress: Callable[[Progress], None] | None = None) -> None:
        self.app = app
        self.engine = engine
        self.batch_size = max(1, batch_size)
        self.checkpoints = Checkpoints(app.store)
        self.on_problem = on_problem or (lambda _problem: None)
        self.on_progress = on_progress or (lambda _progress: None)

    def run(self, paths: list[str], link: bool = True) -> BackfillSummary:
        started = time.perf_counter()
        summary = BackfillSummary()
        inputs, problems = list_inputs(paths)
        for problem in problems:
            self._problem(summary, problem)
        summary.inputs = len(inputs)
        total = sum(item.size for item in inputs)
        done = sum(bytes_done(item.key, self.checkpoints.get(item.key), item.size,
                              item.mtime_ns) for item in inputs)
        self.on_progress(Progress(total, done, 0, 0))
        for batch, coded in self.engine.map(self._batches(inputs, summary)):
            writing = time.perf_counter()
            for report, outcome in zip(batch.reports, coded, strict=True):
                if outcome.events is None:
                    summary.failed += 1
                    self._problem(summary, ReadError(report.source or report.doc,
                                                     outcome.error or "extraction failed"))
                    continue
                summary.add(self.app.store_coded(report, outcome.events))
            if batch.marks:
                self.checkpoints.save(batch.marks)
            summary.write_seconds += time.perf_counter() - writing
            done += batch.bytes_read
            self.on_progress(Progress(total, done, summary.stored, summary.skipped))
        if link:
            summary.linked = self.app.linker.link_pending().linked
        summary.seconds = time.perf_counter() - started
        return summary

    def _batches(self, inputs: list[Input], summary: BackfillSummary) -> Iterator[Batch]:
        """Batches of reports not stored yet, in input order, each carrying the positions
        (one per input touched) that are safe to checkpoint once it is stored."""
        batch = Batch()
        marks: dict[str, Checkpoint] = {}
        for item in inputs:
            start = resume_from(item.key, self.checkpoints.get(item.key), item.size,
                                item.mtime_ns)
            if start is None:
                summary.inputs_done_before += 1
                continue
            position = start.byte_offset
            for unit in read_units(item, start):
                for problem in unit.problems:
                    self._problem(summary, problem)
                batch.reports.extend(unit.reports)
                marks[item.key] = unit.mark
                batch.bytes_read += unit.mark.consumed - position
                position = unit.mark.consumed
                if len(batch.reports) >= self.batch_size:
                    yield self._fresh(batch, marks, summary)
                    batch, marks = Batch(), {}
        if batch.reports or marks:
            yield self._fresh(batch, marks, summary)

    def _fresh(self, batch: Batch, marks: dict[str, Checkpoint],
               summary: BackfillSummary) -> Batch:
        """The batch less reports already stored (or repeated within it)."""
        known = self.checkpoints.known_hashes(r.hash for r in batch.reports)
        fresh, seen = [], set(known)
        for report in batch.reports:
            if report.hash in seen:
                summary.skipped += 1
                continue
            seen.add(report.hash)
            fresh.append(report)
        batch.reports = fresh
        batch.marks = list(marks.values())
        return batch

    def _problem(self, summary: BackfillSummary, problem: ReadError) -> None:
        summary.problems.append(problem)
        self.on_problem(problem)
