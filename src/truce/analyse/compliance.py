"""Compliance per provision and obliged party, from stored event records.

Pure functions over codebook records: who is alleged to have broken which
provision and who alleges it, who denies, who reports compliance, and the
figures reported against each measurable target, each with its source. No
figure is merged or averaged: every value keeps its claimant and date.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from truce.agreements.model import Agreement, Provision
from truce.model import record_entity_ids
from truce.registry.actors import ActorRegistry

UNATTRIBUTED = "(unattributed)"


@dataclass(frozen=True, slots=True)
class Figure:
    """One reported value for a target, with who reports it and where."""

    value: int
    kind: str
    approx: bool
    date: str | None
    source: str
    doc: str
    text: str


@dataclass(slots=True)
class PartyCompliance:
    provision: Provision
    party: str
    alleged: Counter[str] = field(default_factory=Counter)
    denied: Counter[str] = field(default_factory=Counter)
    complied: Counter[str] = field(default_factory=Counter)

    @property
    def alleged_total(self) -> int:
        return sum(self.alleged.values())


@dataclass(slots=True)
class ProvisionCompliance:
    provision: Provision
    parties: list[PartyCompliance]
    figures: list[Figure] = field(default_factory=list)


def source_of(record: dict[str, Any], fallback_to_outlet: bool = True) -> str:
    """Who a record's claim rests on: the claimant, else the outlet (a party's statement
    or a news outlet's own reporting)."""
    claimant = record.get("claimant")
    if claimant:
        return claimant.get("name") or claimant.get("id") or "?"
    outlet = (record.get("outlet") or "").split("(")[0].strip()
    return outlet if outlet and fallback_to_outlet else "the report itself"


def compliance_fields(record: dict[str, Any], outlet: str | None) -> dict[str, Any] | None:
    """The part of a record that ``compliance`` tables read (None when it links no provision):
    type, actors and claimant by id and name, the accused of an accusation, the outlet and
    the provision links. Records with equal fields count alike."""
    if not record.get("provisions"):
        return None
    return {
        "event_type": record["event_type"],
        "actor": _ids_and_names(record.get("actor")),
        "recipient": (_ids_and_names(record.get("recipient"))
                      if record["event_type"] == "ACCUSE" else None),
        "claimant": _ids_and_names(record.get("claimant")),
        "outlet": outlet, "doc": "",
        "provisions": [{"id": link["id"], "relation": link["relation"]}
                       for link in record["provisions"]],
    }


def _ids_and_names(value: Any) -> Any:
    if not value:
        return None
    if isinstance(value, list):
        return [{"id": e.get("id"), "name": e.get("name")} for e in value]
    return {"id": value.get("id"), "name": value.get("name")}


def accused_party(record: dict[str, Any], provision: Provision, actors: ActorRegistry) -> str:
    """The obliged party an allegation concerns (of an accusation, its recipients; else
    its actors), or ``UNATTRIBUTED``."""
    role = "recipient" if record["event_type"] == "ACCUSE" else "actor"
    for actor_id in record_entity_ids(record.get(role)):
        party = actors.party_of(actor_id, list(provision.obliged))
        if party:
            return party
    return UNATTRIBUTED


def _alleger(record: dict[str, Any]) -> str:
    if record["event_type"] in ("ACCUSE", "REJECT") and record.get("actor"):
        actor = record["actor"]
        first = actor[0] if isinstance(actor, list) else actor
        return first.get("name") or "?"
    return source_of(record)


def _acting_party(record: dict[str, Any], provision: Provision, actors: ActorRegistry) -> str:
    for actor_id in record_entity_ids(record.get("actor")):
        party = actors.party_of(actor_id, list(provision.obliged))
        if party:
            return party
    if len(provision.obliged) == 1:
        return provision.obliged[0]
    return UNATTRIBUTED


def compliance(records: Iterable[dict[str, Any]], agreement: Agreement,
               actors: ActorRegistry) -> list[ProvisionCompliance]:
    """The compliance table of an agreement from its events' provision links."""
    rows: dict[str, dict[str, PartyCompliance]] = {
        p.id: {party: PartyCompliance(p, party) for party in p.obliged}
        for p in agreement.provisions
    }
    figures: dict[str, list[Figure]] = {p.id: [] for p in agreement.provisions}
    for record in records:
        for link in record.get("provisions") or []:
            provision = agreement.provision(link["id"])
            if provision is None:
                continue
            table = rows[provision.id]
            relation = link["relation"]
            if relation == "violation_alleged":
                party = accused_party(record, provision, actors)
                table.setdefault(party, PartyCompliance(provision, party)).alleged[
                    _alleger(record)] += 1
            elif relation == "violation_denied":
                party = _acting_party(record, provision, actors)
                table.setdefault(party, PartyCompliance(provision, party)).denied[
                    source_of(record)] += 1
            elif relation == "compliance_reported":
                party = _acting_party(record, provision, actors)
                table.setdefault(party, PartyCompliance(provision, party)).complied[
                    source_of(record)] += 1
            if provision.target is not None:
                figures[provision.id].extend(_figures(record, provision))
    return [
        ProvisionCompliance(
            provision=p,
            parties=list(rows[p.id].values()),
            figures=sorted(figures[p.id], key=lambda f: (f.date or "", f.source)),
        )
        for p in agreement.provisions
    ]


def _figures(record: dict[str, Any], provision: Provision) -> list[Figure]:
    assert provision.target is not None
    kinds = provision.target.quantity_kinds
    date_ = (record.get("date") or {}).get("value") or record.get("published")
    return [
        Figure(value=q["value"], kind=q["kind"], approx=q.get("approx", False), date=date_,
               source=source_of(record), doc=record["doc"], text=q.get("text") or "")
        for q in record.get("quantities") or [] if q["kind"] in kinds
    ]
