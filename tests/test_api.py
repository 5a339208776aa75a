"""The read API over real sample reports: filters, paging, sorting, bbox, details, errors."""

from __future__ import annotations

import csv
import io

import pytest

from truce.app import Truce
from webtools import client, ingest_samples

from conftest import report_md, write


@pytest.fixture
def api(app: Truce):
    return client(ingest_samples(app))


def _all(api, url: str) -> list[dict]:
    items, offset = [], 0
    while True:
        page = api.get(url, params={"limit": 7, "offset": offset}).json()
        items += page["items"]
        offset += 7
        if offset >= page["total"]:
            return items


def test_events_page_and_total_cover_every_event_once(api, app: Truce) -> None:
    first = api.get("/api/events", params={"limit": 5}).json()
    assert first["limit"] == 5 and first["offset"] == 0 and len(first["items"]) == 5
    total = app.store.counts()["events"]
    assert first["total"] == total
    ids = [e["id"] for e in _all(api, "/api/events")]
    assert len(ids) == len(set(ids)) == total
    item = first["items"][0]
    for key in ("doc", "event_type", "claimant", "evidence", "id", "report_id", "incident_id",
                "review", "version"):
        assert key in item
    assert item["review"] == "unreviewed" and item["version"] == 1


def test_sorting_by_date_both_ways(api) -> None:
    ascending = [e["date"]["value"][:10] if e["date"] else None for e in
                 api.get("/api/events", params={"sort": "date", "limit": 500}).json()["items"]
                 if e["date"]]
    assert ascending == sorted(ascending)
    newest = api.get("/api/events", params={"sort": "-date", "limit": 1}).json()["items"][0]
    assert newest["date"]["value"][:10] == max(ascending)
    ids = [e["id"] for e in api.get("/api/events", params={"sort": "-id"}).json()["items"]]
    assert ids == sorted(ids, reverse=True)


def test_filters_narrow_to_matching_events(api) -> None:
    assaults = api.get("/api/events", params={"type": "ASSAULT", "limit": 500}).json()
    assert assaults["total"] > 0
    assert {e["event_type"] for e in assaults["items"]} == {"ASSAULT"}
    everything = api.get("/api/events").json()["total"]
    assert assaults["total"] < everything
    claimant = next(e["claimant"]["id"] for e in assaults["items"]
                    if e["claimant"] and e["claimant"]["id"])
    claimed = api.get("/api/events", params={"claimant": claimant, "limit": 500}).json()
    assert claimed["total"] > 0
    assert {e["claimant"]["id"] for e in claimed["items"]} == {claimant}
    window = api.get("/api/events", params={"date_from": "2025-11-03",
                                            "date_to": "2025-11-04", "limit": 500}).json()
    assert window["total"] > 0
    assert all("2025-11-03" <= (e["date"] or {}).get("value", e["published"])[:10]
               <= "2025-11-04" for e in window["items"])
    israel = api.get("/api/events", params={"party": "isr", "limit": 500}).json()["items"]
    assert israel and all(
        any(x and (x.get("id") or "").split(".")[0] == "isr"
            for x in (e["actor"] if isinstance(e["actor"], list) else [e["actor"]]) +
            (e["recipient"] if isinstance(e["recipient"], list) else [e["recipient"]]))
        for e in israel)


def test_grade_incident_and_report_filters(api) -> None:
    confirmed = api.get("/api/incidents", params={"grade": "confirmed"}).json()["items"]
    assert confirmed and {i["grade"] for i in confirmed} == {"confirmed"}
    incident = confirmed[0]
    members = api.get("/api/events", params={"incident": incident["id"]}).json()["items"]
    assert sorted(e["id"] for e in members) == sorted(incident["events"])
    graded = api.get("/api/events", params={"grade": "confirmed", "limit": 500}).json()["items"]
    confirmed_ids = {i["id"] for i in confirmed}
    assert graded and all(e["incident_id"] in confirmed_ids for e in graded)
    report = api.get("/api/reports", params={"limit": 1}).json()["items"][0]
    of_report = api.get("/api/events", params={"report": report["id"], "limit": 500}).json()
    assert of_report["total"] == report["event_count"]


def test_bbox_keeps_only_events_inside(api) -> None:
    khan_younis = "34.25,31.30,34.35,31.40"
    inside = api.get("/api/events", params={"bbox": khan_younis, "limit": 500}).json()
    assert inside["total"] > 0
    for event in inside["items"]:
        assert 34.25 <= event["location"]["lon"] <= 34.35
        assert 31.30 <= event["location"]["lat"] <= 31.40
    features = api.get("/api/events.geojson", params={"bbox": khan_younis}).json()["features"]
    assert len(features) == inside["total"]
    nowhere = api.get("/api/events", params={"bbox": "0,0,1,1"}).json()
    assert nowhere["total"] == 0 and nowhere["items"] == []


@pytest.mark.parametrize(("params", "field"), [
    ({"bbox": "1,2,3"}, "bbox"), ({"bbox": "5,0,1,1"}, "bbox"), ({"limit": 501}, "limit"),
    ({"limit": 0}, "limit"), ({"offset": -1}, "offset"), ({"sort": "evidence"}, "sort"),
    ({"date_from": "2025-13-01"}, "date_from"), ({"review": "maybe"}, "review"),
    ({"agreement": "atlantis-1999"}, "agreement"), ({"type": "PICNIC"}, "type"),
    ({"date_from": "2025-11-05", "date_to": "2025-11-01"}, "date_to"),
])
def test_bad_parameters_are_422_naming_the_field(api, params: dict, field: str) -> None:
    answer = api.get("/api/events", params=params)
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["loc"] == ["query", field]


def test_unknown_ids_are_404(api) -> None:
    for url in ("/api/events/999999", "/api/incidents/nope", "/api/reports/999999",
                "/api/agreements/atlantis-1999"):
        answer = api.get(url)
        assert answer.status_code == 404 and answer.json()["detail"]


def test_event_detail_has_version_history(api) -> None:
    event = api.get("/api/events", params={"limit": 1}).json()["items"][0]
    detail = api.get(f"/api/events/{event['id']}").json()
    assert detail["id"] == event["id"]
    assert [v["version"] for v in detail["versions"]] == [1]
    assert detail["versions"][0]["author"] == "machine"
    assert detail["versions"][0]["record"]["event_type"] == event["event_type"]


def test_incident_detail_lists_every_mention_with_its_source(api) -> None:
    incident = api.get("/api/incidents", params={"sort": "-mentions",
                                                 "limit": 1}).json()["items"][0]
    detail = api.get(f"/api/incidents/{incident['id']}").json()
    assert detail["mention_count"] == len(detail["mentions"]) == incident["mentions"] >= 2
    reports = {r["id"]: r for r in
               api.get("/api/reports", params={"limit": 500}).json()["items"]}
    for mention in detail["mentions"]:
        assert mention["source"] and mention["side"]
        assert mention["report_id"] in reports
        assert mention["outlet"] == reports[mention["report_id"]]["outlet"]
        text = api.get(f"/api/reports/{mention['report_id']}").json()["text"]
        if mention["evidence_start"] is not None:
            assert mention["evidence"] in text
    assert set(detail["claimants_by_side"]) == {m["side"] for m in detail["mentions"]}
    for kind, figures in detail["figures"].items():
        assert figures["min"] <= figures["max"]
        assert all(r["source"] for r in figures["reports"]), kind


def test_incident_listing_filters_and_geojson(api) -> None:
    air = api.get("/api/incidents", params={"type": "ASSAULT", "date_from": "2025-11-03",
                                            "date_to": "2025-11-03"}).json()["items"]
    assert air and all(i["first_date"] <= "2025-11-03" <= i["last_date"] for i in air)
    israel = api.get("/api/incidents", params={"party": "isr", "limit": 500}).json()
    everything = api.get("/api/incidents", params={"limit": 500}).json()
    assert 0 < israel["total"] < everything["total"]
    features = api.get("/api/incidents.geojson").json()["features"]
    located = [i for i in everything["items"] if i["place"] and i["place"]["lat"] is not None]
    assert len(features) == len(located)


def test_report_detail_has_text_and_events_with_evidence(api) -> None:
    report = api.get("/api/reports", params={"sort": "-events",
                                             "limit": 1}).json()["items"][0]
    detail = api.get(f"/api/reports/{report['id']}").json()
    assert detail["title"] == report["title"] and detail["text"]
    assert len(detail["events"]) == report["event_count"] > 0
    for event in detail["events"]:
        if event["evidence"]:
            span = detail["text"][event["evidence"]["start"]:event["evidence"]["end"]]
            assert span == event["evidence"]["text"]


def test_csv_export_uses_the_same_filters(api) -> None:
    answer = api.get("/api/events.csv", params={"type": "ASSAULT"})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert rows and {r["event_type"] for r in rows} == {"ASSAULT"}
    total = api.get("/api/events", params={"type": "ASSAULT"}).json()["total"]
    assert len(rows) == total


def test_agreements_and_provisions(api) -> None:
    listed = {a["id"] for a in api.get("/api/agreements").json()}
    assert {"gaza-2025", "lebanon-2024"} <= listed
    gaza = api.get("/api/agreements/gaza-2025").json()
    assert {p["id"] for p in gaza["parties"]} == {"isr", "pse.hamas"}
    assert gaza["provisions"] and all(p["obliged"] for p in gaza["provisions"])
    provisions = api.get("/api/agreements/gaza-2025/provisions").json()
    assert [p["id"] for p in provisions] == [p["id"] for p in gaza["provisions"]]
    assert any(p["target"] and p["target"]["description"] for p in provisions)


def test_compliance_timeline_and_alerts(api) -> None:
    found = api.get("/api/compliance", params={"agreement": "gaza-2025",
                                               "period": "day"}).json()
    hostilities = [r for r in found["rows"] if r["provision"] == "gaza-2025.hostilities"]
    assert {r["party"] for r in hostilities} >= {"isr", "pse.hamas"}
    assert sum(r["alleged"] for r in hostilities) > 0
    for row in hostilities:
        assert row["alleged"] == sum(row["alleged_by"].values())
    assert all(p["period"] for p in found["periods"])
    assert api.get("/api/compliance").status_code == 422
    timeline = api.get("/api/timeline", params={"agreement": "gaza-2025"}).json()
    days = timeline["days"]
    assert days and [d["date"] for d in days] == sorted(d["date"] for d in days)
    incidents = api.get("/api/incidents", params={"agreement": "gaza-2025"}).json()["total"]
    assert sum(d["incidents"] for d in days) == incidents
    assert all(d["incidents"] == sum(d["by_grade"].values()) for d in days)
    assert isinstance(api.get("/api/alerts", params={"agreement": "gaza-2025"}).json(), list)


def test_report_with_markup_is_served_as_data(app: Truce, tmp_path) -> None:
    body = ("Israeli drones struck Rafah on Monday, killing 3 people, the health ministry "
            "said. <script>alert('x')</script> <img src=x onerror=alert(1)>")
    path = write(tmp_path / "markup.md", report_md("<script>alert(1)</script> Strike", body))
    app.ingest([str(path)])
    api = client(app)
    report = api.get("/api/reports").json()["items"][0]
    answer = api.get(f"/api/reports/{report['id']}")
    assert answer.headers["content-type"] == "application/json"
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert "<script>" in answer.json()["title"]  # kept as data, exactly
    assert "default-src 'self'" in answer.headers["content-security-policy"]
    assert "script-src 'self'" in answer.headers["content-security-policy"]
