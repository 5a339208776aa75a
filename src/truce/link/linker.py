"""Incremental incident linking over the store.

Mentions are first joined into components: the connected components of the
"could be the same incident" relation (``sighting.compatible``). A new mention
is compared only with mentions of related kinds within a day of it (an indexed
query), so linking n mentions costs O(n log n) and a new report touches only
the components it joins. Each component is then split by the party named as
the actor, mentions naming none joining the nearest compatible party's group,
so that a chain of vague mentions cannot fuse one side's attack with the
other's. Components, groups and ids (the smallest member key) are functions of
the set of mentions alone: the result does not depend on ingest order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from truce.agreements.loader import AgreementBook
from truce.link.decisions import LinkDecisions, constrain
from truce.link.grading import (
    Claim,
    claimants_by_side,
    figure_ranges,
    grade,
    side_of,
)
from truce.link.sighting import Sighting, compatible, related_families
from truce.link.stories import StoryIndex, from_bytes, signature, to_bytes
from truce.model import record_entity_names
from truce.registry.actors import ActorRegistry
from truce.registry.places import PRECISION_RANK
from truce.store.database import Store
from truce.store.reviews import load_decisions


@dataclass(slots=True)
class LinkSummary:
    stories: int = 0
    linked: int = 0
    incidents_touched: int = 0
    touched: set[str] = field(default_factory=set)


class Linker:
    def __init__(self, store: Store, agreements: AgreementBook, actors: ActorRegistry) -> None:
        self.store = store
        self.agreements = agreements
        self.actors = actors
        self._stories: StoryIndex | None = None
        self._story_of: dict[str, str] = {}
        self._decisions = LinkDecisions()

    # ----- stories (near-duplicate reports) ---------------------------------------------

    def _story_index(self) -> StoryIndex:
        if self._stories is not None and len(self._stories) != self.store.story_count():
            self._stories = None  # another process placed stories since we loaded them
            self._story_of = {}
        if self._stories is None:
            self._stories = StoryIndex()
            for content_hash, story_id, raw in self.store.story_signatures():
                if raw:
                    self._stories.add(content_hash, from_bytes(raw))
                    self._story_of[content_hash] = story_id
        return self._stories

    def assign_stories(self) -> int:
        index = self._story_index()
        pending = self.store.reports_without_story()
        for report_id, content_hash, text in pending:
            sketch = signature(text)
            copies = index.copies_of(sketch)
            stories = {self._story_of[c] for c in copies if c in self._story_of}
            story = min(stories | {content_hash})
            merged = sorted(stories - {story})
            self.store.set_story(report_id, story, to_bytes(sketch), merged)
            for key, value in list(self._story_of.items()):
                if value in merged:
                    self._story_of[key] = story
            index.add(content_hash, sketch)
            self._story_of[content_hash] = story
        return len(pending)

    # ----- incidents ---------------------------------------------------------------------

    def link_pending(self) -> LinkSummary:
        """Link every mention not yet in an incident, then refresh the incidents touched.

        One process at a time links a server database; the others wait their turn.
        """
        with self.store.link_lock():
            return self._link_pending()

    def relink_all(self) -> LinkSummary:
        with self.store.link_lock():
            self.store.clear_links()
            self._stories = None
            self._story_of = {}
            return self._link_pending()

    def _link_pending(self) -> LinkSummary:
        summary = LinkSummary(stories=self.assign_stories())
        self._decisions = load_decisions(self.store)
        for event_id in self.store.pending_link_ids():
            rows = self.store.link_rows(event_ids=[event_id])
            if not rows or rows[0]["component_id"] is not None:
                continue
            summary.touched |= self._link_one(rows[0])
            summary.linked += 1
        self.refresh(summary.touched)
        summary.incidents_touched = len(summary.touched)
        return summary

    def _link_one(self, row: dict[str, Any]) -> set[str]:
        me = self.sighting(row)
        window = self.store.link_rows(families=related_families(me.family),
                                      day_from=me.day - timedelta(days=1),
                                      day_to=me.day + timedelta(days=1))
        matches = [r for r in window if r["id"] != row["id"] and r["component_id"] and
                   compatible(me, self.sighting(r))]
        joined = {r["component_id"] for r in matches}
        partners = sorted(self._decisions.partners(row["id"]))
        if partners:  # an analyst merged this mention with others: join their components
            joined |= {r["component_id"] for r in self.store.link_rows(event_ids=partners)
                       if r["component_id"]}
        component = min(joined | {me.key})
        self.store.join_component(row["id"], component, sorted(joined - {component}))
        return {component}

    def sighting(self, row: dict[str, Any]) -> Sighting:
        record = row["record"]
        agreement = self.agreements.find(row["agreement_id"])
        party = None
        actor = record.get("actor")
        first = actor[0] if isinstance(actor, list) and actor else actor
        if agreement is not None and isinstance(first, dict) and first.get("id"):
            party = self.actors.party_of(first["id"], list(agreement.parties))
        killed = [q["value"] for q in record.get("quantities") or [] if q["kind"] == "killed"]
        place = record.get("location") or {}
        return Sighting(
            event_id=row["id"], key=f"{row['content_hash'][:16]}-{row['seq']:03d}",
            family=row["family"], day=row["date"], day_from_report=row["date_from_report"],
            lat=row["lat"], lon=row["lon"], precision=place.get("precision"),
            country=place.get("country"), party=party,
            story=row["story_id"] or row["content_hash"], status=record.get("status"),
            killed=max(killed) if killed else None,
        )

    # ----- incident summaries ----------------------------------------------------------

    def refresh(self, component_ids: Iterable[str]) -> None:
        """Recompute the incidents of the given components."""
        ids = sorted(set(component_ids))
        if not ids:
            return
        self._decisions = load_decisions(self.store)
        members: dict[str, list[dict[str, Any]]] = {}
        for row in self.store.link_rows(component_ids=ids):
            members.setdefault(row["component_id"], []).append(row)
        for rows in members.values():
            old = sorted({r["incident_id"] for r in rows if r["incident_id"]})
            groups = self.split(rows)
            assignment = {r["id"]: incident for incident, group in groups.items() for r in group}
            summaries = [self.summarise(i, group) for i, group in groups.items()]
            self.store.replace_incidents(old, assignment, summaries)

    def split(self, rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
        """Split a component into incidents by the party named as actor, then apply the
        analysts' merge and split decisions."""
        sightings = {r["id"]: self.sighting(r) for r in rows}
        by_party: dict[str, list[dict[str, Any]]] = {}
        loose: list[dict[str, Any]] = []
        for row in sorted(rows, key=lambda r: sightings[r["id"]].key):
            party = sightings[row["id"]].party
            (by_party.setdefault(party, []) if party else loose).append(row)
        if len(by_party) <= 1:
            return _keyed(self._constrain([rows]), sightings)
        groups = list(by_party.values())
        unplaced: list[dict[str, Any]] = []
        for row in loose:
            me = sightings[row["id"]]
            best = min(
                (min(sightings[r["id"]].key for r in group), index)
                for index, group in enumerate(groups)
                if any(compatible(me, sightings[r["id"]]) for r in group)
            ) if any(any(compatible(me, sightings[r["id"]]) for r in g) for g in groups) \
                else None
            if best is None:
                unplaced.append(row)
            else:
                groups[best[1]].append(row)
        if unplaced:
            groups.append(unplaced)
        return _keyed(self._constrain(groups), sightings)

    def _constrain(self, groups: list[list[dict[str, Any]]]) -> list[list[dict[str, Any]]]:
        return constrain(groups, self._decisions, lambda r: r["id"])

    def summarise(self, incident_id: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
        rows = sorted(rows, key=lambda r: (r["date"], r["id"]))
        agreement = self.agreements.find(next((r["agreement_id"] for r in rows
                                                if r["agreement_id"]), None))
        claims = [self._claim(r, agreement) for r in rows]
        figures = [
            {"kind": q["kind"], "value": q["value"], "approx": q.get("approx", False),
             "source": claim.source, "doc": r["record"]["doc"]}
            for r, claim in zip(rows, claims, strict=True)
            for q in r["record"].get("quantities") or []
        ]
        place = _main_place(rows)
        actors = sorted({record_entity_names(r["record"].get("actor")) for r in rows} - {""})
        recipients = sorted({record_entity_names(r["record"].get("recipient"))
                             for r in rows} - {""})
        types = sorted({r["record"]["event_type"] for r in rows})
        documents = sorted({r["record"]["doc"] for r in rows})
        return {
            "id": incident_id, "agreement_id": agreement.id if agreement else None,
            "family": rows[0]["family"], "event_type": types[0],
            "first_date": rows[0]["date"], "last_date": rows[-1]["date"],
            "place_name": place.get("name") if place else None,
            "lat": place.get("lat") if place else None, "lon": place.get("lon") if place else None,
            "country": place.get("country") if place else None,
            "grade": grade(claims), "sources": len({c.story for c in claims}),
            "mentions": len(rows),
            "summary": {
                "event_types": types,
                "modes": sorted({r["record"].get("mode") for r in rows} - {None}),
                "actors": actors, "recipients": recipients,
                "claimants_by_side": claimants_by_side(claims),
                "figures": figure_ranges(figures),
                "documents": documents,
                "events": [r["id"] for r in rows],
                "evidence": [{"doc": r["record"]["doc"], "event_id": r["id"],
                              "text": (r["record"].get("evidence") or {}).get("text"),
                              "status": r["record"].get("status"),
                              "source": c.source}
                             for r, c in zip(rows, claims, strict=True)],
            },
        }

    def _claim(self, row: dict[str, Any], agreement: Any) -> Claim:
        record = row["record"]
        claimant = record.get("claimant")
        if claimant:
            source, source_id = claimant.get("name") or "?", claimant.get("id")
        else:
            outlet = (row["outlet"] or "").split("(")[0].strip()
            voice = self.actors.lookup(outlet) if outlet else None
            voice_actor = self.actors.get(voice)
            if voice_actor is not None and voice_actor.kind != "media":
                source, source_id = voice_actor.name, voice_actor.id
            else:
                source, source_id = outlet or "unnamed outlet", None
        return Claim(source=source, source_id=source_id,
                     side=side_of(source_id, agreement, self.actors),
                     asserted=record.get("status") != "negated",
                     story=row["story_id"] or row["content_hash"], doc=record["doc"],
                     event_id=row["id"])


def _keyed(groups: list[list[dict[str, Any]]],
           sightings: dict[int, Sighting]) -> dict[str, list[dict[str, Any]]]:
    return {min(sightings[r["id"]].key for r in group): group for group in groups if group}




def _main_place(rows: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The place most mentions give (the more precise one on a tie)."""
    counts: dict[str, list[Any]] = {}
    for row in rows:
        place = row["record"].get("location")
        if place and place.get("lat") is not None:
            entry = counts.setdefault(place["name"], [0, place])
            entry[0] += 1
    if not counts:
        return None
    return max(counts.values(), key=lambda e: (e[0], -PRECISION_RANK.get(
        e[1].get("precision"), 9), e[1]["name"]))[1]

