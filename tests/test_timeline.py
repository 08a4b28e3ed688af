"""The timeline's rate per month, bounds, running totals and the points that fall."""

from __future__ import annotations

import pytest

from conftest import rows
from projections.dates import day_range
from scenario import KEY, project, say, story


def points(db, key=KEY):
    return rows(db, "SELECT * FROM timeline WHERE metric_key = ? ORDER BY sequence", (key,))


def test_rate_per_month_is_the_change_over_the_months_between_points(app, home):
    say(app, "1,000 containers", value=1000, statement_date="2024-01-01")
    say(app, "4,000 containers", value=4000, statement_date="2024-03-01", source="b")
    say(app, "4,500 containers", value=4500, statement_date="2024-03-01", source="c")
    first, second, third = points(project(home, app))
    assert first["rate_per_month"] is None and first["days_from_previous"] is None
    assert second["days_from_previous"] == 60
    assert second["rate_per_month"] == pytest.approx(3000 / (60 / 30.4375))
    assert third["days_from_previous"] == 0 and third["rate_per_month"] is None  # same day


def test_a_month_only_date_sits_mid_month_and_a_year_mid_year(app, home):
    say(app, "1,000 containers", value=1000, statement_date="2024-02")
    say(app, "2,000 containers", value=2000, statement_date="2024-03-15", source="b")
    say(app, "3,000 containers", value=3000, statement_date="2025", source="c")
    _, mar, year = points(project(home, app))
    assert mar["days_from_previous"] == 29  # 15 Feb 2024 to 15 Mar 2024
    assert year["day"] - mar["day"] == (day_range("2025-07-01")[0] - day_range("2024-03-15")[0])


def test_bounds_follow_the_qualifier(app, home):
    say(app, "more than 1,000", value=1000, low=1000, qualifier="more than", source="a")
    say(app, "about 2,000", value=2000, qualifier="about", source="b")
    say(app, "up to 3,000", value=3000, high=3000, qualifier="up to", source="c")
    say(app, "dozens", low=24, qualifier="vague", source="d")
    say(app, "800-1,000", low=800, high=1000, qualifier="range", source="e")
    bounds = {
        r["qualifier"]: (r["lower_bound"], r["upper_bound"]) for r in points(project(home, app))
    }
    assert bounds == {
        "more than": (1000, None),
        "about": (pytest.approx(1800), pytest.approx(2200)),
        "up to": (None, 3000),
        "vague": (24, None),
        "range": (800, 1000),
    }


def test_a_running_total_that_falls_is_flagged_and_a_plain_metric_is_not(app, home):
    say(app, "7,000 since July", value=7000, statement_date="2024-03-18", period_start="2023-07")
    say(app, "at most 5,000", value=5000, high=5000, qualifier="up to",
        statement_date="2024-04-01", source="b")  # fmt: skip
    say(app, "9,000", value=9000, statement_date="2024-05-01", source="c")
    say(app, "70 a day", value=70, statement_date="2024-03-18", metric_key="daily", source="d")
    say(app, "20 a day", value=20, statement_date="2024-04-18", metric_key="daily", source="e")
    db = project(home, app)
    assert [(p["value"], p["cumulative"], p["falls"]) for p in points(db)] == [
        (7000, 1, 0), (5000, 1, 1), (9000, 1, 0),
    ]  # fmt: skip
    assert [(p["cumulative"], p["falls"]) for p in points(db, "daily")] == [(0, 0), (0, 0)]


def test_the_story_timeline_grows_then_falls_once(app, home):
    story(app)
    timeline = points(project(home, app))
    assert [p["value"] for p in timeline][:3] == [1000, 6700, 7000]
    assert [p["value"] for p in timeline if p["falls"]] == [5000]
