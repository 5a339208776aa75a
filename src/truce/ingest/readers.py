"""Turning paths (files or directories, recursively) into reports, one source at a time.

Each source yields a SourceResult holding its reports and its problems, so a
bad file never stops the batch: the caller stores what was read and reports
the rest, one line each.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from truce import errors
from truce.errors import ReadError
from truce.ingest.feeds import looks_like_feed, read_feed
from truce.ingest.frontmatter import read_front_matter
from truce.ingest.html import read_html
from truce.ingest.jsonl import read_jsonl
from truce.ingest.text import MAX_BYTES, decode
from truce.model import Report

TEXT_SUFFIXES = frozenset({".md", ".markdown", ".txt", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES | JSONL_SUFFIXES


@dataclass(slots=True)
class SourceResult:
    """What one source (a file) gave: its reports and the problems met reading it."""

    source: str
    reports: list[Report] = field(default_factory=list)
    problems: list[ReadError] = field(default_factory=list)


def expand(paths: Iterable[str]) -> Iterator[tuple[str, Path | None]]:
    """Every file named or found under a named directory, as (name as given, path)."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in KNOWN_SUFFIXES and \
                        not any(part.startswith(".") for part in child.relative_to(path).parts):
                    yield str(Path(given) / child.relative_to(path)), child
        elif path.is_file():
            yield given, path
        else:
            yield given, None


def read_paths(paths: Iterable[str]) -> Iterator[SourceResult]:
    for name, path in expand(paths):
        yield read_source(name, path)


def read_source(name: str, path: Path | None) -> SourceResult:
    result = SourceResult(source=name)
    if path is None:
        result.problems.append(ReadError(name, errors.NOT_FOUND))
        return result
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ReadError(name, errors.TOO_LARGE.format(size=round(size / 1_048_576, 1),
                                                          limit=MAX_BYTES // 1_048_576))
        text = decode(path.read_bytes(), name)
        result.reports, result.problems = parse_text(text, name, path.suffix.lower())
    except ReadError as exc:
        result.problems.append(exc)
    except OSError as exc:
        result.problems.append(ReadError(name, f"cannot read ({exc.strerror})"))
    return result


def parse_text(text: str, name: str, suffix: str) -> tuple[list[Report], list[ReadError]]:
    """Parse decoded text by its suffix (or, for unknown suffixes, by its content)."""
    if suffix in JSONL_SUFFIXES:
        return read_jsonl(text, name)
    if suffix in FEED_SUFFIXES:
        return read_feed(text, name), []
    if suffix in HTML_SUFFIXES:
        return [read_html(text, name)], []
    if suffix in TEXT_SUFFIXES:
        return [read_front_matter(text, name)], []
    head = text.lstrip()[:200].lower()
    if looks_like_feed(text) and "<html" not in head:
        return read_feed(text, name), []
    if head.startswith(("<!doctype html", "<html")):
        return [read_html(text, name)], []
    if head.startswith("{"):
        return read_jsonl(text, name)
    raise ReadError(name, errors.UNSUPPORTED.format(suffix=suffix or "(none)"))
