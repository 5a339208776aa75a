"""Time expressions, demonyms and unregistered names, found without a statistical NER.

spaCy's small NER takes about as long as the rest of its pipeline, and Truce
needs only three things from it: time expressions (for dates), adjectives of
nationality ("Israeli", "Palestinians") and names of people and organisations
that no registry holds. Token patterns and the tagger's proper nouns give all
three, faster and the same way every time.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun",
          "jul", "aug", "sep", "sept", "oct", "nov", "dec",
          # abbreviations with their full stop, as the tokenizer keeps them ("Dec. 11")
          "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "oct.",
          "nov.", "dec."]
PARTS_OF_DAY = ["morning", "afternoon", "evening", "night", "dawn", "midnight", "noon"]
_NUMBER_WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                 "a", "an", "several", "few"]


def _patterns() -> dict[str, list[list[dict]]]:
    day_number = {"TEXT": {"REGEX": r"^\d{1,2}(st|nd|rd|th)?$"}}
    year = {"TEXT": {"REGEX": r"^(19|20)\d\d$"}}
    month = {"LOWER": {"IN": MONTHS}}
    weekday = {"LOWER": {"IN": WEEKDAYS}}
    part = {"LOWER": {"IN": PARTS_OF_DAY}, "OP": "?"}
    relative = {"LOWER": {"IN": ["last", "next", "this", "early", "late"]}, "OP": "?"}
    day_part = {"LOWER": {"IN": ["day", "night", "evening", "morning", "afternoon"]}}
    return {
        "DATE": [
            [relative, weekday, part],
            [weekday, {"TEXT": ","}, month, day_number, {"TEXT": ",", "OP": "?"},
             {"TEXT": {"REGEX": r"^(19|20)\d\d$"}, "OP": "?"}],
            [weekday, {"TEXT": ",", "OP": "?"}, day_number, month, year],
            [day_number, month, {"TEXT": ",", "OP": "?"}, year],
            [day_number, month],
            [month, day_number, {"TEXT": ",", "OP": "?"}, year],
            [month, day_number],
            [month, year],
            [{"LOWER": {"IN": ["yesterday", "today", "tonight", "overnight", "tomorrow"]}}],
            [{"LOWER": {"IN": ["last", "this", "tomorrow", "yesterday"]}},
             {"LOWER": {"IN": PARTS_OF_DAY}}],
            [{"LOWER": {"IN": ["earlier", "later"]}}, {"LOWER": {"IN": ["today", "this"]}},
             {"LOWER": {"IN": ["week", "month", *PARTS_OF_DAY]}, "OP": "?"}],
            [{"LOWER": {"IN": _NUMBER_WORDS}}, {"LOWER": {"IN": ["day", "days", "week",
                                                                "weeks"]}},
             {"LOWER": "ago"}],
            [{"LIKE_NUM": True}, {"LOWER": {"IN": ["day", "days", "week", "weeks"]}},
             {"LOWER": "ago"}],
            [{"LOWER": {"IN": ["last", "this", "next", "earlier"]}},
             {"LOWER": {"IN": ["week", "month", "weekend", "year"]}}],
            [{"LOWER": "the"}, {"LOWER": "weekend"}],
            [{"LOWER": "the"}, {"LOWER": "coming"}, {"LOWER": "days"}],
            # a day named by the one told before it ("the same day", "hours later")
            [{"LOWER": {"IN": ["later", "earlier"]}, "OP": "?"}, {"LOWER": "that"}, day_part],
            [{"LOWER": {"IN": ["later", "earlier"]}, "OP": "?"}, {"LOWER": "the"},
             {"LOWER": {"IN": ["same", "next", "following", "previous"]}}, day_part],
            [{"LOWER": {"IN": ["hours", "minutes"]}}, {"LOWER": {"IN": ["later", "earlier"]}}],
            [{"LOWER": {"IN": ["a", "one"]}}, {"LOWER": "day"},
             {"LOWER": {"IN": ["later", "earlier"]}}],
            [{"LOWER": "overnight"}, {"LOWER": {"IN": ["into", "to"]}}, weekday],
            [{"LOWER": {"IN": ["past", "previous", "last"]}},
             {"LOWER": {"IN": ["day", "night"]}}],
            [{"LOWER": {"IN": ["past", "previous", "last"]}}, {"TEXT": "24"},
             {"LOWER": "hours"}],
            [{"LOWER": {"IN": ["second", "third", "fourth", "fifth", "sixth", "seventh"]}},
             {"LOWER": {"IN": ["straight", "consecutive"]}}, {"LOWER": {"IN": ["night", "day"]}}],
            [month],
            [{"TEXT": {"REGEX": r"^\d{4}-\d{2}-\d{2}$"}}],
        ],
    }


class TimeAndNames:
    """Marks time expressions (DATE), demonyms (NORP) and unregistered proper names (NAME)."""

    def __init__(self, nlp: Language, name: str = "truce_time_and_names") -> None:
        self.name = name
        self.matcher = Matcher(nlp.vocab)
        for label, patterns in _patterns().items():
            self.matcher.add(label, patterns)
        self.demonyms: frozenset[str] = frozenset()

    def set_demonyms(self, words: Iterable[str]) -> None:
        forms = set()
        for word in words:
            forms.update({word.lower(), f"{word.lower()}s"})
        self.demonyms = frozenset(forms)

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        for match_id, start, end in self.matcher(doc):
            if doc[start].lower_ == "may" and end - start == 1 and doc[start].pos_ != "PROPN":
                continue  # the verb "may"
            spans.append(Span(doc, start, end, label=doc.vocab.strings[match_id]))
        for token in doc:
            if token.lower_ in self.demonyms and token.pos_ in ("ADJ", "PROPN", "NOUN"):
                spans.append(Span(doc, token.i, token.i + 1, label="NORP"))
        spans.extend(self._names(doc))
        taken = {i for e in doc.ents for i in range(e.start, e.end)}
        fresh = [s for s in filter_spans(spans) if not any(i in taken for i in
                                                            range(s.start, s.end))]
        doc.set_ents(list(doc.ents) + fresh, default="unmodified")
        return doc

    def _names(self, doc: Doc) -> list[Span]:
        """Runs of proper nouns not already marked: people and bodies no registry holds."""
        found: list[Span] = []
        start = None
        for token in doc:
            proper = token.pos_ == "PROPN" and token.is_alpha and token.text[0].isupper() and \
                not token.ent_type_ and token.lower_ not in WEEKDAYS + MONTHS
            if proper and start is None:
                start = token.i
            elif not proper and start is not None:
                found.append(Span(doc, start, token.i, label="NAME"))
                start = None
        if start is not None:
            found.append(Span(doc, start, len(doc), label="NAME"))
        return found
