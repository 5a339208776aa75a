"""Arabic reports: registry-driven extraction without an Arabic parser.

No Arabic spaCy model ships offline, so Arabic text goes through a lighter path:
sentences from pysbd, actors and places from the registries' Arabic aliases
(allowing the attached prefixes و ف ب ل ك), event words from an Arabic lexicon,
the speaker from a verb of saying followed by a registry actor (Arabic puts the
verb first), and dates from weekday names and relative words resolved against
the publication date. It finds fewer events than the English pipeline and
leaves roles it cannot see unset rather than guessing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from truce.extract.dates import resolve as resolve_english
from truce.model import DateRef, Entity, Event, Evidence, Location, Quantity, Report
from truce.registry.actors import ActorRegistry
from truce.registry.files import data_path, load_yaml
from truce.registry.places import PRECISION_BY_KIND, PRECISION_RANK, PlaceRegistry

_ARABIC = re.compile(r"[\u0600-\u06FF]")
_PREFIX = r"(?:^|(?<=[\s\"'«(،.:؛]))(?:[وفبلك]|ول|وب|فب)?"
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")
_CEASEFIRE = re.compile(r"وقف\s+(?:إطلاق|اطلاق)\s+النار")
_ISRAELI = re.compile(r"\s+((?:ال)?إسرائيلي(?:ة)?|(?:ال)?اسرائيلي(?:ة)?)")


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int
    end: int
    key: str
    text: str


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _matcher(pairs: list[tuple[str, str]]) -> tuple[re.Pattern[str], dict[str, str]]:
    table = {surface: key for surface, key in pairs}
    # li- before the article drops its alif: "الاحتلال" -> "للاحتلال" ("of the occupation").
    table.update({"ل" + surface[1:]: key for surface, key in pairs
                  if surface.startswith("ال") and "ل" + surface[1:] not in table})
    pattern = re.compile(_PREFIX + "(" + _alternation(list(table)) + r")(?![\u0621-\u064A])")
    return pattern, table


class ArabicExtractor:
    def __init__(self, actors: ActorRegistry, places: PlaceRegistry,
                 path: Path | None = None) -> None:
        import pysbd

        raw = load_yaml(path or data_path("lexicon-ar.yaml"))
        self.actors = actors
        self.places = places
        self._segmenter = pysbd.Segmenter(language="ar", clean=False, char_span=True)
        self._actors, self._actor_ids = _matcher(
            [(s, i) for s, i in actors.names() if _ARABIC.search(s)])
        # Only places curated for Truce or large enough to be named reliably: GeoNames'
        # Arabic names of hamlets include everyday words ("وقف").
        trusted = {p.id for p in places if places.is_curated(p.id) or
                   p.kind in ("city", "country", "region", "governorate", "crossing", "camp")}
        self._places, self._place_ids = _matcher(
            [(s, i) for s, i in places.names() if _ARABIC.search(s) and i in trusted])
        self._triggers = [(re.compile(_PREFIX + "(" + _alternation(t["stems"]) + ")"), t)
                          for t in raw["triggers"]]
        self._say = re.compile(_PREFIX + "(" + _alternation(raw["say"]) + r")\s")
        self._topics = {topic: re.compile(_alternation(words))
                        for topic, words in raw["topics"].items()}
        self._quantities = [
            (kind, re.compile(r"([0-9٠-٩]+)\s*(?:\S+\s+)?(?:" + _alternation(words) + ")"))
            for kind, words in raw["quantities"].items()]
        self._weekdays = raw["weekdays"]
        self._relative = raw["relative"]

    def events_of(self, report: Report) -> list[Event]:
        events: list[Event] = []
        for start, sentence in self._sentences(report.text):
            events.extend(self._sentence(report, sentence, start))
        return events

    def _sentences(self, text: str) -> list[tuple[int, str]]:
        """pysbd's sentences, rejoined where it cut at an Arabic comma: "استشهد فلسطينيان،
        وأصيب آخرون، في قصف ..." is one sentence about one strike."""
        joined: list[tuple[int, str]] = []
        for span in self._segmenter.segment(text):
            if joined and joined[-1][1].rstrip().endswith("،") and \
                    "\n" not in joined[-1][1].rstrip():
                start = joined[-1][0]
                joined[-1] = (start, text[start: span.start + len(span.sent)])
            else:
                joined.append((span.start, span.sent))
        return joined

    def _hits(self, pattern: re.Pattern[str], table: dict[str, str], text: str) -> list[_Hit]:
        return [_Hit(m.start(1), m.end(1), table[m.group(1)], m.group(1))
                for m in pattern.finditer(text)]

    def _sentence(self, report: Report, text: str, offset: int) -> list[Event]:
        stripped = text.rstrip()
        # "وقف إطلاق النار" is the ceasefire, not gunfire: hide it from the event words.
        scan = _CEASEFIRE.sub(lambda m: " " * len(m.group(0)), stripped)
        actors = self._hits(self._actors, self._actor_ids, stripped)
        places = self._hits(self._places, self._place_ids, stripped)
        claimant_hit = self._claimant(stripped, actors)
        found: list[Event] = []
        seen: set[str] = set()
        for pattern, entry in self._triggers:
            match = pattern.search(scan)
            if match is None or entry["type"] in seen:
                continue
            seen.add(entry["type"])
            at = match.start(1)
            others = [a for a in actors if a is not claimant_hit]
            before = [a for a in others if a.end <= at]
            after = [a for a in others if a.start >= match.end(1)]
            if entry.get("speech"):
                # Verb first: "اتهمت حماس إسرائيل ..." is Hamas accusing Israel.
                actor = claimant_hit or (after[0] if after else before[-1] if before else None)
                rest = [a for a in after if a is not actor]
                recipient = rest[0] if rest else None
                claimant = None
            else:
                actor = self._demonym_after(scan, match.end(1)) or self._owner_after(
                    stripped, match.end(1), after) or (
                    after[0] if after and after[0].start - match.end(1) <= 2 else
                    before[-1] if before else None)
                recipient = next((a for a in after if a is not actor and
                                  len(stripped[match.end(1): a.start].split()) <= 6), None)
                claimant = claimant_hit
            found.append(Event(
                doc=report.doc, event_type=entry["type"], mode=entry.get("mode"),
                status="asserted", topic=self._topic(stripped, entry),
                actor=self._entity(actor), recipient=self._entity(recipient),
                claimant=self._entity(claimant), date=self._date(stripped, report.published),
                location=self._location(places, speech=bool(entry.get("speech"))),
                quantities=self._figures(stripped) if entry["type"] in ("ASSAULT", "ACCUSE",
                                                                         "AID") else [],
                evidence=Evidence(offset, offset + len(stripped), stripped),
            ))
        return found

    def _demonym_after(self, text: str, end: int) -> _Hit | None:
        """"غارات إسرائيلية": a nationality adjective after the noun names the armed forces."""
        match = _ISRAELI.match(text, end)
        if match is None:
            return None
        return _Hit(match.start(1), match.end(1), "isr.idf", match.group(1))

    def _owner_after(self, text: str, end: int, after: list[_Hit]) -> _Hit | None:
        """"قصف طائرة مسيرة تابعة لجيش الاحتلال": the actor joined to the act by the
        preposition li- ("of", "belonging to") within a few words is whose act it is."""
        for hit in after:
            between = text[end: hit.start]
            if len(between.split()) > 4 or hit.start == 0:
                return None
            if text[hit.start - 1] == "ل" or hit.text.startswith("لل"):
                return hit
        return None

    def _claimant(self, text: str, actors: list[_Hit]) -> _Hit | None:
        """"قالت وزارة الصحة ..." / "بحسب الدفاع المدني" / "أفادت وكالة الأنباء الفلسطينية
        "وفا"": the first actor within a few words after a verb of saying."""
        for say in self._say.finditer(text):
            following = [a for a in actors if a.start >= say.end(1) and
                         len(text[say.end(1): a.start].split()) <= 4 and
                         self._triggerless(text[say.end(1): a.start])]
            if following:
                return following[0]
        return None

    def _triggerless(self, text: str) -> bool:
        return not any(pattern.search(text) for pattern, _ in self._triggers)

    def _entity(self, hit: _Hit | None) -> Entity | None:
        if hit is None:
            return None
        return Entity(hit.key, self.actors.name(hit.key), hit.text)

    def _topic(self, text: str, entry: dict) -> str:
        if entry["type"] == "ASSAULT":
            return "hostilities"
        for topic, pattern in self._topics.items():
            if pattern.search(text):
                return topic
        return entry["topic"]

    def _location(self, places: list[_Hit], speech: bool = False) -> Location | None:
        if speech:  # a country named in an accusation is its target, not where it happened
            places = [h for h in places if self.places.get(h.key).kind != "country"]
        if not places:
            return None
        chosen = min(places, key=lambda h: PRECISION_RANK.get(
            PRECISION_BY_KIND.get(self.places.get(h.key).kind, "town"), 9))
        place = self.places.get(chosen.key)
        return Location(place.name, place.lat, place.lon, place.country,
                        PRECISION_BY_KIND.get(place.kind, "town"), chosen.text)

    def _date(self, text: str, published: date | None) -> DateRef | None:
        if published is None:
            return None
        for word, english in self._weekdays.items():
            if word in text:
                resolved = resolve_english(english, published)
                return DateRef(resolved.value, "day", word) if resolved else None
        for word, days in self._relative.items():
            if word in text:
                return DateRef((published + timedelta(days=days)).isoformat(), "day", word)
        return DateRef(published.isoformat(), "day", None)

    def _figures(self, text: str) -> list[Quantity]:
        found = []
        for kind, pattern in self._quantities:
            for match in pattern.finditer(text):
                value = int(match.group(1).translate(_DIGITS))
                found.append(Quantity(kind, value, False, match.group(0)))
        return found

