"""The learned topic classifier: a small spaCy bag-of-words text classifier that reads what
the rules proposed for an event and the words around its trigger, trained at build time
(``truce.extract.topic_training``) and shipped in ``truce/data/models/topic``. It is loaded
offline, once, on first use."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy
from spacy.language import Language
from spacy.tokens import Doc

from truce.extract.docindex import index
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
    sentence, lemmas = mention.sentence, index(mention.sentence.doc).lemmas
    near = [i for i in range(max(sentence.start, trigger.i - WINDOW),
                             min(sentence.end, trigger.i + WINDOW + 1)) if i != trigger.i]
    governed = [t.i for c in trigger.children if c.dep_ in _ARGUMENTS
                for t in c.subtree][:_MAX_ARGUMENT_WORDS]
    return [f"type_{kind}", f"rule_{ruled}", f"trust_{trust}", f"{kind}_rule_{ruled}",
            f"trigger_{lemmas[trigger.i]}", f"{kind}_trigger_{lemmas[trigger.i]}",
            *(f"near_{w}" for w in _content(lemmas, near)),
            *(f"arg_{w}" for w in _content(lemmas, governed))]


def _content(lemmas: list[str], positions: Iterable[int]) -> list[str]:
    """The lemmas at ``positions`` that are not function words, numbers or punctuation."""
    return [w for w in map(lemmas.__getitem__, positions)
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

    @cached_property
    def _table(self) -> _Table:
        """The classifier as a table, read off the model once: it is linear in its bag of
        words before a softmax, so its log-probabilities for an input are, up to a constant,
        those of an empty input plus each word's shift of them. Words it never saw in
        training have no learned weight and are left out."""
        textcat = self.nlp.get_pipe(PIPE)
        words = [w for w in self.nlp.vocab.strings if "_" in w]
        docs = [Doc(self.nlp.vocab, words=[w]) for w in words]
        empty, *each = numpy.log(textcat.model.predict([Doc(self.nlp.vocab, words=[]), *docs]))
        return _Table(tuple(textcat.labels), empty, numpy.array(each) - empty,
                      {w: i for i, w in enumerate(words)})

    def scores(self, words: list[str]) -> dict[str, float]:
        """Each topic's probability for an event described by ``model_words``."""
        logits = self._logits(words)
        probabilities = numpy.exp(logits - logits.max())
        return dict(zip(self._table.labels, (probabilities / probabilities.sum()).tolist(),
                        strict=True))

    def best(self, words: list[str]) -> tuple[str, float]:
        """The most probable topic and its probability: all the refiner needs, cheaper
        than ``scores``."""
        logits = self._logits(words)
        top = int(logits.argmax())
        return self._table.labels[top], 1.0 / float(numpy.exp(logits - logits[top]).sum())

    def _logits(self, words: list[str]) -> numpy.ndarray:
        table = self._table
        return table.empty + table.shifts[[table.rows[w] for w in words
                                           if w in table.rows]].sum(axis=0)


@dataclass(frozen=True, slots=True)
class _Table:
    """Topic labels, log-probabilities of an empty input, each known word's shift of them
    and the row of each word's shift."""

    labels: tuple[str, ...]
    empty: numpy.ndarray
    shifts: numpy.ndarray
    rows: dict[str, int]
