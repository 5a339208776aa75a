"""Quotations and their speakers, across sentences.

News quotes one sentence or several and names the speaker at the end: '"The
occupation is lying. We remain committed to the truce," the spokesman said.'
The speaker is the subject of the speech verb after the closing quote mark, in
the sentence that closes the quotation or the next one. Events stated inside
the quotation rest on that speaker's word; "we" inside it is the speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from truce.extract.attribution import is_say_verb, subject_of
from truce.extract.docindex import index

_QUOTE = re.compile(r"[“\"]([^“”\"]{2,800})[”\"]", re.S)


@dataclass(frozen=True, slots=True)
class Quotation:
    start: int
    end: int
    speaker: Token | None


def quotations(doc: Doc) -> list[Quotation]:
    """Quoted stretches of the document with the token naming who said them (if found)."""
    found = []
    text = index(doc).text
    for match in _QUOTE.finditer(text):
        start, end = match.start(1), match.end(1)
        found.append(Quotation(start, end, _speaker_after(doc, end)))
    return found


def _speaker_after(doc: Doc, end: int) -> Token | None:
    closing = doc.char_span(end, min(len(index(doc).text), end + 1), alignment_mode="expand")
    if closing is None:
        return None
    sentence = closing[0].sent
    candidates = [sentence]
    if sentence.end < len(doc):
        candidates.append(doc[sentence.end].sent)
    for span in candidates:
        for token in span:
            if token.idx <= end or not is_say_verb(token):
                continue
            subject = subject_of(token)
            if subject is not None and subject.idx > end:
                return subject
            if subject is not None and span is not sentence:
                return subject
    return None


def enclosing(quotes: list[Quotation], token: Token) -> Quotation | None:
    for quote in quotes:
        if quote.start <= token.idx < quote.end:
            return quote
    return None
