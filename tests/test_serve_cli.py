"""The real commands: ``truce serve`` on a port, ``truce user`` on a database."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from truce.app import Truce

from conftest import run_cli


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_serve_answers_over_http_with_its_options(app: Truce, tmp_path: Path) -> None:
    app.store.counts()  # the database exists and is migrated
    added = subprocess.run([sys.executable, "-m", "truce", "user", "add", "amal", "--role",
                            "analyst", "--password-stdin", "--db", app.settings.db],
                           input="a long password\n", capture_output=True, text=True,
                           timeout=120)
    assert added.returncode == 0, added.stderr
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "TRUCE_DB"}
    server = subprocess.Popen(
        [sys.executable, "-m", "truce", "serve", "--db", app.settings.db, "--port", str(port),
         "--anonymous", "none", "--tiles", "https://tile.openstreetmap.org/{z}/{x}/{y}.png"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                closed = httpx.get(f"{base}/api/events", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            raise AssertionError("truce serve did not start")
        assert closed.status_code == 401
        assert "https://tile.openstreetmap.org" in closed.headers["content-security-policy"]
        with httpx.Client(base_url=base) as browser:
            login = browser.post("/login", data={"username": "amal",
                                                 "password": "a long password"})
            assert login.status_code == 303
            assert browser.get("/api/me").json() == {"username": "amal", "role": "analyst"}
            assert browser.get("/api/events").json()["total"] == 0
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_user_commands_give_one_line_errors(app: Truce) -> None:
    app.store.counts()
    missing = run_cli("user", "token", "nobody", "--db", app.settings.db)
    assert missing.returncode == 1
    assert missing.stderr.strip().splitlines() == [
        "error no user 'nobody'; add one with: truce user add nobody"]
    listed = run_cli("user", "list", "--db", app.settings.db)
    assert listed.returncode == 0 and listed.stdout == ""
