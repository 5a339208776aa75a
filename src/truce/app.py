"""The one object the CLI, the web app and the tests build the same way.

``Truce`` owns the settings, the registries, the agreements, the extraction
pipeline and the store. Everything heavy (the spaCy model, the database) is
created on first use, so listing agreements never loads a model.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from truce.agreements.loader import AgreementBook
from truce.config import Settings
from truce.errors import ReadError
from truce.extract.pipeline import Extractor
from truce.ingest.readers import SourceResult, read_paths
from truce.link.linker import Linker
from truce.model import Event, Report
from truce.registry.actors import ActorRegistry
from truce.registry.demonyms import Demonyms
from truce.registry.lexicon import Lexicon
from truce.registry.places import PlaceRegistry
from truce.store.database import Store


@dataclass(slots=True)
class StoreCounts:
    """Reports newly stored, reports already stored, events stored with the new ones, and
    one problem line per report the database refused (a value it cannot hold)."""

    stored: int = 0
    duplicates: int = 0
    events: int = 0
    problems: list[ReadError] = field(default_factory=list)

    def add(self, other: StoreCounts) -> None:
        self.stored += other.stored
        self.duplicates += other.duplicates
        self.events += other.events
        self.problems.extend(other.problems)


@dataclass(slots=True)
class IngestSummary(StoreCounts):
    """What an ingest run did: counts, and one problem line per bad source."""

    sources: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


class Truce:
    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings.resolve()

    @cached_property
    def actors(self) -> ActorRegistry:
        return ActorRegistry.load()

    @cached_property
    def places(self) -> PlaceRegistry:
        return PlaceRegistry.load()

    @cached_property
    def agreements(self) -> AgreementBook:
        return AgreementBook.load(list(self.settings.agreements))

    @cached_property
    def extractor(self) -> Extractor:
        return Extractor(self.actors, self.places, Lexicon.load(), Demonyms.load(),
                         self.agreements)

    @cached_property
    def store(self) -> Store:
        return Store.open(self.settings.db)

    @cached_property
    def linker(self) -> Linker:
        return Linker(self.store, self.agreements, self.actors)

    def close(self) -> None:
        if "store" in self.__dict__:
            self.store.close()

    def extract(self, paths: Iterable[str],
                on_problem: Callable[[ReadError], None] | None = None,
                ) -> Iterator[tuple[Report, list[Event]]]:
        """Code every report under ``paths`` without storing anything."""
        return self.extractor.extract_many(_reports(read_paths(paths), on_problem))

    def ingest(self, paths: Iterable[str],
               on_source: Callable[[SourceResult], None] | None = None) -> IngestSummary:
        """Read, code and store reports; each report is stored whole or not at all."""
        summary = IngestSummary()
        for result in read_paths(paths):
            summary.sources += 1
            summary.problems.extend(result.problems)
            counts = self.store_reports(result.reports)
            result.problems.extend(counts.problems)  # shown with the source's own problems
            summary.add(counts)
            if on_source is not None:
                on_source(result)
        self.linker.link_pending()
        return summary

    def store_reports(self, found_reports: Iterable[Report]) -> StoreCounts:
        """Code and store the reports not stored yet, each with its events in one transaction;
        the path every way in (ingest, watch) shares. Linking is left to the caller."""
        counts = StoreCounts()
        given = list(found_reports)
        fresh = [r for r in given if not self.store.has_report(r.hash)]
        counts.duplicates += len(given) - len(fresh)
        for report, found in self.extractor.extract_many(fresh):
            counts.add(self.store_coded(report, found))
        return counts

    def store_coded(self, report: Report, found: list[Event]) -> StoreCounts:
        """Store one coded report with its events atomically (a duplicate stores nothing)."""
        agreement = found[0].agreement if found else None
        try:
            report_id = self.store.add_report(report, found, agreement)
        except ReadError as problem:  # a value the database cannot hold
            return StoreCounts(problems=[problem])
        if report_id is None:
            return StoreCounts(duplicates=1)
        return StoreCounts(stored=1, events=len(found))


def _reports(results: Iterable[SourceResult],
             on_problem: Callable[[ReadError], None] | None) -> Iterator[Report]:
    for result in results:
        for problem in result.problems:
            if on_problem is not None:
                on_problem(problem)
        yield from result.reports
