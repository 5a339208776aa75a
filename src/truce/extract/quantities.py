"""Quantities: counted things of an event ("seven killed", "600 trucks", "47 violations").

A number is tied to the noun it counts; the noun (or the verb acting on counted
people) gives the kind. "At least", "about" and "more than" make it approximate;
vague amounts ("dozens") are not quantities.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from truce.extract.cues import lemma
from truce.model import Quantity

_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100,
}
_SCALE = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_APPROX = frozenset({"least", "about", "around", "approximately", "nearly", "almost", "some",
                     "roughly", "over", "more", "than", "estimated", "up", "to", "close",
                     "minimum"})
_NOUN_KINDS = {
    "truck": "trucks", "lorry": "trucks", "tanker": "fuel_trucks",
    "violation": "violations", "breach": "violations",
    "body": "bodies", "remains": "bodies", "corpse": "bodies", "coffin": "bodies",
    "hostage": "hostages", "captive": "hostages",
    "prisoner": "prisoners", "detainee": "prisoners", "inmate": "prisoners",
    "strike": "strikes", "airstrike": "strikes", "raid": "strikes", "attack": "strikes",
    "assault": "strikes",
}
_VERB_KINDS = {
    "kill": "killed", "die": "killed", "martyr": "killed", "wound": "injured",
    "injure": "injured", "hurt": "injured", "arrest": "arrested", "detain": "arrested",
}
_STATE_KINDS = {"dead": "killed", "killed": "killed", "wounded": "injured", "injured": "injured",
                "death": "killed", "injury": "injured", "casualty": "injured",
                "fatality": "killed", "martyr": "killed", "arrest": "arrested"}
_PEOPLE = frozenset({"people", "person", "palestinian", "civilian", "child", "woman", "man",
                     "resident", "soldier", "fighter", "member", "militant", "lebanese",
                     "israeli", "journalist", "worker", "paramedic", "boy", "girl",
                     "individual", "citizen", "youth", "farmer", "fisherman", "other"})
_TOLL_WORDS = frozenset({"toll", "tally"})
_BOUNDS = frozenset({"minimum", "maximum", "total"})
_HELD_PEOPLE = frozenset({"hostage", "captive", "prisoner", "detainee"})


def number_value(token: Token) -> int | None:
    text = token.text.replace(",", "").lower()
    if text.isdigit():
        return int(text)
    if text in _WORD_NUMBERS:
        return _WORD_NUMBERS[text]
    try:
        return int(float(text))
    except ValueError:
        return None


def _value(token: Token) -> int | None:
    """The value of a number token, with "1.5 million" / "two hundred" scales applied."""
    value = number_value(token)
    if value is None:
        return None
    for other in (*token.children, token.head):
        if other.lower_ in _SCALE and other != token:
            return value * _SCALE[other.lower_] if value < 1000 else value
    if token.i + 1 < len(token.doc) and token.nbor(1).lower_ in _SCALE:
        return value * _SCALE[token.nbor(1).lower_]
    return value


def _approx(token: Token) -> bool:
    doc = token.doc
    window = doc[max(0, token.i - 3): token.i]
    return any(t.lower_ in _APPROX for t in window) or any(
        c.lower_ in _APPROX for c in token.children)


def _kind(number: Token) -> tuple[str, Token] | None:
    noun = number.head if number.dep_ in ("nummod", "quantmod", "npadvmod") else number
    if noun.lower_ in _SCALE:
        noun = noun.head
    if noun is number and number.dep_ in ("nsubj", "nsubjpass", "dobj"):
        # "Twenty-seven of these violations took place": a count of what follows "of"
        of = next((o for p in number.children if p.dep_ == "prep" and p.lower_ == "of"
                   for o in p.children if o.dep_ == "pobj"), None)
        if of is not None and lemma(of) in _NOUN_KINDS:
            return _NOUN_KINDS[lemma(of)], of
    if noun is number and number.dep_ == "pobj" and number.head.lower_ == "to":
        # "the number of violations ... has risen to 125"
        subject = next((c for c in number.head.head.children if c.dep_ == "nsubj"), None)
        of = next((o for p in (subject.children if subject is not None else ())
                   if p.dep_ == "prep" and p.lower_ == "of"
                   for o in p.children if o.dep_ == "pobj"), None)
        if subject is not None and lemma(subject) in ("number", "toll", "total", "count") \
                and of is not None and lemma(of) in _NOUN_KINDS:
            return _NOUN_KINDS[lemma(of)], of
    if noun is number and number.dep_ == "pobj" and number.head.lower_ in ("at", "to") and \
            any(c.dep_ == "dobj" and lemma(c) in _TOLL_WORDS for c in number.head.head.children):
        return "killed", number.head.head  # "put the toll at 36", "raised the toll to 40"
    noun_lemma = lemma(noun)
    if noun_lemma in _HELD_PEOPLE and noun.dep_ == "pobj" and \
            lemma(noun.head.head) in ("remains", "remain", "body", "corpse"):
        return "bodies", noun  # "the remains of four deceased hostages" are bodies
    if noun_lemma == "time" and lemma(noun.head) in ("violate", "breach"):
        return "violations", noun.head  # "violated the truce more than 2,000 times"
    if noun_lemma in _NOUN_KINDS:
        return _NOUN_KINDS[noun_lemma], noun
    if noun_lemma in _STATE_KINDS:
        return _STATE_KINDS[noun_lemma], noun
    if noun_lemma in _PEOPLE and noun.dep_ == "pobj" and noun.head.lower_ == "of" and \
            lemma(noun.head.head) in _BOUNDS:
        noun = noun.head.head  # "killed a minimum of 12 people": the bound stands for them
    if noun_lemma == "other" and _others_of_things(noun):
        return None  # "downed 42 drones, while 47 others were jammed": drones, not people
    if noun_lemma in _PEOPLE or noun is number:
        # "seven people were killed", "killing seven", "9 wounded", "leaving one person dead"
        beside = [c for c in noun.head.children if c.dep_ in ("oprd", "acomp")]
        own = [c for c in noun.children if c.dep_ == "acl"]  # "four others wounded"
        for candidate in (*own, noun.head, *noun.children, noun.head.head, *beside):
            kind = _VERB_KINDS.get(lemma(candidate)) or _STATE_KINDS.get(candidate.lower_)
            if kind:
                return kind, candidate
        if noun is not number and noun_lemma in _PEOPLE:
            return "people", noun
    if noun.dep_ in ("dobj", "nsubjpass") and lemma(noun.head) in _VERB_KINDS:
        return _VERB_KINDS[lemma(noun.head)], noun.head  # "kills two east of ..."
    return None


def _others_of_things(others: Token) -> bool:
    """Whether "others" continues a count of things told just before it in the sentence."""
    counted = [t.head for t in others.sent if t.i < others.i and t.like_num and
               t.dep_ == "nummod" and t.head != others]
    return bool(counted) and lemma(counted[-1]) not in _PEOPLE


def _singular_victims(sentence: Span) -> list[tuple[Token, Quantity]]:
    """"A man was killed", "one soldier was wounded": one victim, counted as one."""
    found = []
    for token in sentence:
        kind = _VERB_KINDS.get(lemma(token))
        if kind is None or token.pos_ != "VERB":
            continue
        for child in token.children:
            if child.dep_ != "nsubjpass" or child.like_num or lemma(child) in _BOUNDS or any(
                    c.dep_ == "nummod" for c in child.children):
                continue  # "a further 324 people", "a total of 40 people" are no single victim
            article = next((c for c in child.children if c.dep_ == "det" and
                            c.lower_ in ("a", "an")), None)
            if article is not None or child.lower_ in ("one", "another"):
                start = article.i if article is not None else child.i
                text = sentence.doc[start: token.i + 1].text
                found.append((token, Quantity(kind=kind, value=1, approx=False, text=text)))
        if token.dep_ == "acl" and token.head.lower_ == "another":
            # "one was killed and another wounded": the verb hangs on "another"
            text = sentence.doc[token.head.i: token.i + 1].text
            found.append((token, Quantity(kind=kind, value=1, approx=False, text=text)))
    return found


def quantities_in(sentence: Span) -> list[tuple[Token, Quantity]]:
    """Every quantity of the sentence, with the token it hangs on (to pick its event)."""
    found: list[tuple[Token, Quantity]] = []
    for token in sentence:
        if not (token.like_num or token.pos_ == "NUM") or token.ent_type_ in ("DATE", "TIME"):
            continue
        if token.ent_type_ in ("PERCENT", "MONEY", "ORDINAL"):
            continue
        if token.dep_ in ("compound",) and token.head.like_num:
            continue
        value = _value(token)
        if value is None or value <= 0:
            continue
        if _breakdown(token):
            continue  # "104 people, among them 46 children": part of a figure already counted
        kind_anchor = _kind(token)
        if kind_anchor is None:
            continue
        kind, anchor = kind_anchor
        left = min(token.i, anchor.i)
        right = max(token.i, anchor.i)
        start = left
        while start > sentence.start and sentence.doc[start - 1].lower_ in _APPROX:
            start -= 1
        text = sentence.doc[start: right + 1].text
        found.append((anchor, Quantity(kind=kind, value=value, approx=_approx(token), text=text)))
    return found + _singular_victims(sentence)


def _breakdown(number: Token) -> bool:
    """Whether a number counts some of the people a count just gave: "104 people, among
    them 46 children and 20 women", "killed 12, including three children" (read from the
    words, as parsers attach such asides anywhere)."""
    counted = number.head if number.dep_ == "nummod" else number
    if lemma(counted) not in _PEOPLE:
        return False  # "including 1,500 artillery strikes" breaks a tally down by kind: kept
    sentence = number.sent
    before = [t.lower_ for t in sentence if t.i < number.i]
    opened = next((i for i in range(len(before) - 1, -1, -1)
                   if before[i] in ("including", "among") or before[i:i + 2] == ["of", "them"]),
                  None)
    if opened is None:
        return False
    aside = before[opened:]
    if any(w in (";", ".") for w in aside) or len(aside) > 8:
        return False
    return any(t.like_num and t.i < sentence.start + opened for t in sentence)
