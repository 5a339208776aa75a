"""Which party of an agreement an actor speaks or acts for, and who stands opposite it."""

from __future__ import annotations

from collections import Counter

from truce.agreements.model import Agreement
from truce.registry.actors import ActorRegistry


def party_of(actor_id: str | None, agreement: Agreement, actors: ActorRegistry) -> str | None:
    """The party an actor belongs to (by its parents), else the party of its country."""
    actor = actors.get(actor_id)
    if actor is None:
        return None
    own = actors.party_of(actor.id, list(agreement.parties))
    if own is not None:
        return own
    lineage = actors.lineage(actor.id)
    if any(m in lineage for m in (*agreement.mediators, *agreement.guarantors)):
        return None
    if actor.kind in ("igo", "ngo") or lineage[-1] in ("un", "icrc"):
        return None
    for party in agreement.parties:
        party_actor = actors.get(party)
        if party_actor and party_actor.country and party_actor.country == actor.country:
            return party
    return None


def side_root(party: str, agreement: Agreement, actors: ActorRegistry) -> str:
    """Parties of one country form one side (Lebanon's state and Hezbollah): its first party."""
    party_actor = actors.get(party)
    country = party_actor.country if party_actor else None
    for other in agreement.parties:
        other_actor = actors.get(other)
        if other_actor and other_actor.country == country:
            return other
    return party


def opponents(party: str, agreement: Agreement, actors: ActorRegistry) -> list[str]:
    """The parties on the other sides of an agreement, in the agreement's order."""
    own = side_root(party, agreement, actors)
    return [p for p in agreement.parties if side_root(p, agreement, actors) != own]


def two_sides(agreement: Agreement, actors: ActorRegistry,
              mentioned: list[str]) -> tuple[str, str] | None:
    """"Both sides", "the two countries": one party for each of an agreement's two sides,
    the one a report names most (Hezbollah rather than Lebanon's state, if so named)."""
    counts = Counter(p for i in mentioned if (p := party_of(i, agreement, actors)))
    sides: dict[str, list[str]] = {}
    for party in agreement.parties:
        sides.setdefault(side_root(party, agreement, actors), []).append(party)
    if len(sides) != 2:
        return None
    first, second = (max(members, key=lambda p: (counts[p], -members.index(p)))
                     for members in sides.values())
    return first, second
