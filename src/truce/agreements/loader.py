"""Reading agreement specs (YAML, format in docs/agreements.md) into records."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from truce.agreements.model import (
    Agreement,
    Phase,
    Provision,
    Selector,
    StandOff,
    Target,
    Zone,
)
from truce.errors import RegistryError, UnknownAgreement
from truce.model import TOPICS
from truce.registry.files import data_path, load_yaml


def _as_date(value: Any, where: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return datetime.fromisoformat(str(value)).date()
    except ValueError:
        raise RegistryError(f"{where}: {value!r} is not an ISO date") from None


def _as_deadline(value: Any, where: str) -> datetime | date | None:
    if value is None or isinstance(value, datetime | date):
        return value
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        raise RegistryError(f"{where}: deadline {value!r} is not an ISO date-time") from None


def parse_agreement(raw: dict[str, Any], where: str) -> Agreement:
    """Build an Agreement from its YAML mapping, naming ``where`` in any error."""
    try:
        provisions = tuple(_provision(p, f"{where}: provision {p.get('id')!r}")
                           for p in raw.get("provisions") or ())
        effective = _as_date(raw["effective"], f"{where}: effective")
        if effective is None:
            raise RegistryError(f"{where}: field 'effective' is required")
        return Agreement(
            id=str(raw["id"]),
            name=str(raw["name"]),
            short_name=str(raw.get("short_name") or raw["name"]),
            effective=effective,
            signed=_as_date(raw.get("signed"), f"{where}: signed"),
            countries=tuple(raw.get("countries") or ()),
            parties=tuple(raw.get("parties") or ()),
            mediators=tuple(raw.get("mediators") or ()),
            guarantors=tuple(raw.get("guarantors") or ()),
            monitors=tuple(raw.get("monitors") or ()),
            phases=tuple(
                Phase(
                    id=str(p["id"]),
                    name=str(p.get("name") or p["id"]),
                    starts=_as_date(p.get("starts"), f"{where}: phase"),
                    ends=_as_date(p.get("ends"), f"{where}: phase"),
                    summary=str(p.get("summary") or ""),
                )
                for p in raw.get("phases") or ()
            ),
            provisions=provisions,
            zones=tuple(
                Zone(
                    id=str(z["id"]),
                    name=str(z.get("name") or z["id"]),
                    kind=str(z.get("kind") or "area"),
                    description=str(z.get("description") or ""),
                    coordinates=tuple(tuple(c) for c in z.get("coordinates") or ()),
                )
                for z in raw.get("zones") or ()
            ),
            stand_off=tuple(
                StandOff(by=str(item["by"]), over=tuple(item.get("over") or ()))
                for item in raw.get("stand_off_attacks") or ()
            ),
            gatekeepers={str(topic): str(actor)
                         for topic, actor in (raw.get("gatekeepers") or {}).items()},
            sources=tuple(raw.get("sources") or ()),
        )
    except KeyError as exc:
        raise RegistryError(f"{where}: missing field {exc}") from None


def _provision(raw: dict[str, Any], where: str) -> Provision:
    topic = raw.get("topic")
    if topic not in TOPICS:
        raise RegistryError(f"{where}: unknown topic {topic!r}")
    target = raw.get("target")
    return Provision(
        id=str(raw["id"]),
        title=str(raw.get("title") or raw["id"]),
        topic=topic,
        obliged=tuple(raw.get("obliged") or ()),
        kind=str(raw.get("kind") or "obligation"),
        phase=raw.get("phase"),
        summary=str(raw.get("summary") or "").strip(),
        target=Target(
            measure=str(target["measure"]),
            value=float(target["value"]),
            per=target.get("per"),
            comparison=str(target.get("comparison") or "at_least"),
        ) if target else None,
        deadline=_as_deadline(raw.get("deadline"), where),
        extended_deadline=_as_deadline(raw.get("extended_deadline"), where),
        zone=raw.get("zone"),
        match=_selector(raw.get("match"), where),
    )


def _selector(raw: Any, where: str) -> Selector | None:
    if not raw:
        return None
    if not isinstance(raw, dict) or set(raw) - {"event_types", "actors", "words"}:
        raise RegistryError(f"{where}: 'match' takes event_types, actors and words")
    return Selector(event_types=tuple(raw.get("event_types") or ()),
                    actors=tuple(raw.get("actors") or ()),
                    words=tuple(raw.get("words") or ()))


class AgreementBook:
    """The agreements Truce knows: the built-in specs plus any given by the user."""

    def __init__(self, agreements: list[Agreement]) -> None:
        self._by_id = {a.id: a for a in agreements}

    @classmethod
    def load(cls, extra: list[Path] | None = None) -> AgreementBook:
        paths = sorted(data_path("agreements").glob("*.yaml")) + list(extra or [])
        agreements = [parse_agreement(load_yaml(p), str(p)) for p in paths]
        return cls(agreements)

    def __iter__(self):  # noqa: ANN204 - a plain iterator of agreements
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    def ids(self) -> list[str]:
        return list(self._by_id)

    def get(self, agreement_id: str) -> Agreement:
        try:
            return self._by_id[agreement_id]
        except KeyError:
            raise UnknownAgreement(agreement_id, list(self._by_id)) from None

    def find(self, agreement_id: str | None) -> Agreement | None:
        return self._by_id.get(agreement_id) if agreement_id else None
