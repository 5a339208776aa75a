"""Analysts' linking decisions applied to computed groups (pure)."""

from __future__ import annotations

from truce.link.decisions import LinkDecisions, constrain


def _ids(groups: list[list[int]]) -> list[set[int]]:
    return sorted((set(g) for g in groups), key=min)


def test_must_links_join_groups_and_cannot_links_separate() -> None:
    groups = [[1, 2, 3], [4], [5, 6]]
    merged = constrain(groups, LinkDecisions.from_pairs([(1, 4)], []), lambda e: e)
    assert _ids(merged) == [{1, 2, 3, 4}, {5, 6}]
    split = constrain(groups, LinkDecisions.from_pairs([(2, 3)], [(2, 1), (3, 1)]),
                      lambda e: e)
    assert _ids(split) == [{1}, {2, 3}, {4}, {5, 6}]


def test_split_out_events_stay_together_and_others_stay_put() -> None:
    decisions = LinkDecisions.from_pairs([(5, 6)], [(5, 1), (5, 2), (6, 1), (6, 2)])
    assert _ids(constrain([[1, 2, 5, 6, 7]], decisions, lambda e: e)) == [{1, 2, 7}, {5, 6}]


def test_no_decisions_change_nothing() -> None:
    groups = [[1, 2], [3]]
    assert constrain(groups, LinkDecisions(), lambda e: e) is groups
