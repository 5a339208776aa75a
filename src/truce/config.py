"""Settings from flags and environment, in one place."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DB = "truce.db"
ENV_DB = "TRUCE_DB"


@dataclass(frozen=True, slots=True)
class Settings:
    """What a Truce instance needs to know: where its database is, which extra agreements."""

    db: str = DEFAULT_DB
    agreements: tuple[Path, ...] = ()

    @classmethod
    def resolve(cls, db: str | None = None, agreements: tuple[Path, ...] = ()) -> Settings:
        """A flag wins over ``TRUCE_DB``, which wins over the default file."""
        return cls(db=db or os.environ.get(ENV_DB) or DEFAULT_DB, agreements=agreements)
