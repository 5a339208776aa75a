"""Terminal tables (rich) for events, agreements and compliance."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.table import Table

from truce.agreements.loader import AgreementBook
from truce.agreements.model import Agreement
from truce.analyse.compliance import ProvisionCompliance
from truce.model import record_entity_names
from truce.registry.actors import ActorRegistry


def events_table(records: Iterable[dict[str, Any]]) -> Table:
    table = Table(title="Events", show_lines=False)
    for column in ("date", "type", "mode", "status", "actor", "recipient", "claimant", "place",
                   "topic", "figures"):
        table.add_column(column)
    for record in records:
        figures = "; ".join(f"{q['kind']} {'≥' if q['approx'] else ''}{q['value']}"
                            for q in record.get("quantities") or [])
        table.add_row(
            (record.get("date") or {}).get("value") or "",
            record["event_type"], record.get("mode") or "", record["status"],
            record_entity_names(record.get("actor")), record_entity_names(record.get("recipient")),
            record_entity_names(record.get("claimant")) or "(report)",
            (record.get("location") or {}).get("name") or "", record["topic"], figures,
        )
    return table


def agreements_table(book: AgreementBook) -> Table:
    table = Table(title="Agreements")
    table.add_column("id", no_wrap=True)
    for column in ("name", "effective", "parties", "mediators", "provisions"):
        table.add_column(column)
    for agreement in book:
        table.add_row(agreement.id, agreement.name, agreement.effective.isoformat(),
                      ", ".join(agreement.parties), ", ".join(agreement.mediators),
                      str(len(agreement.provisions)))
    return table


def _counter_text(counter: Any, top: int = 3) -> str:
    """"12: 5 Gaza Government Media Office, 4 Hamas, … (+3 from 2 more)"."""
    total = sum(counter.values())
    if not total:
        return "–"
    common = counter.most_common()
    shown = ", ".join(f"{n} {who}" for who, n in common[:top])
    rest = common[top:]
    more = f" (+{sum(n for _, n in rest)} from {len(rest)} more)" if rest else ""
    return f"{total}: {shown}{more}"


def compliance_table(agreement: Agreement, rows: list[ProvisionCompliance],
                     actors: ActorRegistry) -> Table:
    table = Table(title=f"Compliance: {agreement.short_name}", show_lines=True)
    for column in ("provision", "obliged party", "alleged violations (by who alleges)",
                   "denials", "compliance reported", "target vs reported figures"):
        table.add_column(column, overflow="fold")
    for row in rows:
        target = row.provision.target
        figures = ""
        if target is not None:
            shown = [f"{f.date or '?'}: {'~' if f.approx else ''}{f.value} ({f.source})"
                     for f in row.figures[:6]]
            more = f"\n… {len(row.figures) - 6} more" if len(row.figures) > 6 else ""
            figures = f"target: {target.describe()}\n" + ("\n".join(shown) or "no figures") + more
        for index, entry in enumerate(row.parties):
            table.add_row(
                row.provision.title if index == 0 else "",
                actors.name(entry.party) if entry.party in actors else entry.party,
                _counter_text(entry.alleged),
                _counter_text(entry.denied), _counter_text(entry.complied),
                figures if index == 0 else "",
            )
    return table


def incidents_table(incidents: list[dict[str, Any]]) -> Table:
    table = Table(title="Incidents", show_lines=False)
    for column in ("first date", "kind", "place", "grade", "sources", "mentions", "actors",
                   "figures (range: who says what)"):
        table.add_column(column, overflow="fold")
    for incident in incidents:
        summary = incident["summary"]
        figures = "; ".join(
            f"{kind} {f['min']}" + (f"–{f['max']}" if f["max"] != f["min"] else "")
            for kind, f in summary["figures"].items())
        table.add_row(str(incident["first_date"]), incident["family"],
                      incident["place_name"] or "", incident["grade"], str(incident["sources"]),
                      str(incident["mentions"]), ", ".join(summary["actors"][:3]), figures)
    return table


def periods_table(rows: list[Any], actors: ActorRegistry) -> Table:
    table = Table(title="Alleged violations over time")
    for column in ("period", "provision", "party", "alleged", "by who alleges", "by grade",
                   "denied", "complied"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(row.period.isoformat(), row.provision,
                      actors.name(row.party) if row.party in actors else row.party,
                      str(row.alleged), ", ".join(f"{n} {w}" for w, n in row.by_alleger[:3]),
                      ", ".join(f"{n} {g}" for g, n in row.by_grade), str(row.denied),
                      str(row.complied))
    return table


def series_table(title: str, series: dict[str, list[Any]], target: Any) -> Table:
    table = Table(title=title)
    for column in ("counter", "date", "reported", "against target", "as written"):
        table.add_column(column, overflow="fold")
    for source, points in series.items():
        for point in points:
            table.add_row(source, point.day.isoformat(),
                          f"{'~' if point.approx else ''}{point.value}",
                          "meets" if target.met_by(point.value) else "below", point.text)
    return table


def areas_table(rows: list[Any]) -> Table:
    table = Table(title="Daily incidents by area")
    for column in ("day", "area", "incidents", "change", "kinds"):
        table.add_column(column)
    for row in rows:
        table.add_row(row.day.isoformat(), row.area, str(row.incidents), f"{row.change:+d}",
                      ", ".join(f"{n} {k}" for k, n in row.kinds.most_common()))
    return table
