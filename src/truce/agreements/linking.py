"""Linking events to agreements and provisions.

A report is read under the agreement whose countries and parties it names
most (among those in force, or about to be, at publication). Each event is then
linked to the provisions on its topic, with a relation that follows from its
type and status: a violent or coercive act or an accusation alleges a
violation, a denial or a negated act denies one, a party's release, withdrawal
or aid reports compliance, and anything else is merely relevant.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from truce.agreements.loader import AgreementBook
from truce.agreements.model import Agreement, Provision
from truce.model import Event, ProvisionLink, entity_ids
from truce.registry.actors import ActorRegistry

_VIOLATING_TYPES = frozenset({"ASSAULT", "COERCE", "ACCUSE", "THREATEN", "MOBILIZE", "SANCTION"})
_COMPLYING_TYPES = frozenset({"RETREAT", "AID", "COOPERATE"})
_FULFILLING_TYPES = frozenset({"RETREAT", "AID", "COOPERATE", "MOBILIZE"})
_LEAD_DAYS = 14  # reports shortly before a truce takes effect still concern it


_MIN_SHARE = 0.3  # of a report's place mentions, in an agreement's countries, absent its parties


def choose_agreement(book: AgreementBook, actors: ActorRegistry, countries: Iterable[str],
                     actor_ids: Iterable[str], published: date | None) -> Agreement | None:
    """The agreement a report is about, scored by the places and parties it mentions."""
    countries = list(countries)
    actor_ids = list(actor_ids)
    best: tuple[int, date, Agreement] | None = None
    for agreement in book:
        if published and published < agreement.effective - timedelta(days=_LEAD_DAYS):
            continue
        theatre = sum(c in agreement.countries for c in countries)
        parties = sum(
            bool(set(actors.lineage(a)) & set(agreement.parties) - {"isr"}) for a in actor_ids
        )
        if parties == 0 and theatre < _MIN_SHARE * len(countries):
            continue  # a stray place name ("Uri" read as Lebanese) is no theatre
        score = 2 * sum(c in agreement.countries and c != "ISR" for c in countries)
        score += theatre + parties
        if score == 0:
            continue
        candidate = (score, agreement.effective, agreement)
        if best is None or candidate[:2] > best[:2]:
            best = candidate
    return best[2] if best else None


def link_provisions(event: Event, agreement: Agreement, actors: ActorRegistry,
                    voice: str | None = None) -> None:
    """Set ``event.provisions`` (and ``event.agreement``) from the event's topic and type."""
    event.agreement = agreement.id
    provisions = agreement.provisions_on(event.topic)
    if not provisions and event.event_type in _VIOLATING_TYPES and event.topic == "other":
        provisions = agreement.provisions_on("hostilities")
    lineage = {a for actor_id in entity_ids(event.actor) for a in actors.lineage(actor_id)}
    text = event.evidence.text if event.evidence else ""
    provisions = [p for p in provisions
                  if p.match is None or p.match.accepts(event.event_type, lineage, text)]
    event.provisions = [ProvisionLink(p.id, _relation(event, p, agreement, actors, voice))
                        for p in provisions]


def _relation(event: Event, provision: Provision, agreement: Agreement,
              actors: ActorRegistry, voice: str | None) -> str:
    """How an event bears on a provision. A party reporting its own forces' act (a strike
    it calls enforcement) alleges nothing: that is ``relevant``, not an allegation. An
    obliged party doing what an obligation asks (deploying, withdrawing, releasing,
    letting aid in) reports compliance with it."""
    parties = list(agreement.parties)
    if provision.kind == "obligation" and event.status == "asserted" and \
            event.event_type in _FULFILLING_TYPES:
        acting = {actors.party_of(a, list(provision.obliged)) for a in entity_ids(event.actor)}
        if not acting or acting - {None}:
            return "compliance_reported"
    if event.event_type == "REJECT" or (event.status == "negated"
                                        and event.event_type in _VIOLATING_TYPES):
        return "violation_denied"
    if event.status != "asserted":
        return "relevant"
    if event.event_type == "ACCUSE":
        return "violation_alleged"
    if event.event_type in _VIOLATING_TYPES:
        acting = [actors.party_of(a, parties) for a in entity_ids(event.actor)]
        speaker = event.claimant.id if event.claimant and event.claimant.id else voice
        if acting and speaker and actors.party_of(speaker, parties) in acting:
            return "relevant"
        if not acting or any(acting):
            return "violation_alleged"
        return "relevant"
    if event.event_type in _COMPLYING_TYPES or (
        event.event_type == "RETREAT" and event.mode == "ceasefire"
    ):
        return "compliance_reported"
    return "relevant"
