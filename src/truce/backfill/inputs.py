"""Backfill inputs: files named or found under folders, read one unit at a time.

A JSON Lines file is streamed line by line from a byte offset, so an archive of
any size is never held in memory and a resumed run starts where the last
checkpoint left off; any other report file (Markdown, HTML, a feed) is one unit.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from truce import errors
from truce.backfill.checkpoint import Checkpoint
from truce.errors import ReadError
from truce.ingest.jsonl import read_jsonl_line
from truce.ingest.readers import JSONL_SUFFIXES, expand, read_source
from truce.model import Report


@dataclass(frozen=True, slots=True)
class Input:
    """One input file: the name as the user gave it (used in report sources and messages),
    the key its checkpoint is stored under, and the version (size, mtime) being read."""

    name: str
    key: str
    path: Path
    size: int
    mtime_ns: int


@dataclass(slots=True)
class Unit:
    """One step through an input: its reports, its problems, and the position after it."""

    reports: list[Report]
    problems: list[ReadError]
    mark: Checkpoint


def list_inputs(paths: list[str]) -> tuple[list[Input], list[ReadError]]:
    """Every report file under ``paths``, and a problem line for each path that is missing."""
    found: list[Input] = []
    problems: list[ReadError] = []
    for name, path in expand(paths):
        if path is None:
            problems.append(ReadError(name, errors.NOT_FOUND))
            continue
        try:
            stat = path.stat()
        except OSError as exc:
            problems.append(ReadError(name, f"cannot read ({exc.strerror})"))
            continue
        found.append(Input(name, str(path.resolve()), path, stat.st_size, stat.st_mtime_ns))
    return found, problems


def read_units(item: Input, start: Checkpoint) -> Iterator[Unit]:
    """The units of ``item`` from ``start`` on; the last one marks the input done."""
    if item.path.suffix.lower() in JSONL_SUFFIXES:
        yield from _jsonl_units(item, start)
        return
    result = read_source(item.name, item.path)
    yield Unit(result.reports, result.problems, _mark(item, item.size, 0, done=True))


def _jsonl_units(item: Input, start: Checkpoint) -> Iterator[Unit]:
    if item.size == 0:
        yield Unit([], [ReadError(item.name, errors.EMPTY_FILE)], _mark(item, 0, 0, done=True))
        return
    offset, number = start.byte_offset, start.line
    try:
        with item.path.open("rb") as stream:
            stream.seek(offset)
            for raw in stream:
                offset += len(raw)
                number += 1
                yield Unit(*_parse_line(raw, number, item.name, first=number == 1),
                           _mark(item, offset, number))
    except OSError as exc:
        problem = ReadError(item.name, f"cannot read ({exc.strerror}) after line {number}")
        yield Unit([], [problem], _mark(item, offset, number))
        return
    yield Unit([], [], _mark(item, offset, number, done=True))


def _parse_line(raw: bytes, number: int, source: str,
                first: bool) -> tuple[list[Report], list[ReadError]]:
    try:
        line = raw.decode("utf-8-sig" if first else "utf-8")
    except UnicodeDecodeError as exc:
        reason = f"line {number}: {errors.NOT_UTF8} (byte {exc.start})"
        return [], [ReadError(source, reason)]
    parsed = read_jsonl_line(line, number, source)
    if isinstance(parsed, ReadError):
        return [], [parsed]
    return ([parsed] if parsed is not None else []), []


def _mark(item: Input, offset: int, line: int, done: bool = False) -> Checkpoint:
    return Checkpoint(item.key, item.size, item.mtime_ns, offset, line, done)
