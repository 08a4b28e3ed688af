"""`sources`: every claimant and every outlet, with how much they said and when.

One row per name key (projections.names): the most used spelling names the row. Claimants
are dated by when they spoke (statement date, else publication date), outlets by when they
published (publication date, else statement date). Counts include claims later retracted or
rejected (they were still said); `active_claims` counts those that stand.
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from projections.base import Batch, View
from projections.claims import ACTIVE_SQL, touched_sql

COLUMNS: dict[str, Any] = {
    "kind": str,
    "key": str,
    "name": str,
    "claims": int,
    "active_claims": int,
    "articles": int,
    "metrics": int,
    "first_seen": str,
    "last_seen": str,
}

_SELECT = f"""
SELECT '{{kind}}', {{key}},
       (SELECT {{name}} FROM claims x WHERE x.{{key}} = c.{{key}}
        GROUP BY {{name}} ORDER BY count(*) DESC, {{name}} LIMIT 1),
       count(*), sum({ACTIVE_SQL}), count(DISTINCT COALESCE(article_id, source_url)),
       count(DISTINCT metric_key), min({{date}}), max({{date}})
FROM claims c WHERE {{key}} IS NOT NULL {{where}} GROUP BY {{key}}
"""
KINDS = {
    "claimant": {"key": "claimant_key", "name": "claimant",
                 "date": "COALESCE(statement_date, published)"},
    "outlet": {"key": "outlet_key", "name": "outlet",
               "date": "COALESCE(published, statement_date)"},
}  # fmt: skip


class SourcesView(View):
    name = "sources"
    version = 1
    tables = ("sources",)

    def create(self, db: Database) -> None:
        db["sources"].create(COLUMNS, pk=("kind", "key"), not_null={"name"})
        db["sources"].create_index(["name"])

    def apply(self, db: Database, batch: Batch) -> None:
        """Nothing per event: settled from the claimants and outlets a batch touched."""

    def settle(self, db: Database, *, full: bool) -> None:
        for kind, sql in KINDS.items():
            dirty = "" if full else f"AND {touched_sql(sql['key'])}"
            stale = "" if full else f"AND {touched_sql(sql['key'], 'key')}"
            db.conn.execute(f"DELETE FROM sources WHERE kind = ? {stale}", (kind,))
            select = _SELECT.format(kind=kind, where=dirty, **sql)
            db.conn.execute(f"INSERT INTO sources ({', '.join(COLUMNS)}) {select}")
