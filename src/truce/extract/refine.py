"""Mode and topic: refining a trigger's defaults from the words around it."""

from __future__ import annotations

from truce.extract.cues import CueIndex, lemma
from truce.extract.mention import Mention
from truce.extract.topic_model import TopicModel, model_words
from truce.registry.lexicon import Lexicon

_PEOPLE_TOPICS = frozenset({"remains", "captives", "prisoners"})
_YIELD = ("stop", "halt", "cease", "end", "surrender", "disarm", "release", "return", "withdraw",
          "free", "hand", "leave", "evacuate", "refrain", "restraint", "de-escalate")
_ASSIST = ("help", "aid", "assistance", "equipment", "support", "fund", "funding", "supply",
           "machinery", "heavy", "shelter", "fuel", "medicine", "food")
_MEET = ("meet", "meeting", "talk", "negotiation", "negotiate", "dialogue")
_SURRENDER = ("surrender", "disarm", "disarmament", "weapon", "arm")
_RESTRICT = ("aid", "crossing", "close", "halt", "block", "restrict", "cut", "suspend")
_PHONE = ("phone", "call", "telephone")
_VISIT = ("visit", "arrive", "travel", "delegation", "trip", "tour")
_MULTI = ("summit", "conference", "multilateral", "quartet")
_MEDIATED = ("mediator", "mediate", "mediation", "indirect")


# How far the rules trust their topic: a structural reading of what the act acts on is
# certain; a cue word in the sentence is a good guess; the trigger's own topic a default.
CERTAIN, CUE, DEFAULT = "certain", "cue", "default"


class Refiner:
    """Fills a mention's mode and topic. The topic comes from rules; where they are not
    certain, the learned classifier, which reads the rules' proposal, decides when its
    probability reaches ``model_at``."""

    model_at = 0.5

    def __init__(self, lexicon: Lexicon, cues: CueIndex,
                 topic_model: TopicModel | None = None) -> None:
        self.lexicon = lexicon
        self.cues = cues
        self.topic_model = topic_model

    def refine(self, mention: Mention) -> None:
        mention.mode = self.mode(mention)
        mention.topic = self.topic(mention)

    def _has(self, mention: Mention, words: tuple[str, ...], near: bool = True) -> bool:
        return self.cues.present(words, mention.sentence, near=mention.trigger if near else None,
                                 window=self.lexicon.window)

    def mode(self, mention: Mention) -> str | None:
        kind = mention.event_type
        if kind == "ASSAULT":
            for rule in self.lexicon.assault_modes:
                if self._has(mention, rule.cues):
                    return rule.value
            return mention.mode
        if kind == "REQUEST":
            if self._has(mention, _YIELD):
                return "yield"
            if self._has(mention, _ASSIST):
                return "assist"
            if self._has(mention, _MEET):
                return "meet"
            return "change"
        if kind == "REJECT":
            if self._has(mention, _SURRENDER):
                return "yield"
            if self._has(mention, _MEET):
                return "meet"
            return mention.mode
        if kind == "THREATEN":
            return "restrict" if self._has(mention, _RESTRICT) else "violence"
        if kind == "CONSULT" and mention.mode is None:
            if self._has(mention, _PHONE):
                return "phone"
            if self._has(mention, _MULTI, near=False):
                return "multilateral"
            if self._has(mention, _VISIT, near=False):
                return "visit"
            if self._has(mention, _MEDIATED, near=False):
                return "third-party"
        return mention.mode

    def topic(self, mention: Mention) -> str:
        ruled, trust = self.ruled_topic(mention)
        model = self.topic_model
        if trust == CERTAIN or model is None or not model.available:
            return ruled
        best, probability = model.best(model_words(mention, ruled, trust))
        return best if probability >= self.model_at else ruled

    def ruled_topic(self, mention: Mention) -> tuple[str, str]:
        """The rules' topic and how far they trust it (CERTAIN, CUE or DEFAULT)."""
        if mention.event_type == "ASSAULT":
            # Strikes on power plants and pipelines bear on the infrastructure a truce
            # (an energy moratorium) protects; other attacks, whatever they hit (an aid
            # convoy, a crossing), on its hostilities, as the codebook rules.
            target = {lemma(t) for c in mention.trigger.children if c.dep_ in ("dobj", "prep")
                      for t in c.subtree}
            return ("infrastructure" if target & _INFRASTRUCTURE else "hostilities"), CERTAIN
        own = self._object_topic(mention)
        if own is not None:
            return own, CERTAIN
        if mention.event_type == "REQUEST" and self._has(
            mention, ("mediator", "guarantor", "monitor", "mechanism", "ensure", "enforce")
        ) and not self._has(mention, ("aid", "truck", "crossing", "hostage", "body", "remains")):
            return "monitoring", CUE
        near = mention.event_type not in ("ACCUSE", "REJECT", "REQUEST", "THREATEN")
        # A trigger licensed by its cues ("opened the crossing") keeps its own topic unless
        # what it acts on is people or bodies.
        rules = [r for r in self.lexicon.topics if r.value in _PEOPLE_TOPICS] \
            if mention.entry.needs else self.lexicon.topics
        for rule in rules:
            if self._has(mention, rule.cues, near=near):
                return rule.value, CUE
        if mention.event_type == "REQUEST" and mention.topic == "other":
            return "hostilities", DEFAULT  # appeals in ceasefire reporting are to stop fighting
        return mention.topic, DEFAULT

    def _object_topic(self, mention: Mention) -> str | None:
        """What a release, return or closure acts on decides its topic ("releases 2,000
        Palestinian prisoners" is about prisoners even beside "20 hostages freed")."""
        if mention.event_type not in ("RETREAT", "COERCE", "COOPERATE"):
            return None
        objects = [c for c in mention.trigger.children if c.dep_ in ("dobj", "nsubjpass")]
        words = {lemma(t) for o in objects for t in o.subtree}
        for topic in ("remains", "captives", "prisoners"):
            if words & set(_PEOPLE_CUES[topic]):
                return topic
        return None


_INFRASTRUCTURE = frozenset({"power", "energy", "gas", "grid", "station", "plant", "pipeline",
                             "substation", "refinery", "electricity", "infrastructure", "dam"})
_PEOPLE_CUES = {"remains": ("body", "remains", "corpse", "coffin"),
                "captives": ("hostage", "captive", "abductee", "soldier", "constable"),
                "prisoners": ("prisoner", "detainee", "inmate")}
