"""The article's own date, and the evidence that decided it.

Evidence, strongest first: a byline or "Published" date, a timestamp, a dateline that carries its
year, a date in the URL path, a dateline without a year (the year then comes from the best other
evidence), and last a page banner. A banner is weak: a saved or aggregated page shows the day it
was saved, which can be months after the story (so extraction will not resolve "said Monday"
against it). Ambiguous numeric dates (07/09/2024) take the reading closest to the other dates
the page mentions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ledger.reading.calendar import (
    DateMention,
    find_dates,
    find_page_dates,
    latest_on_or_before,
    safe_date,
)
from ledger.reading.furniture import Layout

_URL_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)[/-]([01]\d)[/-]([0-3]\d)(?!\d)")
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][\w'’.-]*(?:[ ,]+[A-Z(][\w'’.)-]*){0,4}),?\s+"
    r"(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,?\s+(?:19|20)\d\d)?"
    r"|\d{1,2}\s+[A-Z][a-z]{2,8}\.?(?:,?\s+(?:19|20)\d\d)?)"
    r"(?:\s*\((?P<agency>[^)]{2,30})\))?\s*[:\-–—]"
)
_STRONG_REASONS = {"byline", "byline date", "timestamp"}


@dataclass(frozen=True)
class Published:
    date: str | None
    evidence: str | None
    weak: bool = False


@dataclass(frozen=True)
class _Candidate:
    day: date
    evidence: str
    rank: int
    """Lower is stronger."""


def find_published(text: str, page: Layout, url: str | None) -> Published:
    """Decide the article's date from what the page shows around and at the top of its text."""
    candidates: list[_Candidate] = []
    page_dates: list[DateMention] | None = None  # the text's dated mentions, when first needed
    for start, end, reason in page.dropped:
        line = text[start:end]
        for d in find_page_dates(line):
            if d.alternative and page_dates is None:
                page_dates = [m for m in find_dates(text) if m.year]
            day = _resolve(d, start, page_dates or [])
            if day is None:
                continue
            if reason in _STRONG_REASONS:
                kind = "published" if re.match(r"\W*published", line, re.I) else reason
                rank = 1 if "updated" not in line[: d.start].lower() else 4
                candidates.append(_Candidate(day, f"{kind} '{line[d.start : d.end]}'", rank))
            elif reason == "date banner":
                candidates.append(_Candidate(day, f"page banner '{line[d.start : d.end]}'", 9))
            break
    if url and (m := _URL_DATE.search(url)):
        day = safe_date(int(m[1]), int(m[2]), int(m[3]))
        if day:
            candidates.append(_Candidate(day, f"URL path date '{m.group()}'", 3))
    dateline = _dateline(text, page)
    if dateline and dateline[0].year and (day := dateline[0].on(dateline[0].year)):
        candidates.append(_Candidate(day, f"dateline '{dateline[1]}'", 2))
    best = min(candidates, key=lambda c: c.rank, default=None)
    if (
        dateline
        and best
        and best.rank != 2
        and (day := latest_on_or_before(dateline[0].month, dateline[0].day, best.day))
    ):
        # A dateline names the story's own day; other evidence only supplies its year.
        shown = dateline[1]
        if day == best.day:
            return Published(day.isoformat(), f"dateline '{shown}' and {best.evidence}")
        return Published(day.isoformat(), f"dateline '{shown}' (year from {best.evidence})")
    if best is None:
        return Published(None, None)
    weak = best.rank >= 9
    evidence = best.evidence + (" (weak: a page banner can postdate the story)" if weak else "")
    return Published(best.day.isoformat(), evidence, weak)


def _resolve(d: DateMention, at: int, page_dates: list[DateMention]) -> date | None:
    """A full date from a mention; for 07/09-style dates, the reading nearest the page's others
    (`page_dates`: the dated mentions in the whole text)."""
    if d.year is None:
        return None
    first = d.on(d.year)
    if d.alternative is None or first is None:
        return first
    other = safe_date(d.year, *d.alternative)
    others = [m.on(m.year) for m in page_dates if m.start != at + d.start and m.year]
    others = [o for o in others if o]
    if other is None or not others:
        return first

    def spread(x: date) -> int:
        return min(abs((x - o).days) for o in others)

    return other if spread(other) < spread(first) else first


def _dateline(text: str, page: Layout) -> tuple[DateMention, str] | None:
    """'Seoul, March 18:', 'ARDEN, Aug 21 (Reuters) -' or a release's 'Lyon, 21 October 2024 —'
    opening one of the first paragraphs."""
    dropped = {(s, e) for s, e, _ in page.dropped}
    for line in [ln for ln in page.lines if (ln.start, ln.end) not in dropped][:6]:
        m = _DATELINE.match(line.text)
        if not m:
            continue
        found = find_dates(m["date"])
        if found:
            return found[0], m.group().rstrip(":-–— ")
    return None
