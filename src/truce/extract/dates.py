"""Dates: time expressions resolved against the report's publication date.

Weekdays, "yesterday", "last night", "N days ago", "last week" and calendar
dates are resolved here directly (fast, and with the codebook's rule that "on
Sunday" is the last Sunday on or before publication); anything else goes to
dateparser with ``RELATIVE_BASE`` set to the publication date.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

from spacy.tokens import Span, Token

from truce.extract.attribution import is_say_verb
from truce.extract.docindex import ents_in
from truce.extract.location import governs
from truce.model import DateRef

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "a": 1, "an": 1}
_DURATION = re.compile(r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|several|"
                       r"few)\s+(day|week|month|year|hour)s?\b(?!\s+ago)", re.I)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_DAY_MONTH = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([A-Za-z]{3,9})\.?(?:,?\s+(\d{4}))?")
_MONTH_DAY = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?")
_MONTH_YEAR = re.compile(r"\b([A-Za-z]{3,9})\s+(\d{4})\b")
_AGO = re.compile(r"\b(\d+|one|two|three|four|five|six|seven|a|an)\s+(day|week)s?\s+ago\b", re.I)


def _month(word: str) -> int | None:
    """Month number of a month name or abbreviation ("Oct", "October"), else None."""
    low = word.lower().rstrip(".")
    if low in MONTHS:
        return MONTHS.index(low) + 1
    return _MONTH_ABBR.get(low)


def _with_year(month: int, day: int, year: int | None, base: date) -> date | None:
    try:
        if year:
            return date(year, month, day)
        candidate = date(base.year, month, day)
    except ValueError:
        return None
    # Without a year, a date far after publication belongs to the previous year.
    if candidate > base + timedelta(days=31):
        candidate = candidate.replace(year=base.year - 1)
    return candidate


def resolve(text: str, base: date, future: bool = False) -> DateRef | None:
    """Resolve a time expression against ``base``; None if it is a duration or unknown."""
    cleaned = text.strip()
    low = cleaned.lower()
    if _DURATION.search(low) or low.startswith(("since", "for ")):
        return None
    if match := _ISO.search(cleaned):
        try:
            value = date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None
        return DateRef(value.isoformat(), "day", cleaned)
    for word in WEEKDAYS:
        if re.search(rf"\b{word}\b", low):
            target = WEEKDAYS.index(word)
            if "next" in low or (future and "last" not in low):
                delta = (target - base.weekday()) % 7 or 7
                return DateRef((base + timedelta(days=delta)).isoformat(), "day", cleaned)
            delta = (base.weekday() - target) % 7
            if "last" in low and delta == 0:
                delta = 7
            return DateRef((base - timedelta(days=delta)).isoformat(), "day", cleaned)
    if re.search(r"\b(yesterday|last night)\b", low):
        return DateRef((base - timedelta(days=1)).isoformat(), "day", cleaned)
    # "overnight" in a morning report is the night that ends on the day of publication.
    if re.search(r"\b(today|this morning|this afternoon|this evening|tonight|earlier today|"
                 r"overnight)\b", low):
        return DateRef(base.isoformat(), "day", cleaned)
    if "tomorrow" in low:
        return DateRef((base + timedelta(days=1)).isoformat(), "day", cleaned)
    if match := _AGO.search(low):
        amount = int(match[1]) if match[1].isdigit() else _NUMBER_WORDS.get(match[1], 1)
        days = amount * (7 if match[2] == "week" else 1)
        precision = "week" if match[2] == "week" else "day"
        return DateRef((base - timedelta(days=days)).isoformat(), precision, cleaned)
    if re.search(r"\blast week\b", low):
        monday = base - timedelta(days=base.weekday() + 7)
        return DateRef(monday.isoformat(), "week", cleaned)
    if re.search(r"\bthis week\b|\bearlier this week\b", low):
        return DateRef((base - timedelta(days=base.weekday())).isoformat(), "week", cleaned)
    if re.search(r"\bnext week\b", low):
        return DateRef((base + timedelta(days=7 - base.weekday())).isoformat(), "week", cleaned)
    for pattern, order in ((_DAY_MONTH, "dm"), (_MONTH_DAY, "md")):
        for match in pattern.finditer(cleaned):
            day_s, month_s = (match[1], match[2]) if order == "dm" else (match[2], match[1])
            month = _month(month_s)
            if month is None:
                continue
            year = int(match[3]) if match[3] else None
            value = _with_year(month, int(day_s), year, base)
            if value is not None:
                return DateRef(value.isoformat(), "day", cleaned)
    if match := _MONTH_YEAR.search(cleaned):
        month = _month(match[1])
        if month:
            return DateRef(date(int(match[2]), month, 1).isoformat(), "month", cleaned)
    for word in MONTHS:
        if re.search(rf"\b{word}\b", low):
            month = MONTHS.index(word) + 1
            year = base.year if month <= base.month + 1 else base.year - 1
            return DateRef(date(year, month, 1).isoformat(), "month", cleaned)
    return _dateparser(cleaned, base)


@lru_cache(maxsize=4096)
def _dateparser(text: str, base: date) -> DateRef | None:
    import dateparser

    settings = {"RELATIVE_BASE": datetime(base.year, base.month, base.day),
                "PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day"]}
    # Naming the language spares dateparser from trying every locale it knows (slow).
    parsed = dateparser.parse(text, languages=["en"], settings=settings)  # type: ignore[arg-type]
    if parsed is None:
        return None
    return DateRef(parsed.date().isoformat(), "day", text)


def date_entities(sentence: Span) -> list[Span]:
    return [e for e in ents_in(sentence) if e.label_ == "DATE" or
            (e.label_ == "TIME" and re.search(r"night|morning|evening|afternoon", e.text, re.I))]


def date_for(trigger: Token, sentence: Span, base: date | None, future: bool) -> DateRef | None:
    """The date the sentence gives the event: an expression in the trigger's clause first."""
    if base is None:
        return None
    candidates = [e for e in date_entities(sentence)
                  if governs(e.root, trigger) and e.root.dep_ != "relcl"]
    if future:
        # "Officials said on Sunday that troops would stay": Sunday dates the saying, not
        # the plan; a planned event takes only a date of its own clause.
        candidates = [e for e in candidates if not _dates_the_saying(e.root, trigger)]
    if not candidates:
        return None
    subtree = {t.i for t in trigger.subtree} | {t.i for t in trigger.head.subtree}
    candidates.sort(key=lambda e: (_dates_the_saying(e.root, trigger), e.root.i not in subtree,
                                   abs(e.root.i - trigger.i)))
    for ent in candidates:
        before = {t.lower_ for t in sentence.doc[max(sentence.start, ent.start - 3): ent.start]}
        if before & _RANGE_WORDS:
            continue
        text = _with_preposition(ent)
        resolved = resolve(text, base, future=future or text.lower().startswith("by "))
        if resolved is not None:
            return resolved
    return None


def _dates_the_saying(root: Token, trigger: Token) -> bool:
    """Whether a time expression hangs on a speech verb above the trigger."""
    above = {t.i for t in trigger.ancestors}
    head = root.head
    while head.i != head.head.i and head.pos_ not in ("VERB", "AUX"):
        head = head.head
    return head.i in above and is_say_verb(head)


_RANGE_WORDS = frozenset({"since", "until", "till", "through", "throughout", "between"})




def _with_preposition(ent: Span) -> str:
    """Include "on"/"late on"/"last" before the expression, as the codebook's text shows."""
    doc = ent.doc
    start = ent.start
    while start > 0 and doc[start - 1].lower_ in ("on", "late", "early", "last", "next", "by"):
        start -= 1
    return doc[start: ent.end].text
