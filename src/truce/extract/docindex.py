"""Per-document lookups computed once: entities by token and sentence, lemmas by token.

spaCy builds new Span objects on every ``doc.ents`` access; the stages ask for
entities and lemmas thousands of times per report, so they read this index.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

_KEY = "truce_index"


@dataclass(slots=True)
class DocIndex:
    ents: list[Span]
    starts: list[int]
    by_token: dict[int, Span]
    lemmas: list[str]
    lowers: list[str]
    verbs: list[bool]
    text: str  # spaCy rebuilds ``doc.text`` from the tokens on every access
    regions: dict[tuple[int, int], Region] = field(default_factory=dict)

    def region(self, lo: int, hi: int) -> Region:
        """The words of tokens ``lo`` to ``hi`` as cue lookups read them, built once."""
        found = self.regions.get((lo, hi))
        if found is None:
            lemmas, lowers = self.lemmas[lo:hi], self.lowers[lo:hi]
            # Surface forms count only for words that are not verbs ("remains" the noun,
            # not "she remains committed"); verbs are matched by their lemmas.
            nouns = {w for w, verb in zip(lowers, self.verbs[lo:hi], strict=True) if not verb}
            found = Region(frozenset(lemmas) | nouns, " " + " ".join(lowers) + " ",
                           " " + " ".join(lemmas) + " ")
            self.regions[(lo, hi)] = found
        return found


@dataclass(frozen=True, slots=True)
class Region:
    """A stretch of a document as cue lookups read it: its lemmas and non-verb surface
    forms, and its lower-case text and lemma text padded with spaces."""

    words: frozenset[str]
    text: str
    lemma_text: str


def index(doc: Doc) -> DocIndex:
    cached = doc.user_data.get(_KEY)
    if cached is None:
        ents = list(doc.ents)
        cached = DocIndex(
            ents=ents,
            starts=[e.start for e in ents],
            by_token={i: e for e in ents for i in range(e.start, e.end)},
            lemmas=[t.lemma_.lower() for t in doc],
            lowers=[t.lower_ for t in doc],
            verbs=[t.pos_ in ("VERB", "AUX") for t in doc],
            text=doc.text,
        )
        doc.user_data[_KEY] = cached
    return cached


def ents_in(span: Span) -> list[Span]:
    """The entities inside a span (a sentence), without rebuilding the doc's entities."""
    found = index(span.doc)
    lo = bisect_left(found.starts, span.start)
    hi = bisect_left(found.starts, span.end)
    return [e for e in found.ents[lo:hi] if e.end <= span.end]


def ent_at(token: Token) -> Span | None:
    return index(token.doc).by_token.get(token.i)
