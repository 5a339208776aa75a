"""What each dashboard page shows, gathered from the store and the analyses.

One function per page returns the template's context. Every figure keeps its
source and every event its claimant; nothing here decides who is right.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from datetime import date, timedelta
from typing import Any, TypeVar

from truce.agreements.model import Agreement
from truce.analyse.compliance import ProvisionCompliance
from truce.analyse.timeline import (
    VIOLENT_FAMILIES,
    PeriodRow,
    SeriesPoint,
    escalation_alerts,
)
from truce.app import Truce
from truce.link.grading import GRADES
from truce.model import EVENT_TYPES, MODES, record_entity_names
from truce.serve import charts, tallies
from truce.serve.filters import Filters
from truce.serve.highlight import pieces
from truce.serve.memo import Memo
from truce.store import queries, reviews, summaries

MARKER_LIMIT = 2000
T = TypeVar("T")
RECENT = 20
PERIODS_SHOWN = 30


def chosen_agreements(truce: Truce, filters: Filters) -> list[Agreement]:
    if filters.agreement:
        return [truce.agreements.get(filters.agreement)]
    return list(truce.agreements)


def filter_options(truce: Truce, filters: Filters) -> dict[str, Any]:
    """The choices of the filter bar: agreements, their parties, claimants, types, grades."""
    parties: dict[str, str] = {}
    for agreement in chosen_agreements(truce, filters):
        for party in agreement.parties:
            parties[party] = truce.actors.name(party)
    return {
        "agreements": [(a.id, a.short_name) for a in truce.agreements],
        "parties": sorted(parties.items(), key=lambda item: item[1]),
        "claimants": [(i, truce.actors.name(i)) for i, _ in
                      summaries.claimants(truce.store, filters.agreement)],
        "types": EVENT_TYPES,
        "grades": GRADES,
    }


def marker_record(row: dict[str, Any]) -> dict[str, Any]:
    return {"id": row["id"], "lat": row["lat"], "lon": row["lon"], "grade": row["grade"],
            "place": row["place_name"], "date": _iso(row["first_date"]),
            "type": row["event_type"], "mentions": row["mentions"],
            "sources": row["sources"]}


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def compliance_summary(truce: Truce, agreement: Agreement, filters: Filters,
                       shapes: list[summaries.Shape] | None = None) -> dict[str, Any]:
    """One agreement's compliance table and each target against every counter's figures."""
    if shapes is None:
        shapes = summaries.compliance_shapes(truce.store, agreement.id, filters.date_from,
                                             filters.date_to)
    table: list[ProvisionCompliance] = tallies.weighted_compliance(shapes, agreement,
                                                                   truce.actors)
    targets = {p.id: p.target for p in agreement.provisions if p.target is not None}
    figures = summaries.target_figures(truce.store, agreement.id, targets, shapes,
                                       filters.date_from, filters.date_to)
    return {"agreement": agreement, "table": table,
            "targets": [(p, [f for f in figures if f.provision == p.id])
                        for p in agreement.provisions if p.target is not None]}


class PageData:
    """The Truce behind a request, with the memo of page data for this generation of the
    database (read once per request)."""

    def __init__(self, truce: Truce, memo: Memo) -> None:
        self.truce = truce
        self.memo = memo
        self.generation = summaries.generation(truce.store)

    def cached(self, key: Hashable, compute: Callable[[], T]) -> T:
        return self.memo.fetch(self.generation, key, compute)


def dashboard(data: PageData, filters: Filters) -> dict[str, Any]:
    """The dashboard's data for these filters (kept until the database changes)."""
    return data.cached(("dashboard", filters), lambda: _dashboard(data.truce, filters))


def _dashboard(truce: Truce, filters: Filters) -> dict[str, Any]:
    query = filters.incident_query()
    store = truce.store
    markers = summaries.incident_markers(store, query, filters.claimant, MARKER_LIMIT)
    recent = summaries.recent_incidents(store, query, filters.claimant, RECENT)
    total, located = summaries.incident_counts(store, query, filters.claimant)
    days = summaries.daily_incidents(store, query, filters.claimant)
    alerts = escalation_alerts([{"first_date": day, "family": family}
                                for day, _, family, count in days
                                if family in VIOLENT_FAMILIES for _ in range(count)])
    return {
        "options": filter_options(truce, filters),
        "markers": [marker_record(m) for m in markers],
        "located": located,
        "timeline": charts.timeline([(day, grade, count) for day, grade, _, count in days]),
        "alerts": list(reversed(alerts))[:5],
        "compliance": [compliance_summary(truce, a, filters)
                       for a in chosen_agreements(truce, filters)],
        "recent": recent,
        "total": total,
    }


def compliance_page(data: PageData, filters: Filters, period: str) -> dict[str, Any]:
    """Every agreement's table over the whole range, then per period (kept until the
    database changes)."""
    return data.cached(("compliance", filters, period),
                       lambda: _compliance_page(data.truce, filters, period))


def _compliance_page(truce: Truce, filters: Filters, period: str) -> dict[str, Any]:
    sections = []
    for agreement in chosen_agreements(truce, filters):
        whole = summaries.compliance_shapes(truce.store, agreement.id, filters.date_from,
                                            filters.date_to)
        counted = tallies.counted_shapes(whole, agreement, truce.actors)
        starts = summaries.compliance_periods(truce.store, agreement.id, period,
                                              filters.date_from, filters.date_to, counted)
        shown = starts[-PERIODS_SHOWN:]
        rows = []
        if shown:
            shapes = summaries.compliance_shapes(truce.store, agreement.id,
                                                 max(shown[0], filters.date_from or shown[0]),
                                                 filters.date_to, period, counted)
            rows = tallies.weighted_over_time(shapes, agreement, truce.actors, period)
        sections.append({
            **compliance_summary(truce, agreement, filters, whole),
            "periods": rows,
            "earlier": (shown[0] - timedelta(days=1)) if len(starts) > len(shown) else None,
            "titles": {p.id: p.title for p in agreement.provisions},
        })
    return {"options": filter_options(truce, filters), "sections": sections,
            "period": period}


def compliance_analysis(truce: Truce, agreement: Agreement, date_from: date | None,
                        date_to: date | None, period: str,
                        ) -> tuple[list[ProvisionCompliance],
                                   dict[str, dict[str, list[SeriesPoint]]], list[PeriodRow]]:
    """What ``/api/compliance`` returns, from grouped events: the table, each target's
    figures per counter, and every period's rows (equal to the analysis of the records)."""
    whole = summaries.compliance_shapes(truce.store, agreement.id, date_from, date_to)
    table = tallies.weighted_compliance(whole, agreement, truce.actors)
    series: dict[str, dict[str, list[SeriesPoint]]] = {}
    for provision in agreement.provisions:
        if provision.target is None:
            continue
        by_source: dict[str, list[SeriesPoint]] = {}
        for point in summaries.target_points(truce.store, agreement.id, provision.id,
                                             provision.target.quantity_kinds, whole,
                                             date_from, date_to):
            by_source.setdefault(point.source, []).append(SeriesPoint(
                point.day, point.value, point.approx, point.doc, point.text))
        series[provision.id] = dict(sorted(by_source.items()))
    counted = tallies.counted_shapes(whole, agreement, truce.actors)
    shapes = summaries.compliance_shapes(truce.store, agreement.id, date_from, date_to,
                                         period, counted)
    return table, series, tallies.weighted_over_time(shapes, agreement, truce.actors, period)


def _side_of_source(summary: dict[str, Any]) -> dict[str, str]:
    return {entry["source"]: side for side, entries in
            (summary.get("claimants_by_side") or {}).items() for entry in entries}


def incident_page(truce: Truce, incident_id: str) -> dict[str, Any] | None:
    """An incident with each mention side by side: who says it, from which side, how."""
    incident = queries.get_incident(truce.store, incident_id)
    if incident is None:
        return None
    summary = incident.get("summary") or {}
    source_of_event = {e["event_id"]: e["source"] for e in summary.get("evidence") or []}
    sides = _side_of_source(summary)
    mentions = []
    for member in incident["members"]:
        record = member["record"]
        source = source_of_event.get(member["id"]) or record_entity_names(
            record.get("claimant")) or "unnamed source"
        mentions.append({
            "id": member["id"], "report_id": member["report_id"], "record": record,
            "review": member.get("review"), "source": source,
            "side": sides.get(source, "other"), "outlet": member.get("outlet"),
            "title": member.get("title"), "published": member.get("published"),
            "url": member.get("url"),
        })
    agreement = truce.agreements.find(incident.get("agreement_id"))
    return {"incident": incident, "summary": summary, "mentions": mentions,
            "agreement": agreement}


def report_page(truce: Truce, report_id: int) -> dict[str, Any] | None:
    """A report's text with every event's evidence highlighted, and its events."""
    report = queries.get_report(truce.store, report_id)
    if report is None:
        return None
    return {"report": report, "pieces": pieces(report["text"], report["events"]),
            "events": report["events"]}


def review_page(truce: Truce, offset: int = 0, limit: int = 25) -> dict[str, Any]:
    """Unreviewed events, most consequential first, each with its evidence and report."""
    page = reviews.review_queue(truce.store, None, limit, offset)
    return {"events": page.items, "total": page.total, "offset": offset, "limit": limit,
            "types": EVENT_TYPES, "modes": MODES}
