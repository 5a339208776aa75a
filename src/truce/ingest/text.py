"""Decoding raw bytes into report text, refusing what is not a text report."""

from __future__ import annotations

import re

from truce import errors
from truce.errors import ReadError

MAX_BYTES = 20 * 1024 * 1024
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")


def decode(raw: bytes, source: str) -> str:
    """UTF-8 text of a report source, or a ReadError saying why it is not one."""
    if not raw.strip():
        raise ReadError(source, errors.EMPTY_FILE)
    if len(raw) > MAX_BYTES:
        raise ReadError(source, errors.TOO_LARGE.format(
            size=round(len(raw) / 1_048_576, 1), limit=MAX_BYTES // 1_048_576))
    head = raw[:8192]
    if b"\x00" in head:
        raise ReadError(source, errors.BINARY_FILE)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if len(_CONTROL.findall(head.decode("latin-1"))) > 8:
            raise ReadError(source, errors.BINARY_FILE) from None
        raise ReadError(source, f"{errors.NOT_UTF8} (byte {exc.start})") from None
    if len(_CONTROL.findall(text[:8192])) > 8:
        raise ReadError(source, errors.BINARY_FILE)
    return text


_WRAP_WIDTH = 100  # hard-wrapped text breaks its lines before this many characters


def normalise_body(text: str) -> str:
    """Report text as the pipeline reads it: paragraphs kept, lines within them joined
    where the text is hard-wrapped; where it is not (lines longer than any wrap, as in text
    copied from a web page), each line is a paragraph, and a subheading stays apart."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    paragraphs: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if len(lines) > 1 and max(len(line) for line in lines[:-1]) > _WRAP_WIDTH:
            paragraphs.extend(lines)
        elif lines:
            paragraphs.append(" ".join(lines))
    return "\n\n".join(paragraphs)


def compose(title: str | None, body: str) -> str:
    """The document text: the headline (a sentence of its own) above the body."""
    body = normalise_body(body)
    title = " ".join((title or "").split())
    return f"{title}\n\n{body}" if title else body
