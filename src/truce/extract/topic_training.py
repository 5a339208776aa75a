"""Training and cross-validating the topic classifier (build time only; see docs/topic-model.md).

    python -m truce.extract.topic_training train   # writes truce/data/models/topic
    python -m truce.extract.topic_training cv      # 5-fold CV grouped by document

The examples are the gold events of the three development gold files that the rules found
(same type, same sentence) without a certain topic: the classifier reads what the rules
proposed and the words around the trigger (``topic_model.model_words``); the label is the
gold topic. The held-out blind file is never read.
"""

from __future__ import annotations

import argparse
import random
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example

from truce.extract.cues import CueIndex
from truce.extract.mention import Mention
from truce.extract.refine import CERTAIN, Refiner
from truce.extract.topic_model import MODEL_DIR, PIPE, TopicModel, model_words
from truce.ingest.readers import read_paths
from truce.model import TOPICS
from truce.registry.files import data_path
from truce.registry.lexicon import Lexicon

if TYPE_CHECKING:
    from truce.app import Truce

DEV_GOLD = tuple(data_path("gold", f"{name}.jsonl")
                 for name in ("gaza-2025", "lebanon-2024", "devset-other"))
REPORT_DIRS = (data_path("samples"), data_path("devset"))
SEED = 0
EPOCHS = 40
BATCH = 16
DROPOUT = 0.2
# A bag of words hashed into 2**15 rows: under 2 MB on disk.
BOW = {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": True, "ngram_size": 1,
       "no_output_layer": False, "length": 2 ** 15}


@dataclass(frozen=True, slots=True)
class Labelled:
    """One training event: its report, gold file, what the classifier reads, gold topic."""

    doc: str
    gold_file: Path
    words: tuple[str, ...]
    topic: str


@dataclass(frozen=True, slots=True)
class _Seen:
    """A mention as the rules coded it, with the classifier's input."""

    span: tuple[int, int]
    event_type: str
    ruled: str
    words: tuple[str, ...]


class _Recorder(Refiner):
    """The rules' refiner, noting each mention's classifier input as it goes."""

    def __init__(self, lexicon: Lexicon, cues: CueIndex) -> None:
        super().__init__(lexicon, cues)
        self.seen: list[_Seen] = []

    def topic(self, mention: Mention) -> str:
        ruled, trust = self.ruled_topic(mention)
        if trust != CERTAIN:
            span = (mention.sentence.start_char, mention.sentence.end_char)
            self.seen.append(_Seen(span, mention.event_type, ruled,
                                   tuple(model_words(mention, ruled, trust))))
        return ruled


def labelled(app: Truce, gold_files: Iterable[Path] = DEV_GOLD) -> list[Labelled]:
    """Every gold event of ``gold_files`` whose mention the rules found (same type, same
    sentence) and did not code with certainty, with the classifier's input for it."""
    from truce.evaluate import load_gold

    extractor = app.extractor
    recorder = _Recorder(extractor.refiner.lexicon, extractor.refiner.cues)
    kept, extractor.refiner = extractor.refiner, recorder
    found: list[Labelled] = []
    try:
        for path in gold_files:
            gold = load_gold(path)
            for doc in dict.fromkeys(g["doc"] for g in gold):
                report = next(r for res in read_paths([str(report_path(doc))])
                              for r in res.reports)
                recorder.seen = []
                list(extractor.extract_many([report]))
                events = [g for g in gold if g["doc"] == doc]
                for g, seen in _pairs(events, recorder.seen, report.text):
                    found.append(Labelled(doc, path, seen.words, g["topic"]))
    finally:
        extractor.refiner = kept
    return found


def _pairs(gold: list[dict[str, Any]], seen: list[_Seen],
           text: str) -> list[tuple[dict[str, Any], _Seen]]:
    """Gold events paired one to one with mentions of their type in their sentence,
    preferring the mention the rules gave the gold topic, then the nearest."""
    from truce.evaluate import _span

    candidates = []
    for gi, g in enumerate(gold):
        start, end = _span(g, text) or (-1, -1)
        for si, s in enumerate(seen):
            if s.event_type == g["event_type"] and s.span[0] < end and start < s.span[1]:
                candidates.append((s.ruled == g["topic"], -abs(s.span[0] - start), gi, si))
    used_g: set[int] = set()
    used_s: set[int] = set()
    pairs = []
    for _, _, gi, si in sorted(candidates, reverse=True):
        if gi not in used_g and si not in used_s:
            used_g.add(gi)
            used_s.add(si)
            pairs.append((gold[gi], seen[si]))
    return pairs


def train(examples: Sequence[Labelled], seed: int = SEED) -> Language:
    """A bag-of-words textcat over the codebook topics, trained deterministically."""
    import spacy
    from spacy.util import fix_random_seed, minibatch

    fix_random_seed(seed)
    nlp = spacy.blank("en")
    textcat = nlp.add_pipe(PIPE, config={"model": BOW})
    for topic in TOPICS:
        textcat.add_label(topic)
    data = [Example.from_dict(Doc(nlp.vocab, words=list(e.words)),
                              {"cats": {t: float(t == e.topic) for t in TOPICS}})
            for e in examples]
    optimizer = nlp.initialize(lambda: data)
    rng = random.Random(seed)
    for _ in range(EPOCHS):
        rng.shuffle(data)
        for batch in minibatch(data, size=BATCH):
            nlp.update(batch, sgd=optimizer, drop=DROPOUT)
    return nlp


def save(nlp: Language, out: Path = MODEL_DIR) -> None:
    if out.exists():
        shutil.rmtree(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out)


def folds(docs: Iterable[str], k: int = 5, seed: int = SEED) -> list[list[str]]:
    """The documents dealt into ``k`` folds after a seeded shuffle."""
    order = sorted(set(docs))
    random.Random(seed).shuffle(order)
    return [order[i::k] for i in range(k)]


def report_path(doc: str) -> Path:
    return next(d / doc for d in REPORT_DIRS if (d / doc).is_file())


@dataclass(slots=True)
class Tally:
    """Topic agreement on the matched events, pooled over folds."""

    right: float = 0.0
    matched: int = 0

    def add(self, accuracy: float, matched: int) -> None:
        self.right += accuracy * matched
        self.matched += matched

    @property
    def accuracy(self) -> float:
        return self.right / self.matched if self.matched else 0.0


def cross_validate(k: int = 5, thresholds: Sequence[float] = (Refiner.model_at,),
                   ) -> dict[str, Tally]:
    """Topic accuracy on the held-out documents' matched events (as ``truce evaluate``
    matches them), rules alone and rules with a model trained on the other documents."""
    from truce.app import Truce
    from truce.evaluate import evaluate_paths

    app = Truce()
    examples = labelled(app)
    refiner = app.extractor.refiner
    tallies: dict[str, Tally] = {}

    def run(name: str, docs: set[str]) -> None:
        for gold_file in DEV_GOLD:
            paths = [str(report_path(d)) for d in sorted({e.doc for e in examples
                                                           if e.gold_file == gold_file} & docs)]
            if paths:
                scores = evaluate_paths(app, gold_file, paths)
                matched = round(scores.typed["recall"] * scores.gold_events)
                tallies.setdefault(name, Tally()).add(scores.fields["topic"], matched)

    for held in folds((e.doc for e in examples), k):
        refiner.topic_model = None
        run("rules", set(held))
        model = train([e for e in examples if e.doc not in held])
        refiner.topic_model = TopicModel(nlp=model)
        for threshold in thresholds:
            refiner.model_at = threshold
            run(f"rules+model at p>={threshold}", set(held))
    return tallies


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("train", "cv"))
    parser.add_argument("--out", type=Path, default=MODEL_DIR)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--thresholds", type=float, nargs="+", default=[Refiner.model_at],
                        help="cv: the model's probabilities at which it overrides the rules")
    args = parser.parse_args(argv)
    if args.command == "train":
        from truce.app import Truce

        save(train(labelled(Truce())), args.out)
        print(f"topic model written to {args.out}")
        return
    for name, tally in cross_validate(args.folds, args.thresholds).items():
        print(f"{name}: topic accuracy {tally.accuracy:.3f} over {tally.matched} matched events")


if __name__ == "__main__":
    main()
