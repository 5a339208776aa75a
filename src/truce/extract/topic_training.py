"""Training the topic classifier on the project's own labelled sentences (build time only;
see docs/topic-model.md).

    python -m truce.extract.topic_training check   # validates the training sentences
    python -m truce.extract.topic_training cv      # 5-fold cross-validation on the sentences
    python -m truce.extract.topic_training train   # writes truce/data/models/topic
    python -m truce.extract.topic_training score GOLD PATHS... [--thresholds 0.5 0.6]

The examples are the sentences of ``data/training/topic_sentences.jsonl``, written for this
purpose in news-report style (one event each, labelled with its type and codebook topic).
Each is extracted as a report of its own with the rules alone; every mention of the labelled
type that the rules code without certainty gives one example: what the classifier reads
(``topic_model.model_words``) and the labelled topic. No gold file is read in training, so
the development and blind gold sets stay fair tests.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example

from truce.errors import TruceError
from truce.extract.cues import CueIndex
from truce.extract.mention import Mention
from truce.extract.refine import CERTAIN, Refiner
from truce.extract.topic_model import MODEL_DIR, PIPE, TopicModel, model_words
from truce.model import EVENT_TYPES, TOPICS, Report
from truce.registry.files import data_path
from truce.registry.lexicon import Lexicon

if TYPE_CHECKING:
    from truce.app import Truce

SENTENCES = data_path("training", "topic_sentences.jsonl")
PUBLISHED = date(2025, 11, 1)  # any day: a topic does not depend on it
SEED = 0
EPOCHS = 30
BATCH = 16
DROPOUT = 0.2
# A bag of words hashed into 2**14 rows: about 1 MB on disk.
BOW = {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": True, "ngram_size": 1,
       "no_output_layer": False, "length": 2 ** 14}


@dataclass(frozen=True, slots=True)
class Sentence:
    """One labelled training sentence: its text, event type and codebook topic."""

    text: str
    event_type: str
    topic: str


@dataclass(frozen=True, slots=True)
class Labelled:
    """One training example: what the classifier reads and the topic it should give."""

    words: tuple[str, ...]
    topic: str


def parse_sentences(lines: Iterable[str], where: str = "sentences") -> list[Sentence]:
    """Training sentences from JSON lines; unknown types or topics, missing or repeated
    texts raise TruceError."""
    found: list[Sentence] = []
    seen: set[str] = set()
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        row = json.loads(line)
        sentence = Sentence(str(row.get("text", "")).strip(), row.get("event_type"),
                            row.get("topic"))
        problem = ("no text" if not sentence.text
                   else "repeated text" if sentence.text in seen
                   else f"unknown event type {sentence.event_type!r}"
                   if sentence.event_type not in EVENT_TYPES
                   else f"unknown topic {sentence.topic!r}" if sentence.topic not in TOPICS
                   else None)
        if problem:
            raise TruceError(f"{where}:{number}: {problem}")
        seen.add(sentence.text)
        found.append(sentence)
    return found


def load_sentences(path: Path = SENTENCES) -> list[Sentence]:
    with path.open(encoding="utf-8") as handle:
        return parse_sentences(handle, str(path))


class _Recorder(Refiner):
    """The rules' refiner, noting the classifier's input for each mention it is unsure of."""

    def __init__(self, lexicon: Lexicon, cues: CueIndex) -> None:
        super().__init__(lexicon, cues)
        self.seen: list[tuple[str, tuple[str, ...]]] = []

    def topic(self, mention: Mention) -> str:
        ruled, trust = self.ruled_topic(mention)
        if trust != CERTAIN:
            self.seen.append((mention.event_type, tuple(model_words(mention, ruled, trust))))
        return ruled


def labelled(app: Truce, sentences: Sequence[Sentence]) -> list[Labelled]:
    """An example for every mention of a sentence's labelled type that the rules find in it
    without a certain topic."""
    extractor = app.extractor
    recorder = _Recorder(extractor.refiner.lexicon, extractor.refiner.cues)
    kept, extractor.refiner = extractor.refiner, recorder
    reports = [Report(doc=f"sentence-{i}", text=s.text, published=PUBLISHED)
               for i, s in enumerate(sentences)]
    found: list[Labelled] = []
    try:
        for sentence, _ in zip(sentences, extractor.extract_many(reports), strict=True):
            found.extend(Labelled(words, sentence.topic) for kind, words in recorder.seen
                         if kind == sentence.event_type)
            recorder.seen = []
    finally:
        extractor.refiner = kept
    return found


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


def ruled(example: Labelled) -> str:
    """The rules' topic for an example, as the classifier reads it."""
    return next(w.removeprefix("rule_") for w in example.words if w.startswith("rule_"))


def decide(model: TopicModel, example: Labelled, threshold: float) -> str:
    """The topic the refiner gives an example: the model's best at ``threshold`` or above,
    else the rules'."""
    best, probability = model.best(list(example.words))
    return best if probability >= threshold else ruled(example)


def cross_validate(examples: Sequence[Labelled], thresholds: Sequence[float], k: int = 5,
                   seed: int = SEED) -> dict[str, float]:
    """Accuracy on held-out examples (a seeded shuffle dealt into ``k`` folds), of the
    rules alone and of the rules with a model trained on the other folds."""
    order = list(examples)
    random.Random(seed).shuffle(order)
    right = dict.fromkeys(["rules", *(f"rules+model at p>={t}" for t in thresholds)], 0)
    for fold in range(k):
        held = order[fold::k]
        model = TopicModel(nlp=train([e for i, e in enumerate(order) if i % k != fold]))
        for example in held:
            right["rules"] += ruled(example) == example.topic
            for t in thresholds:
                right[f"rules+model at p>={t}"] += decide(model, example, t) == example.topic
    return {name: count / len(order) for name, count in right.items()}


def save(nlp: Language, out: Path = MODEL_DIR) -> None:
    if out.exists():
        shutil.rmtree(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out)


def score(gold: Path, paths: Sequence[str], thresholds: Sequence[float]) -> dict[str, float]:
    """Topic accuracy on ``gold`` with the rules alone and with a classifier freshly trained
    on the sentences deciding at each threshold."""
    from truce.app import Truce
    from truce.evaluate import evaluate_paths

    app = Truce()
    refiner = app.extractor.refiner
    refiner.topic_model = None
    accuracy = {"rules": evaluate_paths(app, gold, paths).fields["topic"]}
    refiner.topic_model = TopicModel(nlp=train(labelled(app, load_sentences())))
    for threshold in thresholds:
        refiner.model_at = threshold
        accuracy[f"rules+model at p>={threshold}"] = \
            evaluate_paths(app, gold, paths).fields["topic"]
    return accuracy


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("check", "cv", "train", "score"))
    parser.add_argument("gold", type=Path, nargs="?", help="score: a gold file or folder")
    parser.add_argument("paths", nargs="*", help="score: the reports")
    parser.add_argument("--out", type=Path, default=MODEL_DIR)
    parser.add_argument("--thresholds", type=float, nargs="+", default=[Refiner.model_at],
                        help="score: the model's probabilities at which it overrides the rules")
    args = parser.parse_args(argv)
    if args.command == "check":
        print(f"{len(load_sentences())} training sentences, labels valid")
    elif args.command in ("cv", "train"):
        from truce.app import Truce

        examples = labelled(Truce(), load_sentences())
        if args.command == "train":
            save(train(examples), args.out)
            print(f"topic model trained on {len(examples)} examples, written to {args.out}")
            return
        for name, value in cross_validate(examples, args.thresholds).items():
            print(f"{name}: accuracy {value:.3f} over {len(examples)} held-out examples")
    else:
        if args.gold is None or not args.paths:
            parser.error("score needs GOLD and PATHS")
        for name, value in score(args.gold, args.paths, args.thresholds).items():
            print(f"{name}: topic accuracy {value:.3f}")


if __name__ == "__main__":
    main()
