"""Registry entity recognition: actors and places matched by alias before spaCy's NER.

The small English model tags "Khan Younis" as a person; matching registry
aliases first, and handing the matches to NER as fixed entities, fixes that
and gives every match its registry id (``span.kb_id_``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from truce.registry.places import fold

ACTOR = "ACTOR"
PLACE = "PLACE"


# "the movement", "the mediators": descriptions, resolved from context, not names.
_GENERIC = re.compile(r"^the [a-z]+$")


def _case_sensitive(alias: str) -> bool:
    """Acronyms such as WHO, PA or MIT must match in capitals only."""
    letters = [c for c in alias if c.isalpha()]
    return bool(letters) and alias.upper() == alias and len(alias) <= 6


class RegistryEntities:
    """A pipeline component that marks registry actors and places as entities."""

    def __init__(self, nlp: Language, name: str = "truce_registry_entities") -> None:
        self.name = name
        self._vocab = nlp.vocab
        self._lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._ids: dict[str, tuple[str, str]] = {}
        self.actor_alias: dict[str, str] = {}

    def add(self, nlp: Language, label: str, names: Iterable[tuple[str, str]]) -> None:
        """Register (surface form, id) pairs under ``label`` (ACTOR or PLACE)."""
        lower: dict[str, list[Doc]] = {}
        exact: dict[str, list[Doc]] = {}
        for text, entity_id in names:
            text = text.strip()
            if len(text) < 2 or _GENERIC.match(text):
                continue
            key = f"{label}|{entity_id}"
            self._ids[key] = (label, entity_id)
            if label == ACTOR:
                self.actor_alias.setdefault(fold(text), entity_id)
            target = exact if _case_sensitive(text) else lower
            target.setdefault(key, []).append(nlp.make_doc(text))
            if text.lower().startswith("the ") and target is lower:
                target[key].append(nlp.make_doc(text[4:]))
        for key, docs in lower.items():
            self._lower.add(key, docs)
        for key, docs in exact.items():
            self._exact.add(key, docs)

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        for matcher in (self._lower, self._exact):
            for match_id, start, end in matcher(doc):
                label, entity_id = self._ids[self._vocab.strings[match_id]]
                if label == PLACE and (_month_of_a_date(doc, start, end) or
                                       _compass_in_a_name(doc, end)):
                    continue  # "Gaza, Nov 25": the month, not the Golan village of Nov
                spans.append(Span(doc, start, end, label=label, kb_id=entity_id))
        # Places outrank actors on the same words ("Ramallah", "Cairo"); roles map
        # such a place back to the government it stands for when it acts.
        spans.sort(key=lambda s: s.label_ != PLACE)
        kept = filter_spans(spans)
        doc.set_ents(kept, default="unmodified")
        return doc


_MONTHS = frozenset({"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept",
                     "oct", "nov", "dec", "january", "february", "march", "april", "june",
                     "july", "august", "september", "october", "november", "december"})


def _month_of_a_date(doc: Doc, start: int, end: int) -> bool:
    """Whether a one-word name is a month beside a day number ("Nov 25", "25 March")."""
    if end - start != 1 or doc[start].lower_.rstrip(".") not in _MONTHS:
        return False
    before = doc[start - 1] if start > 0 else None
    after = doc[end] if end < len(doc) else None
    return any(t is not None and t.like_num for t in (before, after))


_COMPASS = frozenset({"north", "south", "east", "west"})


def _compass_in_a_name(doc: Doc, end: int) -> bool:
    """Whether a name ending in a compass word runs on into a longer one ("the South East
    Asian countries", "the North Atlantic"): not "the south" of any place."""
    return doc[end - 1].lower_ in _COMPASS and end < len(doc) and doc[end].is_title and \
        doc[end].is_alpha


def paragraph_starts(doc: Doc) -> Doc:
    """Start a new sentence after every line break, so headlines and captions stand alone,
    and after a wire dateline ("JERUSALEM (AP) —"), so the agency is not read as a speaker;
    never after a colon ("Health ministry: seven killed ...") or right after a word."""
    bodies = set()
    for token in doc[:-1]:
        if token.i == 0 or (token.is_space and "\n" in token.text):
            start = token.i if token.i == 0 else token.i + 1
            doc[start].is_sent_start = True
            body = _after_dateline(doc, start)
            if body is not None:
                doc[body].is_sent_start = True
                bodies.add(body)
        elif token.text == ":" and not doc[token.i + 1].is_space and token.i + 1 not in bodies:
            doc[token.i + 1].is_sent_start = False
        elif _runs_on(token, doc[token.i + 1]) and token.i + 1 not in bodies:
            doc[token.i + 1].is_sent_start = False  # "Defence | Minister Katz said"
    return doc


def _runs_on(word: Token, after: Token) -> bool:
    """Whether a sentence goes on from one word to the next: on one line, no sentence starts
    right after a word ("Defence Minister", "pushed beyond the Litani")."""
    return (word.is_alpha or word.like_num) and not after.is_space and not after.is_punct


_DASHES = frozenset({"—", "–", "-", "--"})


def is_dateline(sentence: Span) -> bool:
    """Whether a sentence is a wire dateline alone: where the report was filed from, not
    where anything in it happened."""
    return _after_dateline(sentence.doc, sentence.start) == sentence.end


def _after_dateline(doc: Doc, start: int) -> int | None:
    """Where the text begins after a dateline opening a paragraph: a place in capitals, an
    optional date, the agency in brackets and a dash ("GAZA CITY, Oct 20 (Reuters) -"), or
    a place, a comma and its country or the date before a colon ("GAZA CITY, Palestine:",
    "Gaza, Nov 25:")."""
    first = doc[start]
    if not (first.is_alpha and len(first) > 1 and (first.is_upper or first.is_title)):
        return None
    for token in doc[start + 1: min(start + 14, len(doc) - 1)]:
        if token.text in _DASHES and doc[token.i - 1].text == ")" and first.is_upper:
            return token.i + 1
        words = doc[start: token.i]
        if token.text == ":" and any(t.text == "," for t in words) and all(
                t.is_upper or t.text == "," or t.is_title or t.like_num for t in words):
            return token.i + 1  # "GAZA CITY, Palestine: ...", "Gaza, Nov 25: ..."
        if token.is_space and "\n" in token.text:
            return None
    return None
