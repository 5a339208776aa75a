"""Running the extractor on a small text and picking events out of its records."""

from __future__ import annotations

from datetime import date
from typing import Any

from truce.app import Truce
from truce.model import Report


def extract_text(app: Truce, text: str, published: date = date(2025, 10, 20),
                 outlet: str | None = "Test Wire") -> list[dict[str, Any]]:
    """The codebook records the extractor gives for ``text`` as one report."""
    report = Report(doc="t.md", text=text, published=published, outlet=outlet)
    return [e.to_dict() for e in app.extractor.extract(report)]


def first_of_type(events: list[dict[str, Any]], event_type: str) -> dict[str, Any]:
    """The first record of a type, failing the test with the types found if there is none."""
    found = [e for e in events if e["event_type"] == event_type]
    assert found, f"no {event_type} in {[e['event_type'] for e in events]}"
    return found[0]
