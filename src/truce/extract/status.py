"""Status: asserted, negated (said not to have happened, or denied), future, hypothetical."""

from __future__ import annotations

from spacy.tokens import Token

from truce.extract.cues import lemma
from truce.extract.mention import Mention

_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "would"})
_FUTURE_VERBS = frozenset({
    "plan", "intend", "expect", "schedule", "set", "prepare", "aim", "pledge", "promise",
    "vow", "agree", "due", "propose", "seek", "hope", "want", "decide", "direct", "order",
    "instruct", "task", "authorize", "authorise",
})
_HYPOTHETICAL_MARKS = frozenset({"if", "unless", "should"})
_HYPOTHETICAL_AUX = frozenset({"could", "might", "may"})
_ENABLING = frozenset({"let", "allow", "permit", "try", "attempt", "manage", "begin", "start"})
_NAMING = frozenset({"call", "describe", "term", "label", "brand"})
_DENIAL = frozenset({"deny", "refute", "dismiss", "reject", "refuse", "refusal", "fail",
                     "failure", "decline"})


def status_of(mention: Mention) -> str:
    trigger = _list_head(mention.trigger)
    clause = _clause_head(trigger)
    # A negation inside a phrase trigger is its meaning ("will not tolerate", "had no
    # connection to"), not a denial of it.
    own = set(range(mention.tokens[0].i, mention.tokens[-1].i + 1)) if mention.tokens else set()
    if _negated(trigger, own) or _negated(clause, own) or (
            clause.dep_ in ("xcomp", "ccomp") and _negated(clause.head, own) and
            lemma(clause.head) in _ENABLING):
        return "negated"  # "will not let anyone disarm it", "did not allow them to enter"
    if mention.event_type != "REJECT":
        for ancestor in trigger.ancestors:
            if lemma(ancestor) in _NAMING and ancestor.tag_ == "VBG":
                break  # "rejected the account, calling the strikes an escalation": named
            if lemma(ancestor) in _DENIAL:
                return "negated"
            if ancestor.dep_ in ("ROOT",):
                break
    if _hypothetical(clause):
        return "hypothetical"
    if mention.is_speech:
        if mention.event_type == "THREATEN" and any(
                t.lower_ in _HYPOTHETICAL_MARKS and t.dep_ == "mark" for t in trigger.subtree):
            return "hypothetical"  # "warned it would respond with force if ..."
        # "will not accept", "will respond": a refusal or a threat is made as it is said.
        return "future" if _future(clause) and \
            mention.event_type not in ("THREATEN", "REJECT") else "asserted"
    if _future(clause):
        return "future"
    return "asserted"


def _list_head(token: Token) -> Token:
    """For a noun in a list, the list's first noun, which bears the list's determiner and
    verb ("no shelling, firing or drone sightings were reported")."""
    while token.pos_ in ("NOUN", "PROPN") and token.dep_ == "conj" and \
            token.head.pos_ in ("NOUN", "PROPN"):
        token = token.head
    return token


def _clause_head(token: Token) -> Token:
    """For a noun trigger, the verb it hangs from ("did not carry out strikes")."""
    if token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("dobj", "nsubj", "nsubjpass"):
        return token.head
    return token


def _negated(token: Token, own: set[int] | frozenset[int] = frozenset()) -> bool:
    for child in token.children:
        if child.i in own:
            continue
        if child.dep_ == "neg":
            return True
        if child.dep_ == "det" and child.lower_ in ("no",):
            return True
    return False


def _future(token: Token) -> bool:
    for child in token.children:
        if child.dep_ in ("aux", "auxpass") and child.lower_ in _FUTURE_AUX:
            return True
        if child.dep_ == "aux" and child.lower_ == "to":
            head = token.head
            if lemma(head) in _FUTURE_VERBS or (lemma(head) == "be" and token.dep_ == "xcomp"):
                return True
    if token.dep_ == "xcomp" and (lemma(token.head) in _FUTURE_VERBS or any(
            c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in token.head.children)):
        return True  # "directed the army to carry out", "will keep facilitating"
    return token.dep_ in ("xcomp", "ccomp") and any(
        c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in token.head.children
    ) and lemma(token.head) in _FUTURE_VERBS


def _hypothetical(token: Token) -> bool:
    for node in [token, *list(token.ancestors)[:2]]:
        for child in node.children:
            if child.dep_ == "mark" and child.lower_ in _HYPOTHETICAL_MARKS:
                return True
            if child.dep_ == "aux" and child.lower_ in _HYPOTHETICAL_AUX and node == token:
                return True
        if node.dep_ != "advcl":
            break
    return False
