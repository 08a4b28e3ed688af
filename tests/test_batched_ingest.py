"""Ingesting many articles per transaction: the same events as one at a time, each batch all or
nothing, and texts already recorded skipped rather than failing the batch."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS
from ledger.application import Ledger
from ledger.audit import seal
from ledger.domain import Article, Claim, article_id_for
from ledger.extraction import extract
from ledger.reading import read_path
from ledger.store import sqlite_env

DOCS = [read_path(p) for p in sorted(SEEDS.iterdir())]


def sqlite_ledger(home: Path) -> Ledger:
    return Ledger(home, env=sqlite_env(home / "events.db"))


def stored(home: Path) -> list[tuple]:
    """Every stored event, its state decoded with the time it was recorded left out."""
    with sqlite_ledger(home) as app:
        rows = app.recorder.select_notifications(start=1, limit=10_000)
    out = []
    for r in rows:
        state = json.loads(r.state)
        state.pop("timestamp")
        out.append((r.id, r.originator_id, r.originator_version, r.topic, state))
    return out


def chain_ok(app: Ledger) -> int:
    with app.sealed_log() as log:
        return seal.verify(log).events


def test_batches_store_the_same_events_as_one_article_at_a_time(tmp_path, store):
    with sqlite_ledger(tmp_path / "one") as app:
        singly = [app.ingest(doc, recorded_by="t") for doc in DOCS]
    with Ledger(store.home) as app:
        batched = list(app.ingest_many(DOCS, recorded_by="t", batch_size=2))
        assert chain_ok(app) == app.max_position()

    assert [(r.article_id, r.claims, r.appended) for r in batched] == [
        (r.article_id, r.claims, r.appended) for r in singly
    ]
    assert [r.position for r in batched] == [r.position for r in singly]
    if store.kind == "sqlite":
        assert stored(store.home) == stored(tmp_path / "one")


def test_texts_already_recorded_or_repeated_in_the_batch_are_skipped(app):
    app.ingest(DOCS[1], recorded_by="t")
    before = app.max_position()

    results = list(app.ingest_many([DOCS[0], DOCS[1], DOCS[0], DOCS[2]], recorded_by="t"))

    assert [r.appended for r in results] == [True, False, False, True]
    assert results[1].claims == results[2].claims == 0
    assert app.max_position() == before + sum(1 + r.claims for r in results if r.appended)
    again = list(app.ingest_many(DOCS, recorded_by="t"))
    assert [r.appended for r in again] == [False, False, False, True, True]


def test_a_failure_in_a_batch_leaves_the_ledger_as_it_was_before_that_batch(store, monkeypatch):
    """Batches of two: the first is committed, the second breaks half-way through its
    insert and leaves nothing; running again records the rest and skips the first batch."""
    original = store.recorder._insert_events
    calls = []

    def insert_then_fail(self, c, stored_events, **kwargs):
        calls.append(len(stored_events))
        if len(calls) == 2:
            original(self, c, stored_events[:3], **kwargs)  # written and sealed, then ...
            raise OSError("disk pulled out")  # ... the transaction fails
        return original(self, c, stored_events, **kwargs)

    with Ledger(store.home) as app:
        monkeypatch.setattr(store.recorder, "_insert_events", insert_then_fail)
        results = app.ingest_many(DOCS, recorded_by="t", batch_size=2)
        first = [next(results), next(results)]
        after_first = app.max_position()
        with pytest.raises(OSError, match="disk pulled out"):
            next(results)
        monkeypatch.setattr(store.recorder, "_insert_events", original)

        assert [r.appended for r in first] == [True, True]
        assert store.count() == after_first == sum(1 + r.claims for r in first)
        assert store.sql(f"SELECT count(*) FROM {store.seals}")[0][0] == after_first
        assert chain_ok(app) == after_first

        rest = list(app.ingest_many(DOCS, recorded_by="t", batch_size=2))
        assert [r.appended for r in rest] == [False, False, True, True, True]
        assert chain_ok(app) == store.count()


def test_a_text_recorded_by_another_process_meanwhile_skips_only_that_article(store, monkeypatch):
    """The batch's check found nothing, but by the time it saves, one text is there: the
    insert fails on that article's id, and the batch is recorded one article at a time."""
    with Ledger(store.home) as app:
        app.ingest(DOCS[2], recorded_by="other")
        monkeypatch.setattr(store.recorder, "existing", lambda self, ids: set())  # the race

        results = list(app.ingest_many(DOCS[:4], recorded_by="t"))

        assert [r.appended for r in results] == [True, True, False, True]
        assert app.event_counts()["ArticleIngested"] == 4
        assert chain_ok(app) == store.count()


def test_bulk_events_equal_the_events_the_aggregates_record(app):
    """Claim.reported / Article.ingested build the event without the aggregate."""
    doc = DOCS[0]
    fields = Ledger._article_fields(doc, doc.sha256, "t")
    via_aggregate = Article.ingest(**fields).collect_events()[0]
    bulk = Article.ingested(**fields)
    assert type(bulk) is type(via_aggregate)
    assert {**vars(bulk), "timestamp": None} == {**vars(via_aggregate), "timestamp": None}
    assert list(vars(bulk)) == list(vars(via_aggregate))  # same order: same stored bytes

    estimate = extract(doc)[0]
    kw = {"origin": str(article_id_for(doc.sha256)), "article_id": article_id_for(doc.sha256)}
    kw |= {"extractor": "x", "recorded_by": "t"}
    claim_event = Claim.report(estimate, **kw).collect_events()[0]
    bulk_claim = Claim.reported(estimate, **kw)
    object.__setattr__(bulk_claim, "timestamp", claim_event.timestamp)
    assert type(bulk_claim) is type(claim_event)
    assert vars(bulk_claim) == vars(claim_event)
    assert app.mapper.to_stored_event(bulk_claim) == app.mapper.to_stored_event(claim_event)


def test_a_process_killed_in_the_middle_of_a_batch_leaves_none_of_it(ledger, store):
    """`ledger ingest FOLDER` saves the folder as one batch: kill the process half-way through
    writing it, and none of its articles is there; run it again and all of them are."""
    crash = textwrap.dedent(
        f"""
        import os, sys
        from {store.recorder.__module__} import {store.recorder.__name__} as Recorder
        original = Recorder._insert_events
        def insert_then_die(self, c, stored_events, **kwargs):
            original(self, c, stored_events[: len(stored_events) // 2], **kwargs)
            os._exit(9)
        Recorder._insert_events = insert_then_die
        from ledger.cli import main
        sys.argv = ["ledger", "ingest", sys.argv[1]]
        main()
        """
    )
    proc = subprocess.run(
        [sys.executable, "-c", crash, str(SEEDS)],
        env={**os.environ, "LEDGER_HOME": str(store.home)},
        cwd=ROOT,
        capture_output=True,
    )
    assert proc.returncode == 9, proc.stderr
    assert store.count() == 0
    result = ledger(f"ingest {SEEDS}")
    assert result.code == 0, result.err
    assert result.out.count("ingested") == len(DOCS)
    assert ledger("audit verify").code == 0
