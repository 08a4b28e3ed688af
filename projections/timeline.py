"""`timeline`: every active claim of a metric in date order, with how fast and which way it moved.

Derived from the `claims` table rather than from events: a correction, retraction or review
anywhere on a metric can move every later point, so a touched metric is recomputed whole.

- `change_from_previous`: none for an undated point, which sorts last whatever its figure.
- `rate_per_month`: change from the point before divided by the months between them (a
  month-only date sits on the 15th, a year-only one on 1 July; same-day points have no rate).
- `lower_bound`/`upper_bound`: the least and most the claim allows ('more than 1,000' has no
  ceiling, 'about' allows 10% either way; see projections.figures).
- `cumulative`: the metric is a running total: one of its claims counts "since" a start (a
  period_start without a period_end) or its metric says cumulative/total/so far.
- `date_basis`: what dates the point: `statement` (the text says when it was said),
  `published` (the article's date), `page banner` (only a site's date banner, which can be
  weeks off the story), or null (no date: the point sorts last).
- `falls`: on a cumulative metric, this point's ceiling is below the floor of a point dated
  earlier: both cannot hold (the `conflicts` view names the pair).
"""

from __future__ import annotations

from sqlite_utils import Database

from projections.base import Batch, View
from projections.claims import ACTIVE_SQL, touched_sql
from projections.dates import MIDPOINT_SQL, MONTH_DAYS
from projections.figures import LOWER_SQL, UPPER_SQL

COLUMNS = {
    "metric_key": str,
    "sequence": int,
    "metric": str,
    "unit": str,
    "direction": str,
    "date": str,
    "date_basis": str,
    "day": float,
    "value": float,
    "low": float,
    "high": float,
    "qualifier": str,
    "claimant": str,
    "outlet": str,
    "claim_id": str,
    "change_from_previous": float,
    "days_from_previous": float,
    "rate_per_month": float,
    "lower_bound": float,
    "upper_bound": float,
    "cumulative": int,
    "falls": int,
}

CUMULATIVE_SQL = """(period_end IS NULL AND (period_start IS NOT NULL
  OR metric LIKE '%cumulative%' OR metric LIKE '%total%' OR metric LIKE '%so far%'))"""

_SELECT = f"""
SELECT metric_key,
       ROW_NUMBER() OVER w AS sequence,
       metric, unit, direction, date, date_basis, day, value, low, high, qualifier, claimant,
       outlet, claim_id,
       CASE WHEN day IS NOT NULL THEN figure - LAG(figure) OVER w END AS change_from_previous,
       day - LAG(day) OVER w AS days_from_previous,
       (figure - LAG(figure) OVER w) / ((day - LAG(day) OVER w) / {MONTH_DAYS}) AS rate_per_month,
       lower_bound, upper_bound, cumulative,
       COALESCE(day IS NOT NULL AND cumulative AND upper_bound < MAX(lower_bound) OVER (
         PARTITION BY metric_key ORDER BY day RANGE BETWEEN UNBOUNDED PRECEDING AND 0.5 PRECEDING
       ), 0) AS falls
FROM (
  SELECT *, {MIDPOINT_SQL.format(col="date")} AS day,
         MAX(COALESCE({CUMULATIVE_SQL}, 0)) OVER (PARTITION BY metric_key) AS cumulative
  FROM (
    SELECT metric_key, metric, unit, direction, value, low, high, qualifier, claimant, outlet,
           claim_id, position, period_start, period_end,
           COALESCE(statement_date, published) AS date, COALESCE(value, low, high) AS figure,
           CASE WHEN statement_date IS NOT NULL THEN 'statement'
                WHEN published IS NULL THEN NULL
                WHEN (SELECT published_weak FROM articles a WHERE a.article_id = claims.article_id)
                THEN 'page banner' ELSE 'published' END AS date_basis,
           {LOWER_SQL} AS lower_bound, {UPPER_SQL} AS upper_bound
    FROM claims
    WHERE {ACTIVE_SQL} AND metric_key IS NOT NULL {{where}}
  )
)
WINDOW w AS (PARTITION BY metric_key ORDER BY date IS NULL, date, figure, position)
"""
_INSERT = f"INSERT INTO timeline ({', '.join(COLUMNS)}) "
DIRTY = touched_sql("metric_key")


class TimelineView(View):
    name = "timeline"
    version = 5  # 3: indexed by sequence, the order Datasette lists points in; 4: date_basis;
    # 5: an undated point (last) has no change from the one before
    tables = ("timeline",)

    def create(self, db: Database) -> None:
        db["timeline"].create(COLUMNS, pk=("metric_key", "sequence"), not_null={"claim_id"})
        db["timeline"].create_index(["claim_id"], unique=True)
        db["timeline"].create_index(["date"])
        db["timeline"].create_index(["sequence"])

    def apply(self, db: Database, batch: Batch) -> None:
        """Nothing per event: the claims view records what each batch touched."""

    def settle(self, db: Database, *, full: bool) -> None:
        if full:
            db.conn.execute("DELETE FROM timeline")
            db.conn.execute(_INSERT + _SELECT.format(where=""))
        else:
            db.conn.execute(f"DELETE FROM timeline WHERE {DIRTY}")
            db.conn.execute(_INSERT + _SELECT.format(where=f"AND {DIRTY}"))
