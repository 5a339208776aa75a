"""Scoring extraction against gold events, per codebook section 4.

Gold and predicted events match when they come from the same document, their
evidence spans overlap and (for typed scores) their types are equal; matching
is one to one, the pair agreeing on most fields winning. Field accuracies are
taken over typed matches; a parent named for its child scores half.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.table import Table

from truce.errors import TruceError
from truce.registry.actors import ActorRegistry

if TYPE_CHECKING:
    from truce.app import Truce

FIELDS = ("actor", "recipient", "claimant", "location", "date", "status", "topic", "mode")


@dataclass
class Scores:
    detection: dict[str, float]
    typed: dict[str, float]
    fields: dict[str, float]
    quantities: dict[str, float]
    provisions: dict[str, float] = field(default_factory=dict)
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    gold_events: int = 0
    predicted_events: int = 0
    documents: int = 0


def load_gold(path: Path) -> list[dict[str, Any]]:
    """Gold events from a JSON Lines file, or from every .jsonl file in a folder."""
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    records = []
    for file in files:
        with file.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise TruceError(f"{file}:{number}: not valid JSON ({exc.msg})") from None
    return records


def _same_doc(gold_doc: str, predicted_doc: str) -> bool:
    g, p = gold_doc.replace("\\", "/"), predicted_doc.replace("\\", "/")
    return p == g or p.endswith("/" + g) or g.endswith("/" + p)


def _span(record: dict[str, Any], text: str | None) -> tuple[int, int] | None:
    """The evidence span in the document text as Truce reads it. Offsets that do not slice
    back to the evidence sentence (a coder counting from the raw file, before the headline
    and line joins) are re-anchored on that sentence, nearest to where they point."""
    evidence = record.get("evidence") or {}
    snippet = evidence.get("text")
    offsets = (int(evidence["start"]), int(evidence["end"])) \
        if "start" in evidence and "end" in evidence else None
    if text is None or not snippet or (offsets and text[offsets[0]:offsets[1]] == snippet):
        return offsets
    pattern = r"\s+".join(re.escape(word) for word in snippet.split())
    found = [(m.start(), m.end()) for m in re.finditer(pattern, text)]
    if not found:
        return offsets
    near = offsets[0] if offsets else 0
    return min(found, key=lambda span: abs(span[0] - near))


def _overlap(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def _ids(value: Any, actors: ActorRegistry) -> list[str]:
    """Entity ids; an entity coded without id whose name the registry now knows gets that id."""
    if not value:
        return []
    items = value if isinstance(value, list) else [value]
    found = []
    for item in items:
        name = item.get("name") or item.get("text") or ""
        found.append(item.get("id") or actors.lookup(name) or name.lower())
    return found


def _known(actor_id: str, actors: ActorRegistry) -> bool:
    return actor_id in actors


def entity_score(gold: Any, predicted: Any, actors: ActorRegistry) -> float:
    gold_ids, pred_ids = _ids(gold, actors), _ids(predicted, actors)
    if not gold_ids and not pred_ids:
        return 1.0
    if not gold_ids or not pred_ids:
        return 0.0
    if not any(_known(i, actors) for i in gold_ids + pred_ids):
        return 1.0  # both name an actor outside the registry
    total = 0.0
    for g in gold_ids:
        best = 0.0
        for p in pred_ids:
            if g == p:
                best = 1.0
            elif g in actors and p in actors and (actors.is_child_of(g, p) or
                                                  actors.is_child_of(p, g)):
                best = max(best, 0.5)
        total += best
    penalty = max(0, len(pred_ids) - len(gold_ids)) * 0.25
    return max(0.0, total / len(gold_ids) - penalty)


def _km(a: dict[str, Any], b: dict[str, Any]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a["lat"], a["lon"], b["lat"], b["lon"]))
    h = (math.sin((lat2 - lat1) / 2) ** 2 +
         math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * 6371 * math.asin(math.sqrt(h))


def location_score(gold: Any, predicted: Any) -> float:
    if not gold and not predicted:
        return 1.0
    if not gold or not predicted:
        return 0.0
    if gold.get("lat") is None or predicted.get("lat") is None:
        return float((gold.get("name") or "").lower() == (predicted.get("name") or "").lower())
    if _km(gold, predicted) <= 5:
        return 1.0
    if gold.get("precision") in ("region", "country") and gold.get("country") and \
            gold.get("country") == predicted.get("country") and \
            predicted.get("precision") not in ("region", "country"):
        # A point inside the gold region: approximated by the region's country and radius.
        return 1.0 if _km(gold, predicted) <= 40 or gold.get("precision") == "country" else 0.0
    return 0.0


def date_score(gold: Any, predicted: Any) -> float:
    if not gold and not predicted:
        return 1.0
    if not gold or not predicted:
        return 0.0
    precision = gold.get("precision") or "day"
    g, p = str(gold["value"]), str(predicted["value"])
    if precision == "week":
        gd, pd = date.fromisoformat(g[:10]), date.fromisoformat(p[:10])
        return float(gd.isocalendar()[:2] == pd.isocalendar()[:2])
    width = {"day": 10, "month": 7, "year": 4}.get(precision, 10)
    return float(g[:width] == p[:width])


def field_scores(gold: dict[str, Any], predicted: dict[str, Any],
                 actors: ActorRegistry) -> dict[str, float]:
    return {
        "actor": entity_score(gold.get("actor"), predicted.get("actor"), actors),
        "recipient": entity_score(gold.get("recipient"), predicted.get("recipient"), actors),
        "claimant": entity_score(gold.get("claimant"), predicted.get("claimant"), actors),
        "location": location_score(gold.get("location"), predicted.get("location")),
        "date": date_score(gold.get("date"), predicted.get("date")),
        "status": float(gold.get("status") == predicted.get("status")),
        "topic": float(gold.get("topic") == predicted.get("topic")),
        "mode": float(gold.get("mode") == predicted.get("mode")),
    }


def match(gold: list[dict[str, Any]], predicted: list[dict[str, Any]], actors: ActorRegistry,
          typed: bool) -> list[tuple[int, int]]:
    """One-to-one matching, greedy by how many fields a pair agrees on."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            if not _same_doc(g["doc"], p["doc"]) or not _overlap(g["_span"], p["_span"]):
                continue
            if typed and g["event_type"] != p["event_type"]:
                continue
            agreement = sum(field_scores(g, p, actors).values())
            agreement += 3 * (g["event_type"] == p["event_type"])
            candidates.append((agreement, -abs(g["_span"][0] - p["_span"][0]), gi, pi))
    candidates.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, _, gi, pi in candidates:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi))
    return pairs


def _prf(matched: int, gold: int, predicted: int) -> dict[str, float]:
    precision = matched / predicted if predicted else 0.0
    recall = matched / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def score(gold: list[dict[str, Any]], predicted: list[dict[str, Any]], actors: ActorRegistry,
          disagreements: list[dict[str, Any]] | None = None) -> Scores:
    detection_pairs = match(gold, predicted, actors, typed=False)
    typed_pairs = match(gold, predicted, actors, typed=True)
    confusion: Counter[tuple[str, str]] = Counter(
        (gold[g]["event_type"], predicted[p]["event_type"]) for g, p in detection_pairs)
    totals: Counter[str] = Counter()
    quantity_tp = 0
    provision_tp = 0
    matched_pred: set[int] = set()
    for gi, pi in typed_pairs:
        g, p = gold[gi], predicted[pi]
        scores = field_scores(g, p, actors)
        totals.update(scores)
        g_q = {(q["kind"], q["value"]) for q in g.get("quantities") or []}
        p_q = {(q["kind"], q["value"]) for q in p.get("quantities") or []}
        quantity_tp += len(g_q & p_q)
        provision_tp += len(_links(g) & _links(p))
        matched_pred.add(pi)
        wrong = [f for f, v in scores.items() if v < 1]
        if disagreements is not None and (wrong or g_q != p_q):
            disagreements.append({"kind": "fields", "fields": wrong, "gold": _clean(g),
                                  "predicted": _clean(p)})
    gold_links = sum(len(_links(g)) for g in gold)
    pred_links = sum(len(_links(p)) for p in predicted)
    gold_q = sum(len(g.get("quantities") or []) for g in gold)
    pred_q = sum(len(p.get("quantities") or []) for p in predicted)
    if disagreements is not None:
        matched_gold = {g for g, _ in typed_pairs}
        disagreements.extend({"kind": "missed", "gold": _clean(g)}
                             for i, g in enumerate(gold) if i not in matched_gold)
        disagreements.extend({"kind": "spurious", "predicted": _clean(p)}
                             for i, p in enumerate(predicted) if i not in matched_pred)
    n = len(typed_pairs)
    return Scores(
        detection=_prf(len(detection_pairs), len(gold), len(predicted)),
        typed=_prf(n, len(gold), len(predicted)),
        fields={f: (totals[f] / n if n else 0.0) for f in FIELDS},
        quantities={"precision": quantity_tp / pred_q if pred_q else 0.0,
                    "recall": quantity_tp / gold_q if gold_q else 0.0},
        provisions={"precision": provision_tp / pred_links if pred_links else 0.0,
                    "recall": provision_tp / gold_links if gold_links else 0.0},
        confusion=confusion,
        gold_events=len(gold),
        predicted_events=len(predicted),
        documents=len({g["doc"] for g in gold}),
    )


def _links(record: dict[str, Any]) -> set[tuple[str, str]]:
    return {(p["id"], p["relation"]) for p in record.get("provisions") or []}


def _clean(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if not k.startswith("_")}


def evaluate_paths(app: Truce, gold_path: Path, paths: Iterable[str],
                   disagreements_path: Path | None = None) -> Scores:
    """Extract the reports under ``paths`` and score them against the gold file."""
    gold = load_gold(gold_path)
    predicted: list[dict[str, Any]] = []
    texts: dict[str, str] = {}
    for report, found in app.extract(paths):
        texts[report.doc] = report.text
        predicted.extend(e.to_dict() for e in found)
    gold_docs = {g["doc"] for g in gold}
    covered = {d for d in gold_docs if any(_same_doc(d, doc) for doc in texts)}
    if not covered:
        raise TruceError(f"{gold_path}: none of its documents is among the given paths")
    gold = [g for g in gold if g["doc"] in covered]
    predicted = [p for p in predicted if any(_same_doc(d, p["doc"]) for d in covered)]
    for g in gold:
        text = next((t for doc, t in texts.items() if _same_doc(g["doc"], doc)), None)
        g["_span"] = _span(g, text)
    for p in predicted:
        p["_span"] = _span(p, texts.get(p["doc"]))
    found: list[dict[str, Any]] | None = [] if disagreements_path else None
    result = score(gold, predicted, app.actors, found)
    if disagreements_path is not None and found is not None:
        with disagreements_path.open("w", encoding="utf-8") as handle:
            for row in found:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return result


# Which pipeline stage each reported figure measures.
STAGES = {
    "detection": "event detection (segmentation + triggers)",
    "typed": "event typing", "actor": "roles", "recipient": "roles",
    "claimant": "attribution", "location": "places", "date": "dates", "status": "status",
    "topic": "topic", "mode": "mode", "quantities": "quantities", "provisions": "provision links",
}


def render_scores(scores: Scores) -> Table:
    table = Table(title=f"Evaluation: {scores.documents} documents, {scores.gold_events} gold "
                        f"events, {scores.predicted_events} predicted")
    table.add_column("measure")
    table.add_column("stage")
    table.add_column("value", justify="right")
    for name, values in (("detection", scores.detection), ("typed", scores.typed)):
        for key in ("precision", "recall", "f1"):
            table.add_row(f"{name} {key}", STAGES[name], f"{values[key]:.3f}")
    for key, value in scores.fields.items():
        table.add_row(f"{key} accuracy", STAGES[key], f"{value:.3f}")
    for name, values in (("quantities", scores.quantities), ("provisions", scores.provisions)):
        for key in ("precision", "recall"):
            table.add_row(f"{name} {key}", STAGES[name], f"{values.get(key, 0.0):.3f}")
    confused = [(g, p, n) for (g, p), n in scores.confusion.most_common() if g != p][:8]
    for g, p, n in confused:
        table.add_row(f"confused {g} -> {p}", "event typing", str(n))
    return table
