"""A report's text cut into plain and evidence pieces, for highlighting in a template.

The pieces stay plain strings: the template escapes each one and wraps the
evidence pieces in ``<mark>``, so no report text is ever inserted as HTML.
Overlapping evidence spans (several events coded from one sentence) merge
into one piece that names all their events.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Piece:
    text: str
    events: list[int] = field(default_factory=list)

    @property
    def marked(self) -> bool:
        return bool(self.events)


def _spans(text: str, records: list[dict[str, Any]]) -> list[tuple[int, int, int]]:
    """(start, end, event id) of each record's evidence that really lies in ``text``."""
    spans = []
    for record in records:
        evidence = record.get("evidence") or {}
        start, end = evidence.get("start"), evidence.get("end")
        if not isinstance(start, int) or not isinstance(end, int):
            continue
        if 0 <= start < end <= len(text) and text[start:end] == evidence.get("text"):
            spans.append((start, end, int(record["id"])))
    return sorted(spans)


def pieces(text: str, records: list[dict[str, Any]]) -> list[Piece]:
    """The text as consecutive pieces; evidence pieces carry the ids of their events."""
    merged: list[tuple[int, int, list[int]]] = []
    for start, end, event_id in _spans(text, records):
        if merged and start < merged[-1][1]:
            last_start, last_end, ids = merged[-1]
            merged[-1] = (last_start, max(last_end, end), sorted([*ids, event_id]))
        else:
            merged.append((start, end, [event_id]))
    found: list[Piece] = []
    cursor = 0
    for start, end, ids in merged:
        if start > cursor:
            found.append(Piece(text[cursor:start]))
        found.append(Piece(text[start:end], ids))
        cursor = end
    if cursor < len(text):
        found.append(Piece(text[cursor:]))
    return found
