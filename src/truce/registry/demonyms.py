"""Adjectives of nationality ("Israeli", "Lebanese") and the actors they stand for."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from truce.registry.files import data_path, load_yaml


@dataclass(frozen=True, slots=True)
class Demonym:
    word: str
    country: str
    state: str
    military: str | None
    civilians: str | None


class Demonyms:
    """Resolves "<demonym> <noun>" to an actor id by the class of the noun."""

    def __init__(self, entries: dict[str, Demonym], military: set[str],
                 civilians: set[str]) -> None:
        self._entries = {k.casefold(): v for k, v in entries.items()}
        self.military_nouns = frozenset(military)
        self.civilian_nouns = frozenset(civilians)

    @classmethod
    def load(cls, path: Path | None = None) -> Demonyms:
        raw = dict(load_yaml(path or data_path("demonyms.yaml")))
        nouns = raw.pop("nouns")
        entries = {
            word: Demonym(
                word=word,
                country=spec["country"],
                state=spec["state"],
                military=spec.get("military"),
                civilians=spec.get("civilians"),
            )
            for word, spec in raw.items()
        }
        return cls(entries, set(nouns["military"]), set(nouns["civilians"]))

    def military_of(self, state: str) -> str | None:
        """The armed forces of a state id (isr -> isr.idf), if the table names them."""
        for demonym in self._entries.values():
            if demonym.state == state and demonym.military and demonym.military != state:
                return demonym.military
        return None

    def words(self) -> list[str]:
        return [d.word for d in self._entries.values()]

    def get(self, word: str) -> Demonym | None:
        return self._entries.get(word.casefold())

    def resolve(self, word: str, noun: str) -> str | None:
        """The actor id for ``word`` qualifying ``noun`` (e.g. Israeli + troops -> isr.idf)."""
        demonym = self.get(word)
        if demonym is None:
            return None
        noun = noun.casefold()
        if noun in self.military_nouns:
            return demonym.military
        if noun in self.civilian_nouns:
            return demonym.civilians
        return demonym.state
