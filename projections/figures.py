"""Figures as readers say them, the range a figure allows, and where it sits in its quote.

Shared by the views, the CLI and the Datasette plugin so that "~7,000" means one thing everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

ABOUT = 0.1
"""'about 7,000' allows 10% either way, so rounding alone never reads as a contradiction."""

LOWER_SQL = f"""CASE
  WHEN qualifier IN ('up to', 'less than') THEN NULL
  WHEN qualifier = 'about' THEN COALESCE(value, low, high) * {1 - ABOUT}
  WHEN qualifier = 'almost' THEN COALESCE(high, value) * {1 - ABOUT}
  ELSE COALESCE(low, value) END"""
"""The least a claim allows (NULL: no floor). Columns: value, low, high, qualifier."""

UPPER_SQL = f"""CASE
  WHEN qualifier IN ('more than', 'at least', 'vague') THEN NULL
  WHEN qualifier = 'about' THEN COALESCE(value, high, low) * {1 + ABOUT}
  ELSE COALESCE(high, value) END"""
"""The most a claim allows (NULL: no ceiling)."""

_PREFIX = {"about": "~", "more than": ">", "at least": "≥", "up to": "≤", "almost": "<~"}


def number(x: float | None) -> str:
    """7000.0 -> '7,000'; 2.5 -> '2.5'; None -> ''."""
    if x is None:
        return ""
    return f"{int(x):,}" if float(x).is_integer() else f"{x:,.2f}".rstrip("0").rstrip(".")


def figure(row: Mapping[str, Any] | Any) -> str:
    """A figure the way a reader says it: '~7,000', '>1,000', '10,000-12,000', 'dozens (24+)'."""
    get: Callable[[str], Any] = (
        row.get
        if type(row) is dict or isinstance(row, Mapping)
        else lambda k: getattr(row, k, None)
    )
    value, low, high, q = get("value"), get("low"), get("high"), get("qualifier")
    if q == "range" or (value is None and low is not None and high is not None):
        return f"{number(low)}-{number(high)}"
    if q == "vague":
        words = get("qualifier_text") or "vague"
        return f"{words} ({number(low)}+)" if low is not None else words
    base = number(value if value is not None else low if low is not None else high)
    return _PREFIX.get(q, "<" if q == "less than" else "") + base


_NUMBER = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+(million|billion|thousand))?\b",
    re.IGNORECASE,
)
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9}


def _read(m: re.Match[str]) -> float:
    return float(m[1].replace(",", "")) * _SCALE.get((m[2] or "").lower(), 1)


def first_number(text: str | None) -> float | None:
    """The first number written in a text ('~7,000' -> 7000, '4.8 million shells' -> 4800000)."""
    m = _NUMBER.search(text or "")
    return _read(m) if m else None


def figure_spans(quote: str, target: float | None) -> list[tuple[int, int]]:
    """Where `target` is written in the quote ('7,000', '4.8 million'), as (start, end) spans."""
    if not quote or target is None:
        return []
    spans = []
    for m in _NUMBER.finditer(quote):
        if abs(_read(m) - target) <= abs(target) * 0.005:
            spans.append(m.span())
    return spans
