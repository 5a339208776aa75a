"""Arabic reports go through the registry-driven Arabic path and are not dropped."""

from __future__ import annotations

from datetime import date

from truce.app import Truce
from truce.model import Report

from conftest import SAMPLES


def _by_type(app: Truce, text: str, published: date) -> dict[str, dict]:
    report = Report(doc="ar.md", text=text, published=published)  # language detected
    found = {}
    for event in app.extractor.extract(report):
        found.setdefault(event.event_type, event.to_dict())
    return found


def _id(entity: dict | None) -> str | None:
    return entity["id"] if entity else None


def test_arabic_attack_with_claimant_toll_place_and_relative_date(pipeline_app: Truce) -> None:
    events = _by_type(pipeline_app, "قالت وزارة الصحة في غزة إن 12 شهيدا سقطوا في غارات "
                                    "إسرائيلية على خان يونس أمس.", date(2025, 10, 29))
    attack = events["ASSAULT"]
    assert _id(attack["claimant"]) == "pse.gaza.moh"
    assert _id(attack["actor"]) == "isr.idf"
    assert attack["location"]["name"] == "Khan Younis"
    assert attack["date"]["value"] == "2025-10-28"
    assert {"kind": "killed", "value": 12} in [
        {"kind": q["kind"], "value": q["value"]} for q in attack["quantities"]]
    assert attack["agreement"] == "gaza-2025"


def test_arabic_accusation_and_denial_take_verb_first_order(pipeline_app: Truce) -> None:
    events = _by_type(pipeline_app, "واتهمت حركة حماس إسرائيل بخرق الاتفاق. ونفى جيش الاحتلال "
                                    "ذلك يوم الثلاثاء.", date(2025, 10, 29))
    assert _id(events["ACCUSE"]["actor"]) == "pse.hamas"
    assert _id(events["ACCUSE"]["recipient"]) == "isr"
    assert _id(events["REJECT"]["actor"]) == "isr.idf"
    assert events["REJECT"]["date"]["value"] == "2025-10-28"


def test_ceasefire_phrase_is_not_gunfire(pipeline_app: Truce) -> None:
    events = _by_type(pipeline_app, "التزمت الحركة باتفاق وقف إطلاق النار.", date(2025, 10, 29))
    assert "ASSAULT" not in events


def test_arabic_samples_are_ingested(app: Truce) -> None:
    summary = app.ingest([str(SAMPLES / "arabic")])
    assert summary.stored == 2 and summary.events >= 8


def test_arabic_clauses_joined_by_commas_are_one_strike_with_its_owner(
        pipeline_app: Truce) -> None:
    report = Report(doc="ar.md", published=date(2025, 11, 3),
                    text="أفادت وكالة الأنباء والمعلومات الفلسطينية \"وفا\" باستشهاد مواطن، "
                         "وإصابة آخرين، في قصف طائرة مسيرة تابعة لجيش الاحتلال في رفح.")
    attacks = [e.to_dict() for e in pipeline_app.extractor.extract(report)
               if e.event_type == "ASSAULT"]
    assert len(attacks) == 1
    assert _id(attacks[0]["actor"]) == "isr.idf"
    assert _id(attacks[0]["claimant"]) == "pse.wafa"
    assert attacks[0]["recipient"] is None or _id(attacks[0]["recipient"]) != "isr.idf"
