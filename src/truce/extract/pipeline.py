"""The extraction pipeline: a report in, codebook events out.

Stages, each its own module: language -> spaCy (sentences, tags, parse,
registry entities, NER) -> event detection -> attribution -> roles -> status
-> mode and topic -> location -> date -> quantities -> provision links.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from typing import TypeGuard

from spacy.tokens import Doc, Span, Token

from truce.agreements.linking import choose_agreement, link_provisions
from truce.agreements.loader import AgreementBook
from truce.agreements.model import Agreement
from truce.agreements.sides import opponents, party_of, two_sides
from truce.extract.arabic import ArabicExtractor
from truce.extract.attribution import (
    Attribution,
    bound_to_speaker,
    is_say_verb,
    own_speech_verb,
    subject_of,
)
from truce.extract.cues import CueIndex, lemma
from truce.extract.dates import (
    date_for,
    is_period_start,
    issued_headline,
    offered,
    outside_time,
    standing_position,
    told_in_past,
    told_in_present,
)
from truce.extract.docindex import ents_in, index
from truce.extract.entities import ACTOR, PLACE, is_dateline
from truce.extract.events import EventDetector
from truce.extract.language import detect_language
from truce.extract.location import (
    Locator,
    calls_last_attack,
    continues_attack,
    is_example,
    place_from_report,
    refers_back,
)
from truce.extract.mention import Mention
from truce.extract.merge import collapse, mention_ids
from truce.extract.nlp import build_nlp
from truce.extract.quotes import Quotation, enclosing, quotations
from truce.extract.refine import Refiner
from truce.extract.resolve import FORCE_NOUNS, EntityResolver, Salience
from truce.extract.roles import INSTALLATION_NOUNS, Roles
from truce.extract.status import status_of
from truce.extract.topic_model import TopicModel
from truce.extract.whole_report import (
    MODE_FAMILIES,
    addressees_are_not_places,
    date_from_context,
    date_headline,
    implicit_attackers,
    implicit_weapons,
)
from truce.model import DateRef, Entity, Event, Evidence, Location, Report, entity_ids
from truce.registry.actors import ActorRegistry
from truce.registry.demonyms import Demonyms
from truce.registry.generic import GenericBodies
from truce.registry.lexicon import Lexicon
from truce.registry.places import PlaceRegistry, fold

# Which event types a counted thing most likely belongs to, when a sentence has several.


@dataclass(slots=True)
class _Carry:
    """What the text has established so far, for sentences that leave it implicit: the
    paragraph's date, and the place of the last located act of each type (for "the
    attack" named again)."""

    date: DateRef | None = None
    places: dict[str, Location] = field(default_factory=dict)  # by event type


class Extractor:
    """Codes reports into events; build once (loading the model takes a second) and reuse."""

    def __init__(self, actors: ActorRegistry, places: PlaceRegistry, lexicon: Lexicon,
                 demonyms: Demonyms, agreements: AgreementBook) -> None:
        self.actors = actors
        self.places = places
        self.agreements = agreements
        self.nlp, ruler = build_nlp(actors, places, demonyms.words())
        self.actor_alias = ruler.actor_alias
        cues = CueIndex(places)
        self.resolver = EntityResolver(actors, demonyms, ruler.actor_alias, GenericBodies.load(),
                                       places)
        self.detector = EventDetector(self.nlp, lexicon, cues)
        self.attribution = Attribution(self.resolver)
        self.roles = Roles(self.resolver)
        self.refiner = Refiner(lexicon, cues, TopicModel())
        self.locator = Locator(places, demonyms)

    def extract(self, report: Report) -> list[Event]:
        return next(iter(self.extract_many([report])))[1]

    def extract_many(self, reports: Iterable[Report],
                     batch_size: int = 16) -> Iterator[tuple[Report, list[Event]]]:
        """Code many reports, in order: English through spaCy in batches, Arabic by its own
        path."""
        batch: list[Report] = []
        for report in reports:
            batch.append(report)
            if len(batch) >= batch_size:
                yield from self._batch(batch)
                batch = []
        if batch:
            yield from self._batch(batch)

    def _batch(self, reports: list[Report]) -> Iterator[tuple[Report, list[Event]]]:
        arabic = [detect_language(r.text, r.language) == "ar" for r in reports]
        english = iter(self.nlp.pipe([r.text for r, a in zip(reports, arabic, strict=True)
                                      if not a]))
        for report, is_arabic in zip(reports, arabic, strict=True):
            if is_arabic:
                yield report, self._arabic_events(report)
            else:
                yield report, self.events_of(next(english), report)

    def _arabic_events(self, report: Report) -> list[Event]:
        found = self.arabic.events_of(report)
        countries = [e.location.country for e in found if e.location and e.location.country]
        actor_ids = [i for e in found for i in entity_ids(e.actor)]
        agreement = choose_agreement(self.agreements, self.actors, countries, actor_ids,
                                     report.published)
        if agreement is not None:
            for event in found:
                link_provisions(event, agreement, self.actors)
        return found

    @cached_property
    def arabic(self) -> ArabicExtractor:
        return ArabicExtractor(self.actors, self.places)

    def events_of(self, doc: Doc, report: Report) -> list[Event]:
        voice = self.voice_of(report)
        prefer = self._country_prior(doc)
        actor_ids = self._actor_ids(doc)
        agreement = choose_agreement(
            self.agreements, self.actors, self._countries(doc, prefer), actor_ids,
            report.published,
        )
        salience = Salience(self.actors, voice, prefer, self._sides(doc, agreement, actor_ids))
        quotes = quotations(doc)
        truce_start = agreement.effective if agreement is not None else None
        carry = _Carry()
        recent: dict[str, Location] = {}
        events: list[Event] = []
        planned: set[int] = set()  # events under a planned act: no date from the report
        issued: set[int] = set()  # a party's statement's own sayings: made the day it is out
        claim_maker: Entity | None = None  # the last party to make a claim, for rejections
        for sentence, mentions in self.detector.detect_doc(doc):
            if _opens_paragraph(sentence):
                carry = _Carry(places=carry.places)  # an act named again may be told before
            self._note_entities(sentence, salience)
            self.attribution.attribute(mentions, salience)
            for mention in mentions:
                self._fill(mention, salience, report, carry, prefer, truce_start)
                if (mention.location is None or
                        mention.location is carry.places.get(mention.event_type)) and \
                        not _is_commitment(mention):
                    mention.location = self.locator.back_reference(
                        mention.sentence, mention.trigger, recent, prefer,
                        speech=mention.is_speech) or mention.location
                self._quoted(mention, quotes, salience)
                _speaker_as_actor(mention, voice)
                self._joint_speakers(mention, salience)
                self._speaker_threatens(mention)
                _performed_by_saying(mention)
                self._own_forces(mention, voice)
                self._enemy_of_speaker(mention, voice, salience.sides)
                self._installation_owner(mention, salience.sides)
            _place_of_act_spoken_about(mentions)
            kept = self._one_per_place(collapse(mentions), prefer)
            for mention in kept:
                _date_from_paragraph(mention, carry, report.published, voice is None)
            _accused_from_acts(kept)
            _alleged_by_accuser(kept)
            _denied_acts(kept)
            claim_maker = _answer_claims(kept, claim_maker)
            for mention in kept:
                events.append(self._event(mention, report))
                if mention.planned:
                    planned.add(id(events[-1]))
                elif voice is not None and (
                        told_in_present(mention.trigger) or issued_headline(mention.trigger)
                        if not mention.is_speech else not told_in_past(mention.trigger)):
                    issued.add(id(events[-1]))
            carry = _carry_forward(mentions, carry)
            self._note_subject(sentence, salience)
            if not is_dateline(sentence):
                self.locator.remember(sentence, prefer, recent)
        date_headline(events, report, issued)
        date_from_context([e for e in events if id(e) not in planned], report, issued)
        place_from_report(events)
        implicit_attackers(events)
        for event in events:
            if not _long_before(event, truce_start):
                self.roles.attacker_of_victims(event, salience.sides)
        implicit_weapons(events)
        for event in events:
            self._drop_self_recipient(event)
        addressees_are_not_places(events)
        if agreement is not None:
            self._stand_off_attackers(events, agreement, prefer)
            self._accused_by_default(events, agreement, actor_ids)
            for event in events:
                link_provisions(event, agreement, self.actors, voice.id if voice else None)
                if self._obliged_actor(event, agreement, voice):
                    link_provisions(event, agreement, self.actors, voice.id if voice else None)
        return [e for e in events if not _history(e, truce_start)]

    def _drop_self_recipient(self, event: Event) -> None:
        """An event aimed at its own actor, or an accusation, threat or rejection aimed at the
        actor's own side ("the army said it struck a militant, alleging he ..."), is a misread
        recipient: none is better than that one."""
        if not isinstance(event.actor, Entity) or not isinstance(event.recipient, Entity):
            return
        actor, recipient = event.actor.id, event.recipient.id
        if actor is None or recipient is None:
            return
        same_side = event.event_type in ("ACCUSE", "THREATEN", "REJECT") and \
            not recipient.endswith(".civilians") and \
            self.actors.root(actor) == self.actors.root(recipient)
        if actor == recipient or same_side:
            event.recipient = None

    def _obliged_actor(self, event: Event, agreement: Agreement,
                       voice: Entity | None = None) -> bool:
        """"Aid deliveries were suspended": an unauthored act that fulfils or restricts what
        one party alone is obliged to do (let aid in, hand over remains) is that party's; aid
        let in is facilitated by the party's body that reports it ("COGAT said 600 trucks
        entered").
        True when an actor was added (the provision links then need recomputing)."""
        if event.actor is not None or event.event_type not in ("RETREAT", "COERCE", "AID"):
            return False
        obliged = {party for link in event.provisions
                   if (provision := agreement.provision(link.id)) is not None
                   for party in provision.obliged}
        if len(obliged) != 1:
            # "Zikim crossing opened": several parties are bound, one holds the gate.
            keeper = agreement.gatekeepers.get(event.topic or "")
            obliged = {keeper} if keeper else obliged
        if len(obliged) != 1 or (actor := self.actors.get(next(iter(obliged)))) is None:
            return False
        speaker = event.claimant or voice
        if event.event_type == "AID" and speaker is not None and speaker.id and \
                self.actors.is_child_of(speaker.id, actor.id):
            actor = self.actors.get(speaker.id) or actor
        event.actor = Entity(actor.id, actor.name, None)
        return True

    def _accused_by_default(self, events: list[Event], agreement: Agreement,
                            named: list[str]) -> None:
        """"The media office documented 497 violations": a party's accusation that names no
        one is aimed at the other side of the agreement; of several parties there, the one the
        report names most. The entity's text is None: implied, not written."""
        mentions = Counter(p for i in named if (p := party_of(i, agreement, self.actors)))
        for event in events:
            if event.event_type != "ACCUSE" or event.recipient is not None or \
                    event.mode == "investigate":
                continue  # "said it was examining the reports" accuses no one
            if not isinstance(event.actor, Entity):
                continue
            party = party_of(event.actor.id, agreement, self.actors)
            if party is None:
                continue
            others = opponents(party, agreement, self.actors)
            if not others:
                continue
            chosen = max(others, key=lambda p: (mentions[p], -others.index(p)))
            event.recipient = Entity(chosen, self.actors.name(chosen), None)

    def _stand_off_attackers(self, events: list[Event], agreement: Agreement,
                             prefer: tuple[str, ...]) -> None:
        """"A strike on Haris killed five", "drones flew over Hermel": an attack from a
        distance or an overflight, left without an author by the report, over a territory
        where the agreement says only one party attacks that way, is that party's.
        Unlocated ones count as over the report's main country."""
        for event in events:
            overflight = event.event_type == "MOBILIZE" and event.mode is None
            if event.actor is not None or not (overflight or (
                    event.event_type == "ASSAULT" and
                    MODE_FAMILIES.get(event.mode or "") == "air")):
                continue
            country = (event.location.country if event.location is not None
                       else (prefer[0] if prefer else None))
            for fact in agreement.stand_off:
                if country in fact.over and (actor := self.actors.get(fact.by)):
                    event.actor = Entity(actor.id, actor.name, None)
                    break

    def voice_of(self, report: Report) -> Entity | None:
        """The body whose statement the report is, when its outlet is a registry actor."""
        if not report.outlet:
            return None
        name = report.outlet.split("(")[0].strip()
        actor_id = self.actor_alias.get(fold(name))
        actor = self.actors.get(actor_id)
        if actor is None or actor.kind == "media":
            return None  # a newspaper's own reporting is not a party's statement
        return self.resolver.entity(actor.id, name)

    def _enemy_of_speaker(self, mention: Mention, voice: Entity | None,
                          sides: tuple[str, str] | None) -> None:
        """"The enemy tried to break through", "terrorists opened fire" in one side's account:
        the other side (its armed forces, for "the enemy")."""
        actor = mention.actor
        speaker = mention.claimant or voice
        if not isinstance(actor, Entity) or actor.id or not actor.text or sides is None or \
                speaker is None or not speaker.id:
            return
        word = actor.text.lower().split()[-1]
        other = self.roles.opposite(speaker.id, sides) if word in _HOSTILE_NOUNS else None
        if other is None:
            return
        chosen = self.resolver.forces_of(other) if word == "enemy" else other
        mention.actor = Entity(chosen, self.actors.name(chosen), actor.text)

    def _one_per_place(self, mentions: list[Mention], prefer: tuple[str, ...]) -> list[Mention]:
        """"Israeli jets struck the outskirts of Janta and areas near Nabatieh": an act done at
        several places, with no figures broken down by place, is one record per place
        (codebook: separate acts; a casualty count by place stays one record)."""
        out: list[Mention] = []
        for mention in mentions:
            places = [] if mention.quantities or mention.is_speech or \
                mention.event_type not in _PLACED_ACTS else \
                self.locator.spread(mention.trigger, mention.sentence, prefer)
            if not places:
                out.append(mention)
                continue
            out.extend(replace(mention, location=place, quantities=[]) for place in places)
        return out

    def _installation_owner(self, mention: Mention, sides: tuple[str, str] | None) -> None:
        """"Hezbollah fired at the Ruwaisat al-Alam position", "troops fired at army posts":
        a military site attacked by one side is the other side's forces'."""
        target = mention.recipient
        if not isinstance(target, Entity) or target.id or not target.text or \
                target.text.lower().split()[-1].rstrip("s") not in INSTALLATION_NOUNS:
            return
        mention.recipient = None  # a site held, manned or moved to is no recipient
        attackers = entity_ids(mention.actor)
        if mention.event_type != "ASSAULT" or sides is None or not attackers:
            return
        other = self.roles.opposite(attackers[0], sides)
        if other is not None:
            owner = self.resolver.forces_of(other)
            mention.recipient = Entity(owner, self.actors.name(owner), target.text)

    def _own_forces(self, mention: Mention, voice: Entity | None) -> None:
        """"The Israeli military said troops fired ...", "militants fired at troops": unnamed
        troops, soldiers or units in a party's account (or its own statement) are that
        party's armed forces, as actor or as target. Unresolved targets are dropped."""
        speaker = mention.claimant or voice
        military = self.resolver.military_of(speaker.id) if speaker and speaker.id else None
        if _unnamed_forces(mention.actor) and (military or speaker is None):
            # "where he toured rifles seized by troops, Katz said": the sentence's speaker's
            military = military or self._military_of_speaker(mention.sentence)
            if military:
                mention.actor = Entity(military, self.actors.name(military), mention.actor.text)
        if _unnamed_forces(mention.recipient):
            text = mention.recipient.text
            actor_ids = entity_ids(mention.actor)
            mention.recipient = (Entity(military, self.actors.name(military), text)
                                 if military and military not in actor_ids else None)

    def _joint_speakers(self, mention: Mention, salience: Salience) -> None:
        """"The UN coordinator and UNIFIL said in a joint statement that the delay was a
        violation": a speech act of several speakers is all of theirs (the claimant names
        the first only)."""
        verb = mention.speaker_verb
        subject = subject_of(verb) if verb is not None else None
        if subject is None or not subject.conjuncts or not isinstance(mention.actor, Entity):
            return
        found = self.resolver.resolve(subject, salience)
        if isinstance(found, list) and found[0].id and found[0].id == mention.actor.id:
            mention.actor = found

    def _military_of_speaker(self, sentence: Span) -> str | None:
        """The armed forces of who the sentence says is speaking ("..., Katz said ...")."""
        subject = subject_of(sentence.root) if is_say_verb(sentence.root) else None
        found = self.resolver.resolve(subject) if subject is not None else None
        return self.resolver.military_of(found.id) if isinstance(found, Entity) and found.id \
            else None

    def _speaker_threatens(self, mention: Mention) -> None:
        """"Peskov said Russia reserved the right to respond", "the army said it would act":
        a threat its speaker reports of its own side (or of no one named) is the speaker's."""
        speaker = mention.claimant
        if mention.event_type != "THREATEN" or speaker is None or not speaker.id or \
                mention.speaker_verb is None or isinstance(mention.actor, list):
            return
        side = self.actors.root(speaker.id)
        if mention.actor is None or (mention.actor.id and
                                     self.actors.root(mention.actor.id) == side):
            mention.actor, mention.claimant = speaker, None

    def _quoted(self, mention: Mention, quotes: list[Quotation], salience: Salience) -> None:
        """Inside a quotation: the claim is the quoted speaker's, and "we" is the speaker."""
        quote = enclosing(quotes, mention.trigger)
        if quote is None or quote.speaker is None:
            return
        found = self.resolver.resolve(quote.speaker, salience)
        speaker = found[0] if isinstance(found, list) else found
        if speaker is None:
            return
        if (isinstance(mention.actor, Entity) and (mention.actor.text or "").lower() in (
                "we", "us", "our")) or (mention.is_speech and mention.actor is None):
            mention.actor = speaker
        if mention.claimant is None and not mention.is_speech:
            mention.claimant = speaker

    def _fill(self, mention: Mention, salience: Salience, report: Report, carry: _Carry,
              prefer: tuple[str, ...], truce_start: date | None = None) -> None:
        self.roles.assign(mention, salience)
        mention.status = status_of(mention)
        self.refiner.refine(mention)
        again = not mention.is_speech and refers_back(mention.trigger)
        mention.location = self.locator.locate(
            mention.trigger, mention.sentence, prefer,
            mention.is_speech or offered(mention.trigger),
            known=carry.places.get(mention.event_type) if again else None,
            meeting=mention.event_type == "CONSULT")
        if _is_commitment(mention) or _is_call(mention):
            # "Hamas said it remained committed to the truce": a stance has no place of its
            # own unless its phrase gives one ("guns stayed silent along the Line of Control");
            # nor has a call over a hotline or a phone.
            if mention.location is not None and not _within(mention.location, mention.trigger):
                mention.location = None
        elif mention.location is None and not mention.is_speech and \
                (refers_back(mention.trigger) or continues_attack(mention.trigger)):
            # "Two soldiers were killed in the attack": the attack the paragraph placed.
            mention.location = carry.places.get(mention.event_type)
        elif mention.location is None and not mention.is_speech and (
                place := self.locator.pronoun_place(mention.trigger, mention.sentence, prefer)):
            mention.location = place  # "pulled back from them": the places named before
        elif mention.location is None and mention.is_speech and calls_last_attack(mention.trigger):
            mention.location = carry.places.get("ASSAULT")  # "This is a blatant violation"
        mention.date = date_for(mention.trigger, mention.sentence, report.published,
                                future=mention.status == "future", speech=mention.is_speech,
                                truce_start=truce_start)
        self.roles.civilians_for(mention, prefer)

    def _note_subject(self, sentence: Span, salience: Salience) -> None:
        """The sentence's main subject is the likeliest "they" or "it" of the next one; so are
        several parties named together as the subject of it or of what it reports."""
        subject = next((c for c in sentence.root.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.lower_ not in ("it", "they", "he", "she", "we"):
            found = self.resolver.resolve(subject, salience, follow_conjuncts=False)
            if isinstance(found, Entity) and found.id:
                salience.note(found, sentence.end - 1)
        salience.plural = None
        for clause in (sentence.root, *(c for c in sentence.root.children if c.dep_ == "ccomp")):
            subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
            found = self.resolver.resolve(subject, salience) if subject is not None else None
            if isinstance(found, list) and all(e.id for e in found):
                salience.plural = (found, sentence.end)
                return

    def _note_entities(self, sentence: Span, salience: Salience) -> None:
        for ent in ents_in(sentence):
            if ent.label_ == ACTOR:
                salience.note(Entity(ent.kb_id_, self.actors.name(ent.kb_id_), ent.text),
                              ent.start)

    def _event(self, mention: Mention, report: Report) -> Event:
        return Event(
            doc=report.doc,
            event_type=mention.event_type,
            mode=mention.mode,
            status=mention.status,
            topic=mention.topic,
            actor=mention.actor,
            recipient=mention.recipient,
            claimant=mention.claimant,
            date=mention.date,
            location=mention.location,
            quantities=list(mention.quantities),
            evidence=_evidence(mention.sentence),
        )

    def _country_prior(self, doc: Doc) -> tuple[str, ...]:
        """Countries the report is most about, to read ambiguous place names ("Rafah")."""
        weight: Counter[str] = Counter()
        for ent in index(doc).ents:
            if ent.label_ == PLACE:
                candidates = self.places.candidates(ent.text)
                for place in candidates:
                    weight[place.country] += 1 / len(candidates)
            elif ent.label_ == ACTOR:
                actor = self.actors.get(ent.kb_id_)
                if actor and actor.country:
                    weight[actor.country] += 0.5
        return tuple(country for country, _ in weight.most_common())

    def _countries(self, doc: Doc, prefer: tuple[str, ...]) -> list[str]:
        found = []
        for ent in index(doc).ents:
            if ent.label_ == PLACE:
                place = self.places.lookup(ent.text, prefer)
                if place:
                    found.append(place.country)
        return found

    def _sides(self, doc: Doc, agreement: Agreement | None,
               actor_ids: list[str]) -> tuple[str, str] | None:
        """The two sides "both sides" means: the agreement's, else the two states a report
        names most (of at least two)."""
        mentioned = [*actor_ids,
                     *(actor_id for ent in index(doc).ents if ent.label_ == PLACE
                       and (actor_id := self.actor_alias.get(fold(ent.text))))]
        if agreement is not None:
            return two_sides(agreement, self.actors, mentioned)
        states = Counter(root for i in mentioned
                         if (actor := self.actors.get(root := self.actors.root(i)))
                         and actor.kind in _SIDE_KINDS)
        ranked = [state for state, _ in states.most_common(2)]
        return (ranked[0], ranked[1]) if len(ranked) == 2 else None

    @staticmethod
    def _actor_ids(doc: Doc) -> list[str]:
        return [ent.kb_id_ for ent in index(doc).ents if ent.label_ == ACTOR]


def _date_from_paragraph(mention: Mention, carry: _Carry, published: date | None,
                         news: bool) -> None:
    """An undated mention takes the paragraph's date where it happened with its events; a
    state or act told in the present, the day of the report. A news report's saying in the
    present states a standing position and takes no date."""
    if mention.date is not None:
        return
    mention.planned = outside_time(mention.trigger, mention.is_speech) or (
        news and standing_position(mention.trigger))
    if not mention.is_speech and told_in_present(mention.trigger) and published is not None:
        mention.date = DateRef(published.isoformat(), "day", None)
    elif _takes_paragraph_date(mention):
        mention.date = carry.date


def _takes_paragraph_date(mention: Mention) -> bool:
    """Whether an undated mention happened when its paragraph's events did: not a plan or
    a condition (nor an act subordinate to one: "will deploy as the enemy withdraws"), and
    not a tally or a stated commitment, which are dated when stated rather than by the acts
    they sum up or answer."""
    stance = _is_commitment(mention)
    if mention.status == "future" or mention.planned or stance:
        return False
    return mention.status != "hypothetical" or mention.event_type == "THREATEN"




_BEFORE_THE_CONFLICT = 90  # days before a truce: the war it ended, or an older one


def _history(event: Event, truce_start: date | None) -> bool:
    """An act its own words date months before the truce ("injured 171,200 since October
    2023", "the October 7, 2023 attack"): the war's history, which the codebook leaves
    uncoded."""
    return bool(event.date and event.date.text) and _long_before(event, truce_start)


def _long_before(event: Event, truce_start: date | None) -> bool:
    """Whether an event is dated months before the truce the report is read under ("the
    Palestinian group's October 7, 2023 attack" in a report on the 2024 Lebanon truce): the
    truce's two sides are no guide to who carried it out."""
    if event.date is None or truce_start is None:
        return False
    return (truce_start - date.fromisoformat(event.date.value[:10])).days > _BEFORE_THE_CONFLICT


def _alleged_by_accuser(mentions: list[Mention]) -> None:
    """"A statement by X accusing the rebels of attacking its positions": an act an
    accusation alleges, with no speaker found for it, rests on the accuser's word."""
    for act in mentions:
        if act.is_speech or act.claimant is not None:
            continue
        accusation = next((m for m in mentions if m.event_type == "ACCUSE" and
                           isinstance(m.actor, Entity) and _alleges(m.trigger, act.trigger)),
                          None)
        if accusation is not None:
            act.claimant = accusation.actor


def _alleges(accusing: Token, act: Token) -> bool:
    """Whether an act is what an accusation alleges: "accusing the rebels of attacking" (not
    a fact beside it: "trade blame over the strike", "... of breaching the truce as blasts
    echo", "responsible for these strikes")."""
    node = act
    while node.head != node and node != accusing:
        if node.dep_ in ("advcl", "relcl", "ccomp", "acl") and node is not act:
            return False
        if node.head == accusing:
            return node.dep_ == "prep" and node.lower_ == "of"
        node = node.head
    return False


def _accused_from_acts(mentions: list[Mention]) -> None:
    """"called the raids a blatant violation": an accusation with no named target accuses
    whoever the sentence says carried out the act it is about."""
    acts = [m for m in mentions if m.event_type in ("ASSAULT", "COERCE") and m.actor]
    for mention in mentions:
        if mention.event_type == "ACCUSE" and mention.recipient is None and acts:
            mention.recipient = acts[0].actor


_CLAIM_NOUNS = frozenset({"charge", "claim", "account", "accusation", "allegation", "remark",
                          "report", "statement", "assertion", "version"})


def _answer_claims(mentions: list[Mention], last: Entity | None) -> Entity | None:
    """"Ukraine denied the charge", "dismissed the remarks", "denied that his country had
    broken the truce": a rejection of a claim names no one, and answers the last party that
    made one (an accuser, or the source of a reported act). Returns that party, updated."""
    for mention in mentions:
        trigger = mention.trigger
        answers = any((c.dep_ == "dobj" and lemma(c) in _CLAIM_NOUNS) or c.dep_ == "ccomp"
                      for c in trigger.children)
        if mention.event_type == "REJECT" and mention.recipient is None and answers and \
                last is not None and last.id not in mention_ids(mention.actor):
            mention.recipient = Entity(last.id, last.name, None)
        maker = mention.actor if mention.event_type in ("ACCUSE", "THREATEN") \
            else mention.claimant
        if isinstance(maker, Entity) and maker.id:
            last = maker
    return last


def _denied_acts(mentions: list[Mention]) -> None:
    """"Hamas said it had nothing to do with the shooting": the act inside a denial is
    negated, pinned on the denier (whose word it is) as the act it denies doing."""
    for denial in mentions:
        if denial.event_type != "REJECT" or not isinstance(denial.actor, Entity):
            continue
        scope = _denial_scope(denial)
        for act in mentions:
            if act is denial or act.is_speech or act.trigger.i not in scope:
                continue
            act.status = "negated"
            named = act.actor and mention_ids(act.actor) != {None}
            act.actor = act.actor if named else denial.actor
            act.claimant = denial.actor


_INVOLVEMENT = frozenset({"responsibility", "involvement", "role", "part", "connection",
                          "link", "knowledge"})


def _denial_scope(denial: Mention) -> set[int]:
    """Token indices an act must lie in to be what a denial of involvement denies: the
    phrase "had nothing to do with ...", or the object of "denied responsibility for ..."."""
    if (len(denial.tokens) > 1 and denial.tokens[0] != denial.tokens[-1]) or \
            denial.trigger.pos_ not in ("VERB", "AUX"):
        return {t.i for token in denial.tokens for t in token.subtree}
    return {t.i for child in denial.trigger.children
            if child.dep_ == "dobj" and lemma(child) in _INVOLVEMENT for t in child.subtree}


def _unnamed_forces(role: object) -> TypeGuard[Entity]:
    """"troops", "its soldiers": an entity without an id whose words name armed forces."""
    if not isinstance(role, Entity) or role.id is not None or not role.text:
        return False
    words = role.text.lower().split()
    return bool(words) and words[-1] in FORCE_NOUNS and all(
        w in _FORCE_MODIFIERS for w in words[:-1])


_FORCE_MODIFIERS = frozenset({"its", "their", "our", "the", "army", "military", "ground",
                              "two", "several", "some"})
# Kinds of actor that can be a side of a conflict: states and the groups that fight them
_SIDE_KINDS = frozenset({"state-government", "armed-group", "political-movement"})
_HOSTILE_NOUNS = frozenset({"enemy", "terrorists", "terrorist", "attackers", "attacker",
                            "assailants", "aggressors", "aggressor"})
# words that are an allegation in the speaker's mouth ("X said Y was trying to sabotage")
_VIOLATION_WORDS = frozenset({"violation", "violate", "breach", "sabotage", "pretext",
                              "procrastination", "stalling", "evade", "evasion"})


def _speaker_as_actor(mention: Mention, voice: Entity | None) -> None:
    """Speech acts are the speaker's acts.

    "X said Y violated the truce" is X accusing Y: the violator becomes the
    recipient, the speaker the actor, and the claim the outlet's. In a party's
    own statement, a speech act with no named speaker is the issuer's.
    """
    if not mention.is_speech:
        return
    word = mention.trigger.lemma_.lower()
    # The trigger is not one of its entry's words: the act itself was found ("Hamas must
    # return the hostages", "would strike again if"), and the speech act is the speaker's.
    borrowed = word not in {w for item in mention.entry.lemmas for w in item.split()}
    paying = (mention.event_type == "THREATEN" and word == "pay") or (
        mention.event_type == "REQUEST" and borrowed)
    if paying and is_say_verb(mention.trigger) and mention.claimant is None:
        return  # "Katz warned the truce would collapse if Hezbollah did not pull back": his
    if paying or (mention.event_type == "ACCUSE" and (
            mention.tally or mention.trigger.lemma_.lower() in _VIOLATION_WORDS)):
        # "X said Hamas will pay a heavy price": X threatens Hamas; "X said Hamas must
        # return the hostages": X asks it of Hamas.
        mention.recipient = mention.actor
        mention.actor = mention.claimant or voice
        mention.claimant = None
        return
    if mention.claimant is not None and (own_speech_verb(mention.trigger) is not None or (
            mention.actor is None and bound_to_speaker(mention.trigger))):
        # "X said A and accused B", "X said he was appalled": X's own speech act.
        mention.actor, mention.claimant = mention.claimant, None
        return
    if mention.event_type == "THREATEN" and mention.claimant is not None and borrowed:
        # "Modi said India would strike again if ...": the attack promised is Modi's threat.
        mention.actor, mention.claimant = mention.claimant, None
        return
    if mention.actor is None and mention.claimant is not None and mention.entry.speech and \
            mention.trigger.pos_ not in ("VERB", "AUX"):
        # "Hamas said it had nothing to do with the shooting": the speaker's own denial.
        mention.actor, mention.claimant = mention.claimant, None
    if mention.actor is None and voice is not None:
        mention.actor = voice
    # "Hamas said it ... and accused Israel": the speaker reporting its own speech act.
    if mention.claimant is not None and mention.claimant.id and \
            mention.claimant.id in mention_ids(mention.actor):
        mention.claimant = None


_PERFORMATIVE = frozenset({"announce", "declare", "proclaim", "issue"})


def _performed_by_saying(mention: Mention) -> None:
    """"The army announced a curfew", "declared a truce": an act its own speaker names as
    the object of the speech verb is done by saying it, in the report's voice."""
    verb, claimant = mention.speaker_verb, mention.claimant
    if mention.is_speech or verb is None or claimant is None or not claimant.id or \
            mention.trigger.dep_ != "dobj" or mention.trigger.head != verb or \
            lemma(verb) not in _PERFORMATIVE:
        return
    if claimant.id in mention_ids(mention.actor):
        mention.claimant = None


def _is_commitment(mention: Mention) -> bool:
    return mention.event_type == "RETREAT" and mention.mode == "ceasefire"


def _is_call(mention: Mention) -> bool:
    return mention.event_type == "CONSULT" and mention.mode == "phone"


def _within(place: Location, trigger: Token) -> bool:
    """Whether a located place's words lie in the trigger's own phrase (an adjective's:
    its verb's, "stayed silent along the line"), not in a verb coordinated with it
    ("observed the truce and accused Russia of strikes on Kherson")."""
    anchor = trigger.head if trigger.dep_ in ("acomp", "xcomp", "oprd") else trigger
    beside = {t.i for c in anchor.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")
              for t in c.subtree}
    phrase = "".join(t.text_with_ws for t in anchor.subtree if t.i not in beside)
    return bool(place.text) and place.text in phrase


def _place_of_act_spoken_about(mentions: list[Mention]) -> None:
    """"Hamas denied responsibility for the killings", "called the strike a violation": an
    unplaced speech act about an act it names is placed where that act was."""
    for speech in mentions:
        spoken = speech.is_speech or speech.event_type == "SUPPORT"  # "welcomed the reopening"
        if not spoken or speech.location is not None:
            continue
        about = next((m for m in mentions if not m.is_speech and m.location is not None and
                      m.trigger.pos_ == "NOUN" and _spoken_about(m.trigger, speech.trigger)),
                     None)
        if about is not None:
            speech.location = about.location


def _spoken_about(noun: Token, trigger: Token) -> bool:
    """Is a noun what a speech act is about: in a noun trigger's phrase ("responsibility for
    the killings", "no knowledge of any clashes"), or reached from a verb trigger through
    no clause but one modifying a noun ("had nothing to do with the shooting", "called the
    strike a violation"), not a clause beside it ("as blasts echo over Srinagar")?"""
    anchor = trigger if trigger.pos_ in ("NOUN", "VERB") else trigger.head
    if is_example(noun, anchor):
        return False  # "1,000 breaches, including drone attacks on Kursk"
    if anchor.pos_ != "VERB":
        return noun in anchor.subtree
    node = noun.head
    while node != anchor and node.head != node:
        if node.pos_ in ("VERB", "AUX") and node.dep_ not in ("acl", "relcl"):
            return False
        node = node.head
    return node == anchor


def _carry_forward(mentions: list[Mention], carry: _Carry) -> _Carry:
    """What the paragraph has established after this sentence: its events' date, and the
    place of the last located act of each type."""
    # The date of what happened, before the date it was said ("said on Monday that ... on
    # Sunday": the paragraph is about Sunday); not the report's own day given to an act
    # going on as it was said.
    dated = [m.date for m in sorted(mentions, key=lambda m: m.is_speech)
             if m.date is not None and m.date.text and not is_period_start(m.date)]
    places = dict(carry.places)
    for mention in reversed(mentions):
        if mention.location is not None and not mention.is_speech:
            places[mention.event_type] = mention.location
    return _Carry(date=dated[0] if dated else carry.date, places=places)


def _opens_paragraph(sentence: Span) -> bool:
    doc = sentence.doc
    return sentence.start == 0 or (doc[sentence.start - 1].is_space and
                                   "\n" in doc[sentence.start - 1].text)


def _evidence(sentence: Span) -> Evidence:
    tokens = [t for t in sentence if not t.is_space]
    start = tokens[0].idx if tokens else sentence.start_char
    end = tokens[-1].idx + len(tokens[-1].text) if tokens else sentence.end_char
    return Evidence(start=start, end=end, text=index(sentence.doc).text[start:end])


_PLACED_ACTS = frozenset({"ASSAULT", "RETREAT", "COERCE"})
