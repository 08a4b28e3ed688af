"""Latest estimates: what each claimant said last on each metric."""

from __future__ import annotations

from uuid import UUID

from conftest import rows
from scenario import KEY, project, say, story


def latest(db):
    return {
        r["claimant_key"]: r
        for r in rows(db, "SELECT * FROM latest_estimates WHERE metric_key = ?", (KEY,))
    }


def test_the_latest_claim_per_claimant_under_any_spelling(app, home):
    ids = story(app)
    found = latest(project(home, app))
    assert found["shinwonsik"]["claim_id"] == ids["june"]
    assert found["shinwonsik"]["claims"] == 6  # four 7,000 reports, 6,700 and 10,000
    assert found["defenseintelligenceagency"]["value"] == 13000
    assert "defenseministry" not in found  # its only claim was retracted


def test_a_retraction_brings_back_the_claim_before(app, home):
    before = say(app, "7,000", value=7000, claimant="Shin", statement_date="2024-03-18")
    after = say(app, "10,000", value=10000, claimant="Shin", statement_date="2024-06-14",
                source="b")  # fmt: skip
    assert latest(project(home, app))["shin"]["claim_id"] == after
    app.retract(UUID(after), reason="wrong")
    assert latest(project(home, app))["shin"]["claim_id"] == before


def test_dated_claims_count_as_later_than_undated_ones(app, home):
    dated = say(app, "7,000", value=7000, claimant="Shin", statement_date="2024-03-18")
    say(app, "5,000", value=5000, claimant="Shin", source="b")
    assert latest(project(home, app))["shin"]["claim_id"] == dated
