"""Calendar words and explicit dates: the primitives both the reader and the extractor date with.

Kept apart from both so that "March 18", "Aug 21" or "07/09/2024" are parsed by one piece of
code whether they date an article (reading) or a statement inside it (extraction).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}  # fmt: skip

MONTH_RE = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
WEEKDAY_RE = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?"
_ORD = r"(?:st|nd|rd|th)?"

# "March 18", "Apr 24th, 2024", "Wed. Apr 24th, 2024", "Aug 21"
_MDY = re.compile(
    rf"(?<![A-Za-z])(?P<mon>{MONTH_RE})\.?\s+(?P<day>\d{{1,2}}){_ORD}\b"
    rf"(?!\s*(?:%|per\s?cent|[-–]\d))(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?"
)
# "18 March", "Thursday 27 February 2025", "15 September 2024"
_WEEKDAY_BEFORE = re.compile(rf"\b(?P<wd>{WEEKDAY_RE})\.?,?\s+$")
_DMY = re.compile(
    rf"\b(?P<day>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<mon>{MONTH_RE})"
    rf"\b\.?(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?"
)
# "07/09/2024", "17.06.2021", "2024-03-18"; a page's text may glue two dates ("06/14/2025June 14")
_DIGIT = re.compile(r"\d")
_DATEISH = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|\d[./-]\d")
"""Every date form needs a capitalised month or digits joined by '.', '/' or '-'."""
_NUMERIC = re.compile(
    r"\b(?P<a>\d{1,2})(?P<sep>[./])(?P<b>\d{1,2})(?P=sep)(?P<year>(?:19|20)\d\d)(?!\d)"
)
_ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mon>[01]\d)-(?P<day>[0-3]\d)\b")


@dataclass(frozen=True)
class DateMention:
    """An explicit calendar date in a text; `year` is None when the text leaves it out."""

    start: int
    end: int
    month: int
    day: int
    year: int | None
    weekday: int | None = None
    alternative: tuple[int, int] | None = None
    """(month, day) of the other reading of an ambiguous numeric date such as 07/09/2024."""

    def on(self, year: int) -> date | None:
        return safe_date(year, self.month, self.day)


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def month_number(word: str) -> int | None:
    return MONTHS.get(word.lower().rstrip("."))


def weekday_number(word: str) -> int | None:
    return WEEKDAYS.get(word.lower().rstrip("."))


def find_dates(text: str) -> list[DateMention]:
    """Every explicit date in `text`, leftmost first, overlapping readings removed."""
    found: list[DateMention] = []
    if not _DIGIT.search(text) or not _DATEISH.search(text):
        return found
    for rx in (_MDY, _DMY):
        for m in rx.finditer(text):
            day = int(m["day"])
            if not 1 <= day <= 31:
                continue
            start, wd = m.start(), None
            if w := _WEEKDAY_BEFORE.search(text, max(0, start - 14), start):
                start, wd = w.start(), weekday_number(w["wd"])
            year = int(m["year"]) if m["year"] else None
            found.append(DateMention(start, m.end(), month_number(m["mon"]) or 1, day, year, wd))
    for m in _NUMERIC.finditer(text):
        a, b, year = int(m["a"]), int(m["b"]), int(m["year"])
        if a > 12 and b <= 12:
            found.append(DateMention(m.start(), m.end(), b, a, year))
        elif b > 12 and a <= 12:
            found.append(DateMention(m.start(), m.end(), a, b, year))
        elif a <= 12 and b <= 12:
            # Day first is the common reading outside the US; the caller may prefer the other.
            alt = (a, b) if a != b else None
            found.append(DateMention(m.start(), m.end(), b, a, year, alternative=alt))
    for m in _ISO.finditer(text):
        found.append(DateMention(m.start(), m.end(), int(m["mon"]), int(m["day"]), int(m["year"])))
    found.sort(key=lambda d: (d.start, -(d.end - d.start)))
    kept: list[DateMention] = []
    for d in found:
        if kept and d.start < kept[-1].end:
            continue
        kept.append(d)
    return kept


_CAPS_MONTH = re.compile(r"\b(?:JAN|FEB|MAR|APR|MAY|JUNE?|JULY?|AUG|SEPT?|OCT|NOV|DEC)[A-Z]*\b")


def find_page_dates(text: str) -> list[DateMention]:
    """The dates of a line of page furniture, where a byline may print the month in capitals
    ('17:46, 28 JAN 2025'); running text keeps the cheaper `find_dates`."""
    return find_dates(_CAPS_MONTH.sub(lambda m: m[0].title(), text))


def latest_on_or_before(month: int, day: int, anchor: date) -> date | None:
    """The latest `month`/`day` that is not after `anchor` (a dateline without its year)."""
    for year in (anchor.year, anchor.year - 1):
        d = safe_date(year, month, day)
        if d and d <= anchor:
            return d
    return None
