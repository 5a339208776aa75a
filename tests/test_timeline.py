"""Compliance over time, target series, daily area summaries and escalation alerts."""

from __future__ import annotations

from datetime import date, timedelta

from truce.agreements.loader import AgreementBook
from truce.analyse.timeline import (
    compliance_over_time,
    daily_by_area,
    escalation_alerts,
    target_series,
)
from truce.registry.actors import ActorRegistry


def _incident(day: date, family: str = "attack-air", area: str = "Rafah") -> dict:
    return {"first_date": day, "family": family, "place_name": area}


def test_alert_fires_when_window_departs_from_baseline_and_explains_itself() -> None:
    start = date(2025, 10, 1)
    quiet = [_incident(start + timedelta(days=d)) for d in range(0, 28, 4)]
    burst = [_incident(date(2025, 10, 30)) for _ in range(6)]
    alerts = escalation_alerts(quiet + burst)
    assert len(alerts) == 1
    alert = alerts[0]
    # the burst of six plus the quiet period's incident of 25 October fall in the window
    assert alert.day == date(2025, 10, 30) and alert.current == 7
    assert "7 violent incidents" in alert.explanation
    assert "times" in alert.explanation


def test_no_alert_for_a_steady_rate_or_non_violent_incidents() -> None:
    start = date(2025, 10, 1)
    steady = [_incident(start + timedelta(days=d)) for d in range(60)]
    meetings = [_incident(date(2025, 11, 10), "meeting") for _ in range(20)]
    assert escalation_alerts(steady + meetings) == []


def test_daily_by_area_counts_and_changes() -> None:
    rows = daily_by_area([_incident(date(2025, 10, 1)), _incident(date(2025, 10, 2)),
                          _incident(date(2025, 10, 2), "arrest"),
                          _incident(date(2025, 10, 2), area="Khan Younis")],
                         lambda i: i["place_name"])
    rafah_2 = next(r for r in rows if r.area == "Rafah" and r.day == date(2025, 10, 2))
    assert (rafah_2.incidents, rafah_2.previous, rafah_2.change) == (2, 1, 1)
    assert dict(rafah_2.kinds) == {"attack-air": 1, "arrest": 1}


def _record(day: str, relation: str, provision: str, **extra) -> dict:
    return {"doc": f"{day}.md", "event_type": extra.get("event_type", "ACCUSE"),
            "actor": extra.get("actor"), "recipient": extra.get("recipient"),
            "claimant": extra.get("claimant"), "outlet": extra.get("outlet", "Wire"),
            "date": {"value": day, "precision": "day", "text": None},
            "quantities": extra.get("quantities", []),
            "provisions": [{"id": provision, "relation": relation}],
            "incident_id": extra.get("incident_id")}


def test_compliance_per_week_counts_allegations_by_alleger_and_grade() -> None:
    gaza = AgreementBook.load().get("gaza-2025")
    isr = {"id": "isr", "name": "Israel", "text": "Israel"}
    hamas = {"id": "pse.hamas", "name": "Hamas", "text": "Hamas"}
    records = [
        _record("2025-10-20", "violation_alleged", "gaza-2025.hostilities", actor=hamas,
                recipient=isr, incident_id="i1"),
        _record("2025-10-21", "violation_alleged", "gaza-2025.hostilities", actor=hamas,
                recipient=isr, incident_id="i2"),
        _record("2025-10-28", "violation_alleged", "gaza-2025.hostilities", actor=isr,
                recipient=hamas),
    ]
    grades = {"i1": "confirmed", "i2": "contested"}
    rows = compliance_over_time(records, gaza, ActorRegistry.load(), "week",
                                grade_of=lambda r: grades.get(r.get("incident_id") or ""))
    first = [r for r in rows if r.period == date(2025, 10, 20)]
    assert len(first) == 1 and first[0].party == "isr" and first[0].alleged == 2
    assert dict(first[0].by_alleger) == {"Hamas": 2}
    assert dict(first[0].by_grade) == {"confirmed": 1, "contested": 1}
    second = [r for r in rows if r.period == date(2025, 10, 27)]
    assert second[0].party == "pse.hamas" and dict(second[0].by_grade) == {"ungraded": 1}


def test_grades_of_a_party_count_only_the_allegations_against_it() -> None:
    gaza = AgreementBook.load().get("gaza-2025")
    isr = {"id": "isr", "name": "Israel", "text": "Israel"}
    hamas = {"id": "pse.hamas", "name": "Hamas", "text": "Hamas"}
    records = [
        _record("2025-10-20", "violation_alleged", "gaza-2025.hostilities", actor=hamas,
                recipient=isr, incident_id="i1"),
        _record("2025-10-21", "violation_alleged", "gaza-2025.hostilities", actor=isr,
                recipient=hamas, incident_id="i2"),
    ]
    grades = {"i1": "confirmed", "i2": "contested"}
    rows = compliance_over_time(records, gaza, ActorRegistry.load(), "week",
                                grade_of=lambda r: grades.get(r.get("incident_id") or ""))
    assert {r.party: dict(r.by_grade) for r in rows} == {"isr": {"confirmed": 1},
                                                         "pse.hamas": {"contested": 1}}


def test_target_series_keep_each_counter_separate() -> None:
    def trucks(value: int) -> list[dict]:
        return [{"kind": "trucks", "value": value, "approx": False, "text": f"{value} trucks"}]

    records = [
        _record("2025-11-08", "compliance_reported", "gaza-2025.aid", event_type="AID",
                claimant={"id": "isr.cogat", "name": "COGAT", "text": "COGAT"},
                quantities=trucks(600)),
        _record("2025-11-08", "violation_alleged", "gaza-2025.aid",
                claimant={"id": "pse.gaza.gmo", "name": "Gaza Government Media Office",
                          "text": "media office"}, quantities=trucks(145)),
        _record("2025-11-09", "compliance_reported", "gaza-2025.aid", event_type="AID",
                claimant={"id": "isr.cogat", "name": "COGAT", "text": "COGAT"},
                quantities=trucks(580)),
    ]
    series = target_series(records, ("trucks",), "gaza-2025.aid")
    assert set(series) == {"COGAT", "Gaza Government Media Office"}
    assert [p.value for p in series["COGAT"]] == [600, 580]
    assert [p.value for p in series["Gaza Government Media Office"]] == [145]
