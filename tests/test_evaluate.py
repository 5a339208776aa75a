"""`truce evaluate`: gold records are matched to extracted events by their evidence."""

from __future__ import annotations

import json
from pathlib import Path

from truce.app import Truce
from truce.evaluate import evaluate_paths

_BODY = ("Hamas accused Israel of breaking the truce in Rafah on Sunday.\n"
         "An Israeli drone strike killed two people in Jabalia,\n"
         "the health ministry said.\n")


def _report(folder: Path) -> Path:
    path = folder / "r.md"
    path.write_text("---\ntitle: Strike kills two in Jabalia\npublished: 2025-10-20\n"
                    "language: en\n---\n" + _BODY, encoding="utf-8")
    return path


def _gold(folder: Path, offsets_from_raw_body: bool) -> Path:
    sentence = "An Israeli drone strike killed two people in Jabalia,\nthe health ministry said."
    start = _BODY.index(sentence)
    if not offsets_from_raw_body:
        start = -1000  # offsets that point nowhere near the sentence
    record = {"doc": "r.md", "event_type": "ASSAULT", "status": "asserted",
              "evidence": {"start": start, "end": start + len(sentence), "text": sentence}}
    path = folder / "gold.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return path


def test_offsets_counted_in_the_raw_file_are_reanchored_on_the_sentence(
        pipeline_app: Truce, tmp_path: Path) -> None:
    # The coder counted from the raw body: the pipeline's text starts with the headline and
    # joins the wrapped line, so the offsets only find the sentence by its words.
    report = _report(tmp_path)
    for raw in (True, False):
        scores = evaluate_paths(pipeline_app, _gold(tmp_path, raw), [str(report)])
        assert scores.typed["recall"] == 1.0
