"""Fetching feeds over HTTP with conditional requests; the only module here that speaks HTTP.

A feed answered with 304 Not Modified gives no items; any other answer than 2xx
or 304, a timeout or a refused connection is a SourceFailure with a one-line
reason.
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from truce.errors import TruceError

USER_AGENT = "truce-monitor/0.1 (ceasefire monitoring)"


class SourceFailure(TruceError):
    """A source could not be polled this time; the message is the reason."""


@dataclass(frozen=True, slots=True)
class FeedResponse:
    """A feed's body (None when not modified) and the validators for the next request."""

    body: str | None
    etag: str | None
    last_modified: str | None


def fetch_feed(client: httpx.Client, url: str, etag: str | None,
               last_modified: str | None) -> FeedResponse:
    """GET ``url``, sending the stored validators so an unchanged feed costs a 304."""
    headers = {"User-Agent": USER_AGENT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    try:
        response = client.get(url, headers=headers)
    except httpx.TimeoutException:
        raise SourceFailure(f"timed out after {client.timeout.read or 0:.0f} s") from None
    except httpx.ConnectError as exc:
        raise SourceFailure(f"cannot connect ({_first_line(exc)})") from None
    except httpx.HTTPError as exc:
        raise SourceFailure(f"HTTP request failed ({_first_line(exc)})") from None
    if response.status_code == 304:
        return FeedResponse(None, response.headers.get("ETag", etag),
                            response.headers.get("Last-Modified", last_modified))
    if not response.is_success:
        raise SourceFailure(f"HTTP {response.status_code} {response.reason_phrase}".strip())
    return FeedResponse(response.text, response.headers.get("ETag"),
                        response.headers.get("Last-Modified"))


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
