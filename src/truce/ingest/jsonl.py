"""JSON Lines: one report per line with the front-matter fields plus ``text``."""

from __future__ import annotations

import json

from truce import errors
from truce.errors import ReadError
from truce.ingest.frontmatter import parse_published
from truce.ingest.text import compose
from truce.model import Report


def read_jsonl(text: str, source: str) -> tuple[list[Report], list[ReadError]]:
    """The reports of a JSON Lines file, and one error per bad line (the rest still count)."""
    reports: list[Report] = []
    problems: list[ReadError] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(ReadError(source, errors.BAD_JSON_LINE.format(line=number,
                                                                          detail=exc.msg)))
            continue
        if not isinstance(record, dict):
            problems.append(ReadError(source, errors.JSON_LINE_NOT_OBJECT.format(line=number)))
            continue
        body = record.get("text")
        if not isinstance(body, str) or not body.strip():
            problems.append(ReadError(source, errors.JSON_LINE_NO_TEXT.format(line=number)))
            continue
        try:
            published = parse_published(record.get("published"), f"{source}:{number}")
        except ReadError as exc:
            problems.append(exc)
            continue
        title = record.get("title")
        reports.append(Report(
            doc=str(record.get("url") or f"{source}:{number}"),
            text=compose(title, body),
            title=title,
            url=record.get("url"),
            outlet=record.get("outlet"),
            author=record.get("author"),
            published=published,
            language=record.get("language"),
            source=f"{source}:{number}",
        ))
    if not reports and not problems:
        problems.append(ReadError(source, errors.EMPTY_FILE))
    return reports, problems
