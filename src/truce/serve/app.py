"""Assemble the ASGI application from its routers.

``create_app`` is the one place that wires the API (``api.py``), accounts
(``auth.py``), security middleware (``security.py``) and dashboard pages
(``pages.py``) around a :class:`truce.app.Truce`.
"""

from __future__ import annotations

import threading

from fastapi import FastAPI

from truce.app import Truce
from truce.serve import api, auth, pages
from truce.serve.memo import Memo
from truce.serve.security import MAX_BODY, BodyLimit, SecurityHeaders


def create_app(truce: Truce, anonymous: str = "read", tiles: str | None = None,
               max_body: int = MAX_BODY) -> FastAPI:
    """The web app over one Truce instance (its store is the app's database).

    ``anonymous`` is "read" (anyone may read) or "none" (log in to read); ``tiles`` is a map
    tile URL template (None: the offline outline only), allowed as an image source.
    """
    if anonymous not in auth.ANONYMOUS_MODES:
        raise ValueError(f"anonymous must be one of {auth.ANONYMOUS_MODES}")
    app = FastAPI(title="Truce", version="0.1.0", openapi_url="/openapi.json",
                  docs_url=None, redoc_url=None)
    app.state.truce = truce
    app.state.anonymous = anonymous
    app.state.tiles = tiles
    app.state.login_limiter = auth.FailureLimiter()
    app.state.write_lock = threading.Lock()
    app.state.api_memo = Memo(64)
    app.include_router(api.router, prefix="/api")
    app.include_router(auth.router)
    app.include_router(pages.router)
    app.mount("/static", pages.static_files(), name="static")
    app.add_middleware(BodyLimit, limit=max_body)
    app.add_middleware(SecurityHeaders, tiles=tiles)  # outermost: also on 413 answers
    return app
