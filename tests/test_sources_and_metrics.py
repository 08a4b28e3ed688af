"""Sources (claimants and outlets) and metrics: counts, dates, names and aliases."""

from __future__ import annotations

import json

from conftest import rows
from scenario import KEY, project, story


def test_claimants_and_outlets_are_counted_under_their_most_used_spelling(app, home):
    story(app)
    db = project(home, app)
    sources = {(r["kind"], r["key"]): r for r in rows(db, "SELECT * FROM sources")}
    shin = sources["claimant", "shinwonsik"]
    assert shin["name"] == "Shin Won-sik"
    assert (shin["claims"], shin["active_claims"]) == (7, 7)
    assert (shin["first_seen"], shin["last_seen"]) == ("2024-02", "2024-06-14")
    assert shin["metrics"] == 2  # containers, and the 3 million shells conversion
    retracted = sources["claimant", "defenseministry"]
    assert (retracted["claims"], retracted["active_claims"]) == (1, 0)
    afp = sources["outlet", "afp"]
    assert (afp["claims"], afp["articles"], afp["first_seen"]) == (2, 2, "2023-10-13")
    assert ("claimant", "shinwonsik") in sources and ("outlet", "typo") not in sources


def test_metrics_have_aliases_counts_and_their_latest_point(app, home):
    ids = story(app)
    db = project(home, app)
    (metric,) = rows(db, "SELECT * FROM metrics WHERE metric_key = ?", (KEY,))
    assert json.loads(metric["aliases"]) == [
        "containers of munitions sent to Russia",
        "containers of weapons",
        "cumulative containers of weapons shipped from North Korea to Russia",
    ]
    assert (metric["claims"], metric["active_claims"], metric["points"]) == (12, 11, 11)
    assert (metric["first_date"], metric["last_date"]) == ("2023-10-13", "2024-09-10")
    assert metric["latest_claim_id"] == ids["headline"] and metric["cumulative"] == 1
    assert metric["unit"] == "containers"
