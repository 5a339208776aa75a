"""Charts and the map image for briefs (matplotlib, rendered to PNG bytes, no display)."""

from __future__ import annotations

import io
import json
from collections import Counter
from datetime import date, timedelta
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from truce.analyse.timeline import SeriesPoint
from truce.registry.files import data_path

GRADE_COLOURS = {"confirmed": "#1b7837", "one-side": "#a6dba0", "single-source": "#c2a5cf",
                 "contested": "#e08214", "denied": "#878787"}


def _png(figure: Any) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    plt.close(figure)
    return buffer.getvalue()


def _days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def stacked_by_day(counts: dict[date, Counter[str]], start: date, end: date, title: str,
                   colours: dict[str, str] | None = None) -> bytes:
    """Stacked bars per day, one colour per category (grade, side...)."""
    days = _days(start, end)
    categories = sorted({c for counter in counts.values() for c in counter},
                        key=lambda c: list((colours or {}).keys()).index(c)
                        if colours and c in colours else 99)
    figure, axis = plt.subplots(figsize=(7.5, 2.6))
    bottom = [0] * len(days)
    for category in categories:
        values = [counts.get(d, Counter()).get(category, 0) for d in days]
        axis.bar([d.strftime("%a %d") for d in days], values, bottom=bottom, label=category,
                 color=(colours or {}).get(category))
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    axis.set_title(title, fontsize=10, loc="left")
    axis.spines[["top", "right"]].set_visible(False)
    axis.tick_params(labelsize=8)
    if categories:
        axis.legend(fontsize=7, frameon=False, ncol=min(5, len(categories)),
                    loc="upper left", bbox_to_anchor=(0, -0.15))
    return _png(figure)


def target_chart(series: dict[str, list[SeriesPoint]], target: float, label: str, start: date,
                 end: date) -> bytes:
    """Each counter's reported figures as its own line, against the agreement's target."""
    figure, axis = plt.subplots(figsize=(7.5, 2.6))
    for source, points in series.items():
        shown = [p for p in points if start <= p.day <= end] or points
        axis.plot([p.day for p in shown], [p.value for p in shown], marker="o", label=source)
    axis.axhline(target, color="#b2182b", linestyle="--", linewidth=1,
                 label=f"target {target:g}")
    axis.set_title(label, fontsize=10, loc="left")
    axis.spines[["top", "right"]].set_visible(False)
    axis.tick_params(labelsize=8)
    axis.legend(fontsize=7, frameon=False)
    figure.autofmt_xdate()
    return _png(figure)


def region_outline() -> list[dict[str, Any]]:
    with data_path("region-outline.geojson").open(encoding="utf-8") as handle:
        return json.load(handle)["features"]


def map_image(incidents: list[dict[str, Any]], title: str) -> bytes:
    """Incidents as dots over the bundled outline of the region, coloured by grade."""
    located = [i for i in incidents if i.get("lat") is not None]
    figure, axis = plt.subplots(figsize=(5, 6))
    for feature in region_outline():
        for ring in feature["geometry"]["coordinates"]:
            xs, ys = zip(*ring, strict=True)
            axis.fill(xs, ys, facecolor="#f2f0eb", edgecolor="#8c8c8c", linewidth=0.8)
            axis.plot(xs, ys, color="#8c8c8c", linewidth=0.8)
    for grade_name, colour in GRADE_COLOURS.items():
        chosen = [i for i in located if i["grade"] == grade_name]
        if chosen:
            axis.scatter([i["lon"] for i in chosen], [i["lat"] for i in chosen],
                         s=[14 + 6 * min(i["mentions"], 10) for i in chosen], c=colour,
                         alpha=0.8, edgecolors="white", linewidths=0.5, label=grade_name)
    if located:
        lons = [i["lon"] for i in located]
        lats = [i["lat"] for i in located]
        pad = 0.25
        axis.set_xlim(min(lons) - pad, max(lons) + pad)
        axis.set_ylim(min(lats) - pad, max(lats) + pad)
    axis.set_aspect("equal")
    axis.set_title(title, fontsize=10, loc="left")
    axis.tick_params(labelsize=7)
    axis.legend(fontsize=7, frameon=False, loc="lower right")
    return _png(figure)
