"""HTML pages: the main text kept, navigation and other boilerplate dropped (trafilatura)."""

from __future__ import annotations

from truce import errors
from truce.errors import ReadError
from truce.ingest.frontmatter import parse_published
from truce.ingest.text import compose
from truce.model import Report


def read_html(text: str, source: str) -> Report:
    import trafilatura

    extracted = trafilatura.bare_extraction(
        text, with_metadata=True, include_comments=False, include_tables=False,
        favor_precision=True,
    )
    body = getattr(extracted, "text", None) if extracted is not None else None
    if not body or not body.strip():
        raise ReadError(source, errors.NO_TEXT)
    title = getattr(extracted, "title", None)
    # trafilatura puts one paragraph per line; a headline repeated as the first line goes.
    lines = [line.strip() for line in body.splitlines() if line.strip()]
    if title and lines and lines[0].strip().lower() == title.strip().lower():
        lines = lines[1:]
    body = "\n\n".join(lines)
    published = None
    raw_date = getattr(extracted, "date", None)
    if raw_date:
        try:
            published = parse_published(raw_date, source)
        except ReadError:
            published = None
    return Report(
        doc=source,
        text=compose(title, body),
        title=title,
        url=getattr(extracted, "url", None),
        outlet=getattr(extracted, "sitename", None),
        author=getattr(extracted, "author", None),
        published=published,
        language=getattr(extracted, "language", None),
        source=source,
    )
