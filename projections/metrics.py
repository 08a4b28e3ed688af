"""`metrics`: every metric key, the words it has been described with, and how it stands.

`aliases` are the distinct metric descriptions and noun phrases (item) of its claims: the
several ways texts name what one key counts. The dates, points and latest figure come from
the timeline, so they cover active claims only; `claims` counts every claim ever made on it.
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from projections.base import Batch, View
from projections.claims import ACTIVE_SQL, touched_sql

COLUMNS: dict[str, Any] = {
    "metric_key": str,
    "metric": str,
    "unit": str,
    "direction": str,
    "aliases": str,
    "claims": int,
    "active_claims": int,
    "claimants": int,
    "articles": int,
    "points": int,
    "first_date": str,
    "last_date": str,
    "latest_value": float,
    "latest_claim_id": str,
    "cumulative": int,
}


def _most_used(column: str) -> str:
    return (
        f"(SELECT {column} FROM claims x WHERE x.metric_key = c.metric_key AND {column} NOT NULL"
        f" GROUP BY {column} ORDER BY count(*) DESC, {column} LIMIT 1)"
    )


def _last_point(column: str) -> str:
    return (
        f"(SELECT {column} FROM timeline t WHERE t.metric_key = c.metric_key"
        " ORDER BY t.sequence DESC LIMIT 1)"
    )


_SELECT = f"""
SELECT metric_key, {_most_used("metric")}, {_most_used("unit")}, {_most_used("direction")},
       (SELECT json_group_array(name) FROM (
          SELECT metric AS name FROM claims x WHERE x.metric_key = c.metric_key AND metric NOT NULL
          UNION
          SELECT item FROM claims x WHERE x.metric_key = c.metric_key AND item NOT NULL
          ORDER BY name)),
       count(*), sum({ACTIVE_SQL}),
       count(DISTINCT CASE WHEN {ACTIVE_SQL} THEN claimant_key END),
       count(DISTINCT COALESCE(article_id, source_url)),
       (SELECT count(*) FROM timeline t WHERE t.metric_key = c.metric_key),
       (SELECT min(date) FROM timeline t WHERE t.metric_key = c.metric_key),
       (SELECT max(date) FROM timeline t WHERE t.metric_key = c.metric_key),
       {_last_point("COALESCE(value, low, high)")}, {_last_point("claim_id")},
       {_last_point("cumulative")}
FROM claims c WHERE metric_key NOT NULL {{where}} GROUP BY metric_key
"""


class MetricsView(View):
    name = "metrics"
    version = 1
    tables = ("metrics",)

    def create(self, db: Database) -> None:
        db["metrics"].create(COLUMNS, pk="metric_key")

    def apply(self, db: Database, batch: Batch) -> None:
        """Nothing per event: settled from the metrics a batch touched."""

    def settle(self, db: Database, *, full: bool) -> None:
        dirty = touched_sql("metric_key")
        db.conn.execute("DELETE FROM metrics" + ("" if full else f" WHERE {dirty}"))
        insert = f"INSERT INTO metrics ({', '.join(COLUMNS)}) " + _SELECT
        db.conn.execute(insert.format(where="" if full else f"AND {dirty}"))
