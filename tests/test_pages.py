"""Dashboard pages through the real ASGI app over a real database (no browser): the
figures they show, escaping, filters in the URL, access, and freshness after changes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from starlette.datastructures import QueryParams

from truce import review
from truce.accounts import hash_password
from truce.analyse.compliance import compliance
from truce.analyse.timeline import compliance_over_time, event_day, target_series
from truce.app import Truce
from truce.config import Settings
from truce.serve.app import create_app
from truce.serve.filters import Filters
from truce.serve.highlight import pieces
from truce.serve.memo import Memo
from truce.serve.records import compliance_record
from truce.serve.tallies import weighted_compliance, weighted_over_time
from truce.serve.views import PERIODS_SHOWN, PageData, compliance_page
from truce.store import accounts
from truce.store.database import EventFilter, shape_of
from truce.store.schema import events, reports
from truce.store.summaries import collapse, compliance_shapes, target_figures

from conftest import SAMPLES, report_md, write

GAZA = SAMPLES / "gaza-2025"


@pytest.fixture(scope="module")
def gaza(pipeline_app: Truce, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Truce]:
    """One database of the Gaza sample reports for the module (tests only add to it)."""
    truce = Truce(Settings.resolve(str(tmp_path_factory.mktemp("pages") / "pages.db")))
    for name in ("extractor", "actors", "places", "agreements"):
        truce.__dict__[name] = getattr(pipeline_app, name)
    summary = truce.ingest([str(GAZA)])
    assert summary.ok and summary.events > 100
    yield truce
    truce.close()


@pytest.fixture
def client(gaza: Truce) -> Iterator[TestClient]:
    with TestClient(create_app(gaza)) as browser:
        yield browser


def _table(rows: list) -> list[tuple]:
    return sorted((row.provision.id, entry.party, sorted(entry.alleged.items()),
                   sorted(entry.denied.items()), sorted(entry.complied.items()))
                  for row in rows for entry in row.parties
                  if entry.alleged or entry.denied or entry.complied)


def test_compliance_from_grouped_events_equals_the_analysis_of_every_record(gaza: Truce):
    agreement = gaza.agreements.get("gaza-2025")
    records = gaza.store.events(EventFilter(agreement="gaza-2025"))
    shapes = compliance_shapes(gaza.store, "gaza-2025")
    assert sum(s.count for s in shapes) < len(records) * 3
    expected = _table(compliance(records, agreement, gaza.actors))
    assert expected  # the samples do allege violations
    assert _table(weighted_compliance(shapes, agreement, gaza.actors)) == expected


def test_compliance_over_time_from_groups_equals_the_analysis(gaza: Truce):
    agreement = gaza.agreements.get("gaza-2025")
    records = gaza.store.events(EventFilter(agreement="gaza-2025"))

    def key(row):
        return (row.period, row.provision, row.party, row.alleged, sorted(row.by_alleger),
                row.denied, row.complied)

    expected = sorted(map(key, compliance_over_time(records, agreement, gaza.actors, "week")))
    shapes = compliance_shapes(gaza.store, "gaza-2025", period="week")
    found = weighted_over_time(shapes, agreement, gaza.actors, "week")
    assert sorted(map(key, found)) == expected
    assert all(sum(n for _, n in row.by_grade) == row.alleged for row in found)
    whole = _table(compliance(records, agreement, gaza.actors))
    assert _table(weighted_compliance(collapse(shapes), agreement, gaza.actors)) == whole


def test_evidence_pieces_cover_the_text_and_overlaps_merge():
    text = "One. Strikes hit Rafah, the ministry said. Two."
    start = text.index("Strikes")
    end = text.index(" Two")
    records = [{"id": 1, "evidence": {"start": start, "end": end, "text": text[start:end]}},
               {"id": 2, "evidence": {"start": start, "end": start + 7, "text": "Strikes"}},
               {"id": 3, "evidence": {"start": 0, "end": 3, "text": "not at 0"}}]
    found = pieces(text, records)
    assert "".join(p.text for p in found) == text
    assert [(p.text, p.events) for p in found if p.marked] == [(text[start:end], [1, 2])]


def test_report_markup_is_escaped_and_evidence_marked(app: Truce, tmp_path: Path):
    hostile = write(tmp_path / "hostile.md", report_md(
        "Strikes <b>reported</b>",
        "Israeli air strikes killed 4 people in Khan Younis on Monday, the Gaza health "
        "ministry said. <script>alert(1)</script>"))
    assert app.ingest([str(hostile)]).events >= 1
    with TestClient(create_app(app)) as browser:
        page = browser.get("/reports/1")
    assert page.status_code == 200
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    assert "Strikes &lt;b&gt;reported&lt;/b&gt;" in page.text
    assert '<mark id="event-' in page.text
    assert "the Gaza health ministry said.</mark>" in page.text


def test_filters_parse_what_is_valid_and_drop_the_rest():
    filters = Filters.parse(QueryParams(
        "agreement=nope&grade=confirmed&type=assault&date_from=2025-10-20&date_to=soon"
        "&party=pse.hamas"), {"gaza-2025"})
    assert filters == Filters(party="pse.hamas", type="ASSAULT", grade="confirmed",
                              date_from=date(2025, 10, 20))
    assert filters.query(period="day") == (
        "?party=pse.hamas&type=ASSAULT&grade=confirmed&date_from=2025-10-20&period=day")
    assert filters.query(grade=None).count("grade") == 0


def test_dashboard_filters_narrow_the_incidents(client: TestClient):
    everything = client.get("/")
    confirmed = client.get("/?grade=confirmed")
    assert everything.status_code == confirmed.status_code == 200
    assert everything.text.count('class="badge grade-single-source"') > 1
    recent = confirmed.text.split("Recent incidents", 1)[1]
    assert 'class="badge grade-confirmed"' in recent
    assert 'class="badge grade-single-source"' not in recent
    assert '<option selected>confirmed</option>' in confirmed.text


def test_pages_show_new_data_after_an_ingest(gaza: Truce, client: TestClient, tmp_path: Path):
    before = client.get("/")
    assert "Deir al-Balah" not in before.text.split("Recent incidents", 1)[1]
    fresh = write(tmp_path / "fresh.md", report_md(
        "Shelling in Deir al-Balah", "Israeli tanks shelled Deir al-Balah on Thursday, "
        "killing 2 people, the Gaza health ministry said.", published="2026-01-15"))
    assert gaza.ingest([str(fresh)]).events >= 1
    after = client.get("/")
    assert "Deir al-Balah" in after.text.split("Recent incidents", 1)[1]


def test_memo_keeps_results_until_the_generation_changes():
    memo = Memo(size=2)
    calls = []

    def compute(value: int):
        return lambda: calls.append(value) or value

    assert memo.fetch(1, "a", compute(10)) == 10
    assert memo.fetch(1, "a", compute(11)) == 10
    assert memo.fetch(2, "a", compute(12)) == 12
    memo.fetch(2, "b", compute(13))
    memo.fetch(2, "c", compute(14))
    assert memo.fetch(2, "a", compute(15)) == 15  # the least recently used went first
    assert calls == [10, 12, 13, 14, 15]


def test_pages_need_a_login_when_the_server_admits_no_anonymous_reader(gaza: Truce):
    with TestClient(create_app(gaza, anonymous="none")) as browser:
        answer = browser.get("/compliance?agreement=gaza-2025", follow_redirects=False)
        assert answer.status_code == 303
        assert answer.headers["location"] == "/login?next=%2Fcompliance%3Fagreement%3Dgaza-2025"
        assert browser.get("/login").status_code == 200


def test_review_queue_is_for_analysts(gaza: Truce, client: TestClient):
    accounts.add_user(gaza.store, "vera", hash_password("viewer-password"), "viewer")
    assert client.get("/review", follow_redirects=False).status_code == 303
    client.post("/login", data={"username": "vera", "password": "viewer-password",
                                "next": "/review"})
    refused = client.get("/review")
    assert refused.status_code == 403
    assert "analyst" in refused.text


def test_unknown_records_answer_404(client: TestClient):
    assert client.get("/incidents/no-such-incident").status_code == 404
    assert client.get("/reports/999999").status_code == 404


def test_map_gets_the_tile_layer_only_when_configured(gaza: Truce, client: TestClient):
    assert 'data-tiles=""' in client.get("/").text
    tiles = "https://tiles.example.org/{z}/{x}/{y}.png"
    with TestClient(create_app(gaza, tiles=tiles)) as browser:
        page = browser.get("/")
    assert f'data-tiles="{tiles}"' in page.text
    assert "https://tiles.example.org" in page.headers["content-security-policy"]


def _period_key(row) -> tuple:
    return (row.period, row.provision, row.party, row.alleged, sorted(row.by_alleger),
            sorted(row.by_grade), row.denied, row.complied)


def _api_key(found: dict) -> dict:
    """An /api/compliance answer without the order of its mappings."""
    return {
        "rows": sorted((r["provision"], r["party"], r["alleged"], sorted(r["alleged_by"].items()),
                        r["denied"], sorted(r["denied_by"].items()), r["complied"],
                        sorted(r["complied_by"].items())) for r in found["rows"]),
        "targets": found["targets"],
        "periods": sorted((p["period"], p["provision"], p["party"], p["alleged"],
                           sorted(p["by_alleger"].items()), sorted(p["by_grade"].items()),
                           p["denied"], p["complied"])
                          for p in found["periods"]),
    }


def test_grouped_compliance_equals_the_analysis_after_reviews_and_reextraction(app: Truce):
    """Stored shapes follow every write (ingest, correction, rejection, re-extraction), and
    the tables, periods, target figures and /api/compliance built from them equal the
    analysis of every record, on each backend."""
    assert app.ingest([str(GAZA)]).ok
    agreement = app.agreements.get("gaza-2025")
    alleged = [e for e in app.store.events(EventFilter(agreement="gaza-2025"))
               if any(p["relation"] == "violation_alleged" for p in e.get("provisions") or [])]
    review.review_event(app, alleged[0]["id"], "correct",
                        {"claimant": {"id": "un.ocha", "name": "OCHA"},
                         "actor": [{"id": "pse.hamas", "name": "Hamas"}]}, None, "amal")
    review.review_event(app, alleged[1]["id"], "reject", {}, None, "amal")
    review.reextract(app)
    with app.store.engine.connect() as connection:
        rows = connection.execute(select(events.c.record, events.c.shape, events.c.shape_id,
                                         reports.c.outlet)
                                  .join(reports, reports.c.id == events.c.report_id)).all()
    assert all((row.shape, row.shape_id) == shape_of(row.record, row.outlet) for row in rows)
    assert sum(row.shape is not None for row in rows) > 50

    records = app.store.events(EventFilter(agreement="gaza-2025"))
    assert alleged[1]["id"] not in {r["id"] for r in records}
    grades = {i["id"]: i["grade"] for i in app.store.incidents()}

    def grade_of(record: dict) -> str | None:
        return grades.get(record.get("incident_id") or "")

    whole = compliance_shapes(app.store, "gaza-2025")
    expected = compliance(records, agreement, app.actors)
    assert _table(weighted_compliance(whole, agreement, app.actors)) == _table(expected)
    for period in ("day", "week"):
        found = weighted_over_time(compliance_shapes(app.store, "gaza-2025", period=period),
                                   agreement, app.actors, period)
        analysed = compliance_over_time(records, agreement, app.actors, period, grade_of)
        assert sorted(map(_period_key, found)) == sorted(map(_period_key, analysed))
        assert any(row.by_grade and row.by_grade[0][0] != "ungraded" for row in found)

    targets = {p.id: p.target for p in agreement.provisions if p.target is not None}
    figures = {(f.provision, f.source, f.kind): (f.reports, f.low, f.high)
               for f in target_figures(app.store, "gaza-2025", targets, whole)}
    counted: dict[tuple, list[int]] = {}
    for table in expected:
        for figure in table.figures:
            counted.setdefault((table.provision.id, figure.source, figure.kind),
                               []).append(figure.value)
    assert figures and figures == {key: (len(v), min(v), max(v)) for key, v in counted.items()}

    with TestClient(create_app(app)) as browser:
        for params in ({}, {"period": "day", "date_from": "2025-10-15"}):
            answer = browser.get("/api/compliance", params={"agreement": "gaza-2025", **params})
            assert answer.status_code == 200
            chosen = [r for r in records if not params.get("date_from")
                      or (event_day(r) and event_day(r).isoformat() >= params["date_from"])]
            series = {p.id: target_series(chosen, p.target.quantity_kinds, p.id)
                      for p in agreement.provisions if p.target is not None}
            analysed = compliance_over_time(chosen, agreement, app.actors,
                                            params.get("period", "week"), grade_of)
            reference = compliance_record(compliance(chosen, agreement, app.actors), series,
                                          analysed, agreement, app.actors)
            assert _api_key(answer.json()) == _api_key(reference)


def test_compliance_page_shows_the_latest_periods_as_the_analysis_counts_them(gaza: Truce):
    agreement = gaza.agreements.get("gaza-2025")
    records = gaza.store.events(EventFilter(agreement="gaza-2025"))
    grades = {i["id"]: i["grade"] for i in gaza.store.incidents()}
    analysed = compliance_over_time(records, agreement, gaza.actors, "day",
                                    lambda r: grades.get(r.get("incident_id") or ""))
    days = sorted({row.period for row in analysed})
    assert len(days) > PERIODS_SHOWN  # the page has earlier days to link to
    data = PageData(gaza, Memo())
    section = compliance_page(data, Filters.parse(QueryParams("agreement=gaza-2025"),
                                                  {"gaza-2025"}), "day")["sections"][0]
    latest = days[-PERIODS_SHOWN:]
    assert sorted(map(_period_key, section["periods"])) == sorted(
        _period_key(row) for row in analysed if row.period in latest)
    assert section["earlier"] == latest[0] - timedelta(days=1)
