"""Conversions: the ratio a conversion claim implies, with the two claims it comes from."""

from __future__ import annotations

from uuid import UUID

import pytest

from conftest import rows
from scenario import project, story


def test_each_conversion_gives_its_ratio_and_both_quotes(app, home):
    ids = story(app)
    db = project(home, app)
    found = {r["claim_id"]: r for r in rows(db, "SELECT * FROM conversions ORDER BY date")}
    assert list(found) == [ids["feb_shells"], ids["june_shells"], ids["dia_shells"]]
    feb, june, dia = found.values()
    assert feb["ratio"] == pytest.approx(3_000_000 / 6700)
    assert feb["ratio_unit"] == "152mm artillery shells per container"
    assert (feb["base_claim_id"], feb["base"], feb["converted"]) == (ids["feb"], 6700, 3_000_000)
    assert "3 million" in feb["quote"] and "6,700" in feb["base_quote"]
    assert june["ratio"] == 480 and june["ratio_unit"] == "artillery shells per container"
    assert dia["ratio"] == pytest.approx(6_000_000 / 13000)


def test_a_corrected_base_changes_the_ratio_and_a_retracted_one_removes_it(app, home):
    ids = story(app)
    project(home, app)
    app.correct(UUID(ids["dia"]), {"value": 12000.0, "low": 12000.0}, reason="misread")
    (dia,) = rows(project(home, app), "SELECT * FROM conversions WHERE base = 12000")
    assert dia["ratio"] == 500
    app.retract(UUID(ids["june"]), reason="no source")
    db = project(home, app)
    assert rows(db, "SELECT * FROM conversions WHERE base_claim_id = ?", (ids["june"],)) == []


def test_append_estimate_links_a_conversion_by_claim_prefix(ledger, home):
    base = ledger(["append", "estimate", "--quote", "about 6,700 containers", "--source", "s",
                   "--unit", "containers", "--value", "6700", "--json"])  # fmt: skip
    base_id = base.json()["claim_id"]
    result = ledger(["append", "estimate", "--quote", "around 3 million shells", "--source", "s",
                     "--unit", "shells", "--value", "3000000", "--kind", "conversion",
                     "--converts", base_id[:8]])  # fmt: skip
    assert result.code == 0, result.err
    (row,) = rows(home / "projections.db", "SELECT * FROM conversions")
    assert row["base_claim_id"] == base_id and row["ratio_unit"] == "shells per container"
