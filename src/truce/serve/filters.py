"""The dashboard's filters: read from the query string, written back into every link.

Filters live in the URL (GET forms), so a filtered view can be bookmarked and
shared. Values that do not parse are dropped, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date
from urllib.parse import urlencode

from starlette.datastructures import QueryParams

from truce.link.grading import GRADES
from truce.model import EVENT_TYPES
from truce.store.queries import IncidentQuery


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class Filters:
    """What the filter bar selects; every field optional."""

    agreement: str | None = None
    party: str | None = None
    claimant: str | None = None
    type: str | None = None
    grade: str | None = None
    date_from: date | None = None
    date_to: date | None = None

    @classmethod
    def parse(cls, params: QueryParams, agreements: set[str]) -> Filters:
        def text(name: str) -> str | None:
            value = (params.get(name) or "").strip()
            return value[:96] or None

        event_type = (text("type") or "").upper()
        return cls(
            agreement=text("agreement") if text("agreement") in agreements else None,
            party=text("party"),
            claimant=text("claimant"),
            type=event_type if event_type in EVENT_TYPES else None,
            grade=text("grade") if text("grade") in GRADES else None,
            date_from=_day(text("date_from")),
            date_to=_day(text("date_to")),
        )

    def pairs(self) -> list[tuple[str, str]]:
        """The set filters as query-string pairs, in a fixed order."""
        found = []
        for spec in fields(self):
            value = getattr(self, spec.name)
            if value:
                found.append((spec.name, value.isoformat() if isinstance(value, date)
                              else str(value)))
        return found

    def query(self, **changes: str | None) -> str:
        """``?…`` keeping these filters, with some changed or (given None) removed."""
        pairs = dict(self.pairs())
        for name, value in changes.items():
            if value:
                pairs[name] = value
            else:
                pairs.pop(name, None)
        return "?" + urlencode(pairs) if pairs else ""

    def without(self, name: str) -> Filters:
        return replace(self, **{name: None})

    def incident_query(self) -> IncidentQuery:
        return IncidentQuery(agreement=self.agreement, event_type=self.type, grade=self.grade,
                             party=self.party, date_from=self.date_from, date_to=self.date_to)

    @property
    def active(self) -> bool:
        return bool(self.pairs())
