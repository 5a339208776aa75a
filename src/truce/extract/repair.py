"""Repairs of parses the small English model gets wrong in wire copy."""

from __future__ import annotations

from spacy.tokens import Doc, Token

_DAY_WORDS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                        "sunday", "today", "yesterday", "tonight"})


def dated_subjects(doc: Doc) -> Doc:
    """"The ministry said on Saturday Ukraine had increased ...": without "that", the parser
    reads "Saturday Ukraine" as one name in the "on" phrase and leaves the reported verb
    without a subject. The day goes back to the preposition and the name becomes the
    subject of the verb that follows it."""
    for day in doc:
        if day.lower_ not in _DAY_WORDS or day.dep_ != "compound":
            continue
        name = day.head
        if name.dep_ != "pobj" or name.head.lower_ != "on" or name.i != day.i + 1:
            continue
        verb = _following_verb(doc, name)
        if verb is None:
            continue
        passive = any(c.dep_ == "auxpass" for c in verb.children)
        day.head, day.dep_ = name.head, "pobj"
        name.head, name.dep_ = verb, "nsubjpass" if passive else "nsubj"
    return doc


def _following_verb(doc: Doc, name: Token) -> Token | None:
    """The subjectless verb right after ``name`` (through its auxiliaries), if any."""
    after = name.right_edge.i + 1
    if after >= len(doc):
        return None
    verb = doc[after] if doc[after].pos_ == "VERB" else doc[after].head
    if verb.pos_ != "VERB" or verb.i < after or doc[after].sent != name.sent:
        return None
    if doc[after] is not verb and doc[after].dep_ not in ("aux", "auxpass", "neg"):
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in verb.children):
        return None
    return verb
