"""The actor registry: ids, names, aliases and the parent hierarchy."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from truce.errors import RegistryError
from truce.registry.files import data_path, load_yaml


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    kind: str
    country: str | None = None
    parent: str | None = None
    aliases: tuple[str, ...] = field(default_factory=tuple)


def fold_name(name: str) -> str:
    return " ".join(name.casefold().split())


class ActorRegistry:
    """Actors by id, with alias listing and parent walks for party resolution."""

    def __init__(self, actors: list[Actor]) -> None:
        self._by_id: dict[str, Actor] = {}
        self._alias_index: dict[str, str] | None = None
        self._lineages: dict[str, tuple[str, ...]] = {}  # the registry never changes
        for actor in actors:
            if actor.id in self._by_id:
                raise RegistryError(f"actors: duplicate id {actor.id!r}")
            self._by_id[actor.id] = actor
        for actor in actors:
            if actor.parent and actor.parent not in self._by_id:
                raise RegistryError(f"actors: {actor.id!r} has unknown parent {actor.parent!r}")

    @classmethod
    def load(cls, path: Path | None = None) -> ActorRegistry:
        path = path or data_path("actors.yaml")
        rows = load_yaml(path)
        if not isinstance(rows, list):
            raise RegistryError(f"{path}: expected a list of actors")
        actors = []
        for i, row in enumerate(rows, 1):
            try:
                actors.append(
                    Actor(
                        id=str(row["id"]),
                        name=str(row["name"]),
                        kind=str(row.get("kind") or "other"),
                        country=row.get("country"),
                        parent=row.get("parent"),
                        aliases=tuple(str(a) for a in row.get("aliases") or ()),
                    )
                )
            except (KeyError, TypeError) as exc:
                raise RegistryError(f"{path}: actor #{i} lacks field {exc}") from None
        return cls(actors)

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self._by_id

    def __iter__(self) -> Iterator[Actor]:
        return iter(self._by_id.values())

    def get(self, actor_id: str | None) -> Actor | None:
        return self._by_id.get(actor_id) if actor_id else None

    def name(self, actor_id: str) -> str:
        actor = self._by_id.get(actor_id)
        return actor.name if actor else actor_id

    def lineage(self, actor_id: str) -> list[str]:
        """The id itself followed by its ancestors, nearest first."""
        return list(self._chain(actor_id))

    def _chain(self, actor_id: str) -> tuple[str, ...]:
        """The lineage, computed once per id and shared (callers here only read it)."""
        known = self._lineages.get(actor_id)
        if known is None:
            chain: list[str] = []
            current: str | None = actor_id
            while current and current not in chain:
                chain.append(current)
                actor = self._by_id.get(current)
                current = actor.parent if actor else None
            known = self._lineages[actor_id] = tuple(chain)
        return known

    def root(self, actor_id: str) -> str:
        """The top of an actor's lineage: the state or movement it belongs to."""
        return self._chain(actor_id)[-1]

    def party_of(self, actor_id: str | None, parties: list[str]) -> str | None:
        """The party (of ``parties``) that ``actor_id`` is or belongs to, if any."""
        if not actor_id:
            return None
        for ancestor in self._chain(actor_id):
            if ancestor in parties:
                return ancestor
        return None

    def lookup(self, name: str) -> str | None:
        """The id whose name or alias this is (case and spacing ignored), if any."""
        if self._alias_index is None:
            self._alias_index = {}
            for surface, actor_id in self.names():
                self._alias_index.setdefault(fold_name(surface), actor_id)
        return self._alias_index.get(fold_name(name))

    def is_child_of(self, child: str, parent: str) -> bool:
        return child != parent and parent in self._chain(child)

    def names(self) -> Iterator[tuple[str, str]]:
        """Every (surface form, actor id): the name, each alias, and for people the surname
        when no other person shares it ("Katz" for Israel Katz)."""
        surnames: dict[str, list[str]] = {}
        for actor in self._by_id.values():
            for form in {actor.name, *actor.aliases}:
                yield form, actor.id
                if "-" in form:  # "Khalil al-Hayya" is also written "Khalil al Hayya"
                    yield form.replace("-", " "), actor.id
            if actor.kind == "person" and " " in actor.name:
                surnames.setdefault(actor.name.split()[-1], []).append(actor.id)
        taken = {fold_name(n) for a in self._by_id.values() for n in (a.name, *a.aliases)}
        for surname, ids in surnames.items():
            if len(ids) == 1 and len(surname) >= 4 and surname[0].isupper() and \
                    fold_name(surname) not in taken:
                yield surname, ids[0]
