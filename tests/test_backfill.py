"""``truce backfill``: engines agree, bad lines are one line each, checkpoints resume."""

from __future__ import annotations

import json
import socket
from pathlib import Path

from crashkit import assert_whole, event_records
from truce.backfill.checkpoint import Checkpoint, resume_from
from truce.backfill.engines import LocalEngine
from truce.backfill.runner import Backfill
from truce.backfill.worker import ExtractionWorker
from truce.errors import ReadError
from truce.store.checkpoints import Checkpoints

from conftest import SAMPLES, run_cli, write

STATEMENTS = SAMPLES / "formats" / "statements.jsonl"


def _backfill(app, paths: list[str], batch_size: int = 4) -> tuple[object, list[ReadError]]:
    problems: list[ReadError] = []
    engine = LocalEngine(ExtractionWorker(app.extractor))
    summary = Backfill(app, engine, batch_size, on_problem=problems.append).run(paths)
    return summary, problems


def test_local_and_ray_engines_store_identical_events(tmp_path: Path) -> None:
    inputs = [str(SAMPLES / "lebanon-2024"), str(STATEMENTS)]
    local = run_cli("backfill", "--db", str(tmp_path / "local.db"), *inputs)
    ray = run_cli("backfill", "--db", str(tmp_path / "ray.db"), "--engine", "ray",
                  "--workers", "2", "--batch-size", "3", *inputs)
    assert local.returncode == 0, local.stderr
    assert ray.returncode == 0, ray.stderr
    assert "Traceback" not in ray.stderr and "INFO" not in ray.stderr  # Ray kept quiet
    assert ray.stderr.strip().count("\n") == 0, ray.stderr  # just the summary line
    records = event_records(tmp_path / "local.db")
    statements = sum(1 for line in STATEMENTS.read_text().splitlines() if line.strip())
    assert len(records) == len(list((SAMPLES / "lebanon-2024").glob("*.md"))) + statements
    assert records == event_records(tmp_path / "ray.db")


def test_bad_lines_and_missing_paths_are_one_line_each_and_the_rest_is_stored(
        app, tmp_path: Path) -> None:
    good = [json.loads(line) for line in STATEMENTS.read_text().splitlines()]
    archive = write(tmp_path / "a.jsonl", "\n".join([
        json.dumps(good[0]), "{not json", json.dumps({"title": "no text"}),
        json.dumps(good[1]), json.dumps({**good[2], "published": "2025-02-30"}), "",
        json.dumps(good[2])]) + "\n")
    summary, problems = _backfill(app, [str(archive), str(tmp_path / "missing.jsonl")])
    lines = [str(p) for p in problems]
    assert len(lines) == 4
    assert any("missing.jsonl" in x and "no such file" in x for x in lines)
    assert any("a.jsonl" in x and "line 2" in x and "not valid JSON" in x for x in lines)
    assert any("a.jsonl" in x and "line 3" in x and "'text'" in x for x in lines)
    assert any("a.jsonl:5" in x and "published" in x for x in lines)
    assert summary.stored == 3 and not summary.ok
    assert_whole(app.settings.db)


def test_a_finished_input_is_skipped_and_an_extended_one_adds_only_new_reports(
        app, tmp_path: Path) -> None:
    lines = STATEMENTS.read_text().splitlines()
    archive = write(tmp_path / "a.jsonl", "\n".join(lines[:2]) + "\n")
    first, _ = _backfill(app, [str(archive)])
    assert first.stored == 2
    again, _ = _backfill(app, [str(archive)])
    assert again.inputs_done_before == 1 and again.stored == 0 and again.skipped == 0
    write(archive, "\n".join(lines) + "\n")
    grown, _ = _backfill(app, [str(archive)])
    assert grown.stored == len(lines) - 2 and grown.skipped == 2
    saved = Checkpoints(app.store).get(str(archive.resolve()))
    assert saved is not None and saved.done and saved.line == len(lines)
    assert saved.byte_offset == archive.stat().st_size


def test_resume_rules() -> None:
    mark = Checkpoint("a", size=100, mtime_ns=5, byte_offset=40, line=3)
    assert resume_from("a", mark, 100, 5) == mark
    assert resume_from("a", mark, 120, 6) == Checkpoint("a", 120, 6)  # changed: from the top
    assert resume_from("a", None, 100, 5) == Checkpoint("a", 100, 5)
    finished = Checkpoint("a", 100, 5, 100, 9, done=True)
    assert resume_from("a", finished, 100, 5) is None
    assert (mark.consumed, finished.consumed) == (40, 100)


def test_an_unreachable_cluster_is_one_line_not_minutes_of_retries(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = run_cli("backfill", "--db", str(tmp_path / "t.db"), "--engine", "ray",
                     "--address", f"127.0.0.1:{port}", str(STATEMENTS))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and f"127.0.0.1:{port}" in lines[0] and "cannot reach" in lines[0]
