"""Two ways to code batches of reports: in this process, or on Ray actors.

Both take batches in input order and give them back in the same order, so the
driver writes reports (and checkpoints) in the order they were read.
"""

from __future__ import annotations

import logging
import os
import socket
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from truce.backfill.checkpoint import Checkpoint
from truce.backfill.worker import Coded, ExtractionWorker
from truce.errors import TruceError
from truce.model import Report

LOCAL_OBJECT_STORE_BYTES = 256 * 1024 * 1024


class BackfillError(TruceError):
    """The backfill cannot go on (a cluster unreachable, a worker lost)."""


@dataclass(slots=True)
class Batch:
    """Reports to code, and the input positions reached once they are all stored."""

    reports: list[Report] = field(default_factory=list)
    marks: list[Checkpoint] = field(default_factory=list)
    bytes_read: int = 0


class Engine(Protocol):
    workers: int

    def map(self, batches: Iterable[Batch]) -> Iterator[tuple[Batch, list[Coded]]]: ...

    def close(self) -> None: ...


class LocalEngine:
    """Extraction in the driver's process, one batch at a time."""

    def __init__(self, worker: ExtractionWorker) -> None:
        self.worker = worker
        self.workers = 1

    def map(self, batches: Iterable[Batch]) -> Iterator[tuple[Batch, list[Coded]]]:
        for batch in batches:
            yield batch, self.worker.code(batch.reports) if batch.reports else []

    def close(self) -> None:
        """Nothing to release."""


class RayEngine:
    """One long-lived actor per worker, each holding a loaded Extractor; up to two batches
    in flight per actor, results taken in submission order."""

    def __init__(self, workers: int | None = None, address: str | None = None,
                 agreements: tuple[str, ...] = ()) -> None:
        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
        if address:
            check_reachable(address)
        try:
            import ray
        except ImportError:
            raise BackfillError("--engine ray needs Ray: pip install 'truce-monitor[ray]'"
                                ) from None
        self.ray = ray
        quiet: dict[str, Any] = {"log_to_driver": False, "logging_level": logging.ERROR}
        try:
            if address:
                ray.init(address=address, **quiet)
            else:
                ray.init(num_cpus=workers or os.cpu_count() or 1, include_dashboard=False,
                         object_store_memory=LOCAL_OBJECT_STORE_BYTES, **quiet)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            where = address or "a local cluster"
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise BackfillError(f"cannot start Ray on {where} ({first})") from None
        self.workers = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        actor = ray.remote(num_cpus=1)(ExtractionWorker)
        self.actors = [actor.remote(agreements=agreements) for _ in range(self.workers)]
        self._wait(ray.get, [a.ready.remote() for a in self.actors])

    def map(self, batches: Iterable[Batch]) -> Iterator[tuple[Batch, list[Coded]]]:
        in_flight: deque[tuple[Batch, Any]] = deque()
        turn = 0
        for batch in batches:
            if batch.reports:
                ref = self.actors[turn % self.workers].code.remote(batch.reports)
                turn += 1
            else:
                ref = None
            in_flight.append((batch, ref))
            while len(in_flight) > 2 * self.workers:
                yield self._take(in_flight)
        while in_flight:
            yield self._take(in_flight)

    def _take(self, in_flight: deque[tuple[Batch, Any]]) -> tuple[Batch, list[Coded]]:
        batch, ref = in_flight.popleft()
        return batch, ([] if ref is None else self._wait(self.ray.get, ref))

    def _wait(self, get: Any, refs: Any) -> Any:
        try:
            return get(refs)
        except self.ray.exceptions.RayError as exc:
            first = str(exc).strip().splitlines()[0]
            raise BackfillError(f"a Ray worker failed ({first}); run the same command again "
                                "to resume from the last checkpoint") from None

    def close(self) -> None:
        self.ray.shutdown()


def check_reachable(address: str, timeout: float = 5.0) -> None:
    """Fail in one line if a ``host:port`` cluster address takes no connection (Ray itself
    would retry for minutes); other forms (``auto``) are left to Ray."""
    host, colon, port = address.removeprefix("ray://").rpartition(":")
    if not colon or not port.isdigit():
        return
    try:
        socket.create_connection((host, int(port)), timeout=timeout).close()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise BackfillError(f"cannot reach the Ray cluster at {address} ({reason}); "
                            "is 'ray start --head' running there?") from None
