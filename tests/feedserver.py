"""A real HTTP server on 127.0.0.1 serving RSS feeds with ETag and Last-Modified, for the
watch tests. Feeds are built from the bundled sample reports."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from truce.model import Report

LAST_MODIFIED = "Wed, 29 Oct 2025 14:20:00 GMT"


@dataclass
class FeedServer:
    """Feeds by path; every request's path and conditional headers are kept."""

    feeds: dict[str, str] = field(default_factory=dict)
    failing: dict[str, int] = field(default_factory=dict)
    requests: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    port: int = 0

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


def rss(reports: Iterable[Report], title: str = "Test Wire") -> str:
    """An RSS 2.0 document with one item per report (body paragraphs as <p>)."""
    items = []
    for number, report in enumerate(reports):
        paragraphs = report.text.split("\n\n")[1:] if report.title else report.text.split("\n\n")
        body = "".join(f"<p>{p}</p>" for p in paragraphs)
        day = report.published or datetime(2025, 10, 20).date()
        stamp = format_datetime(datetime(day.year, day.month, day.day, 12, tzinfo=UTC))
        items.append(
            f"<item><title>{escape(report.title or 'untitled')}</title>"
            f"<link>https://wire.invalid/{number}</link><guid>wire-{number}</guid>"
            f"<pubDate>{stamp}</pubDate><description>{escape(body)}</description></item>")
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{title}</title><language>en</language>{''.join(items)}</channel></rss>")


@contextmanager
def serving() -> Iterator[FeedServer]:
    state = FeedServer()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.requests.append((self.path, self.headers.get("If-None-Match"),
                                   self.headers.get("If-Modified-Since")))
            if self.path in state.failing:
                self.send_error(state.failing[self.path])
                return
            body = state.feeds.get(self.path)
            if body is None:
                self.send_error(404)
                return
            etag = '"' + hashlib.sha256(body.encode()).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            payload = body.encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", LAST_MODIFIED)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args: object) -> None:
            """Quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
