"""Compliance over time, target series by counter, daily area summaries, escalation alerts.

Pure functions over stored records (events and incidents). Nothing here merges
competing counts: each counter's series stays separate, every alert says in
words what it compares.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from truce.agreements.model import Agreement
from truce.analyse.compliance import PartyCompliance, accused_party, compliance, source_of
from truce.registry.actors import ActorRegistry
from truce.registry.places import PlaceRegistry

VIOLENT_FAMILIES = frozenset({"attack", "attack-air", "attack-ground", "attack-shelling"})


def period_start(day: date, period: str) -> date:
    return day - timedelta(days=day.weekday()) if period == "week" else day


def event_day(record: dict[str, Any]) -> date | None:
    value = (record.get("date") or {}).get("value") or record.get("published")
    return date.fromisoformat(value[:10]) if value else None


@dataclass(frozen=True, slots=True)
class PeriodRow:
    """Alleged violations of one provision by one party in one period."""

    period: date
    provision: str
    party: str
    alleged: int
    by_alleger: tuple[tuple[str, int], ...]
    by_grade: tuple[tuple[str, int], ...]
    denied: int
    complied: int


def compliance_over_time(records: list[dict[str, Any]], agreement: Agreement,
                         actors: ActorRegistry, period: str = "day",
                         grade_of: Callable[[dict[str, Any]], str | None] = lambda r: None,
                         ) -> list[PeriodRow]:
    """Per period, provision and obliged party: allegations (by alleger and by the grade of
    the incident they concern), denials and reports of compliance."""
    buckets: dict[date, list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        day = event_day(record)
        if day is not None:
            buckets[period_start(day, period)].append(record)
    rows: list[PeriodRow] = []
    for start in sorted(buckets):
        grades = {id(r): grade_of(r) for r in buckets[start]}
        for table in compliance(buckets[start], agreement, actors):
            for entry in table.parties:
                if not (entry.alleged or entry.denied or entry.complied):
                    continue
                rows.append(PeriodRow(
                    period=start, provision=table.provision.id, party=entry.party,
                    alleged=entry.alleged_total,
                    by_alleger=tuple(entry.alleged.most_common()),
                    by_grade=tuple(_grades_for(entry, buckets[start], grades,
                                               actors).most_common()),
                    denied=sum(entry.denied.values()),
                    complied=sum(entry.complied.values()),
                ))
    return rows


def _grades_for(entry: PartyCompliance, records: list[dict[str, Any]],
                grades: dict[int, str | None], actors: ActorRegistry) -> Counter[str]:
    """The grades of the incidents of the allegations counted in ``entry`` (those against
    its party only, so that they add up to its allegations)."""
    counted: Counter[str] = Counter()
    for record in records:
        for link in record.get("provisions") or []:
            if link["id"] == entry.provision.id and link["relation"] == "violation_alleged" \
                    and accused_party(record, entry.provision, actors) == entry.party:
                counted[grades.get(id(record)) or "ungraded"] += 1
    return counted


@dataclass(frozen=True, slots=True)
class SeriesPoint:
    day: date
    value: int
    approx: bool
    doc: str
    text: str


def target_series(records: Iterable[dict[str, Any]], measure_kinds: tuple[str, ...],
                  provision_id: str) -> dict[str, list[SeriesPoint]]:
    """Reported figures for a target, one series per counter (source), never merged."""
    series: dict[str, list[SeriesPoint]] = defaultdict(list)
    for record in records:
        if not any(link["id"] == provision_id for link in record.get("provisions") or []):
            continue
        day = event_day(record)
        for quantity in record.get("quantities") or []:
            if quantity["kind"] in measure_kinds and day is not None:
                series[source_of(record)].append(SeriesPoint(
                    day, quantity["value"], quantity.get("approx", False), record["doc"],
                    quantity.get("text") or ""))
    return {source: sorted(points, key=lambda p: p.day) for source, points in
            sorted(series.items())}


@dataclass(slots=True)
class AreaDay:
    """One area's incidents on one day, in the manner of a monitoring mission's daily report."""

    area: str
    day: date
    incidents: int
    kinds: Counter[str] = field(default_factory=Counter)
    previous: int = 0

    @property
    def change(self) -> int:
        return self.incidents - self.previous


def area_of(incident: dict[str, Any], places: PlaceRegistry) -> str:
    """The area an incident is counted under: its place's governorate or district, else the
    place itself; "unlocated" without one."""
    place = places.lookup(incident["place_name"]) if incident["place_name"] else None
    return (place.admin1 or place.name) if place else "unlocated"


def daily_by_area(incidents: list[dict[str, Any]], area_of: Callable[[dict[str, Any]], str],
                  ) -> list[AreaDay]:
    """Incident counts per area per day with kinds, and the change on the previous day."""
    table: dict[tuple[str, date], AreaDay] = {}
    for incident in incidents:
        day = incident["first_date"]
        if day is None:
            continue
        area = area_of(incident)
        row = table.setdefault((area, day), AreaDay(area, day, 0))
        row.incidents += 1
        row.kinds[incident["family"]] += 1
    for (area, day), row in table.items():
        before = table.get((area, day - timedelta(days=1)))
        row.previous = before.incidents if before else 0
    return sorted(table.values(), key=lambda r: (r.day, r.area))


@dataclass(frozen=True, slots=True)
class Alert:
    day: date
    window: int
    current: int
    baseline: float
    explanation: str


def escalation_alerts(incidents: list[dict[str, Any]], window: int = 7, history: int = 28,
                      ratio: float = 2.0, minimum: int = 5,
                      families: frozenset[str] = VIOLENT_FAMILIES,
                      label: str = "violent incidents") -> list[Alert]:
    """Days on which the rolling window's count departs from the baseline before it.

    The baseline is the average count per window over the ``history`` days that precede
    the window. An alert needs at least ``minimum`` incidents and ``ratio`` times the
    baseline (any count of ``minimum`` or more when the baseline is zero).
    """
    per_day = Counter(i["first_date"] for i in incidents
                      if i["family"] in families and i["first_date"] is not None)
    if not per_day:
        return []
    first, last = min(per_day), max(per_day)
    alerts: list[Alert] = []
    day = first + timedelta(days=window - 1)
    while day <= last:
        current = sum(per_day.get(day - timedelta(days=k), 0) for k in range(window))
        start = day - timedelta(days=window - 1)
        past_days = [start - timedelta(days=k) for k in range(1, history + 1)]
        observed = [d for d in past_days if d >= first]
        baseline = (sum(per_day.get(d, 0) for d in observed) / len(observed) * window
                    if observed else 0.0)
        if current >= minimum and (current >= ratio * baseline if baseline else True) \
                and observed:
            times = f"{current / baseline:.1f} times" if baseline else "up from none"
            alerts.append(Alert(day, window, current, baseline, (
                f"In the {window} days to {day.isoformat()}, {current} {label} were reported, "
                f"against {baseline:.1f} per {window} days over the previous "
                f"{len(observed)} days ({times}). Counts are of incidents as reported, "
                "whoever reports them; they attribute nothing by themselves.")))
        day += timedelta(days=1)
    return _first_of_runs(alerts)


def _first_of_runs(alerts: list[Alert]) -> list[Alert]:
    """Keep the first day of each run of consecutive alert days (one alert per episode)."""
    kept: list[Alert] = []
    for alert in alerts:
        if kept and (alert.day - kept[-1].day).days <= 1:
            if alert.current > kept[-1].current:
                kept[-1] = alert
            continue
        kept.append(alert)
    return kept
