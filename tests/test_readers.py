"""Readers on real files of each format, and every kind of bad input."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from truce.ingest.readers import read_paths

from conftest import SAMPLES, report_md, write


def _one(path: Path):
    results = list(read_paths([str(path)]))
    assert len(results) == 1
    return results[0]


def test_front_matter_fields_and_document_text(tmp_path: Path) -> None:
    path = write(tmp_path / "a.md", report_md("Strike in Rafah", "Line one\ncontinues.\n\nSecond."))
    result = _one(path)
    assert not result.problems
    report = result.reports[0]
    assert report.title == "Strike in Rafah"
    assert report.published == date(2025, 10, 20)
    assert report.outlet == "Test Wire"
    assert report.text == "Strike in Rafah\n\nLine one continues.\n\nSecond."
    assert report.doc == str(path)


def test_plain_text_without_front_matter(tmp_path: Path) -> None:
    report = _one(write(tmp_path / "a.txt", "Israeli forces withdrew.")).reports[0]
    assert report.text == "Israeli forces withdrew." and report.published is None


def test_html_drops_boilerplate() -> None:
    report = _one(SAMPLES / "formats" / "un-update.html").reports[0]
    assert "Kerem Shalom" in report.text
    assert "cookie" not in report.text.lower()
    assert report.text.count(report.title or "?") == 1
    assert report.text.count("\n\n") >= 3


def test_rss_and_atom_items_become_reports() -> None:
    rss = _one(SAMPLES / "formats" / "wire-feed.xml")
    atom = _one(SAMPLES / "formats" / "atom-feed.xml")
    assert len(rss.reports) == 3 and not rss.problems
    assert len(atom.reports) == 2 and not atom.problems
    assert all(r.published is not None for r in rss.reports + atom.reports)
    assert len({r.doc for r in rss.reports}) == 3


def test_jsonl_lines_become_reports_and_bad_lines_are_reported(tmp_path: Path) -> None:
    good = json.dumps({"title": "T", "published": "2025-10-21", "text": "Hamas released two."})
    path = write(tmp_path / "r.jsonl", f"{good}\n{{broken\n[1, 2]\n{json.dumps({'title': 'x'})}\n")
    result = _one(path)
    assert len(result.reports) == 1
    reasons = [p.reason for p in result.problems]
    assert any("line 2" in r and "JSON" in r for r in reasons)
    assert any("line 3" in r and "object" in r for r in reasons)
    assert any("line 4" in r and "'text'" in r for r in reasons)


def test_bad_inputs_each_get_one_clear_line(tmp_path: Path) -> None:
    cases = {
        "empty.md": b"",
        "binary.md": bytes(range(256)) * 4,
        "truncated.md": b"---\ntitle: Cut off\npublished: 2025-10-20\n",
        "broken.md": b"---\ntitle: [unclosed\n---\nBody.\n",
        "impossible-date.md": b"---\npublished: 2025-02-30\n---\nBody text.\n",
        "not-a-feed.xml": b"this is not xml at all, just words",
        "latin1.txt": "caf\xe9 au lait".encode("latin-1"),
    }
    for name, content in cases.items():
        write(tmp_path / name, content)
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(25 * 1024 * 1024)
    results = {Path(r.source).name: r for r in read_paths([str(tmp_path)])}
    expected = {
        "empty.md": "empty file",
        "binary.md": "binary",
        "truncated.md": "never closed",
        "broken.md": "not valid YAML",
        "impossible-date.md": "'published'",
        "not-a-feed.xml": "not a well-formed RSS/Atom feed",
        "latin1.txt": "UTF-8",
        "huge.txt": "over the 20 MB limit",
    }
    for name, fragment in expected.items():
        result = results[name]
        assert not result.reports, name
        assert len(result.problems) == 1, name
        message = str(result.problems[0])
        assert name in message and fragment in message, message
        assert "\n" not in message and "Traceback" not in message


def test_missing_path_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    result = _one(tmp_path / "nope.md")
    assert "no such file" in str(result.problems[0])


def test_lines_too_long_to_be_wrapped_are_paragraphs_and_wrapped_ones_are_joined() -> None:
    from truce.ingest.text import normalise_body

    copied = ("Drone strike kills two in Rafah\n"
              "Israeli forces carried out a drone strike near Rafah on Monday, killing two "
              "people, the health ministry said in a statement issued in the evening.\n"
              "The army said the two had crossed the line and approached troops stationed "
              "there, posing an immediate threat to them.")
    assert normalise_body(copied).split("\n\n")[0] == "Drone strike kills two in Rafah"
    assert len(normalise_body(copied).split("\n\n")) == 3
    wrapped = "Israeli forces carried out a drone strike\nnear Rafah on Monday."
    assert normalise_body(wrapped) == "Israeli forces carried out a drone strike near Rafah on " \
                                      "Monday."
