"""A backfill as the ``truce backfill`` command runs it: engine built, progress bar shown,
summary printed. The work itself is ``runner.Backfill``."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from truce.app import Truce
from truce.backfill.engines import Engine, LocalEngine, RayEngine
from truce.backfill.runner import Backfill, BackfillSummary
from truce.backfill.runner import Progress as Position
from truce.backfill.worker import ExtractionWorker
from truce.errors import ReadError


def build_engine(app: Truce, engine: str, workers: int | None = None,
                 address: str | None = None) -> Engine:
    """The local engine shares ``app``'s extractor; the Ray engine loads one per actor."""
    if engine == "ray":
        return RayEngine(workers, address, tuple(str(p) for p in app.settings.agreements))
    return LocalEngine(ExtractionWorker(app.extractor))


def run_backfill(app: Truce, paths: list[str], engine: str, workers: int | None,
                 address: str | None, batch_size: int, console: Console) -> BackfillSummary:
    app.store  # noqa: B018 - open (and migrate) the database before starting workers
    built = build_engine(app, engine, workers, address)
    try:
        with Progress(TextColumn("{task.description}"), BarColumn(), DownloadColumn(),
                      TextColumn("{task.fields[counts]}"), TimeElapsedColumn(),
                      TimeRemainingColumn(), console=console, transient=True) as bar:
            task = bar.add_task(f"backfill ({engine}, {built.workers} "
                                f"worker{'s' if built.workers != 1 else ''})",
                                total=None, counts="")

            def problem(found: ReadError) -> None:
                bar.console.print(f"[red]error[/red] {escape(str(found))}", highlight=False)

            def progress(where: Position) -> None:
                bar.update(task, total=where.bytes_total, completed=where.bytes_done,
                           counts=f"{where.stored} stored, {where.skipped} skipped")

            summary = Backfill(app, built, batch_size, problem, progress).run(paths)
    finally:
        built.close()
    rate = summary.stored / summary.seconds if summary.seconds else 0.0
    console.print(
        f"{summary.inputs} inputs ({summary.inputs_done_before} finished before): "
        f"{summary.stored} reports stored, {summary.skipped} already stored, "
        f"{summary.events} events, {len(summary.problems)} problems; "
        f"{summary.linked} mentions linked; {summary.seconds:.1f} s ({rate:.1f} reports/s)",
        highlight=False)
    return summary
