"""Compliance from event records: who alleges what against whom, and reported figures."""

from __future__ import annotations

from truce.agreements.loader import AgreementBook
from truce.analyse.compliance import UNATTRIBUTED, compliance
from truce.registry.actors import ActorRegistry


def _record(event_type: str, relation: str, provision: str, actor: str | None = None,
            recipient: str | None = None, claimant: str | None = None,
            quantities: list | None = None, outlet: str = "Wire") -> dict:
    def entity(i: str | None) -> dict | None:
        return {"id": i, "name": i, "text": i} if i else None

    return {"doc": "d.md", "event_type": event_type, "actor": entity(actor),
            "recipient": entity(recipient), "claimant": entity(claimant),
            "date": {"value": "2025-10-20", "precision": "day", "text": "Monday"},
            "quantities": quantities or [], "outlet": outlet,
            "provisions": [{"id": provision, "relation": relation}]}


def test_allegations_are_counted_against_the_accused_by_who_alleges() -> None:
    book = AgreementBook.load()
    actors = ActorRegistry.load()
    gaza = book.get("gaza-2025")
    records = [
        _record("ACCUSE", "violation_alleged", "gaza-2025.hostilities", actor="pse.hamas",
                recipient="isr"),
        _record("ASSAULT", "violation_alleged", "gaza-2025.hostilities", actor="isr.idf",
                claimant="pse.gaza.moh"),
        _record("ASSAULT", "violation_alleged", "gaza-2025.hostilities",
                actor="pse.hamas.qassam", claimant="isr.idf"),
        _record("ASSAULT", "violation_alleged", "gaza-2025.hostilities"),
        _record("REJECT", "violation_denied", "gaza-2025.hostilities", actor="pse.hamas"),
    ]
    rows = {row.provision.id: row for row in compliance(records, gaza, actors)}
    parties = {p.party: p for p in rows["gaza-2025.hostilities"].parties}
    assert dict(parties["isr"].alleged) == {"pse.hamas": 1, "pse.gaza.moh": 1}
    assert dict(parties["pse.hamas"].alleged) == {"isr.idf": 1}
    assert dict(parties["pse.hamas"].denied) == {"Wire": 1}
    assert parties[UNATTRIBUTED].alleged_total == 1


def test_target_figures_keep_their_sources_side_by_side() -> None:
    gaza = AgreementBook.load().get("gaza-2025")
    trucks = [{"kind": "trucks", "value": v, "approx": False, "text": f"{v} trucks"}
              for v in (145, 600)]
    records = [
        _record("AID", "compliance_reported", "gaza-2025.aid", claimant="isr.cogat",
                quantities=[trucks[1]]),
        _record("ACCUSE", "violation_alleged", "gaza-2025.aid", actor="pse.gaza.gmo",
                recipient="isr", quantities=[trucks[0]]),
    ]
    row = next(r for r in compliance(records, gaza, ActorRegistry.load())
               if r.provision.id == "gaza-2025.aid")
    assert row.provision.target is not None
    assert sorted((f.value, f.source) for f in row.figures) == [(145, "Wire"), (600, "isr.cogat")]
    assert [row.provision.target.met_by(f.value) for f in sorted(row.figures,
                                                                 key=lambda f: f.value)] == \
        [False, True]
