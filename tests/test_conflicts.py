"""Conflicts: which pairs of figures cannot both hold, and the quotes of both."""

from __future__ import annotations

from uuid import UUID

from conftest import rows
from projections.conflicts import Point, excludes, find, period
from projections.dates import day_range
from scenario import KEY, project, say, story


def point(name, day, lower, upper, *, cumulative=True, source=None, kind="body", span=None):
    return Point(name, day, lower, upper, cumulative, source, kind, span or (day, day))


def found(points):
    return sorted((rule, a.claim_id, b.claim_id) for rule, a, b in find(points))


def test_ranges_that_do_not_meet_exclude_each_other():
    assert excludes(point("a", 1, 10_000, None), point("b", 2, None, 7000))
    assert not excludes(point("a", 1, 6300, 7700), point("b", 2, 7000, None))
    assert not excludes(point("a", 1, None, None), point("b", 2, 5, 5))


def test_a_running_total_that_falls_is_paired_with_the_highest_earlier_floor():
    points = [
        point("low", 1, 1000, None),
        point("high", 2, 10_000, None),
        point("mid", 3, 6300, 7700),  # below the floor of 'high', dated earlier
        point("later", 4, 13_000, None),
    ]
    assert found(points) == [("falls", "high", "mid")]


def test_same_day_figures_of_a_running_total_are_compared_as_bounds():
    assert found([point("a", 5, 10_000, None), point("b", 5, None, 7000)]) == [("bounds", "a", "b")]


def test_a_plain_metric_compares_overlapping_periods_only():
    a = point("a", 10, 500, None, cumulative=False, span=(1, 30))
    b = point("b", 20, None, 100, cumulative=False, span=(15, 20))
    c = point("c", 90, None, 100, cumulative=False, span=(60, 90))
    assert found([a, b, c]) == [("bounds", "a", "b")]


def test_a_headline_that_contradicts_its_body():
    headline = point("h", 1, 20_000, 20_000, source="s", kind="headline")
    body = point("b", 1, 13_500, 16_500, source="s")
    elsewhere = point("x", 1, 13_500, 16_500, source="other")
    assert found([headline, body, elsewhere]) == [
        ("bounds", "h", "x"), ("headline", "h", "b"),
    ]  # fmt: skip


def test_periods_run_from_start_to_end_else_the_date():
    july, march = day_range("2023-07"), day_range("2024-03-18")
    assert period("2023-07", None, "2024-03-18") == (july[0], march[1])
    assert period(None, "2024-03", "2024-01-01") == (day_range("2024-01-01")[0], 738976)
    assert period(None, None, None) is None


def test_the_story_conflicts_carry_both_quotes(app, home):
    ids = story(app)
    db = project(home, app)
    conflicts = {r["rule"]: r for r in rows(db, "SELECT * FROM conflicts")}
    assert set(conflicts) == {"falls", "headline"}
    falls = conflicts["falls"]
    assert (falls["claim_id_a"], falls["claim_id_b"]) == (ids["dia"], ids["falls"])
    assert (falls["figure_a"], falls["figure_b"]) == (">13,000", "~5,000")
    assert "over 13,000" in falls["quote_a"] and "about 5,000" in falls["quote_b"]
    assert falls["explanation"].startswith("a running total cannot fall")
    headline = conflicts["headline"]
    assert headline["quote_a"] == "North Korea sent 20,000 containers"

    app.retract(UUID(ids["falls"]), reason="misquoted")
    assert [r["rule"] for r in rows(project(home, app), "SELECT * FROM conflicts")] == ["headline"]


def test_a_correction_that_resolves_a_conflict_removes_it(app, home):
    say(app, "at least 10,000", value=10000, low=10000, qualifier="at least",
        statement_date="2024-06-14", period_start="2022")  # fmt: skip
    wrong = say(app, "about 5,000", value=5000, qualifier="about", statement_date="2024-07-01",
                source="b")  # fmt: skip
    assert len(rows(project(home, app), "SELECT * FROM conflicts WHERE metric_key = ?", (KEY,)))
    app.correct(UUID(wrong), {"value": 15000.0}, reason="misread")
    assert rows(project(home, app), "SELECT * FROM conflicts") == []
