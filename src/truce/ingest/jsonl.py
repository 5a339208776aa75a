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
        parsed = read_jsonl_line(line, number, source)
        if isinstance(parsed, ReadError):
            problems.append(parsed)
        elif parsed is not None:
            reports.append(parsed)
    if not reports and not problems:
        problems.append(ReadError(source, errors.EMPTY_FILE))
    return reports, problems


def read_jsonl_line(line: str, number: int, source: str) -> Report | ReadError | None:
    """The report on line ``number`` of ``source``, the reason it is not one, or None if
    the line is blank. Streaming readers (backfill) call this line by line."""
    if not line.strip():
        return None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return ReadError(source, errors.BAD_JSON_LINE.format(line=number, detail=exc.msg))
    if not isinstance(record, dict):
        return ReadError(source, errors.JSON_LINE_NOT_OBJECT.format(line=number))
    body = record.get("text")
    if not isinstance(body, str) or not body.strip():
        return ReadError(source, errors.JSON_LINE_NO_TEXT.format(line=number))
    try:
        published = parse_published(record.get("published"), f"{source}:{number}")
    except ReadError as exc:
        return exc
    title = record.get("title")
    return Report(
        doc=str(record.get("url") or f"{source}:{number}"),
        text=compose(title, body),
        title=title,
        url=record.get("url"),
        outlet=record.get("outlet"),
        author=record.get("author"),
        published=published,
        language=record.get("language"),
        source=f"{source}:{number}",
    )
