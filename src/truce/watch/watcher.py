"""Polling watched sources into the store through the same path as ``truce ingest``.

Per poll: fetch (conditionally) or list new folder files, store each new report
with its events in one transaction (by content hash), link, and only then save
the source's validators and health. Killed at any moment, a restart re-fetches
at worst what was not yet recorded and stores none of it twice.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import httpx

from truce import errors
from truce.analyse.timeline import Alert, escalation_alerts
from truce.app import StoreCounts, Truce
from truce.errors import ReadError
from truce.ingest.feeds import read_feed
from truce.ingest.readers import expand, read_source
from truce.store.sources import SourceStates
from truce.watch.config import SourceSpec
from truce.watch.fetch import SourceFailure, fetch_feed
from truce.watch.schedule import (
    SourceHealth,
    after_failure,
    after_success,
    is_due,
    next_wake,
)


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(slots=True)
class PollOutcome:
    """What one poll of one source did."""

    spec: SourceSpec
    health: SourceHealth
    items: int = 0
    counts: StoreCounts = field(default_factory=StoreCounts)
    not_modified: bool = False
    error: str | None = None
    problems: list[ReadError] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class AgreementAlert:
    agreement: str
    alert: Alert


class Watcher:
    """Polls sources on their schedules; ``run`` is the loop behind ``truce watch``."""

    def __init__(self, app: Truce, sources: list[SourceSpec], timeout: float = 20.0,
                 clock: Callable[[], datetime] = utc_now) -> None:
        self.app = app
        self.sources = sources
        self.states = SourceStates(app.store)
        self.client = httpx.Client(timeout=timeout, follow_redirects=True)
        self.clock = clock
        self._alerts_seen: set[tuple[str, str]] = set()

    def close(self) -> None:
        self.client.close()

    def run(self, once: bool, on_outcome: Callable[[PollOutcome], None],
            on_alert: Callable[[AgreementAlert], None],
            sleep: Callable[[float], None] = time.sleep) -> list[PollOutcome]:
        """Poll due sources until interrupted (with ``once``, every source once, then
        return). Mentions an interrupted run left unlinked are linked first."""
        self.app.linker.link_pending()
        self.new_alerts()  # what is already known is not news
        outcomes: list[PollOutcome] = []
        while True:
            for spec in self.sources:
                if once or is_due(self.states.get(spec.name), self.clock()):
                    outcome = self.poll(spec)
                    outcomes.append(outcome)
                    on_outcome(outcome)
                    if outcome.counts.stored:
                        for alert in self.new_alerts():
                            on_alert(alert)
            if once:
                return outcomes
            healths = [self.states.get(s.name) or SourceHealth.new(s) for s in self.sources]
            wake = next_wake(healths, self.clock())
            sleep(max(0.5, (wake - self.clock()).total_seconds()))

    def poll(self, spec: SourceSpec) -> PollOutcome:
        """Poll one source now; a failure is recorded (and backed off), never raised."""
        health = self.states.get(spec.name) or SourceHealth.new(spec)
        outcome = PollOutcome(spec, health)
        try:
            if spec.kind == "feed":
                etag, last_modified = self._poll_feed(spec, health, outcome)
            else:
                etag, last_modified = None, None
                self._poll_folder(spec, outcome)
        except SourceFailure as exc:
            outcome.error = str(exc)
            outcome.health = after_failure(health, spec, self.clock(), str(exc))
            self.states.save(outcome.health)
            return outcome
        if outcome.counts.stored:
            self.app.linker.link_pending()
        outcome.health = after_success(health, spec, self.clock(), outcome.items,
                                       outcome.counts.stored, etag, last_modified)
        self.states.save(outcome.health)
        return outcome

    def _poll_feed(self, spec: SourceSpec, health: SourceHealth,
                   outcome: PollOutcome) -> tuple[str | None, str | None]:
        response = fetch_feed(self.client, spec.location, health.etag, health.last_modified)
        if response.body is None:
            outcome.not_modified = True
            return response.etag, response.last_modified
        try:
            reports = read_feed(response.body, spec.location)
        except ReadError as exc:
            if exc.reason != errors.EMPTY_FEED:
                raise SourceFailure(exc.reason) from None
            reports = []
        outcome.items = len(reports)
        outcome.counts = self.app.store_reports(reports)
        return response.etag, response.last_modified

    def _poll_folder(self, spec: SourceSpec, outcome: PollOutcome) -> None:
        if not Path(spec.location).is_dir():
            raise SourceFailure(f"folder {spec.location} does not exist")
        seen = self.states.files_seen(spec.name)
        for name, path in expand([spec.location]):
            if path is None:
                continue
            try:
                stat = path.stat()
            except OSError:
                continue  # gone since listed
            version = (stat.st_size, stat.st_mtime_ns)
            if seen.get(str(path)) == version:
                continue
            result = read_source(name, path)
            outcome.items += len(result.reports)
            outcome.problems.extend(result.problems)
            outcome.counts.add(self.app.store_reports(result.reports))
            self.states.mark_file(spec.name, str(path), *version)

    def new_alerts(self) -> list[AgreementAlert]:
        """Escalation alerts, per agreement, not returned before by this watcher."""
        fresh: list[AgreementAlert] = []
        for agreement in self.app.agreements:
            for alert in escalation_alerts(self.app.store.incidents(agreement.id)):
                key = (agreement.id, alert.day.isoformat())
                if key not in self._alerts_seen:
                    self._alerts_seen.add(key)
                    fresh.append(AgreementAlert(agreement.id, alert))
        return fresh
