from datetime import date

import pytest

from extractkit import extract_text as _events
from extractkit import first_of_type as _of_type
from truce.app import Truce
from truce.extract.dates import resolve
from truce.model import Report

MONDAY = date(2025, 10, 20)


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("on Sunday", "2025-10-19", "day"),
        ("late on Tuesday", "2025-10-14", "day"),
        ("on Monday", "2025-10-20", "day"),
        ("last Monday", "2025-10-13", "day"),
        ("yesterday", "2025-10-19", "day"),
        ("last night", "2025-10-19", "day"),
        ("overnight", "2025-10-19", "day"),  # a night is dated by the evening it begins
        ("overnight into Sunday", "2025-10-18", "day"),
        ("Saturday night", "2025-10-18", "day"),
        ("over the past day", "2025-10-19", "day"),
        ("the past 24 hours", "2025-10-19", "day"),
        ("fifth straight night", "2025-10-19", "day"),
        ("over the weekend", "2025-10-18", "week"),
        ("this morning", "2025-10-20", "day"),
        ("three days ago", "2025-10-17", "day"),
        ("last week", "2025-10-13", "week"),
        ("October 10", "2025-10-10", "day"),
        ("10 October 2025", "2025-10-10", "day"),
        ("on 27 November 2024", "2024-11-27", "day"),
        ("in December", "2024-12-01", "month"),
        ("March 2024", "2024-03-01", "month"),
        ("last month", "2025-09-01", "month"),
        ("earlier this month", "2025-10-01", "month"),
        ("last year", "2024-01-01", "year"),
        ("2025-10-13", "2025-10-13", "day"),
    ],
)
def test_resolves_against_publication_date(text: str, value: str, precision: str) -> None:
    resolved = resolve(text, MONDAY)
    assert resolved is not None
    assert (resolved.value, resolved.precision) == (value, precision)


def test_future_weekday_looks_forward() -> None:
    resolved = resolve("on Thursday", MONDAY, future=True)
    assert resolved is not None and resolved.value == "2025-10-23"


def test_date_late_in_year_without_year_belongs_to_previous_year() -> None:
    resolved = resolve("December 28", date(2025, 1, 3))
    assert resolved is not None and resolved.value == "2024-12-28"


@pytest.mark.parametrize("text", ["60 days", "two years", "for three weeks", "since October"])
def test_durations_are_not_dates(text: str) -> None:
    assert resolve(text, MONDAY) is None



def test_plan_for_the_weekday_of_publication_is_that_day() -> None:
    resolved = resolve("on Monday", MONDAY, future=True)
    assert resolved is not None and resolved.value == "2025-10-20"
    resolved = resolve("next Monday", MONDAY, future=True)
    assert resolved is not None and resolved.value == "2025-10-27"


def test_coming_days_is_the_week_of_publication() -> None:
    resolved = resolve("in the coming days", MONDAY, future=True)
    assert resolved is not None and (resolved.value, resolved.precision) == ("2025-10-20", "week")


def test_plan_is_not_dated_by_a_past_date_in_its_sentence(pipeline_app: Truce) -> None:
    events = _events(pipeline_app, "The minister said the two sides would hold talks on the "
                                   "soldiers captured in March 2024.")
    assert _of_type(events, "CONSULT")["date"] is None


def test_act_a_party_is_accused_of_is_dated_by_its_context(pipeline_app: Truce) -> None:
    text = ("Israeli strikes killed four people on Sunday. The army accused the group of "
            "shelling its positions near the border.")
    shelling = [e for e in _events(pipeline_app, text) if e["event_type"] == "ASSAULT" and
                e["claimant"] is not None]
    assert shelling and shelling[0]["date"] is not None
    assert shelling[0]["date"]["value"] == "2025-10-19"


@pytest.mark.parametrize(
    ("second", "event_type"),
    [
        # an act a party is only ready or offers to carry out
        ("The UN said it was ready to support the monitoring mechanism.", "COOPERATE"),
        # an act under a modal
        ("A Lebanese officer said soldiers would not enter the villages yet.", "MOBILIZE"),
    ],
)
def test_act_outside_the_reports_time_takes_no_date_from_context(
        pipeline_app: Truce, second: str, event_type: str) -> None:
    events = _events(pipeline_app, f"Israeli strikes killed four people on Sunday. {second}")
    found = [e for e in events if e["event_type"] == event_type and
             e["evidence"]["text"] == second]
    assert found and found[0]["date"] is None


def test_threat_under_a_modal_is_dated_when_made(pipeline_app: Truce) -> None:
    events = _events(pipeline_app, "Israeli strikes killed four people on Sunday. The army said "
                                   "it would respond with force to any attack.")
    assert _of_type(events, "THREATEN")["date"] is not None


def test_news_report_saying_in_the_present_is_a_standing_position(pipeline_app: Truce) -> None:
    text = "Israeli strikes killed four people on Sunday.\n\nHamas denies storing weapons in homes."
    assert _of_type(_events(pipeline_app, text), "REJECT")["date"] is None
    repeated = _events(pipeline_app, "Israeli strikes killed four people on Sunday.\n\nEgypt has "
                                     "repeatedly rejected the plan.")
    assert _of_type(repeated, "REJECT")["date"] is None


def test_partys_own_statement_in_the_present_is_dated_when_issued(pipeline_app: Truce) -> None:
    text = "Israeli strikes killed four people on Sunday.\n\nWe call on the mediators to act."
    request = _of_type(_events(pipeline_app, text, outlet="Hamas"), "REQUEST")
    assert request["date"] is not None and request["date"]["value"] == "2025-10-20"


def test_partys_own_statement_dates_a_state_it_tells_in_the_present(pipeline_app: Truce) -> None:
    text = ("Israeli strikes killed four people on Sunday.\n\nThe army remains deployed in the "
            "south of the country and will act against any threat.")
    events = _events(pipeline_app, text, outlet="Israel Defense Forces")
    mobilize = _of_type(events, "MOBILIZE")
    assert mobilize["date"] is not None and mobilize["date"]["value"] == "2025-10-20"


def test_partys_own_headline_in_the_present_holds_the_day_it_is_issued(
        pipeline_app: Truce) -> None:
    report = Report(doc="t.md", title="Hostile gunmen keep up attacks on our posts near Sudzha",
                    text="Hostile gunmen keep up attacks on our posts near Sudzha\n\nOn Saturday, "
                         "gunmen fired mortars at two border posts near Sudzha.",
                    published=MONDAY, outlet="Russian Ministry of Defence")
    events = [e.to_dict() for e in pipeline_app.extractor.extract(report)]
    headline = [e for e in events if e["event_type"] == "ASSAULT" and
                e["evidence"]["start"] == 0]
    assert headline and headline[0]["date"] is not None
    assert headline[0]["date"]["value"] == MONDAY.isoformat()


def test_an_act_joined_to_a_present_progressive_is_going_on(pipeline_app: Truce) -> None:
    text = ("Militants shelled Goma airport on Sunday.\n\nOur engineers help the Congolese army, "
            "which is rebuilding its barracks and deploying more troops north.")
    mobilize = _of_type(_events(pipeline_app, text, outlet="MONUSCO"), "MOBILIZE")
    assert mobilize["date"] is not None and mobilize["date"]["value"] == MONDAY.isoformat()


def test_earlier_this_evening_is_the_day_of_publication(pipeline_app: Truce) -> None:
    text = "Earlier this evening, militants fired three rockets at an army post near Metula."
    assault = _of_type(_events(pipeline_app, text, outlet="Israel Defense Forces"), "ASSAULT")
    assert assault["date"] is not None and assault["date"]["value"] == "2025-10-20"
    assert assault["date"]["text"] == "Earlier this evening"


def test_conditional_threat_is_dated_when_made(pipeline_app: Truce) -> None:
    events = _events(pipeline_app, "Israeli strikes killed four people on Sunday.\n\nIf the "
                                   "attacks go on, the armed forces will deliver a firm response.")
    threat = _of_type(events, "THREATEN")
    assert threat["date"] is not None


def test_present_attribution_does_not_undate_the_act_it_reports(pipeline_app: Truce) -> None:
    events = _events(pipeline_app, "Israeli strikes killed four people on Sunday.\n\nA drone "
                                   "strike killed two men in Khan Younis, the ministry says.")
    later = [e for e in events if e["event_type"] == "ASSAULT" and "drone" in
             e["evidence"]["text"]]
    assert later and later[0]["date"] is not None


def test_permission_granted_is_an_act_of_its_paragraph(pipeline_app: Truce) -> None:
    events = _events(pipeline_app, "Israel opened the Kerem Shalom crossing on Sunday and "
                                   "allowed 200 aid trucks to enter Gaza. Israel also allowed "
                                   "fuel trucks to enter the Strip.")
    dated = [e["date"] for e in events if e["evidence"]["text"].startswith("Israel also")]
    assert dated and all(d is not None and d["value"] == "2025-10-19" for d in dated)


@pytest.mark.parametrize(("phrase", "value"), [("On the same day", "2025-10-16"),
                                               ("Hours later", "2025-10-16"),
                                               ("The next day", "2025-10-17")])
def test_day_named_by_the_one_told_before(pipeline_app: Truce, phrase: str, value: str) -> None:
    events = _events(pipeline_app, "Rebels attacked army positions near Goma on Thursday.\n\n"
                                   f"{phrase}, rebels shelled a village north of the city.")
    shelling = [e for e in events if e["evidence"]["text"].startswith(phrase)]
    assert shelling and shelling[0]["date"]["value"] == value


def test_time_on_an_adverbial_clause_above_dates_the_act(pipeline_app: Truce) -> None:
    for opening in ("Following security talks on Saturday", "Having consulted his ministers "
                                                          "on Saturday"):
        events = _events(pipeline_app, f"{opening}, the prime minister ordered the army to "
                                       "carry out strikes in Gaza.")
        strikes = _of_type(events, "ASSAULT")
        assert strikes["date"] is not None and strikes["date"]["value"] == "2025-10-18"


def test_act_only_readied_is_not_dated_by_the_saying(pipeline_app: Truce) -> None:
    events = _events(pipeline_app, "The army said on Saturday that its units were ready to "
                                   "deploy in the border villages.")
    assert _of_type(events, "MOBILIZE")["date"] is None


def test_state_told_in_the_present_holds_on_the_day_of_the_report(pipeline_app: Truce) -> None:
    events = _events(pipeline_app, "Israeli strikes killed four people in Rafah on Saturday. "
                                   "Aid officials said the Rafah crossing remains shut.")
    closure = _of_type(events, "COERCE")
    assert closure["date"] is not None and closure["date"]["value"] == "2025-10-20"


def test_partys_statement_dates_its_past_narrative_by_the_occasion(pipeline_app: Truce) -> None:
    text = ("A Hamas delegation met Egyptian mediators in Cairo yesterday.\n\n"
            "The delegation urged the mediators to stop the occupation's attacks.")
    request = _of_type(_events(pipeline_app, text, outlet="Hamas"), "REQUEST")
    assert request["date"] is not None and request["date"]["value"] == "2025-10-19"


def test_report_day_of_an_act_going_on_is_not_carried(pipeline_app: Truce) -> None:
    text = ("A Hamas delegation met Egyptian mediators in Cairo yesterday.\n\n"
            "The delegation stressed that the occupation is still blocking aid. It urged the "
            "mediators to act.")
    request = _of_type(_events(pipeline_app, text, outlet="Hamas"), "REQUEST")
    assert request["date"] is not None and request["date"]["value"] == "2025-10-19"


def test_headline_tally_is_not_dated_by_a_later_part_of_it(pipeline_app: Truce) -> None:
    title = "Media office counts 90 violations of the truce"
    text = (f"{title}\n\nThe Gaza Government Media Office said Israel had committed 90 "
            "violations of the ceasefire since it took effect.\n\nIt said 12 of those "
            "violations happened on Saturday.")
    report = Report(doc="t.md", text=text, title=title, published=MONDAY, outlet="Test Wire")
    events = [e.to_dict() for e in pipeline_app.extractor.extract(report)]
    headline = [e for e in events if e["event_type"] == "ACCUSE" and
                e["evidence"]["text"] == title]
    assert headline and headline[0]["date"] is None  # not Saturday's part of the tally

