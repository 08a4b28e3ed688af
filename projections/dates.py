"""Partial ISO dates ('2024', '2024-03', '2024-03-18') as day numbers and day ranges.

Claims are often dated only to a month ("in February") or a year; the views compare them as the
span of days the text allows, and place them on a time axis near the middle of that span.
"""

from __future__ import annotations

import calendar
from datetime import date
from functools import lru_cache

MONTH_DAYS = 30.4375
"""Days in an average month: the unit of `rate_per_month`."""

MIDPOINT_SQL = """julianday(CASE length({col})
  WHEN 4 THEN {col} || '-07-01' WHEN 7 THEN {col} || '-15' ELSE substr({col}, 1, 10) END)"""
"""SQL: the Julian day a date is placed at: its own day, the 15th of a month, 1 July of a year."""


@lru_cache(maxsize=1 << 14)
def day_range(text: str | None) -> tuple[int, int] | None:
    """First and last day (proleptic ordinals) a partial date covers; None if unreadable."""
    if not text:
        return None
    parts = text[:10].split("-")
    try:
        year = int(parts[0])
        if len(parts) == 1:
            return date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()
        month = int(parts[1])
        if len(parts) == 2:
            last = calendar.monthrange(year, month)[1]
            return date(year, month, 1).toordinal(), date(year, month, last).toordinal()
        day = date(year, month, int(parts[2])).toordinal()
    except ValueError:
        return None
    return day, day
