"""Resolving a noun phrase to a registry entity: aliases, demonyms, NER, and salience.

"Israeli drones" -> isr.idf through the demonym table; "the ministry" or "he"
-> the most recently mentioned actor of a fitting kind (a small, deliberate
coreference: enough for "..., the ministry said" after naming it earlier).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from truce.extract.cues import SAY_VERBS, lemma
from truce.extract.docindex import ent_at, index
from truce.extract.entities import ACTOR, PLACE
from truce.model import Entity, entities
from truce.registry.actors import ActorRegistry
from truce.registry.demonyms import Demonyms
from truce.registry.generic import GenericBodies
from truce.registry.places import PlaceRegistry, fold

_NAMED_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "NAME"})
_PRONOUNS_PERSON = frozenset({"he", "she", "him", "her"})
_PRONOUNS_GROUP = frozenset({"it", "they", "them"})
_FIRST_PERSON = frozenset({"we", "us", "our"})
_SIDE_NOUNS = frozenset({"side", "country", "party", "government", "nation", "army",
                         "military", "force", "neighbour", "neighbor", "state"})
_LOCAL_CIVILIANS = frozenset({"resident", "villager", "local", "family"})
_LOCAL_PEOPLE = _LOCAL_CIVILIANS | {"official", "officer", "source", "authority"}
_CROWD_NOUNS = frozenset({"crowd", "hundred", "hundreds", "thousand", "thousands", "dozen",
                          "dozens", "group", "scores"})
_WING_NOUNS = frozenset({"wing", "brigades", "brigade"})
_STATE_WORDS = frozenset({"country", "state", "nation"})
_POSSESSIVE_PRONOUNS = frozenset({"its", "their"})
_GROUP_KINDS = ("state-military", "armed-group", "political-movement", "state-agency",
                "state-government", "igo", "ngo", "state-security")
# Definite descriptions and the actor kinds they can refer back to.
_DESCRIPTIONS: dict[str, tuple[str, ...]] = {
    "army": ("state-military",), "military": ("state-military",),
    "forces": ("state-military", "armed-group"),
    "group": ("armed-group", "political-movement"),
    "movement": ("political-movement", "armed-group"),
    "faction": ("armed-group", "political-movement"),
    "brigades": ("armed-group",), "wing": ("armed-group",),
    "ministry": ("state-agency", "state-government"),
    "office": ("state-agency", "state-government"),
    "agency": ("state-agency", "igo", "state-security"),
    "authority": ("state-agency", "state-government"),
    "authorities": ("state-agency", "state-government", "state-military"),
    "government": ("state-government",), "organisation": ("igo", "ngo"),
    "organization": ("igo", "ngo"), "body": ("igo", "state-agency"),
    "mission": ("igo",), "force": ("igo", "state-military"),
    "command": ("state-military",), "staff": ("state-military",),
    "troops": ("state-military",), "units": ("state-military",),
    "police": ("state-security",), "regime": ("state-government",),
    "country": ("state-government",), "state": ("state-government",),
    "committee": ("igo", "state-agency"), "mechanism": ("igo",),
    "delegation": ("armed-group", "political-movement", "state-government", "state-agency"),
    "spokesman": ("person",), "spokesperson": ("person",), "spokeswoman": ("person",),
    "official": ("person",), "minister": ("person",),
}
# Titles of those who command a body ("army chiefs"): one for each side, unowned
_COMMAND_TITLES = frozenset({"chief", "commander", "head"})
# Words of a title that every side's office shares ("director general", "chief").
_TITLE_WORDS = frozenset({"director", "general", "chief", "head", "commander", "officer",
                          "official", "representative", "two", "both"})
# "a delegation of the movement", "fighters from Hamas": the group named after them.
_MEMBER_NOUNS = frozenset({"delegation", "member", "fighter", "leader", "chief", "head",
                           "minister", "president", "official", "officer",
                           "spokesman", "spokesperson", "envoy", "team",
                           "representative", "commander", "negotiator", "militant", "unit",
                           "director", "grouping", "formation", "contingent", "battalion"})
# People and groups who act or speak, when no registry entry names them.
AGENT_NOUNS = frozenset({
    "gunman", "militant", "fighter", "terrorist", "assailant", "attacker", "minister",
    "rebel", "insurgent", "official", "delegation", "police", "settler", "protester",
    "demonstrator", "soldier",
    "troop", "leader", "diplomat", "negotiator", "mediator", "envoy", "gang", "militia",
    "faction", "group", "authority", "government", "force", "army", "team", "crew",
    "commander", "resident", "villager", "family", "driver", "worker", "source", "medic",
    "witness", "hospital", "doctor", "paramedic", "rescuer", "journalist", "staff",
    "spokesman", "spokesperson", "spokeswoman", "agency", "office", "commission", "ministry",
    "organisation", "organization", "activist", "analyst", "observer", "monitor", "unit",
    "battalion", "brigade", "reservist", "serviceman", "personnel", "enemy", "relative",
    "neighbour", "neighbor", "survivor", "eyewitness", "governor", "mayor", "lawmaker",
    "adviser", "advisor", "aide", "ambassador", "prosecutor", "coordinator", "representative",
    "director", "chairman", "chief", "head", "secretary", "general", "colonel", "officer",
})
# "dozens of Hamas targets", "one of its soldiers", "crowds of Lebanese": the part is the whole.
PORTION_NOUNS = frozenset({"dozen", "dozens", "hundred", "hundreds", "number", "some", "several",
                            "crowd", "group", "many", "most", "each", "all", "one", "two",
                            "three", "thousand", "thousands", "score", "handful"})
# Words naming a military body that heads the forces under it
_HEADQUARTERS_WORDS = frozenset({"staff", "command", "headquarters", "directorate"})
# Nouns for unnamed armed forces ("troops", "its soldiers"): whose they are comes from context.
FORCE_NOUNS = frozenset({"troops", "soldiers", "forces", "units", "army", "military",
                         "reservists", "servicemen", "personnel", "troop", "soldier", "unit"})
PEOPLE_NOUNS = frozenset({
    "people", "civilian", "resident", "man", "woman", "child", "person", "family",
    "boy", "girl", "palestinian", "lebanese", "israeli", "youth", "farmer", "fisherman",
    "worker", "journalist", "teenager", "citizen", "paramedic", "villager", "displaced",
    "crowd", "motorcyclist", "couple", "pedestrian", "shepherd", "student", "patient",
    "passenger", "mourner", "returnee", "baby", "infant", "public", "southerner",
    "population", "inhabitant", "northerner", "evacuee", "refugee",
})
# The press of a country speaks for itself, not for its state ("Lebanese media said").
_MEDIA_NOUNS = frozenset({"media", "medium", "press", "outlet", "newspaper", "daily", "broadcaster",
                          "television", "tv", "radio", "channel", "journalist", "reporter"})
# People known by their tie to someone ("their family", "his relatives"): not that one's body.
_KIN_NOUNS = frozenset({"family", "relative", "father", "mother", "parent", "son", "daughter",
                        "brother", "sister", "wife", "husband", "widow", "cousin", "uncle",
                        "aunt", "neighbour", "neighbor", "friend", "colleague", "child"})


def is_people(token: Token) -> bool:
    """Whether a noun names people ("civilians", "a group of people", "hundreds of
    Palestinians")."""
    if lemma(token) in PEOPLE_NOUNS:
        return True
    return (lemma(token) in PORTION_NOUNS or token.like_num) and any(
        is_people(obj) for prep in token.children if prep.dep_ == "prep" and prep.lower_ == "of"
        for obj in prep.children if obj.dep_ == "pobj")


def _people_before(pronoun: Token) -> bool:
    """Whether "they" or "them" follows, in its own sentence, plural people named as a
    subject (who it refers to, not an actor named sentences before)."""
    return any(t.dep_ in ("nsubj", "nsubjpass") and t.tag_ == "NNS" and
               lemma(t) in PEOPLE_NOUNS for t in pronoun.sent if t.i < pronoun.i)


class Salience:
    """The actors a report has mentioned, most recent last, for definite references."""

    def __init__(self, actors: ActorRegistry, voice: Entity | None = None,
                 countries: tuple[str, ...] = (), sides: tuple[str, str] | None = None) -> None:
        self._actors = actors
        self._recent: list[tuple[Entity, int]] = []  # with the token index it was named at
        self.voice = voice
        self.countries = countries
        self.sides = sides
        # what a description's kinds last named with a modifier ("a Hamas delegation",
        # "the Israeli military"), and where: "the delegation", "the army" mean it
        self.named_as: dict[tuple[str, ...], tuple[Entity, int]] = {}
        self.last_actor: dict[str, Entity | list[Entity]] = {}  # by event type: "the attack"
        # the parties a sentence named as its subject together, and where it ended: "they"
        # at the start of the next sentence
        self.plural: tuple[list[Entity], int] | None = None

    def note(self, entity: Entity, at: int = -1) -> None:
        if entity.id:
            self._recent = [(e, i) for e, i in self._recent if e.id != entity.id]
            self._recent.append((entity, at))

    def recall(self, kinds: tuple[str, ...], word: str, text: str,
               before: int | None = None) -> Entity | None:
        """The last actor of one of ``kinds`` (or whose name has ``word``) named before
        token ``before``; failing that, in a party's own statement, the party itself
        ("The Command notes ...")."""
        for entity, at in reversed(self._recent):
            if before is not None and at >= before:
                continue  # "It asked Turkey ...": not Turkey, named after the pronoun
            actor = self._actors.get(entity.id)
            if actor is None:
                continue
            if actor.kind in kinds or (word in actor.name.lower() and actor.kind != "person"):
                return Entity(entity.id, entity.name, text)
        return self.own_voice(kinds, word, text)

    def own_voice(self, kinds: tuple[str, ...], word: str, text: str) -> Entity | None:
        """In a party's own statement, the party, if it is of one of ``kinds`` or its name
        has ``word`` ("The mission keeps pressing ..." in UNIFIL's)."""
        voice = self._actors.get(self.voice.id) if self.voice else None
        if voice is not None and (voice.kind in kinds or word in voice.name.lower()):
            return Entity(voice.id, voice.name, text)
        return None

    def described(self, kinds: tuple[str, ...], word: str, text: str,
                  before: int) -> Entity | None:
        """What a description ("the mission", "the mechanism") refers to: the last actor
        named before whose name has its word; else, in a party's own statement, a party of a
        fitting kind (it speaks of itself); else the last actor of a fitting kind."""
        for entity, at in reversed(self._recent):
            actor = self._actors.get(entity.id)
            if at < before and actor is not None and actor.kind != "person" and \
                    word in actor.name.lower():
                return Entity(entity.id, entity.name, text)
        return self.own_voice(kinds, word, text) or self.recall(kinds, word, text, before)


class EntityResolver:
    """Turns the token heading a noun phrase into an Entity (or a list, for compounds)."""

    def __init__(self, actors: ActorRegistry, demonyms: Demonyms,
                 actor_alias: dict[str, str], generic: GenericBodies,
                 places: PlaceRegistry | None = None) -> None:
        self.actors = actors
        self.demonyms = demonyms
        self._actor_alias = actor_alias
        self.generic = generic
        self.places = places
        self._states = {a.country: a.id for a in actors
                        if a.kind == "state-government" and not a.parent}
        self._civilians = {a.country: a.id for a in actors
                           if a.kind == "civilians" and a.id.endswith(".civilians")}
        self._military: dict[str, str | None] = {}  # military_of, worked out once per actor

    def entity(self, actor_id: str, text: str) -> Entity:
        return Entity(actor_id, self.actors.name(actor_id), text)

    def civilians_of(self, country: str | None) -> str | None:
        """The registry's civilians of a country ("UKR" -> ukr.civilians), if it has them."""
        return self._civilians.get(country or "")

    def armed(self, entity: Entity) -> Entity:
        """A state named as the author of an armed act stands for its armed forces."""
        military = self.demonyms.military_of(entity.id) if entity.id else None
        return self.entity(military, entity.text) if military else entity

    def named_itself(self, entity: Entity) -> bool:
        """Whether an entity's text is its own name ("Russia"), not a description of it
        ("Russian fire", "its forces")."""
        return bool(entity.id and entity.text and
                    self._actor_alias.get(fold(entity.text)) == entity.id)

    def forces_of(self, actor_id: str) -> str:
        """What fights for an actor: its state's armed forces, else the actor itself (an
        armed group)."""
        return self.military_of(actor_id) or actor_id

    def military_of(self, actor_id: str) -> str | None:
        """The armed forces of the state an actor belongs to (itself, if it is one)."""
        if actor_id not in self._military:
            self._military[actor_id] = self._find_military(actor_id)
        return self._military[actor_id]

    def _find_military(self, actor_id: str) -> str | None:
        for ancestor in self.actors.lineage(actor_id):
            actor = self.actors.get(ancestor)
            if actor is None:
                continue
            if actor.kind == "state-military":
                return actor.id
            if actor.kind == "state-government":
                military = self.demonyms.military_of(actor.id)
                if military:
                    return military
                # its top military body, however deep ("Russian Armed Forces" under the MoD)
                tops = [a.id for a in self.actors if a.kind == "state-military" and
                        actor.id in self.actors.lineage(a.id) and
                        (p := self.actors.get(a.parent)) is not None and
                        p.kind != "state-military"]
                if len(tops) == 1:
                    return tops[0]
        return None

    def from_span(self, ent: Span) -> Entity | None:
        """An entity span as an actor: registry actors, places standing for governments."""
        if ent.label_ == ACTOR:
            return self.entity(ent.kb_id_, ent.text)
        if ent.label_ == PLACE:
            actor_id = self._actor_alias.get(fold(ent.text))
            return self.entity(actor_id, ent.text) if actor_id else None
        if ent.label_ == "NORP":
            # "Palestinians" are people; "Israeli" on its own stands for the state.
            plural = ent.text.endswith("s") and self.demonyms.get(ent.text[:-1]) is not None
            demonym = self.demonyms.get(ent.text[:-1] if plural else ent.text)
            if demonym is not None:
                # "a young Palestinian", "two Israelis": people; "Israeli" alone: the state.
                person = plural or any(
                    c.dep_ in ("det", "nummod") and c.lower_ not in ("the",)
                    for c in ent.root.children)
                chosen = demonym.civilians if person else demonym.state
                if chosen:
                    return self.entity(chosen, ent.text)
        if ent.label_ in _NAMED_LABELS:
            return Entity(None, ent.text, ent.text)
        return None

    def resolve(self, head: Token, salience: Salience | None = None,
                follow_conjuncts: bool = True) -> Entity | list[Entity] | None:
        """The actor a noun phrase headed by ``head`` names, if any."""
        if salience is not None and (together := _named_together(head, salience)):
            return together
        both = self._both_sides(head, salience) or self._members_of_several(head, salience) \
            or self._of_several_owners(head) or self._office_of_each_side(head, salience)
        if both is not None:
            return both
        heads = [head, *head.conjuncts, *_backers(head)] if follow_conjuncts else [head]
        if follow_conjuncts:
            heads += [t for t in _listed_after(head) if t not in heads]
        found: list[Entity] = []
        for token in heads:
            several = self._members_of_several(token, salience) if token is not head else None
            if several is not None:
                # "he and the leaders of Egypt, Qatar and Turkey": each leader
                found.extend(e for e in several if all(e.id != f.id for f in found))
                continue
            entity = self._resolve_one(token, salience)
            if entity is not None and entity.id is None and len(heads) > 1 and _bare_title(token):
                continue  # "Deputy Prime Minister and Foreign Minister Ishaq Dar": one man
            if entity is not None and entity.id and salience is not None and \
                    token.lower_ in _DESCRIPTIONS and any(
                        c.dep_ in ("compound", "amod", "poss") for c in token.children):
                # "a Hamas delegation": what "the delegation" will mean from here on
                salience.named_as[_DESCRIPTIONS[token.lower_]] = (entity, token.i)
            if entity is not None and all(entity.id != e.id or not e.id for e in found):
                found.append(entity)
        if not found:
            return None
        return found[0] if len(found) == 1 else found

    def _resolve_one(self, token: Token, salience: Salience | None) -> Entity | None:
        doc = token.doc
        ent = _entity_covering(token)
        if ent is not None:
            if ent.label_ == "NAME" and salience is not None:
                generic = self._generic_body(token, salience.countries)
                if generic is not None:
                    return generic  # "Health Ministry" in a Lebanese report
            entity = self.from_span(ent)
            if entity is not None and entity.id is None:
                # "the Armed Forces of the Democratic Republic of Congo (FARDC)": the name in
                # brackets or apposition is the registry's
                entity = self._apposed(token) or entity
            if entity is not None and entity.id is None and salience is not None and \
                    token.lower_ in _DESCRIPTIONS:
                # "The Command" tagged as a name: still a reference back.
                entity = self._refer(token, _DESCRIPTIONS[token.lower_], ent.text,
                                     salience) or entity
            if entity is not None:
                return entity
        # "Turkey's intelligence chief Ibrahim Kalin": an apposition names the actor best.
        apposed = self._apposed(token)
        if apposed is not None:
            return apposed
        if salience is not None and (generic := self._generic_body(token, salience.countries)):
            return generic  # "the Palestinian enclave's health ministry"
        # "Hamas's armed wing", "IDF fighter jets", "Israeli troops": modifiers name the actor.
        phrase = doc[token.left_edge.i: token.i + 1]
        if lemma(token) in _MEDIA_NOUNS:
            return Entity(None, phrase.text, phrase.text)  # "Israeli media" are not Israel
        for modifier in reversed(phrase[:-1]):
            if modifier.dep_ not in ("amod", "compound", "nmod", "poss", "npadvmod", "det"):
                continue
            resolved = self.demonyms.resolve(modifier.text, token.lower_)
            if resolved:
                return self.entity(resolved, phrase.text)
            mod_ent = _entity_covering(modifier)
            owner_id = None
            if mod_ent is not None and mod_ent.label_ == ACTOR:
                owner_id = mod_ent.kb_id_
            elif mod_ent is not None and mod_ent.label_ == PLACE:
                owner_id = self._actor_alias.get(fold(mod_ent.text))  # "Türkiye's chief"
            if owner_id is not None and mod_ent is not None:
                return self._via_owner(owner_id, mod_ent.end, token, phrase.text)
        possessor = next((c for c in token.children if c.dep_ == "poss"), None)
        if possessor is not None and salience is not None and lemma(token) not in _KIN_NOUNS:
            # "its commitment", "the army's deployment": whose it is, found by reference.
            owner = self._antecedent(possessor, salience) \
                if possessor.lower_ in _POSSESSIVE_PRONOUNS else \
                (salience.voice or self._speaker_above(possessor, salience)) \
                if possessor.lower_ == "our" else self._resolve_one(possessor, salience)
            if owner is not None and owner.id:
                return self._owned(owner.id, token, phrase.text)
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "from", "for") and (
                    token.lower_ in _DESCRIPTIONS or lemma(token) in _MEMBER_NOUNS or
                    lemma(token) in PORTION_NOUNS or token.like_num):
                for obj in prep.children:
                    if obj.dep_ != "pobj":
                        continue
                    group = self._resolve_one(obj, salience)
                    demonym = self.demonyms.get(obj.text) if lemma(token) in PEOPLE_NOUNS or \
                        lemma(token) in _CROWD_NOUNS else None
                    if demonym is not None and demonym.civilians:
                        # "crowds of Lebanese", "hundreds of Palestinians": people, not a state
                        return self.entity(demonym.civilians,
                                           doc[token.left_edge.i: obj.i + 1].text)
                    if group is not None and group.id:
                        # "the armed forces of Pakistan": the owner's forces.
                        return self._owned(group.id, token,
                                           doc[token.left_edge.i: obj.i + 1].text)
        local = self._local(token, salience)
        if local is not None:
            return local
        word = token.lower_
        if salience is not None:
            if word in _FIRST_PERSON and salience.voice is not None:
                # "We call on the mediators ..." in a party's statement is that party.
                return Entity(salience.voice.id, salience.voice.name, token.text)
            if word in _PRONOUNS_PERSON:
                return salience.recall(("person",), word, token.text, token.i)
            if word in _PRONOUNS_GROUP:
                if word != "it" and _people_before(token):
                    return None  # "the children had gone ... where they were killed"
                return salience.recall(_GROUP_KINDS, word, token.text, token.i)
            if word in _DESCRIPTIONS:
                kinds = _DESCRIPTIONS[word]
                definite = any(c.lower_ == "the" for c in token.children)
                if not definite and (not token.text[0].isupper() or "person" in kinds):
                    return None  # "Deputy Prime Minister ..." is a title, not a reference
                for modifier in token.children:
                    if modifier.dep_ == "compound" and modifier.lower_ in _DESCRIPTIONS:
                        kinds = _DESCRIPTIONS[modifier.lower_]  # "the army delegation"
                    elif modifier.dep_ == "compound" and modifier.pos_ == "NOUN" and \
                            word in ("authorities", "officials"):
                        return None  # "the prison authorities": a body no one was named as
                own = self._own_army(token) if kinds == ("state-military",) else None
                if own is not None:
                    return self.entity(own, phrase.text)
                earlier = salience.named_as.get(kinds)
                # "a Hamas delegation ... the delegation"; in a party's statement, the same
                # word only ("the new mechanism ... the mission" is UNIFIL in UNIFIL's)
                repeated = earlier is not None and earlier[1] < token.i and (
                    token.doc[earlier[1]].lower_ == word or
                    salience.own_voice(kinds, word, phrase.text) is None)
                found = Entity(earlier[0].id, earlier[0].name, phrase.text) if repeated \
                    else self._refer(token, kinds, phrase.text, salience)
                if found is not None and found.id and word in _STATE_WORDS:
                    root = self.actors.root(found.id)  # "the country": the state
                    return self.entity(root, phrase.text)
                return found
        return None

    def _apposed(self, token: Token) -> Entity | None:
        """The registry actor an apposition to ``token`` names, if one does."""
        for child in token.children:
            if child.dep_ == "appos":
                appos = _entity_covering(child)
                if appos is not None and appos.label_ == ACTOR:
                    return self.entity(appos.kb_id_, appos.text)
        return None

    def _refer(self, token: Token, kinds: tuple[str, ...], text: str,
               salience: Salience) -> Entity | None:
        """What a description ("the army", "the ministry") refers to: the last fitting
        actor named before it, else, in a headline, the first named after it."""
        return salience.described(kinds, token.lower_, text, token.i) or \
            self._named_after_headline(token, kinds, text)

    def _named_after_headline(self, token: Token, kinds: tuple[str, ...],
                              text: str) -> Entity | None:
        """"Army says it fired on suspects" as a headline: the first actor of a fitting kind
        the report names after it (a headline sums up the lead)."""
        if token.sent.start != 0:
            return None
        for ent in index(token.doc).ents:
            actor = self.actors.get(ent.kb_id_) if ent.label_ == ACTOR and \
                ent.start >= token.sent.end else None
            if actor is not None and actor.kind in kinds:
                return self.entity(actor.id, text)
        return None

    def _own_army(self, token: Token) -> str | None:
        """"Mikati praised the army": the army a state's official or body names bare, as
        the object of what they do, is their state's."""
        if token.dep_ not in ("dobj", "pobj"):
            return None
        verb = token.head.head if token.dep_ == "pobj" else token.head
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        ent = _entity_covering(subject) if subject is not None else None
        actor = self.actors.get(ent.kb_id_) if ent is not None and ent.label_ == ACTOR else None
        state = self._states.get(actor.country) if actor is not None and actor.country else None
        return self.military_of(state) if state else None

    def _antecedent(self, pronoun: Token, salience: Salience) -> Entity | None:
        """"The army affirms its commitment", "Pakistan said its forces held fire": a
        possessive pronoun binds to the subject of the nearest clause above it that has one
        (through "it" to the speaker of "X said it ..."), else to the last group named;
        "FARDC soldiers and their allies": to the phrase it is joined to."""
        owned = pronoun.head
        if owned.dep_ == "conj" and owned.head.i < pronoun.i:
            joined = self.resolve(owned.head, salience, follow_conjuncts=False)
            if isinstance(joined, Entity) and joined.id:
                return joined
        for verb in pronoun.ancestors:
            subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")
                            and not (c.left_edge.i <= pronoun.i <= c.right_edge.i)), None)
            if subject is None:
                continue
            if subject.lower_ in _PRONOUNS_GROUP:
                continue  # "X said it ... its": keep climbing to the speaker
            found = self.resolve(subject, salience, follow_conjuncts=False)
            if isinstance(found, Entity) and found.id:
                return found
            if found is None and subject.pos_ == "NOUN" and lemma(subject) not in AGENT_NOUNS \
                    and not is_people(subject):
                continue  # "saying trade never came up in its talks": a thing, not the owner
            if found is not None or subject.pos_ in ("PROPN", "NOUN"):
                return None
        if pronoun.lower_ in ("its", "their"):
            return salience.recall(_GROUP_KINDS, pronoun.lower_, pronoun.text, pronoun.i)
        return None

    def _speaker_above(self, token: Token, salience: Salience) -> Entity | None:
        """Who "our" is in a report's words: the subject of the verb of saying above it
        ("The FARDC informs ... that the coalition attacks our positions")."""
        for verb in token.ancestors:
            if verb.pos_ in ("VERB", "AUX") and lemma(verb) in SAY_VERBS:
                subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
                found = self.resolve(subject, salience, follow_conjuncts=False) \
                    if subject is not None else None
                return found if isinstance(found, Entity) and found.id else None
        return None

    def _owned(self, owner_id: str, token: Token, text: str) -> Entity:
        """What an owner's noun names: "its forces" -> the owner's armed forces."""
        if token.lower_ in self.demonyms.military_nouns or lemma(token) in FORCE_NOUNS:
            military = self.military_of(owner_id)
            if military:
                return self.entity(self._commanded(military), text)
        if lemma(token) in _WING_NOUNS:
            # "Hamas's armed wing": the armed group that belongs to the movement.
            wings = [a for a in self.actors if a.parent == owner_id and a.kind == "armed-group"]
            named = [a for a in wings if any("wing" in alias.lower() for alias in a.aliases)]
            chosen = named if len(named) == 1 else wings
            if len(chosen) == 1:
                return self.entity(chosen[0].id, text)
        return self.entity(owner_id, text)

    def _commanded(self, military: str) -> str:
        """"Ukraine's General Staff said its troops ...": the troops of a headquarters are
        those of the armed forces it heads."""
        actor = self.actors.get(military)
        parent = self.actors.get(actor.parent) if actor is not None else None
        if actor is None or parent is None or parent.kind != "state-military" or \
                not _HEADQUARTERS_WORDS & set(actor.name.lower().split()):
            return military
        return self._commanded(parent.id)

    def _both_sides(self, token: Token, salience: Salience | None) -> list[Entity] | None:
        """"Both sides", "each side", "the two countries", "the two armies": the report's
        two sides (their armed forces for army nouns)."""
        if salience is None or salience.sides is None or lemma(token) not in _SIDE_NOUNS:
            return None
        quantifiers = {c.lower_ for c in token.children if c.dep_ in ("det", "nummod", "amod")}
        if not quantifiers & {"both", "two", "each", "either"}:
            return None
        text = token.doc[token.left_edge.i: token.i + 1].text
        found = []
        for side in salience.sides:
            chosen = self.forces_of(side) if token.lower_ in \
                self.demonyms.military_nouns else side
            found.append(self.entity(chosen, text))
        return found

    def _members_of_several(self, token: Token, salience: Salience | None
                            ) -> list[Entity] | None:
        """"The foreign ministers of Congo and Rwanda": members of each named body."""
        if lemma(token) not in _MEMBER_NOUNS and token.lower_ not in _DESCRIPTIONS:
            return None
        for prep in token.children:
            if prep.dep_ != "prep" or prep.lower_ != "of":
                continue
            # "of Congo and Rwanda", also parsed as two objects of "of"
            objs = [obj for obj in prep.children if obj.dep_ == "pobj"]
            if len(objs) < 2 and not any(obj.conjuncts for obj in objs):
                continue
            found = [e for obj in objs for e in entities(self.resolve(obj, salience))]
            if len(found) > 1:
                text = token.doc[token.left_edge.i: token.right_edge.i + 1].text
                words = _title_words(token, prep.i)
                return [self.entity(office, text) if e.id and words and
                        (office := self._office(e.id, words)) else
                        Entity(e.id, e.name, text) for e in found]
        return None

    def _office_of_each_side(self, token: Token, salience: Salience | None
                             ) -> list[Entity] | None:
        """"The two armies' directors general of military operations", "the two military
        operations chiefs", "army chiefs prepare to talk": an office each side has, named by
        the words of its title (of the report's sides, else of the first two states it is
        about that have one)."""
        if salience is None or token.lower_ in _DESCRIPTIONS:
            return None
        pair = next((t for t in token.subtree if t.lower_ in ("two", "both") and t.dep_ in
                     ("nummod", "det", "predet")), None)
        if pair is None and not _unowned_titles(token):
            return None
        # the title's own words, without the pair's noun ("armies") or generic ones
        words = _title_words(token, token.right_edge.i + 1) - (
            {pair.head.lower_} if pair is not None else set())
        if not words:
            return None
        text = token.doc[token.left_edge.i: token.right_edge.i + 1].text
        owners = [*(salience.sides or ()), *(self._states.get(c) for c in salience.countries)]
        found = [office for owner in dict.fromkeys(o for o in owners if o)
                 if (office := self._office(owner, words))]
        if len(found) < 2:
            return None
        return [self.entity(office, text) for office in found[:2]]

    def _office(self, side: str, words: set[str]) -> str | None:
        """The one body under ``side`` whose name or an alias has all of ``words``."""
        matches = [a.id for a in self.actors if a.kind != "person" and
                   self.actors.is_child_of(a.id, side) and
                   any(all(w in n.lower() for w in words) for n in (a.name, *a.aliases))]
        return matches[0] if len(matches) == 1 else None

    def _of_several_owners(self, token: Token) -> list[Entity] | None:
        """"US and French officials", "Israeli and Lebanese troops": one noun with conjoined
        owners is one entity per owner."""
        for modifier in token.children:
            if modifier.dep_ not in ("amod", "nmod", "compound") or not modifier.conjuncts:
                continue
            found: list[Entity] = []
            for owner in (modifier, *modifier.conjuncts):
                owner_id = self.demonyms.resolve(owner.text, token.lower_) or \
                    self._named_owner(owner)
                if owner_id is None:
                    return None
                found.append(self.entity(owner_id, f"{owner.text} {token.text}"))
            return found if len({e.id for e in found}) > 1 else None
        return None

    def _named_owner(self, token: Token) -> str | None:
        """The registry actor a name modifying a noun stands for ("Hamas", "Moscow")."""
        ent = _entity_covering(token)
        found = self.from_span(ent) if ent is not None and ent.label_ in (ACTOR, PLACE) \
            else None
        return found.id if found is not None else None

    def agent(self, token: Token, salience: Salience | None) -> Entity | list[Entity] | None:
        """An actor for a noun phrase, or an unregistered one ("medics", "a gunman")."""
        found = self.resolve(token, salience)
        if found is None and lemma(token) in AGENT_NOUNS:
            text = token.doc[token.left_edge.i: token.i + 1].text
            return Entity(None, text, text)
        return found

    def _local(self, token: Token, salience: Salience | None) -> Entity | None:
        """"Security officials in Islamabad", "residents of Uri", "an army officer in Tyre":
        unnamed people placed in a country speak for its state (its army, with "army"), or
        are its civilians."""
        noun = lemma(token)
        if self.places is None or noun not in _LOCAL_PEOPLE:
            return None
        prefer = salience.countries if salience is not None else ()
        for prep in token.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("in", "of", "from"):
                continue
            for obj in prep.children:
                ent = _entity_covering(obj) if obj.dep_ == "pobj" else None
                place = self.places.lookup(ent.text, prefer) \
                    if ent is not None and ent.label_ == PLACE else None
                if place is None:
                    continue
                text = token.doc[token.left_edge.i: obj.right_edge.i + 1].text
                if noun in _LOCAL_CIVILIANS:
                    actor_id = self._civilians.get(place.country)
                else:
                    actor_id = self._states.get(place.country)
                    armed = any(lemma(c) in ("army", "military") for c in token.children
                                if c.dep_ in ("compound", "amod"))
                    if actor_id and armed:
                        actor_id = self.military_of(actor_id) or actor_id
                return self.entity(actor_id, text) if actor_id else None
        return None

    def _generic_body(self, token: Token, countries: tuple[str, ...]) -> Entity | None:
        """"the health ministry", "Gaza's civil defence": read by the report's country."""
        words = [t for t in token.doc[token.left_edge.i: token.i + 1]
                 if t.dep_ not in ("det", "poss", "case") and t.ent_type_ != "ACTOR"]
        phrase = " ".join(t.lower_ for t in words)
        actor_id = self.generic.resolve(phrase, countries) if phrase else None
        if actor_id is None:
            # "the blockaded Palestinian enclave's health ministry": the body's own words,
            # read by the country its owner's words name, else the report's.
            own = [t for t in token.children if t.dep_ in ("compound", "amod") and
                   t.i < token.i and self.demonyms.get(t.text) is None]
            phrase = " ".join(t.lower_ for t in (*own, token))
            named = tuple(d.country for t in token.subtree if t.i < token.i
                          and (d := self.demonyms.get(t.text)) is not None)
            actor_id = self.generic.resolve(phrase, named + countries) if own else None
        if actor_id is None:
            return None
        return self.entity(actor_id, token.doc[token.left_edge.i: token.i + 1].text)

    def _via_owner(self, owner_id: str, after: int, token: Token, text: str) -> Entity:
        """"Israel's army" -> isr.idf: a state's military noun maps to its military;
        "Russia's defence ministry" -> the state's body whose name has those words."""
        actor = self.actors.get(owner_id)
        words = [t.lower_ for t in token.doc[after: token.i + 1]
                 if t.dep_ not in ("case", "punct", "det")]
        if actor is not None and actor.kind == "state-government" and words in (
                ["government"], ["authorities"], ["state"], ["leadership"]):
            return self.entity(owner_id, text)  # "Congo's government": the state itself
        if actor is not None and words and token.lower_ not in self.demonyms.military_nouns:
            for candidate in self.actors:
                if self.actors.is_child_of(candidate.id, actor.id) and all(
                        any(w in n.lower() for n in (candidate.name, *candidate.aliases))
                        for w in words):
                    return self.entity(candidate.id, text)
        if actor and actor.kind == "state-government" and token.lower_ in \
                self.demonyms.military_nouns:
            for candidate in self.actors:
                if candidate.parent == actor.id and candidate.kind == "state-military":
                    return self.entity(candidate.id, text)
        return self.entity(owner_id, text)


# "M23 rebels, backed by the Rwanda Defence Force", "a delegation led by al-Hayya": those
# who act with the group named, or lead it.
_BACKING_VERBS = frozenset({"back", "support", "aid", "assist", "accompany", "join", "help",
                            "arm", "lead", "head"})


_COMPOSING_VERBS = frozenset({"make", "compose", "form", "comprise"})


def _backers(head: Token) -> list[Token]:
    """The agents of "backed by", "joined by", "led by" on a noun phrase (or on its "of"
    phrase: "a delegation of the movement headed by al-Hayya")."""
    nouns = [head, *(obj for prep in head.children if prep.dep_ == "prep" and prep.lower_ == "of"
                     for obj in prep.children if obj.dep_ == "pobj")] \
        if lemma(head) in _MEMBER_NOUNS else [head]
    return [obj for noun in nouns for acl in noun.children
            if acl.dep_ == "acl" and acl.tag_ == "VBN" and lemma(acl) in _BACKING_VERBS
            for agent in acl.children if agent.dep_ == "agent"
            for obj in agent.children if obj.dep_ == "pobj"] + _members(head)


def _members(head: Token) -> list[Token]:
    """"the coalition, made up of the FARDC, ...", "a force composed of ...": its members."""
    return [obj for acl in head.children
            if acl.dep_ == "acl" and acl.tag_ == "VBN" and lemma(acl) in _COMPOSING_VERBS
            for prep in acl.children if prep.dep_ == "prep" and prep.lower_ == "of"
            for first in prep.children if first.dep_ == "pobj"
            for obj in (first, *first.conjuncts)]


_LIST_JOINERS = frozenset({",", "and", "or"})
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _listed_after(head: Token) -> list[Token]:
    """"calls on the Lebanese state and the mechanism to ...", "the mediators, the
    guarantor states and President Trump": registry actors listed right after a phrase,
    however the parser attached them; a list ends where a clause starts ("..., Hamas
    said")."""
    doc = head.doc
    found: list[Token] = []
    i = head.right_edge.i + 1
    while i < len(doc) and doc[i].lower_ in _LIST_JOINERS:
        while i < len(doc) and (doc[i].lower_ in _LIST_JOINERS or doc[i].lower_ == "the"):
            i += 1
        ent = ent_at(doc[i]) if i < len(doc) else None
        if ent is None or ent.label_ != ACTOR or \
                (ent.end < len(doc) and doc[ent.end].tag_ in _FINITE_TAGS):
            break
        found.append(ent.root)
        i = ent.end
    return found


def _bare_title(token: Token) -> bool:
    """"Deputy Prime Minister" before "and Foreign Minister X": a title with no name."""
    words = token.doc[token.left_edge.i: token.i + 1]
    return lemma(token) in AGENT_NOUNS and all(
        t.is_title and ((ent := ent_at(t)) is None or ent.label_ == "NAME") for t in words)


def _named_together(pronoun: Token, salience: Salience) -> list[Entity] | None:
    """"India and Pakistan agreed ... . They also agreed ...": "they" opening a sentence after
    one whose subject named several parties is those parties."""
    if pronoun.lower_ not in ("they", "them") or salience.plural is None:
        return None
    parties, end = salience.plural
    if end != pronoun.sent.start:
        return None
    return [Entity(e.id, e.name, pronoun.text) for e in parties]


def _unowned_titles(token: Token) -> bool:
    """"army chiefs", "the military commanders": holders of a title, in the plural, with
    no owner named (no name, possessor or "of" phrase)."""
    return token.tag_ == "NNS" and lemma(token) in _COMMAND_TITLES and not any(
        c.dep_ in ("poss", "prep", "nummod") or (c.dep_ == "det" and c.lower_ != "the")
        for c in token.children) and all(ent_at(t) is None or ent_at(t).label_ == "NAME"
                                         for t in token.subtree)


def _title_words(token: Token, end: int) -> set[str]:
    """The words of an office's title before token ``end`` ("military operations" of "the
    military operations chiefs of ..."), without those every office has ("chief")."""
    return {t.lower_ for t in token.doc[token.left_edge.i: end]
            if t.pos_ in ("NOUN", "ADJ", "PROPN") and lemma(t) not in _TITLE_WORDS}


def _entity_covering(token: Token) -> Span | None:
    return ent_at(token)
