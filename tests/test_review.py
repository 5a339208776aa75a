"""The review workflow over real HTTP and a real database: versions, audit, rejection,
re-extraction that keeps reviewed events, merges and splits that survive relinking."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from truce.app import Truce
from truce.errors import InvalidChange
from truce.review import corrected_record, reextract
from truce.store.schema import event_versions, events
from webtools import ingest_samples, logged_in

from conftest import run_cli


@pytest.fixture
def analyst(app: Truce):
    ingest_samples(app)
    browser, csrf = logged_in(app, "amal", "analyst")
    browser.headers["X-CSRF-Token"] = csrf
    return browser


def _event(api, **params) -> dict:
    return api.get("/api/events", params={"limit": 1, **params}).json()["items"][0]


def test_correction_is_a_new_version_with_the_machine_record_kept(analyst, app: Truce) -> None:
    event = _event(analyst, type="ASSAULT", claimant="pse.gaza.moh")
    machine = analyst.get(f"/api/events/{event['id']}").json()["versions"][0]["record"]
    answer = analyst.post(f"/api/events/{event['id']}/review", json={
        "action": "correct", "changes": {"status": "negated", "topic": "hostilities"},
        "note": "the ministry denies it in the next paragraph"})
    assert answer.status_code == 200, answer.text
    detail = answer.json()
    assert detail["review"] == "corrected" and detail["version"] == 2
    assert detail["status"] == "negated"
    assert [v["version"] for v in detail["versions"]] == [1, 2]
    assert detail["versions"][0]["author"] == "machine"
    assert detail["versions"][0]["record"] == machine
    assert detail["versions"][1]["author"] == "amal"
    assert detail["claimant"] == event["claimant"]  # the claim stays attributed
    negated = analyst.get("/api/events", params={"status": "negated", "limit": 500}).json()
    assert event["id"] in [e["id"] for e in negated["items"]]  # scalar columns follow
    entry = analyst.get("/api/audit", params={"target_id": str(event["id"])}).json()["items"]
    assert len(entry) == 1
    assert entry[0]["username"] == "amal" and entry[0]["action"] == "correct"
    assert entry[0]["before"]["record"]["status"] == machine["status"]
    assert entry[0]["after"]["record"]["status"] == "negated"
    assert entry[0]["note"].startswith("the ministry")


def test_rejected_event_is_kept_but_left_out(analyst, app: Truce) -> None:
    incident = analyst.get("/api/incidents", params={"sort": "-mentions",
                                                     "limit": 1}).json()["items"][0]
    event_id = incident["events"][0]
    before = analyst.get("/api/events").json()["total"]
    answer = analyst.post(f"/api/events/{event_id}/review",
                          json={"action": "reject", "note": "a quote of last year's strike"})
    assert answer.status_code == 200 and answer.json()["review"] == "rejected"
    assert analyst.get("/api/events").json()["total"] == before - 1
    rejected = analyst.get("/api/events", params={"review": "rejected"}).json()["items"]
    assert [e["id"] for e in rejected] == [event_id]
    assert analyst.get(f"/api/events/{event_id}").status_code == 200
    with app.store.engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(events)
                                  .where(events.c.id == event_id)).scalar_one() == 1
    every_member = {e for i in analyst.get("/api/incidents", params={"limit": 500}).json()[
        "items"] for e in i["events"]}
    assert event_id not in every_member
    assert all(r["id"] != event_id for r in app.store.events())


@pytest.mark.parametrize(("body", "field"), [
    ({"action": "correct", "changes": {"evidence": {}}}, "changes.evidence"),
    ({"action": "correct", "changes": {"status": "probably"}}, "changes.status"),
    ({"action": "correct", "changes": {"mode": "picnic"}}, "changes.mode"),
    ({"action": "correct", "changes": {"quantities": [{"kind": "killed", "value": -3}]}},
     "changes.quantities[0].value"),
    ({"action": "correct", "changes": {"date": {"value": "yesterday", "precision": "day"}}},
     "changes.date.value"),
    ({"action": "correct", "changes": {}}, "changes"),
    ({"action": "confirm", "changes": {"status": "negated"}}, "changes"),
    ({"action": "approve"}, "action"),
])
def test_bad_reviews_are_422_naming_the_field_and_change_nothing(analyst, body: dict,
                                                                  field: str) -> None:
    event = _event(analyst, type="ASSAULT")
    answer = analyst.post(f"/api/events/{event['id']}/review", json=body)
    assert answer.status_code == 422
    detail = answer.json()["detail"][0]
    assert detail["loc"][-1] == field or detail["loc"][1:] == [field], detail
    after = analyst.get(f"/api/events/{event['id']}").json()
    assert after["version"] == 1 and after["review"] == "unreviewed"
    assert analyst.get("/api/audit").json()["total"] == 0


def test_corrected_record_is_checked_against_the_codebook() -> None:
    record = {"doc": "d", "event_type": "ASSAULT", "mode": "drone", "status": "asserted",
              "topic": "hostilities", "actor": None, "recipient": None, "claimant": None,
              "date": None, "location": None, "quantities": [], "evidence": None,
              "provisions": [], "agreement": None}
    fixed = corrected_record(record, {"location": {"name": "Rafah", "lat": 31.29,
                                                   "lon": 34.25, "precision": "town"},
                                      "quantities": [{"kind": "killed", "value": 2}]})
    assert fixed["location"]["text"] == "Rafah" and fixed["quantities"][0]["approx"] is False
    with pytest.raises(InvalidChange, match=r"changes\.mode"):
        corrected_record(record, {"event_type": "PROTEST"})  # 'drone' is no protest mode
    with pytest.raises(InvalidChange, match=r"changes\.location\.lat"):
        corrected_record(record, {"location": {"name": "X", "lat": 95, "precision": "town"}})


def test_review_queue_puts_alleged_violations_first(analyst) -> None:
    queue = analyst.get("/api/review/queue", params={"limit": 500}).json()
    assert queue["total"] == analyst.get("/api/events").json()["total"]
    alleged = ["violation_alleged" in {p["relation"] for p in e["provisions"]}
               for e in queue["items"]]
    assert alleged[0] and alleged == sorted(alleged, reverse=True)
    first = queue["items"][0]["id"]
    analyst.post(f"/api/events/{first}/review", json={"action": "confirm"})
    again = analyst.get("/api/review/queue").json()
    assert again["total"] == queue["total"] - 1
    assert first not in [e["id"] for e in again["items"]]


def test_reextract_keeps_reviewed_events(analyst, app: Truce) -> None:
    corrected = _event(analyst, type="ASSAULT")
    analyst.post(f"/api/events/{corrected['id']}/review", json={
        "action": "correct", "changes": {"status": "negated"}})
    rejected = _event(analyst, type="ACCUSE")
    analyst.post(f"/api/events/{rejected['id']}/review", json={"action": "reject"})
    before = {r.id: r for r in _rows(app)}
    per_report = _per_report(app)
    summary = reextract(app)
    after = {r.id: r for r in _rows(app)}
    assert summary.kept == 2 and summary.removed == len(before) - 2
    for kept in (corrected["id"], rejected["id"]):
        assert after[kept].record == before[kept].record
        assert after[kept].version == before[kept].version == 2
        assert after[kept].review == before[kept].review
    assert after[corrected["id"]].record["status"] == "negated"
    assert _per_report(app) == per_report  # same mentions, none duplicated
    fresh = set(after) - set(before)
    assert len(fresh) == summary.added == len(before) - 2
    with app.store.engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(event_versions)
                                  .where(event_versions.c.event_id == corrected["id"])
                                  ).scalar_one() == 2
    linkable = [r for r in after.values() if r.family and r.date]
    assert linkable and all(r.incident_id for r in linkable)


def _rows(app: Truce) -> list:
    with app.store.engine.connect() as connection:
        return connection.execute(select(events.c.id, events.c.record, events.c.version,
                                         events.c.review, events.c.incident_id,
                                         events.c.date, events.c.family)).all()


def _per_report(app: Truce) -> dict[int, int]:
    with app.store.engine.connect() as connection:
        return dict(connection.execute(select(events.c.report_id, func.count())
                                       .group_by(events.c.report_id)).all())


def _incident_of(api, event_id: int) -> str:
    return api.get(f"/api/events/{event_id}").json()["incident_id"]


def test_merge_survives_relinking(analyst, app: Truce) -> None:
    strikes = analyst.get("/api/incidents", params={
        "date_from": "2025-11-03", "date_to": "2025-11-03", "type": "ASSAULT",
        "sort": "-mentions", "limit": 2}).json()["items"]
    first, second = strikes
    answer = analyst.post("/api/incidents/merge", json={
        "ids": [first["id"], second["id"]], "note": "one attack, two weapons reported"})
    assert answer.status_code == 200, answer.text
    merged = answer.json()["incident"]
    members = set(first["events"]) | set(second["events"])
    assert set(analyst.get(f"/api/incidents/{merged}").json()["events"]) == members
    app.linker.relink_all()
    assert len({_incident_of(analyst, e) for e in members}) == 1
    result = run_cli("incidents", "--db", app.settings.db, "--relink", "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    assert len({_incident_of(analyst, e) for e in members}) == 1
    entry = analyst.get("/api/audit", params={"target_kind": "incident"}).json()["items"][0]
    assert entry["action"] == "merge" and entry["username"] == "amal"
    assert set(entry["after"]["events"]) == members


def test_split_survives_relinking(analyst, app: Truce) -> None:
    incident = analyst.get("/api/incidents", params={"sort": "-mentions",
                                                     "limit": 1}).json()["items"][0]
    moved = incident["events"][:2]
    answer = analyst.post(f"/api/incidents/{incident['id']}/split",
                          json={"event_ids": moved, "note": "a second strike that night"})
    assert answer.status_code == 200, answer.text
    assert len(answer.json()["incidents"]) == 2
    stays = [e for e in incident["events"] if e not in moved]

    def apart() -> bool:
        moved_to = {_incident_of(analyst, e) for e in moved}
        stayed_in = {_incident_of(analyst, e) for e in stays}
        return len(moved_to) == 1 and not moved_to & stayed_in

    assert apart()
    app.linker.relink_all()
    assert apart()
    wrong = analyst.post(f"/api/incidents/{_incident_of(analyst, stays[0])}/split",
                         json={"event_ids": [moved[0]]})
    assert wrong.status_code == 422 and wrong.json()["detail"][0]["loc"] == ["body",
                                                                              "event_ids"]
    every = analyst.post(f"/api/incidents/{_incident_of(analyst, moved[0])}/split",
                         json={"event_ids": moved})
    assert every.status_code == 422
    merge_back = analyst.post("/api/incidents/merge", json={
        "ids": [_incident_of(analyst, moved[0]), _incident_of(analyst, stays[0])]})
    assert merge_back.status_code == 200
    app.linker.relink_all()
    assert len({_incident_of(analyst, e) for e in incident["events"]}) == 1


def test_reextract_command(app: Truce) -> None:
    ingest_samples(app, ("2025-11-06-hamas-delegation-istanbul-hamas.md",))
    result = run_cli("reextract", "--db", app.settings.db)
    assert result.returncode == 0, result.stderr
    assert "0 reviewed events kept" in result.stderr
    assert app.store.counts()["events"] > 0


def test_review_of_a_stale_version_is_refused(analyst) -> None:
    event = _event(analyst, type="ASSAULT")
    url = f"/api/events/{event['id']}/review"
    assert analyst.post(url, json={"action": "confirm", "version": 1}).status_code == 200
    stale = analyst.post(url, json={"action": "reject", "version": 1})
    assert stale.status_code == 409 and "version 2" in stale.json()["detail"]
    assert analyst.get(f"/api/events/{event['id']}").json()["review"] == "confirmed"


def test_rejected_events_leave_compliance(analyst) -> None:
    def alleged() -> int:
        rows = analyst.get("/api/compliance", params={"agreement": "gaza-2025"}).json()["rows"]
        return sum(r["alleged"] for r in rows)

    before = alleged()
    accusation = next(e for e in analyst.get("/api/events", params={"limit": 500}).json()[
        "items"] if any(p["relation"] == "violation_alleged" for p in e["provisions"]))
    analyst.post(f"/api/events/{accusation['id']}/review", json={"action": "reject"})
    assert alleged() == before - sum(p["relation"] == "violation_alleged"
                                     for p in accusation["provisions"])
