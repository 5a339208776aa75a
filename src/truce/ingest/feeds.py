"""RSS and Atom feed files: each item a report."""

from __future__ import annotations

import re
from datetime import date
from html import unescape

from truce import errors
from truce.errors import ReadError
from truce.ingest.text import compose
from truce.model import Report

_TAG = re.compile(r"<[^>]+>")


def looks_like_feed(text: str) -> bool:
    head = text.lstrip()[:2000].lower()
    return head.startswith("<?xml") or "<rss" in head or "<feed" in head or "<rdf" in head


def read_feed(text: str, source: str) -> list[Report]:
    import feedparser

    parsed = feedparser.parse(text)
    if parsed.get("bozo") and not parsed.entries:
        detail = str(parsed.get("bozo_exception") or "unparseable").splitlines()[0]
        raise ReadError(source, errors.NOT_A_FEED.format(detail=detail))
    if not parsed.get("version") and not parsed.entries:
        raise ReadError(source, errors.NOT_A_FEED.format(detail="no <rss> or <feed> root"))
    if not parsed.entries:
        raise ReadError(source, errors.EMPTY_FEED)
    outlet = parsed.feed.get("title")
    reports = []
    for index, entry in enumerate(parsed.entries, 1):
        body = _entry_text(entry)
        if not body.strip():
            continue
        title = entry.get("title")
        reports.append(Report(
            doc=f"{source}#{entry.get('id') or entry.get('link') or index}",
            text=compose(title, body),
            title=title,
            url=entry.get("link"),
            outlet=outlet,
            author=entry.get("author"),
            published=_published(entry),
            language=parsed.feed.get("language"),
            source=source,
        ))
    if not reports:
        raise ReadError(source, errors.EMPTY_FEED)
    return reports


def _entry_text(entry: dict) -> str:
    contents = entry.get("content") or []
    raw = contents[0].get("value") if contents else entry.get("summary") or ""
    text = unescape(_TAG.sub(" ", raw.replace("</p>", "\n\n").replace("<br", "\n<br")))
    return "\n\n".join(" ".join(p.split()) for p in text.split("\n\n") if p.strip())


def _published(entry: dict) -> date | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            return date(value.tm_year, value.tm_mon, value.tm_mday)
    return None
