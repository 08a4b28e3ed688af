"""`timeline`: every active claim of a metric in date order, with the change from the point before.

Derived from the `claims` table rather than from events: a correction, retraction or review
anywhere on a metric can move every later point, so a changed metric is recomputed whole.
"""

from __future__ import annotations

from sqlite_utils import Database

from ledger.domain import Claim
from projections.base import Batch, View
from projections.claims import ACTIVE

COLUMNS = {
    "metric_key": str,
    "sequence": int,
    "metric": str,
    "unit": str,
    "direction": str,
    "date": str,
    "value": float,
    "low": float,
    "high": float,
    "qualifier": str,
    "claimant": str,
    "outlet": str,
    "claim_id": str,
    "change_from_previous": float,
}

_SELECT = f"""
SELECT metric_key,
       ROW_NUMBER() OVER w AS sequence,
       metric, unit, direction, date, value, low, high, qualifier, claimant, reporting_outlet,
       claim_id,
       figure - LAG(figure) OVER w AS change_from_previous
FROM (
  SELECT *, COALESCE(statement_date, published) AS date, COALESCE(value, low, high) AS figure
  FROM claims
  WHERE status IN ({", ".join(f"'{s}'" for s in ACTIVE)}) AND metric_key IS NOT NULL {{where}}
)
WINDOW w AS (PARTITION BY metric_key ORDER BY date IS NULL, date, figure, position)
"""
CHANGES = (Claim.EstimateCorrected, Claim.EstimateRetracted, Claim.ClaimReviewed)
_INSERT = f"INSERT INTO timeline ({', '.join(COLUMNS)}) "


class TimelineView(View):
    name = "timeline"
    version = 1
    tables = ("timeline",)

    def __init__(self) -> None:
        self._dirty: set[str] = set()

    def create(self, db: Database) -> None:
        db["timeline"].create(COLUMNS, pk=("metric_key", "sequence"), not_null={"claim_id"})
        db["timeline"].create_index(["claim_id"], unique=True)
        db["timeline"].create_index(["date"])

    def apply(self, db: Database, batch: Batch) -> None:
        changed: list[str] = []
        for _, e in batch:
            if isinstance(e, Claim.EstimateReported):
                if e.metric_key:
                    self._dirty.add(e.metric_key)
            elif isinstance(e, CHANGES):
                changed.append(str(e.originator_id))
        for claim_id in changed:
            # The metric it is on now, and the one it was on before a correction moved it.
            for (key,) in db.conn.execute(
                "SELECT metric_key FROM claims WHERE claim_id = ?"
                " UNION SELECT metric_key FROM timeline WHERE claim_id = ?",
                (claim_id, claim_id),
            ):
                if key:
                    self._dirty.add(key)

    def settle(self, db: Database, *, full: bool) -> None:
        if full:
            db.conn.execute("DELETE FROM timeline")
            db.conn.execute(_INSERT + _SELECT.format(where=""))
        elif self._dirty:
            keys = sorted(self._dirty)
            db.conn.execute("CREATE TEMP TABLE IF NOT EXISTS dirty_metrics (key TEXT PRIMARY KEY)")
            db.conn.execute("DELETE FROM temp.dirty_metrics")
            db.conn.executemany("INSERT INTO temp.dirty_metrics VALUES (?)", [(k,) for k in keys])
            db.conn.execute(
                "DELETE FROM timeline WHERE metric_key IN (SELECT key FROM temp.dirty_metrics)"
            )
            db.conn.execute(
                _INSERT
                + _SELECT.format(where="AND metric_key IN (SELECT key FROM temp.dirty_metrics)")
            )
        self._dirty.clear()
