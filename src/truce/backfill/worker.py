"""The extraction worker: one loaded Extractor coding batches of reports.

The same class runs in the driver's process (local engine) and as a long-lived
Ray actor (Ray engine), so both engines code every report identically.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from truce.extract.pipeline import Extractor
from truce.model import Event, Report


@dataclass(frozen=True, slots=True)
class Coded:
    """A report's events, or why extraction failed for it."""

    events: list[Event] | None
    error: str | None = None


class ExtractionWorker:
    """Codes batches of reports with an Extractor built once (loading spaCy is slow)."""

    def __init__(self, extractor: Extractor | None = None,
                 agreements: tuple[str, ...] = ()) -> None:
        if extractor is None:
            from truce.app import Truce
            from truce.config import Settings

            settings = Settings(agreements=tuple(Path(a) for a in agreements))
            extractor = Truce(settings).extractor
        self.extractor = extractor

    def ready(self) -> bool:
        """True once the extractor is loaded (Ray callers wait on it)."""
        return True

    def code(self, reports: list[Report]) -> list[Coded]:
        """Events of each report, in order; one report failing does not sink the batch."""
        try:
            return [Coded(found) for _, found in self.extractor.extract_many(reports)]
        except Exception:  # retried one by one to find the culprit
            return [self._one(report) for report in reports]

    def _one(self, report: Report) -> Coded:
        try:
            return Coded(self.extractor.extract(report))
        except Exception as exc:  # one line reported, the rest goes on
            return Coded(None, f"extraction failed ({type(exc).__name__}: {exc})")
