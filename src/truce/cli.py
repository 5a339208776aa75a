"""The ``truce`` command: a thin layer that parses arguments, calls the package, prints."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from truce.app import Truce
from truce.config import Settings
from truce.errors import ReadError, TruceError
from truce.ingest.readers import expand
from truce.store.database import EventFilter

console = Console(stderr=True, soft_wrap=True)
out = Console(width=None if sys.stdout.isatty() else 160)

DB_OPTION = click.option("--db", envvar="TRUCE_DB", default=None,
                         help="Database: a SQLite file path or a database URL (env TRUCE_DB).")


def _app(db: str | None) -> Truce:
    return Truce(Settings.resolve(db))


def _error_line(message: object) -> str:
    """One line for the user; file names with [brackets] are not read as markup."""
    return f"[red]error[/red] {escape(str(message))}"


def _problem(problem: ReadError) -> None:
    console.print(_error_line(problem), highlight=False)


def _guard(action: Callable[[], int | None]) -> None:
    """Run a command body; user-facing errors become one line and exit status 1."""
    try:
        code = action()
    except TruceError as exc:
        console.print(_error_line(exc), highlight=False)
        sys.exit(1)
    except KeyboardInterrupt:
        console.print("interrupted: everything stored so far is complete; run again to finish")
        sys.exit(130)
    sys.exit(code or 0)


@click.group()
@click.version_option(package_name="truce-monitor")
def main() -> None:
    """Truce: ceasefire monitoring from reports to events, incidents and compliance."""


@main.command()
@DB_OPTION
@click.argument("paths", nargs=-1, required=True)
def ingest(db: str | None, paths: tuple[str, ...]) -> None:
    """Read reports (files or folders), extract their events and store them."""

    def run() -> int:
        app = _app(db)
        total = sum(1 for _ in expand(paths))
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                      TimeElapsedColumn(), console=console, transient=True) as progress:
            task = progress.add_task("ingesting", total=total)

            def advance(result: Any) -> None:
                for problem in result.problems:
                    progress.console.print(_error_line(problem), highlight=False,
                                           soft_wrap=True)
                progress.advance(task)

            summary = app.ingest(paths, on_source=advance)
        console.print(
            f"{summary.sources} sources: {summary.stored} reports stored, "
            f"{summary.duplicates} already stored, {summary.events} events, "
            f"{len(summary.problems)} problems", highlight=False)
        app.close()
        return 0 if summary.ok else 1

    _guard(run)


@main.command()
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl")
@click.argument("paths", nargs=-1, required=True)
def extract(db: str | None, fmt: str, paths: tuple[str, ...]) -> None:
    """Print the events of reports; with --db, also store them."""

    def run() -> int:
        app = _app(db)
        problems: list[ReadError] = []

        def note(problem: ReadError) -> None:
            problems.append(problem)
            _problem(problem)

        rows = []
        for report, found in app.extract(paths, on_problem=note):
            for item in found:
                record = item.to_dict()
                if fmt == "jsonl":
                    click.echo(json.dumps(record, ensure_ascii=False))
                else:
                    rows.append(record)
            if db:
                app.store.add_report(report, found, found[0].agreement if found else None)
        if fmt == "table":
            from truce.report.tables import events_table

            out.print(events_table(rows))
        return 1 if problems else 0

    _guard(run)


@main.command()
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "table"]), default="table")
@click.option("--agreement", help="Agreement id, e.g. gaza-2025.")
@click.option("--party", help="Actor id of a party (matches actor or recipient and children).")
@click.option("--topic", help="Codebook topic, e.g. aid.")
@click.option("--type", "event_type", help="PLOVER event type, e.g. ASSAULT.")
@click.option("--claimant", help="Actor id of the claimant.")
@click.option("--from", "date_from", type=click.DateTime(["%Y-%m-%d"]), help="First day.")
@click.option("--to", "date_to", type=click.DateTime(["%Y-%m-%d"]), help="Last day.")
@click.option("--place", help="Place name, e.g. Rafah.")
@click.option("--limit", type=int, help="At most this many events.")
def events(db: str | None, fmt: str, agreement: str | None, party: str | None,
           topic: str | None, event_type: str | None, claimant: str | None,
           date_from: Any, date_to: Any, place: str | None, limit: int | None) -> None:
    """List stored events with filters."""

    def run() -> int:
        from truce.report.exports import write_events_csv
        from truce.report.tables import events_table

        app = _app(db)
        if agreement:
            app.agreements.get(agreement)
        where = EventFilter(agreement=agreement, party=party, topic=topic,
                            event_type=event_type, claimant=claimant,
                            date_from=_day(date_from), date_to=_day(date_to), place=place,
                            limit=limit)
        records = app.store.events(where)
        if fmt == "jsonl":
            for record in records:
                click.echo(json.dumps(record, ensure_ascii=False))
        elif fmt == "csv":
            write_events_csv(records, sys.stdout)
        else:
            out.print(events_table(records))
        return 0

    _guard(run)


@main.command()
def agreements() -> None:
    """List the agreements Truce knows, with their parties and provisions."""

    def run() -> int:
        from truce.report.tables import agreements_table

        out.print(agreements_table(_app(None).agreements))
        return 0

    _guard(run)


@main.command()
@click.option("--db", default=None, help="Where to build the demo database (default demo.db).")
def demo(db: str | None) -> None:
    """Build a fresh database from the bundled sample reports and show compliance."""

    def run() -> int:
        from truce.demo import run_demo

        return run_demo(db or "demo.db", console=out, errors=console)

    _guard(run)


@main.command()
@click.option("--disagreements", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the unmatched and disagreeing events to this JSONL file.")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("paths", nargs=-1, required=True)
def evaluate(gold: Path, paths: tuple[str, ...], disagreements: Path | None) -> None:
    """Score extraction on PATHS against a GOLD JSONL file (codebook section 4)."""

    def run() -> int:
        from truce.evaluate import evaluate_paths, render_scores

        app = _app(None)
        scores = evaluate_paths(app, gold, paths, disagreements)
        out.print(render_scores(scores))
        return 0

    _guard(run)


def _day(value: Any) -> date | None:
    return value.date() if value is not None else None


if __name__ == "__main__":  # pragma: no cover
    main()
