"""Dashboard pages (server-rendered, escaped) at /.

Pages are Jinja templates with autoescaping: report text is untrusted and is
only ever inserted as text. Scripts and styles are static files (the app's
CSP allows no inline script). Filters travel in the query string.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from truce.accounts import role_rank
from truce.analyse.compliance import source_of
from truce.app import Truce
from truce.model import record_entity_names
from truce.registry.files import data_path
from truce.serve import views
from truce.serve.auth import Principal, principal, safe_next
from truce.serve.filters import Filters
from truce.serve.memo import Memo

HERE = Path(__file__).resolve().parent
templates = Jinja2Templates(directory=HERE / "templates")
templates.env.trim_blocks = True
templates.env.lstrip_blocks = True
templates.env.globals["names"] = record_entity_names
templates.env.globals["source_of"] = source_of
templates.env.filters["basename"] = lambda path: str(path).replace("\\", "/").rsplit("/", 1)[-1]

router = APIRouter(include_in_schema=False)


def static_files() -> StaticFiles:
    """The dashboard's scripts, styles and vendored Leaflet, to mount at /static."""
    return StaticFiles(directory=HERE / "static")


def _truce(request: Request) -> Truce:
    return request.app.state.truce


def _data(request: Request) -> views.PageData:
    """The request's Truce with the app's memo of page data (made on first use)."""
    state = request.app.state
    memo = getattr(state, "page_memo", None)
    if memo is None:
        memo = state.page_memo = Memo()
    return views.PageData(state.truce, memo)


def _who(request: Request) -> Principal | None:
    """The caller, or None when the server admits no anonymous readers and nobody is in."""
    who = principal(request)
    if who.anonymous and getattr(request.app.state, "anonymous", "read") != "read":
        return None
    return who


def _to_login(request: Request) -> RedirectResponse:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse("/login?" + urlencode({"next": target}), status_code=303)


def _render(request: Request, name: str, who: Principal, context: dict[str, Any],
            status_code: int = 200) -> HTMLResponse:
    return templates.TemplateResponse(request, name, {
        **context, "who": who, "analyst": role_rank(who.role) >= role_rank("analyst"),
        "tiles": getattr(request.app.state, "tiles", None),
        "actor_name": _truce(request).actors.name,
    }, status_code=status_code)


def _filters(request: Request) -> Filters:
    return Filters.parse(request.query_params, {a.id for a in _truce(request).agreements})


def _not_found(request: Request, who: Principal, what: str) -> HTMLResponse:
    return _render(request, "not_found.html", who, {"what": what}, status_code=404)


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request) -> Response:
    """Filters, the map, the timeline, alerts, compliance and the latest incidents."""
    who = _who(request)
    if who is None:
        return _to_login(request)
    filters = _filters(request)
    return _render(request, "dashboard.html", who,
                   {"filters": filters, **views.dashboard(_data(request), filters)})


@router.get("/compliance", response_class=HTMLResponse)
def compliance(request: Request) -> Response:
    """Compliance per provision and party over time; targets against reported figures."""
    who = _who(request)
    if who is None:
        return _to_login(request)
    filters = _filters(request)
    period = "day" if request.query_params.get("period") == "day" else "week"
    return _render(request, "compliance.html", who,
                   {"filters": filters, **views.compliance_page(_data(request), filters,
                                                                period)})


@router.get("/incidents/{incident_id}", response_class=HTMLResponse)
def incident(request: Request, incident_id: str) -> Response:
    """Every source on an incident side by side."""
    return _detail(request, "incident.html", f"incident {incident_id}",
                   lambda: views.incident_page(_truce(request), incident_id))


@router.get("/reports/{report_id}", response_class=HTMLResponse)
def report(request: Request, report_id: int) -> Response:
    """A report's text with the evidence of each event highlighted."""
    return _detail(request, "report.html", f"report {report_id}",
                   lambda: views.report_page(_truce(request), report_id))


def _detail(request: Request, template: str, what: str,
            context: Callable[[], dict[str, Any] | None]) -> Response:
    """One item's page: login first where required, 404 when the item does not exist."""
    who = _who(request)
    if who is None:
        return _to_login(request)
    found = context()
    if found is None:
        return _not_found(request, who, what)
    return _render(request, template, who, found)


@router.get("/review", response_class=HTMLResponse)
def review(request: Request, offset: int = 0) -> Response:
    """The analysts' queue: confirm, correct or reject machine-coded events."""
    who = principal(request)
    if who.anonymous:
        return _to_login(request)
    if role_rank(who.role) < role_rank("analyst"):
        return _render(request, "forbidden.html", who, {"role": "analyst"}, status_code=403)
    return _render(request, "review.html", who,
                   views.review_page(_truce(request), max(0, offset)))


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request) -> Response:
    """The login form; it posts to the accounts router's POST /login."""
    return _render(request, "login.html", principal(request), {
        "next": safe_next(request.query_params.get("next")),
        "failed": request.query_params.get("error") == "invalid",
    })


@router.get("/region-outline.geojson")
def region_outline() -> FileResponse:
    """The bundled outline of the region, drawn under the markers (works offline)."""
    return FileResponse(data_path("region-outline.geojson"), media_type="application/geo+json")
