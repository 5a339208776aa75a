"""The records of the codebook: reports in, events out.

Every record is a frozen dataclass with a ``to_dict`` that gives exactly the
codebook's JSON shape, so storage, exports and evaluation share one contract.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

EVENT_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

MODES: dict[str, tuple[str, ...]] = {
    "CONSULT": ("visit", "third-party", "multilateral", "phone"),
    "RETREAT": ("withdraw", "release", "disarm", "ceasefire", "access", "resign"),
    "REQUEST": ("assist", "change", "yield", "meet"),
    "REJECT": ("assist", "change", "yield", "meet"),
    "ACCUSE": ("disapprove", "investigate", "allege"),
    "THREATEN": ("restrict", "arrest", "relations", "expel", "territory", "violence"),
    "PROTEST": ("demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"),
    "SANCTION": ("convict", "expel", "withdraw", "discontinue"),
    "MOBILIZE": ("troops", "weapons", "police", "militia"),
    "COERCE": (
        "seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport", "withhold",
        "misinformation", "cyber",
    ),
    "ASSAULT": (
        "abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive", "firearms",
        "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons", "crowd-control",
        "unconventional",
    ),
}

STATUSES: tuple[str, ...] = ("asserted", "negated", "future", "hypothetical")

TOPICS: tuple[str, ...] = (
    "hostilities", "withdrawal", "captives", "remains", "prisoners", "crossings", "aid",
    "infrastructure", "reconstruction", "governance", "security-force", "disarmament",
    "negotiations", "monitoring", "other",
)

QUANTITY_KINDS: tuple[str, ...] = (
    "killed", "injured", "arrested", "hostages", "prisoners", "bodies", "trucks", "fuel_trucks",
    "people", "violations", "strikes", "other",
)

RELATIONS: tuple[str, ...] = (
    "violation_alleged", "violation_denied", "compliance_reported", "relevant",
)

PRECISIONS_DATE: tuple[str, ...] = ("day", "week", "month", "year")
PRECISIONS_PLACE: tuple[str, ...] = (
    "point", "neighbourhood", "town", "district", "region", "country",
)


def content_hash(text: str) -> str:
    """Identity of a report: the SHA-256 of its whitespace-normalised text."""
    normalised = " ".join(text.split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Report:
    """One report as read from a file, feed item or JSON line, before extraction."""

    doc: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: date | None = None
    language: str | None = None
    source: str | None = None

    @property
    def hash(self) -> str:
        return content_hash(self.text)


@dataclass(frozen=True, slots=True)
class Entity:
    """An actor, recipient or claimant: a registry id (or None), its name, the text seen
    (None when the entity is implied by context rather than named in the sentence)."""

    id: str | None
    name: str
    text: str | None


@dataclass(frozen=True, slots=True)
class DateRef:
    """A resolved date; ``text`` is None when the date follows from context, not words."""

    value: str
    precision: str
    text: str | None


@dataclass(frozen=True, slots=True)
class Location:
    name: str
    lat: float | None
    lon: float | None
    country: str | None
    precision: str
    text: str


@dataclass(frozen=True, slots=True)
class Quantity:
    kind: str
    value: int
    approx: bool
    text: str


@dataclass(frozen=True, slots=True)
class Evidence:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class ProvisionLink:
    id: str
    relation: str


Actor = Entity | list[Entity] | None


@dataclass(slots=True)
class Event:
    """One event mention, coded per the codebook."""

    doc: str
    event_type: str
    mode: str | None
    status: str
    topic: str
    actor: Actor
    recipient: Actor
    claimant: Entity | None
    date: DateRef | None
    location: Location | None
    quantities: list[Quantity] = field(default_factory=list)
    evidence: Evidence | None = None
    provisions: list[ProvisionLink] = field(default_factory=list)
    agreement: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The codebook record (plus the ``agreement`` the event was coded under)."""
        return {
            "doc": self.doc,
            "event_type": self.event_type,
            "mode": self.mode,
            "status": self.status,
            "topic": self.topic,
            "actor": _entity_dict(self.actor),
            "recipient": _entity_dict(self.recipient),
            "claimant": _entity_dict(self.claimant),
            "date": asdict(self.date) if self.date else None,
            "location": asdict(self.location) if self.location else None,
            "quantities": [asdict(q) for q in self.quantities],
            "evidence": asdict(self.evidence) if self.evidence else None,
            "provisions": [asdict(p) for p in self.provisions],
            "agreement": self.agreement,
        }

    @classmethod
    def from_dict(cls, record: dict[str, Any]) -> Event:
        """Rebuild an event from its codebook record (as stored or exported)."""
        date_ = record.get("date")
        place = record.get("location")
        evidence = record.get("evidence")
        return cls(
            doc=record["doc"],
            event_type=record["event_type"],
            mode=record.get("mode"),
            status=record.get("status") or "asserted",
            topic=record.get("topic") or "other",
            actor=_entity_from(record.get("actor")),
            recipient=_entity_from(record.get("recipient")),
            claimant=_single_entity(record.get("claimant")),
            date=DateRef(**date_) if date_ else None,
            location=Location(**place) if place else None,
            quantities=[Quantity(**q) for q in record.get("quantities") or []],
            evidence=Evidence(**evidence) if evidence else None,
            provisions=[ProvisionLink(**p) for p in record.get("provisions") or []],
            agreement=record.get("agreement"),
        )


def _entity_dict(entity: Actor) -> Any:
    if entity is None:
        return None
    if isinstance(entity, list):
        return [asdict(e) for e in entity]
    return asdict(entity)


def _single_entity(raw: dict[str, Any] | None) -> Entity | None:
    if not raw:
        return None
    return Entity(id=raw.get("id"), name=raw.get("name") or "", text=raw.get("text"))


def _entity_from(raw: Any) -> Actor:
    if isinstance(raw, list):
        return [e for e in (_single_entity(r) for r in raw) if e is not None]
    return _single_entity(raw)


def entities(entity: Actor) -> list[Entity]:
    """The entities of an actor field, whether single, compound or empty."""
    if entity is None:
        return []
    return entity if isinstance(entity, list) else [entity]


def entity_ids(entity: Actor) -> list[str]:
    """The registry ids of an actor field, whether single or compound."""
    return [e.id for e in entities(entity) if e.id]


# ----- reading stored records (entities as dicts, one or a list) -----------------------


def record_entities(value: Any) -> list[dict[str, Any]]:
    """The entities of a record's actor, recipient or claimant field, as a list."""
    if not value:
        return []
    return value if isinstance(value, list) else [value]


def record_entity_names(value: Any, separator: str = ", ") -> str:
    return separator.join(e.get("name") or "" for e in record_entities(value))


def record_entity_ids(value: Any) -> list[str]:
    return [e["id"] for e in record_entities(value) if e.get("id")]
