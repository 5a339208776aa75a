"""Agreements as data: parties, mediators, phases, provisions with targets, zones."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class Target:
    """A measurable obligation, e.g. at least 600 trucks per day."""

    measure: str
    value: float
    per: str | None = None
    comparison: str = "at_least"

    def describe(self) -> str:
        words = {"at_least": "at least", "at_most": "at most", "exactly": "exactly"}
        per = f" per {self.per}" if self.per else ""
        return f"{words.get(self.comparison, self.comparison)} {self.value:g} {self.measure}{per}"

    @property
    def quantity_kinds(self) -> tuple[str, ...]:
        """The codebook quantity kinds that count toward this target ("remains" are bodies)."""
        return ("bodies",) if self.measure == "remains" else (self.measure,)

    def met_by(self, actual: float) -> bool:
        if self.comparison == "at_most":
            return actual <= self.value
        if self.comparison == "exactly":
            return actual == self.value
        return actual >= self.value


@dataclass(frozen=True, slots=True)
class Selector:
    """Narrows which events of a provision's topic concern it (all given parts must hold).

    Needed where one topic has several provisions: fuel beside aid, the return of
    Palestinian bodies beside that of hostages' remains.
    """

    event_types: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    words: tuple[str, ...] = ()

    def accepts(self, event_type: str, actor_lineage: set[str], text: str) -> bool:
        if self.event_types and event_type not in self.event_types:
            return False
        if self.actors and not actor_lineage & set(self.actors):
            return False
        lowered = text.lower()
        return not self.words or any(word.lower() in lowered for word in self.words)


@dataclass(frozen=True, slots=True)
class Provision:
    id: str
    title: str
    topic: str
    obliged: tuple[str, ...]
    kind: str = "obligation"
    phase: str | None = None
    summary: str = ""
    target: Target | None = None
    deadline: datetime | date | None = None
    extended_deadline: datetime | date | None = None
    zone: str | None = None
    match: Selector | None = None


@dataclass(frozen=True, slots=True)
class Phase:
    id: str
    name: str
    starts: date | None = None
    ends: date | None = None
    summary: str = ""


@dataclass(frozen=True, slots=True)
class Zone:
    id: str
    name: str
    kind: str
    description: str = ""
    coordinates: tuple[tuple[float, float], ...] = ()


@dataclass(frozen=True, slots=True)
class StandOff:
    """Who attacks a territory from a distance (aircraft, drones, artillery, missiles).

    A fact of the theatre, not of any report: over Gaza and Lebanon only the Israeli
    military strikes from the air. Used for attacks whose author a report leaves out.
    """

    by: str
    over: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Agreement:
    id: str
    name: str
    short_name: str
    effective: date
    countries: tuple[str, ...]
    parties: tuple[str, ...]
    mediators: tuple[str, ...] = ()
    guarantors: tuple[str, ...] = ()
    monitors: tuple[str, ...] = ()
    signed: date | None = None
    phases: tuple[Phase, ...] = ()
    provisions: tuple[Provision, ...] = ()
    zones: tuple[Zone, ...] = ()
    stand_off: tuple[StandOff, ...] = ()
    # Who opens and shuts what a topic is about ("crossings" -> isr): the author of
    # openings and closures a report states without one.
    gatekeepers: dict[str, str] = field(default_factory=dict)
    sources: tuple[dict, ...] = field(default_factory=tuple)

    def provision(self, provision_id: str) -> Provision | None:
        return next((p for p in self.provisions if p.id == provision_id), None)

    def provisions_on(self, topic: str) -> list[Provision]:
        return [p for p in self.provisions if p.topic == topic]
