"""`latest_estimates`: for each metric and claimant, the claim they made most recently.

Claimants are compared by name key (projections.names), so spellings of one name are one
claimant. "Latest" is by date (statement date, else publication date; undated claims count as
older than dated ones), then by the order they were recorded.
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from projections.base import Batch, View
from projections.claims import ACTIVE_SQL, touched_sql

COLUMNS: dict[str, Any] = {
    "claim_id": str,
    "metric_key": str,
    "claimant": str,
    "claimant_key": str,
    "date": str,
    "value": float,
    "low": float,
    "high": float,
    "qualifier": str,
    "unit": str,
    "outlet": str,
    "quote": str,
    "claims": int,
}

_SELECT = f"""
SELECT {", ".join(COLUMNS)} FROM (
  SELECT claim_id, metric_key, claimant, claimant_key, value, low, high, qualifier, unit,
         outlet, quote, statement_date, published, position,
         COALESCE(statement_date, published) AS date,
         ROW_NUMBER() OVER (
           PARTITION BY metric_key, claimant_key
           ORDER BY COALESCE(statement_date, published) IS NULL,
                    COALESCE(statement_date, published) DESC, position DESC
         ) AS rank,
         COUNT(*) OVER (PARTITION BY metric_key, claimant_key) AS claims
  FROM claims WHERE {ACTIVE_SQL} AND metric_key IS NOT NULL {{where}}
) WHERE rank = 1
"""


class LatestEstimatesView(View):
    name = "latest_estimates"
    version = 1
    tables = ("latest_estimates",)

    def create(self, db: Database) -> None:
        db["latest_estimates"].create(COLUMNS, pk="claim_id", not_null={"metric_key"})
        db["latest_estimates"].create_index(["metric_key", "claimant_key"], unique=True)

    def apply(self, db: Database, batch: Batch) -> None:
        """Nothing per event: settled from the metrics a batch touched."""

    def settle(self, db: Database, *, full: bool) -> None:
        dirty = touched_sql("metric_key")
        db.conn.execute("DELETE FROM latest_estimates" + ("" if full else f" WHERE {dirty}"))
        insert = f"INSERT INTO latest_estimates ({', '.join(COLUMNS)}) " + _SELECT
        db.conn.execute(insert.format(where="" if full else f"AND {dirty}"))
