"""``truce demo`` end to end: the database and brief it builds meet the v1 bar."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from conftest import run_cli


def test_demo_builds_database_and_brief(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    result = run_cli("demo", "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert "Compliance: Gaza ceasefire" in result.stdout
    with sqlite3.connect(db) as connection:
        events = connection.execute("select count(*) from events").fetchone()[0]
        types = connection.execute("select count(distinct event_type) from events").fetchone()[0]
        claimants = connection.execute(
            "select count(distinct claimant_id) from events where claimant_id is not null"
        ).fetchone()[0]
        located = connection.execute("select count(*) from events where lat is not null"
                                     ).fetchone()[0]
        agreements = {r[0] for r in connection.execute("select distinct agreement_id from events")}
    assert events >= 150
    assert types >= 8
    assert claimants >= 5
    assert located * 2 >= events
    assert {"gaza-2025", "lebanon-2024"} <= agreements
    brief = (tmp_path / "demo.html").read_text(encoding="utf-8")
    assert "<svg" in brief and "Cessation of hostilities" in brief
    assert "600 trucks per day" in brief
