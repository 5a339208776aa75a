"""Event detection and typing: lexicon triggers found in a sentence, licensed by cues.

A trigger is a lemma (or lemma phrase) from the lexicon whose part of speech
fits and whose required cues stand nearby. Triggers that only date or describe
the agreement ("since the truce took effect", "the deal includes ...") are
dropped, and same-type triggers of one act in one sentence give one mention.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from truce.extract.cues import CueIndex, lemma
from truce.extract.entities import ACTOR, PLACE
from truce.extract.mention import Mention
from truce.registry.lexicon import Lexicon, Trigger

# Clause openers under which a ceasefire word only dates something.
_DATING_MARKERS = frozenset({"since", "after", "before", "until", "when", "following", "ahead",
                             "once"})
# Verbs by which a text describes the agreement's terms rather than an event.
_TERMS_VERBS = frozenset({"include", "envisage", "stipulate", "provide", "require", "outline",
                          "foresee", "entail", "involve", "oblige", "mandate", "set"})
_AGREEMENT_NOUNS = frozenset({"deal", "agreement", "plan", "accord", "phase", "term", "truce",
                              "ceasefire", "framework", "proposal", "resolution", "moratorium",
                              "arrangement", "understanding", "declaration"})
_CEASEFIRE_TYPES = frozenset({"CONCEDE", "AGREE"})


# The phrase matcher allows this many words inside a phrase; a split phrase reaches further.
_SPLIT_GAP = 5
_SPLIT_REACH = 12
# Punctuation a phrase does not reach across (a hyphen it does: "ordered a 72-hour truce").
_CLAUSE_PUNCT = [",", ";", ":", ".", "!", "?", "(", ")", "—", "–"]


class EventDetector:
    """Finds trigger tokens in a sentence and turns each into a typed Mention."""

    def __init__(self, nlp: Language, lexicon: Lexicon, cues: CueIndex) -> None:
        self.lexicon = lexicon
        self.cues = cues
        self._single: dict[str, list[Trigger]] = {}
        self._by_key: dict[str, Trigger] = {}
        self._phrases = Matcher(nlp.vocab)
        self._split: dict[str, list[tuple[str, Trigger]]] = {}
        self._request = next(t for t in lexicon.triggers
                             if t.event_type == "REQUEST" and t.speech and not t.needs)
        self._threat = next(t for t in lexicon.triggers
                            if t.event_type == "THREATEN" and t.speech and not t.needs)
        for trigger in lexicon.triggers:
            self._by_key[trigger.key] = trigger
            for item in trigger.lemmas:
                words = item.split()
                if len(words) == 1:
                    self._single.setdefault(item, []).append(trigger)
                else:
                    if len(words) == 2:
                        self._split.setdefault(words[0], []).append((words[1], trigger))
                    pattern: list[dict] = [{"LEMMA": words[0]}]
                    for word in words[1:]:
                        pattern.append({"TEXT": {"NOT_IN": _CLAUSE_PUNCT},
                                        "OP": f"{{0,{_SPLIT_GAP}}}"})
                        pattern.append({"LEMMA": word})
                    self._phrases.add(trigger.key, [pattern])

    def detect_doc(self, doc: Doc) -> list[tuple[Span, list[Mention]]]:
        """Every sentence of ``doc`` with the mentions found in it."""
        found = list(self._phrases(doc))
        hits = sorted(found + self._split_phrases(doc, found), key=lambda m: m[1])
        return [(s, self.detect(s, [h for h in hits if s.start <= h[1] < s.end]))
                for s in doc.sents]

    def _split_phrases(self, doc: Doc, found: list[tuple[int, int, int]]
                       ) -> list[tuple[int, int, int]]:
        """Two-word phrases whose second word, an adjective or noun, stands further off in
        the first word's phrase than the matcher looks ("hold the occupation and the US
        administration responsible"), with no other verb between them."""
        starts = {start for _, start, _ in found}
        hits = []
        for token in doc:
            if token.i in starts:
                continue
            for second, trigger in self._split.get(lemma(token), ()):
                word = next((t for t in token.subtree if t.i > token.i + _SPLIT_GAP and
                             lemma(t) == second and t.pos_ in ("ADJ", "NOUN")), None)
                if word is not None and word.i - token.i <= _SPLIT_REACH and not any(
                        t.pos_ in ("VERB", "AUX") for t in doc[token.i + 1:word.i]):
                    hits.append((doc.vocab.strings.add(trigger.key), token.i, word.i + 1))
                    break
        return hits

    def detect(self, sentence: Span, phrase_hits: list[tuple[int, int, int]]) -> list[Mention]:
        mentions: list[Mention] = []
        taken: set[int] = set()
        doc = sentence.doc
        for match_id, start, end in phrase_hits:
            trigger = self._by_key[doc.vocab.strings[match_id]]
            tokens = (doc[start], doc[end - 1])
            head = doc[start:end].root  # "will not tolerate": the verb, with its subject
            inner = start <= tokens[0].head.i < end  # "a hotline call": licensed by "call"
            if any(t.i in taken for t in tokens) or _unlinked(trigger, *tokens) or \
                    (not inner and not self._licensed(trigger, sentence, tokens[0])) or \
                    not self._licensed(trigger, sentence, head):
                continue
            taken.update(range(start, end))
            mentions.append(self._mention(sentence, head, trigger, tokens))
        for token in sentence:
            if token.i in taken or (token.is_stop and lemma(token) not in self._single) or \
                    token.ent_type_ in (ACTOR, PLACE):
                continue  # a word in a name ("the March 23 Movement") triggers nothing
            for trigger in self._single.get(lemma(token), ()):
                if trigger.pos and token.pos_ not in trigger.pos and not (
                        "VERB" in trigger.pos and _verb_read_as_noun(token)) and not (
                        "NOUN" in trigger.pos and _adjective_as_noun(token)):
                    continue
                if not self._licensed(trigger, sentence, token):
                    continue
                mentions.append(self._mention(sentence, token, trigger, (token,)))
                taken.add(token.i)
                break
        kept = []
        for mention in mentions:
            if self._background(mention) or _unvoiced(mention):
                continue
            if _prescribed(mention):
                # "Hamas is obliged to return the hostages": what the speaker demands.
                mention.event_type, mention.mode, mention.entry = "REQUEST", None, self._request
            elif _embedded(mention):
                continue
            kept.append(mention)
        kept = [m for m in kept if not _renamed(m, kept) and not _anaphoric(m)]
        kept = [m for m in kept if not (
            (m.event_type == "ASSAULT" or m.mode == "ceasefire") and _condition(m.trigger))
            and not (m.event_type == "ASSAULT" and _war_toll(m.trigger))]
        kept = [m for m in kept if not _counted_dead(m, kept) and not _no_act(m)]
        for mention in kept:
            if mention.event_type == "ASSAULT" and _conditional_promise(mention.trigger):
                # "India would strike again if it suffered another attack": a threat.
                mention.event_type, mention.mode = "THREATEN", "violence"
                mention.entry = self._threat  # a speech act: the speaker threatens
            refusal = _withheld_permission(mention.trigger) if mention.mode == "access" else None
            if refusal is not None:
                # "Israel has not let the trucks in": entry refused, a restriction; the
                # negation is part of the trigger, which now names the refusal.
                mention.event_type, mention.mode = "COERCE", "restrict"
                mention.tokens = (min(refusal, *mention.tokens), *mention.tokens)
            if mention.event_type == "ASSAULT" and self._cumulative(mention):
                # "the occupation has killed 342 since the ceasefire": an authority's tally,
                # coded as its accusation with the figures (codebook, recurring cases).
                mention.event_type, mention.mode, mention.tally = "ACCUSE", "allege", True
        return kept + _one_per_complement(kept) + self._demands(sentence, kept) + \
            self._ultimatums(kept)

    def _ultimatums(self, mentions: list[Mention]) -> list[Mention]:
        """"Warned that the truce would collapse if Hezbollah did not pull back", "... unless
        the hostages are freed": a threat on a condition the other side must meet is also a
        demand (codebook: an ultimatum is REQUEST and THREATEN)."""
        return [Mention(sentence=m.sentence, trigger=m.trigger, entry=self._request,
                        event_type="REQUEST", mode="yield", topic=self._request.topic,
                        tokens=m.tokens, separate=True)
                for m in mentions if m.event_type == "THREATEN" and _unmet_condition(m.trigger)]

    def _demands(self, sentence: Span, mentions: list[Mention]) -> list[Mention]:
        """What a party must, should or has to do where no trigger says what ("the state must
        use every means", "restrictions must be lifted", "the state had to act"): the
        speaker's demand (a trigger in it or over it is one already: "must exercise
        restraint", "demanded that the government keep troops there")."""
        found = []
        for token in sentence:
            marker = _deontic_marker(token)
            if marker is not None and _under_terms(token):
                continue  # "under the deal, Hamas must return the remains": a term, no demand
            if marker is None or any(m.event_type == "REQUEST" and (
                    m.trigger in token.subtree or (m.trigger in token.ancestors and
                                                   _deontic_marker(m.trigger) is None))
                    for m in mentions):
                continue
            found.append(Mention(sentence=sentence, trigger=token, entry=self._request,
                                 event_type="REQUEST", mode=self._request.mode,
                                 topic=self._request.topic, tokens=(marker, token),
                                 separate=True))
        return found

    def _cumulative(self, mention: Mention) -> bool:
        """A count since the truce began ("has killed 342 since the ceasefire"); an act with
        no figure ("has not opened fire since", "its first attack since") is an act."""
        token = mention.trigger
        if not _counted(token):
            return False
        clause = [token, *token.children, *token.head.children] if token.dep_ != "ROOT" \
            else [token, *token.children]
        for node in clause:
            if node.lower_ == "since" or any(c.lower_ == "since" and c.dep_ in ("mark", "prep")
                                             for c in node.children):
                words = {lemma(t) for t in node.subtree}
                if words & {"ceasefire", "truce", "agreement", "deal", "understanding",
                            "begin", "start", "effect"}:
                    return True
        return False

    def _licensed(self, trigger: Trigger, sentence: Span, token: Token) -> bool:
        if _is_cease_fire(token) or (token.dep_ in ("compound", "amod") and
                                     not _verb_read_as_noun(token)) or _generic(token) \
                or _blaze(token):
            return False
        if token.ent_type_ in ("DATE", "TIME"):
            return False  # "from 18 March": a month, not a march
        if trigger.not_objects and any(lemma(c) in trigger.not_objects for c in _objects(token)):
            return False
        if trigger.subjects and not any(c.dep_ in ("nsubj", "nsubjpass") and
                                        lemma(c) in trigger.subjects for c in token.children):
            return False  # "the truce is holding", not "Hamas is holding hostages"
        if _catenative(token):
            return False  # "keeps pressing for", "continued holding": an aspect of another verb
        if trigger.prospective and not _prospective(token):
            return False  # "troops have acted against violations" is no threat
        if not trigger.needs:
            return True
        cues = tuple(c for need in trigger.needs for c in self.lexicon.cues[need])
        return self.cues.present(cues, sentence, near=token, window=self.lexicon.window) or \
            _in_arguments(cues, token, trigger.speech)

    def _mention(self, sentence: Span, token: Token, trigger: Trigger,
                 tokens: tuple[Token, ...]) -> Mention:
        return Mention(sentence=sentence, trigger=token, entry=trigger,
                       event_type=trigger.event_type, mode=trigger.mode, topic=trigger.topic,
                       tokens=tokens)

    def _background(self, mention: Mention) -> bool:
        """True when the trigger only dates or describes the agreement itself."""
        token = mention.trigger
        ceasefire_word = mention.event_type in _CEASEFIRE_TYPES or mention.mode == "ceasefire"
        describing = ceasefire_word or mention.mode == "third-party"
        if describing and token.dep_ in ("relcl", "acl") and \
                lemma(token.head) in _AGREEMENT_NOUNS:
            return True  # "the ceasefire (that) they agreed", "the deal Washington brokered"
        if ceasefire_word and token.dep_ == "relcl" and token.head.ent_type_ in ("DATE", "TIME"):
            return True  # "on Friday, when the truce took effect"
        if mention.mode == "ceasefire" and token.dep_ in ("advcl", "xcomp") and \
                token.tag_ == "VBG" and lemma(token.head) in ("sign", "agree"):
            return True  # "signed a declaration, committing to a ceasefire": what is signed
        if mention.event_type in _CEASEFIRE_TYPES and _passive_modifier(token):
            return True  # "a quarter of what was agreed", "the 600 trucks agreed in the deal"
        for ancestor in [token, *token.ancestors]:
            markers = {lemma(c) for c in ancestor.children if c.dep_ in ("mark", "prep", "advmod")}
            if ceasefire_word and ancestor.dep_ in ("advcl", "pcomp", "pobj", "prep") and (
                markers & _DATING_MARKERS or lemma(ancestor.head) in _DATING_MARKERS
            ):
                return True
            if lemma(ancestor) in _TERMS_VERBS and any(
                lemma(c) in _AGREEMENT_NOUNS for c in ancestor.children if c.dep_ == "nsubj"
            ):
                return True
            for child in ancestor.children:
                if child.dep_ == "prep" and lemma(child) == "under" and any(
                    lemma(g) in _AGREEMENT_NOUNS for g in child.children
                ) and not _done(token):
                    return True
        return False


_COUNTED_ARGS = frozenset({"dobj", "nsubj", "nsubjpass"})


_AGREEMENT_WORDS = frozenset({"agreement", "deal", "ceasefire", "truce", "accord", "term",
                              "plan", "arrangement", "understanding"})


def _under_terms(verb: Token) -> bool:
    """Whether an obligation is told as the agreement's ("under the terms of the deal", "under
    the ceasefire"): what the deal says, not what a party demands."""
    return any(c.dep_ == "prep" and c.lower_ in ("under", "per") and
               any(lemma(t) in _AGREEMENT_WORDS for t in c.subtree) for c in verb.children)


def _no_act(mention: Mention) -> bool:
    """Words of an event type that tell no act: a threat posed by a thing ("an escalation
    that threatens the truce"), a body taken to a hospital, a calm measured in days ("ending
    several days of relative calm")."""
    token = mention.trigger
    if mention.event_type == "ASSAULT" and token.pos_ == "NOUN" and _over_a_span(token):
        return True
    if mention.event_type == "THREATEN" and token.pos_ == "VERB":
        subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.lower_ in ("that", "which") and token.dep_ == "relcl":
            subject = token.head
        return subject is not None and lemma(subject) in _THING_NOUNS
    if mention.mode == "release":
        return any(p.lower_ in ("to", "into") and any(lemma(o) in _CARE_PLACES
                                                      for o in p.children)
                   for p in token.children if p.dep_ == "prep")
    if mention.mode == "ceasefire" and token.pos_ == "NOUN":
        return token.dep_ == "pobj" and token.head.lower_ == "of" and \
            lemma(token.head.head) in _SPANS
    return False


def _over_a_span(noun: Token) -> bool:
    """"An end to five days of bombardment and rocket attacks": attacks joined under a
    counted stretch of time are summed up by how long they lasted, background, not an act."""
    noun = next((a for a in [noun, *noun.ancestors] if a.dep_ not in ("conj", "nmod", "compound")),
                noun)
    holder = _measured_by(noun, _SPANS, ("pobj",))
    return holder is not None and any(
        c.dep_ == "nummod" or c.like_num or c.lower_ in ("several", "many", "few")
        for c in holder.children)


def _measured_by(noun: Token, spans: frozenset[str], deps: tuple[str, ...]) -> Token | None:
    """The noun of time a noun is "of" ("a year of attacks", "five days of bombardment")."""
    if noun.dep_ in deps and noun.head.lower_ == "of" and lemma(noun.head.head) in spans:
        return noun.head.head
    return None


_THING_NOUNS = frozenset({"escalation", "violence", "attack", "strike", "move", "decision",
                          "plan", "delay", "violation", "fighting", "clash", "situation",
                          "crisis", "policy", "development", "incident", "shelling", "raid"})
_CARE_PLACES = frozenset({"hospital", "morgue", "mortuary", "clinic", "hospitals"})
_SPANS = frozenset({"day", "week", "hour", "month", "night", "period", "year"})
_WAR_NOUNS = frozenset({"war", "conflict", "offensive", "campaign", "genocide"})


def _war_toll(token: Token) -> bool:
    """"The two-year war that killed 71,400", "Israel's offensive has killed 68,000": a
    war's toll is its history, background to the truce (codebook), not an act of the
    report's."""
    while token.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in token.children):
        token = token.head  # "killed 71,400 ... and injured 171,200": one subject
    subjects = [c for c in token.children if c.dep_ == "nsubj"]
    if token.dep_ == "relcl":
        subjects.append(token.head)
    return any(lemma(s) in _WAR_NOUNS for s in subjects)


_AMOUNT_NOUNS = frozenset({"hundred", "hundreds", "dozen", "dozens", "thousand", "thousands",
                           "score", "scores", "number", "series", "string", "wave"})


def _objects(token: Token) -> list[Token]:
    """The objects of a trigger or of the verb it serves, seeing through an amount
    ("committed hundreds of violations": the object is the violations)."""
    found = [c for c in (*token.children, *token.head.children)
             if c.dep_ in ("dobj", "nsubjpass")]
    for word in list(found):
        if word.like_num or word.lower_ in _AMOUNT_NOUNS:
            found += [o for p in word.children if p.dep_ == "prep" and p.lower_ == "of"
                      for o in p.children if o.dep_ == "pobj"]
    return found


def _counted(token: Token) -> bool:
    """The act's verb has a figure for its object or subject ("killed 342 citizens",
    "wounded 875", "1,500 buildings have been demolished", "4,000 killed"); for a noun, the
    verb it serves ("Israeli fire had killed at least 25")."""
    if token.i > 0 and token.doc[token.i - 1].like_num:
        return True  # "more than 4,000 killed since October 2023"
    verb = token if token.pos_ == "VERB" else token.head
    # "has continued deadly attacks, killing at least 236": the toll of a participle clause
    verbs = [verb, *(c for c in verb.children if c.dep_ in ("advcl", "conj") and c.tag_ == "VBG")]
    return any(c.dep_ in _COUNTED_ARGS and (c.like_num or any(
        n.dep_ == "nummod" for n in c.children)) for v in verbs for c in v.children)


_SUBJECT_DEPS = frozenset({"compound", "nsubj", "nmod"})


def _verb_read_as_noun(token: Token) -> bool:
    """A headline verb the parser took for a plural noun ("Hamas delegation briefs Turkish
    intelligence chief", "M23 denounces deadly incursions", "Israel halts aid into Gaza"): an
    "-s" form with no determiner, its subject attached before it and a noun phrase after."""
    if token.tag_ != "NNS" or not token.lower_.endswith("s") or \
            token.dep_ not in ("ROOT", "nmod", "compound"):
        return False
    children = list(token.children)
    if token.dep_ == "compound" and not any(c.dep_ == "nsubj" for c in children):
        return False  # a noun modifier has no subject: "Israel halts aid into Gaza" has
    if any(c.dep_ in ("det", "poss", "nummod", "amod") for c in children):
        return False
    subject = any(c.dep_ in _SUBJECT_DEPS and c.i < token.i for c in children)
    after = token.head.i > token.i or any(c.i > token.i and c.pos_ in ("NOUN", "PROPN")
                                          for c in children)
    return subject and after


def _adjective_as_noun(token: Token) -> bool:
    """An adjective standing for the people it describes, as the subject of a clause or
    "among" whom some are counted ("the dead included", "were among the dead"); not an
    object ("return all the dead") nor "of the dead"."""
    if token.pos_ != "ADJ" or not any(c.dep_ == "det" and c.lower_ == "the"
                                      for c in token.children):
        return False
    return token.dep_ in ("nsubj", "nsubjpass") or (
        token.dep_ == "pobj" and token.head.lower_ == "among")


def _counted_dead(mention: Mention, mentions: list[Mention]) -> bool:
    """"The toll rose to 36, with children among the dead": the dead of an attack or toll
    the sentence names are its figures, not another attack."""
    return _adjective_as_noun(mention.trigger) and any(
        m.event_type == "ASSAULT" and m is not mention for m in mentions)


_PERMITTING = frozenset({"allow", "let", "permit"})


def _withheld_permission(token: Token) -> Token | None:
    """The negation of a verb of letting in ("had not allowed them in"), if negated."""
    if lemma(token) not in _PERMITTING:
        return None
    return next((c for c in token.children if c.dep_ == "neg"), None)


def _unlinked(trigger: Trigger, first: Token, last: Token) -> bool:
    """A phrase whose last word, a particle or noun, hangs on a word outside the phrase ("let
    the army deploy in the east" is no "let in", "reached Gaza after the ceasefire deal" no
    "reach deal"; "nothing to do with" keeps its "with")."""
    if last.pos_ not in ("ADP", "PART", "ADV", "NOUN") or last.i <= first.i + 1:
        return False
    words = trigger.lemmas[0].split()
    return not any(first.i <= node.head.i <= last.i and node.head != node and
                   lemma(node.head) in words for node in (first, last))


_REPEATED_MARKERS = frozenset({"of", "for", "that"})


def _one_per_complement(mentions: list[Mention]) -> list[Mention]:
    """"Accused Hamas of firing on troops and of staging the handover", "pressing for the army
    to leave and for the state to deploy": an accusation or a request per repeated "of",
    "for" or "that" complement, each a record of its own."""
    extra = []
    for mention in mentions:
        if not mention.entry.speech or mention.event_type not in ("ACCUSE", "REQUEST"):
            continue
        token = mention.trigger
        seen: set[str] = set()
        for node in token.subtree:
            word = node.lower_
            if node.i <= token.i or word not in _REPEATED_MARKERS:
                continue
            if word in seen and node.doc[node.i - 1].lower_ == "and" and _introduces_act(node):
                extra.append(replace(mention, quantities=[], separate=True))
            seen.add(word)
    return extra


def _introduces_act(marker: Token) -> bool:
    """"of staging", "for the army to leave", "that it withdraw": a clause, not a noun ("a
    violation of the truce and of the peace deal" is one)."""
    if marker.dep_ == "mark":
        return marker.head.pos_ in ("VERB", "AUX")
    return any(c.dep_ == "pcomp" and c.pos_ in ("VERB", "AUX") for c in marker.children)


def _in_arguments(cues: tuple[str, ...], verb: Token, speech: bool) -> bool:
    """A cue word anywhere in a verb's object or complement, however far ("proposed that both
    sides refrain from long-range drone strikes", "signed ..., committing to a ceasefire");
    a clause only for a speech act ("announced that they had agreed to a truce" is the
    agreement's act, not the announcement's); for a noun or adjective, its prepositional
    complement ("their full commitment to everything agreed, first of all the ceasefire")."""
    if verb.pos_ in ("NOUN", "ADJ"):
        deps = frozenset({"prep"})
    elif verb.pos_ != "VERB":
        return False
    else:
        deps = _ARGUMENTS | {"ccomp"} if speech else _ARGUMENTS
    words = {lemma(t) for c in verb.children if c.dep_ in deps for t in c.subtree}
    return any(c in words for c in cues)


_ARGUMENTS = frozenset({"dobj", "xcomp", "advcl", "nsubjpass"})


def _done(token: Token) -> bool:
    """A verb that reports its act as done: past tense, or a bare past participle ("1,968
    detainees freed under the deal"), not "to be freed" or "will release"."""
    if token.tag_ == "VBD":
        return True
    return token.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in token.children)


def _passive_modifier(token: Token) -> bool:
    """A passive agreement verb that modifies a noun or completes a preposition ("what was
    agreed", "the 600 a day agreed", "within hours of the truce being agreed"): the agreement
    as a thing referred to, not an act reported."""
    passive = any(c.dep_ == "auxpass" for c in token.children) or \
        (token.tag_ == "VBN" and token.dep_ == "acl")
    return passive and token.dep_ in ("relcl", "acl", "pcomp")


# Verbs whose complement is a commitment (the terms agreed), not an event reported.
_UNDERTAKING = frozenset({"agree", "pledge", "promise", "undertake", "commit", "consent"})
# Verbs whose complement is asked for, owed or described, not reported as done.
_REQUESTING = frozenset({"urge", "call", "ask", "demand", "press", "appeal", "compel", "force",
                         "oblige", "require", "want", "seek", "push", "implore", "plead"})
_DEONTIC = frozenset({"oblige", "obligate", "require", "bind", "expect"})
_ASIDE_PREPS = frozenset({"despite", "amid", "because", "due", "following"})
_NOT_THREATS = frozenset({"pose", "remove", "eliminate", "neutralize", "neutralise", "face",
                          "counter", "thwart", "represent", "constitute", "fire", "launch",
                          "shoot"})
_TALLY_NOUNS = frozenset({"violation", "breach", "attack", "aggression"})


_DURATIONS = frozenset({"year", "month", "week", "decade", "day"})
_PUBLISHED = frozenset({"statement", "report", "video", "footage", "image", "photo", "figure",
                        "list", "name", "detail", "data", "document", "recording", "letter",
                        "communique", "communiqué", "counter-statement", "audio", "tally"})


def _span_of_history(token: Token) -> bool:
    """An attack noun measured by a stretch of time ("a year of cross-border attacks",
    "two years of war", "months of shelling"): the background, not an event."""
    holder = _measured_by(token, _DURATIONS, ("pobj", "pcomp"))
    return holder is not None and holder.pos_ == "NOUN"


def _embedded(mention: Mention) -> bool:
    """Mentions that are not events of their own: what a request asks for ("urged Israel to
    open the crossing"), what a party is obliged to do, asides ("because of the strikes",
    "despite skirmishes"), threats posed rather than made, and the killings a tally of
    violations sums up ("violations that killed 97", coded as the tally's figures)."""
    token = mention.trigger
    if not mention.entry.speech and _asked_or_undertaken(token):
        return True  # "called for efforts to deliver aid", "agreed to work on ..."
    for node in _governors(token):
        ancestor = node.head
        if _requesting(ancestor) and token.dep_ in ("xcomp", "ccomp", "conj", "dobj") \
                and ancestor.pos_ == "VERB" and not (token.head == ancestor and
                                                     token.dep_ == "conj"):
            return True
        if lemma(ancestor) in _DEONTIC and ancestor.tag_ == "VBN":
            return True
        if lemma(ancestor) in _UNDERTAKING and mention.event_type not in _CEASEFIRE_TYPES \
                and token.dep_ in ("ccomp", "xcomp") and token.head == ancestor:
            return True
        if ancestor.dep_ in ("ROOT",):
            break
    if mention.event_type == "ASSAULT" and any(
            lemma(a) in ("include", "comprise") and any(
                c.dep_ == "nsubj" and lemma(c) in _TALLY_NOUNS for c in a.children)
            for a in token.ancestors):
        return True  # a tally's breakdown by kind stays the tally's figures
    if token.pos_ == "NOUN" and _aside(token):
        return True
    if mention.event_type == "ASSAULT" and _span_of_history(token):
        return True  # "after more than a year of cross-border attacks"
    if mention.event_type == "RETREAT" and any(
            c.dep_ in ("dobj", "nsubjpass") and lemma(c) in _PUBLISHED for c in token.children):
        return True  # "released a statement", "footage was released"
    if mention.event_type == "ASSAULT" and _ceased(token):
        return True  # "stopped shooting", "holding fire", "refrain from strikes"
    if not mention.entry.speech and (_thwarted(token) or _due(token)):
        return True  # "delaying the handover", "the deadline for troops to leave"
    if mention.event_type == "THREATEN" and token.pos_ == "NOUN" and \
            lemma(_past_as(token).head) in _NOT_THREATS:
        return True  # "posed a threat", "fired two rounds as a warning"
    if mention.event_type == "ASSAULT" and lemma(token) in ("kill", "wound", "injure"):
        holder = token.head if token.dep_ == "conj" else token
        subject = next((c for c in holder.children if c.dep_ == "nsubj"), None)
        if subject is not None and lemma(subject) in _TALLY_NOUNS:
            return True
        if token.dep_ in ("advcl", "relcl", "acl") and any(
                lemma(c) in _TALLY_NOUNS for c in token.head.subtree if c.dep_ == "dobj"):
            return True
        if token.dep_ == "relcl" and lemma(token.head) in _TALLY_NOUNS:
            return True
    return mention.event_type == "AGREE" and any(c.lower_ == "as" and c.dep_ == "mark"
                                                 for c in token.children)


# Prepositions of the occasion of an act: what they introduce is not what is asked or promised.
_OCCASION_PREPS = frozenset({"in", "at", "during", "via", "through", "over", "by"})


def _asked_or_undertaken(token: Token) -> bool:
    """A trigger inside what a verb of asking or undertaking governs, up to the first finite
    clause ("called for efforts to deliver aid", "agreed to work on the release"); not one
    naming its occasion ("agreed in a hotline call", "agreed during talks") nor a clause
    coordinated with it ("wanted to keep the deal and would go on enforcing it")."""
    node = token
    for ancestor in token.ancestors:
        if node.dep_ == "prep" and node.lower_ in _OCCASION_PREPS:
            return False
        if ancestor.pos_ == "VERB" and (_requesting(ancestor) or
                                        lemma(ancestor) in _UNDERTAKING):
            return not (node.dep_ == "conj" and node.pos_ in ("VERB", "AUX"))
        if ancestor.pos_ in ("VERB", "AUX") and ancestor.tag_ in ("VBD", "VBZ", "VBP"):
            return False
        node = ancestor
    return False


# Dependencies by which a clause or phrase stands in what its head verb says or asks;
# a relative clause ("Trump, who received ..., called ...") does not.
_GOVERNED = frozenset({"xcomp", "ccomp", "conj", "dobj", "pobj", "pcomp", "prep", "advcl",
                       "acomp", "oprd", "attr", "acl", "aux", "cc", "advmod", "npadvmod",
                       "nsubj", "nsubjpass"})
# Markers of an adverbial clause that asserts on its own ("..., while Vance said ...").
_CONTRASTIVE = frozenset({"while", "whereas", "although", "though"})


def _governors(token: Token) -> list[Token]:
    """The chain of nodes from ``token`` up to (not past) a relative clause or a contrastive
    clause: each node's head governs it as its complement, object, subject or modifier."""
    chain: list[Token] = []
    node = token
    while node.head.i != node.i and node.dep_ in _GOVERNED and not any(
            c.dep_ == "mark" and c.lower_ in _CONTRASTIVE for c in node.children):
        chain.append(node)
        node = node.head
    return chain


def _requesting(verb: Token) -> bool:
    """A verb of asking; "call" only as "call for/on/upon" ("called the fire a violation"
    names, it does not ask)."""
    if lemma(verb) not in _REQUESTING:
        return False
    return lemma(verb) != "call" or any(
        c.dep_ in ("prep", "prt") and c.lower_ in ("for", "on", "upon") for c in verb.children)


_DEONTIC_MODALS = frozenset({"must", "should"})
_EMOTIONS = frozenset({"concern", "concerned", "alarm", "alarmed", "appal", "appalled",
                       "outrage", "outraged", "dismay", "dismayed"})


def _unvoiced(mention: Mention) -> bool:
    """"The parties concerned" voice no concern."""
    token = mention.trigger
    return lemma(token) in _EMOTIONS and token.dep_ == "acl" and \
        any(c.dep_ == "det" for c in token.head.children)


def _deontic_marker(verb: Token) -> Token | None:
    """The "must" or "should" of a verb ("must use"), or the "have" of "has to act"; none for
    "must have been", an inverted "should the truce fail" or "does not have to"."""
    if verb.pos_ not in ("VERB", "AUX") or verb.dep_ == "aux":
        return None
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(lemma(a) == "have" for a in auxes):
        return None
    modal = next((a for a in auxes if a.lower_ in _DEONTIC_MODALS), None)
    if modal is not None:
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return modal if subject is None or subject.i < modal.i else None
    if _subjunctive(verb):
        return next(c for c in verb.children if c.dep_ == "mark")
    head = verb.head
    if verb.dep_ == "xcomp" and any(a.lower_ == "to" for a in auxes) and \
            lemma(head) == "have" and head.i < verb.i and \
            not any(c.dep_ == "neg" for c in head.children):
        return head
    return None


def _subjunctive(verb: Token) -> bool:
    """"(the condition is / demanded) that Hezbollah withdraw": a bare verb with its own
    subject after "that", what someone requires rather than reports (a second one joined to
    it may be tagged as a present: "and that the army secure the road")."""
    bare = verb.tag_ == "VB" or (verb.tag_ == "VBP" and verb.dep_ == "conj" and
                                 verb.head.i != verb.i and _subjunctive(verb.head))
    return bare and any(c.dep_ == "nsubj" for c in verb.children) and \
        any(c.dep_ == "mark" and c.lower_ == "that" for c in verb.children) and \
        not any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def _prescribed(mention: Mention) -> bool:
    """What a party must, should, has to or is obliged to do ("troops must exercise
    restraint", "Hamas is obliged to return the hostages"): prescribed, not reported."""
    token = mention.trigger
    if mention.entry.speech:
        return False
    verb = token if token.pos_ in ("VERB", "AUX") else token.head
    auxes = [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if (any(a in _DEONTIC_MODALS for a in auxes) and "have" not in auxes) or _subjunctive(verb):
        return True
    head = verb.head
    return verb.dep_ == "xcomp" and "to" in auxes and (
        (lemma(head) in _DEONTIC and head.tag_ == "VBN") or
        (lemma(head) == "have" and head.pos_ in ("VERB", "AUX")))


_NAMING = frozenset({"call", "describe", "term", "label", "brand", "dub"})


def _renamed(mention: Mention, mentions: list[Mention]) -> bool:
    """"a drone hit the plant, ... calling the attack a breach", "claiming the fire broke the
    truce": the act reported in the sentence, named again by a definite noun as what a
    speaker calls or judges something."""
    token = mention.trigger
    named = (token.dep_ == "dobj" and lemma(token.head) in _NAMING) or (
        token.dep_ == "nsubj" and lemma(token.head) in _JUDGING)  # "the fire breached the truce"
    return token.pos_ == "NOUN" and named \
        and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in token.children) \
        and any(m.event_type == mention.event_type and m.trigger.i < token.i
                for m in mentions if m is not mention)


_JUDGING = frozenset({"violate", "breach", "break", "constitute", "represent", "amount",
                      "undermine", "threaten", "endanger"})


def _anaphoric(mention: Mention) -> bool:
    """"to halt these violations", "responding to such breaches": an accusation told before,
    pointed back to as what is acted on (a tally's "27 of these violations" counts anew)."""
    token = mention.trigger
    acted_on = token.dep_ == "dobj" or (token.dep_ == "pobj" and token.head.lower_ != "of")
    return mention.event_type == "ACCUSE" and token.pos_ == "NOUN" and acted_on and any(
        c.dep_ in ("det", "amod") and c.lower_ in ("these", "this", "those", "such")
        for c in token.children)


def _past_as(noun: Token) -> Token:
    """The noun, or for "as a warning" its preposition, whose head is the verb it goes with."""
    return noun.head if noun.dep_ == "pobj" and noun.head.lower_ == "as" else noun


def _aside(noun: Token) -> bool:
    """A noun inside a "despite", "amid" or "because of" phrase, however deep ("despite
    what he called skirmishes"): the background of another event."""
    return any(a.dep_ == "prep" and (lemma(a) in _ASIDE_PREPS or (
        a.lower_ == "of" and a.head.lower_ == "because")) for a in noun.ancestors)


_CESSATION = frozenset({"stop", "halt", "cease", "refrain", "end", "hold", "pause", "suspend",
                        "abstain", "avoid"})

_CESSATION_NOUNS = frozenset({"halt", "end", "stop", "pause", "moratorium", "cessation",
                              "freeze", "suspension"})


_THWARTING = frozenset({"delay", "postpone", "refuse", "obstruct", "prevent", "impede",
                        "hinder", "stall", "postponement", "refusal", "obstruction", "block",
                        "pause", "halt", "suspend", "stop", "suspension"})
_DUE_NOUNS = frozenset({"deadline", "timetable", "timeline", "schedule"})


def _thwarted(token: Token) -> bool:
    """An act as what is delayed, refused or obstructed ("delaying the handover", "refusing
    to release", "any delay in the withdrawal"): reported as not done."""
    head = token.head
    if head.pos_ == "ADP" and token.dep_ in ("pobj", "pcomp") and \
            head.lower_ in ("in", "of", "from"):
        head = head.head
    return head.i != token.i and lemma(head) in _THWARTING and \
        token.dep_ in ("dobj", "xcomp", "pobj", "pcomp")


def _due(token: Token) -> bool:
    """An act as what a deadline is for ("the deadline for Israel's withdrawal", "the deadline
    for troops to leave"): a term, not an event."""
    return any(lemma(a) in _DUE_NOUNS for a in token.ancestors
               if a.pos_ == "NOUN" and a.i < token.i)


def _ceased(token: Token) -> bool:
    """An attack word as what is stopped or held: the object or complement of a cessation
    verb, directly or through "from" ("refrain from strikes")."""
    head = token.head
    if head.lower_ in ("to", "on", "of") and token.dep_ == "pobj" and \
            lemma(head.head) in _CESSATION_NOUNS:
        return True  # "a halt to strikes", "a moratorium on strikes", "cessation of hostilities"
    if head.lower_ == "from" and token.dep_ in ("pobj", "pcomp"):
        head = head.head
    return head.i != token.i and head.pos_ == "VERB" and lemma(head) in _CESSATION and \
        token.dep_ in ("dobj", "xcomp", "pobj", "pcomp", "ccomp")


def _generic(token: Token) -> bool:
    """"any attack", "every violation", "all attacks on civilians": a class of events, not a
    mention of one ("all the strikes", "all its attacks" are ones told)."""
    if token.pos_ != "NOUN":
        return False
    determiners = {c.lower_ for c in token.children if c.dep_ in ("det", "predet", "poss")}
    return bool(determiners & {"any", "every", "each"}) or determiners == {"all"}


_BLAZE_VERBS = frozenset({"set", "start", "spark", "cause", "catch", "extinguish", "put",
                          "fight", "douse", "burn"})


def _blaze(token: Token) -> bool:
    """"setting off a fire", "firefighters put out the fire": a fire that burns, not fire
    that is shot."""
    if token.pos_ != "NOUN" or lemma(token) != "fire":
        return False
    head = token.head
    governor = head.head if head.dep_ == "prt" else head
    return lemma(governor) in _BLAZE_VERBS or any(
        c.dep_ == "prt" and c.lower_ in ("off", "out") for c in governor.children)


def _is_cease_fire(token: Token) -> bool:
    doc = token.doc
    return (
        lemma(token) == "fire"
        and token.i >= 2
        and doc[token.i - 1].text == "-"
        and doc[token.i - 2].lower_ == "cease"
    )


_CONDITIONS = frozenset({"if", "unless"})


def _conditional(verb: Token) -> bool:
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _CONDITIONS
                                         for m in c.children) for c in verb.children)


def _unmet_condition(token: Token) -> bool:
    """A clause under the trigger that sets what the other side must do: "unless ...", or
    "if ... not ..."."""
    for clause in token.subtree:
        marks = {m.lower_ for m in clause.children if m.dep_ == "mark"}
        if clause.dep_ == "advcl" and ("unless" in marks or (
                "if" in marks and any(c.dep_ == "neg" for c in clause.children))):
            return True
    return False


def _conditional_promise(token: Token) -> bool:
    """"would strike again if ...": an attack promised on a condition."""
    return token.pos_ == "VERB" and _prospective(token) and _conditional(token)


def _condition(token: Token) -> bool:
    """An attack or a halt named in the condition of a promise ("... would strike again if it
    suffered another attack", "would do business with them if they stopped shooting"): the
    condition, not an event."""
    for ancestor in [token, *token.ancestors]:
        if ancestor.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _CONDITIONS
                                            for m in ancestor.children):
            return _prospective(ancestor.head)
    return False


_ASPECT_VERBS = frozenset({"keep", "continue", "remain", "stay", "go"})


def _catenative(token: Token) -> bool:
    return lemma(token) in _ASPECT_VERBS and any(
        c.dep_ == "xcomp" and c.tag_ == "VBG" for c in token.children)


_MODALS = frozenset({"will", "would", "shall", "'ll", "wo", "must", "to"})


def _prospective(token: Token) -> bool:
    """"will act", "would respond", "ready to act": a verb under a future or modal frame."""
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in _MODALS for c in token.children)
