"""Cue lookup shared by the stages: which lexicon cue words stand near a token."""

from __future__ import annotations

from spacy.tokens import Span, Token

from truce.extract.docindex import ents_in, index
from truce.extract.entities import PLACE
from truce.registry.places import PlaceRegistry

# Verbs of saying: their subject is the source of what their clause reports.
SAY_VERBS = frozenset({
    "say", "state", "tell", "claim", "report", "announce", "add", "allege", "accuse",
    "blame", "insist", "confirm", "deny", "note", "warn", "charge", "write", "declare",
    "assert", "argue", "maintain", "acknowledge", "admit", "explain", "stress", "affirm",
    "emphasise", "emphasize", "reiterate", "post", "document", "record", "publish",
    "estimate", "disclose", "reveal", "recount", "describe", "testify", "quote",
    "condemn", "denounce", "dismiss", "reject", "counter", "call", "term", "label", "brand",
    "inform", "brief", "tweet", "cite", "draw", "highlight", "point",
})


def lemma(token: Token) -> str:
    return token.lemma_.lower()


def first_conjunct(token: Token) -> Token:
    """The first of the conjuncts a word is one of ("with responsibility and restraint"; the
    first of coordinated verbs); itself when it stands alone."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


class CueIndex:
    """Answers "does a cue of this group occur in this sentence / near this token?"."""

    def __init__(self, places: PlaceRegistry) -> None:
        self._places = places

    def place_kinds(self, span: Span) -> set[str]:
        kinds = set()
        for ent in ents_in(span):
            if ent.label_ == PLACE:
                place = self._places.get(ent.kb_id_)
                if place:
                    kinds.add(place.kind)
        return kinds

    def present(self, cues: tuple[str, ...], span: Span, near: Token | None = None,
                window: int = 8) -> bool:
        """True if any cue (lemma, lower-case phrase or @place-kind) occurs in the span.

        With ``near``, single-word cues count only within ``window`` tokens of it.
        """
        lo, hi = span.start, span.end
        if near is not None:
            lo, hi = max(span.start, near.i - window), min(span.end, near.i + window + 1)
        region = index(span.doc).region(lo, hi)
        kinds: set[str] | None = None
        for cue in cues:
            if cue.startswith("@"):
                if kinds is None:
                    kinds = self.place_kinds(span.doc[lo:hi])
                if cue[1:] in kinds:
                    return True
            elif " " in cue or "-" in cue:
                if f" {cue} " in region.text or f" {cue} " in region.lemma_text:
                    return True
            elif cue in region.words:
                return True
        return False
