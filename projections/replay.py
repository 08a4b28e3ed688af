"""Replay: feeds that pass on only part of the log, so the same Runner and views show the past.

Each wraps any feed (the ledger, or another of these) and keeps the global positions:
  - UntilPosition(feed, n): events at positions <= n, the log as it stood after event n;
  - RecordedBefore(feed, moment): events recorded before that moment (UTC), so corrections,
    retractions and reviews made later are left out;
  - AsOf(feed, day): the public record on that day, as we know it now. A claim is in when its
    date is on or before the day: its statement date (as corrected), else its article's
    publication date (or, for a claim typed in by hand, the source's). A partial date such as
    "2024-03" counts from its first day. Undated claims are left out, since nothing shows they
    were on the record. An article is in when it was published on or before the day, or when
    it carries a claim that is in (a later article recalling an earlier statement).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, date, datetime
from uuid import UUID

from eventsourcing.domain import DomainEvent

from ledger.domain import Article, Claim
from projections.runner import Feed

Page = Sequence[tuple[int, DomainEvent]]

_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


class Filtered:
    """A feed passing on the events `keep` accepts; skips pages with none (the runner stops
    at the first empty page)."""

    def __init__(self, feed: Feed) -> None:
        self.feed = feed

    def keep(self, position: int, event: DomainEvent) -> bool:
        raise NotImplementedError

    def read_events(self, after: int, limit: int) -> Page:
        while page := self.feed.read_events(after, limit):
            kept = [(p, e) for p, e in page if self.keep(p, e)]
            if kept:
                return kept
            after = page[-1][0]
        return []

    def max_position(self) -> int:
        return self.feed.max_position()


class UntilPosition(Filtered):
    def __init__(self, feed: Feed, position: int) -> None:
        super().__init__(feed)
        self.position = position

    def keep(self, position: int, event: DomainEvent) -> bool:
        return position <= self.position

    def read_events(self, after: int, limit: int) -> Page:
        return super().read_events(after, limit) if after < self.position else []

    def max_position(self) -> int:
        return min(self.position, self.feed.max_position())


class RecordedBefore(Filtered):
    def __init__(self, feed: Feed, moment: datetime) -> None:
        super().__init__(feed)
        self.moment = moment

    def keep(self, position: int, event: DomainEvent) -> bool:
        return event.timestamp < self.moment


class AsOf(Filtered):
    def __init__(self, feed: Feed, day: date) -> None:
        super().__init__(feed)
        self.day = day
        self._in: set[UUID] | None = None

    def keep(self, position: int, event: DomainEvent) -> bool:
        if self._in is None:
            self._in = self._decide()
        return event.originator_id in self._in

    def _decide(self) -> set[UUID]:
        """One pass over the log: which articles and claims were on the record by the day.

        A first pass is needed because a later correction can change a claim's date.
        """
        published: dict[UUID, str | None] = {}
        claims: dict[UUID, tuple[UUID | None, str | None, str | None]] = {}
        after = 0
        while page := self.feed.read_events(after, 2000):
            for _, e in page:
                if isinstance(e, Article.ArticleIngested):
                    published[e.originator_id] = e.published
                elif isinstance(e, Claim.EstimateReported):
                    fallback = published.get(e.article_id) if e.article_id else e.source_published
                    claims[e.originator_id] = (e.article_id, e.statement_date, fallback)
                elif isinstance(e, Claim.EstimateCorrected) and "statement_date" in e.changes:
                    article_id, _, fallback = claims[e.originator_id]
                    claims[e.originator_id] = (article_id, e.changes["statement_date"], fallback)
            after = page[-1][0]
        keep = {a for a, day in published.items() if self._on_or_before(day)}
        for claim_id, (article_id, statement, fallback) in claims.items():
            if self._on_or_before(statement or fallback):
                keep.add(claim_id)
                if article_id:
                    keep.add(article_id)
        return keep

    def _on_or_before(self, text: str | None) -> bool:
        first = first_day(text)
        return first is not None and first <= self.day


def first_day(text: str | None) -> date | None:
    """The first day a date in the record can mean ("2024-03" -> 1 March); None if undated."""
    m = _DATE.match(text or "")
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
    except ValueError:
        return None


def parse_day(text: str) -> date:
    """A day given by a user: YYYY-MM-DD, a real one."""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date.fromisoformat(text)
    except ValueError:
        pass
    raise ValueError(f"{text!r} is not a date (expected YYYY-MM-DD)")


def parse_moment(text: str) -> datetime:
    """A moment given by a user: an ISO date or date-time; without an offset it is UTC."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a timestamp (expected e.g. 2024-04-01T12:00Z)") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
