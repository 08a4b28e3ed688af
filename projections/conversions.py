"""`conversions`: the ratio a conversion claim implies, e.g. shells per container.

A conversion claim restates another claim's figure in another unit ("about 6,700 containers,
which could translate to around 3 million shells"); extraction links it to that claim with
`converts_claim_id`. The ratio is the converted figure over the base figure. Both claims must be
active; a correction or retraction of either recomputes the row.
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from projections.base import Batch, View
from projections.claims import ACTIVE_SQL, touched_sql

COLUMNS: dict[str, Any] = {
    "claim_id": str,
    "base_claim_id": str,
    "ratio": float,
    "ratio_unit": str,
    "converted": float,
    "converted_unit": str,
    "base": float,
    "base_unit": str,
    "base_metric_key": str,
    "claimant": str,
    "date": str,
    "outlet": str,
    "quote": str,
    "base_quote": str,
}

_SELECT = f"""
SELECT c.claim_id, b.claim_id,
       COALESCE(c.value, c.low, c.high) / COALESCE(b.value, b.low, b.high),
       c.unit || ' per ' || CASE WHEN b.unit LIKE '%s' THEN substr(b.unit, 1, length(b.unit) - 1)
                                 ELSE b.unit END,
       COALESCE(c.value, c.low, c.high), c.unit, COALESCE(b.value, b.low, b.high), b.unit,
       b.metric_key, COALESCE(c.claimant, b.claimant),
       COALESCE(c.statement_date, b.statement_date, c.published), c.outlet, c.quote, b.quote
FROM claims c JOIN claims b ON b.claim_id = c.converts_claim_id
WHERE c.{ACTIVE_SQL} AND b.{ACTIVE_SQL} {{where}}
"""
_DIRTY = f"({touched_sql('claim_id')} OR {touched_sql('claim_id', 'base_claim_id')})"


class ConversionsView(View):
    name = "conversions"
    version = 1
    tables = ("conversions",)

    def create(self, db: Database) -> None:
        db["conversions"].create(COLUMNS, pk="claim_id", not_null={"base_claim_id"})
        db["conversions"].create_index(["base_claim_id"])
        db["conversions"].create_index(["ratio_unit"])

    def apply(self, db: Database, batch: Batch) -> None:
        """Nothing per event: conversions are settled from the claims a batch touched."""

    def settle(self, db: Database, *, full: bool) -> None:
        insert = f"INSERT INTO conversions ({', '.join(COLUMNS)}) " + _SELECT
        if full:
            db.conn.execute("DELETE FROM conversions")
            db.conn.execute(insert.format(where=""))
            return
        db.conn.execute(f"DELETE FROM conversions WHERE {_DIRTY}")
        touched = f"AND ({touched_sql('claim_id', 'c.claim_id')}"
        db.conn.execute(
            insert.format(where=f"{touched} OR {touched_sql('claim_id', 'b.claim_id')})")
        )
