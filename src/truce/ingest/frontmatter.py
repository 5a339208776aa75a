"""Markdown and plain-text reports with optional YAML front matter."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import yaml

from truce import errors
from truce.errors import ReadError
from truce.ingest.text import compose
from truce.model import Report

FIELDS = ("title", "url", "outlet", "published", "language", "author")


def parse_published(value: Any, source: str) -> date | None:
    """An ISO date (or date-time) from front matter, feeds or JSON; ReadError if impossible."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        raise ReadError(source, errors.BAD_DATE.format(value=text)) from None


def read_front_matter(text: str, source: str) -> Report:
    meta: dict[str, Any] = {}
    body = text
    stripped = text.lstrip("\ufeff")
    if stripped.startswith("---"):
        lines = stripped.split("\n")
        try:
            end = next(i for i, line in enumerate(lines[1:], 1) if line.strip() in ("---", "..."))
        except StopIteration:
            raise ReadError(source, errors.UNCLOSED_FRONT_MATTER) from None
        block = "\n".join(lines[1:end])
        try:
            # Dates stay strings so that an impossible one is reported, not a YAML error.
            loaded = yaml.load(block, Loader=_NoDatesLoader)
        except yaml.YAMLError as exc:
            detail = str(exc).splitlines()[0]
            raise ReadError(source, errors.BAD_FRONT_MATTER.format(detail=detail)) from None
        if loaded is not None and not isinstance(loaded, dict):
            raise ReadError(source, errors.FRONT_MATTER_NOT_MAPPING)
        meta = loaded or {}
        body = "\n".join(lines[end + 1:])
    body_text = compose(_str(meta.get("title")), body)
    if not body_text.strip():
        raise ReadError(source, errors.NO_TEXT)
    return Report(
        doc=source,
        text=body_text,
        title=_str(meta.get("title")),
        url=_str(meta.get("url")),
        outlet=_str(meta.get("outlet")),
        author=_str(meta.get("author")),
        published=parse_published(meta.get("published"), source),
        language=_str(meta.get("language")),
        source=source,
    )


def _str(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


class _NoDatesLoader(yaml.SafeLoader):
    """A safe loader that leaves timestamps as strings (validated by parse_published)."""


_NoDatesLoader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
