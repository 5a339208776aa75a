"""The learned topic classifier: a small spaCy bag-of-words text classifier that reads what
the rules proposed for an event and the words around its trigger, trained at build time
(``truce.extract.topic_training``) and shipped in ``truce/data/models/topic``. It is loaded
offline, once, on first use."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Token

from truce.extract.cues import lemma
from truce.extract.mention import Mention
from truce.registry.files import data_path

MODEL_DIR = data_path("models", "topic")
PIPE = "textcat"
WINDOW = 6  # words either side of the trigger
_ARGUMENTS = ("dobj", "prep", "nsubjpass", "pobj", "xcomp", "ccomp", "advcl", "acl")
_MAX_ARGUMENT_WORDS = 30
_FUNCTION_WORDS = frozenset((
    "the", "a", "an", "of", "to", "in", "and", "on", "for", "by", "with", "at", "from", "as",
    "that", "this", "is", "was", "were", "be", "been", "has", "have", "had", "it", "its",
    "their", "his", "her", "said", "says", "say", "will", "would", "which", "who"))


def model_words(mention: Mention, ruled: str, trust: str) -> list[str]:
    """What the classifier reads, the same in training and use: the event type, the rules'
    topic and how far they trust it, the trigger's lemma, the content words within
    ``WINDOW`` of the trigger and those of the phrases it governs (what it acts on)."""
    kind, trigger = mention.event_type.lower(), mention.trigger
    near = [t for t in mention.sentence if 0 < abs(t.i - trigger.i) <= WINDOW]
    governed = [t for c in trigger.children if c.dep_ in _ARGUMENTS
                for t in c.subtree][:_MAX_ARGUMENT_WORDS]
    return [f"type_{kind}", f"rule_{ruled}", f"trust_{trust}", f"{kind}_rule_{ruled}",
            f"trigger_{lemma(trigger)}", f"{kind}_trigger_{lemma(trigger)}",
            *(f"near_{w}" for w in _content(near)), *(f"arg_{w}" for w in _content(governed))]


def _content(tokens: Iterable[Token]) -> list[str]:
    return [w for w in map(lemma, tokens)
            if w not in _FUNCTION_WORDS and any(c.isalpha() for c in w)]


class TopicModel:
    """Topic probabilities for an event, from the packaged (or a given) classifier."""

    def __init__(self, path: Path = MODEL_DIR, nlp: Language | None = None) -> None:
        self.path = path
        if nlp is not None:
            self.__dict__["nlp"] = nlp  # fills the cached property

    @cached_property
    def nlp(self) -> Language:
        import spacy

        return spacy.load(self.path)

    @cached_property
    def available(self) -> bool:
        """Whether there is a model: the package ships none until one is trained."""
        return "nlp" in self.__dict__ or (self.path / "config.cfg").is_file()

    def scores(self, words: list[str]) -> dict[str, float]:
        """Each topic's probability for an event described by ``model_words``."""
        doc = Doc(self.nlp.vocab, words=words)
        return dict(self.nlp.get_pipe(PIPE)(doc).cats)
