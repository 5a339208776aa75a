"""Dates: time expressions resolved against the report's publication date.

Weekdays, "yesterday", "last night", "N days ago", "last week" and calendar
dates are resolved here directly (fast, and with the codebook's rule that "on
Sunday" is the last Sunday on or before publication); anything else goes to
dateparser with ``RELATIVE_BASE`` set to the publication date.

A night is dated by the evening it begins ("overnight" in a report is the night
before publication). ``date_for`` picks the expression that dates a trigger:
one on its own verb or a verb above it, a point date before a period bound, the
start of a period for acts over it ("since 27 November", "since the truce
began"), never the date of what a speech act speaks about. "The same day",
"hours later", "the next day" take the day the text told before them.

Where the sentence gives no date, the pipeline dates an act by its paragraph or
the report; ``outside_time`` names the acts that take no such date (plans, acts
under a modal, or only readied or offered), ``standing_position`` a news
report's present-tense stance ("Moscow denies"), ``told_in_present`` a state or
act that holds as the report is published (dated by the report).
"""

from __future__ import annotations

import re
from contextlib import suppress
from datetime import date, datetime, timedelta
from functools import lru_cache

from spacy.tokens import Span, Token

from truce.extract.attribution import is_say_verb
from truce.extract.cues import lemma
from truce.extract.docindex import ents_in
from truce.extract.location import governs
from truce.model import DateRef

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "a": 1, "an": 1}
# "the past 24 hours" is a time before publication, not a duration.
_DURATION = re.compile(r"(?<!past )(?<!previous )(?<!last )\b(\d+|one|two|three|four|five|six|"
                       r"seven|eight|nine|ten|several|few)\s+(day|week|month|year|hour)s?\b"
                       r"(?!\s+ago)", re.I)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_DAY_MONTH = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([A-Za-z]{3,9})\.?(?:,?\s+(\d{4}))?")
_MONTH_DAY = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4}))?")
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
            return DateRef(_weekday(low, WEEKDAYS.index(word), base, future).isoformat(), "day",
                           cleaned)
    if re.search(r"\b(yesterday|(last|past|previous) (night|day|24 hours)|overnight|"
                 r"straight night|consecutive night)\b", low):
        # A night is dated by the evening it begins: "overnight" in a report is the night
        # that ended on the day of publication, so it began the day before.
        return DateRef((base - timedelta(days=1)).isoformat(), "day", cleaned)
    if re.search(r"\bweekend\b", low):
        return DateRef(_last_weekend(base).isoformat(), "week", cleaned)
    if re.search(r"\b(today|this morning|this afternoon|this evening|tonight|earlier today)\b",
                 low):
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
    if re.search(r"\blast month\b", low):
        previous = base.replace(day=1) - timedelta(days=1)
        return DateRef(previous.replace(day=1).isoformat(), "month", cleaned)
    if re.search(r"\bthis month\b", low):
        return DateRef(base.replace(day=1).isoformat(), "month", cleaned)
    if re.search(r"\b(last|this) year\b", low):
        year = base.year - 1 if "last" in low else base.year
        return DateRef(date(year, 1, 1).isoformat(), "year", cleaned)
    if re.search(r"\bcoming days\b", low):
        return DateRef(base.isoformat(), "week", cleaned)
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


def _weekday(low: str, target: int, base: date, future: bool) -> date:
    """The day a weekday names: the last one on or before ``base`` unless the expression
    or the tense looks forward; "overnight into Sunday" is the night that began Saturday."""
    if "next" in low or (future and "last" not in low):
        # A plan for the weekday of publication is for that day ("talks are due on Monday" in
        # Monday's paper); only "next Monday" skips it.
        ahead = (target - base.weekday()) % 7 or (7 if "next" in low else 0)
        day = base + timedelta(days=ahead)
    else:
        delta = (base.weekday() - target) % 7
        day = base - timedelta(days=7 if "last" in low and delta == 0 else delta)
    if re.search(r"\bovernight\b.*\b(into|to)\b", low):
        day -= timedelta(days=1)
    return day


def _last_weekend(base: date) -> date:
    """The Saturday of the latest weekend that began on or before ``base``."""
    return base - timedelta(days=(base.weekday() - 5) % 7)


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


def date_for(trigger: Token, sentence: Span, base: date | None, future: bool,
             speech: bool = False, truce_start: date | None = None) -> DateRef | None:
    """The date the sentence gives the event: an expression in the trigger's clause first.

    A range's bound ("since 27 November", "between 9 and 21 July") dates an act by the
    period's start; a statement or tally made over that period is dated when it was made.
    """
    if base is None:
        return None
    # "said on Saturday that its units were ready to move": an act only readied, offered or
    # under a modal is dated like a plan, by its own clause only.
    future = future or (not speech and (_modal(trigger) or _intended(trigger)))
    candidates = [e for e in date_entities(sentence)
                  if (governs(e.root, trigger) or _on_adverbial_clause(e.root, trigger))
                  and e.root.dep_ != "relcl"
                  and _on_trigger_verb(e.root, trigger, speech)
                  and not _names_a_thing(e.root, trigger)
                  and not (speech and _of_spoken_act(e.root, trigger))]
    if future:
        # "Officials said on Sunday that troops would stay": Sunday dates the saying, not
        # the plan; a planned event takes only a date of its own clause.
        candidates = [e for e in candidates if not _dates_the_saying(e.root, trigger)]
    if not candidates:
        return _over_truce(trigger, truce_start, speech or future)
    subtree = {t.i for t in trigger.subtree} | {t.i for t in trigger.head.subtree}
    # A date that points at the event before a bound of a period around it, and the saying's
    # date last.
    candidates.sort(key=lambda e: (_dates_the_saying(e.root, trigger), _range_word(e) is not None,
                                   e.root.i not in subtree, abs(e.root.i - trigger.i)))
    for ent in candidates:
        bound = _range_word(ent)
        if bound is not None and (speech or bound not in _START_WORDS):
            continue
        text = _with_preposition(ent)
        ahead = (future and not _past_tense(ent.root)) or text.lower().startswith("by ")
        resolved = _anaphoric(ent, text, base) or resolve(text, base, future=ahead)
        if resolved is not None and ahead and _over_before(resolved, base):
            continue  # "would be coordinated, as during the truce in January": not the plan's
        if resolved is not None and bound is not None:
            return _period_start(ent, resolved, base)
        if resolved is not None:
            return resolved
    return _over_truce(trigger, truce_start, speech or future)


_SAME_DAY = re.compile(r"\b(that|the same) (day|night|evening|morning|afternoon)\b|"
                       r"\b(hours|minutes) (later|earlier)\b", re.I)
_NEXT_DAY = re.compile(r"\bthe (next|following) (day|night|evening|morning|afternoon)\b|"
                       r"\b(a|one) day later\b", re.I)
_DAY_BEFORE = re.compile(r"\bthe previous (day|night|evening|morning|afternoon)\b|"
                         r"\b(a|one) day earlier\b", re.I)


def _anaphoric(ent: Span, text: str, base: date) -> DateRef | None:
    """A day named by the one the text told before it: "on the same day", "hours later", "the
    next day" (the day after it), "the previous day" (the day before)."""
    shift = next((days for days, pattern in ((0, _SAME_DAY), (1, _NEXT_DAY), (-1, _DAY_BEFORE))
                  if pattern.search(text)), None)
    if shift is None:
        return None
    antecedent = _antecedent(ent, base)
    if antecedent is None:
        return None
    value = date.fromisoformat(antecedent.value) + timedelta(days=shift)
    return DateRef(value.isoformat(), antecedent.precision, text)


def _antecedent(ent: Span, base: date) -> DateRef | None:
    """The last date the text gives before a time expression: a point in time, not the bound
    of a period nor part of a name, nor a day named in turn by another."""
    for earlier in reversed(date_entities(ent.doc[:ent.start])):
        text = _with_preposition(earlier)
        if _modifies_noun(earlier.root) or _range_word(earlier) is not None or any(
                p.search(text) for p in (_SAME_DAY, _NEXT_DAY, _DAY_BEFORE)):
            continue
        resolved = resolve(text, base)
        if resolved is not None and resolved.precision == "day":
            return resolved
    return None


def _over_before(value: DateRef, base: date) -> bool:
    """Whether the whole period a date names ended before ``base``."""
    start = date.fromisoformat(value.value)
    if value.precision == "month":
        return (start.year, start.month) < (base.year, base.month)
    if value.precision == "year":
        return start.year < base.year
    return start + timedelta(days=6 if value.precision == "week" else 0) < base


def _on_adverbial_clause(root: Token, trigger: Token) -> bool:
    """"Following consultations this evening, Netanyahu directed the army to strike": a time
    on an adverbial clause of a verb above the trigger dates that verb's act."""
    verb = _verb_of(root)
    return verb.dep_ in ("advcl", "prep") and verb.head in trigger.ancestors


def _over_truce(trigger: Token, truce_start: date | None, skip: bool) -> DateRef | None:
    return None if truce_start is None or skip else _since_truce(trigger, truce_start)


def _dates_the_saying(root: Token, trigger: Token) -> bool:
    """Whether a time expression hangs on a speech verb above the trigger."""
    above = {t.i for t in trigger.ancestors}
    head = _verb_of(root)
    return head.i in above and is_say_verb(head)


def _verb_of(token: Token) -> Token:
    """The verb a word hangs on (the word itself if no verb is above it)."""
    head = token.head
    while head.i != head.head.i and head.pos_ not in ("VERB", "AUX"):
        head = head.head
    return head


def _names_a_thing(root: Token, trigger: Token) -> bool:
    """Whether a time expression is part of a name ("the November truce", "the 26 January
    deadline"): it modifies a noun other than the trigger and dates no event."""
    return _modifies_noun(root) and root.head != trigger


def _modifies_noun(root: Token) -> bool:
    return root.dep_ in ("compound", "amod", "nmod", "poss") and \
        root.head.pos_ in ("NOUN", "PROPN")


def _on_trigger_verb(root: Token, trigger: Token, speech: bool) -> bool:
    """Whether a time expression hangs on the trigger's verb, a verb above it or a clause
    modifying one of those (for an act, also a verb below it), not on a clause joined beside
    it: "observing the truce and accused them of hitting targets over the past day" dates
    the hitting alone."""
    verb = _verb_of(root)
    if verb.pos_ not in ("VERB", "AUX") or verb == trigger or verb in trigger.ancestors:
        return True
    above = set(trigger.ancestors) | {trigger}
    node = verb
    while node not in above and node.i != node.head.i:
        if node.dep_ == "conj" and node.pos_ in ("VERB", "AUX"):
            return False  # a clause joined to the trigger's, with its own time
        node = node.head
    if node == trigger:
        return not speech  # a speech act is not dated by the act it speaks of
    return node in above


def _of_spoken_act(root: Token, trigger: Token) -> bool:
    """Whether a time expression dates what a speech act is about rather than the speech:
    it hangs on a noun or participle below the trigger ("condemns the massacres committed
    overnight", "condemned the raids overnight")."""
    node = root.head
    while node != trigger and node.i != node.head.i:
        if node.pos_ in ("NOUN", "PROPN") or (node.pos_ == "VERB" and node.dep_ == "acl"):
            return node in trigger.subtree
        node = node.head
    return False


def _past_tense(root: Token) -> bool:
    """Whether the verb a time expression hangs on is in a past tense ("started late on
    Tuesday", "having met on Monday"), which no planned event is; a participle opening the
    sentence ("following talks on Monday, ...") takes the tense of the verb it modifies."""
    verb = _verb_of(root)
    while verb.tag_ == "VBG" and verb.dep_ in ("advcl", "prep") and verb.i != verb.head.i:
        verb = verb.head
    return verb.tag_ == "VBD" or any(c.dep_ == "aux" and c.lower_ in ("had", "has", "have",
                                                                      "having")
                                     for c in verb.children)


def under_plan(trigger: Token) -> bool:
    """Whether the trigger hangs on a planned act ("units will continue to deploy as the
    enemy withdraws"): a verb above it with a future auxiliary."""
    return any(a.pos_ in ("VERB", "AUX") and any(
        c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in a.children)
        for a in trigger.ancestors)


def outside_time(trigger: Token, speech: bool = False) -> bool:
    """Whether the text puts an act at no time beyond its own clause, so that neither the
    paragraph's date nor the report's dates it: a plan, an act under a modal ("would not
    enter"), or one a party is only ready or offers to carry out ("stood ready to help").
    An act a party is accused of or denies ("accused Hamas of firing on troops") is dated
    by its context like any other. A speech act is made when said, even a threat of what
    will be done ("will deliver a response", "remain ready to respond")."""
    if speech:
        return False
    return under_plan(trigger) or _modal(trigger) or _intended(trigger)


def standing_position(trigger: Token) -> bool:
    """Whether a stance is told in the simple present or as repeated ("Moscow denies
    targeting civilians", "each blame the other", "a proposal India has repeatedly
    rejected"): in a news report, a standing position rather than an act of a day. Not in
    a headline, whose present tense tells the news, nor for what a present "says" reports
    ("Israeli strikes killed 45, the ministry says")."""
    if _headline(trigger.sent) or not is_say_verb(trigger) or \
            lemma(trigger) not in _STANCE_VERBS:
        return False  # "condemns", "calls on": said as the report is issued
    auxiliaries = [c for c in trigger.children if c.dep_ in ("aux", "auxpass")]
    present = trigger.tag_ in ("VBZ", "VBP") and not auxiliaries
    return present or any(c.lower_ in _REPEATED for c in trigger.children)


def told_in_past(trigger: Token) -> bool:
    """Whether a saying is told in the simple past ("the delegation urged the mediators",
    "it asked Turkey to press"): in a party's statement, part of the occasion it reports."""
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else _verb_of(trigger)
    return verb.tag_ == "VBD" and not _headline(trigger.sent)


def _headline(sentence: Span) -> bool:
    """A headline ends without a full stop."""
    last = next((t for t in reversed(sentence) if not t.is_space), None)
    return last is not None and last.text not in (".", "!", "?", '"', "'", "”", "’")


def _modal(trigger: Token) -> bool:
    """"Would not enter", "should withdraw"; not a guess about the past ("may have fired")."""
    auxiliaries = [c.lower_ for c in trigger.children if c.dep_ in ("aux", "auxpass")]
    return any(a in _MODALS for a in auxiliaries) and "have" not in auxiliaries


def _intended(trigger: Token) -> bool:
    """"Ready to support the mechanism", "offered to send teams to help", "would let the army
    deploy": an infinitive (or a chain of them) under a word of readiness or offer, or under
    a verb with a modal. "Allowed the trucks to enter" tells what happened."""
    node = trigger
    while node.tag_ == "VB" and node.dep_ in ("xcomp", "advcl", "ccomp") and \
            node.i != node.head.i:
        node = node.head
        if lemma(node) in _INTENT_WORDS or _modal(node):
            return True
    return False


def offered(trigger: Token) -> bool:
    """Whether an act is only offered or readied ("stood ready to help free detainees"): the
    offer, made where it was said, is what happened."""
    return _intended(trigger) and not _modal(trigger)


def told_in_present(trigger: Token) -> bool:
    """Whether a state or act is told in the present ("while Rafah and Zikim remain shut"):
    it holds as the report is published. (One told in the past progressive, "said it was
    delaying the handover", was going on when it was said: it is dated like the saying.)"""
    return _present(trigger)


def issued_headline(trigger: Token) -> bool:
    """Whether a party's own statement's headline tells the act in the present ("armed
    formations continue attacks"): it says what holds the day the statement is issued."""
    return _headline(trigger.sent) and _present(trigger, in_headline=True)


def _present(trigger: Token, in_headline: bool = False) -> bool:
    """Whether the trigger is a verb (or a state or act after one: "remain shut", "continue
    attacks") in the present tense, outside a headline (whose present tells past news,
    unless ``in_headline``) and outside a clause of time or condition ("as the enemy
    withdraws", whose present is a future). A verb joined to another ("is speeding up
    recruitment and moving units") shares its auxiliaries."""
    verb = trigger.head if trigger.dep_ in ("acomp", "npadvmod") or (
        trigger.dep_ == "dobj" and trigger.pos_ == "NOUN") else trigger
    if verb.pos_ not in ("VERB", "AUX") or (_headline(trigger.sent) and not in_headline) or \
            under_plan(verb) or \
            any(c.dep_ == "mark" and c.lower_ in _TIME_MARKS for c in verb.children):
        return False
    auxiliaries = [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if not auxiliaries and verb.dep_ == "conj" and verb.tag_ == verb.head.tag_:
        auxiliaries = [c.lower_ for c in verb.head.children if c.dep_ in ("aux", "auxpass")]
    if not auxiliaries:
        return verb.tag_ in ("VBZ", "VBP")
    return verb.tag_ in ("VBG", "VBN") and auxiliaries[-1] in _PRESENT_AUX


# "is deployed", and the parser's auxiliary in "remains deployed", "stay closed"
_PRESENT_AUX = frozenset({"is", "are", "am", "remains", "remain", "stays", "stay"})
_TIME_MARKS = frozenset({"as", "when", "until", "till", "if", "once", "before", "after",
                         "unless", "whenever"})
_FUTURE_AUX = frozenset({"will", "shall", "'ll"})
_MODALS = frozenset({"will", "shall", "'ll", "wo", "would", "could", "might", "may", "should",
                     "must"})
_INTENT_WORDS = frozenset({"ready", "prepared", "willing", "offer", "prepare", "propose",
                           "intend", "plan", "want", "seek"})
# Verbs whose simple present tells a held stance; "says" is also the wires' present of a
# fresh statement ("the military says it struck ...").
_STANCE_VERBS = frozenset({"deny", "blame", "accuse", "reject", "insist", "maintain",
                           "dismiss"})
_REPEATED = frozenset({"repeatedly", "routinely", "regularly", "consistently"})
_RANGE_WORDS = frozenset({"since", "until", "till", "through", "throughout", "between", "from",
                          "starting", "beginning"})
_START_WORDS = frozenset({"since", "between", "from", "starting", "beginning"})


def _range_word(ent: Span) -> str | None:
    """The word that makes a time expression a bound of a period, if any: the preposition
    it hangs on ("since 10 October", "between 9 and 21 July") or the conjunction of the
    clause it dates ("since the truce took effect on 10 October")."""
    doc = ent.doc
    before = [t.lower_ for t in doc[max(ent.sent.start, ent.start - 3): ent.start]]
    near = next((w for w in reversed(before) if w in _RANGE_WORDS), None)
    if near is not None:
        return near
    node = ent.root
    while node.i != node.head.i:
        node = node.head
        if node.dep_ == "prep" and node.lower_ in _RANGE_WORDS:
            return node.lower_
        if node.pos_ in ("VERB", "AUX"):
            mark = next((c.lower_ for c in node.children if c.dep_ == "mark"), None)
            return mark if mark in _RANGE_WORDS else None
    return None


_TRUCE_NOUNS = frozenset({"ceasefire", "truce", "agreement", "deal", "understanding",
                          "arrangement", "accord", "moratorium"})
_ONSET_VERBS = frozenset({"begin", "start", "take", "come", "go", "enter"})


def _since_truce(trigger: Token, start: date) -> DateRef | None:
    """"Since the agreement began, the enemy has fired on civilians": an act over the
    truce's life is dated from the day it took effect (week precision)."""
    for word in trigger.sent:
        anchor = word.head if word.dep_ == "mark" else word
        if word.lower_ != "since" or not governs(anchor, trigger) or _comparison(word):
            continue
        if word.dep_ == "mark":
            verb = word.head
            nouns = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            if lemma(verb) not in _ONSET_VERBS or verb.head.pos_ not in ("VERB", "AUX"):
                continue
        elif word.dep_ == "prep" and word.head.pos_ in ("VERB", "AUX"):
            verb, nouns = word, [c for c in word.children if c.dep_ == "pobj"]
        else:
            continue
        if any(lemma(n) in _TRUCE_NOUNS for n in nouns):
            text = word.doc[word.i: verb.right_edge.i + 1].text if word.dep_ == "mark" else \
                word.doc[word.i: word.right_edge.i + 1].text
            return DateRef(start.isoformat(), "week", text)
    return None


def _comparison(since: Token) -> bool:
    """"Its first attack since the truce began", "the deadliest day since": the period is a
    yardstick for a superlative or ordinal, not the span of the act."""
    before = since.doc[max(since.sent.start, since.i - 4): since.i]
    return any(t.tag_ == "JJS" or t.lower_ in ("first", "last", "only") for t in before)


def is_period_start(value: DateRef) -> bool:
    """Whether a date is the start of a period ("since 27 November"), which dates the acts of
    that period but not what follows in the text."""
    return bool(value.text) and value.text.split()[0].lower() in _START_WORDS


def _period_start(ent: Span, resolved: DateRef, base: date) -> DateRef:
    """The start of a period a bound names: "between 9 and 21 July" starts on 9 July."""
    value = date.fromisoformat(resolved.value)
    doc = ent.doc
    start = ent.start
    window = doc[max(ent.sent.start, ent.start - 4): ent.start]
    opener = next((t for t in reversed(window) if t.lower_ == "between"), None)
    if opener is not None and opener.i + 1 < ent.start and doc[opener.i + 1].like_num:
        start = opener.i
        with suppress(ValueError):
            value = value.replace(day=int(doc[opener.i + 1].text.rstrip("stndrh")))
    text = doc[start: ent.end].text
    if opener is None and (word := _range_word(ent)) is not None:
        text = f"{word} {text}"
    precision = "day" if (base - value).days <= 1 else "week"
    return DateRef(value.isoformat(), precision, text)


def _with_preposition(ent: Span) -> str:
    """Include "on"/"late on"/"last" before the expression, as the codebook's text shows."""
    doc = ent.doc
    start = ent.start
    while start > 0 and doc[start - 1].lower_ in ("on", "late", "early", "last", "next", "by"):
        start -= 1
    return doc[start: ent.end].text
