"""Shared fixtures: one real pipeline per session, real SQLite databases per test."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from truce.app import Truce
from truce.config import Settings
from truce.registry.files import data_path

SAMPLES = data_path("samples")
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def pipeline_app(tmp_path_factory: pytest.TempPathFactory) -> Truce:
    """A Truce whose extractor (the spaCy model) is loaded once for the whole session."""
    db = tmp_path_factory.mktemp("session") / "session.db"
    app = Truce(Settings.resolve(str(db)))
    assert app.extractor is not None
    return app


@pytest.fixture
def app(pipeline_app: Truce, tmp_path: Path) -> Truce:
    """A Truce on a fresh SQLite file, sharing the session's loaded pipeline."""
    fresh = Truce(Settings.resolve(str(tmp_path / "truce.db")))
    fresh.__dict__["extractor"] = pipeline_app.extractor
    fresh.__dict__["actors"] = pipeline_app.actors
    fresh.__dict__["places"] = pipeline_app.places
    fresh.__dict__["agreements"] = pipeline_app.agreements
    yield fresh
    fresh.close()


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
