"""Security middleware: response headers on every response and a request body size limit.

Both are plain ASGI middleware so they also cover error responses and static files.
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_BODY = 1024 * 1024


def tile_origin(template: str | None) -> str | None:
    """The origin (scheme and host) of a map tile URL template, for the CSP's img-src."""
    if not template:
        return None
    parts = urlsplit(template.replace("{s}", "a"))
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.netloc.replace("a.", "*.", 1) if "{s}" in template else parts.netloc
    return f"{parts.scheme}://{host}"


def content_security_policy(tiles: str | None = None) -> str:
    """Scripts, styles and data from this site only; images also from the tile host."""
    images = " ".join(filter(None, ("'self'", "data:", tile_origin(tiles))))
    return "; ".join((
        "default-src 'self'", "script-src 'self'", "style-src 'self'",
        f"img-src {images}", "connect-src 'self'", "font-src 'self'",
        "object-src 'none'", "base-uri 'self'", "form-action 'self'",
        "frame-ancestors 'none'",
    ))


class SecurityHeaders:
    """Adds CSP, nosniff, referrer policy and frame denial to every HTTP response."""

    def __init__(self, app: ASGIApp, tiles: str | None = None) -> None:
        self.app = app
        self.headers = [
            (b"content-security-policy", content_security_policy(tiles).encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"same-origin"),
            (b"x-frame-options", b"DENY"),
            (b"cross-origin-opener-policy", b"same-origin"),
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [h for h in self.headers if h[0] not in present]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """Refuses request bodies over ``limit`` bytes with 413, by header or as they stream."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await _too_large(send, self.limit)
            return
        received = 0
        started = False

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise _BodyTooLarge()
            return message

        async def tracking(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted, tracking)
        except _BodyTooLarge:
            if not started:
                await _too_large(send, self.limit)


class _BodyTooLarge(HTTPException):
    """Raised while a body streams past the limit; FastAPI turns it into the 413 response."""

    def __init__(self) -> None:
        super().__init__(413, f"request body over the {MAX_BODY // 1024} KB limit")


async def _too_large(send: Send, limit: int) -> None:
    body = json.dumps({"detail": f"request body over the {limit // 1024} KB limit"}).encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
