"""Institutions named generically ("the health ministry"), read by the report's country."""

from __future__ import annotations

from pathlib import Path

from truce.registry.files import data_path, load_yaml


class GenericBodies:
    def __init__(self, table: dict[str, dict[str, str | None]]) -> None:
        self._table = {key.casefold(): value for key, value in table.items()}

    @classmethod
    def load(cls, path: Path | None = None) -> GenericBodies:
        return cls(load_yaml(path or data_path("generic-bodies.yaml")))

    def resolve(self, phrase: str, countries: tuple[str, ...]) -> str | None:
        """The actor a generic name stands for in the first of ``countries`` that has one."""
        by_country = self._table.get(phrase.casefold())
        if not by_country:
            return None
        for country in countries:
            if country in by_country:
                return by_country[country]
        return None
