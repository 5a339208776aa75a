"""Geometry of the dashboard's timeline: stacked bars of incidents per day by grade.

Only numbers come out of here; the template draws them as SVG and CSS colours
each grade, so the chart needs no script and no chart library.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from truce.link.grading import GRADES


@dataclass(frozen=True, slots=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    grade: str
    day: date
    count: int


@dataclass(frozen=True, slots=True)
class Timeline:
    bars: list[Bar]
    first: date
    last: date
    peak: int
    total: int
    width: int
    height: int


def timeline(rows: list[tuple[date, str, int]], width: int = 800,
             height: int = 160) -> Timeline | None:
    """Stacked bars from (day, grade, count) rows, one column per day from first to last."""
    per_day: dict[date, dict[str, int]] = defaultdict(dict)
    for day, grade, count in rows:
        per_day[day][grade] = per_day[day].get(grade, 0) + count
    if not per_day:
        return None
    first, last = min(per_day), max(per_day)
    days = (last - first).days + 1
    peak = max(sum(counts.values()) for counts in per_day.values())
    step = width / days
    bars: list[Bar] = []
    for day in sorted(per_day):  # days without incidents draw nothing
        offset = (day - first).days
        y = float(height)
        for grade in GRADES:
            count = per_day[day].get(grade, 0)
            if not count:
                continue
            bar_height = count / peak * height
            y -= bar_height
            bars.append(Bar(round(offset * step, 2), round(y, 2),
                            round(max(step * 0.85, 0.5), 2), round(bar_height, 2),
                            grade, day, count))
    return Timeline(bars, first, last, peak, sum(b.count for b in bars), width, height)
