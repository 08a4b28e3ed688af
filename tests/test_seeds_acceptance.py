"""Done when: a newcomer ingests seeds/, runs `ledger serve`, sees the containers figure grow from
1,000 to 13,000 on a chart, clicks a point to its quote, and finds the three outlets of the
7,000 statement on one row of `statements`. Needs the real extractor (claimants, statement
dates, metric keys, outlets); the placeholder one cannot do it yet."""

from __future__ import annotations

import asyncio
import re
from urllib.parse import quote

from conftest import SEEDS
from projections.datasette import make_datasette
from scenario import KEY


def test_the_seeds_show_the_containers_figure_grow_and_one_statement_with_three_outlets(
    ledger, home
):
    assert ledger(f"ingest {SEEDS}").code == 0
    ds = make_datasette(home / "projections.db")
    try:
        growth = asyncio.run(
            ds.client.get(f"/projections/growth.json?metric={quote(KEY)}&_shape=array")
        )
        figures = [p["value"] for p in growth.json() if p["date"]]
        assert figures[0] == 1000 and figures[-1] == 13000
        # Each point says what dates it: seed 000's only date is its site banner, a month off.
        timeline = asyncio.run(
            ds.client.get(f"/projections/timeline.json?metric_key={quote(KEY)}&_shape=array")
        ).json()
        basis = {p["claim_id"]: p["date_basis"] for p in timeline}
        claims = asyncio.run(
            ds.client.get(f"/projections/claims.json?metric_key={quote(KEY)}&_shape=array")
        ).json()
        by_file = {(c["file"][:3], c["value"]): basis[c["claim_id"]] for c in claims}
        assert by_file[("000", 7000)] == "page banner"  # AFP: "said Monday", banner of 24 April
        assert by_file[("003", 7000)] == "statement"  # AP: "on Monday", dateline 18 March
        assert by_file[("002", 7000)] is None  # Sky News: no date on the page

        chart = asyncio.run(ds.client.get(f"/-/growth?metric={quote(KEY)}")).text
        links = re.findall(r'<a class="point[^"]*" href="(/projections/claims/[^"]+)"', chart)
        assert len(links) == len(figures)
        claim = asyncio.run(ds.client.get(links[-1])).text
        assert "<mark>13,000</mark>" in claim

        statements = asyncio.run(
            ds.client.get("/projections/statements.json?figure=7000&_shape=array")
        ).json()
        (seven,) = [s for s in statements if s["metric_key"] == KEY]
        assert seven["reports"] == 3
        outlets = seven["outlets"].lower()
        assert all(name in outlets for name in ("afp", "sky news", "ap"))
    finally:
        ds.close()
