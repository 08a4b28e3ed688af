"""The views follow from the events: incremental catch-up and a rebuild from zero agree."""

from __future__ import annotations

import shutil
import sys
from uuid import UUID

import pytest

from conftest import ROOT, SEEDS, dump, rows
from ledger.application import Ledger
from ledger.reading import read_path
from projections import VIEWS, runner
from projections.claims import ClaimsView
from projections.runner import POSITION_TABLE, Runner
from scenario import project, story

sys.path.insert(0, str(ROOT / "scripts"))
from synth import claims_corpus  # a script, not a package: found through sys.path


def test_rebuild_gives_the_same_tables_as_incremental_catch_up(ledger, home, store):
    for seed in sorted(SEEDS.iterdir()):  # one article at a time: many small catch-ups
        assert ledger(f"ingest {seed}").code == 0
    claims = ledger("claims --json").json()
    ledger(["correct", claims[0]["claim_id"], "value=6900", "--reason", "r"])
    ledger(["retract", claims[1]["claim_id"], "--reason", "r"])
    ledger(["review", claims[2]["claim_id"], "reject"])
    ledger(["review", claims[3]["claim_id"], "accept"])
    incremental = dump(home / "projections.db")

    result = ledger("project --rebuild --json")
    assert result.code == 0, result.err
    assert result.json()["rebuilt"] is True

    assert dump(home / "projections.db") == incremental
    assert incremental["claims"] and incremental["timeline"] and incremental["articles"]


def test_every_view_rebuilds_to_what_catching_up_event_by_event_built(store, app, home):
    """Hand-typed claims with every field set: several outlets, a conversion, conflicts,
    corrections that move a claim between metrics and claimants, a retraction, reviews."""
    for seed in sorted(SEEDS.iterdir()):
        app.ingest(read_path(seed))
        project(home, app)
    story(app, step=lambda: project(home, app))
    incremental = dump(home / "projections.db")

    Runner(home / "projections.db").rebuild(app)

    assert dump(home / "projections.db") == incremental
    for view in VIEWS:
        for table in view.tables:
            assert incremental[table], f"the scenario leaves {table} empty"


def test_rebuild_equals_catch_up_over_synthetic_wire_copy_and_every_kind_of_change(
    store, app, home, monkeypatch
):
    """Many articles, metrics, claimants and outlets (scripts/synth.py, as the benchmark
    ingests them) caught up in batches that split articles from their claims, then
    corrections that move claims between metrics and claimants, retractions, reviews and the
    hand-typed story: a rebuild from zero gives every table the same rows."""
    monkeypatch.setattr(runner, "BATCH", 97)
    corpus = list(claims_corpus(120, seed=11))
    results = app.ingest_many(
        (doc for doc, _ in corpus), estimates=(e for _, e in corpus), recorded_by="synth"
    )
    assert sum(r.claims for r in results) > 200
    project(home, app)
    claims = rows(home / "projections.db", "SELECT claim_id, metric_key FROM claims ORDER BY 1")
    keys = sorted({c["metric_key"] for c in claims})
    for i, claim in enumerate(claims[:60]):
        claim_id = UUID(claim["claim_id"])
        match i % 6:
            case 0:
                app.correct(claim_id, {"value": 1234.5, "qualifier": "about"}, reason="typo")
            case 1:
                app.correct(claim_id, {"metric_key": keys[i % len(keys)]}, reason="metric")
            case 2:
                app.correct(claim_id, {"claimant": "Mr. Pavel Frey"}, reason="who")
                app.correct(claim_id, {"statement_date": "2024-02"}, reason="when")
            case 3:
                app.retract(claim_id, reason="withdrawn")
            case 4:
                app.review(claim_id, "rejected", note="misread")
            case 5:
                app.review(claim_id, "accepted")
        if i % 7 == 0:
            project(home, app)
    story(app, step=lambda: project(home, app))
    project(home, app)
    incremental = dump(home / "projections.db")

    Runner(home / "projections.db").rebuild(app)

    assert dump(home / "projections.db") == incremental
    for table in ("timeline", "statements", "conflicts", "conversions", "latest_estimates"):
        assert incremental[table], f"{table} is empty"
    statuses = {r["status"] for r in incremental["claims"]}
    assert {"reported", "corrected", "retracted", "rejected", "accepted"} <= statuses


@pytest.mark.usefixtures("store")  # on SQLite and PostgreSQL
def test_project_catches_up_only_what_is_new(ledger, home):
    ledger(f"ingest {SEEDS / '000_4730b930b8d882d5.txt'}")
    assert ledger("project --json").json()["applied"] == 0
    with Ledger(home) as app:
        position = app.max_position()
    assert rows(home / "projections.db", f"SELECT position FROM {POSITION_TABLE}") == [
        {"position": position}
    ]


@pytest.mark.usefixtures("store")  # on SQLite and PostgreSQL
def test_a_failure_while_projecting_leaves_views_and_position_together(ledger, home, monkeypatch):
    ledger(f"ingest {SEEDS / '000_4730b930b8d882d5.txt'}")
    before = dump(home / "projections.db")
    with Ledger(home) as app:
        app.ingest(read_path(SEEDS / "001_c3a94487a645cb72.txt"))  # appended, not yet projected

    def broken(self, db, batch):
        raise RuntimeError("view bug")

    with monkeypatch.context() as patched:  # only this: the store's settings stay
        patched.setattr(ClaimsView, "apply", broken)
        with Ledger(home) as app, pytest.raises(RuntimeError):
            Runner(home / "projections.db").catch_up(app)
    assert dump(home / "projections.db") == before  # nothing half-applied

    with Ledger(home) as app:
        result = Runner(home / "projections.db").catch_up(app)
    assert result.applied > 0
    assert len(rows(home / "projections.db", "SELECT * FROM articles")) == 2


@pytest.mark.usefixtures("store")  # on SQLite and PostgreSQL
def test_changed_view_code_triggers_a_rebuild(ledger, home, monkeypatch):
    ledger(f"ingest {SEEDS / '000_4730b930b8d882d5.txt'}")
    monkeypatch.setattr(ClaimsView, "version", ClaimsView.version + 1)
    result = ledger("project --json").json()
    assert result["rebuilt"] is True


def test_views_are_rebuilt_when_the_event_log_behind_them_is_replaced(ledger, home, tmp_path):
    ledger(f"ingest {SEEDS}")
    shutil.copy(home / "projections.db", tmp_path / "old.db")
    (home / "events.db").unlink()
    for suffix in ("-wal", "-shm"):
        (home / f"events.db{suffix}").unlink(missing_ok=True)
    ledger(f"ingest {SEEDS / '002_6f1df5a3d3c7a09b.txt'}")
    assert ledger("stats --json").json()["articles"] == 1


def test_views_register_in_dependency_order():
    names = [v.name for v in VIEWS]
    assert names.index("articles") < names.index("claims") < names.index("timeline")
    for derived in ("latest_estimates", "statements", "conversions", "sources", "metrics"):
        assert names.index("claims") < names.index(derived)
    assert names.index("timeline") < names.index("conflicts")
    assert names.index("timeline") < names.index("metrics")
