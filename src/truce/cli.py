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
from truce.link.grading import GRADES
from truce.store.database import EventFilter

console = Console(stderr=True, soft_wrap=True)
out = Console(width=None if sys.stdout.isatty() else 160)

DB_OPTION = click.option("--db", envvar="TRUCE_DB", default=None,
                         help="Database: a SQLite file path or a database URL (env TRUCE_DB).")
FROM_OPTION = click.option("--from", "date_from", type=click.DateTime(["%Y-%m-%d"]),
                           help="First day.")
TO_OPTION = click.option("--to", "date_to", type=click.DateTime(["%Y-%m-%d"]), help="Last day.")
AGREEMENT_OPTION = click.option("--agreement", help="Agreement id, e.g. gaza-2025.")
AGREEMENT_REQUIRED = click.option("--agreement", required=True,
                                  help="Agreement id, e.g. gaza-2025.")


def _app(db: str | None) -> Truce:
    return Truce(Settings.resolve(db))


def _linked(db: str | None, agreement: str | None) -> Truce:
    """A Truce whose agreement (if named) exists and whose stored mentions are all linked."""
    app = _app(db)
    if agreement:
        app.agreements.get(agreement)
    app.linker.link_pending()
    return app


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
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local",
              help="Extract in this process, or on Ray actors (one per worker).")
@click.option("--workers", type=click.IntRange(min=1),
              help="Ray workers (default: one per CPU of the cluster).")
@click.option("--address", help="Address of a running Ray cluster (default: start a local one).")
@click.option("--batch-size", type=click.IntRange(min=1), default=32, show_default=True,
              help="Reports per extraction task.")
@click.argument("paths", nargs=-1, required=True)
def backfill(db: str | None, engine: str, workers: int | None, address: str | None,
             batch_size: int, paths: tuple[str, ...]) -> None:
    """Code an archive (files, folders, JSON Lines) in parallel; killed, it resumes."""

    def run() -> int:
        from truce.backfill.session import run_backfill

        summary = run_backfill(_app(db), list(paths), engine, workers, address, batch_size,
                               console)
        return 0 if summary.ok else 1

    _guard(run)


@main.command()
@DB_OPTION
@click.option("--sources", "sources_file", required=True,
              type=click.Path(dir_okay=False, path_type=Path),
              help="YAML file listing feed URLs and folders to watch.")
@click.option("--once", is_flag=True, help="Poll every source once, then exit.")
@click.option("--interval", type=click.FloatRange(min=0, min_open=True),
              help="Seconds between polls for sources that set none (default 300).")
def watch(db: str | None, sources_file: Path, once: bool, interval: float | None) -> None:
    """Poll feeds and folders on a schedule, storing new reports and printing alerts."""

    def run() -> int:
        from truce.watch.session import run_watch

        app = _app(db)
        code = run_watch(app, sources_file, once, interval, console)
        app.close()
        return code

    _guard(run)


@main.command(name="sources")
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="table")
def sources_command(db: str | None, fmt: str) -> None:
    """Health of watched sources: last success, last error, items seen, next poll."""

    def run() -> int:
        from dataclasses import asdict

        from truce.report.sources import sources_table
        from truce.store.sources import SourceStates

        found = SourceStates(_app(db).store).all()
        if fmt == "jsonl":
            for health in found:
                click.echo(json.dumps(asdict(health), default=lambda t: t.isoformat(),
                                      ensure_ascii=False))
        else:
            out.print(sources_table(found))
        return 0

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
@AGREEMENT_OPTION
@click.option("--party", help="Actor id of a party (matches actor or recipient and children).")
@click.option("--topic", help="Codebook topic, e.g. aid.")
@click.option("--type", "event_type", help="PLOVER event type, e.g. ASSAULT.")
@click.option("--claimant", help="Actor id of the claimant.")
@FROM_OPTION
@TO_OPTION
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
        _emit(fmt, app.store.events(where), lambda r: r, write_events_csv, events_table)
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
@click.argument("gold", type=click.Path(exists=True, path_type=Path))
@click.argument("paths", nargs=-1, required=True)
def evaluate(gold: Path, paths: tuple[str, ...], disagreements: Path | None) -> None:
    """Score extraction on PATHS against GOLD (a JSONL file or a folder of them; codebook
    section 4)."""

    def run() -> int:
        from truce.evaluate import evaluate_paths, render_scores

        app = _app(None)
        scores = evaluate_paths(app, gold, paths, disagreements)
        out.print(render_scores(scores))
        return 0

    _guard(run)


@main.command()
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "table"]), default="table")
@AGREEMENT_OPTION
@FROM_OPTION
@TO_OPTION
@click.option("--grade", type=click.Choice(GRADES), help="Only incidents of this grade.")
@click.option("--relink", is_flag=True,
              help="Recompute every incident from scratch (after upgrading Truce).")
def incidents(db: str | None, fmt: str, agreement: str | None, date_from: Any, date_to: Any,
              grade: str | None, relink: bool) -> None:
    """List incidents: linked mentions with grade, figure ranges and the reports behind them."""

    def run() -> int:
        from truce.report.exports import incident_record, write_incidents_csv
        from truce.report.tables import incidents_table

        app = _linked(db, agreement)
        if relink:
            app.linker.relink_all()
        found = app.store.incidents(agreement, _day(date_from), _day(date_to))
        if grade:
            found = [i for i in found if i["grade"] == grade]
        _emit(fmt, found, incident_record, write_incidents_csv, incidents_table)
        return 0

    _guard(run)


@main.command(name="compliance")
@DB_OPTION
@AGREEMENT_REQUIRED
@FROM_OPTION
@TO_OPTION
@click.option("--period", type=click.Choice(["day", "week"]), default="week")
def compliance_command(db: str | None, agreement: str, date_from: Any, date_to: Any,
                       period: str) -> None:
    """Compliance per provision and party over time, targets by counter, areas and alerts."""

    def run() -> int:
        from truce.analyse.compliance import compliance
        from truce.analyse.timeline import (
            area_of,
            compliance_over_time,
            daily_by_area,
            escalation_alerts,
            target_series,
        )
        from truce.report.tables import (
            areas_table,
            compliance_table,
            periods_table,
            series_table,
        )

        app = _linked(db, agreement)
        spec = app.agreements.get(agreement)
        records = app.store.events(EventFilter(agreement=agreement, date_from=_day(date_from),
                                               date_to=_day(date_to)))
        found = app.store.incidents(agreement, _day(date_from), _day(date_to))
        grades = {i["id"]: i["grade"] for i in found}
        out.print(compliance_table(spec, compliance(records, spec, app.actors), app.actors))
        out.print(periods_table(compliance_over_time(
            records, spec, app.actors, period,
            grade_of=lambda r: grades.get(r.get("incident_id") or "")), app.actors))
        for provision in spec.provisions:
            if provision.target is not None:
                series = target_series(records, provision.target.quantity_kinds, provision.id)
                if series:
                    out.print(series_table(f"{provision.title}: target "
                                           f"{provision.target.describe()}", series,
                                           provision.target))
        out.print(areas_table(daily_by_area(found, lambda i: area_of(i, app.places))))
        for alert in escalation_alerts(found):
            out.print(f"[bold red]alert[/bold red] {escape(alert.explanation)}")
        return 0

    _guard(run)


@main.command()
@DB_OPTION
@AGREEMENT_REQUIRED
@click.option("--week", required=True, help="ISO week, e.g. 2025-W43.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("."), help="Folder for the HTML and PDF (default: here).")
@click.option("--no-pdf", is_flag=True, help="Write the HTML only.")
def brief(db: str | None, agreement: str, week: str, out_dir: Path, no_pdf: bool) -> None:
    """Write the weekly brief of an agreement as HTML and PDF, with charts and a map."""

    def run() -> int:
        from truce.report.weekly import Week, build_weekly, write_pdf

        try:
            which = Week.parse(week)
        except ValueError as exc:
            raise TruceError(str(exc)) from None
        app = _linked(db, agreement)
        spec = app.agreements.get(agreement)
        html = build_weekly(spec, which, app.store.events(EventFilter(agreement=agreement)),
                            app.store.incidents(agreement), app.actors, app.places)
        out_dir.mkdir(parents=True, exist_ok=True)
        target = out_dir / f"brief-{agreement}-{which}.html"
        target.write_text(html, encoding="utf-8")
        click.echo(str(target))
        if not no_pdf:
            click.echo(str(write_pdf(html, target.with_suffix(".pdf"))))
        return 0

    _guard(run)


@main.command()
@DB_OPTION
@click.option("--format", "fmt", required=True,
              type=click.Choice(["csv", "json", "geojson", "acled", "plover"]))
@click.option("--what", type=click.Choice(["events", "incidents"]), default="events")
@AGREEMENT_OPTION
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (default: standard output).")
def export(db: str | None, fmt: str, what: str, agreement: str | None,
           output: Path | None) -> None:
    """Export events or incidents as CSV, JSON, GeoJSON, ACLED-style CSV or PLOVER-style JSON."""

    def run() -> int:
        from truce.report.exports import write_export

        app = _linked(db, agreement)
        items = (app.store.incidents(agreement) if what == "incidents"
                 else app.store.events(EventFilter(agreement=agreement)))
        if output is None:
            write_export(items, fmt, what, sys.stdout)
        else:
            with output.open("w", encoding="utf-8", newline="") as stream:
                write_export(items, fmt, what, stream)
            console.print(f"{len(items)} {what} written to {output}")
        return 0

    _guard(run)


@main.command()
@DB_OPTION
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--anonymous", type=click.Choice(["read", "none"]), default="read",
              show_default=True, help="What visitors who are not logged in may do.")
@click.option("--tiles", help="Map tile URL template, e.g. https://tile.openstreetmap.org/"
                              "{z}/{x}/{y}.png (default: the offline outline only).")
def serve(db: str | None, host: str, port: int, anonymous: str, tiles: str | None) -> None:
    """Serve the dashboard and the REST API (/api, schema at /openapi.json)."""

    def run() -> int:
        import uvicorn

        from truce.serve.app import create_app

        app = _app(db)
        app.linker.link_pending()
        console.print(f"serving {app.settings.db} on http://{host}:{port}", highlight=False)
        uvicorn.run(create_app(app, anonymous=anonymous, tiles=tiles), host=host, port=port,
                    proxy_headers=True, log_level="info")
        return 0

    _guard(run)


@main.command()
@DB_OPTION
def reextract(db: str | None) -> None:
    """Run extraction again over stored reports; events a person reviewed are kept."""

    def run() -> int:
        from truce.review import reextract as run_reextract

        app = _app(db)
        summary = run_reextract(app)
        console.print(f"{summary.reports} reports: {summary.removed} machine events replaced "
                      f"by {summary.added}, {summary.kept} reviewed events kept",
                      highlight=False)
        app.close()
        return 0

    _guard(run)


@main.group()
def user() -> None:
    """Accounts of the web app: add users, list them, change roles, issue API tokens."""


@user.command(name="add")
@DB_OPTION
@click.argument("name")
@click.option("--role", type=click.Choice(["viewer", "analyst", "admin"]), default="viewer",
              show_default=True)
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def user_add(db: str | None, name: str, role: str, password_stdin: bool) -> None:
    """Add a user; the password is prompted for (or read with --password-stdin)."""

    def run() -> int:
        from truce.accounts import hash_password
        from truce.store.accounts import add_user

        add_user(_app(db).store, name, hash_password(_read_password(password_stdin)), role)
        console.print(f"user {name} added as {role}", highlight=False)
        return 0

    _guard(run)


@user.command(name="password")
@DB_OPTION
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def user_password(db: str | None, name: str, password_stdin: bool) -> None:
    """Set a user's password; the user's browser sessions end."""

    def run() -> int:
        from truce.accounts import hash_password
        from truce.store.accounts import set_password_hash

        set_password_hash(_app(db).store, name, hash_password(_read_password(password_stdin)))
        console.print(f"password of {name} changed; their sessions have ended",
                      highlight=False)
        return 0

    _guard(run)


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return str(click.prompt("password", hide_input=True, confirmation_prompt=True))


@user.command(name="list")
@DB_OPTION
def user_list(db: str | None) -> None:
    """List users and their roles."""

    def run() -> int:
        from truce.store.accounts import list_users

        for entry in list_users(_app(db).store):
            click.echo(f"{entry['username']}\t{entry['role']}")
        return 0

    _guard(run)


@user.command(name="role")
@DB_OPTION
@click.argument("name")
@click.argument("role", type=click.Choice(["viewer", "analyst", "admin"]))
def user_role(db: str | None, name: str, role: str) -> None:
    """Change a user's role."""

    def run() -> int:
        from truce.store.accounts import set_role

        set_role(_app(db).store, name, role)
        console.print(f"user {name} is now {role}", highlight=False)
        return 0

    _guard(run)


@user.command(name="token")
@DB_OPTION
@click.argument("name")
def user_token(db: str | None, name: str) -> None:
    """Issue an API token for a user (printed once; send as 'Authorization: Bearer ...')."""

    def run() -> int:
        from truce.store.accounts import issue_api_token

        click.echo(issue_api_token(_app(db).store, name))
        return 0

    _guard(run)


def _emit(fmt: str, items: list[dict[str, Any]], as_record: Callable[[Any], Any],
          write_csv: Callable[[Any, Any], None], table: Callable[[Any], Any]) -> None:
    """Print listed items as JSON Lines, CSV or a terminal table."""
    if fmt == "jsonl":
        for item in items:
            click.echo(json.dumps(as_record(item), ensure_ascii=False))
    elif fmt == "csv":
        write_csv(items, sys.stdout)
    else:
        out.print(table(items))


def _day(value: Any) -> date | None:
    return value.date() if value is not None else None


if __name__ == "__main__":  # pragma: no cover
    main()
