"""Shared fixtures: one real pipeline per session, a fresh real database per test.

Tests that take ``app``, ``db_target`` or ``new_db`` run once per backend: on a SQLite
file and on a database of the PostgreSQL server named by ``TRUCE_TEST_PG`` (which
``scripts/test`` starts). Without a server the PostgreSQL runs skip, unless
``TRUCE_REQUIRE_PG=1`` (as in CI) makes that a failure. Mark a test ``sqlite_only`` when
it is about SQLite files themselves.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NoReturn

import pytest
from sqlalchemy import Engine, create_engine, make_url, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import NullPool

from truce.app import Truce
from truce.config import Settings
from truce.registry.files import data_path
from truce.store.database import database_url

SAMPLES = data_path("samples")
ROOT = Path(__file__).resolve().parent.parent
BACKENDS = ("sqlite", "postgresql")
PG_ENV = "TRUCE_TEST_PG"
REQUIRE_PG_ENV = "TRUCE_REQUIRE_PG"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only: run on the SQLite backend only")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every test that uses a database runs once per backend (sqlite_only: SQLite alone)."""
    if "backend" in metafunc.fixturenames:
        only_sqlite = metafunc.definition.get_closest_marker("sqlite_only") is not None
        metafunc.parametrize("backend", ("sqlite",) if only_sqlite else BACKENDS,
                             indirect=True, scope="session")


@pytest.fixture(scope="session")
def backend(request: pytest.FixtureRequest) -> str:
    """The database backend of this test run: "sqlite" or "postgresql"."""
    return request.param


class PostgresServer:
    """The test server: a fresh database per test, dropped afterwards."""

    def __init__(self, url: str) -> None:
        self.url = make_url(url)
        self.admin = create_engine(database_url(url), isolation_level="AUTOCOMMIT",
                                   poolclass=NullPool)

    def check(self) -> None:
        with self.admin.connect() as connection:
            connection.execute(text("select 1"))

    def create(self) -> str:
        """A new empty database; returns its URL (postgresql://, as a user would type it)."""
        name = f"truce_test_{uuid.uuid4().hex[:12]}"
        with self.admin.connect() as connection:
            connection.execute(text(f'create database "{name}" template template0'))
        return self.url.set(database=name).render_as_string(hide_password=False)

    def drop(self, target: str) -> None:
        name = make_url(target).database
        with self.admin.connect() as connection:
            connection.execute(text(f'drop database if exists "{name}" with (force)'))


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    """The PostgreSQL server of ``TRUCE_TEST_PG``; a skip (or, when required, a failure)
    without one."""
    url = os.environ.get(PG_ENV)
    if not url:
        _no_server(f"no PostgreSQL server: set {PG_ENV}=postgresql://user@host/db (a role "
                   f"that may create databases) or run scripts/test, which starts one")
    server = PostgresServer(url)
    try:
        server.check()
    except OperationalError as exc:
        _no_server(f"PostgreSQL server of {PG_ENV} not reachable: {exc.orig}")
    yield server
    server.admin.dispose()


def _no_server(reason: str) -> NoReturn:
    if os.environ.get(REQUIRE_PG_ENV) == "1":
        pytest.fail(f"{reason} ({REQUIRE_PG_ENV}=1 requires it)", pytrace=False)
    pytest.skip(reason)


def fresh_database(request: pytest.FixtureRequest, backend: str, folder: Path) -> str:
    """The ``--db`` value (a SQLite path or a PostgreSQL URL) of a new, empty database of
    ``backend``; a PostgreSQL one is dropped when the scope of ``request`` ends."""
    if backend == "sqlite":
        return str(folder / f"truce-{uuid.uuid4().hex[:8]}.db")
    server: PostgresServer = request.getfixturevalue("pg_server")
    target = server.create()
    request.addfinalizer(lambda: server.drop(target))
    return target


@pytest.fixture
def new_db(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Callable[[], str]:
    """Make fresh, empty databases of the test's backend; each call returns the ``--db``
    value of a new one, for ``Truce`` or the CLI in a subprocess."""
    if backend == "postgresql":
        request.getfixturevalue("pg_server")  # skip (or fail) before the test, not inside it
    return lambda: fresh_database(request, backend, tmp_path)


@pytest.fixture
def db_target(new_db: Callable[[], str]) -> str:
    """The ``--db`` value of a fresh, empty database of the test's backend."""
    return new_db()


@pytest.fixture(scope="session")
def pipeline_app(tmp_path_factory: pytest.TempPathFactory) -> Truce:
    """A Truce whose extractor (the spaCy model) is loaded once for the whole session."""
    db = tmp_path_factory.mktemp("session") / "session.db"
    app = Truce(Settings.resolve(str(db)))
    assert app.extractor is not None
    return app


def sharing_pipeline(pipeline_app: Truce, target: str) -> Truce:
    """A Truce on database ``target`` that reuses the session's loaded pipeline."""
    fresh = Truce(Settings.resolve(target))
    fresh.__dict__["extractor"] = pipeline_app.extractor
    fresh.__dict__["actors"] = pipeline_app.actors
    fresh.__dict__["places"] = pipeline_app.places
    fresh.__dict__["agreements"] = pipeline_app.agreements
    return fresh


@pytest.fixture
def app(pipeline_app: Truce, db_target: str) -> Iterator[Truce]:
    """A Truce on a fresh database (per backend), sharing the session's loaded pipeline."""
    fresh = sharing_pipeline(pipeline_app, db_target)
    yield fresh
    fresh.close()


def query(target: str, sql: str, **params: Any) -> list[Any]:
    """Run one SQL statement on the database ``target`` (a ``--db`` value), committed;
    its rows, if it returns any."""
    engine: Engine = create_engine(database_url(target), poolclass=NullPool)
    try:
        with engine.begin() as connection:
            result = connection.execute(text(sql), params)
            return list(result) if result.returns_rows else []
    finally:
        engine.dispose()


def run_cli(*args: str, env: dict[str, str] | None = None,
            cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real ``truce`` command in a subprocess."""
    full_env = {**os.environ, **(env or {})}
    full_env.pop("TRUCE_DB", None) if env is None or "TRUCE_DB" not in env else None
    return subprocess.run([sys.executable, "-m", "truce", *args], capture_output=True,
                          text=True, env=full_env, cwd=cwd, timeout=600)


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def report_md(title: str, body: str, published: str = "2025-10-20",
              outlet: str = "Test Wire") -> str:
    return (f"---\ntitle: {title}\noutlet: {outlet}\npublished: {published}\n"
            f"language: en\n---\n{body}\n")
