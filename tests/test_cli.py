"""The real ``truce`` command in subprocesses: exit codes, one-line errors, outputs."""

from __future__ import annotations

import csv
import io
import json
import uuid
from pathlib import Path

from sqlalchemy import make_url, text

from conftest import SAMPLES, PostgresServer, query, report_md, run_cli, write

GAZA = SAMPLES / "gaza-2025"


def test_extract_prints_codebook_records_with_doc_as_given(tmp_path: Path) -> None:
    path = write(tmp_path / "r.md", report_md(
        "Gaza ministry says seven killed", "Israeli aircraft struck a house in Khan Younis on "
        "Sunday, killing seven people, the Gaza health ministry said."))
    result = run_cli("extract", "--format", "jsonl", str(path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records
    fields = {"doc", "event_type", "mode", "status", "topic", "actor", "recipient", "claimant",
              "date", "location", "quantities", "evidence", "provisions"}
    assert all(fields <= set(r) for r in records)
    assert {r["doc"] for r in records} == {str(path)}
    assert not list(tmp_path.glob("*.db"))


def test_ingest_reports_bad_files_and_keeps_going(tmp_path: Path, db_target: str) -> None:
    good = write(tmp_path / "in" / "good.md", report_md(
        "Strike in Rafah", "Israeli drones struck Rafah on Sunday, medics said."))
    write(tmp_path / "in" / "bad.md", "---\npublished: 2025-13-45\n---\nBody.\n")
    write(tmp_path / "in" / "empty.txt", "")
    write(tmp_path / "in" / "long.md", report_md("Strike", "Drones struck Rafah, medics said.")
          .replace("language: en", "language: english as written in the United Kingdom"))
    result = run_cli("ingest", "--db", db_target, str(tmp_path / "in"))
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error")]
    assert len(errors) == 3
    assert any("bad.md" in e and "published" in e for e in errors)
    assert any("empty.txt" in e and "empty" in e for e in errors)
    assert any("long.md" in e and "'language' is longer than 16" in e for e in errors)
    assert "Traceback" not in result.stderr
    docs = [row.doc for row in query(db_target, "select doc from reports")]
    assert docs == [str(good)]


def test_ingest_twice_stores_once_and_exits_zero(db_target: str) -> None:
    first = run_cli("ingest", "--db", db_target, str(GAZA))
    second = run_cli("ingest", "--db", db_target, str(GAZA))
    assert first.returncode == 0 and second.returncode == 0, second.stderr
    assert "0 reports stored" in second.stderr
    count = query(db_target, "select count(*) from reports")[0][0]
    assert count == len(list(GAZA.glob("*.md")))


def test_events_filters_and_formats(db_target: str) -> None:
    db = db_target
    assert run_cli("ingest", "--db", db, str(GAZA)).returncode == 0
    every = run_cli("events", "--db", db, "--format", "jsonl")
    records = [json.loads(line) for line in every.stdout.splitlines()]
    assaults = run_cli("events", "--db", db, "--format", "jsonl", "--type", "ASSAULT")
    only = [json.loads(line) for line in assaults.stdout.splitlines()]
    assert only and len(only) < len(records)
    assert {r["event_type"] for r in only} == {"ASSAULT"}
    dated = run_cli("events", "--db", db, "--format", "csv", "--from", "2025-11-01",
                    "--to", "2025-11-30")
    rows = list(csv.DictReader(io.StringIO(dated.stdout)))
    assert rows and all("2025-11-01" <= (r["date"] or r["published"]) <= "2025-11-30"
                        for r in rows)
    env = {"TRUCE_DB": db}
    by_env = run_cli("events", "--format", "jsonl", "--claimant", "pse.gaza.moh", env=env)
    claimed = [json.loads(line) for line in by_env.stdout.splitlines()]
    assert claimed and all(r["claimant"]["id"] == "pse.gaza.moh" for r in claimed)


def test_unknown_agreement_is_one_line(db_target: str) -> None:
    result = run_cli("events", "--db", db_target, "--agreement", "nowhere")
    assert result.returncode == 1
    assert "unknown agreement 'nowhere'" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_agreements_lists_both_builtins() -> None:
    result = run_cli("agreements")
    assert result.returncode == 0
    assert "gaza-2025" in result.stdout and "lebanon-2024" in result.stdout


def test_unreachable_or_malformed_database_urls_are_one_line() -> None:
    cases = {
        "postgresql://ana:s3cret@127.0.0.1:9/truce": (
            "postgresql://ana:***@127.0.0.1:9/truce: cannot open database", "refused"),
        "postgresql://db.example:port/truce": ("not a valid database URL", "port"),
        "mysql://ana@db.example/truce": ("unsupported kind of database", "postgresql://"),
    }
    for url, expected in cases.items():
        result = run_cli("incidents", "--db", url)
        assert result.returncode == 1, url
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error "), result.stderr
        assert all(part in lines[0] for part in expected), lines[0]
        assert "s3cret" not in lines[0]


def test_missing_postgresql_database_is_named(pg_server: PostgresServer) -> None:
    missing = pg_server.url.set(database="no_such_truce").render_as_string(hide_password=False)
    result = run_cli("events", "--db", missing)
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert '"no_such_truce" does not exist' in result.stderr


def test_role_that_may_not_create_tables_is_one_line(pg_server: PostgresServer) -> None:
    db = pg_server.create()
    role = f"reader_{uuid.uuid4().hex[:8]}"
    query(db, "revoke create on schema public from public")  # as PostgreSQL 15+ does
    with pg_server.admin.connect() as connection:
        connection.execute(text(f'create role "{role}" login'))
    try:
        as_reader = make_url(db).set(username=role).render_as_string(hide_password=False)
        result = run_cli("events", "--db", as_reader)
        assert result.returncode == 1
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        assert "cannot create or upgrade the schema" in lines[0]
        assert "permission denied" in lines[0]
    finally:
        pg_server.drop(db)
        with pg_server.admin.connect() as connection:
            connection.execute(text(f'drop role "{role}"'))
