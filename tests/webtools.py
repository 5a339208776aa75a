"""Helpers for the web tests: a Truce with a few real sample reports, users, clients."""

from __future__ import annotations

from fastapi.testclient import TestClient

from truce.accounts import hash_password
from truce.app import Truce
from truce.serve.app import create_app
from truce.store.accounts import add_user

from conftest import SAMPLES

GAZA = SAMPLES / "gaza-2025"
REPORTS = (
    "2025-10-20-gaza-strikes-coastal-herald.md",
    "2025-10-20-gaza-strikes-levant-wire.md",
    "2025-11-03-khan-younis-drone-strike-coastal-herald.md",
    "2025-11-04-khan-younis-aid-point-shooting-levant-wire.md",
    "2025-11-05-hamas-kalin-istanbul-bosporus-ledger.md",
    "2025-11-06-hamas-delegation-istanbul-hamas.md",
)
PASSWORD = "correct horse battery"


def ingest_samples(app: Truce, names: tuple[str, ...] = REPORTS) -> Truce:
    summary = app.ingest([str(GAZA / name) for name in names])
    assert summary.ok and summary.stored == len(names)
    return app


def client(app: Truce, **options: object) -> TestClient:
    return TestClient(create_app(app, **options))  # type: ignore[arg-type]


def user(app: Truce, name: str, role: str) -> str:
    add_user(app.store, name, hash_password(PASSWORD), role)
    return name


def logged_in(app: Truce, name: str, role: str, **options: object) -> tuple[TestClient, str]:
    """A client with a browser session for a new user, and the session's CSRF token."""
    browser = client(app, **options)
    user(app, name, role)
    answer = browser.post("/login", data={"username": name, "password": PASSWORD,
                                          "next": "/"}, follow_redirects=False)
    assert answer.status_code == 303, answer.text
    return browser, browser.cookies["truce_csrf"]
