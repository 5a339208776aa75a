"""Location: the most precise registry place the sentence gives for the event.

Places in the trigger's own phrase come first ("strikes on Khan Younis"), then its own
clause, then the clauses around it; a place in an adverbial clause of the trigger's is a
fallback. A place in a coordinated clause of another act, where a reported act was said
("Saar said in Jerusalem that ..."), or standing as the subject of a speech verb ("Cairo
said") does not place the act. Direction words ("east of") are kept in the evidence text;
the coordinates are the named place's.

Beyond its sentence, an act is placed only where the report itself ties it to a placed
one: named again ("the attack", "This is a blatant violation"), told again with the same
figures, or said at a meeting the report places (codebook: where a speech act was said).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from truce.extract.cues import SAY_VERBS, lemma
from truce.extract.docindex import ents_in
from truce.extract.entities import ACTOR, PLACE
from truce.extract.resolve import AGENT_NOUNS
from truce.model import Event, Location, entity_ids
from truce.registry.demonyms import Demonyms
from truce.registry.places import PRECISION_BY_KIND, PRECISION_RANK, Place, PlaceRegistry

_DIRECTIONS = frozenset({"east", "west", "north", "south", "northeast", "northwest", "southeast",
                         "southwest", "eastern", "western", "northern", "southern", "central",
                         "outskirts", "near", "edge", "centre", "center"})


# "the city", "the town", "the territory": the place the report last named at that scale.
_BACK_REFERENCES = {"city": "town", "town": "town", "village": "town", "camp": "town",
                    "neighbourhood": "neighbourhood", "territory": "region", "strip": "region",
                    "enclave": "region", "area": "town", "crossing": "crossing",
                    "site": "site", "facility": "site", "plant": "site", "station": "site"}
# The scale at which a named place can be referred back to.
_SCALE = {"neighbourhood": "neighbourhood", "town": "town", "district": "region",
          "region": "region"}


# Nouns that, after a nationality, name the whole of that state's land.
_TERRITORY_NOUNS = frozenset({"territory", "soil", "land", "airspace", "waters"})


_SITUATING = frozenset({"locate", "situate", "lie", "sit"})


def _situates_another(token: Token, stop: Token) -> bool:
    """Whether a place only situates another: "between Israel and Gaza", "a village located
    between the cities of Sidon and Tyre" (below the act, up to it)."""
    for ancestor in token.ancestors:
        if ancestor == stop:
            return False
        if ancestor.lower_ == "between" or (ancestor.dep_ == "acl" and
                                            ancestor.lemma_.lower() in _SITUATING):
            return True
    return False


class Locator:
    def __init__(self, places: PlaceRegistry, demonyms: Demonyms | None = None) -> None:
        self.places = places
        self.demonyms = demonyms
        self._countries = {p.country: p for p in places if p.kind == "country"}

    def back_reference(self, sentence: Span, trigger: Token, recent: dict[str, Location],
                       prefer: tuple[str, ...] = (), speech: bool = False) -> Location | None:
        """A place named only as "the city", "that area" or "east of the town", read as the
        last one; "the territory" may be one named earlier in the sentence in any role
        ("Gaza's Health Ministry said ... across the territory"). For a speech act, the
        place it speaks about ("urged the mediators to make sure the crossing opened")."""
        for token in sentence:
            scale = _BACK_REFERENCES.get(token.lower_)
            if not scale or not any(c.lower_ in _BACK_DETERMINERS for c in token.children) \
                    or not governs(token, trigger, content=speech):
                continue
            before = self._regions(sentence.doc[sentence.start:token.i], prefer)
            place = before[-1] if scale == "region" and before else recent.get(scale)
            if place is not None:
                return Location(place.name, place.lat, place.lon, place.country,
                                place.precision, _phrase_of(token))
        return None

    def remember(self, sentence: Span, prefer: tuple[str, ...],
                 recent: dict[str, Location]) -> None:
        """Note the places a sentence names by the scale at which "the ..." names them again
        ("the crossing", "the town"); a region counts in any role ("the territory" after
        "Gaza's Health Ministry")."""
        for place in self._regions(sentence, prefer):
            recent["region"] = place
        for ent in self.candidates(sentence):
            place = self.location(ent, prefer)
            scale = self.scale(ent, prefer)
            if place is not None and scale is not None:
                recent[scale] = place

    def _regions(self, span: Span, prefer: tuple[str, ...]) -> list[Location]:
        """The regions (not countries) a span names, in any role."""
        found = []
        for ent in ents_in(span):
            place = self._place(ent, prefer) if ent.label_ in (PLACE, "GPE", "LOC") else None
            if place is not None and _SCALE.get(place.precision) == "region" and \
                    (location := self.location(ent, prefer)) is not None:
                found.append(location)
        return found

    def candidates(self, sentence: Span) -> list[Span]:
        """Place names used as places: "in Rafah", "the Rafah crossing", "east of Khiam";
        not places standing for governments ("accused Israel", "Cairo said", "the White
        House urged")."""
        found = [ent for ent in self._national_territories(sentence) if _used_as_place(ent)]
        for ent in ents_in(sentence):
            seat = ent.label_ == ACTOR
            if seat:
                ent = _seat(ent)
            if ent is None or ent.label_ not in (PLACE, "GPE", "LOC", "FAC"):
                continue
            place = self._place(ent)
            if seat and (place is None or PRECISION_RANK.get(place.precision, 3) > 2):
                continue  # "the UN Interim Force in Lebanon": a mission's area, not a seat
            if place is not None and (seat or not _source_affiliation(ent)) and \
                    not _reference_point(ent) and not _speaks(first_conjunct(ent.root)) and (
                    place.kind in _SITES or _used_as_place(ent)):
                found.append(ent)
        return found

    def _national_territories(self, sentence: Span) -> list[Span]:
        """"Ukrainian territory", "Congolese soil": the state's country, as a place span."""
        if self.demonyms is None:
            return []
        found = []
        for token in sentence:
            if lemma(token) not in _TERRITORY_NOUNS:
                continue
            for word in token.children:
                demonym = self.demonyms.get(word.text) if word.dep_ == "amod" else None
                country = self._countries.get(demonym.country) if demonym else None
                if country is not None:
                    found.append(Span(sentence.doc, word.i, token.i + 1, label=PLACE,
                                      kb_id=country.id))
        return found

    def _line_side(self, ent: Span, prefer: tuple[str, ...]) -> bool:
        """Is the place one side of a line ("east of the yellow line", "beyond the Blue
        Line"): somewhere along its length, not a place of its own?"""
        place = self._place(ent, prefer)
        doc = ent.doc
        before = doc[ent.start - 1] if ent.start >= 1 else None
        if place is None or place.kind != "line" or before is None:
            return False
        return before.lower_ == "beyond" or (
            before.lower_ == "of" and ent.start >= 2 and doc[ent.start - 2].lower_ in _DIRECTIONS)

    def locate(self, trigger: Token, sentence: Span, prefer: tuple[str, ...] = (),
               speech: bool = False, known: Location | None = None,
               meeting: bool = False) -> Location | None:
        """The place of the trigger's act; for a speech act (``speech``), where it was said
        counts too; for talks (``meeting``), where they were held, not what they were about.
        A side of a line ("east of the yellow line") yields to any other place the sentence
        gives, then to the place the act already has (``known``)."""
        places = self.candidates(sentence)
        candidates = [e for e in places
                      if _may_place(e.root, trigger, speech)
                      and not (meeting and _topic_of_talks(e.root, trigger))]
        candidates += self._named_after(trigger, sentence)
        candidates = self._without_wider_appositions(candidates, places, prefer)
        sides = [e for e in candidates if self._line_side(e, prefer)]
        if sides and len(sides) < len(candidates):
            candidates = [e for e in candidates if e not in sides]
        elif sides and known is not None:
            return known
        if not candidates:
            return None
        subtree = {t.i for t in trigger.subtree}

        def key(ent: Span) -> tuple[bool, bool, bool, int, int]:
            place = self._place(ent, prefer)
            rank = PRECISION_RANK.get(place.precision, 3) if place else 6
            return (_subordinate_clause(ent.root, trigger), ent.root.i not in subtree,
                    _enclosing_clause(ent.root, trigger), rank, abs(ent.root.i - trigger.i))

        best = min(candidates, key=key)
        return self.enclosing(best, candidates, prefer) or self.location(best, prefer)

    def _without_wider_appositions(self, candidates: list[Span], sentence_places: list[Span],
                                   prefer: tuple[str, ...]) -> list[Span]:
        """"In Bint Jbeil, Lebanon", "in Doha, Qatar, where talks go on": a wider place set
        beside a place to say where that one lies stands for it, not for a place of its
        own."""
        places = {e.root: e for e in sentence_places}

        def rank(ent: Span) -> int:
            place = self._place(ent, prefer)
            return PRECISION_RANK.get(place.precision, 3) if place else 6

        kept: list[Span] = []
        for ent in candidates:
            head = places.get(ent.root.head) if ent.root.dep_ == "appos" else None
            chosen = head if head is not None and rank(head) < rank(ent) else ent
            if chosen not in kept:
                kept.append(chosen)
        return kept

    def pronoun_place(self, trigger: Token, sentence: Span,
                      prefer: tuple[str, ...] = ()) -> Location | None:
        """"Escorted residents into Yaroun and Dhayra after Israeli forces pulled back from
        them": a pronoun standing for places the sentence named before it is those places
        (the first of them)."""
        # "pulled back from them": the parser may hang the phrase on the particle
        heads = [trigger, *(c for c in trigger.children if c.dep_ in ("advmod", "prt"))]
        for prep in (c for head in heads for c in head.children):
            if prep.dep_ != "prep" or prep.lower_ not in _MOVEMENT_PREPS:
                continue
            for pronoun in prep.children:
                if pronoun.dep_ == "pobj" and pronoun.lower_ in ("them", "it"):
                    before = [e for e in ents_in(sentence) if e.label_ == PLACE and
                              e.end <= pronoun.i and self._place(e, prefer) is not None]
                    if before:
                        return self.location(before[0], prefer)
        return None

    def _named_after(self, trigger: Token, sentence: Span) -> list[Span]:
        """A place naming the act itself ("the Rafah attack", "the Kherson strike"); not a
        country or region, which names a side as often ("an Israel strike")."""
        if trigger.pos_ != "NOUN" or lemma(trigger) in _AGREEMENT_NOUNS:
            return []
        return [e for e in ents_in(sentence)
                if e.label_ in (PLACE, "GPE", "LOC") and e.root.head == trigger and
                e.root.dep_ in ("compound", "nmod") and (place := self._place(e)) is not None
                and PRECISION_RANK.get(place.precision, 3) <= PRECISION_RANK["town"]]

    def enclosing(self, best: Span, candidates: list[Span], prefer: tuple[str, ...] = ()
                  ) -> Location | None:
        """The place holding several coordinated regions ("the south and the Bekaa" is
        Lebanon, "the Kherson and Poltava regions" Ukraine); None for a single place, for
        towns, or where the gazetteer has no such unit."""
        conjuncts = sorted(_coordination(best.root), key=lambda t: t.i)
        if len(conjuncts) < 2:
            return None
        by_root = {e.root: e for e in candidates}
        unit = _unit_noun(best)
        places = [p for t in conjuncts if (p := self._conjunct(t, by_root, unit, prefer))]
        if len({p.id for p in places}) < 2:
            return None
        whole = _common_unit(places, self.places)
        if whole is None:
            return None
        doc = best.doc
        start = by_root[conjuncts[0]].start if conjuncts[0] in by_root else conjuncts[0].i
        end = max(by_root[t].end if t in by_root else t.i + 1 for t in conjuncts)
        if unit:
            end = max(end, conjuncts[0].head.i + 1)  # "Kherson and Poltava regions"
        return Location(name=whole.name, lat=whole.lat, lon=whole.lon, country=whole.country,
                        precision=whole.precision, text=doc[start:end].text)

    def spread(self, trigger: Token, sentence: Span, prefer: tuple[str, ...] = ()
               ) -> list[Location]:
        """The places an act is said to happen at together: "struck the outskirts of Janta
        and several areas near Nabatieh", "near Naqoura and in Aitaroun", "Rafah and Zikim
        remain shut" (one place each; fewer than two means the act has one place)."""
        places = self.candidates(sentence)
        candidates = self._without_wider_appositions(
            [e for e in places if _may_place(e.root, trigger, False)], places, prefer)
        by_root = {e.root: e for e in candidates}
        anchor = trigger.head if trigger.dep_ in ("acomp", "xcomp") else trigger
        clause = _own_clause(anchor)
        for ent in candidates:
            if ent.root.i not in clause:
                continue
            group = sorted(_coordination(ent.root) | _coordinated_preps(ent.root),
                           key=lambda t: t.i)
            if any(_situates_another(t, anchor) for t in group) or \
                    first_conjunct(ent.root).dep_ in ("compound", "amod", "nmod"):
                continue  # "between Israel and Gaza", "the Kursk and Belgorod regions": one
            # "several areas near Nabatieh": a conjunct placed by its own phrase
            group = [t if t in by_root else next(
                (o for prep in t.children if prep.dep_ == "prep"
                 for o in prep.children if o in by_root), t) for t in group]
            places = [p for t in group if t in by_root
                      and (p := self.location(by_root[t], prefer)) is not None]
            if len({p.name for p in places}) == 2:
                return places  # a longer list sums up one campaign: one record
        return []

    def _conjunct(self, token: Token, by_root: dict[Token, Span], unit: str | None,
                  prefer: tuple[str, ...]) -> Place | None:
        """The place one conjunct names: a place entity, or a name before a shared unit
        noun ("Poltava" in "the Kherson and Poltava regions")."""
        if token in by_root:
            return self._place(by_root[token], prefer)
        return self.places.lookup(f"{token.text} {unit}", prefer) if unit else None

    def location(self, ent: Span, prefer: tuple[str, ...] = ()) -> Location | None:
        place, text = self._place(ent, prefer), _phrase(ent)
        if _several_parts(ent):
            # "in northern and southern Gaza": the parts together are the whole
            place = self.places.lookup(ent[1:].text, prefer) or place
            text = ent.doc[ent.start - 2: ent.end].text
        if place is None:
            return None
        return Location(name=place.name, lat=place.lat, lon=place.lon, country=place.country,
                        precision=PRECISION_BY_KIND.get(place.kind, "town"), text=text)

    def scale(self, ent: Span, prefer: tuple[str, ...] = ()) -> str | None:
        """What "the ..." would name this place again: "the crossing", "the site" (a
        facility named after its place: "the Sudzha gas station"), "the town", ..."""
        place = self._place(ent, prefer)
        if place is None:
            return None
        if place.kind == "crossing":
            return "crossing"
        if ent.root.pos_ == "NOUN" and lemma(ent.root) in _SITE_NOUNS:
            return "site"
        return _SCALE.get(place.precision)

    def _place(self, ent: Span, prefer: tuple[str, ...] = ()) -> Place | None:
        """The gazetteer place an entity names, read in the report's likely countries;
        "Kherson" in "the Kherson and Poltava regions" is the region."""
        unit = _unit_noun(ent)
        if unit and (place := self.places.lookup(f"{ent.text} {unit}", prefer)):
            return place
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
# Facilities named after their place: "the Sudzha gas station", "the Khan Younis aid point".
_SITE_NOUNS = frozenset({"station", "plant", "facility", "airport", "port", "base", "point",
                         "hospital", "checkpoint", "outpost", "position", "bridge", "crossing"})
_PLACE_NOUNS = frozenset({"area", "outskirts", "edge", "centre", "center", "part", "side",
                          "city", "town", "village", "camp", "border", "south", "north", "east",
                          "west", "heart", "vicinity", "neighbourhood", "district", "crossing",
                          "suburb", "region", "strip", "territory", "coast", "shore", "sector",
                          "province", "governorate", "front", "valley", "hill", "countryside"})


def _seat(actor: Span) -> Span | None:
    """The place an actor's name puts it in ("the Foreign Office in Islamabad"), as a
    place span; None if its name gives none."""
    preps = [t for t in actor if t.lower_ in ("in", "at") and t.i > actor.start]
    if not preps or preps[-1].i + 1 >= actor.end:
        return None
    return Span(actor.doc, preps[-1].i + 1, actor.end, label="GPE")


def _used_as_place(ent: Span) -> bool:
    """Is this place name where something happens, rather than an actor or a name part?"""
    doc = ent.doc
    if ent.end < len(doc) and doc[ent.end].text == "-":
        return False  # "Iran-backed", "Gaza-based": a modifier, not a place
    if ent.root.pos_ == "NOUN" and lemma(ent.root) in _SITE_NOUNS and not _speaks(ent.root):
        return True  # "the Sudzha gas metering station": a named site, whatever its role
    if len(ent) > 1 and ent[0].lower_ in _DIRECTIONS:
        return True  # "south of the Litani", "northern Gaza": a relative place is a place
    return _in_place_role(first_conjunct(ent.root))


_UNIT_KINDS = frozenset({"region", "governorate", "district", "country"})


def _common_unit(places: list[Place], registry: PlaceRegistry) -> Place | None:
    """The unit holding several coordinated regions: their shared province, else their
    country. Two towns are left alone (a point inside the area, and acts in two towns are
    often two acts); three or more ("from Uri, Kupwara, Poonch or Rajouri") are their
    shared province, if they have one."""
    countries = {p.country for p in places}
    if len(countries) != 1:
        return None
    country = countries.pop()
    towns = any(PRECISION_RANK.get(p.precision, 3) < PRECISION_RANK["region"] for p in places)
    if towns and len({p.id for p in places}) < 3:
        return None
    provinces = {p.admin1 for p in places}
    if len(provinces) == 1 and (province := provinces.pop()):
        unit = registry.lookup(province, (country,))
        if unit is not None and unit.kind in _UNIT_KINDS and unit.country == country:
            return unit
    if towns:
        return None
    return next((p for p in registry if p.kind == "country" and p.country == country), None)


def _coordination(token: Token) -> set[Token]:
    """All conjuncts of the coordination a word belongs to ("Uri", "Kupwara", "Poonch"); a
    list the parser cut into an apposition and a coordination ("Uri, Kupwara, Poonch or
    Rajouri") is one."""
    head = _list_head(token)
    return {head, *(t for t in head.subtree
                    if t.dep_ in ("conj", "appos") and _list_head(t) == head)}


def _list_head(token: Token) -> Token:
    """The first item of a list of places, climbing conjuncts and place appositions."""
    while token.head != token and (token.dep_ == "conj" or (
            token.dep_ == "appos" and token.ent_type_ == PLACE and token.head.ent_type_ == PLACE)):
        token = token.head
    return token


def _own_clause(verb: Token) -> set[int]:
    """Token indices of a word's own clause: its subtree less the clauses hung on it."""
    inner = {t.i for child in verb.children
             if child.dep_ in ("conj", "ccomp", "advcl", "relcl", "parataxis")
             and child.pos_ in ("VERB", "AUX") for t in child.subtree}
    return {t.i for t in verb.subtree} - inner


def _coordinated_preps(token: Token) -> set[Token]:
    """Objects of prepositions joined to this word's ("near Naqoura and in Aitaroun")."""
    prep = token.head
    if token.dep_ != "pobj" or prep.dep_ not in ("prep", "conj"):
        return set()
    first = first_conjunct(prep)
    preps = {first, *(t for t in first.subtree if t.dep_ == "conj" and t.pos_ == "ADP")}
    return {o for p in preps for o in p.children if o.dep_ == "pobj"}


def first_conjunct(token: Token) -> Token:
    """The head of a coordination: "Egypt" in "Qatar and Egypt urged" is "Qatar", whose
    role (here the subject) the whole coordination shares."""
    while token.dep_ == "conj" and token.head != token:
        token = token.head
    return token


def _in_place_role(root: Token) -> bool:
    """Does this word stand where a place is meant ("in X", "the X crossing", "entered X")?"""
    dep, head = root.dep_, root.head
    if dep == "pobj":
        if head.lower_ == "between" and lemma(head.head) in _AGREEMENT_NOUNS:
            return False  # "a ceasefire between Israel and Hezbollah": the parties
        preposition = head.lower_
        if preposition == "from" and _is_person(head.head):
            return False  # "a lawmaker from Baalbek": where a person is from
        if preposition == "to" and any(c.lower_ in _FARTHER for c in head.children):
            return False  # "in Khan Younis, further to the south": a bearing, not a place
        if preposition in _LOCATIVE_PREPS:
            return True
        if preposition == "of":
            # "east of Khiam", "the town of Khiam", "pulled out of Khiam"
            return head.head.lower_ in _DIRECTIONS or head.head.lower_ == "out" or \
                lemma(head.head) in _PLACE_NOUNS
        return False
    if dep in ("compound", "nmod", "amod"):
        # "the Rafah crossing", "the Khan Younis aid point" — not "the Gaza ceasefire"
        while head.dep_ == "compound" and head.head != head:
            head = head.head
        if head.lower_ in _BODY_WORDS:
            return False  # "the Burundi National Defence Force", "the Gaza Health Ministry"
        return lemma(head) in _PLACE_NOUNS or lemma(head) in _SITE_NOUNS or \
            head.pos_ == "PROPN"
    if dep == "poss":
        return lemma(head) in _PLACE_NOUNS
    if dep in ("npadvmod", "appos", "ROOT", "dobj") and lemma(head) not in SAY_VERBS:
        # "Rafah, Khan Younis and Gaza City"; headlines; "entered Gaza", "left Lebanon"
        return dep != "dobj" or lemma(head) in {"enter", "leave", "reach", "cross", "hit",
                                               "strike", "shell", "bomb", "raid", "storm",
                                               "target", "attack", "bombard", "pound"}
    return False


_MOVEMENT_PREPS = frozenset({"from", "into", "to", "in", "out", "inside", "near"})
_BODY_WORDS = frozenset({"force", "forces", "army", "ministry", "council", "authority",
                         "agency", "party", "movement", "front", "brigade", "brigades", "guard",
                         "police", "government", "office", "command", "committee", "service"})
_FARTHER = frozenset({"further", "farther", "deeper", "more"})
_PERSON_NOUNS = frozenset({"lawmaker", "mp", "deputy", "member", "man", "woman", "child",
                           "person", "people", "boy", "girl", "refugee", "native", "cleric",
                           "suspect"})


def _is_person(token: Token) -> bool:
    """"a lawmaker from Baalbek", "Hezbollah's MP", "Fadi from Tyre": a person, whose
    "from" is where they come from (unlike "withdrawal from south Lebanon")."""
    return token.ent_type_ in ("PERSON", ACTOR) or lemma(token) in AGENT_NOUNS or \
        lemma(token) in _PERSON_NOUNS


_UNIT_NOUNS = frozenset({"region", "province", "oblast", "governorate", "district"})


def _unit_noun(ent: Span) -> str | None:
    """The administrative noun a place name modifies ("the Kherson and Poltava regions")."""
    head = first_conjunct(ent.root)
    if head.dep_ not in ("compound", "nmod", "amod"):
        return None
    noun = head.head
    return lemma(noun) if lemma(noun) in _UNIT_NOUNS and noun not in ent else None


def _several_parts(ent: Span) -> bool:
    """Does a place with a direction word follow others of its kind ("northern and
    southern Gaza"), so that the parts named make up the place?"""
    doc = ent.doc
    start = ent.start
    return len(ent) > 1 and ent[0].lower_ in _DIRECTIONS and start >= 2 and \
        doc[start - 1].lower_ in ("and", "or") and doc[start - 2].lower_ in _DIRECTIONS


def _reference_point(ent: Span) -> bool:
    """Is the place only where another one lies ("Tallousa, east of Nabatieh", "a village
    located between Sidon and Tyre")?"""
    if any(a.dep_ == "acl" and a.lemma_.lower() in _SITUATING for a in ent.root.ancestors):
        return True
    doc = ent.doc
    start = ent.start
    if start < 4 or doc[start - 1].lower_ != "of" or doc[start - 2].lower_ not in _DIRECTIONS:
        return False
    before = doc[start - 3]
    return before.text == "," and doc[start - 4].ent_type_ in (PLACE, "GPE", "LOC", "FAC")


def _source_affiliation(ent: Span) -> bool:
    """"medics at Nasser Hospital said", "staff at Al-Aqsa Hospital": where a source works."""
    root = ent.root
    head = root.head
    agent = head.head
    return root.dep_ == "pobj" and head.lower_ in ("at", "in", "from") and \
        lemma(agent) in AGENT_NOUNS and _is_source(agent)


def _is_source(agent: Token) -> bool:
    """Is a person the source of a report ("medics said", "according to medics"), not a
    party to the act ("fired at troops in Rafah", "troops in Rafah opened fire")?"""
    if _speaks(agent):
        return True
    head = agent.head
    return agent.dep_ == "pobj" and (
        (head.lower_ == "to" and head.head.lower_ == "according") or
        (head.lower_ == "by" and lemma(head.head) in SAY_VERBS))


_SPEAKING = SAY_VERBS | {"speak"}


def _speaks(token: Token) -> bool:
    return token.dep_ in ("nsubj", "nsubjpass") and lemma(token.head) in SAY_VERBS


def _has_agent(verb: Token) -> bool:
    """A participle with its own doer ("seized by troops"): an act of its own."""
    return any(c.dep_ == "agent" for c in verb.children)


def _has_subject(verb: Token) -> bool:
    return verb.pos_ in ("VERB", "AUX") and any(
        c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)


def _joined_predicate(token: Token, trigger: Token) -> bool:
    """Is the place in a predicate joined to the trigger's, the same subject's other act?"""
    verb = _clause_verb(token, trigger)
    return verb != trigger and verb.pos_ in ("VERB", "AUX") and (
        (trigger.dep_ == "conj" and trigger.head == verb) or
        (verb.dep_ == "conj" and verb.head == trigger))


def _clause_verb(token: Token, trigger: Token) -> Token:
    """The verb whose clause a word belongs to (the trigger itself if met first)."""
    node = token.head
    while node != trigger and node.pos_ not in ("VERB", "AUX") and node.head != node:
        node = node.head
    return node


_BACK_DETERMINERS = frozenset({"the", "this", "that", "these", "those"})
_ATTACK_NOUNS = frozenset({"attack", "strike", "launch", "fire", "shooting", "raid", "shelling",
                           "incident", "act", "incursion", "bombardment", "operation"})


# What an attack is made with or by, named again when its telling goes on.
_ATTACK_PARTS = frozenset({"projectile", "rocket", "missile", "shell", "mortar", "round",
                           "bullet", "attacker", "gunman", "assailant"})


def continues_attack(trigger: Token) -> bool:
    """Does the act go on telling the one just told, naming its weapons or attackers again
    ("The projectiles fell in open ground", "pushed the attackers back")?"""
    return trigger.pos_ == "VERB" and any(
        c.dep_ in ("nsubj", "nsubjpass", "dobj") and lemma(c) in _ATTACK_PARTS and
        any(d.dep_ == "det" and d.lower_ in _BACK_DETERMINERS for d in c.children)
        for c in trigger.children)


def calls_last_attack(trigger: Token) -> bool:
    """Does a claim point at the attack just told ("This is a blatant violation", "This
    launch is a violation of the ceasefire"), so that it is about that attack's place?"""
    verb = trigger.head if trigger.dep_ in ("attr", "dobj", "oprd") else trigger
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return False
    if subject.lower_ in ("this", "that"):
        return True
    return lemma(subject) in _ATTACK_NOUNS and subject.tag_ == "NN" and any(
        c.dep_ == "det" and c.lower_ in ("this", "that") for c in subject.children)


def refers_back(trigger: Token) -> bool:
    """Is the trigger a definite noun ("the attack", "this handover"), naming an act the
    text has already told, rather than a new one?"""
    return trigger.pos_ == "NOUN" and any(
        c.dep_ == "det" and c.lower_ in _BACK_DETERMINERS for c in trigger.children)


def _may_place(token: Token, trigger: Token, speech: bool) -> bool:
    """Can the place at ``token`` be where the trigger's act happened?"""
    if refers_back(trigger) and trigger.dep_ == "pobj" and token not in trigger.subtree:
        return False  # "flew to Beirut for the handover": the handover told before
    if speech and _subordinate_clause(token, trigger):
        return False  # "accuses Pakistan ... as blasts echo over Srinagar"
    if speech and first_conjunct(token).dep_ == "nsubj" and first_conjunct(token).head == trigger:
        return False  # "the White House urged ...": the speaker, not a place
    if speech and _addressee_place(token, trigger):
        return False  # "calls on the facilitators in Washington and Doha"
    if speech and _joined_predicate(token, trigger):
        return False  # "remains deployed in southern Lebanon and will act against any threat"
    if _threatened(token):
        return False  # "any threat to the State of Israel": the party at risk
    if speech and is_example(token, trigger):
        return False  # "accused Ukraine of 1,000 breaches, including attacks on Kursk"
    if _in_comparison(token, trigger):
        return False  # "will stay open, like the Kerem Shalom crossing"
    if _set_apart(token, trigger):
        return False  # "troops fan out south of the Litani as Israel fires on villagers"
    return _governs_act(token, trigger, speech) and not _sibling_clause(token, trigger) and \
        (speech or not _where_said(token, trigger))


_COMPARISONS = frozenset({"like", "unlike"})


def _addressee_place(token: Token, trigger: Token) -> bool:
    """Is the place where those addressed are ("calls on the facilitators in Washington"),
    not where the appeal was made?"""
    token = first_conjunct(token)
    prep = token.head
    person = prep.head
    if token.dep_ != "pobj" or prep.lower_ not in ("in", "at", "from") or \
            person.pos_ not in ("NOUN", "PROPN"):
        return False
    above = person.head.head if person.head.pos_ == "ADP" else person.head
    return above == trigger and person.dep_ in ("dobj", "pobj", "dative")


_AT_RISK = frozenset({"threat", "danger", "risk", "harm", "menace"})


def _threatened(token: Token) -> bool:
    """"a threat to the State of Israel": the party endangered, not a place."""
    return token.dep_ == "pobj" and token.head.lower_ == "to" and \
        lemma(token.head.head) in _AT_RISK
_TOPIC_PREPS = frozenset({"on", "about", "over", "regarding", "concerning"})


def _topic_of_talks(token: Token, trigger: Token) -> bool:
    """Is the place in what talks were about ("briefed the delegation on Turkish aid to
    Gaza"), not where they were held (not "met on the outskirts of Gaza")?"""
    node, below = token.head, token
    while node != trigger and node.head != node:
        if node.lower_ in _TOPIC_PREPS and node.pos_ == "ADP" and \
                trigger in (node.head, node.head.head) and below != token and \
                lemma(below) not in _PLACE_NOUNS and lemma(below) not in _SITE_NOUNS:
            return True
        node, below = node.head, node
    return False
_TEMPORAL_PREPS = frozenset({"after", "before", "since", "following", "until", "amid"})


def _set_apart(token: Token, trigger: Token) -> bool:
    """Is the trigger in a time phrase or a clause on a noun below the place's ("strikes
    kill 11 in south Lebanon after Hezbollah's first shots", "fired at the position over
    what it called Israeli breaches")? The place is where the main act happened, not this
    one ("Sharm el-Sheikh, where they signed" is the signing's place)."""
    node = trigger
    while token not in node.subtree and node.head != node:
        if node.dep_ in ("relcl", "acl", "pcomp") and _has_subject(node) and \
                token not in node.head.subtree:
            return True  # not "an attack in Rafah, in which gunmen opened fire"
        if node.dep_ == "pobj" and node.head.lower_ in _TEMPORAL_PREPS:
            return True
        node = node.head
    return False


def _in_comparison(token: Token, trigger: Token) -> bool:
    """Is the place in a phrase comparing the act with another ("like the Kerem Shalom
    crossing in the south"), which names that other's place?"""
    node = token
    while node != trigger and node.head != node:
        if node.lower_ in _COMPARISONS and node.pos_ in ("ADP", "SCONJ"):
            return trigger not in node.subtree
        node = node.head
    return False


def _governs_act(token: Token, trigger: Token, speech: bool = False) -> bool:
    """``governs``, where a noun coordinated with others shares their modifiers: "incidents
    or clashes taking place in the Rafah area"; a speech act's place may be in what it says."""
    if governs(token, trigger, content=speech):
        return True
    head = first_conjunct(trigger)
    return head != trigger and trigger.pos_ == "NOUN" and governs(token, head)


def _enclosing_clause(token: Token, trigger: Token) -> bool:
    """Is a place in a clause above the trigger's rather than in the trigger's own ("sign a
    deal in Washington as clashes go on near Walikale": the clashes are near Walikale)?"""
    if token in trigger.subtree:
        return False
    return _clause_verb(token, trigger) not in (trigger, trigger.head)


def _subordinate_clause(token: Token, trigger: Token) -> bool:
    """Is a place in an adverbial clause of the trigger's with a subject of its own ("fired
    after suspects approached them in the south")? Such a place is only a fallback: the act
    may have happened elsewhere ("struck targets after soldiers came under fire in Rafah")."""
    return any(node.dep_ == "advcl" and _has_subject(node) for node in _path_up(token, trigger))


def _sibling_clause(token: Token, trigger: Token) -> bool:
    """Is a place in a coordinated clause with a subject of its own, another act beside the
    trigger's ("a gunman crossed the line, and Israel killed five"; "a strike on Haris
    killed five, while another on Tallousa killed four")?"""
    if any(node.dep_ == "conj" and _has_subject(node) for node in _path_up(token, trigger)):
        return True
    if _other_complement(token, trigger):
        return True
    if token in trigger.subtree:
        return False
    verb = _clause_verb(token, trigger)
    node = trigger
    while node != verb and node.head != node:
        if node.dep_ == "conj" and _has_subject(node):
            return True
        node = node.head
    return False


def _other_complement(token: Token, trigger: Token) -> bool:
    """Is the place in another of coordinated complements than the trigger's ("accused
    Hamas of firing in Rafah and of staging the handover": the handover is not in Rafah)?"""
    node = trigger
    while node.head != node:
        if node.dep_ == "conj" and (node.pos_ == "ADP" or node.head.dep_ == "pcomp"):
            return token in node.head.subtree and token not in node.subtree
        node = node.head
    return False


def is_example(token: Token, trigger: Token) -> bool:
    """Is the place in one example of what a speech act is about ("1,000 breaches, including
    attacks on Kursk", "the violations include incursions beyond the line")?"""
    node = token.head
    while node != trigger and node.head != node:
        if lemma(node) == "include" and (node.dep_ == "prep" or trigger.head == node):
            return True
        node = node.head
    return False


def _path_up(token: Token, trigger: Token) -> list[Token]:
    """The words between a place and the trigger above it; empty if the trigger is not."""
    if token not in trigger.subtree:
        return []
    path, node = [], token.head
    while node != trigger and node.head != node:
        path.append(node)
        node = node.head
    return path


def _where_said(token: Token, trigger: Token) -> bool:
    """Is a place where a report was made rather than where the act it reports happened?
    "Saar said in Jerusalem that ...", "an officer in Tyre said ...": an act in what
    they said is not located there (but "reported strikes in Gaza" is)."""
    node = token.head
    while node != trigger:
        if _speaks(node):
            return trigger not in node.subtree
        if node.pos_ in ("VERB", "AUX"):
            return lemma(node) in _SPEAKING and _reported_clause(node, trigger)
        if node.head == node:
            return False
        node = node.head
    return False


def _reported_clause(verb: Token, trigger: Token) -> bool:
    """Does the trigger lie in a clause a speech verb reports ("said that troops would
    stay"), not in its object ("reported strikes")? A speech verb heading a sentence that
    it does not report ("Speaking in Safed, Katz said ...") reports its main clause."""
    for child in verb.children:
        if trigger in child.subtree:
            return child.dep_ in ("ccomp", "xcomp", "parataxis")
    return verb.dep_ == "advcl" and _reported_clause(verb.head, trigger)


def governs(token: Token, trigger: Token, content: bool = False) -> bool:
    """True when ``token`` belongs to the trigger's clause or one enclosing it, not to
    another clause of the sentence ("a mechanism used in January"); with ``content``, the
    clause a speech act says counts as its own ("alarmed that the army is destroying homes
    across south Lebanon")."""
    if token in trigger.subtree:
        node = token.head
        while node != trigger and node.head != node:
            said = content and _said_by(node, trigger)
            if node.pos_ in ("VERB", "AUX") and ((node.dep_ == "ccomp" and not said) or (
                    node.dep_ == "relcl" and not _at_target(node.head, trigger)) or (
                    node.dep_ == "acl" and (lemma(node.head) in _AGREEMENT_NOUNS or
                                            _has_agent(node)))):
                return False  # inside a clause of its own ("the deal signed in Washington",
                # "rifles seized by troops in south Lebanon")
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


def _said_by(clause: Token, trigger: Token) -> bool:
    """Whether a clause is what a speech act says, directly or through the complements of
    its verb ("urged the mediators to make sure the crossing opened")."""
    node = clause.head
    while node != trigger:
        if node.dep_ not in ("ccomp", "xcomp", "acomp") or node.head == node:
            return False
        node = node.head
    return True


def _at_target(noun: Token, trigger: Token) -> bool:
    """Are these the people a verb's act is aimed at ("fired at troops who were patrolling
    in Rafah"), so that where the clause on them puts them is where the act happened?"""
    return noun.head.head == trigger and noun.head.pos_ == "ADP" and \
        noun.dep_ == "pobj" and (lemma(noun) in AGENT_NOUNS or lemma(noun) in _PERSON_NOUNS)


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


def place_from_report(events: list[Event]) -> None:
    """Places the report gives an act outside its sentence: an act told again, and what
    was said at a meeting."""
    place_repeated_acts(events)
    place_said_at_meeting(events)


def place_repeated_acts(events: list[Event]) -> None:
    """An unplaced act told again has the place the report gave it: its figures repeat
    those of a placed act of its type ("Sunday's raids killed 45" and "45 people were
    killed in raids across the territory"), or it is the signing of a ceasefire or accord
    the report placed that day ("wrote that a bilateral ceasefire had been signed"). Left
    alone where several places fit."""
    for event in events:
        if event.location is not None:
            continue
        places = [other.location for other in events
                  if other.location is not None and other.event_type == event.event_type
                  and _told_again(event, other)]
        if places and len({p.name for p in places}) == 1:
            event.location = places[0]


_ONE_OFF_ACTS = frozenset({"CONCEDE", "AGREE"})


def _told_again(event: Event, other: Event) -> bool:
    if event.event_type in _ONE_OFF_ACTS and event.status == other.status == "asserted":
        return _same_day(event, other)
    return bool(_figures(event) & _figures(other))


def _figures(event: Event) -> set[tuple[str, int]]:
    return {(q.kind, q.value) for q in event.quantities}


# Acts done by speaking, and talks: where a meeting was held, they were said.
_SAID_AT_MEETINGS = frozenset({"ACCUSE", "REJECT", "REQUEST", "THREATEN", "SUPPORT", "CONSULT"})


def place_said_at_meeting(events: list[Event]) -> None:
    """What a party to a meeting the report places said, unplaced, right after it, was said
    there ("met in Istanbul ..." then "the delegation thanked Turkey", "asked the guarantors
    to ..."); so was what was said the day of the meeting ("talks in Istanbul on 16 May ...
    Moscow turned down the call"). Phone calls and planned talks are no meetings."""
    meetings = [e for e in events if e.event_type == "CONSULT" and e.mode != "phone"
                and e.location is not None and e.status == "asserted"]
    if not meetings:
        return
    for event in events:
        if event.location is not None or event.event_type not in _SAID_AT_MEETINGS or \
                event.mode == "phone" or event.status != "asserted":
            continue
        held = next((m for m in meetings if _just_after(event, m) and (
            _took_part(event, m) or _same_day(event, m))), None)
        if held is not None:
            event.location = held.location


_NEAR = 400  # characters: the meeting's sentence and the few after it


def _just_after(event: Event, meeting: Event) -> bool:
    """Whether an event is told right after a meeting (what was said there follows it; a
    party's statement paragraphs later was made elsewhere)."""
    return 0 <= event.evidence.start - meeting.evidence.end <= _NEAR


def _took_part(event: Event, meeting: Event) -> bool:
    parties = entity_ids(meeting.actor) + entity_ids(meeting.recipient)
    return any(_same_side(a, b) for a in entity_ids(event.actor) for b in parties)


def _same_side(a: str, b: str) -> bool:
    """One id the other's or a part of it ("tur.kalin" of "tur")."""
    return a == b or a.startswith(b + ".") or b.startswith(a + ".")


def _same_day(event: Event, meeting: Event) -> bool:
    return event.date is not None and meeting.date is not None and \
        event.date.precision == "day" and event.date.value == meeting.date.value
