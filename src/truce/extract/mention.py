"""The working record of one event mention as it passes through the extraction stages."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from truce.model import DateRef, Entity, Location, Quantity
from truce.registry.lexicon import Trigger


@dataclass(slots=True)
class Mention:
    """A trigger found in a sentence, filled in stage by stage."""

    sentence: Span
    trigger: Token
    entry: Trigger
    event_type: str
    mode: str | None
    topic: str
    tokens: tuple[Token, ...] = ()
    actor: Entity | list[Entity] | None = None
    recipient: Entity | list[Entity] | None = None
    claimant: Entity | None = None
    speaker_verb: Token | None = None
    status: str = "asserted"
    date: DateRef | None = None
    location: Location | None = None
    quantities: list[Quantity] = field(default_factory=list)
    tally: bool = False
    planned: bool = False  # hangs on a planned act: dated by its own clause only
    separate: bool = False  # a record of its own, never merged ("accused X of A and of B")

    @property
    def is_speech(self) -> bool:
        return self.entry.speech or self.tally
