"""Incident linking on the sample reports: joins, the tricky pair, syndication, order."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from truce.app import Truce
from truce.link.grading import Claim, grade
from truce.link.sighting import Sighting, compatible

from conftest import SAMPLES, sharing_pipeline

GAZA = SAMPLES / "gaza-2025"


def _incidents_of(app: Truce, doc_part: str) -> dict[str, dict]:
    return {i["id"]: i for i in app.store.incidents()
            if any(doc_part in d for d in i["summary"]["documents"])}


def test_one_incident_reported_by_several_outlets_is_joined(app: Truce) -> None:
    app.ingest([str(GAZA / "2025-11-05-hamas-kalin-istanbul-bosporus-ledger.md"),
                str(GAZA / "2025-11-06-hamas-delegation-istanbul-hamas.md")])
    meetings = [i for i in app.store.incidents() if i["family"] == "meeting"
                and i["place_name"] == "Istanbul"
                and i["first_date"] == date(2025, 11, 5)]
    assert len(meetings) == 1
    documents = meetings[0]["summary"]["documents"]
    assert any("bosporus-ledger" in d for d in documents)
    assert any("delegation-istanbul-hamas" in d for d in documents)
    assert meetings[0]["sources"] == 2


def test_same_town_same_day_different_incidents_stay_apart(app: Truce) -> None:
    drone = GAZA / "2025-11-03-khan-younis-drone-strike-coastal-herald.md"
    shooting = GAZA / "2025-11-04-khan-younis-aid-point-shooting-levant-wire.md"
    app.ingest([str(drone), str(shooting)])
    attacks = [i for i in app.store.incidents() if i["family"].startswith("attack")
               and i["first_date"] == date(2025, 11, 3) and i["place_name"]
               and "Khan Younis" in i["place_name"]]
    kinds = {i["family"] for i in attacks}
    assert {"attack-air", "attack-ground"} <= kinds
    air = next(i for i in attacks if i["family"] == "attack-air")
    ground = next(i for i in attacks if i["family"] == "attack-ground")
    assert air["id"] != ground["id"]
    assert any("drone-strike" in d for d in air["summary"]["documents"])
    assert any("aid-point-shooting" in d for d in ground["summary"]["documents"])


def test_syndicated_copy_is_one_story_and_counted_once(app: Truce, tmp_path: Path) -> None:
    original = GAZA / "2025-10-29-overnight-strikes-nile-dispatch.md"
    copy = GAZA / "2025-10-29-overnight-strikes-gulf-evening-post.md"
    app.ingest([str(original), str(copy)])
    stories = {r["story_id"] for r in _report_rows(app)}
    assert len(stories) == 1
    shared = [i for i in app.store.incidents()
              if {d.rsplit("/", 1)[-1] for d in i["summary"]["documents"]} >=
              {original.name, copy.name}]
    assert shared, "the two copies should describe shared incidents"
    assert all(i["sources"] == 1 for i in shared)


def test_copy_joins_a_story_another_writer_stored(app: Truce, pipeline_app: Truce) -> None:
    """A second writer on the same database (another process, or a colleague's machine)
    whose story index was loaded earlier still finds the original of a copy."""
    other = sharing_pipeline(pipeline_app, app.settings.db)
    other.ingest([str(GAZA / "2025-10-24-who-medical-evacuation.md")])  # loads its index
    app.ingest([str(GAZA / "2025-10-29-overnight-strikes-nile-dispatch.md")])
    other.ingest([str(GAZA / "2025-10-29-overnight-strikes-gulf-evening-post.md")])
    other.close()
    stories = [r["story_id"] for r in _report_rows(app)]
    assert len(stories) == 3 and len(set(stories)) == 2


def _report_rows(app: Truce) -> list[dict]:
    from sqlalchemy import select

    from truce.store.schema import reports

    with app.store.engine.connect() as connection:
        return [dict(r._mapping) for r in connection.execute(select(reports.c.story_id))]


def test_linking_does_not_depend_on_ingest_order(pipeline_app: Truce,
                                                 new_db: Callable[[], str]) -> None:
    files = sorted(str(p) for p in GAZA.glob("2025-10-*.md"))
    results = []
    for order in (files, list(reversed(files))):
        app = sharing_pipeline(pipeline_app, new_db())
        for path in order:  # one report at a time: linking runs after each
            app.ingest([path])
        results.append(sorted((i["id"], i["grade"], i["mentions"]) for i in
                              app.store.incidents()))
        app.close()
    assert results[0] == results[1]
    assert len(results[0]) > 10


def _sighting(**changes) -> Sighting:
    base = dict(event_id=1, key="a", family="attack-air", day=date(2025, 10, 20),
                day_from_report=False, lat=31.346, lon=34.306, precision="town",
                country="PSE", party="isr", story="s1", status="asserted", killed=7)
    base.update(changes)
    return Sighting(**base)


def test_compatibility_rules() -> None:
    a = _sighting()
    assert compatible(a, _sighting(event_id=2, key="b", killed=6, story="s2"))
    assert not compatible(a, _sighting(event_id=2, family="attack-ground"))
    assert not compatible(a, _sighting(event_id=2, day=date(2025, 10, 23)))
    assert not compatible(a, _sighting(event_id=2, lat=31.50, lon=34.47))  # Gaza City
    assert not compatible(a, _sighting(event_id=2, party="pse.hamas"))
    assert not compatible(a, _sighting(event_id=2, killed=104))
    assert not compatible(a, _sighting(event_id=2, family="attack", killed=None))


def test_grades() -> None:
    def claim(side: str, asserted: bool = True, story: str = "s") -> Claim:
        return Claim(source=side, source_id=None, side=side, asserted=asserted, story=story,
                     doc="d", event_id=1)

    assert grade([claim("Hamas")]) == "single-source"
    assert grade([claim("Hamas", story="a"), claim("Hamas", story="b")]) == "one-side"
    assert grade([claim("Hamas"), claim("Israel")]) == "confirmed"
    assert grade([claim("UN and NGOs")]) == "confirmed"
    assert grade([claim("Israel"), claim("Hamas", asserted=False)]) == "contested"
    assert grade([claim("Hamas", asserted=False)]) == "denied"
