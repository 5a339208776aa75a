"""Location: the most precise registry place the sentence gives for the event.

Places in the trigger's own phrase come first ("strikes on Khan Younis"), then
the nearest place in the sentence. A place standing as the subject of a speech
verb ("Cairo said") is an actor, not a location. Direction words ("east of")
are kept in the evidence text; the coordinates are the named place's.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from truce.extract.attribution import SAY_VERBS
from truce.extract.cues import lemma
from truce.extract.docindex import ents_in
from truce.extract.entities import PLACE
from truce.extract.resolve import AGENT_NOUNS
from truce.model import Location
from truce.registry.places import PRECISION_BY_KIND, PRECISION_RANK, Place, PlaceRegistry

_DIRECTIONS = frozenset({"east", "west", "north", "south", "northeast", "northwest", "southeast",
                         "southwest", "eastern", "western", "northern", "southern", "central",
                         "outskirts", "near", "edge", "centre", "center"})


# "the city", "the town", "the territory": the place the report last named at that scale.
_BACK_REFERENCES = {"city": "town", "town": "town", "village": "town", "camp": "town",
                    "neighbourhood": "neighbourhood", "territory": "region", "strip": "region",
                    "enclave": "region", "area": "town"}


class Locator:
    def __init__(self, places: PlaceRegistry) -> None:
        self.places = places

    def back_reference(self, sentence: Span, trigger: Token,
                       recent: dict[str, Location]) -> Location | None:
        """A place named only as "the city" or "east of the town", read as the last one."""
        for token in sentence:
            scale = _BACK_REFERENCES.get(token.lower_)
            if scale and any(c.lower_ == "the" for c in token.children) and \
                    governs(token, trigger) and scale in recent:
                place = recent[scale]
                return Location(place.name, place.lat, place.lon, place.country,
                                place.precision, _phrase_of(token))
        return None

    def candidates(self, sentence: Span) -> list[Span]:
        """Place names used as places: "in Rafah", "the Rafah crossing", "east of Khiam";
        not places standing for governments ("accused Israel", "Cairo said")."""
        found = []
        for ent in ents_in(sentence):
            if ent.label_ not in (PLACE, "GPE", "LOC", "FAC"):
                continue
            place = self._place(ent)
            if place is not None and not _source_affiliation(ent) and (
                    place.kind in _SITES or _used_as_place(ent)):
                found.append(ent)
        return found

    def locate(self, trigger: Token, sentence: Span, prefer: tuple[str, ...] = ()
               ) -> Location | None:
        candidates = [e for e in self.candidates(sentence) if governs(e.root, trigger)]
        if not candidates:
            return None
        subtree = {t.i for t in trigger.subtree}

        def key(ent: Span) -> tuple[int, int, int]:
            place = self._place(ent, prefer)
            rank = PRECISION_RANK.get(place.precision, 3) if place else 6
            return (ent.root.i not in subtree, rank, abs(ent.root.i - trigger.i))

        best = min(candidates, key=key)
        return self.location(best, prefer)

    def location(self, ent: Span, prefer: tuple[str, ...] = ()) -> Location | None:
        place = self._place(ent, prefer)
        if place is None:
            return None
        return Location(name=place.name, lat=place.lat, lon=place.lon, country=place.country,
                        precision=PRECISION_BY_KIND.get(place.kind, "town"), text=_phrase(ent))

    def _place(self, ent: Span, prefer: tuple[str, ...] = ()) -> Place | None:
        """The gazetteer place an entity names, read in the report's likely countries."""
        return self.places.lookup(ent.text, prefer) or (
            self.places.get(ent.kb_id_) if ent.label_ == PLACE else None)


_AGREEMENT_NOUNS = frozenset({"agreement", "deal", "accord", "ceasefire", "truce", "declaration",
                              "plan", "understanding", "arrangement", "treaty"})
# Places that are only ever places, whatever their role in the sentence ("closed the crossing").
_SITES = frozenset({"crossing", "landmark", "line", "camp", "neighbourhood"})
_LOCATIVE_PREPS = frozenset({
    "in", "at", "near", "across", "around", "outside", "inside", "throughout", "within", "from",
    "into", "to", "toward", "towards", "on", "over", "along", "off", "beyond", "between",
    "through", "via", "onto", "past", "north", "south", "east", "west", "behind", "under",
})
_PLACE_NOUNS = frozenset({"area", "outskirts", "edge", "centre", "center", "part", "side",
                          "city", "town", "village", "camp", "border", "south", "north", "east",
                          "west", "heart", "vicinity", "neighbourhood", "district", "crossing",
                          "suburb", "region", "strip", "territory", "coast", "shore"})


def _used_as_place(ent: Span) -> bool:
    """Is this place name where something happens, rather than an actor or a name part?"""
    root = ent.root
    dep, head = root.dep_, root.head
    doc = ent.doc
    if ent.end < len(doc) and doc[ent.end].text == "-":
        return False  # "Iran-backed", "Gaza-based": a modifier, not a place
    if dep == "pobj":
        if head.lower_ == "between" and lemma(head.head) in _AGREEMENT_NOUNS:
            return False  # "a ceasefire between Israel and Hezbollah": the parties
        preposition = head.lower_
        if preposition == "from" and head.head.pos_ in ("NOUN", "PROPN"):
            return False  # "a lawmaker from Baalbek": where a person is from
        if preposition in _LOCATIVE_PREPS:
            return True
        if preposition == "of":
            return head.head.lower_ in _DIRECTIONS or lemma(head.head) in _PLACE_NOUNS
        return False
    if dep in ("compound", "nmod", "amod"):
        # "the Rafah crossing", "Gaza City's Rimal district" — not "the Gaza ceasefire"
        return lemma(head) in _PLACE_NOUNS or head.pos_ == "PROPN"
    if dep == "poss":
        return lemma(head) in _PLACE_NOUNS
    if dep in ("npadvmod", "appos", "conj", "ROOT", "dobj") and lemma(head) not in SAY_VERBS:
        # "Rafah, Khan Younis and Gaza City"; headlines; "entered Gaza", "left Lebanon"
        return dep != "dobj" or lemma(head) in {"enter", "leave", "reach", "cross", "hit",
                                               "strike", "shell", "bomb", "raid", "storm"}
    return False


def _source_affiliation(ent: Span) -> bool:
    """"medics at Nasser Hospital said", "staff at Al-Aqsa Hospital": where a source works."""
    root = ent.root
    head = root.head
    return root.dep_ == "pobj" and head.lower_ in ("at", "in", "from") and \
        lemma(head.head) in AGENT_NOUNS and head.head.dep_ in ("nsubj", "pobj")


def governs(token: Token, trigger: Token) -> bool:
    """True when ``token`` belongs to the trigger's clause or one enclosing it, not to
    another clause of the sentence ("a mechanism used in January")."""
    if token in trigger.subtree:
        node = token.head
        while node != trigger and node.head != node:
            if node.pos_ in ("VERB", "AUX") and (node.dep_ in ("relcl", "ccomp") or (
                    node.dep_ == "acl" and lemma(node.head) in _AGREEMENT_NOUNS)):
                return False  # inside a clause of its own ("the deal signed in Washington")
            node = node.head
        return True
    verb = token.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head != verb:
        if verb == trigger:
            return True
        verb = verb.head
    if verb in (trigger, trigger.head):
        return True
    return verb in list(trigger.ancestors)


def _phrase_of(token: Token) -> str:
    doc = token.doc
    start = token.left_edge.i
    if start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in _DIRECTIONS:
        start -= 2
    return doc[start: token.i + 1].text


def _phrase(ent: Span) -> str:
    """The place with its direction words: "east of Khan Younis", "in eastern Gaza City"."""
    doc = ent.doc
    start = ent.start
    if start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in _DIRECTIONS:
        start -= 2
        if start >= 1 and doc[start - 1].lower_ in ("the",):
            start -= 1
    elif start >= 1 and doc[start - 1].lower_ in _DIRECTIONS:
        start -= 1
    return doc[start: ent.end].text
