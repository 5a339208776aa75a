"""Corroboration: who says an incident happened, from which side, and how firmly.

Each mention's source is its claimant, or — when the report says it in its own
voice — the issuing party for a party's statement, or the outlet. Sources are
grouped by side: each party to the agreement, the mediators, the UN and NGOs,
and independent media. Independent sources are distinct stories: syndicated
copies of one story count once.

The grade, modelled on civilian-harm monitors' scales (strongest first):

- ``confirmed``: asserted by sources on two or more sides, or by a UN/NGO monitor;
- ``contested``: asserted by one side and denied by another;
- ``one-side``: several independent sources, all of one side;
- ``single-source``: one source only;
- ``denied``: only denials.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from truce.agreements.model import Agreement
from truce.agreements.sides import party_of, side_root
from truce.registry.actors import ActorRegistry

GRADES = ("confirmed", "contested", "one-side", "single-source", "denied")
UN_NGO = "UN and NGOs"
MEDIATORS = "mediators"
MEDIA = "independent media"
OTHER = "other"


@dataclass(frozen=True, slots=True)
class Claim:
    """One mention's contribution: who, which side, asserted or denied, which story."""

    source: str
    source_id: str | None
    side: str
    asserted: bool
    story: str
    doc: str
    event_id: int


def side_of(actor_id: str | None, agreement: Agreement | None, actors: ActorRegistry) -> str:
    """Which side an actor speaks for under an agreement."""
    actor = actors.get(actor_id)
    if actor is None:
        return MEDIA if actor_id is None else OTHER
    if agreement is not None:
        party = party_of(actor.id, agreement, actors)
        if party is not None:
            return actors.name(side_root(party, agreement, actors))
        lineage = actors.lineage(actor.id)
        if any(m in lineage for m in (*agreement.mediators, *agreement.guarantors)):
            return MEDIATORS
        if lineage[-1] in ("un", "icrc"):
            return UN_NGO
    if actor.kind in ("igo", "ngo"):
        return UN_NGO
    if actor.kind == "media":
        return MEDIA
    return OTHER


def grade(claims: list[Claim]) -> str:
    asserting = [c for c in claims if c.asserted]
    denying = [c for c in claims if not c.asserted]
    if not asserting:
        return "denied"
    asserting_sides = {c.side for c in asserting}
    if denying and {c.side for c in denying} - asserting_sides:
        return "contested"
    if len(asserting_sides - {OTHER}) >= 2 or UN_NGO in asserting_sides:
        return "confirmed"
    if len({c.story for c in asserting}) >= 2:
        return "one-side"
    return "single-source"


def claimants_by_side(claims: list[Claim]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for claim in claims:
        entry = grouped[claim.side].setdefault(
            claim.source, {"source": claim.source, "id": claim.source_id, "asserts": 0,
                           "denies": 0, "documents": []})
        entry["asserts" if claim.asserted else "denies"] += 1
        if claim.doc not in entry["documents"]:
            entry["documents"].append(claim.doc)
    return {side: list(sources.values()) for side, sources in sorted(grouped.items())}


def figure_ranges(figures: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Per kind: lowest and highest value and every value with who reports it (never averaged)."""
    by_kind: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for figure in figures:
        by_kind[figure["kind"]].append(figure)
    return {
        kind: {"min": min(f["value"] for f in values), "max": max(f["value"] for f in values),
               "reports": sorted(values, key=lambda f: (f["value"], f["source"]))}
        for kind, values in sorted(by_kind.items())
    }
