"""Accounts over HTTP: login and logout, who is asking, role checks and CSRF.

Browsers hold a session cookie (``truce_session``, HttpOnly) and a CSRF cookie
(``truce_csrf``, readable by scripts); every unsafe request with a session must
echo the CSRF token in ``X-CSRF-Token`` or a ``csrf_token`` form field. API
clients send ``Authorization: Bearer <token>`` instead and need no CSRF token.
"""

from __future__ import annotations

import hmac
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from truce.accounts import role_rank, verify_password
from truce.store import accounts

SESSION_COOKIE = "truce_session"
CSRF_COOKIE = "truce_csrf"
CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
ANONYMOUS_MODES = ("read", "none")

router = APIRouter(tags=["accounts"])


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is making a request: a user (by session or token) or nobody."""

    username: str | None
    role: str | None
    via: str  # "session", "token" or "anonymous"
    csrf: str | None = None

    @property
    def anonymous(self) -> bool:
        return self.username is None


ANONYMOUS = Principal(None, None, "anonymous")


class FailureLimiter:
    """Counts failed logins per key (username, client address) in a sliding window."""

    def __init__(self, limit: int = 5, window: float = 60.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._failures.setdefault(key, deque())
        while times and times[0] <= now - self.window:
            times.popleft()
        return times

    def blocked(self, keys: list[str]) -> float:
        """Seconds until a retry is allowed (0 when none of the keys is over the limit)."""
        with self._lock:
            now = self.clock()
            waits = [times[0] + self.window - now for key in keys
                     if len(times := self._recent(key, now)) >= self.limit]
            for key in keys:  # forget keys with no recent failure, so memory stays bounded
                if not self._failures.get(key):
                    self._failures.pop(key, None)
        return max(waits, default=0.0)

    def fail(self, keys: list[str]) -> None:
        with self._lock:
            now = self.clock()
            for key in keys:
                self._recent(key, now).append(now)


def principal(request: Request) -> Principal:
    """Identify the caller from a bearer token or a session cookie."""
    store = request.app.state.truce.store
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        user = accounts.token_user(store, header[7:].strip())
        if user is None:
            raise HTTPException(401, "invalid API token",
                                headers={"WWW-Authenticate": "Bearer"})
        return Principal(user.username, user.role, "token")
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        found = accounts.session_user(store, cookie)
        if found is not None:
            user, csrf = found
            return Principal(user.username, user.role, "session", csrf)
    return ANONYMOUS


def current_user(request: Request) -> Principal | None:
    """The logged-in user (username, role and, for sessions, the CSRF token) or None.

    An invalid bearer token counts as nobody here; the API answers it with 401.
    """
    try:
        who = principal(request)
    except HTTPException:
        return None
    return None if who.anonymous else who


def reader(request: Request) -> Principal:
    """Read access: any user; anonymous callers too unless the server runs --anonymous none."""
    who = principal(request)
    if who.anonymous and request.app.state.anonymous != "read":
        raise HTTPException(401, "log in to read", headers={"WWW-Authenticate": "Bearer"})
    return who


def require_role(role: str) -> Callable[[Request], Principal]:
    """A dependency admitting users of ``role`` or above, with CSRF checked for sessions."""

    async def check(request: Request) -> Principal:
        who = principal(request)
        if who.anonymous:
            raise HTTPException(401, "log in first", headers={"WWW-Authenticate": "Bearer"})
        if role_rank(who.role) < role_rank(role):
            raise HTTPException(403, f"role {who.role!r} may not do this; {role} or above "
                                     "is required")
        if who.via == "session" and request.method not in SAFE_METHODS:
            await check_csrf(request, who)
        return who

    return check


async def check_csrf(request: Request, who: Principal) -> None:
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")):
        form = await request.form()
        value = form.get("csrf_token")
        sent = value if isinstance(value, str) else None
    if not sent or not who.csrf or not hmac.compare_digest(sent, who.csrf):
        raise HTTPException(403, f"missing or wrong CSRF token (send header {CSRF_HEADER})")


Analyst = Annotated[Principal, Depends(require_role("analyst"))]
Reader = Annotated[Principal, Depends(reader)]


def safe_next(target: str | None) -> str:
    """Where to go after login: a path on this site only (no scheme, host or '//')."""
    if not target or not target.startswith("/") or target.startswith("//") \
            or "\\" in target or any(ord(c) < 32 for c in target):
        return "/"
    return target


def same_origin(request: Request) -> bool:
    """Whether a form post comes from this site (browsers send Origin on POST); a post
    without Origin (a script, an older browser) is allowed."""
    origin = request.headers.get("origin")
    if origin is None:
        return True
    return origin == f"{request.url.scheme}://{request.url.netloc}"


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


@router.post("/login", response_model=None)
def login(request: Request, username: Annotated[str, Form()],
          password: Annotated[str, Form()],
          next: Annotated[str, Form()] = "/") -> Response:
    """Check the password; on success set the session and CSRF cookies and go to ``next``."""
    if not same_origin(request):
        return JSONResponse({"detail": "login from another site refused"}, status_code=403)
    limiter: FailureLimiter = request.app.state.login_limiter
    keys = [f"user:{username.casefold()}", f"addr:{_client(request)}"]
    wait = limiter.blocked(keys)
    if wait > 0:
        return JSONResponse({"detail": "too many failed logins; try again in a minute"},
                            status_code=429, headers={"Retry-After": str(int(wait) + 1)})
    store = request.app.state.truce.store
    user = accounts.find_user(store, username)
    if not verify_password(user.password_hash if user else None, password) or user is None:
        limiter.fail(keys)
        if "text/html" in request.headers.get("accept", ""):
            back = urlencode({"error": "invalid", "next": safe_next(next)})
            return RedirectResponse(f"/login?{back}", status_code=303)
        return JSONResponse({"detail": "wrong username or password"}, status_code=401)
    token, csrf = accounts.open_session(store, user)
    response = RedirectResponse(safe_next(next), status_code=303)
    secure = request.url.scheme == "https"
    lifetime = int(accounts.SESSION_LIFETIME.total_seconds())
    response.set_cookie(SESSION_COOKIE, token, max_age=lifetime, httponly=True,
                        samesite="lax", secure=secure, path="/")
    response.set_cookie(CSRF_COOKIE, csrf, max_age=lifetime, httponly=False,
                        samesite="lax", secure=secure, path="/")
    return response


@router.post("/logout", response_model=None)
async def logout(request: Request) -> Response:
    """End the session (CSRF-checked, so another site cannot log a user out)."""
    who = principal(request)
    if who.via == "session":
        await check_csrf(request, who)
        accounts.close_session(request.app.state.truce.store,
                               request.cookies[SESSION_COOKIE])
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    response.delete_cookie(CSRF_COOKIE, path="/")
    return response
