"""The HTML brief: a self-contained page with the compliance table, a timeline and sources.

Every number in it comes with the reports it rests on. Report text is
untrusted input: the template autoescapes everything.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from truce.agreements.model import Agreement
from truce.analyse.compliance import ProvisionCompliance, source_of
from truce.registry.actors import ActorRegistry

_TYPE_COLOURS = {
    "ASSAULT": "#b2182b", "ACCUSE": "#ef8a62", "COERCE": "#d6604d", "THREATEN": "#f4a582",
    "REJECT": "#fddbc7", "RETREAT": "#4393c3", "AID": "#2166ac", "CONSULT": "#92c5de",
    "REQUEST": "#d1e5f0", "COOPERATE": "#5aae61", "MOBILIZE": "#8c510a", "SUPPORT": "#a6dba0",
}


def templates() -> Environment:
    """The Jinja environment of the briefs' templates; everything is autoescaped."""
    return Environment(loader=PackageLoader("truce", "report/templates"),
                       autoescape=select_autoescape(["html", "j2"]), trim_blocks=True,
                       lstrip_blocks=True)


def timeline_svg(records: list[dict[str, Any]], width: int = 760, height: int = 180) -> str:
    """A stacked bar chart of events per day by type, as inline SVG (no external assets)."""
    per_day: dict[str, Counter[str]] = {}
    for record in records:
        day = (record.get("date") or {}).get("value") or record.get("published")
        if day:
            per_day.setdefault(day[:10], Counter())[record["event_type"]] += 1
    if not per_day:
        return ""
    days = sorted(per_day)
    peak = max(sum(c.values()) for c in per_day.values())
    bar = max(2.0, (width - 40) / len(days) - 2)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height + 30}" '
             f'role="img" aria-label="Events per day by type">']
    for i, day in enumerate(days):
        x = 30 + i * (bar + 2)
        y = height
        for event_type, count in sorted(per_day[day].items()):
            h = count / peak * (height - 10)
            y -= h
            colour = _TYPE_COLOURS.get(event_type, "#999999")
            parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                         f'fill="{colour}"><title>{day}: {count} {event_type}</title></rect>')
    parts.append(f'<text x="30" y="{height + 20}" font-size="11">{days[0]}</text>')
    parts.append(f'<text x="{width - 90}" y="{height + 20}" font-size="11">{days[-1]}</text>')
    parts.append(f'<text x="0" y="12" font-size="11">{peak}</text>')
    parts.append("</svg>")
    return "".join(parts)


def render_brief(agreements: list[tuple[Agreement, list[ProvisionCompliance]]],
                 records: list[dict[str, Any]], actors: ActorRegistry,
                 title: str = "Truce brief") -> str:
    by_agreement = {a.id: [r for r in records if r.get("agreement") == a.id]
                    for a, _ in agreements}
    claimants = Counter(source_of(r, fallback_to_outlet=False) for r in records)
    return templates().get_template("brief.html.j2").render(
        title=title,
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        agreements=agreements,
        by_agreement=by_agreement,
        timelines={a.id: timeline_svg(by_agreement[a.id]) for a, _ in agreements},
        colours=_TYPE_COLOURS,
        records=records,
        claimants=claimants.most_common(),
        type_counts=Counter(r["event_type"] for r in records).most_common(),
        actor_name=lambda i: actors.name(i) if i in actors else i,
        names=lambda ids: ", ".join(actors.name(i) if i in actors else i for i in ids),
        source_of=source_of,
    )


def write_brief(path: Path, html: str) -> Path:
    path.write_text(html, encoding="utf-8")
    return path
