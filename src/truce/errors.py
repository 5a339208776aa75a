"""Every error Truce reports to a user, in one place.

Each is one line that names the file or field, says what is wrong and, where it
helps, what to do. Readers raise these; the CLI prints them without traceback.
"""

from __future__ import annotations


class TruceError(Exception):
    """Base of every error a user may see."""


class ReadError(TruceError):
    """A report source could not be read; the message names the source."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class RegistryError(TruceError):
    """A registry or agreement data file is malformed."""


class StoreError(TruceError):
    """The database cannot be opened or is at an unknown schema version."""


class UnknownAgreement(TruceError):
    def __init__(self, agreement_id: str, known: list[str]) -> None:
        super().__init__(
            f"unknown agreement {agreement_id!r}; known: {', '.join(sorted(known)) or 'none'}"
        )


# Reasons a source is refused, kept together so wording stays consistent.
EMPTY_FILE = "empty file, nothing to read"
BINARY_FILE = "binary content, not a text report (expected UTF-8 text, HTML, XML or JSON Lines)"
NOT_UTF8 = "not valid UTF-8 text"
TOO_LARGE = "file is {size} MB, over the {limit} MB limit for one report source"
BAD_FRONT_MATTER = "front matter is not valid YAML ({detail})"
FRONT_MATTER_NOT_MAPPING = "front matter must be a mapping of fields such as title: and published:"
UNCLOSED_FRONT_MATTER = "front matter opened with '---' but never closed"
BAD_DATE = "field 'published': {value!r} is not a valid ISO date (YYYY-MM-DD)"
NOT_A_FEED = "not a well-formed RSS/Atom feed ({detail})"
EMPTY_FEED = "feed has no items"
BAD_JSON_LINE = "line {line}: not valid JSON ({detail})"
JSON_LINE_NOT_OBJECT = "line {line}: expected a JSON object with a 'text' field"
JSON_LINE_NO_TEXT = "line {line}: field 'text' is missing or empty"
NO_TEXT = "no report text found after removing markup"
UNSUPPORTED = "unsupported file type {suffix!r} (use .md, .txt, .html, .xml/.rss/.atom, .jsonl)"
NOT_FOUND = "no such file or directory"


class AccountError(TruceError):
    """A user account cannot be created, found or changed; the message says why."""


class InvalidChange(TruceError):
    """A review, merge or split request is malformed; ``field`` names the offending part."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


class NotFound(TruceError):
    """A record named by id does not exist."""


class StaleVersion(TruceError):
    """A review was based on an older version of the event than the current one."""
