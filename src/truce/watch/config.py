"""The sources file: which feeds and folders to watch, and how often.

    interval: 300          # seconds between polls of a source (default for all)
    max_backoff: 3600      # longest wait after repeated failures
    timeout: 20            # seconds for one HTTP request
    sources:
      - name: levant-wire
        url: https://levant-wire.example/ceasefire.xml
        interval: 120
      - name: inbox
        folder: reports/inbox     # relative to this file

A bad entry gives one problem line naming it; the other entries still count.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from truce.errors import ReadError

DEFAULT_INTERVAL = 300.0
DEFAULT_MAX_BACKOFF = 3600.0
DEFAULT_TIMEOUT = 20.0
TOP_KEYS = ("interval", "max_backoff", "timeout", "sources")
SOURCE_KEYS = ("name", "url", "folder", "interval", "max_backoff")


@dataclass(frozen=True, slots=True)
class SourceSpec:
    """One watched source: a feed URL or a folder, with its polling interval and cap."""

    name: str
    kind: str  # "feed" or "folder"
    location: str
    interval: float
    max_backoff: float


@dataclass(frozen=True, slots=True)
class SourcesFile:
    sources: list[SourceSpec]
    timeout: float
    problems: list[ReadError]


def load_sources(path: Path, interval: float | None = None) -> SourcesFile:
    """Read a sources file; ``interval`` (from the command line) overrides the file's
    default but not a source's own. Raises ReadError only when nothing can be used."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ReadError(str(path), f"cannot read ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise ReadError(str(path), "not valid UTF-8 text") from None
    return parse_sources(text, str(path), path.parent, interval)


def parse_sources(text: str, name: str, base: Path, interval: float | None = None,
                  ) -> SourcesFile:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ReadError(name, f"not valid YAML ({str(exc).splitlines()[0]})") from None
    if not isinstance(data, dict) or not isinstance(data.get("sources"), list):
        raise ReadError(name, "expected a mapping with a 'sources:' list")
    unknown = sorted(set(data) - set(TOP_KEYS))
    if unknown:
        raise ReadError(name, f"unknown key {unknown[0]!r} (known: {', '.join(TOP_KEYS)})")
    default_interval = (interval if interval is not None
                        else _seconds(data, "interval", name, DEFAULT_INTERVAL))
    cap = _seconds(data, "max_backoff", name, DEFAULT_MAX_BACKOFF)
    timeout = _seconds(data, "timeout", name, DEFAULT_TIMEOUT)
    specs: list[SourceSpec] = []
    problems: list[ReadError] = []
    names: set[str] = set()
    for number, entry in enumerate(data["sources"], 1):
        try:
            spec = _source(entry, number, name, base, default_interval, cap)
        except ReadError as exc:
            problems.append(exc)
            continue
        if spec.name in names:
            problems.append(ReadError(f"{name}: source {spec.name!r}",
                                      "name used twice; each source needs its own"))
            continue
        names.add(spec.name)
        specs.append(spec)
    return SourcesFile(specs, timeout, problems)


def _source(entry: Any, number: int, file: str, base: Path, interval: float,
            cap: float) -> SourceSpec:
    label = f"{file}: source #{number}"
    if not isinstance(entry, dict):
        raise ReadError(label, "expected a mapping with name: and url: or folder:")
    if isinstance(entry.get("name"), str) and entry["name"].strip():
        label = f"{file}: source {entry['name'].strip()!r}"
    else:
        raise ReadError(label, "missing 'name:'")
    unknown = sorted(set(entry) - set(SOURCE_KEYS))
    if unknown:
        raise ReadError(label, f"unknown key {unknown[0]!r} (known: {', '.join(SOURCE_KEYS)})")
    has_url, has_folder = "url" in entry, "folder" in entry
    if has_url == has_folder:
        raise ReadError(label, "give exactly one of 'url:' or 'folder:'")
    location = str(entry["url"] if has_url else entry["folder"]).strip()
    if has_url and not location.startswith(("http://", "https://")):
        raise ReadError(label, f"url {location!r} must start with http:// or https://")
    if has_folder:
        location = str((base / Path(location).expanduser()).resolve())
    return SourceSpec(
        name=entry["name"].strip(), kind="feed" if has_url else "folder", location=location,
        interval=_seconds(entry, "interval", label, interval),
        max_backoff=_seconds(entry, "max_backoff", label, cap))


def _seconds(data: dict[str, Any], key: str, label: str, default: float) -> float:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise ReadError(label, f"{key!r} must be a number of seconds above zero, not {value!r}")
    return float(value)
