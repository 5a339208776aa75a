"""Passes over a whole report's events, once every sentence is read: dates from the report's
main event, authors and weapons of attacks the report leaves unauthored."""

from __future__ import annotations

from truce.extract.dates import is_period_start
from truce.model import DateRef, Entity, Event, Report, entities, entity_ids

MODE_FAMILIES = {"aerial": "air", "drone": "air", "heavy-weapons": "air", "destroy": "ground",
                  "firearms": "ground", "explosives": "ground", "targeted": "air"}


def implicit_attackers(events: list[Event]) -> None:
    """"The raids", "a strike on a car": attacks whose author the sentence leaves out are by
    whoever the report names as carrying out attacks of that kind (air or ground), when it
    names exactly one; of several, the one attacking the same country. The entity's text is
    None: it is implied, not written."""
    authors: dict[tuple[str, str | None], set[str]] = {}  # by (family, country)
    names: dict[str, Entity] = {}
    for event in events:
        if event.event_type != "ASSAULT" or not isinstance(event.actor, Entity):
            continue
        if event.actor.id is None or event.status != "asserted":
            continue
        family = MODE_FAMILIES.get(event.mode or "")
        if family:
            authors.setdefault((family, _country(event)), set()).add(event.actor.id)
            names[event.actor.id] = event.actor
    for event in events:
        if event.event_type != "ASSAULT" or event.actor is not None or \
                event.status == "negated":
            continue  # "no shelling was reported": no attack, so no author
        family = MODE_FAMILIES.get(event.mode or "")
        # "three people were killed": no weapon given, so attacks of any kind.
        kinds = [k for k in authors if k[0] == family or family is None]
        candidates = set().union(*(authors[k] for k in kinds))
        if len(candidates) > 1 and _country(event):
            candidates = set().union(*(authors[k] for k in kinds if k[1] == _country(event)))
        if len(candidates) == 1 and not _own_side_claims(event, next(iter(candidates))):
            known = names[next(iter(candidates))]
            event.actor = Entity(known.id, known.name, None)


def _own_side_claims(event: Event, attacker: str) -> bool:
    """"An attack on Sumy injured 100 people, Ukrainian officials said": a side reporting an
    unauthored attack on its own soil does not report its own forces' attack, so they are
    not its implied author; nor is a side the implied author of an attack on itself ("the
    group's October 7 attack on Israel"). Registry ids start with the state's ISO code."""
    own = attacker.split(".")[0]
    if own in {e.split(".")[0] for e in entity_ids(event.recipient)}:
        return True
    claimant = event.claimant.id if event.claimant is not None else None
    side = claimant.split(".")[0] if claimant else None
    soil = event.location.country.lower() if event.location and event.location.country else None
    return side is not None and side == soil and side == own


def _country(event: Event) -> str | None:
    return event.location.country if event.location is not None else None


def implicit_weapons(events: list[Event]) -> None:
    """"Two people were killed": a killing whose weapon the sentence leaves out was made with
    the weapon the report gives for its attacks, when it gives exactly one kind."""
    modes = {e.mode for e in events if e.event_type == "ASSAULT" and e.mode}
    families = {MODE_FAMILIES.get(m) for m in modes}
    if len(modes) == 1 or (len(families) == 1 and None not in families):
        chosen = sorted(modes)[0]
        for event in events:
            if event.event_type == "ASSAULT" and event.mode is None:
                event.mode = chosen


def date_headline(events: list[Event], report: Report, issued: set[int]) -> None:
    """A headline sums up the report's lead: an undated event of the headline happened when
    the first event of its type in the body did, if the text dates that one (else context
    dates it, not a later event of the type). Not what a party's own statement says in its
    headline (``issued``), which holds the day it is issued."""
    title = " ".join((report.title or "").split())
    if not title or not report.text.startswith(title):
        return
    body = [e for e in events if e.evidence.start >= len(title)]
    for event in events:
        if event.evidence.start < len(title) and event.date is None and id(event) not in issued:
            lead = next((e.date for e in body if e.event_type == event.event_type), None)
            if lead is not None and lead.text and not is_period_start(lead):
                event.date = DateRef(lead.value, lead.precision, None)


def date_from_context(events: list[Event], report: Report, issued: set[int]) -> None:
    """Dates of events whose sentence and paragraph give none, read as the codebook asks
    ("null when the text gives no time and none follows from context"; the publication date
    is the consumers' fallback, not a fact of the text):

    - an act happened when the report's main event did (the first date the text gives);
    - a statement was made then too, unless that date is the one of the act it speaks of
      (the same sentence) or it is the headline's;
    - a party's own statement says in the present what it says on the day it is issued;
    - otherwise the date stays null. Planned and conditional events keep no date.
    """
    anchor = next((e for e in events if e.date is not None and e.date.text and
                   not is_period_start(e.date)), None)
    title = " ".join((report.title or "").split())
    headline = len(title) if title and report.text.startswith(title) else 0
    for event in events:
        # A conditional threat was still made: it is dated like any statement.
        made = event.status in ("asserted", "negated") or (
            event.status == "hypothetical" and event.event_type == "THREATEN")
        if event.date is not None or not made:
            continue
        if id(event) in issued and report.published is not None:
            event.date = DateRef(report.published.isoformat(), "day", None)
            continue
        if anchor is None or anchor.date is None:
            continue
        statement = event.event_type in _SPEECH_TYPES or (
            event.event_type == "RETREAT" and event.mode == "ceasefire")
        if statement and (event.evidence.start == anchor.evidence.start or
                          event.evidence.start < headline):
            continue
        event.date = DateRef(anchor.date.value, anchor.date.precision, None)


_SPEECH_TYPES = frozenset({"ACCUSE", "REJECT", "REQUEST", "THREATEN", "SUPPORT"})


_ADDRESSED = frozenset({"ACCUSE", "REJECT", "REQUEST", "THREATEN", "SUPPORT"})


def addressees_are_not_places(events: list[Event]) -> None:
    """"Called on the Israeli government, the United States and the mediators": a state a
    speech act is addressed to is its recipient, not where it was made."""
    for event in events:
        if event.event_type not in _ADDRESSED or event.location is None or \
                not event.location.text:
            continue
        place = event.location.text.lower()
        written = [e.text.lower() for e in entities(event.recipient) if e.text]
        if any(place == text or place in text.split(", ") for text in written):
            event.location = None

