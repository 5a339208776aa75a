"""The JSON shapes of API answers, built from store rows and analysis results.

Pure functions: no SQL, no HTTP. Every figure and every mention keeps who
reports it; nothing is merged into one number.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import asdict
from datetime import date
from typing import Any

from truce.agreements.model import Agreement, Provision
from truce.analyse.compliance import ProvisionCompliance, source_of
from truce.analyse.timeline import PeriodRow, SeriesPoint
from truce.link.grading import GRADES
from truce.registry.actors import ActorRegistry
from truce.report.exports import incident_record


def iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


# ----- agreements ---------------------------------------------------------------------------


def provision_record(provision: Provision, actors: ActorRegistry) -> dict[str, Any]:
    target = provision.target
    return {
        "id": provision.id, "title": provision.title, "topic": provision.topic,
        "kind": provision.kind, "phase": provision.phase, "summary": provision.summary,
        "obliged": [{"id": p, "name": actors.name(p)} for p in provision.obliged],
        "target": {**asdict(target), "description": target.describe(),
                   "quantity_kinds": list(target.quantity_kinds)} if target else None,
        "deadline": iso(provision.deadline), "extended_deadline": iso(provision.extended_deadline),
        "zone": provision.zone,
    }


def agreement_summary(agreement: Agreement, actors: ActorRegistry) -> dict[str, Any]:
    return {
        "id": agreement.id, "name": agreement.name, "short_name": agreement.short_name,
        "effective": iso(agreement.effective), "signed": iso(agreement.signed),
        "countries": list(agreement.countries),
        "parties": [{"id": p, "name": actors.name(p)} for p in agreement.parties],
        "provisions": len(agreement.provisions),
    }


def agreement_record(agreement: Agreement, actors: ActorRegistry) -> dict[str, Any]:
    def named(ids: tuple[str, ...]) -> list[dict[str, str]]:
        return [{"id": i, "name": actors.name(i)} for i in ids]

    return {
        **agreement_summary(agreement, actors),
        "mediators": named(agreement.mediators), "guarantors": named(agreement.guarantors),
        "monitors": named(agreement.monitors),
        "phases": [{**asdict(p), "starts": iso(p.starts), "ends": iso(p.ends)}
                   for p in agreement.phases],
        "provisions": [provision_record(p, actors) for p in agreement.provisions],
        "zones": [{**asdict(z), "coordinates": [list(c) for c in z.coordinates]}
                  for z in agreement.zones],
        "sources": list(agreement.sources),
    }


# ----- incidents ----------------------------------------------------------------------------


def incident_item(incident: dict[str, Any]) -> dict[str, Any]:
    """An incident in listings: the export record plus its member event ids."""
    return {**incident_record(incident), "events": incident["summary"].get("events", [])}


def incident_detail(incident: dict[str, Any]) -> dict[str, Any]:
    """An incident with every mention: who says it, from which side, how firmly, with what
    figures and in which sentence of which report."""
    summary = incident["summary"]
    sources = {e["event_id"]: e.get("source") for e in summary.get("evidence", [])}
    side_of_source = {entry["source"]: side
                      for side, entries in summary.get("claimants_by_side", {}).items()
                      for entry in entries}
    mentions = []
    for member in incident["members"]:
        record = member["record"]
        source = sources.get(member["id"]) or source_of({**record, "outlet": member["outlet"]})
        evidence = record.get("evidence") or {}
        mentions.append({
            "event_id": member["id"], "report_id": member["report_id"],
            "doc": record["doc"], "title": member["title"], "outlet": member["outlet"],
            "published": iso(member["published"]), "url": member["url"],
            "claimant": record.get("claimant"), "source": source,
            "side": side_of_source.get(source), "status": record.get("status"),
            "event_type": record["event_type"], "mode": record.get("mode"),
            "date": record.get("date"), "location": record.get("location"),
            "quantities": record.get("quantities") or [],
            "evidence": evidence.get("text"),
            "evidence_start": evidence.get("start"), "evidence_end": evidence.get("end"),
            "review": member["review"], "version": member["version"],
        })
    item = incident_item(incident)
    return {**item, "mention_count": item["mentions"], "mentions": mentions}


# ----- compliance and timeline --------------------------------------------------------------


def compliance_record(tables: list[ProvisionCompliance],
                      series: dict[str, dict[str, list[SeriesPoint]]],
                      periods: list[PeriodRow], agreement: Agreement,
                      actors: ActorRegistry) -> dict[str, Any]:
    """Rows per provision and obliged party, targets against each counter's series, and
    the same counts per period."""
    rows = []
    for table in tables:
        for entry in table.parties:
            rows.append({
                "provision": table.provision.id, "provision_title": table.provision.title,
                "party": entry.party, "party_name": _party_name(entry.party, actors),
                "alleged": entry.alleged_total, "alleged_by": dict(entry.alleged),
                "denied": sum(entry.denied.values()), "denied_by": dict(entry.denied),
                "complied": sum(entry.complied.values()), "complied_by": dict(entry.complied),
            })
    targets = []
    for table in tables:
        target = table.provision.target
        if target is None:
            continue
        targets.append({
            "provision": table.provision.id, "title": table.provision.title,
            "target": {**asdict(target), "description": target.describe()},
            "series": [{"source": source, "points": [
                {"date": p.day.isoformat(), "value": p.value, "approx": p.approx,
                 "doc": p.doc, "text": p.text, "meets_target": target.met_by(p.value)}
                for p in points]} for source, points in series.get(table.provision.id,
                                                                   {}).items()],
        })
    return {
        "agreement": agreement.id, "rows": rows, "targets": targets,
        "periods": [{"period": p.period.isoformat(), "provision": p.provision,
                     "party": p.party, "party_name": _party_name(p.party, actors),
                     "alleged": p.alleged, "by_alleger": dict(p.by_alleger),
                     "by_grade": dict(p.by_grade), "denied": p.denied,
                     "complied": p.complied} for p in periods],
    }


def _party_name(party: str, actors: ActorRegistry) -> str:
    return actors.name(party) if actors.get(party) else party


def timeline_record(incident_counts: list[tuple[date, str, str, int]],
                    claimant_days: list[tuple[date, str | None, int]],
                    side_of: Callable[[str | None], str]) -> dict[str, Any]:
    """Per day: incidents by grade, and event mentions by the side of who reports them."""
    by_grade: dict[date, Counter[str]] = defaultdict(Counter)
    for day, _, grade, count in incident_counts:
        by_grade[day][grade] += count
    by_side: dict[date, Counter[str]] = defaultdict(Counter)
    for day, claimant, count in claimant_days:
        by_side[day][side_of(claimant)] += count
    days = sorted(set(by_grade) | set(by_side))
    return {
        "grades": list(GRADES),
        "days": [{"date": day.isoformat(),
                  "incidents": sum(by_grade[day].values()),
                  "by_grade": {g: by_grade[day][g] for g in GRADES if by_grade[day][g]},
                  "mentions": sum(by_side[day].values()),
                  "by_side": dict(sorted(by_side[day].items()))} for day in days],
    }
