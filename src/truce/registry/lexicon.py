"""The event lexicon: triggers, cue groups, mode and topic cues (data in lexicon.yaml)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from truce.errors import RegistryError
from truce.model import EVENT_TYPES, MODES, TOPICS
from truce.registry.files import data_path, load_yaml


@dataclass(frozen=True, slots=True)
class Trigger:
    """One lexicon entry: a lemma (or lemma phrase) that signals an event type."""

    key: str
    lemmas: tuple[str, ...]
    pos: tuple[str, ...]
    event_type: str
    mode: str | None
    topic: str
    needs: tuple[str, ...]
    speech: bool
    not_objects: tuple[str, ...] = ()
    prospective: bool = False  # counts only as something that will or would happen
    subjects: tuple[str, ...] = ()  # counts only with a subject of these lemmas


@dataclass(frozen=True, slots=True)
class CueRule:
    """A value (mode or topic) chosen when any of its cues appears."""

    value: str
    cues: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Lexicon:
    window: int
    cues: dict[str, tuple[str, ...]]
    triggers: tuple[Trigger, ...]
    assault_modes: tuple[CueRule, ...]
    topics: tuple[CueRule, ...]

    @classmethod
    def load(cls, path: Path | None = None) -> Lexicon:
        path = path or data_path("lexicon.yaml")
        raw = load_yaml(path)
        cues = {name: tuple(values) for name, values in raw["cues"].items()}
        triggers = tuple(_trigger(entry, i, cues, path) for i, entry in enumerate(raw["triggers"]))
        return cls(
            window=int(raw.get("window", 8)),
            cues=cues,
            triggers=triggers,
            assault_modes=tuple(CueRule(r["mode"], tuple(r["cues"])) for r in raw["assault_modes"]),
            topics=tuple(CueRule(r["topic"], tuple(r["cues"])) for r in raw["topics"]),
        )


def _trigger(entry: dict, index: int, cues: dict[str, tuple[str, ...]], path: Path) -> Trigger:
    where = f"{path}: trigger #{index + 1}"
    event_type = entry.get("type")
    if event_type not in EVENT_TYPES:
        raise RegistryError(f"{where}: unknown event type {event_type!r}")
    mode = entry.get("mode")
    if mode is not None and mode not in MODES.get(event_type, ()):
        raise RegistryError(f"{where}: mode {mode!r} is not a mode of {event_type}")
    if entry.get("topic") not in TOPICS:
        raise RegistryError(f"{where}: unknown topic {entry.get('topic')!r}")
    needs = tuple(entry.get("needs") or ())
    for need in needs:
        if need not in cues:
            raise RegistryError(f"{where}: unknown cue group {need!r}")
    if "phrase" in entry:
        lemmas: tuple[str, ...] = (entry["phrase"],)
    else:
        lemmas = tuple(entry["lemmas"])
    return Trigger(
        key=f"T{index}",
        lemmas=lemmas,
        pos=tuple(entry.get("pos") or ()),
        event_type=event_type,
        mode=mode,
        topic=entry["topic"],
        needs=needs,
        speech=bool(entry.get("speech")),
        not_objects=tuple(entry.get("not_objects") or ()),
        prospective=bool(entry.get("prospective")),
        subjects=tuple(entry.get("subjects") or ()),
    )
