"""Analysts' linking decisions, applied on top of computed incidents.

A merge is kept as must-link pairs, a split as cannot-link pairs between the
events moved out and those left. Linking computes incidents as usual, then
joins groups that hold must-linked events and separates cannot-linked ones, so
the decisions survive any recomputation (``truce incidents --relink``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

Row = TypeVar("Row")


@dataclass(slots=True)
class LinkDecisions:
    """Active decisions as symmetric adjacency: event id → event ids."""

    must: dict[int, set[int]] = field(default_factory=dict)
    cannot: dict[int, set[int]] = field(default_factory=dict)

    @classmethod
    def from_pairs(cls, must: Iterable[tuple[int, int]],
                   cannot: Iterable[tuple[int, int]]) -> LinkDecisions:
        decisions = cls()
        for table, pairs in ((decisions.must, must), (decisions.cannot, cannot)):
            for a, b in pairs:
                table.setdefault(a, set()).add(b)
                table.setdefault(b, set()).add(a)
        return decisions

    def partners(self, event_id: int) -> set[int]:
        return self.must.get(event_id, set())

    def __bool__(self) -> bool:
        return bool(self.must or self.cannot)


def constrain(groups: list[list[Row]], decisions: LinkDecisions,
              event_id: Callable[[Row], int]) -> list[list[Row]]:
    """Join groups holding must-linked events, then split groups holding cannot-linked
    events so that each part keeps its must-linked events together."""
    if not decisions:
        return groups
    joined = _join_must(groups, decisions, event_id)
    result: list[list[Row]] = []
    for group in joined:
        result.extend(_separate(group, decisions, event_id))
    return result


def _join_must(groups: list[list[Row]], decisions: LinkDecisions,
               event_id: Callable[[Row], int]) -> list[list[Row]]:
    owner = {event_id(row): index for index, group in enumerate(groups) for row in group}
    parent = list(range(len(groups)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for event, index in owner.items():
        for partner in decisions.partners(event):
            if partner in owner:
                a, b = root(index), root(owner[partner])
                if a != b:
                    parent[max(a, b)] = min(a, b)
    merged: dict[int, list[Row]] = {}
    for index, group in enumerate(groups):
        merged.setdefault(root(index), []).extend(group)
    return list(merged.values())


def _separate(group: list[Row], decisions: LinkDecisions,
              event_id: Callable[[Row], int]) -> list[list[Row]]:
    ids = {event_id(row) for row in group}
    if not any(decisions.cannot.get(i, set()) & ids for i in ids):
        return [group]
    clusters = _must_clusters(group, decisions, event_id)
    parts: list[tuple[set[int], list[Row]]] = []
    for cluster in clusters:
        members = {event_id(row) for row in cluster}
        barred = set().union(*(decisions.cannot.get(i, set()) for i in members))
        for taken, rows in parts:
            if not taken & barred:
                taken |= members
                rows.extend(cluster)
                break
        else:
            parts.append((set(members), list(cluster)))
    return [rows for _, rows in parts]


def _must_clusters(group: list[Row], decisions: LinkDecisions,
                   event_id: Callable[[Row], int]) -> list[list[Row]]:
    """The group's rows gathered by must-link connection, in the group's order."""
    by_id = {event_id(row): row for row in group}
    seen: set[int] = set()
    clusters: list[list[Row]] = []
    for row in group:
        start = event_id(row)
        if start in seen:
            continue
        cluster, stack = [], [start]
        seen.add(start)
        while stack:
            current = stack.pop()
            cluster.append(by_id[current])
            for partner in decisions.partners(current):
                if partner in by_id and partner not in seen:
                    seen.add(partner)
                    stack.append(partner)
        clusters.append(cluster)
    return clusters
