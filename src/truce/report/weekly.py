"""The weekly brief for one agreement: HTML with charts and a map, and a PDF of it."""

from __future__ import annotations

import base64
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from truce.agreements.model import Agreement
from truce.analyse.compliance import compliance, source_of
from truce.analyse.timeline import (
    area_of,
    daily_by_area,
    escalation_alerts,
    event_day,
    target_series,
)
from truce.link.grading import GRADES
from truce.registry.actors import ActorRegistry
from truce.registry.places import PlaceRegistry
from truce.report import charts
from truce.report.brief import templates


@dataclass(frozen=True, slots=True)
class Week:
    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> Week:
        """``2025-W43`` -> Week(2025, 43); ValueError with a clear message otherwise."""
        try:
            year, week = text.upper().split("-W")
            parsed = cls(int(year), int(week))
            parsed.start  # noqa: B018 - validates the week number
            return parsed
        except ValueError:
            raise ValueError(f"--week {text!r}: expected an ISO week such as 2025-W43") from None

    @property
    def start(self) -> date:
        return date.fromisocalendar(self.year, self.number, 1)

    @property
    def end(self) -> date:
        return self.start + timedelta(days=6)

    def __str__(self) -> str:
        return f"{self.year}-W{self.number:02d}"


def _data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def build_weekly(agreement: Agreement, week: Week, records: list[dict[str, Any]],
                 incidents: list[dict[str, Any]], actors: ActorRegistry,
                 places: PlaceRegistry) -> str:
    """Render the brief's HTML; every number in it comes with the reports behind it."""
    start, end = week.start, week.end
    in_week = [r for r in records if (d := event_day(r)) is not None and start <= d <= end]
    this_week = [i for i in incidents if i["first_date"] and start <= i["first_date"] <= end]
    last_week = [i for i in incidents if i["first_date"] and
                 start - timedelta(days=7) <= i["first_date"] < start]
    by_grade: dict[date, Counter[str]] = {}
    by_side: dict[date, Counter[str]] = {}
    for incident in this_week:
        by_grade.setdefault(incident["first_date"], Counter())[incident["grade"]] += 1
        for side in incident["summary"]["claimants_by_side"]:
            by_side.setdefault(incident["first_date"], Counter())[side] += 1
    rows = compliance(in_week, agreement, actors)
    targets = []
    for provision in agreement.provisions:
        if provision.target is None:
            continue
        series = target_series(in_week, provision.target.quantity_kinds, provision.id)
        chart = (charts.target_chart(series, provision.target.value,
                                     f"{provision.title}: {provision.target.describe()}",
                                     start, end) if series else None)
        targets.append({"provision": provision, "series": series,
                        "chart": _data_uri(chart) if chart else None})

    alerts = [a for a in escalation_alerts(incidents) if start <= a.day <= end]
    evidence = [r for r in in_week if any(link["relation"] == "violation_alleged"
                                          for link in r.get("provisions") or [])]
    return templates().get_template("weekly.html.j2").render(
        agreement=agreement, week=week, start=start, end=end,
        incidents=this_week, previous=len(last_week),
        grades=Counter(i["grade"] for i in this_week), grade_order=GRADES,
        grade_chart=_data_uri(charts.stacked_by_day(by_grade, start, end,
                                                    "Incidents per day by grade",
                                                    charts.GRADE_COLOURS)),
        side_chart=_data_uri(charts.stacked_by_day(by_side, start, end,
                                                   "Incidents per day by side reporting them")),
        map_image=_data_uri(charts.map_image(
            [i for i in this_week if i["country"] in agreement.countries],
            f"Incidents, {week}")),
        compliance=rows, targets=targets,
        areas=[a for a in daily_by_area(incidents, lambda i: area_of(i, places))
               if start <= a.day <= end],
        alerts=alerts, evidence=evidence, source_of=source_of,
        names=lambda ids: ", ".join(actors.name(i) if i in actors else i for i in ids),
        actor_name=lambda i: actors.name(i) if i in actors else i,
    )


def write_pdf(html: str, path: Path) -> Path:
    """Print the brief's HTML to PDF (WeasyPrint; needs the system's Pango library)."""
    from weasyprint import HTML

    HTML(string=html).write_pdf(path)
    return path
