"""A step chart of one metric, drawn as SVG on the server: no JavaScript, no CDN, works offline.

A step chart suits a claimed figure: it stands at what was last said until someone says more.
Each point is a link to its claim, with the figure, date, claimant and outlet as its tooltip.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

from projections.figures import number

JULIAN_ORDINAL = 1721424.5
"""julianday() minus date.toordinal(): SQLite's day numbers to Python dates."""


@dataclass(frozen=True)
class ChartPoint:
    day: float
    """Julian day (timeline.day)."""
    value: float
    label: str
    """The figure as a reader says it ('~7,000')."""
    href: str
    title: str
    """Tooltip: figure, date, claimant, outlet."""
    falls: bool = False
    """A running total that falls below an earlier figure here: drawn in red."""


def nice_step(span: float, ticks: int = 5) -> float:
    """A round step (1, 2 or 5 times a power of ten) giving about `ticks` ticks over `span`."""
    raw = max(span, 1e-9) / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)


def _month_ticks(first: float, last: float, most: int = 8) -> list[tuple[float, str]]:
    start = date.fromordinal(int(first - JULIAN_ORDINAL))
    end = date.fromordinal(int(last - JULIAN_ORDINAL))
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    step = next(s for s in (1, 2, 3, 6, 12, 24, 60, 120) if months / s <= most)
    ticks = []
    y, m = start.year, start.month
    while (y, m) <= (end.year, end.month):
        if (m - 1) % step == 0 or step == 1:
            day = date(y, m, 1).toordinal() + JULIAN_ORDINAL
            if first <= day <= last:
                ticks.append((day, f"{y}-{m:02d}" if step < 12 else str(y)))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return ticks


def step_chart(points: Sequence[ChartPoint], *, width: int = 820, height: int = 360) -> str:
    """SVG markup of the points (oldest first) as a step line with a linked dot per point."""
    if not points:
        return ""
    left, right, top, bottom = 80, 30, 30, 40
    days = [p.day for p in points]
    first, last = min(days), max(days)
    pad = max((last - first) * 0.04, 15)
    first, last = first - pad, last + pad
    step = nice_step(max(p.value for p in points) * 1.08)
    ceiling = step * math.ceil(max(p.value for p in points) * 1.08 / step)

    def x(day: float) -> float:
        return round(left + (day - first) / (last - first) * (width - left - right), 1)

    def y(value: float) -> float:
        return round(height - bottom - value / ceiling * (height - top - bottom), 1)

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="growth-chart" role="img"'
        f' viewBox="0 0 {width} {height}" width="100%" style="max-width:{width}px">'
    ]
    for i in range(int(ceiling / step) + 1):
        v = i * step
        out.append(
            f'<line class="grid" x1="{left}" x2="{width - right}" y1="{y(v)}" y2="{y(v)}"/>'
            f'<text class="axis" x="{left - 8}" y="{y(v) + 4}" text-anchor="end">{number(v)}</text>'
        )
    for day, label in _month_ticks(first, last):
        out.append(
            f'<text class="axis" x="{x(day)}" y="{height - bottom + 18}"'
            f' text-anchor="middle">{label}</text>'
        )
    path = [f"M{x(points[0].day)},{y(points[0].value)}"]
    path += [f"H{x(p.day)}V{y(p.value)}" for p in points[1:]]
    path.append(f"H{x(last - pad / 2)}")
    out.append(f'<path class="step" d="{"".join(path)}"/>')
    previous = None
    for p in points:
        if p.label != previous:
            out.append(
                f'<text class="label" x="{x(p.day)}" y="{y(p.value) - 10}"'
                f' text-anchor="middle">{escape(p.label)}</text>'
            )
        previous = p.label
        kind = "point falls" if p.falls else "point"
        out.append(
            f'<a class="{kind}" href="{escape(p.href)}"><circle cx="{x(p.day)}" cy="{y(p.value)}"'
            f' r="6"><title>{escape(p.title)}</title></circle></a>'
        )
    out.append("</svg>")
    return "".join(out)
