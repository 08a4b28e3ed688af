"""Datasette in process over a real projections file: canned queries, the chart page, the
project's metadata, refused writes, and rows a running ingest adds showing on the next load."""

from __future__ import annotations

import asyncio
import re
import sqlite3
from urllib.parse import quote

import pytest
import yaml

from conftest import SEEDS
from projections.datasette import DATABASE, HERE, make_datasette
from scenario import KEY, project, story


@pytest.fixture
def served(app, home):
    """The story's views served the way `ledger serve` serves them, and the story's claim ids."""
    ids = story(app)
    ds = make_datasette(project(home, app))
    yield ds, ids
    ds.close()


def get(ds, path: str):
    return asyncio.run(ds.client.get(path))


def rows(ds, path: str) -> list[dict]:
    response = get(ds, path + ("&" if "?" in path else "?") + "_shape=array")
    assert response.status_code == 200, response.text
    return response.json()


def test_growth_gives_every_point_of_one_metric_oldest_first(served):
    ds, ids = served
    points = rows(ds, f"/projections/growth.json?metric={quote(KEY)}")
    assert [p["sequence"] for p in points] == list(range(1, 12))
    assert points[0]["claim_id"] == ids["kirby"] and points[0]["claimant"] == "John Kirby"
    assert points[0]["outlet"] == "AFP" and "1,000 containers" in points[0]["quote"]
    assert rows(ds, "/projections/growth.json?metric=nothing") == []


def test_latest_conflicts_and_statements_queries(served):
    ds, ids = served
    latest = rows(ds, "/projections/latest.json")
    assert ids["june"] in {r["claim_id"] for r in latest}
    conflicts = rows(ds, "/projections/conflicts.json")
    assert {r["rule"] for r in conflicts} == {"falls", "headline"}
    assert all(r["quote_a"] and r["quote_b"] for r in conflicts)
    statements = rows(ds, "/projections/statements.json")
    assert statements[0]["outlets"] == "AFP, AP, Sky News, Daily Echo"
    assert statements[0]["independence"] == "mixed"


def test_search_gives_what_the_claims_search_box_gives_newest_first(served):
    """The canned query takes the newest matches from the index (claims are stored in the
    order they were recorded, so rowid order is position order)."""
    ds, _ = served
    for words in ("containers", "Kirby containers", "shells"):
        found = rows(ds, f"/projections/search.json?q={quote(words)}")
        table = rows(ds, f"/projections/claims.json?_search={quote(words)}&_sort_desc=position")
        assert found, words
        assert [r["claim_id"] for r in found] == [r["claim_id"] for r in table][:100]
    assert rows(ds, "/projections/search.json?q=bananas") == []


def test_the_chart_page_links_every_point_to_its_claim_and_highlights_figures(served):
    ds, ids = served
    page = get(ds, f"/-/growth?metric={quote(KEY)}")
    assert page.status_code == 200
    html = page.text
    assert html.count("<circle") == 11 and "<script" not in html.split("<svg")[1].split("</svg>")[0]
    for name in ("kirby", "afp", "dia"):
        assert f'href="/projections/claims/{ids[name]}"' in html
    assert ">~7,000<" in html and ">10,000<" in html  # point labels, axis ticks
    assert "<mark>13,000</mark>" in html and "<mark>1,000</mark>" in html
    assert re.search(r'class="point falls"', html)


def test_the_chart_finds_a_metric_from_part_of_its_key_and_lists_them_all(served):
    ds, _ = served
    assert "<circle" in get(ds, "/-/growth?metric=containers").text
    index = get(ds, "/-/growth").text
    assert "shells: North Korea -&gt; Russia" in index and index.count("<li><a href") >= 3
    missing = get(ds, "/-/growth?metric=bananas")
    assert missing.status_code == 404 and "No metric" in missing.text


def test_a_newcomer_gets_from_the_home_page_to_the_chart(served):
    ds, _ = served
    home = get(ds, "/").text
    assert 'href="/-/growth"' in home and "Claims ledger" in home
    assert "License: <a" in get(ds, "/projections/claims").text  # on every page, not only home


def test_tables_show_thousands_separators_highlighted_quotes_and_search(served):
    ds, ids = served
    html = get(ds, f"/projections/claims/{ids['dia']}").text
    assert "13,000" in html and "<mark>13,000</mark>" in html
    found = rows(ds, "/projections/claims.json?_search=7,000")
    assert ids["afp"] in {r["claim_id"] for r in found}
    metrics = get(ds, "/projections/metrics").text
    assert f'href="/-/growth?metric={quote(KEY, safe="")}"' in metrics


def test_anonymous_writes_are_refused(served):
    ds, _ = served
    response = asyncio.run(
        ds.client.post("/projections/claims/-/insert", json={"row": {"claim_id": "x"}})
    )
    assert response.status_code == 403
    assert len(rows(ds, "/projections/claims.json?claim_id=x")) == 0


def test_the_chart_is_refused_to_whoever_may_not_view_its_tables(served):
    ds, _ = served
    assert get(ds, "/-/growth").status_code == 200
    tables = ds.config.setdefault("databases", {}).setdefault(DATABASE, {}).setdefault("tables", {})
    tables.setdefault("claims", {})["allow"] = {"id": "editor"}
    assert get(ds, "/projections/claims").status_code == 403
    assert get(ds, f"/-/growth?metric={quote(KEY)}").status_code == 403
    editor = ds.client.actor_cookie({"id": "editor"})
    page = asyncio.run(ds.client.get("/-/growth", cookies={"ds_actor": editor}))
    assert page.status_code == 200


def test_every_table_and_column_is_described(served):
    ds, _ = served
    metadata = yaml.safe_load((HERE / "metadata.yml").read_text())
    described = metadata["databases"]["projections"]["tables"]
    db = ds.get_database("projections")
    hidden = set(asyncio.run(db.hidden_table_names())) - {"_ledger_position"}
    conn = sqlite3.connect(db.path)
    for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
        if table in hidden:
            continue
        assert described.get(table, {}).get("description"), f"{table} has no description"
        columns = [c[1] for c in conn.execute(f"PRAGMA table_info([{table}])")]
        missing = set(columns) - set(described[table].get("columns", {}))
        assert not missing, f"{table}: no description for {sorted(missing)}"
    conn.close()


def test_a_new_ingest_shows_on_the_next_load_while_serving(ledger, home):
    assert ledger(f"ingest {SEEDS / '000_4730b930b8d882d5.txt'}").code == 0
    ds = make_datasette(home / "projections.db")
    try:
        before = rows(ds, "/projections/articles.json?_col=file")
        assert ledger(f"ingest {SEEDS / '003_d5342039318a5e7e.txt'}").code == 0
        after = rows(ds, "/projections/articles.json?_col=file")
        assert len(after) == len(before) + 1
        assert ledger("project --rebuild").code == 0  # a rebuild swaps the tables under it
        assert len(rows(ds, "/projections/articles.json?_col=file")) == 2
    finally:
        ds.close()
