"""Attribution: whose word an event rests on (the codebook's claimant).

Rules, in order: an act nested under a speech verb or a speech-act trigger
("X said ...", "X accused Y of ...", "X denied ...") takes that verb's subject;
"according to X" anywhere in the sentence names X; a headline "X: ..." names X.
So do a stance or sighting ("X is alarmed that", "witnesses counted"), a toll
("X put the toll at 36"), "a statement from X", and "the statement added" (the
last named speaker). Not the speaker's: what its subject or a circumstance says
("at a meeting with ..."), a clause before a semicolon, and first-person words
of the report itself ("we hold ... responsible"). Speech acts themselves keep a
null claimant (the outlet reports them) unless they are in turn reported by
someone else; "X said it ... and accused Y" is X's own accusation. Otherwise
the claim is the report's own: null, also when the report is a party's
statement (the codebook's rule; consumers name the outlet as the source).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from truce.extract.cues import SAY_VERBS, lemma
from truce.extract.entities import ACTOR
from truce.extract.mention import Mention
from truce.extract.resolve import EntityResolver, Salience
from truce.model import Entity


def is_say_verb(token: Token) -> bool:
    """A verb of saying ("said", "called it", "told"), not a noun of the same form ("terms")."""
    return token.pos_ in ("VERB", "AUX") and lemma(token) in SAY_VERBS


def subject_of(verb: Token) -> Token | None:
    """The grammatical subject of a verb, looking through conjoined and chained verbs."""
    candidates = [verb]
    if verb.dep_ in ("conj", "xcomp", "advcl"):
        candidates.append(_main_clause(verb.head) if verb.tag_ == "VBG" else verb.head)
    for candidate in candidates:
        for child in candidate.children:
            if child.dep_ == "nsubj":
                return child
        for child in candidate.children:
            if child.dep_ == "agent":
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        return obj
    return None


_TIME_CLAUSE_MARKS = frozenset({"after", "before", "when", "as", "while", "once", "since"})


def _main_clause(verb: Token) -> Token:
    """The clause a participle at the end of a time clause belongs to: in "said it struck
    after militants opened fire, claiming the fire broke the truce" the claim is the
    speaker's, not the militants'."""
    while verb.dep_ == "advcl" and verb.head != verb and any(
            c.dep_ == "mark" and c.lower_ in _TIME_CLAUSE_MARKS for c in verb.children):
        verb = verb.head
    return verb


_STANCE_WORDS = frozenset({"alarmed", "concerned", "worried", "appalled", "dismayed",
                           "outraged", "shocked", "troubled", "disturbed", "horrified"})
_FIGURES = frozenset({"toll", "tally", "figure"})
_PERCEPTION_VERBS = frozenset({"see", "witness", "observe", "count", "spot", "hear", "watch"})
_OBSERVERS = frozenset({"witness", "resident", "peacekeeper", "observer", "monitor",
                        "journalist", "reporter", "correspondent", "medic", "villager",
                        "inspector", "official", "team", "staff", "rescuer", "paramedic"})


def stance_holder(word: Token) -> Token | None:
    """Whose view, sight or count the clause below ``word`` is: "UNIFIL is alarmed that
    ...", "UNIFIL concerned at ...", "witnesses counted 12 strikes", "peacekeepers saw ...",
    "the ministry put the toll at 36"."""
    if word.lower_ in _STANCE_WORDS:
        if word.dep_ == "acomp":
            return subject_of(word.head)
        return word.head if word.dep_ == "acl" else subject_of(word)
    if word.pos_ == "VERB" and any(c.dep_ == "dobj" and lemma(c) in _FIGURES
                                   for c in word.children):
        return subject_of(word)  # "the ministry put the toll at 36", "raised the toll to 40"
    if word.pos_ == "VERB" and lemma(word) in _PERCEPTION_VERBS:
        seer = subject_of(word)
        if seer is not None and (seer.ent_type_ == ACTOR or lemma(seer) in _OBSERVERS):
            return seer
    return None


_CIRCUMSTANCES = frozenset({"at", "during", "after", "before", "following", "amid"})
_CONTRAST = frozenset({"while", "whereas"})


def goes_on_after(clause: Token, verb: Token) -> bool:
    """"A, the ministry said, while B": a while-clause after a speech verb inserted into
    the sentence (its content comes first) goes on with the speaker's words."""
    inserted = verb.dep_ == "parataxis" or any(
        c.dep_ == "ccomp" and c.i < verb.i for c in verb.children)
    return inserted and clause.dep_ == "advcl" and clause.i > verb.i and any(
        c.dep_ == "mark" and c.lower_ in _CONTRAST for c in clause.children)


def split_off_speaker(sentence: Span) -> Token | None:
    """The subject of ", X said, ..." opening the sentence after this one, if it does."""
    doc = sentence.doc
    if sentence.end >= len(doc) or doc[sentence.end].text != ",":
        return None
    for token in doc[sentence.end + 1:sentence.end + 8]:
        if token.text in (",", ".") or token.is_space:
            return None
        if is_say_verb(token):
            subject = subject_of(token)
            return subject if subject is not None and subject.i < token.i else None
    return None


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def according_to(sentence: Span) -> Token | None:
    """The head of X in "according to X" (or "cited by X"), if the sentence has one."""
    for token in sentence:
        if token.lower_ == "according":
            for to in token.children:
                if to.lower_ == "to":
                    for obj in to.children:
                        if obj.dep_ == "pobj":
                            return _through_statement(obj)
            nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
            if nxt is not None and nxt.lower_ == "to":
                for obj in nxt.children:
                    return _through_statement(obj)
    return None


_PERSONS = frozenset({"official", "source", "diplomat", "officer", "aide"})


def anonymous_person(token: Token) -> bool:
    """"an Israeli official", "a senior Egyptian source": one unnamed person."""
    return lemma(token) in _PERSONS and token.tag_ == "NN" and any(
        c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children)


_DOCUMENTS = frozenset({"statement", "communique", "communiqué", "report", "release"})


def is_bare_document(token: Token) -> bool:
    """"the statement" with no owner named ("the statement added"): an earlier one."""
    return lemma(token) in _DOCUMENTS and any(c.lower_ == "the" for c in token.children) and \
        not any(c.dep_ in ("prep", "poss", "compound", "amod") for c in token.children)


def _through_statement(token: Token) -> Token:
    """"a statement by the ministry" / "figures from the ministry" -> the ministry."""
    if lemma(token) in {"statement", "figure", "report", "data", "tally", "count", "source",
                        "spokesman", "spokesperson", "official"}:
        for prep in token.children:
            if prep.lower_ in ("by", "from", "of") and prep.dep_ == "prep":
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        return obj
    return token


def headline_source(sentence: Span) -> Token | None:
    """The source named before a colon in a headline-like "X: seven killed in ..."."""
    for token in sentence[:12]:
        if token.text == ":" and token.i > sentence.start:
            return sentence.doc[token.i - 1]
    return None


def across_semicolon(clause: Token, verb: Token) -> bool:
    """A semicolon closes a clause before the verb it hangs on ("A; X says B"): two
    statements, not one reported inside the other."""
    return clause.i < verb.i and any(t.text == ";" for t in clause.doc[clause.i:verb.i])


# Pronouns that, as the subject under "X said", stand for the speaker X.
BOUND_PRONOUNS = frozenset({"it", "they", "he", "she"})
_FIRST_PERSON = frozenset({"we", "i"})
_APPEAL_VERBS = frozenset({"urge", "demand", "appeal", "ask", "call", "press"})


def own_speech_verb(trigger: Token) -> Token | None:
    """"X said A and accused/urged B": a subjectless speech verb that the parser hangs on
    the reported clause A is X's own act, told beside the saying; returns "said"."""
    if trigger.pos_ not in ("VERB", "AUX") or trigger.dep_ != "conj" or \
            not (is_say_verb(trigger) or lemma(trigger) in _APPEAL_VERBS) or \
            any(c.dep_ in ("nsubj", "nsubjpass") for c in trigger.children):
        return None
    clause = trigger.head
    return clause.head if clause.dep_ == "ccomp" and is_say_verb(clause.head) else None


def _second_subject(verb: Token, first: Token) -> Token | None:
    """"Air strikes killed 44 people, hospital officials said", parsed with both "strikes"
    and "officials" as subjects of "said": the subject after the first is the speaker."""
    return next((c for c in verb.children if c.dep_ == "nsubj" and c.i > first.i), None)


_CONCESSIONS = frozenset({"though", "although"})
_QUOTE_MARKS = frozenset({'"', "“", "”"})


def _conceded_after_quote(clause: Token) -> bool:
    """'Kirby said the truce was "largely holding" even though both sides ...': a
    concession right after the quoted words it qualifies is the outlet's, not the quote's."""
    if not any(c.dep_ == "mark" and c.lower_ in _CONCESSIONS for c in clause.children):
        return False
    before = clause.doc[clause.left_edge.i - 1] if clause.left_edge.i > 0 else None
    return before is not None and before.text in _QUOTE_MARKS


def bound_to_speaker(trigger: Token) -> bool:
    """"X said he was appalled": the clause's subject is a pronoun for the speaker."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in BOUND_PRONOUNS
               for c in trigger.children) and trigger.dep_ == "ccomp" and \
        is_say_verb(trigger.head)


class Attribution:
    """Fills ``Mention.claimant`` (and ``speaker_verb``) for each mention of a sentence."""

    def __init__(self, resolver: EntityResolver) -> None:
        self.resolver = resolver
        self._last: tuple[Doc, Entity] | None = None  # the last named speaker, by document

    def attribute(self, mentions: list[Mention], salience: Salience) -> None:
        if not mentions:
            return
        sentence = mentions[0].sentence
        # a counted act read as an accusation ("the enemy has fired on ...") reports no one
        speech_tokens = {m.trigger.i: m for m in mentions if m.entry.speech}
        cited = according_to(sentence)
        cited_entity = self._as_single(self.resolver.agent(cited, salience)) if cited else None
        headline = headline_source(sentence)
        headline_entity = (self._as_single(self.resolver.resolve(headline, salience))
                           if headline is not None else None)
        if headline_entity is not None and self.resolver.actors.get(headline_entity.id) and \
                self.resolver.actors.get(headline_entity.id).kind == "state-government":
            headline_entity = None  # "Ukraine: five killed ..." names the topic, not a source
        for mention in mentions:
            speaker = self._speaker(mention, speech_tokens, salience)
            if speaker is not None:
                mention.claimant = speaker
            elif cited_entity is not None:
                mention.claimant = cited_entity
            elif headline_entity is not None and headline is not None and \
                    mention.trigger.i > headline.i:
                mention.claimant = headline_entity

    def _speaker(self, mention: Mention, speech_tokens: dict[int, Mention],
                 salience: Salience) -> Entity | None:
        below = mention.trigger
        for ancestor in mention.trigger.ancestors:
            if is_say_verb(ancestor) and below.dep_ == "advcl" and \
                    not goes_on_after(below, ancestor):
                return None  # "X said ..., as Washington presses Beirut": the outlet's framing
            if below.dep_ == "advcl" and _conceded_after_quote(below):
                return None  # 'X said it was "holding" even though ...': the outlet's
            if mention.is_speech and below is mention.trigger and (below.dep_ == "relcl" or (
                    below.dep_ == "advcl" and any(c.dep_ == "nsubj" for c in below.children))):
                # "... accuses Hamas of seizing aid, which the group denies", "witnesses said
                # ..., while the ministry blamed a gang": a speaker of its own, told by the outlet
                return None
            if is_say_verb(ancestor) and below.dep_ == "prep" and \
                    below.lower_ in _CIRCUMSTANCES:
                return None  # "announced the pause at a meeting with ...": not what was said
            if across_semicolon(below, ancestor):
                return None  # "Israel keeps five hills; UN says ...": two statements
            path, below = below, ancestor
            if (holder := stance_holder(ancestor)) is not None:
                mention.speaker_verb = ancestor
                return self._speaker_entity(holder, salience)
            if ancestor.i in speech_tokens or is_say_verb(ancestor):
                subject = subject_of(own_speech_verb(ancestor) or ancestor)
                if subject is not None and subject == path:
                    subject = _second_subject(ancestor, path)
                    if subject is None:  # "the FARDC, which remain committed, reserve ..."
                        continue  # the subject is not the content
                if subject is not None and subject.lower_ in _FIRST_PERSON:
                    return None  # "we hold the occupation responsible for the strikes": own voice
                if subject is None and (_passive(ancestor) or ancestor.pos_ not in ("VERB", "AUX")):
                    # "no shelling was reported, officials said", "accused Ukraine of 1,000
                    # breaches, including drone attacks": the speaker is further up
                    continue
                mention.speaker_verb = ancestor
                if subject is None:
                    return None
                if subject.lower_ in BOUND_PRONOUNS:
                    # "Israel says it ... and accuses Hamas": "it" is the outer speaker.
                    outer = next((s for a in ancestor.ancestors if is_say_verb(a)
                                  and (s := subject_of(a)) is not None
                                  and s.lower_ not in BOUND_PRONOUNS), None)
                    subject = outer or subject
                subject = _through_statement(subject)  # "a statement from X's office said"
                return self._speaker_entity(subject, salience)
        return self._trailing_speaker(mention, salience) or self._split_speaker(mention, salience)

    def _trailing_speaker(self, mention: Mention, salience: Salience) -> Entity | None:
        """"Seven people died when a café was hit, the ministry said, while ...": a speech
        verb the parser hangs beside the clause (parataxis) after the event is its source."""
        path = (mention.trigger, *mention.trigger.ancestors)
        for below, node in zip((None, *path), path, strict=False):
            for child in node.children:
                if child.dep_ == "parataxis" and is_say_verb(child) and (
                        child.i > mention.trigger.i or
                        (below is not None and goes_on_after(below, child))) and \
                        not across_semicolon(mention.trigger, child) and \
                        (subject := subject_of(child)) is not None:
                    mention.speaker_verb = child
                    return self._speaker_entity(subject, salience)
        return None

    def _split_speaker(self, mention: Mention, salience: Salience) -> Entity | None:
        """"Strikes killed 44 people | , hospital officials said, after ...": a speaker the
        parser cut off into the next sentence, which opens with its comma."""
        subject = split_off_speaker(mention.sentence)
        if subject is None:
            return None
        mention.speaker_verb = subject.head
        return self._speaker_entity(subject, salience)

    def _speaker_entity(self, subject: Token, salience: Salience) -> Entity | None:
        """The speaker ``subject`` names; "the statement added" is the last statement's."""
        found = self._as_single(self.resolver.agent(subject, salience))
        if found is not None and found.id and anonymous_person(subject) and \
                self._is_state(found.id):
            # "an Israeli official said": one unnamed person, not the state's own word
            text = subject.doc[subject.left_edge.i:subject.i + 1].text
            return Entity(None, text, text)
        last = self._last if self._last and self._last[0] is subject.doc else None
        if found is None and last is not None and is_bare_document(subject):
            return last[1]
        if found is not None and found.id:
            self._last = (subject.doc, found)
        return found

    def _is_state(self, actor_id: str) -> bool:
        actor = self.resolver.actors.get(actor_id)
        return actor is not None and actor.parent is None and actor.kind == "state-government"

    @staticmethod
    def _as_single(found: Entity | list[Entity] | None) -> Entity | None:
        if isinstance(found, list):
            return found[0] if found else None
        return found
