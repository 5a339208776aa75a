"""Assemble the ASGI application from its routers.

``create_app`` is the one place that wires the API (``api.py``), accounts
(``auth.py``), security middleware (``security.py``) and dashboard pages
(``pages.py``) around a :class:`truce.app.Truce`.
"""

from __future__ import annotations

from fastapi import FastAPI

from truce.app import Truce
from truce.serve import api, pages


def create_app(truce: Truce) -> FastAPI:
    """The web app over one Truce instance (its store is the app's database)."""
    app = FastAPI(title="Truce", version="0.1.0", openapi_url="/openapi.json")
    app.state.truce = truce
    app.include_router(api.router, prefix="/api")
    app.include_router(pages.router)
    return app
