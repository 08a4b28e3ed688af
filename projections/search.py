"""Full-text search (SQLite FTS5) over claim quotes, claimants, units and metrics, and article
titles: `claims_fts` and `articles_fts`, which Datasette finds and puts a search box over.

Triggers keep the indexes in step with every insert and update. A rebuild creates the indexes
once at the end, from the finished tables, which is much faster than indexing row by row.
"""

from __future__ import annotations

from sqlite_utils import Database

from projections.base import Batch, View

INDEXED = {"claims": ["quote", "claimant", "unit", "metric"], "articles": ["title"]}


class SearchView(View):
    name = "search"
    version = 1
    tables = tuple(f"{table}_fts" for table in INDEXED)

    def create(self, db: Database) -> None:
        """Nothing yet: the indexes are built from the finished tables in settle()."""

    def apply(self, db: Database, batch: Batch) -> None:
        """Nothing per event: triggers keep the indexes in step."""

    def settle(self, db: Database, *, full: bool) -> None:
        if full:
            for table, columns in INDEXED.items():
                db[table].enable_fts(columns, fts_version="FTS5", create_triggers=True)
