"""Incidents, compliance, briefs and exports through the real CLI on a real database."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from conftest import SAMPLES, fresh_database, run_cli


@pytest.fixture(scope="module")
def gaza_db(backend: str, tmp_path_factory: pytest.TempPathFactory,
            request: pytest.FixtureRequest) -> str:
    """The Gaza and format samples ingested by the CLI, once per backend for this module."""
    db = fresh_database(request, backend, tmp_path_factory.mktemp("outputs"))
    result = run_cli("ingest", "--db", db, str(SAMPLES / "gaza-2025"),
                     str(SAMPLES / "formats"))
    assert result.returncode == 0, result.stderr
    return db


def test_incidents_jsonl_have_grades_ranges_and_documents(gaza_db: str) -> None:
    result = run_cli("incidents", "--db", gaza_db, "--format", "jsonl",
                     "--agreement", "gaza-2025")
    assert result.returncode == 0, result.stderr
    incidents = [json.loads(line) for line in result.stdout.splitlines()]
    assert incidents
    assert all(i["documents"] and i["grade"] for i in incidents)
    ranged = [i for i in incidents if "killed" in i["figures"]]
    assert any(i["figures"]["killed"]["min"] < i["figures"]["killed"]["max"] for i in ranged)
    for incident in ranged:
        values = [r["value"] for r in incident["figures"]["killed"]["reports"]]
        assert incident["figures"]["killed"]["min"] == min(values)
        assert all(r["source"] for r in incident["figures"]["killed"]["reports"])


def test_compliance_command_prints_tables(gaza_db: str) -> None:
    result = run_cli("compliance", "--db", gaza_db, "--agreement", "gaza-2025",
                     "--from", "2025-10-13", "--to", "2025-11-30")
    assert result.returncode == 0, result.stderr
    for heading in ("Compliance: Gaza ceasefire", "Alleged violations over time",
                    "Daily incidents by area"):
        assert heading in result.stdout


def test_weekly_brief_html_and_pdf(gaza_db: str, tmp_path: Path) -> None:
    result = run_cli("brief", "--db", gaza_db, "--agreement", "gaza-2025", "--week",
                     "2025-W44", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "brief-gaza-2025-2025-W44.html").read_text(encoding="utf-8")
    pdf = (tmp_path / "brief-gaza-2025-2025-W44.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 20_000
    assert html.count("data:image/png;base64,") >= 3
    assert "2025-10-29-overnight-strikes-nile-dispatch.md" in html  # numbers cite reports
    assert "<script" not in html.lower()


def test_bad_week_is_one_line(gaza_db: str) -> None:
    result = run_cli("brief", "--db", gaza_db, "--agreement", "gaza-2025", "--week",
                     "last week")
    assert result.returncode == 1
    assert "expected an ISO week such as 2025-W43" in result.stderr


@pytest.mark.parametrize("fmt", ["csv", "json", "geojson", "acled", "plover"])
def test_event_exports(gaza_db: str, fmt: str) -> None:
    result = run_cli("export", "--db", gaza_db, "--format", fmt)
    assert result.returncode == 0, result.stderr
    if fmt in ("csv", "acled"):
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
        assert rows
        if fmt == "acled":
            assert {"Explosions/Remote violence", "Strategic developments"} <= \
                {r["event_type"] for r in rows}
            assert all(r["truce_claimant"] for r in rows)
    elif fmt == "geojson":
        collection = json.loads(result.stdout)
        assert collection["type"] == "FeatureCollection" and collection["features"]
        lon, lat = collection["features"][0]["geometry"]["coordinates"]
        assert 29 < lat < 35 and 33 < lon < 37
    else:
        records = json.loads(result.stdout)
        assert records and "event_type" in records[0]
        if fmt == "plover":
            assert {"actor", "recipient", "source_actor", "context"} <= set(records[0])


def test_incident_geojson_export(gaza_db: str, tmp_path: Path) -> None:
    target = tmp_path / "incidents.geojson"
    result = run_cli("export", "--db", gaza_db, "--format", "geojson", "--what",
                     "incidents", "-o", str(target))
    assert result.returncode == 0, result.stderr
    collection = json.loads(target.read_text(encoding="utf-8"))
    assert all(f["properties"]["grade"] for f in collection["features"])


def test_relink_from_scratch_gives_the_same_incidents(gaza_db: str) -> None:
    before = run_cli("incidents", "--db", gaza_db, "--format", "jsonl")
    after = run_cli("incidents", "--db", gaza_db, "--format", "jsonl", "--relink")
    assert after.returncode == 0, after.stderr
    key = lambda out: sorted((i["id"], i["grade"], i["mentions"])  # noqa: E731
                             for i in map(json.loads, out.stdout.splitlines()))
    assert key(before) == key(after) and key(after)
