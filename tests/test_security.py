"""Safety over real HTTP: headers on every answer, body size limit, CSP for tile hosts."""

from __future__ import annotations

from truce.app import Truce
from truce.serve.security import content_security_policy, tile_origin
from webtools import client, logged_in


def test_every_response_carries_the_security_headers(app: Truce) -> None:
    api = client(app)
    for answer in (api.get("/api/events"), api.get("/api/events/1"), api.get("/nowhere"),
                   api.get("/openapi.json"), api.get("/api/events?limit=0")):
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["x-frame-options"] == "DENY"
        assert answer.headers["referrer-policy"]
        policy = answer.headers["content-security-policy"]
        assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy


def test_oversize_bodies_are_refused(app: Truce) -> None:
    analyst, csrf = logged_in(app, "amal", "analyst")
    huge = b'{"action": "confirm", "note": "' + b"x" * (1024 * 1024 + 10) + b'"}'
    answer = analyst.post("/api/events/1/review", content=huge,
                          headers={"X-CSRF-Token": csrf, "content-type": "application/json"})
    assert answer.status_code == 413
    assert answer.headers["x-content-type-options"] == "nosniff"

    def chunks():  # no Content-Length: the limit applies as the body streams
        for _ in range(20):
            yield b"x" * 100_000

    streamed = analyst.post("/api/events/1/review", content=chunks(),
                            headers={"X-CSRF-Token": csrf, "content-type": "application/json"})
    assert streamed.status_code == 413


def test_small_limit_applies_to_login_forms(app: Truce) -> None:
    api = client(app, max_body=100)
    answer = api.post("/login", data={"username": "a" * 200, "password": "b"})
    assert answer.status_code == 413


def test_tile_host_is_allowed_for_images_only(app: Truce) -> None:
    assert tile_origin("https://tile.openstreetmap.org/{z}/{x}/{y}.png") == \
        "https://tile.openstreetmap.org"
    assert tile_origin("https://{s}.tile.example.org/{z}/{x}/{y}.png") == \
        "https://*.tile.example.org"
    assert tile_origin("javascript:alert(1)") is None
    policy = content_security_policy("https://tile.openstreetmap.org/{z}/{x}/{y}.png")
    assert "img-src 'self' data: https://tile.openstreetmap.org" in policy
    assert "script-src 'self';" in policy
    tiles = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    api = client(app, tiles=tiles)
    assert "https://tile.openstreetmap.org" in api.get("/api/events").headers[
        "content-security-policy"]
    assert api.app.state.tiles == tiles
