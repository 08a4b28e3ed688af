"""The events view: every event in the log, with who did it and a one-line summary."""

from __future__ import annotations

from conftest import SEEDS, rows
from ledger.reading import read_path
from scenario import project, story


def test_one_row_per_event_in_log_order_with_actor_and_summary(app, home):
    app.ingest(read_path(SEEDS / "003_d5342039318a5e7e.txt"), recorded_by="ingester")
    ids = story(app)
    db = project(home, app)
    events = rows(db, "SELECT * FROM events ORDER BY position")
    assert [e["position"] for e in events] == list(range(1, app.max_position() + 1))
    article = events[0]
    assert (article["type"], article["aggregate_type"], article["actor"]) == (
        "ArticleIngested", "Article", "ingester",
    )  # fmt: skip
    assert article["summary"].startswith("003_d5342039318a5e7e.txt: ")
    typo = [e for e in events if e["aggregate_id"] == ids["typo"]]
    assert [(e["type"], e["version"], e["actor"]) for e in typo] == [
        ("EstimateReported", 1, "test"),
        ("EstimateCorrected", 2, "ed"),
        ("EstimateCorrected", 3, "ed"),
        ("EstimateRetracted", 4, "ed"),
    ]
    assert typo[0]["summary"].startswith("70,000 containers (hand; https://example.org/typo)")
    assert typo[1]["summary"] == "value=7000.0, metric_key='containers: typo'; reason: misread"
    assert typo[3]["summary"] == "reason: duplicate of the AFP report"
    reviews = [e["summary"] for e in events if e["type"] == "ClaimReviewed"]
    assert reviews == ["accepted: matches the transcript", "rejected", "accepted"]
