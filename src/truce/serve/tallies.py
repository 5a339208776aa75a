"""Compliance tables from grouped events: the analysis once per group, scaled by its count.

``truce.store.summaries.compliance_shapes`` groups events by their shape, every
field that ``analyse.compliance`` reads, so running the analysis on one record
of each group and multiplying gives exactly the table of all the events, at the
cost of a few hundred groups instead of every record.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

from truce.agreements.model import Agreement
from truce.analyse.compliance import PartyCompliance, ProvisionCompliance, compliance
from truce.analyse.timeline import PeriodRow, period_start
from truce.registry.actors import ActorRegistry
from truce.store.summaries import Shape


def _scaled(counter: Counter[str], factor: int) -> Counter[str]:
    return Counter({key: value * factor for key, value in counter.items()})


class _Entries:
    """The non-empty table entries one record of a shape produces, computed once per
    distinct record (shapes by day repeat the same records on many days; a stored shape's
    key is a hash of its record, so its entries are kept across requests, see ``_entries``)."""

    LIMIT = 50_000

    def __init__(self, agreement: Agreement, actors: ActorRegistry) -> None:
        self.agreement = agreement
        self.actors = actors
        self._seen: dict[Any, list[PartyCompliance]] = {}

    def __call__(self, shape: Shape) -> list[PartyCompliance]:
        key = shape.key or json.dumps(shape.record, sort_keys=True, default=str)
        found = self._seen.get(key)
        if found is None:
            if len(self._seen) >= self.LIMIT:
                self._seen.clear()
            found = self._seen[key] = [
                entry for table in compliance([shape.record], self.agreement, self.actors)
                for entry in table.parties if entry.alleged or entry.denied or entry.complied]
        return found


_KEPT: dict[tuple[int, int], _Entries] = {}


def _entries(agreement: Agreement, actors: ActorRegistry) -> _Entries:
    """The entries of this agreement and registry, kept for the life of the process (the
    same objects only: a reloaded agreement or registry starts afresh)."""
    kept = _KEPT.get((id(agreement), id(actors)))
    if kept is None or kept.agreement is not agreement or kept.actors is not actors:
        if len(_KEPT) >= 16:
            _KEPT.clear()
        kept = _KEPT[(id(agreement), id(actors))] = _Entries(agreement, actors)
    return kept


def weighted_compliance(shapes: Iterable[Shape], agreement: Agreement,
                        actors: ActorRegistry) -> list[ProvisionCompliance]:
    """The compliance table of every event the shapes stand for."""
    rows: dict[str, dict[str, PartyCompliance]] = {
        p.id: {party: PartyCompliance(p, party) for party in p.obliged}
        for p in agreement.provisions
    }
    entries = _entries(agreement, actors)
    for shape in shapes:
        for entry in entries(shape):
            total = rows[entry.provision.id].setdefault(
                entry.party, PartyCompliance(entry.provision, entry.party))
            total.alleged.update(_scaled(entry.alleged, shape.count))
            total.denied.update(_scaled(entry.denied, shape.count))
            total.complied.update(_scaled(entry.complied, shape.count))
    return [ProvisionCompliance(provision=p, parties=list(rows[p.id].values()))
            for p in agreement.provisions]


def counted_shapes(shapes: Iterable[Shape], agreement: Agreement,
                   actors: ActorRegistry) -> set[Any]:
    """The keys of the shapes that add something to the table (an allegation, a denial or
    a report of compliance): only their periods have rows over time."""
    entries = _entries(agreement, actors)
    return {shape.key[0] for shape in shapes if entries(shape)}


def weighted_over_time(shapes: Iterable[Shape], agreement: Agreement, actors: ActorRegistry,
                       period: str = "week") -> list[PeriodRow]:
    """Per period, provision and obliged party: allegations by alleger and by the grade of
    the incident concerned, denials and reports of compliance (shapes grouped by day)."""
    weights: Counter[tuple[date, Any]] = Counter()
    grades_of: dict[tuple[date, Any], dict[str, int]] = {}
    shape_of: dict[Any, Shape] = {}
    for shape in shapes:
        if shape.day is None:
            continue
        bucket = (period_start(shape.day, period), shape.key or id(shape))
        shape_of.setdefault(bucket[1], shape)
        weights[bucket] += shape.count
        graded = grades_of.setdefault(bucket, {})
        grade = shape.grade or "ungraded"
        graded[grade] = graded.get(grade, 0) + shape.count
    alleged: dict[tuple[date, str, str], Counter[str]] = defaultdict(Counter)
    grades: dict[tuple[date, str, str], Counter[str]] = defaultdict(Counter)
    denied: Counter[tuple[date, str, str]] = Counter()
    complied: Counter[tuple[date, str, str]] = Counter()
    entries = _entries(agreement, actors)
    for (start, shape_key), count in weights.items():
        for entry in entries(shape_of[shape_key]):
            key = (start, entry.provision.id, entry.party)
            if entry.alleged:
                tally = alleged[key]
                for alleger, n in entry.alleged.items():
                    tally[alleger] += n * count
                graded = grades[key]
                for grade, n in grades_of[(start, shape_key)].items():
                    graded[grade] += n
            denied[key] += sum(entry.denied.values()) * count
            complied[key] += sum(entry.complied.values()) * count
    order = {p.id: i for i, p in enumerate(agreement.provisions)}
    keys = sorted(set(alleged) | set(denied) | set(complied),
                  key=lambda k: (k[0], order.get(k[1], 99), k[2]))
    return [PeriodRow(period=k[0], provision=k[1], party=k[2],
                      alleged=sum(alleged[k].values()),
                      by_alleger=tuple(alleged[k].most_common()),
                      by_grade=tuple(grades[k].most_common()),
                      denied=denied[k], complied=complied[k]) for k in keys]
