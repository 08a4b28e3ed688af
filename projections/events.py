"""`events`: every event in the log, one row each, for auditors: what happened, to what, by whom.

The summary is the same one-line account `ledger history` prints for a claim's events.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from eventsourcing.domain import DomainEvent
from sqlite_utils import Database

from ledger.domain import Article, Claim
from projections.base import Batch, View, file_name
from projections.figures import figure

COLUMNS: dict[str, Any] = {
    "position": int,
    "type": str,
    "aggregate_type": str,
    "aggregate_id": str,
    "version": int,
    "recorded_at": str,
    "actor": str,
    "summary": str,
}


def describe(e: DomainEvent) -> tuple[str, str]:
    """(who, what and why) for one event, in a line."""
    if isinstance(e, Article.ArticleIngested):
        name = file_name(e.source) or "-"
        where = ", ".join(x for x in (e.outlet, e.published) if x) or "no outlet or date"
        return e.recorded_by, f"{name}: {e.title or '(no title)'} ({where}; {len(e.text):,} chars)"
    if isinstance(e, Claim.EstimateReported):
        source = e.source_url or (f"article {str(e.article_id)[:8]}" if e.article_id else "")
        return (
            e.recorded_by,
            f"{figure(e)} {e.unit} ({e.extractor}; {source})",
        )
    if isinstance(e, Claim.EstimateCorrected):
        changes = ", ".join(f"{k}={v!r}" for k, v in e.changes.items())
        return e.corrected_by, f"{changes}; reason: {e.reason}"
    if isinstance(e, Claim.EstimateRetracted):
        return e.retracted_by, f"reason: {e.reason}"
    if isinstance(e, Claim.ClaimReviewed):
        return e.reviewer, e.verdict + (f": {e.note}" if e.note else "")
    return "", ""


@cache
def _names(event_class: type) -> tuple[str, str]:
    """(event type, aggregate type) of an event class, e.g. (EstimateReported, Claim)."""
    return event_class.__name__, event_class.__qualname__.split(".")[0]


class EventsView(View):
    name = "events"
    version = 1
    tables = ("events",)

    def create(self, db: Database) -> None:
        db["events"].create(COLUMNS, pk="position", not_null={"type", "aggregate_id"})
        db["events"].create_index(["aggregate_id", "version"])
        db["events"].create_index(["type"])

    def apply(self, db: Database, batch: Batch) -> None:
        rows = [
            (position, *_names(type(e)), str(e.originator_id), e.originator_version,
             e.timestamp.isoformat(), *describe(e))
            for position, e in batch
        ]  # fmt: skip
        db.conn.executemany(f"INSERT INTO events VALUES ({', '.join('?' * len(COLUMNS))})", rows)
