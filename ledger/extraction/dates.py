"""Time words in a sentence, resolved against the article's date.

Rules (each unit-tested in tests/test_dates.py):
  * a weekday is the latest such day on or before the article's date, the same day allowed
    ('said Monday' in a Monday story is that Monday); 'last Monday' on a Monday is a week before;
  * a month name alone is the latest such month on or before the article's month ('in December'
    in February 2025 is 2024-12); 'last October' is the latest October before the article's month;
  * 'last month', 'last year', 'earlier this year', 'last winter', 'yesterday', 'N days ago',
    'in the past four months', 'the following month' (from the previous statement's date);
  * partial ISO dates when only the month ('2023-10') or year ('2025') is known.
A weak anchor (only a page banner dated the article) resolves nothing to the day: a banner can
be months after the story, and a wrong day is worse than no day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from ledger.reading.calendar import (
    MONTH_RE,
    WEEKDAY_RE,
    DateMention,
    find_dates,
    latest_on_or_before,
    month_number,
    weekday_number,
)

_WORDS = {
    "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_PREFIX = (
    r"(?:(?P<prep>since|from|until|till|by|on|in|as\s+of|at\s+the\s+end\s+of|before|after)\s+)?"
)
_WEEKDAY = re.compile(
    rf"\b{_PREFIX}(?:(?P<rel>last|this|next|past)\s+)?(?P<wd>{WEEKDAY_RE})\b", re.I
)
_MONTH = re.compile(
    rf"\b{_PREFIX}(?:(?P<rel>last|this|next|past)\s+)?(?:(?P<part>early|mid|late)[\s-]+)?"
    rf"(?P<mon>{MONTH_RE})\b(?!\s+\d{{1,2}}\b)(?:\s+(?P<year>(?:19|20)\d\d)\b)?",
)
_YEAR = re.compile(
    rf"\b{_PREFIX}(?:(?P<part>early|mid|late|the\s+(?:start|beginning|end)\s+of"
    r"|(?:the\s+)?(?:summer|winter|spring|autumn|fall)(?:\s+of)?)[\s-]+)?"
    r"(?P<year>(?:19|20)\d\d)\b(?!\s*(?:%|people|(?!(?:its|his|has|was|is|this|as|us|does)\b)[a-z]+s\b))",
    re.I,
)
_RELATIVE = re.compile(
    rf"\b{_PREFIX}(?P<what>yesterday|today|tonight|this\s+(?:morning|afternoon|evening|week)"
    r"|(?:earlier\s+|later\s+)?this\s+(?:month|year)|last\s+(?:week|month|year|winter|summer|spring|autumn|fall)"
    r"|(?:the\s+)?(?:start|beginning)\s+of\s+(?:the|this)\s+year"
    r"|(?:in|over)\s+the\s+(?:past|last)\s+(?P<n>\w+)\s+(?P<unit>days|weeks|months|years)"
    r"|(?P<n2>\w+)\s+(?P<unit2>days?|weeks?|months?|years?)\s+ago"
    r"|the\s+(?:following|next|previous)\s+(?:day|month|year)"
    r"|at\s+(?:that|the)\s+time)\b",
    re.I,
)


# Cheap literal checks on the lower-cased sentence before the slower patterns run.
_MONTH_HINTS = re.compile(rf"\b{MONTH_RE.lower()}\b")
_WEEKDAY_HINTS = re.compile(rf"\b{WEEKDAY_RE.lower()}\b")
_RELATIVE_HINTS = re.compile(
    "yesterday|today|tonight|this |last | ago|past |following|next |previous| time"
    "|start of|beginning of"
)

_YEAR_HINT = re.compile(r"(?:19|20)\d\d")


def _has(low: str, hints: re.Pattern[str]) -> bool:
    return hints.search(low) is not None


_SINCE_START = re.compile(
    r"\bsince\s+(?:the\s+)?(?:start|beginning|outbreak|onset)\s+of\s+[\w\s'’-]{1,30}?\s+$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class TimeRef:
    """A time expression in a sentence (offsets relative to it) and what it resolves to."""

    start: int
    end: int
    text: str
    iso: str | None
    precision: str
    """day | month | year"""
    prep: str | None = None
    """The preposition before it ('since', 'on', 'in'), lower case."""


def _iso(d: date, precision: str) -> str:
    return {"day": d.isoformat(), "month": d.isoformat()[:7], "year": str(d.year)}[precision]


def _month_back(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def resolve_weekday(weekday: int, anchor: date, *, last: bool = False) -> date:
    """Latest `weekday` on or before `anchor`; 'last Monday' said on a Monday is a week back."""
    back = (anchor.weekday() - weekday) % 7
    if last and back == 0:
        back = 7
    return anchor - timedelta(days=back)


def resolve_month(month: int, anchor: date, *, last: bool = False) -> date:
    """Latest `month` on or before the anchor's month ('last' excludes the anchor's own month)."""
    year = (
        anchor.year
        if month < anchor.month or (month == anchor.month and not last)
        else anchor.year - 1
    )
    return date(year, month, 1)


def _relative(m: re.Match[str], anchor: date, previous: str | None) -> tuple[str | None, str]:
    what = " ".join(m["what"].lower().split())
    if what in ("yesterday",):
        return _iso(anchor - timedelta(days=1), "day"), "day"
    if what in ("today", "tonight") or (
        what.startswith("this ") and what.split()[1] in ("morning", "afternoon", "evening")
    ):
        return _iso(anchor, "day"), "day"
    if what == "this week" or what.endswith("this month"):
        return _iso(anchor, "month"), "month"
    if what.endswith("this year") or "beginning of" in what or "start of" in what:
        return (f"{anchor.year}-01", "month") if "of" in what else (str(anchor.year), "year")
    if what == "last week":
        return _iso(anchor - timedelta(days=7), "month"), "month"
    if what == "last month":
        return _iso(_month_back(anchor, 1), "month"), "month"
    if what == "last year":
        return str(anchor.year - 1), "year"
    if what.startswith("last "):  # seasons: the most recent one before the anchor
        start_month = {"winter": 12, "spring": 3, "summer": 6, "autumn": 9, "fall": 9}[
            what.split()[1]
        ]
        # A season spans months, so only its year is known: the year it began.
        return str(resolve_month(start_month, _month_back(anchor, 3), last=False).year), "year"
    n_word, unit = (m["n"], m["unit"]) if m["n"] else (m["n2"], m["unit2"])
    if n_word:
        n = int(n_word) if n_word.isdigit() else _WORDS.get(n_word.lower())
        if n is None:
            return None, "day"
        unit = unit.lower().rstrip("s")
        if unit == "day":
            return _iso(anchor - timedelta(days=n), "day"), "day"
        if unit == "week":
            return _iso(anchor - timedelta(days=7 * n), "month"), "month"
        if unit == "month":
            return _iso(_month_back(anchor, n), "month"), "month"
        return str(anchor.year - n), "year"
    if previous and ("following" in what or "next" in what or "previous" in what):
        return _shift(previous, what)
    if previous and what.startswith("at "):
        return previous, {4: "year", 7: "month"}.get(len(previous), "day")
    return None, "day"


def _shift(previous: str, what: str) -> tuple[str | None, str]:
    step = -1 if "previous" in what else 1
    parts = [int(p) for p in previous.split("-")]
    if what.endswith("year"):
        return str(parts[0] + step), "year"
    if what.endswith("month") and len(parts) >= 2:
        d = _month_back(date(parts[0], parts[1], 1), -step)
        return _iso(d, "month"), "month"
    if what.endswith("day") and len(parts) == 3:
        return _iso(date(*parts) + timedelta(days=step), "day"), "day"
    return None, "day"


def find_times(
    text: str,
    anchor: date | None,
    *,
    weak: bool = False,
    previous: str | None = None,
    dates: list[DateMention] | None = None,
) -> list[TimeRef]:
    """Every time expression in `text`, resolved against `anchor` (None: explicit dates only).

    `previous` is the date of the statement before this one, for 'the following month'.
    """
    refs: list[TimeRef] = []
    low = text.lower()
    day_ok = anchor is not None and not weak

    def add(
        m: re.Match[str] | None, s: int, e: int, iso: str | None, precision: str, prep: str | None
    ) -> None:
        if any(s < r.end and r.start < e for r in refs):
            return
        if "since" in low and _SINCE_START.search(text, max(0, s - 50), s):
            prep = "since"  # 'since the start of the siege in April': when the period began
        refs.append(TimeRef(s, e, text[s:e], iso, precision, (prep or "").lower() or None))

    for d in find_dates(text) if dates is None else dates:
        prep = re.search(r"(since|from|until|by|on|in|as of)\s+$", text[: d.start], re.I)
        s = prep.start() if prep else d.start
        if d.year:
            iso = d.on(d.year)
        elif anchor:
            iso = latest_on_or_before(d.month, d.day, anchor)
        else:
            iso = None
        add(None, s, d.end, iso.isoformat() if iso else None, "day", prep[1] if prep else None)
    for m in _RELATIVE.finditer(text) if _has(low, _RELATIVE_HINTS) else ():
        if anchor is not None:
            iso, precision = _relative(m, anchor, previous)
            if precision == "day" and not day_ok:
                iso = None
            add(m, m.start(), m.end(), iso, precision, m["prep"])
    for m in _WEEKDAY.finditer(text) if _has(low, _WEEKDAY_HINTS) else ():
        rel = (m["rel"] or "").lower()
        iso = None
        if day_ok and rel != "next" and anchor is not None:
            iso = resolve_weekday(
                weekday_number(m["wd"]) or 0, anchor, last=rel in ("last", "past")
            ).isoformat()
        add(m, m.start(), m.end(), iso, "day", m["prep"])
    for m in _MONTH.finditer(text) if _has(low, _MONTH_HINTS) else ():
        rel = (m["rel"] or "").lower()
        month = month_number(m["mon"]) or 1
        if m["year"]:
            iso = f"{m['year']}-{month:02d}"
        elif anchor is not None and rel != "next":
            iso = _iso(resolve_month(month, anchor, last=rel == "last"), "month")
        else:
            iso = None
        if m["mon"] == "May" and not (m["prep"] or rel or m["year"] or m["part"]):
            continue  # the modal verb, not the month
        add(m, m.start(), m.end(), iso, "month", m["prep"])
    for m in _YEAR.finditer(text) if _YEAR_HINT.search(text) else ():
        part = (m["part"] or "").lower()
        if not (m["prep"] or part):
            continue
        iso = f"{m['year']}-01" if part.startswith(("the start", "the beginning")) else m["year"]
        add(m, m.start(), m.end(), iso, "month" if len(iso) == 7 else "year", m["prep"])
    return sorted(refs, key=lambda r: r.start)
