"""Roles: who acts (actor) and on whom (recipient), from the dependency parse.

Active subjects and passive agents are actors; objects, passive subjects and
"on/at/against X" are recipients. Verbs without a subject of their own borrow
one: from the verb they are conjoined with ("opened fire and killed two"), the
clause they modify ("struck a house, killing seven"), the object of a control
verb ("ordered the army to carry out strikes") or the accused of an accusation
("accused Hamas of firing"). Nouns take actors from their modifiers ("Israeli
strikes", "Hamas's release"), from "by X", or from a light verb's subject
("X carried out strikes").
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from truce.extract.attribution import BOUND_PRONOUNS, is_bare_document, is_say_verb, subject_of
from truce.extract.cues import first_conjunct, lemma
from truce.extract.location import refers_back
from truce.extract.mention import Mention
from truce.extract.resolve import (
    FORCE_NOUNS,
    PORTION_NOUNS,
    EntityResolver,
    Salience,
    is_people,
)
from truce.model import Entity, Event, entities, entity_ids

_FLOATING = frozenset({"each", "both"})
_MANNER_PREPS = frozenset({"in", "with", "over", "via"})
_JUDGEMENTS = frozenset({"violation", "breach", "contravention"})  # the speaker's, not the doer's
_RELATIVE_PRONOUNS = frozenset({"which", "who", "that"})
_MODIFIERS = frozenset({"poss", "compound", "amod", "nmod"})
_LIGHT_VERBS = frozenset({
    "carry", "launch", "conduct", "stage", "mount", "open", "make", "hold", "begin",
    "continue", "announce", "complete", "resume", "promise", "vow", "pledge", "issue", "level",
    "impose", "order", "intensify", "escalate", "step", "commit", "perpetrate", "repeat",
    "trade", "exchange",  # "X and Y traded accusations": both, one each way
})
_EXAMPLE_PREPS = frozenset({"including", "like"})
_RAISING_VERBS = frozenset({"schedule", "expect", "set", "due", "plan", "slate", "supposed"})
_CONTROL_VERBS = frozenset({"order", "direct", "instruct", "tell", "urge", "ask", "call",
                            "force", "compel", "allow", "permit", "authorize", "authorise"})
_ACCUSING_VERBS = frozenset({"accuse", "blame", "charge", "suspect", "condemn", "criticize",
                             "criticise", "hold"})
_CLAUSE_PREPS = frozenset({"after", "before", "while", "by", "since", "upon", "without",
                           "following", "in", "on"})  # "would go on enforcing it"
_RECIPIENT_PREPS = frozenset({"on", "at", "against", "toward", "towards", "with", "into"})
# "handed the remains over to / through the Red Cross": who receives what is given up.
_HANDOVER_PREPS = frozenset({"to", "through", "via"})
_TERRITORY_NOUNS = frozenset({"airspace", "territory", "waters", "soil"})
_MEETING_PREPS = frozenset({"at", "during", "after", "following", "in", "on"})
_SPEECH_RECIPIENT_PREPS = frozenset({"on", "upon", "with", "to"})

Role = Entity | list[Entity] | None


class Roles:
    def __init__(self, resolver: EntityResolver) -> None:
        self.resolver = resolver

    def assign(self, mention: Mention, salience: Salience) -> None:
        trigger = mention.trigger
        if trigger.dep_ == "acomp" or (
                trigger.pos_ == "ADJ" and trigger.dep_ in ("xcomp", "oprd")):
            # "remained committed to the truce", "was committed": the copula's subject.
            actor, _ = self._verb_roles(trigger.head, mention, salience)
            recipient = None
        elif trigger.pos_ == "ADP" and trigger.head.pos_ in ("VERB", "AUX"):
            # "Cairo was in contact with both sides": the roles of the verb it is in, and
            # of the noun after it.
            actor, recipient = self._verb_roles(trigger.head, mention, salience)
            for noun in (c for c in trigger.children if c.dep_ == "pobj"):
                recipient = recipient or self._noun_roles(noun, salience)[1]
        elif trigger.pos_ in ("VERB", "AUX"):
            actor, recipient = self._verb_roles(trigger, mention, salience)
            if actor is None and _moves_itself(mention) and any(
                    c.dep_ == "nsubjpass" for c in trigger.children):
                # "the army remained deployed", "troops were pulled back": who moves.
                actor, recipient = recipient, None
        else:
            actor, recipient = self._noun_roles(trigger, salience)
            if actor is None and mention.event_type == "CONSULT":
                actor = self._attendee(trigger, salience)
        if mention.event_type == "ASSAULT":
            actor = self._fire_source(trigger, salience) or actor
        armed = _subject_lemma(trigger) in _GUNS
        if actor is None and salience.sides and (mention.entry.subjects or (
                mention.mode == "ceasefire" and armed)):
            # "the truce is holding", "guns stayed silent": kept by both sides, named by
            # neither (their armed forces, for guns).
            actor = [self.resolver.entity(self.resolver.forces_of(side) if armed else side,
                                          None) for side in salience.sides]
        if mention.event_type != "ASSAULT":  # attacks have their own implied authors
            actor = actor or self._told_before(mention, salience)
        actor = _attackers_told_before(actor, salience) or actor
        if actor is not None and all(e.id for e in entities(actor)):
            salience.last_actor[mention.event_type] = actor
        if actor is not None and (mention.event_type == "ASSAULT" or _moves_itself(mention)):
            actor = _distinct(_map(actor, lambda entity: self._armed(entity, mention.event_type)))
        if mention.event_type == "THREATEN" and recipient is None:
            recipient = self._threatened(trigger, salience)
        if mention.event_type == "REQUEST" and recipient is None:
            recipient = self._asked(trigger, salience)
        if actor is not None and recipient is not None and _same(actor, recipient):
            recipient = None
        mention.actor = actor
        mention.recipient = recipient

    @staticmethod
    def _told_before(mention: Mention, salience: Salience) -> Role:
        """"Kurilla described the handover as ...": an act (not a statement, which others
        answer: "denied the charge") named again with a definite article is the act of that
        type told before, by the same actor (implied: no text)."""
        if refers_back(mention.trigger) and not mention.is_speech:
            return _implied(salience.last_actor.get(mention.event_type))
        return None

    def _attendee(self, meeting: Token, salience: Salience) -> Role:
        """"At a meeting with Gerasimov, Putin announced ...", "Following consultations,
        Netanyahu directed ...": a meeting told as the circumstance of an act is attended
        by the act's subject."""
        head = meeting.head
        if meeting.dep_ == "pobj" and head.lower_ in _MEETING_PREPS:
            verb = head.head
        elif meeting.dep_ == "dobj" and head.tag_ == "VBG" and head.dep_ in ("advcl", "prep"):
            verb = head
        else:
            return None
        return self.subject(verb, salience) if verb.pos_ in ("VERB", "AUX") else None

    def _armed(self, entity: Entity, event_type: str) -> Entity:
        """A state as the author of an armed act stands for its armed forces, except where
        an attack names the state itself ("Russia fired 69 missiles"): troops move, states
        attack."""
        if event_type == "ASSAULT" and self.resolver.named_itself(entity):
            return entity
        return self.resolver.armed(entity)

    def attacker_of_victims(self, event: Event, sides: tuple[str, str] | None) -> None:
        """"A strike on Haris killed five people": an attack whose author the report leaves
        out, on people or forces of one side of the conflict, is the other side's armed
        forces, if it has any (not a mediator's state). The entity's text is None: implied,
        not written."""
        if event.event_type != "ASSAULT" or event.actor is not None or sides is None or \
                not isinstance(event.recipient, Entity) or _pronoun(event.recipient):
            return  # victims known only as "they" are too weak a clue to name an attacker
        other = self.opposite(event.recipient.id, sides)
        forces = self.resolver.forces_of(other) if other is not None else None
        fighting = self.resolver.actors.get(forces)
        if fighting is not None and fighting.kind in _BELLIGERENT_KINDS:
            event.actor = self.resolver.entity(fighting.id, None)

    def opposite(self, actor_id: str | None, sides: tuple[str, str]) -> str | None:
        """The side facing the one an actor belongs to: by its registry root, else by
        country."""
        actors = self.resolver.actors
        actor = actors.get(actor_id)
        if actor is None:
            return None
        roots = [actors.root(side) for side in sides]
        if actors.root(actor.id) in roots:
            return sides[1 - roots.index(actors.root(actor.id))]
        countries = [getattr(actors.get(side), "country", None) for side in sides]
        own = [i for i, country in enumerate(countries) if country and country == actor.country]
        return sides[1 - own[0]] if len(own) == 1 else None

    def civilians_for(self, mention: Mention, countries: tuple[str, ...] = ()) -> None:
        """People nouns as recipients become the civilians of the country the event is in
        (or, unplaced, of the country the report is most about)."""
        if mention.recipient is not None:
            return
        placed = (mention.location.country,) if mention.location else ()
        own = self._attacking_states(mention)
        country = next((c for c in (*placed, *countries) if c not in own), None)
        target = _object_of(mention.trigger) or _victims_of(mention.trigger)
        actor_id = self.resolver.civilians_of(country)
        if actor_id is None:
            return
        if target is not None and is_people(target):
            mention.recipient = self.resolver.entity(actor_id, _phrase(target))
        elif mention.event_type == "AID" and mention.location is not None:
            mention.recipient = self.resolver.entity(actor_id, mention.location.text)

    def _attacking_states(self, mention: Mention) -> set[str]:
        """The countries of the states an attack is by: a state's attack does not hit its
        own people (a rebel group's may)."""
        if mention.event_type != "ASSAULT":
            return set()
        actors = self.resolver.actors
        return {state.country for i in entity_ids(mention.actor)
                if (state := actors.get(actors.root(i))) is not None and state.country
                and state.kind == "state-government"}

    def subject(self, verb: Token, salience: Salience) -> Role:
        """Who does what ``verb`` says, following shared and implied subjects."""
        current: Token | None = verb
        seen = 0
        while current is not None and seen < 6:
            seen += 1
            for child in current.children:
                if child.dep_ == "nsubj":
                    return self._subject(child, salience)
            for child in current.children:
                # "The IDF remains deployed", parsed with the subject under "remains".
                if child.dep_ in ("aux", "auxpass"):
                    for grandchild in child.children:
                        if grandchild.dep_ == "nsubj":
                            return self._subject(grandchild, salience)
            for child in current.children:
                if child.dep_ == "agent":
                    return self._pobj_entity(child, salience)
                if child.dep_ in ("amod", "compound", "nmod") and child.i < current.i and \
                        current.pos_ == "VERB" and child.ent_type_:
                    # "Pakistan hands back constable": a headline's subject read as a modifier
                    return self._subject(child, salience)
                if child.dep_ == "nsubjpass" and current is not verb and \
                        lemma(current) in _RAISING_VERBS:
                    # "the two chiefs are scheduled to hold talks": who will hold them.
                    return self._subject(child, salience)
            current = self._subject_source(current, salience)
            if isinstance(current, Entity | list):
                return current
        return None

    def _subject_source(self, verb: Token, salience: Salience) -> Token | Role:
        """Where a subjectless verb's subject comes from (a token to look at, or an entity)."""
        head = verb.head
        if head == verb or (is_say_verb(head) and verb.dep_ == "ccomp"):
            return None
        dep = verb.dep_
        if dep == "xcomp" and lemma(head) in _CONTROL_VERBS:
            for child in head.children:
                if child.dep_ == "dobj":
                    return self.resolver.resolve(child, salience)
        if dep == "pcomp" and head.dep_ in ("prep", "conj", "prt"):
            accuser = _accusing_verb(verb) if head.lower_ in ("of", "for") else None
            if accuser is not None:
                return self._accused(accuser, salience)
            governor = head.head
            if head.lower_ in _CLAUSE_PREPS and governor.pos_ in ("VERB", "AUX"):
                return governor
            return None
        if dep == "acl" and lemma(head) in _STATEMENT_NOUNS | _DIRECTIVE_NOUNS:
            # "a statement by CENTCOM accusing the group", "the army's report accusing ...",
            # "repeated an order barring residents": whoever made the statement or order.
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ in ("by", "from"):
                    return self._pobj_entity(child, salience)
                if child.dep_ == "poss":
                    return self.resolver.resolve(child, salience)
            if head.dep_ == "dobj" and lemma(head.head) in _ISSUING_VERBS:
                return head.head  # "Lebanon sent a letter ... accusing Israel": the sender
            return None
        participle = dep == "advcl" and verb.tag_ in ("VBG", "VBN") and not any(
            c.dep_ == "mark" for c in verb.children)
        if dep == "advcl" and _purpose(verb) and head.dep_ != "acl":
            # "offered to send teams to help find them": who sends, helps (not "a delegation
            # led by X to discuss ...": the parser's)
            return head
        if dep == "conj" and any(c.dep_ == "nsubjpass" for c in verb.children):
            return None  # "... and two people were wounded": the patient is named, not who
        if dep == "conj" and _reported_noun(verb):
            return None  # "reported casualties from strikes and shelling": not the reporter's
        if dep in ("conj", "xcomp", "acomp", "oprd") or participle:
            return head  # "keeping the crossing closed": who keeps it closed
        return None

    def _verb_roles(self, verb: Token, mention: Mention, salience: Salience) -> tuple[Role, Role]:
        actor = self._with_companions(self.subject(verb, salience), verb, salience)
        between = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "between"),
                       None)
        if actor is None and between is not None:
            # "the halt was worked out between the two chiefs": those between whom it was.
            actor = self._pobj_entity(between, salience)
        recipient: Role = None
        for child in verb.children:
            if recipient is not None:
                break
            if child.dep_ in ("dobj", "nsubjpass", "dative"):
                recipient = self._target(child, salience)
            elif child.dep_ == "prep" and (
                child.lower_ in _RECIPIENT_PREPS
                or (mention.is_speech and child.lower_ in _SPEECH_RECIPIENT_PREPS)
                or (mention.event_type == "RETREAT" and child.lower_ in _HANDOVER_PREPS)
            ):
                recipient = self._pobj_entity(child, salience)
        return actor, recipient

    def _with_companions(self, actor: Role, verb: Token, salience: Salience) -> Role:
        """"Lebanese soldiers moved in alongside UN peacekeepers": those the subject acts
        alongside act too."""
        companions = [found for prep in verb.children
                      if prep.dep_ == "prep" and prep.lower_ == "alongside"
                      for obj in prep.children if obj.dep_ == "pobj"
                      if (found := self.resolver.resolve(obj, salience)) is not None]
        if actor is None or not companions:
            return actor
        return _distinct([*entities(actor), *(e for c in companions for e in entities(c))])

    def _subject(self, subject: Token, salience: Salience) -> Role:
        """A subject's entity; "it"/"they" in "X said it ..." is the speaker X; people
        outside the registry ("a gunman", "foreign ministers") are actors without an id."""
        if subject.lower_ in BOUND_PRONOUNS:
            for ancestor in subject.head.ancestors:
                if is_say_verb(ancestor):
                    speaker = subject_of(ancestor)
                    if speaker is not None and speaker.lower_ not in BOUND_PRONOUNS:
                        found = self.resolver.resolve(speaker, salience)
                        if subject.lower_ == "it" and isinstance(found, Entity) and \
                                self._is_person(found):
                            # "the minister said it remained committed": his side, not him
                            root = self.resolver.actors.root(found.id or "")
                            return self.resolver.entity(root, subject.text)
                        if not is_bare_document(speaker):
                            return found
                    break  # "they agreed ..., the statement added": not the statement
        joined = _joined_clause_subject(subject)
        if joined is not None:
            # "Israel was to withdraw by January, but it only partly pulled out": "it" is
            # the subject of the clause it is joined to.
            return self.resolver.agent(joined, salience)
        if subject.lower_ in _RELATIVE_PRONOUNS and subject.head.dep_ == "relcl":
            # "the Lebanese army, which is moving units south": the noun the clause is on.
            return self.resolver.agent(subject.head.head, salience)
        if subject.lower_ in _FLOATING and subject.i > 0:
            # "with Kyiv and Moscow each accusing the other": the phrase before "each".
            before = subject.doc[subject.i - 1]
            while before.dep_ == "conj" and before.head.i < before.i:
                before = before.head
            if before.pos_ in ("PROPN", "NOUN"):
                return self.resolver.agent(before, salience)
        return self.resolver.agent(subject, salience)

    def _noun_roles(self, noun: Token, salience: Salience) -> tuple[Role, Role]:
        if lemma(noun) in _TERRITORY_NOUNS and noun.dep_ == "dobj":
            # "its jets breached Lebanese airspace": the owner is no actor, the breacher is
            return self.subject(noun.head, salience), None
        owners = _owners_beside_apposition(noun)
        actor: Role = next((found for owner in owners if (found := self.resolver.resolve(
            owner, salience, follow_conjuncts=False)) is not None), None) if owners else \
            self.resolver.resolve(noun, salience, follow_conjuncts=False) \
            if any(c.dep_ in _MODIFIERS and c.i < noun.i for c in noun.children) else None
        recipient: Role = None
        # "reported clashes this week between X and Y": the parser may hang "between" on
        # the verb the clashes are the object of.
        siblings = [c for c in noun.head.children if c.dep_ == "prep" and c.lower_ == "between"
                    ] if noun.dep_ == "dobj" else []
        for child in [*noun.children, *siblings]:
            if child.dep_ == "prep" and child.lower_ == "between" and actor is None:
                # "clashes between M23 fighters and Wazalendo militias": first against second.
                sides = [o for o in child.children if o.dep_ == "pobj"]
                if sides:
                    first = sides[0]
                    actor = self.resolver.agent(first, salience) if not first.conjuncts else \
                        self.resolver.resolve(first, salience, follow_conjuncts=False)
                    others = [self.resolver.resolve(c, salience, follow_conjuncts=False)
                              for c in first.conjuncts]
                    recipient = next((o for o in others if o is not None), None)
            elif child.dep_ == "prep" and child.lower_ == "by":
                # "incursions near Goma by the Kinshasa coalition": named as the agent, which
                # beats a modifier (a headline's run-on words, an owner)
                agent = self._pobj_entity(child, salience)
                actor = agent if agent is not None and all(e.id for e in entities(agent)) \
                    else actor or agent
            elif child.dep_ == "prep" and child.lower_ in _RECIPIENT_PREPS | {"of"}:
                recipient = recipient or self._pobj_entity(child, salience)
        actor = actor or self._actor_around(noun, salience)
        subject = next((c for c in noun.children if c.dep_ == "nsubj"), None)
        if actor is None and subject is not None:
            # "The movement thanks Erdogan", with "thanks" read as a noun: a verb still
            actor = self._subject(subject, salience)
            thanked = next((c for c in noun.children if c.dep_ == "dobj"), None)
            recipient = recipient or (self._target(thanked, salience) if thanked else None)
        return actor, recipient

    def _actor_around(self, noun: Token, salience: Salience) -> Role:
        """Who does what a noun names, told by the clause around it rather than by its own
        modifiers: the verb it is the object or manner of, a judgement of it, a clause
        carrying it out, an accusation of it, a noun it is joined to or listed under."""
        found: Role = None
        if noun.dep_ == "nsubj" and (judged := _judged_by(noun)) is not None:
            found = self._pobj_entity(judged, salience)  # "this handover is a violation by X"
        counted = _counted(noun)
        if found is None and counted.dep_ in ("nsubjpass", "dobj") and (
                lemma(counted.head) in _LIGHT_VERBS or
                _accusing_verb(counted.head) is not None):
            # "X carried out strikes", "X promised a forceful response", "X carried out dozens
            # of strikes": the verb's subject; "accused X of staging the handover": the
            # accused.
            found = self.subject(counted.head, salience)
        clause = next((c for c in noun.children if c.dep_ == "relcl"), None)
        if found is None and clause is not None and _carries_out(clause) and not any(
                c.dep_ == "nsubj" and c.lower_ in _RELATIVE_PRONOUNS for c in clause.children):
            # "the attacks that the rebels continue to perpetrate": who carries them out
            found = self.subject(clause, salience)
        if found is None and noun.dep_ == "pobj" and (accuser := _accusing_verb(noun)):
            # "accused Ukraine of two drone strikes", "... of 1,000 breaches, including
            # drone attacks": the accused.
            found = self._accused(accuser, salience)
        if found is None and noun.dep_ == "conj" and noun.head.pos_ == "NOUN" and \
                any(c.dep_ in _MODIFIERS for c in noun.head.children):
            # "Israeli strikes and shelling": the first noun's modifier is the second's too.
            found = self._noun_roles(noun.head, salience)[0]
        listed = _listing_noun(noun)
        if found is None and listed is not None:
            # "100 Israeli violations, including the demolition of homes": the listed acts'.
            found = self._noun_roles(listed, salience)[0]
        first = first_conjunct(noun)
        if found is None and first.dep_ == "pobj" and first.head.lower_ in _MANNER_PREPS and \
                first.head.head.pos_ in ("VERB", "AUX") and lemma(noun) not in _JUDGEMENTS:
            # "units deployed in coordination with UNIFIL", "handled it with responsibility
            # and restraint": the verb's subject acts.
            found = self.subject(first.head.head, salience)
        if found is None and noun.dep_ == "npadvmod" and noun.head.pos_ in ("VERB", "AUX"):
            found = self.subject(noun.head, salience)  # "peacekeepers work side by side"
        return found

    def _fire_source(self, trigger: Token, salience: Salience) -> Role:
        """Where fire came from, when that names a party: "received gunfire from the
        Cambodian side", "shelling from Russian positions" (not a place: "rockets fired from
        Lebanon" says where, not who)."""
        verb = trigger if trigger.pos_ in ("VERB", "AUX") else next(
            (a for a in trigger.ancestors if a.pos_ in ("VERB", "AUX")), trigger)
        for prep in (*trigger.children, *verb.children):
            places = [o for o in prep.children if o.dep_ == "pobj" and
                      o.ent_type_ in _PLACE_LABELS]
            if prep.dep_ == "prep" and prep.lower_ == "from" and not places:
                source = self._pobj_entity(prep, salience)
                if isinstance(source, Entity) and source.id:
                    return source
        return None

    def _accused(self, accuser: Token, salience: Salience) -> Role:
        """Whom an accusing verb accuses: its object."""
        accused = next((c for c in accuser.children if c.dep_ == "dobj"), None)
        return self.resolver.resolve(accused, salience) if accused is not None else None

    def _is_person(self, entity: Entity) -> bool:
        actor = self.resolver.actors.get(entity.id)
        return actor is not None and actor.kind == "person"

    def _threatened(self, trigger: Token, salience: Salience) -> Role:
        """Whom a threat is aimed at: the object of the harm it announces ("vowed to crush
        Hezbollah") or the subject of its condition ("if Hezbollah does not withdraw",
        "should the Kyiv regime continue")."""
        scope = trigger.head if trigger.dep_ in ("acomp", "dobj", "pobj") else trigger
        for token in scope.subtree:
            if token.dep_ in ("xcomp", "ccomp", "advcl") and token.pos_ == "VERB":
                conditional = any(c.dep_ in ("mark", "aux") and c.lower_ in _CONDITIONS
                                  for c in token.children)
                role = "nsubj" if conditional else "dobj"
                for child in token.children:
                    if child.dep_ == role:
                        found = self.resolver.resolve(child, salience)
                        if found is not None and not isinstance(found, list) and found.id:
                            return found
        return None

    def _asked(self, trigger: Token, salience: Salience) -> Role:
        """"pressing for the Israeli army to leave": whom a request is for, the subject of
        the clause it asks for."""
        for child in trigger.children:
            if child.dep_ in ("advcl", "ccomp", "xcomp") and any(
                    c.dep_ == "mark" and c.lower_ == "for" for c in child.children):
                for grandchild in child.children:
                    if grandchild.dep_ == "nsubj":
                        return self.resolver.resolve(grandchild, salience)
            if child.dep_ == "prep" and child.lower_ == "for":
                for obj in child.children:
                    if obj.dep_ == "pobj" and any(c.dep_ in ("acl", "relcl") or c.dep_ == "xcomp"
                                                  for c in obj.children):
                        return self.resolver.resolve(obj, salience)
        return None

    def _pobj_entity(self, prep: Token, salience: Salience) -> Role:
        for obj in prep.children:
            if obj.dep_ == "pobj":
                return self._target(obj, salience)
        return None

    def _target(self, token: Token, salience: Salience) -> Role:
        """A recipient's entity; unnamed troops ("fired at troops", "its soldiers") are kept
        without an id, for the speaker's account to resolve to its own forces."""
        found = self.resolver.resolve(token, salience)
        if isinstance(found, Entity) and found.id is None and token.ent_type_ in _PLACE_LABELS:
            return None  # "a drone strike on Kadasomwa": a place hit, not a party
        if found is None and (token.lower_ in FORCE_NOUNS or lemma(token) in _SUSPECT_NOUNS
                              or lemma(token) in INSTALLATION_NOUNS):
            # "fired at troops" (whose, the account decides), "shots at suspects" (unknown)
            text = token.doc[token.left_edge.i: token.i + 1].text
            return Entity(None, text, text)
        return found


# Military sites an attack can be aimed at: whose they are, the sides decide.
INSTALLATION_NOUNS = frozenset({"post", "position", "outpost", "base", "checkpoint",
                                "barracks", "garrison"})
# Kinds of actor that fight a war (a state through its armed forces).
_BELLIGERENT_KINDS = frozenset({"state-military", "armed-group", "political-movement"})
_DEATH_VERBS = frozenset({"die", "kill", "wound", "injure", "perish"})
_CONDITIONS = frozenset({"if", "unless", "until", "should", "once"})
_SUSPECT_NOUNS = frozenset({"suspect", "rioter", "gunman", "infiltrator", "assailant",
                            "militant", "attacker"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC", "PLACE"})
_GUNS = frozenset({"gun", "weapon", "artillery", "front", "frontline", "border", "line"})


def _accusing_verb(act: Token) -> Token | None:
    """"accused X of firing on troops in Rafah and of staging the handover": the accusing
    verb an act hangs on, through the prepositions and conjuncts between them (and the
    accused, where the parser hung "of ..." on it: "accusing soldiers and allies of ...")."""
    current = act
    while current.dep_ in ("pcomp", "prep", "conj", "pobj", "dobj") and \
            current.head is not current:
        current = current.head
        if current.pos_ in ("VERB", "AUX") and lemma(current) in _ACCUSING_VERBS:
            return current
    return None


_ATTACKER_NOUNS = frozenset({"attackers", "assailants", "aggressors", "raiders"})


def _attackers_told_before(actor: Role, salience: Salience) -> Role:
    """"X attacked our positions. On Monday, the attackers targeted ...": the attackers are
    who the report last told attacking."""
    if not isinstance(actor, Entity) or actor.id or not actor.text:
        return None
    words = actor.text.lower().split()
    if words[0] != "the" or words[-1] not in _ATTACKER_NOUNS:
        return None
    return _map(salience.last_actor.get("ASSAULT"), lambda e: Entity(e.id, e.name, actor.text))


def _owners_beside_apposition(act: Token) -> list[Token]:
    """"Hamas delegation briefs Turkish intelligence chief", read as one noun phrase with an
    apposition: the act's own modifiers name its actor (the nearest that names one), not
    the apposition."""
    if not any(c.dep_ == "appos" for c in act.children):
        return []
    return [c for c in reversed(list(act.lefts)) if c.dep_ in _MODIFIERS]


def _judged_by(act: Token) -> Token | None:
    """"This staged handover is a clear violation of the agreement by Hamas": the "by" of
    the judgement an act is the subject of."""
    judgement = next((c for c in act.head.children if c.dep_ == "attr" and
                      lemma(c) in _JUDGEMENTS), None)
    return next((t for t in judgement.subtree if t.dep_ == "prep" and t.lower_ == "by"),
                None) if judgement is not None else None


def _counted(noun: Token) -> Token:
    """"thousands of violations", "dozens of strikes": the count standing for the noun."""
    count = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else None
    if count is not None and (count.like_num or lemma(count) in PORTION_NOUNS):
        return count
    return noun


def _carries_out(verb: Token) -> bool:
    """Whether a clause carries out the act it is about ("that X carried out", "X continues
    to perpetrate"), not an act of its own ("in which gunmen opened fire")."""
    verbs = [verb, *(c for c in verb.children if c.dep_ == "xcomp")]
    return lemma(verb) in _LIGHT_VERBS and (lemma(verb) != "continue" or any(
        lemma(v) in _LIGHT_VERBS for v in verbs[1:])) and not any(
        c.dep_ == "dobj" and c.lower_ not in _RELATIVE_PRONOUNS for v in verbs for c in v.children)


def _reported_noun(verb: Token) -> bool:
    """"continued to report casualties from air strikes and shelling": a bare "-ing" word
    the parser joined to a verb of reporting is a noun of what was reported."""
    return verb.tag_ == "VBG" and is_say_verb(verb.head) and not any(
        c.dep_ in ("dobj", "nsubj", "prt", "ccomp") for c in verb.children)


def _purpose(verb: Token) -> bool:
    """"to help find the remains": an infinitive of purpose, done by its clause's subject;
    not a killing ("pretexts to kill civilians" tells an intent, no killing)."""
    return verb.tag_ == "VB" and lemma(verb) not in _DEATH_VERBS and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) and not any(
        c.dep_ in ("mark", "nsubj") for c in verb.children)


def _implied(role: Role) -> Role:
    """The same entities, as implied rather than written (text None)."""
    return _map(role, lambda e: Entity(e.id, e.name, None))


def _listing_noun(example: Token) -> Token | None:
    """"documenting 100 violations, including the demolition": the noun whose instances an
    "including" phrase lists, however the parser attached it."""
    if example.dep_ != "pobj" or example.head.lower_ not in _EXAMPLE_PREPS:
        return None
    owner = example.head.head
    if owner.pos_ in ("VERB", "AUX"):
        owner = next((c for c in owner.children if c.dep_ == "dobj"), owner)
    return owner if owner.pos_ in ("NOUN", "PROPN") else None


def _moves_itself(mention: Mention) -> bool:
    """Deploying and withdrawing, done by armed forces, where a passive subject is who moves
    (unlike "prisoners were released")."""
    return mention.event_type == "MOBILIZE" or (
        mention.event_type == "RETREAT" and mention.mode == "withdraw")


def _subject_lemma(verb: Token) -> str | None:
    head = verb.head if verb.dep_ in ("acomp", "oprd") else verb
    return next((lemma(c) for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _distinct(role: Role) -> Role:
    """A list without the entities named twice ("Kinshasa" and "the FARDC", both its army)."""
    if not isinstance(role, list):
        return role
    kept = [e for i, e in enumerate(role) if not e.id or e.id not in {o.id for o in role[:i]}]
    return kept[0] if len(kept) == 1 else kept


def _map(role: Role, change: Callable[[Entity], Entity]) -> Role:
    if isinstance(role, list):
        return [change(e) for e in role]
    return change(role) if role is not None else None


def _object_of(trigger: Token) -> Token | None:
    for child in trigger.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            return child
        if child.dep_ == "nsubj" and lemma(trigger) in ("die", "perish"):
            return child  # "seven people died when a café was hit"
    for child in trigger.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "on", "at", "against"):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def _victims_of(trigger: Token) -> Token | None:
    """"A motorcyclist died in an earlier strike", "seven people were killed when a café
    was hit": who died of the act, the subject of the death verb it hangs on."""
    verb = trigger.head.head if trigger.dep_ == "pobj" and trigger.head.lower_ in (
        "in", "by") else trigger.head if trigger.dep_ == "advcl" else None
    if verb is None or lemma(verb) not in _DEATH_VERBS:
        return None
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head  # "a Palestinian man killed in an Israeli drone strike"
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)


_STATEMENT_NOUNS = frozenset({"statement", "report", "letter", "communique", "communiqué",
                             "complaint", "post", "message", "briefing", "note", "declaration"})


_ISSUING_VERBS = frozenset({"issue", "send", "publish", "release", "submit", "post",
                            "deliver", "read", "file", "repeat", "renew", "impose", "announce",
                            "give", "extend", "sign", "adopt"})
# Orders and measures: what they bar or allow, the one who gave them does.
_DIRECTIVE_NOUNS = frozenset({"order", "decree", "directive", "ban", "curfew", "instruction",
                              "decision", "measure", "ultimatum"})


def _joined_clause_subject(pronoun: Token) -> Token | None:
    """The named subject of the clause a group pronoun's clause is joined to ("X did A, but
    it did B"), if that is the nearest clause and has a named subject."""
    if pronoun.lower_ not in ("it", "they") or pronoun.head.dep_ != "conj":
        return None
    verb = pronoun.head.head
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.pos_ != "PROPN":
        return None
    return subject


def _pronoun(entity: Entity) -> bool:
    return (entity.text or "").lower() in ("they", "them", "he", "him", "she", "her", "it",
                                           "we", "us")


def _phrase(token: Token) -> str:
    return token.doc[token.left_edge.i: token.right_edge.i + 1].text


def _same(a: Entity | list[Entity], b: Entity | list[Entity]) -> bool:
    ids_a = {e.id for e in (a if isinstance(a, list) else [a])}
    ids_b = {e.id for e in (b if isinstance(b, list) else [b])}
    return ids_a == ids_b and None not in ids_a
