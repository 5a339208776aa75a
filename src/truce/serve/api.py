"""REST API under /api: reports, events, incidents, agreements, compliance, review, audit.

Handlers are thin: parse and check parameters, call ``truce.store.queries`` (reads),
``truce.review`` (writes) or ``truce.analyse`` (pure analyses), shape the answer
with ``truce.serve.records``. Bad parameters get 422 naming the parameter.
"""

from __future__ import annotations

import io
import threading
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from truce import review
from truce.analyse.timeline import escalation_alerts
from truce.app import Truce
from truce.errors import InvalidChange, NotFound, StaleVersion
from truce.link.grading import GRADES, side_of
from truce.model import EVENT_TYPES, STATUSES, TOPICS
from truce.report.exports import geojson, write_events_csv
from truce.serve import records, views
from truce.serve.auth import Analyst, Principal, Reader
from truce.serve.memo import Memo
from truce.store import queries, reviews
from truce.store.queries import (
    EVENT_SORTS,
    INCIDENT_SORTS,
    MAX_LIMIT,
    REPORT_SORTS,
    REVIEW_STATES,
    BBox,
    EventQuery,
    IncidentQuery,
    Paging,
    ReportQuery,
)
from truce.store.summaries import generation

MAX_ROW_ID = 2**31 - 1  # row ids are 32-bit integers on PostgreSQL


class Problem(BaseModel):
    """An error answer: a sentence, or FastAPI's list of field errors."""

    detail: Any


router = APIRouter(tags=["api"], responses={
    401: {"model": Problem, "description": "not logged in (or --anonymous none)"},
    403: {"model": Problem, "description": "role too low, or missing CSRF token"}})
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": Problem, "description": "no such record"}}

ReviewState = Literal["unreviewed", "confirmed", "corrected", "rejected"]
Grade = Literal["confirmed", "contested", "one-side", "single-source", "denied"]
assert set(REVIEW_STATES) == set(ReviewState.__args__)  # type: ignore[attr-defined]
assert set(GRADES) == set(Grade.__args__)  # type: ignore[attr-defined]


class Page(BaseModel):
    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int


class Me(BaseModel):
    username: str
    role: str


class ReviewRequest(BaseModel):
    action: Literal["confirm", "correct", "reject"]
    changes: dict[str, Any] = Field(default_factory=dict)
    note: str = Field("", max_length=4000)
    version: int | None = Field(None, ge=1, description="the version reviewed; 409 if stale")


class MergeRequest(BaseModel):
    ids: list[Annotated[str, Field(min_length=1, max_length=64)]] = Field(
        min_length=2, max_length=200)
    note: str = Field("", max_length=4000)


class SplitRequest(BaseModel):
    event_ids: list[Annotated[int, Field(ge=1, le=MAX_ROW_ID)]] = Field(
        min_length=1, max_length=1000)
    note: str = Field("", max_length=4000)


# ----- helpers ------------------------------------------------------------------------------


def unprocessable(name: str, reason: str, where: str = "query") -> HTTPException:
    """A 422 in FastAPI's own error shape, naming the parameter and the reason."""
    return HTTPException(422, [{"loc": [where, name], "msg": reason, "type": "value_error"}])


def _truce(request: Request) -> Truce:
    return request.app.state.truce


def _lock(request: Request) -> threading.Lock:
    return request.app.state.write_lock


def parse_bbox(value: str | None) -> BBox | None:
    if value is None or value == "":
        return None
    parts = value.split(",")
    try:
        numbers = [float(p) for p in parts]
    except ValueError:
        numbers = []
    if len(numbers) != 4 or any(n != n for n in numbers):
        raise unprocessable("bbox", "expected four numbers: minlon,minlat,maxlon,maxlat")
    min_lon, min_lat, max_lon, max_lat = numbers
    if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise unprocessable("bbox", "minlon ≤ maxlon within ±180 and minlat ≤ maxlat within ±90 "
                                    "are required")
    return BBox(min_lon, min_lat, max_lon, max_lat)


def _check_agreement(truce: Truce, agreement: str | None) -> None:
    if agreement and truce.agreements.find(agreement) is None:
        raise unprocessable("agreement", f"unknown agreement {agreement!r}; known: "
                                         f"{', '.join(sorted(truce.agreements.ids()))}")


def _check_dates(date_from: date | None, date_to: date | None) -> None:
    if date_from and date_to and date_from > date_to:
        raise unprocessable("date_to", "must not be before date_from")


Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT)]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]
Sort = Annotated[str | None, Query(max_length=32,
                                   description="a field to sort by; prefix '-' for descending")]


def _paging(sorts: dict[str, Any]) -> Any:
    def paging(limit: Limit = queries.DEFAULT_LIMIT, offset: Offset = 0,
               sort: Sort = None) -> Paging:
        if sort is not None and sort.lstrip("-") not in sorts:
            raise unprocessable("sort", f"unknown sort field {sort!r}; use one of "
                                        f"{', '.join(sorts)} (prefix '-' for descending)")
        return Paging(limit=limit, offset=offset, sort=sort)

    return paging


EventPaging = Annotated[Paging, Depends(_paging(EVENT_SORTS))]
IncidentPaging = Annotated[Paging, Depends(_paging(INCIDENT_SORTS))]
ReportPaging = Annotated[Paging, Depends(_paging(REPORT_SORTS))]
NO_NUL = r"^[^\x00]*$"  # PostgreSQL text cannot hold NUL characters
Text = Annotated[str | None, Query(max_length=200, pattern=NO_NUL)]
Id = Annotated[int, Path(ge=1, le=MAX_ROW_ID)]
TextId = Annotated[str, Path(max_length=64, pattern=NO_NUL)]
GEOJSON: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/geo+json": {}}, "description": "a FeatureCollection"}}


def event_query(request: Request, agreement: Text = None, party: Text = None,
                claimant: Text = None, topic: Text = None,
                type: Text = None,
                status: Text = None, grade: Grade | None = None,
                date_from: date | None = None, date_to: date | None = None,
                bbox: Annotated[str | None, Query(
                    description="minlon,minlat,maxlon,maxlat", max_length=200)] = None,
                place: Text = None,
                report: Annotated[int | None, Query(ge=1, le=MAX_ROW_ID)] = None,
                incident: Text = None, review: ReviewState | None = None) -> EventQuery:
    """The event filters shared by the JSON, GeoJSON and CSV listings."""
    _check_agreement(_truce(request), agreement)
    _check_dates(date_from, date_to)
    if type and type.upper() not in EVENT_TYPES:
        raise unprocessable("type", f"unknown event type {type!r}; use a PLOVER type such as "
                                    "ASSAULT")
    if status and status not in STATUSES:
        raise unprocessable("status", f"use one of {', '.join(STATUSES)}")
    if topic and topic not in TOPICS:
        raise unprocessable("topic", f"unknown topic {topic!r}; use one of {', '.join(TOPICS)}")
    return EventQuery(agreement=agreement, party=party, claimant=claimant, topic=topic,
                      event_type=type, status=status, grade=grade, date_from=date_from,
                      date_to=date_to, bbox=parse_bbox(bbox), place=place, report=report,
                      incident=incident, review=review)


def incident_query(request: Request, agreement: Text = None,
                   type: Text = None,
                   grade: Grade | None = None, party: Text = None,
                   date_from: date | None = None, date_to: date | None = None,
                   bbox: Annotated[str | None, Query(max_length=200)] = None) -> IncidentQuery:
    _check_agreement(_truce(request), agreement)
    _check_dates(date_from, date_to)
    if type and type.upper() not in EVENT_TYPES:
        raise unprocessable("type", f"unknown event type {type!r}")
    return IncidentQuery(agreement=agreement, event_type=type, grade=grade, party=party,
                         date_from=date_from, date_to=date_to, bbox=parse_bbox(bbox))


Events = Annotated[EventQuery, Depends(event_query)]
Incidents = Annotated[IncidentQuery, Depends(incident_query)]

EXPORT_LIMIT = 100_000


# ----- events -------------------------------------------------------------------------------


@router.get("/events", response_model=Page)
def list_events(request: Request, _: Reader, query: Events, paging: EventPaging) -> Any:
    """Event records with filters; rejected events only with ``review=rejected``."""
    return queries.list_events(_truce(request).store, query, paging).as_dict()


@router.get("/events.geojson", responses=GEOJSON)
def events_geojson(request: Request, _: Reader, query: Events) -> Any:
    """Located events as a GeoJSON FeatureCollection (same filters as /events)."""
    found = queries.iter_event_records(_truce(request).store, query, EXPORT_LIMIT)
    return JSONResponse(geojson(found), media_type="application/geo+json")


@router.get("/events.csv", response_class=Response,
            responses={200: {"content": {"text/csv": {}}}})
def events_csv(request: Request, _: Reader, query: Events) -> Response:
    """Events as flat CSV (same filters as /events)."""
    stream = io.StringIO()
    write_events_csv(queries.iter_event_records(_truce(request).store, query, EXPORT_LIMIT),
                     stream)
    return Response(stream.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="events.csv"'})


@router.get("/events/{event_id}", responses=NOT_FOUND)
def get_event(request: Request, _: Reader, event_id: Id) -> dict[str, Any]:
    """An event's current record and every version of it."""
    found = queries.get_event(_truce(request).store, event_id)
    if found is None:
        raise HTTPException(404, f"no event {event_id}")
    return found


@router.post("/events/{event_id}/review", responses={
    **NOT_FOUND, 409: {"model": Problem, "description": "the event changed meanwhile"}})
def review_event(request: Request, who: Analyst, event_id: Id,
                 body: ReviewRequest) -> dict[str, Any]:
    """Confirm, correct or reject an event: a new version, audited; nothing is deleted."""
    with _lock(request):
        try:
            review.review_event(_truce(request), event_id, body.action, body.changes,
                                body.note, _name(who), body.version)
        except InvalidChange as exc:
            raise unprocessable(exc.field, exc.reason, "body") from None
        except NotFound as exc:
            raise HTTPException(404, str(exc)) from None
        except StaleVersion as exc:
            raise HTTPException(409, str(exc)) from None
    found = queries.get_event(_truce(request).store, event_id)
    assert found is not None
    return found


def _name(who: Principal) -> str:
    assert who.username is not None
    return who.username


# ----- incidents ----------------------------------------------------------------------------


@router.get("/incidents", response_model=Page)
def list_incidents(request: Request, _: Reader, query: Incidents,
                   paging: IncidentPaging) -> Any:
    page = queries.list_incidents(_truce(request).store, query, paging)
    page.items = [records.incident_item(i) for i in page.items]
    return page.as_dict()


@router.get("/incidents.geojson", responses=GEOJSON)
def incidents_geojson(request: Request, _: Reader, query: Incidents) -> Any:
    found = queries.all_incidents(_truce(request).store, query)
    return JSONResponse(geojson([{**records.incident_item(i), "lat": i["lat"], "lon": i["lon"]}
                                 for i in found], "incidents"),
                        media_type="application/geo+json")


@router.get("/incidents/{incident_id}", responses=NOT_FOUND)
def get_incident(request: Request, _: Reader,
                 incident_id: TextId) -> dict[str, Any]:
    """An incident with every mention: claimant, side, status, figures, evidence, report."""
    found = queries.get_incident(_truce(request).store, incident_id)
    if found is None:
        raise HTTPException(404, f"no incident {incident_id!r}")
    return records.incident_detail(found)


@router.post("/incidents/merge")
def merge_incidents(request: Request, who: Analyst, body: MergeRequest) -> dict[str, Any]:
    """Merge incidents into one; kept as must-link decisions that survive relinking."""
    with _lock(request):
        try:
            merged = review.merge_incidents(_truce(request), body.ids, body.note, _name(who))
        except InvalidChange as exc:
            raise unprocessable(exc.field, exc.reason, "body") from None
    return {"incident": merged}


@router.post("/incidents/{incident_id}/split", responses=NOT_FOUND)
def split_incident(request: Request, who: Analyst, incident_id: TextId,
                   body: SplitRequest) -> dict[str, Any]:
    """Move events out of an incident into their own; kept as cannot-link decisions."""
    with _lock(request):
        try:
            parts = review.split_incident(_truce(request), incident_id, body.event_ids,
                                          body.note, _name(who))
        except InvalidChange as exc:
            raise unprocessable(exc.field, exc.reason, "body") from None
        except NotFound as exc:
            raise HTTPException(404, str(exc)) from None
    return {"incidents": parts}


# ----- reports ------------------------------------------------------------------------------


@router.get("/reports", response_model=Page)
def list_reports(request: Request, _: Reader, paging: ReportPaging, agreement: Text = None,
                 outlet: Text = None, date_from: date | None = None,
                 date_to: date | None = None) -> Any:
    _check_agreement(_truce(request), agreement)
    _check_dates(date_from, date_to)
    return queries.list_reports(_truce(request).store,
                                ReportQuery(agreement, outlet, date_from, date_to),
                                paging).as_dict()


@router.get("/reports/{report_id}", responses=NOT_FOUND)
def get_report(request: Request, _: Reader, report_id: Id) -> dict[str, Any]:
    """A report's metadata, its text (as data, never markup) and its events with evidence."""
    found = queries.get_report(_truce(request).store, report_id)
    if found is None:
        raise HTTPException(404, f"no report {report_id}")
    return found


# ----- agreements, compliance, timeline, alerts ---------------------------------------------


@router.get("/agreements")
def list_agreements(request: Request, _: Reader) -> list[dict[str, Any]]:
    truce = _truce(request)
    return [records.agreement_summary(a, truce.actors) for a in truce.agreements]


def _agreement(truce: Truce, agreement_id: str) -> Any:
    found = truce.agreements.find(agreement_id)
    if found is None:
        raise HTTPException(404, f"no agreement {agreement_id!r}; known: "
                                 f"{', '.join(sorted(truce.agreements.ids()))}")
    return found


@router.get("/agreements/{agreement_id}", responses=NOT_FOUND)
def get_agreement(request: Request, _: Reader, agreement_id: str) -> dict[str, Any]:
    """Parties, mediators, phases, provisions (obliged party, targets) and zones."""
    truce = _truce(request)
    return records.agreement_record(_agreement(truce, agreement_id), truce.actors)


@router.get("/agreements/{agreement_id}/provisions", responses=NOT_FOUND)
def list_provisions(request: Request, _: Reader, agreement_id: str) -> list[dict[str, Any]]:
    truce = _truce(request)
    return [records.provision_record(p, truce.actors)
            for p in _agreement(truce, agreement_id).provisions]


AgreementParam = Annotated[str, Query(max_length=64, pattern=NO_NUL,
                                      description="agreement id, e.g. gaza-2025")]


def _required_agreement(truce: Truce, agreement: str) -> Any:
    found = truce.agreements.find(agreement)
    if found is None:
        raise unprocessable("agreement", f"unknown agreement {agreement!r}; known: "
                                         f"{', '.join(sorted(truce.agreements.ids()))}")
    return found


@router.get("/compliance")
def get_compliance(request: Request, _: Reader, agreement: AgreementParam,
                   date_from: date | None = None, date_to: date | None = None,
                   period: Literal["day", "week"] = "week") -> dict[str, Any]:
    """Per provision and obliged party: allegations, denials, compliance reported; targets
    against each counter's reported figures; the same per period."""
    truce = _truce(request)
    spec = _required_agreement(truce, agreement)
    _check_dates(date_from, date_to)

    def compute() -> dict[str, Any]:
        table, series, periods = views.compliance_analysis(truce, spec, date_from, date_to,
                                                           period)
        return records.compliance_record(table, series, periods, spec, truce.actors)

    return _remembered(request, ("compliance", agreement, date_from, date_to, period), compute)


def _remembered(request: Request, key: tuple[Any, ...], compute: Any) -> Any:
    """An analysis kept until the database changes (see ``truce.serve.memo``)."""
    memo: Memo = request.app.state.api_memo
    return memo.fetch(generation(_truce(request).store), key, compute)


@router.get("/timeline")
def get_timeline(request: Request, _: Reader, agreement: AgreementParam,
                 date_from: date | None = None, date_to: date | None = None) -> dict[str, Any]:
    """Per day: incidents by grade, and event mentions by the side of who reports them."""
    truce = _truce(request)
    spec = _required_agreement(truce, agreement)
    _check_dates(date_from, date_to)
    days = queries.incident_day_counts(truce.store, IncidentQuery(
        agreement=agreement, date_from=date_from, date_to=date_to))
    claimants = queries.daily_claimant_counts(truce.store, EventQuery(
        agreement=agreement, date_from=date_from, date_to=date_to))
    sides: dict[str | None, str] = {}

    def side(claimant: str | None) -> str:
        if claimant not in sides:
            sides[claimant] = (side_of(claimant, spec, truce.actors) if claimant
                               else "outlets' own reporting")
        return sides[claimant]

    return {"agreement": agreement, **records.timeline_record(days, claimants, side)}


@router.get("/alerts")
def get_alerts(request: Request, _: Reader, agreement: AgreementParam) -> list[dict[str, Any]]:
    """Escalation alerts: days when violent incidents ran well above their baseline."""
    truce = _truce(request)
    _required_agreement(truce, agreement)
    counts = queries.incident_day_counts(truce.store, IncidentQuery(agreement=agreement))
    days = [{"first_date": day, "family": kind} for day, kind, _, n in counts for _ in range(n)]
    return [{"date": a.day.isoformat(), "window": a.window, "current": a.current,
             "baseline": round(a.baseline, 2), "explanation": a.explanation}
            for a in escalation_alerts(days)]


# ----- accounts, review queue, audit --------------------------------------------------------


@router.get("/me", response_model=Me, responses={401: {"description": "not logged in"}})
def me(who: Reader) -> Any:
    """The logged-in user, or 401."""
    if who.anonymous:
        raise HTTPException(401, "not logged in")
    return {"username": who.username, "role": who.role}


@router.get("/review/queue", response_model=Page)
def review_queue(request: Request, _: Analyst, agreement: Text = None,
                 limit: Limit = queries.DEFAULT_LIMIT, offset: Offset = 0) -> Any:
    """Unreviewed events, most consequential first: alleged violations, then the dead and
    wounded reported, then the most recent."""
    _check_agreement(_truce(request), agreement)
    return reviews.review_queue(_truce(request).store, agreement, limit, offset).as_dict()


@router.get("/audit", response_model=Page)
def audit(request: Request, _: Analyst,
          target_kind: Literal["event", "incident"] | None = None,
          target_id: Text = None, username: Text = None,
          limit: Limit = queries.DEFAULT_LIMIT, offset: Offset = 0) -> Any:
    """Every review action: who, when, what, on which record, before and after."""
    return reviews.audit_entries(_truce(request).store, target_kind, target_id, username,
                                 limit, offset).as_dict()
