"""Accounts over real HTTP: login, cookies, roles, CSRF, tokens, rate limits, hashing."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from truce.accounts import role_rank, verify_password
from truce.app import Truce
from truce.serve.auth import FailureLimiter, safe_next
from truce.store.accounts import issue_api_token
from truce.store.schema import api_tokens, sessions, users
from webtools import PASSWORD, client, ingest_samples, logged_in, user

REVIEW = {"action": "confirm", "note": "checked against the ministry's list"}


@pytest.fixture
def sample(app: Truce) -> Truce:
    return ingest_samples(app, ("2025-11-03-khan-younis-drone-strike-coastal-herald.md",))


def _first_event(api) -> int:
    return api.get("/api/events", params={"limit": 1}).json()["items"][0]["id"]


def test_login_sets_cookies_and_me_answers(app: Truce) -> None:
    browser = client(app)
    assert browser.get("/api/me").status_code == 401
    user(app, "amal", "analyst")
    answer = browser.post("/login", data={"username": "amal", "password": PASSWORD,
                                          "next": "/incidents?grade=confirmed"},
                          follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/incidents?grade=confirmed"
    cookies = answer.headers.get_list("set-cookie")
    session = next(c for c in cookies if c.startswith("truce_session="))
    csrf = next(c for c in cookies if c.startswith("truce_csrf="))
    assert "HttpOnly" in session and "samesite=lax" in session.lower()
    assert "HttpOnly" not in csrf
    assert "Secure" not in session  # plain http here; https sets Secure
    assert browser.get("/api/me").json() == {"username": "amal", "role": "analyst"}


def test_secure_cookie_over_https(app: Truce) -> None:
    user(app, "amal", "viewer")
    secure = client(app)
    secure.base_url = secure.base_url.copy_with(scheme="https")
    answer = secure.post("/login", data={"username": "amal", "password": PASSWORD},
                         follow_redirects=False)
    assert all("Secure" in c for c in answer.headers.get_list("set-cookie"))


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "/\\evil",
                                    "javascript:alert(1)", ""])
def test_next_goes_only_to_paths_on_this_site(target: str) -> None:
    assert safe_next(target) == "/"
    assert safe_next("/events?page=2") == "/events?page=2"


def test_wrong_password_and_logout(app: Truce) -> None:
    user(app, "amal", "viewer")
    browser = client(app)
    wrong = browser.post("/login", data={"username": "amal", "password": "nope-nope"})
    assert wrong.status_code == 401 and "truce_session" not in browser.cookies
    page = browser.post("/login", data={"username": "amal", "password": "nope-nope"},
                        headers={"accept": "text/html"}, follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"].startswith("/login?error=")
    browser, csrf = logged_in(app, "basil", "viewer")
    assert browser.post("/logout").status_code == 403  # no CSRF token
    assert browser.get("/api/me").status_code == 200
    out = browser.post("/logout", data={"csrf_token": csrf}, follow_redirects=False)
    assert out.status_code == 303
    assert browser.get("/api/me").status_code == 401
    with app.store.engine.connect() as connection:
        assert connection.execute(select(sessions)).all() == []


def test_password_is_stored_as_an_argon2_hash(app: Truce) -> None:
    user(app, "amal", "viewer")
    with app.store.engine.connect() as connection:
        stored = connection.execute(select(users.c.password_hash)).scalar_one()
    assert PASSWORD not in stored and stored.startswith("$argon2id$")
    assert verify_password(stored, PASSWORD) and not verify_password(stored, PASSWORD + "x")
    browser, _ = logged_in(app, "basil", "viewer")
    token = browser.cookies["truce_session"]
    with app.store.engine.connect() as connection:
        kept = [r.token_hash for r in connection.execute(select(sessions.c.token_hash))]
    assert token not in kept and len(kept) == 1


def test_anonymous_reads_but_never_writes(sample: Truce) -> None:
    api = client(sample)
    event = _first_event(api)
    assert api.get("/api/events").status_code == 200
    assert api.post(f"/api/events/{event}/review", json=REVIEW).status_code == 401
    assert api.post("/api/incidents/merge", json={"ids": ["a", "b"]}).status_code == 401
    assert api.get("/api/review/queue").status_code == 401
    assert api.get("/api/audit").status_code == 401


def test_anonymous_none_closes_reading(sample: Truce) -> None:
    closed = client(sample, anonymous="none")
    for url in ("/api/events", "/api/incidents", "/api/reports", "/api/agreements",
                "/api/timeline?agreement=gaza-2025"):
        assert closed.get(url).status_code == 401, url
    viewer, _ = logged_in(sample, "vera", "viewer", anonymous="none")
    assert viewer.get("/api/events").status_code == 200


def test_viewer_may_not_review(sample: Truce) -> None:
    viewer, csrf = logged_in(sample, "vera", "viewer")
    event = _first_event(viewer)
    answer = viewer.post(f"/api/events/{event}/review", json=REVIEW,
                         headers={"X-CSRF-Token": csrf})
    assert answer.status_code == 403
    assert viewer.get(f"/api/events/{event}").json()["review"] == "unreviewed"


def test_session_writes_need_the_csrf_token(sample: Truce) -> None:
    analyst, csrf = logged_in(sample, "amal", "analyst")
    event = _first_event(analyst)
    url = f"/api/events/{event}/review"
    assert analyst.post(url, json=REVIEW).status_code == 403
    assert analyst.post(url, json=REVIEW, headers={"X-CSRF-Token": "forged"}).status_code == 403
    assert analyst.get(url.rsplit("/", 1)[0]).json()["review"] == "unreviewed"
    done = analyst.post(url, json=REVIEW, headers={"X-CSRF-Token": csrf})
    assert done.status_code == 200 and done.json()["review"] == "confirmed"


def test_bearer_token_needs_no_csrf_and_is_stored_hashed(sample: Truce) -> None:
    user(sample, "bot", "analyst")
    token = issue_api_token(sample.store, "bot")
    with sample.store.engine.connect() as connection:
        stored = connection.execute(select(api_tokens.c.token_hash)).scalar_one()
    assert stored != token and token not in stored
    api = client(sample)
    event = _first_event(api)
    headers = {"Authorization": f"Bearer {token}"}
    assert api.get("/api/me", headers=headers).json() == {"username": "bot", "role": "analyst"}
    done = api.post(f"/api/events/{event}/review", json=REVIEW, headers=headers)
    assert done.status_code == 200
    bad = api.get("/api/events", headers={"Authorization": "Bearer not-a-token"})
    assert bad.status_code == 401


def test_failed_logins_are_rate_limited(app: Truce) -> None:
    user(app, "amal", "viewer")
    browser = client(app)
    for _ in range(5):
        assert browser.post("/login", data={"username": "amal",
                                            "password": "guess-guess"}).status_code == 401
    blocked = browser.post("/login", data={"username": "amal", "password": PASSWORD})
    assert blocked.status_code == 429 and int(blocked.headers["retry-after"]) >= 1
    assert "truce_session" not in browser.cookies


def test_limiter_counts_per_key_and_forgets_after_the_window() -> None:
    now = [0.0]
    limiter = FailureLimiter(limit=3, window=60, clock=lambda: now[0])
    for _ in range(3):
        limiter.fail(["user:a", "addr:1"])
    assert limiter.blocked(["user:a"]) > 0
    assert limiter.blocked(["addr:1"]) > 0
    assert limiter.blocked(["user:b", "addr:2"]) == 0
    now[0] = 61.0
    assert limiter.blocked(["user:a", "addr:1"]) == 0


def test_roles_are_ordered() -> None:
    assert role_rank("viewer") < role_rank("analyst") < role_rank("admin")
    assert role_rank("root") == 0


def test_login_posted_from_another_site_is_refused(app: Truce) -> None:
    user(app, "amal", "viewer")
    browser = client(app)
    forged = browser.post("/login", data={"username": "amal", "password": PASSWORD},
                          headers={"origin": "https://evil.example"}, follow_redirects=False)
    assert forged.status_code == 403 and "truce_session" not in browser.cookies
    same = browser.post("/login", data={"username": "amal", "password": PASSWORD},
                        headers={"origin": "http://testserver"}, follow_redirects=False)
    assert same.status_code == 303


def test_new_password_ends_sessions(app: Truce) -> None:
    from truce.accounts import hash_password
    from truce.store.accounts import set_password_hash

    browser, _ = logged_in(app, "amal", "viewer")
    assert browser.get("/api/me").status_code == 200
    set_password_hash(app.store, "amal", hash_password("another long password"))
    assert browser.get("/api/me").status_code == 401
    old = client(app).post("/login", data={"username": "amal", "password": PASSWORD})
    assert old.status_code == 401
