"""Old events stay readable: stored events of an earlier schema are upcast as they are read."""

from __future__ import annotations

import json

from eventsourcing.persistence import StoredEvent

from conftest import rows
from ledger.application import Ledger
from ledger.domain import Article, Claim, article_id_for
from projections.runner import Runner

EVENT_CLASSES = [
    Article.ArticleIngested,
    Claim.EstimateReported,
    Claim.EstimateCorrected,
    Claim.EstimateRetracted,
    Claim.ClaimReviewed,
]


def test_every_event_class_has_an_upcaster_for_each_older_version():
    for cls in EVENT_CLASSES:
        for version in range(1, cls.class_version):
            assert callable(getattr(cls, f"upcast_v{version}_v{version + 1}", None)), cls


def test_an_article_recorded_before_published_weak_existed_reads_back_and_projects(home):
    """A version 1 ArticleIngested, byte for byte as the first release stored it."""
    sha = "ab" * 32
    state = {
        "sha256": sha, "text": "Seoul, March 18: 7,000 containers.", "source": "old.txt",
        "url": None, "title": "Old", "outlet": "AP", "published": "2024-03-18",
        "published_evidence": "given on the command line", "dropped": [],
        "reader": "ledger.reading/0.1", "recorded_by": "first-release",
        "timestamp": {"_type_": "datetime_iso", "_data_": "2024-03-20T10:00:00+00:00"},
        "originator_topic": "ledger.domain:Article",
    }  # fmt: skip
    with Ledger(home) as app:
        app.recorder.insert_events(
            [
                StoredEvent(
                    originator_id=article_id_for(sha),
                    originator_version=1,
                    topic="ledger.domain:Article.ArticleIngested",
                    state=json.dumps(state).encode(),
                )
            ]
        )
        article = app.repository.get(article_id_for(sha))
        assert (article.published, article.published_weak) == ("2024-03-18", False)
        Runner(home / "projections.db").rebuild(app)
    (row,) = rows(home / "projections.db", "SELECT published, published_weak FROM articles")
    assert row == {"published": "2024-03-18", "published_weak": 0}
