"""Pure rules of polling: a source's health record, how it changes after a poll, when the
source is next due, and exponential back-off with a cap for failing sources."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from truce.watch.config import SourceSpec


@dataclass(frozen=True, slots=True)
class SourceHealth:
    """What is known about one source across runs; persisted after every poll."""

    name: str
    kind: str
    location: str
    etag: str | None = None
    last_modified: str | None = None
    last_checked_at: datetime | None = None
    last_success_at: datetime | None = None
    last_error: str | None = None
    last_error_at: datetime | None = None
    items_seen: int = 0
    reports_stored: int = 0
    consecutive_failures: int = 0
    next_due_at: datetime | None = None

    @classmethod
    def new(cls, spec: SourceSpec) -> SourceHealth:
        return cls(spec.name, spec.kind, spec.location)


def backoff_seconds(interval: float, failures: int, cap: float) -> float:
    """Wait after ``failures`` consecutive failures: the interval, doubled for each failure
    after the first, never more than ``cap`` (nor less than the interval)."""
    if failures <= 0:
        return interval
    return max(interval, min(cap, interval * 2.0 ** (failures - 1)))


def after_success(health: SourceHealth, spec: SourceSpec, now: datetime, items: int,
                  stored: int, etag: str | None, last_modified: str | None) -> SourceHealth:
    """Health after a poll that worked (a 304 is a success with no items)."""
    return replace(health, kind=spec.kind, location=spec.location, etag=etag,
                   last_modified=last_modified, last_checked_at=now, last_success_at=now,
                   items_seen=health.items_seen + items,
                   reports_stored=health.reports_stored + stored, consecutive_failures=0,
                   next_due_at=now + timedelta(seconds=spec.interval))


def after_failure(health: SourceHealth, spec: SourceSpec, now: datetime,
                  error: str) -> SourceHealth:
    """Health after a failed poll: validators kept, the next try backed off."""
    failures = health.consecutive_failures + 1
    wait = backoff_seconds(spec.interval, failures, spec.max_backoff)
    return replace(health, kind=spec.kind, location=spec.location, last_checked_at=now,
                   last_error=error, last_error_at=now, consecutive_failures=failures,
                   next_due_at=now + timedelta(seconds=wait))


def is_due(health: SourceHealth | None, now: datetime) -> bool:
    return health is None or health.next_due_at is None or health.next_due_at <= now


def next_wake(healths: list[SourceHealth], now: datetime) -> datetime:
    """When the soonest source is due (now, if any never ran)."""
    dues = [h.next_due_at for h in healths if h.next_due_at is not None]
    if len(dues) < len(healths) or not dues:
        return now
    return min(dues)
