"""Mentions of one sentence made into acts: triggers naming one act merged, a tally's
breakdown and a toll folded into the act they count, "each accused the other" split one
record each way, and the sentence's figures given to the act they belong to.

Pure functions of the sentence's mentions; the pipeline calls ``collapse`` once per
sentence, after roles, status, places and dates are filled.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Token

from truce.extract.cues import first_conjunct, lemma
from truce.extract.mention import Mention
from truce.extract.quantities import quantities_in
from truce.model import Entity, Quantity, entities

_QUANTITY_HOMES: dict[str, tuple[str, ...]] = {
    "killed": ("ASSAULT", "ACCUSE"), "injured": ("ASSAULT", "ACCUSE"),
    "arrested": ("COERCE", "ACCUSE"), "trucks": ("AID", "COERCE", "RETREAT", "ACCUSE"),
    "fuel_trucks": ("AID", "COERCE", "RETREAT"), "violations": ("ACCUSE",),
    "strikes": ("ASSAULT", "ACCUSE"), "bodies": ("RETREAT", "COOPERATE"),
    "hostages": ("RETREAT",), "prisoners": ("RETREAT",),
}


_HELD_KINDS = {"prisoners": "prisoners", "captives": "hostages"}


def _assign_quantities(mentions: list[Mention]) -> None:
    if not mentions:
        return
    for anchor, quantity in quantities_in(mentions[0].sentence):
        home = _home(anchor, quantity, mentions)
        held = _HELD_KINDS.get(home.topic or "") if home.event_type == "RETREAT" else None
        if quantity.kind == "people" and held:
            # "each side released 390 people" in a prisoner exchange counts prisoners
            quantity = replace(quantity, kind=held)
        if all((q.kind, q.value) != (quantity.kind, quantity.value) for q in home.quantities):
            home.quantities.append(quantity)


def _home(anchor: Token, quantity: Quantity, mentions: list[Mention]) -> Mention:
    for mention in mentions:
        if anchor == mention.trigger or (anchor in set(mention.trigger.subtree) and \
                mention.event_type in _QUANTITY_HOMES.get(quantity.kind, ())):
            return mention
    for event_type in _QUANTITY_HOMES.get(quantity.kind, ()):
        for mention in mentions:
            if mention.event_type == event_type:
                return mention
    return min(mentions, key=lambda m: abs(m.trigger.i - anchor.i))


_ONE_PER_SENTENCE = frozenset({"CONSULT"})


_PRECISE = frozenset({"point", "neighbourhood", "town"})


def _apart(a: Mention, b: Mention) -> bool:
    """Two attacks placed in different towns ("wounded two in Markaba and hit the outskirts
    of Khiam") are two acts, whatever words join them."""
    if a.event_type != "ASSAULT" or a.location is None or b.location is None:
        return False
    return a.location.name != b.location.name and \
        a.location.precision in _PRECISE and b.location.precision in _PRECISE


def _other_weapon(a: Mention, b: Mention) -> bool:
    """Coordinated attacks by other means ("fired on civilians, carried out airstrikes and
    blew up homes") are one act each, whoever carries them out."""
    modes = (a.entry.mode, b.entry.mode)
    if a.event_type != "ASSAULT" or b.event_type != "ASSAULT" or None in modes or \
            modes[0] == modes[1]:
        return False
    verbs = [_verb_of(m.trigger) for m in (a, b)]
    return verbs[0] != verbs[1] and all(v.pos_ == "VERB" for v in verbs) and \
        first_conjunct(verbs[0]) == first_conjunct(verbs[1])


def _other_measure(a: Mention, b: Mention) -> bool:
    """Restrictions told by verbs of their own ("repeated an order barring residents ... and
    announced a curfew", "is obstructing aid, keeping the crossing closed") are one
    measure each."""
    if a.event_type != "COERCE" or b.event_type != "COERCE":
        return False
    clauses = [_clause_verb(m.trigger) for m in (a, b)]
    return None not in clauses and clauses[0] != clauses[1]


def _clause_verb(trigger: Token) -> Token | None:
    """The verb of the clause a trigger is in (through objects and participles)."""
    for token in (trigger, *trigger.ancestors):
        if token.pos_ == "VERB" and token.dep_ not in ("acl", "xcomp", "pcomp", "amod"):
            return token
    return None


def _verb_of(trigger: Token) -> Token:
    """The trigger, or for an object ("carried out airstrikes") the verb it is object of."""
    return trigger.head if trigger.dep_ == "dobj" else trigger


def _compatible(a: Mention, b: Mention) -> bool:
    """Two triggers of one sentence describe one act: same type, status, actor and claimant
    (a sentence reports one meeting, however many words it uses for it)."""
    if a.event_type != b.event_type or a.status != b.status:
        return False
    if a.event_type in _ONE_PER_SENTENCE:
        return True
    ids_a = mention_ids(a.actor)
    if not ids_a or ids_a != mention_ids(b.actor):
        return False
    return (a.claimant.id if a.claimant else None) == (b.claimant.id if b.claimant else None)


def _nested_same(a: Mention, b: Mention) -> bool:
    """One act named twice: "met ... to discuss", "killed in a strike", "a strike killed".

    Only a trigger attached directly to the other (as its subject, object, purpose or
    the object of its preposition) counts; a subordinate clause ("after its soldiers
    came under fire") is another event.
    """
    if a.event_type != b.event_type:
        return False
    return _attached(a.trigger, b.trigger) or _attached(b.trigger, a.trigger)


def _named_again(noun: Mention, verb: Mention) -> bool:
    """"Army units deploy around Khiam in the first phase of deployment": a noun of the act
    with no actor of its own, beside a verb of the same act, names that act again (not when
    it stands in a "before", "after" or "despite" phrase: another act)."""
    if noun.event_type != verb.event_type or noun.event_type in _NAMED_APART or \
            noun.status != verb.status or noun.actor is not None:
        return False
    if noun.trigger.pos_ != "NOUN" or verb.trigger.pos_ != "VERB":
        return False
    return not any(a.dep_ == "prep" and a.lower_ in _SEQUENCE_PREPS
                   for a in noun.trigger.ancestors)


_NAMED_APART = frozenset({"ASSAULT"})  # attacks named twice are often two

_SEQUENCE_PREPS = frozenset({"after", "before", "following", "since", "despite", "amid",
                             "until", "ahead", "prior"})


_ANSWERING = frozenset({"respond", "retaliate"})


def _attached(inner: Token, outer: Token) -> bool:
    if lemma(outer) in _ANSWERING:
        return False  # "retaliates for the Khan Younis ambush": the answer and what it answers
    head = inner.head
    if head == outer:
        if inner.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in inner.children):
            return False  # "the projectiles landed ... and its jets then struck": two acts
        if inner.dep_ == "advcl":
            return not any(c.dep_ == "mark" and c.lower_ != "to" for c in inner.children)
        # "a strike that hit a tent" (relcl): the act and what it did
        return inner.dep_ in ("nsubj", "nsubjpass", "dobj", "xcomp", "acl", "relcl", "conj",
                              "appos", "advcl", "ccomp")
    if inner.dep_ != "pobj" or head.dep_ not in ("prep", "agent") or \
            head.lower_ in _SEQUENCE_PREPS:
        return False  # "strikes ... after Hezbollah's shots": two
    # "killed a commander in a drone strike": the phrase the parser hung on the object
    return head.head == outer or (head.lower_ in _MEANS_PREPS and head.head.head == outer and
                                  head.head.dep_ in ("dobj", "nsubjpass"))


_MEANS_PREPS = frozenset({"in", "by", "with"})


_CASUALTY_VERBS = frozenset({"kill", "wound", "injure", "hurt"})


def _fold_toll(mentions: list[Mention]) -> list[Mention]:
    """"A man was killed and five wounded when gunfire broke out": deaths and injuries with
    no attacker of their own are the toll of the one attack the sentence reports."""
    attacks = [m for m in mentions if m.event_type == "ASSAULT" and
               m.trigger.lemma_.lower() not in _CASUALTY_VERBS]
    if len(attacks) > 1:
        # "44 killed as Israel strikes after Rafah attack": the attack before is another act
        attacks = [m for m in attacks if not _in_sequence_phrase(m.trigger)]
    tolls = [m for m in mentions if m.event_type == "ASSAULT" and m.actor is None and
             m.trigger.lemma_.lower() in _CASUALTY_VERBS]
    if not attacks and len(tolls) > 1:
        attacks = tolls[:1]  # "22 killed, 124 wounded": one toll, of one unnamed attack
    if len(attacks) != 1:
        return mentions
    attack = attacks[0]
    kept = []
    for mention in mentions:
        if mention is not attack and mention in tolls and \
                mention.status == attack.status and not _apart(mention, attack):
            attack.recipient = attack.recipient or mention.recipient
            attack.location = attack.location or mention.location
            attack.date = attack.date or mention.date
            continue
        kept.append(mention)
    return kept


def _in_sequence_phrase(trigger: Token) -> bool:
    """Whether a noun trigger stands in an "after", "before" or "since" phrase."""
    return trigger.dep_ == "pobj" and trigger.head.lower_ in _SEQUENCE_PREPS


def mention_ids(actor: Entity | list[Entity] | None) -> frozenset[str | None]:
    """Who an actor field names: registry ids, else names."""
    return frozenset(e.id or e.name for e in entities(actor))


def _twin(kept: list[Mention], mention: Mention) -> Mention | None:
    """The mention already kept that names the same act, if any."""
    return next((k for k in kept if not _apart(k, mention) and not _other_weapon(k, mention)
                 and not _other_measure(k, mention) and (
                     _compatible(k, mention) or _nested_same(k, mention) or
                     _named_again(mention, k) or _named_again(k, mention))), None)


_RETALIATION = frozenset({"respond", "retaliate"})


def _justification(mentions: list[Mention]) -> list[Mention]:
    """"Israel carried out strikes, saying it was responding to violations": a response the
    attacker claims for an attack of the same sentence, below it, is that attack again."""
    attacks = [m for m in mentions if m.event_type == "ASSAULT" and
               lemma(m.trigger) not in _RETALIATION]
    return [m for m in mentions if not (
        m.event_type == "ASSAULT" and lemma(m.trigger) in _RETALIATION and any(
            a.trigger.head in m.trigger.ancestors or a.trigger in m.trigger.ancestors
            for a in attacks))]


_BREACH_NOUNS = frozenset({"violation", "breach"})


def _unvoiced_labels(mentions: list[Mention]) -> list[Mention]:
    """"A drone strike hit a car, in a new violation of the ceasefire", "the latest in
    near-daily Israeli violations", "amid ceasefire violations": the report's own label is no
    accusation when nobody is said to make it."""
    return [m for m in mentions if not (
        m.event_type == "ACCUSE" and m.actor is None and m.claimant is None and
        lemma(m.trigger) in _BREACH_NOUNS and _in_or_amid(m.trigger))]


def _in_or_amid(noun: Token) -> bool:
    """Whether a noun stands in an "in" or "amid" phrase, through "a string of" and the like."""
    while noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head != noun:
        noun = noun.head.head
    return noun.dep_ == "pobj" and noun.head.lower_ in ("in", "amid")


def collapse(mentions: list[Mention]) -> list[Mention]:
    """One mention per act: same-type triggers of one sentence that agree merge."""
    kept: list[Mention] = []
    for mention in _fold_toll(_justification(_unvoiced_labels(mentions))):
        twin = None if mention.separate else _twin(kept, mention)
        if twin is None:
            kept.append(mention)
            continue
        twin.actor = twin.actor or mention.actor
        twin.recipient = twin.recipient or mention.recipient
        twin.location = twin.location or mention.location
        twin.date = twin.date or mention.date
        if twin.mode is None:
            twin.mode = mention.mode
    _assign_quantities(kept)
    return _reciprocal(_fold_tally(kept))


_CONSEQUENCES = frozenset({"kill", "wound", "injure", "killing"})


def _fold_tally(mentions: list[Mention]) -> list[Mention]:
    """"80 violations ..., killing 97 people and wounding 230", "Israeli attacks have killed
    93 since the ceasefire": the deaths and injuries are figures of the tally (the
    accusation), not attacks of their own."""
    tally = next((m for m in mentions if m.event_type == "ACCUSE" and (
        m.tally or any(q.kind == "violations" for q in m.quantities))), None)
    if tally is None:
        return mentions
    kept = []
    for mention in mentions:
        counted = any(c.dep_ == "nummod" for c in mention.trigger.children)
        if mention.event_type == "ASSAULT" and (
                lemma(mention.trigger) in _CONSEQUENCES or counted):
            # "... including 1,500 artillery strikes": a breakdown of the tally by kind.
            tally.quantities.extend(q for q in mention.quantities if q not in tally.quantities)
            continue
        kept.append(mention)
    return kept



_MUTUAL_ACTS = frozenset({"exchange", "swap", "trade"})
_PAIR_WORDS = frozenset({"both", "two", "each", "either"})  # not "the attackers": one side
_RECIPROCAL = re.compile(r"\beach other\b|\bone another\b|\beach\b[^.;]*\bthe other\b|"
                         r"\b(?:trad|exchang)(?:e|es|ed|ing) (?:blame|accusations|charges)\b|"
                         r"\bmutual (?:accusations|recriminations)\b|"
                         r"\b(?:both|the two) sides (?:are |were )?(?:claim|accus|blam)\w*")


def _reciprocal(mentions: list[Mention]) -> list[Mention]:
    """"Each side accused the other", "both sides claim violations", "the two countries
    swapped prisoners": one act in each direction."""
    out: list[Mention] = []
    for mention in mentions:
        text = mention.sentence.text.lower()
        pair = mention.actor if isinstance(mention.actor, list) else None
        directed = mention.event_type in ("ACCUSE", "ASSAULT", "THREATEN") or (
            mention.event_type == "RETREAT" and mention.mode == "release")
        one_phrase = bool(pair) and len({e.text for e in pair}) == 1 and \
            bool(_PAIR_WORDS & set((pair[0].text or "").lower().split()))  # "both sides"
        one_phrase = one_phrase or lemma(mention.trigger) in _MUTUAL_ACTS  # "X and Y swapped"
        if directed and pair and len(pair) == 2 and (
                _RECIPROCAL.search(text) or one_phrase):
            first, second = pair
            mention.actor, mention.recipient = first, second
            twin = replace(mention, actor=second, recipient=first,
                           quantities=list(mention.quantities))
            out.extend([mention, twin])
        elif mention.event_type == "ACCUSE" and _RECIPROCAL.search(text) and \
                sum(m.event_type == "ACCUSE" for m in mentions) == 1:
            # "Moscow and Kyiv trade blame", sides not both found: still one each way.
            out.extend([mention, replace(mention, actor=mention.recipient,
                                         recipient=mention.actor,
                                         quantities=list(mention.quantities))])
        else:
            out.append(mention)
    return out
