"""Full-text search over claim quotes and article titles, kept in step with every change."""

from __future__ import annotations

from uuid import UUID

from conftest import SEEDS, rows
from ledger.reading import read_path
from scenario import project, say


def search(db, table, words):
    return rows(
        db,
        f"SELECT {table}.* FROM {table} JOIN {table}_fts ON {table}_fts.rowid = {table}.rowid"
        f" WHERE {table}_fts MATCH ?",
        (words,),
    )


def test_claims_and_article_titles_are_searchable_after_catch_up_and_rebuild(app, home):
    app.ingest(read_path(SEEDS / "002_6f1df5a3d3c7a09b.txt"))
    db = project(home, app)
    assert search(db, "articles", "military aid")[0]["file"] == "002_6f1df5a3d3c7a09b.txt"
    assert search(db, "claims", "munitions")
    claim = say(app, "Rail cars carried 300 wagons", value=300, unit="wagons", claimant="Kim")
    assert [r["claim_id"] for r in search(project(home, app), "claims", "kim")] == [claim]

    app.correct(UUID(claim), {"quote": "Trains carried 300 wagons"}, reason="typo")
    db = project(home, app)
    assert search(db, "claims", "rail") == []
    assert [r["claim_id"] for r in search(db, "claims", "trains")] == [claim]
