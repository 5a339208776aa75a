"""``truce watch`` as the command runs it: sources loaded, each poll and alert printed."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.markup import escape

from truce.app import Truce
from truce.watch.config import load_sources
from truce.watch.watcher import AgreementAlert, PollOutcome, Watcher


def describe(outcome: PollOutcome) -> str:
    """One line for a poll: what came in, or why it failed and when it is tried again."""
    name = outcome.spec.name
    health = outcome.health
    due = health.next_due_at.strftime("%H:%M:%S UTC") if health.next_due_at else "now"
    if outcome.error is not None:
        return (f"{name} ({outcome.spec.location}): {outcome.error}; "
                f"{health.consecutive_failures} failure(s) in a row, next try at {due}")
    if outcome.not_modified:
        return f"{name}: not modified; next poll at {due}"
    counts = outcome.counts
    return (f"{name}: {outcome.items} items, {counts.stored} new reports "
            f"({counts.events} events), {counts.duplicates} already stored; next poll at {due}")


def run_watch(app: Truce, sources: Path, once: bool, interval: float | None,
              console: Console) -> int:
    """Watch until interrupted (or one round with ``once``); 1 if anything went wrong."""
    loaded = load_sources(sources, interval)
    for problem in loaded.problems:
        console.print(f"[red]error[/red] {escape(str(problem))}", highlight=False)
    if not loaded.sources:
        console.print(f"[red]error[/red] {escape(str(sources))}: no usable source",
                      highlight=False)
        return 1
    failed = bool(loaded.problems)

    def show(outcome: PollOutcome) -> None:
        nonlocal failed
        for problem in outcome.problems:
            console.print(f"[red]error[/red] {escape(str(problem))}", highlight=False)
        if outcome.error is not None or outcome.problems:
            failed = True
        prefix = "[red]error[/red] " if outcome.error is not None else ""
        console.print(prefix + escape(describe(outcome)), highlight=False)

    def alert(found: AgreementAlert) -> None:
        console.print(f"[bold red]alert[/bold red] {found.agreement}: "
                      f"{escape(found.alert.explanation)}", highlight=False)

    watcher = Watcher(app, loaded.sources, loaded.timeout)
    try:
        watcher.run(once, show, alert)
    finally:
        watcher.close()
    return 1 if failed else 0
