"""The growth chart's pieces: round axis steps, the SVG step line, highlighted quotes."""

from __future__ import annotations

import pytest

from projections.datasette.chart import ChartPoint, nice_step, step_chart
from projections.figures import figure, figure_spans, first_number, number


@pytest.mark.parametrize(
    ("span", "step"), [(14_000, 5000), (1000, 200), (7, 2), (4_800_000, 1_000_000)]
)
def test_axis_steps_are_round(span, step):
    assert nice_step(span) == step


def test_the_chart_is_a_step_line_with_a_linked_point_per_claim():
    points = [
        ChartPoint(2460231.5, 1000, ">1,000", "/projections/claims/a", "first"),
        ChartPoint(2460387.5, 7000, "~7,000", "/projections/claims/b", "second <7,000>"),
        ChartPoint(2460549.5, 13000, ">13,000", "/projections/claims/c", "third", falls=True),
    ]
    svg = step_chart(points)
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert svg.count("<circle") == 3 and svg.count('<a class="point') == 3
    assert 'href="/projections/claims/b"' in svg and "second &lt;7,000&gt;" in svg
    assert ">~7,000<" in svg and ">10,000<" in svg  # labels and axis with separators
    assert 'class="point falls"' in svg
    assert ">2024-01<" in svg or ">2024-02<" in svg  # a date axis
    path = svg.split('class="step" d="')[1].split('"')[0]
    assert path.startswith("M") and path.count("H") == 3 and path.count("V") == 2
    assert step_chart([]) == ""


def test_one_point_still_draws():
    assert step_chart([ChartPoint(2460387.5, 7000, "~7,000", "/x", "t")]).count("<circle") == 1


@pytest.mark.parametrize(
    ("quote", "target", "found"),
    [
        ("sent some 7,000 containers since July", 7000, ["7,000"]),
        ("about 6 million 152mm artillery shells", 6e6, ["6 million"]),
        ("capable of carrying 4.8 million shells", 4.8e6, ["4.8 million"]),
        ("increased by 300 to about 7,000 containers", 7000, ["7,000"]),
        ("152mm shells, 152 of them", 152, ["152"]),
        ("no figure here", 7000, []),
    ],
)
def test_the_figure_is_found_in_its_quote(quote, target, found):
    assert [quote[s:e] for s, e in figure_spans(quote, target)] == found


def test_figures_read_as_people_write_them():
    assert number(7000.0) == "7,000" and number(2.5) == "2.5" and number(None) == ""
    assert figure({"value": 13000, "low": 13000, "high": None, "qualifier": "more than"}) == (
        ">13,000"
    )
    assert first_number("~7,000") == 7000 and first_number("dozens (24+)") == 24
