"""Locating and reading the data files shipped in ``truce/data``."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from truce.errors import RegistryError

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def data_path(*parts: str) -> Path:
    return DATA_DIR.joinpath(*parts)


@cache
def load_yaml(path: Path) -> Any:
    """Parse a YAML data file once per process; malformed files raise RegistryError."""
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.safe_load(handle)
    except OSError as exc:
        raise RegistryError(f"{path}: cannot read ({exc.strerror})") from None
    except yaml.YAMLError as exc:
        raise RegistryError(f"{path}: invalid YAML ({exc})") from None
