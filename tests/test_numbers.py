"""Figures as written: separators, decimals, scales, words, ranges, vague amounts, non-claims."""

import pytest

from ledger.extraction.numbers import find_figures
from ledger.extraction.numerals import words_value


def one(text: str):
    figures = find_figures(text)
    assert len(figures) == 1, figures
    return figures[0]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("officials counted 7,000 boxes", 7000),
        ("a total of 54 000 tents", 54000),
        ("some 54\u00a0000 tents", 54000),
        ("the toll stood at 4.8 million", 4.8e6),
        ("the app has 12M users", 12e6),
        ("a bill of $3.8 billion", 3.8e9),
        ("a budget of €1,1 billion", 1.1e9),
        ("around €3,5 million a month", 3.5e6),
        ("it carried 85.000 passengers", 85000),
        ("nearly 450k children", 450000),
        ("more than a million shells", 1e6),
        ("almost half a million people", 5e5),
        ("one-thousand soldiers were sent", 1000),
        ("ten thousand people marched", 10000),
        ("a loss of Rs 2,000 crore", 2e10),
        ("cost €870m in total", 8.7e8),
        ("1.9bn dollars", 1.9e9),
        ("an extra budget of 1.38 tril. yen", 1.38e12),
        ("damage tops 500 bil. yen", 5e11),
        ("₱48.6-M in aid", 48.6e6),
        ("a €2-bn fund", 2e9),
        ("damage of about $1.6-billion, insurers said", 1.6e9),  # Canadian papers' style
        ("a C$12-million grant", 12e6),
        ("ministers pledged over $3 bn for schools", 3e9),
        ("a €40 mn loan", 40e6),
        ("the survey counted 1,78,420 deaths", 178420),  # Indian grouping: 1 lakh 78 thousand
        ("there were 4,91,512 accidents", 491512),
        ("a bill of 12,34,56,789 rupees", 123456789),
    ],
)
def test_values_with_separators_scales_and_words(text, value):
    assert one(text).value == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "qualifier", "low", "high"),
    [
        ("about 300 homes", "about", None, None),
        ("some 300 homes", "about", None, None),
        ("around 300 homes", "about", None, None),
        ("roughly 300 homes", "about", None, None),
        ("an estimated 300 homes", "about", None, None),
        ("more than 300 homes", "more than", 300, None),
        ("over 300 homes", "more than", 300, None),
        ("at least 300 homes", "at least", 300, None),
        ("no fewer than 300 homes", "at least", 300, None),
        ("up to 300 homes", "up to", None, 300),
        ("as many as 300 homes", "up to", None, 300),
        ("nearly 300 homes", "almost", None, 300),
        ("almost 300 homes", "almost", None, 300),
        ("less than 300 homes", "less than", None, 300),
        ("fewer than 300 homes", "less than", None, 300),
        ("300 or more homes", "at least", 300, None),
        ("losses could reach $9 million", "up to", None, 9e6),
        ("the shortfall could grow to $30 million", "up to", None, 3e7),
        ("the toll could rise to 250", "up to", None, 250),
        ("the bill could cross 32,000 crore", "more than", 3.2e11, None),
        ("flu deaths pass 900 in the region", "more than", 900, None),
        ("the cost is closer to $40 million", "about", None, None),
        ("the bill will be north of £80 million", "more than", 8e7, None),
        ("turnout was just south of 40%", "less than", None, 40),
        ("claims could climb well past $500 million", "more than", 5e8, None),
        ("the bill will go well beyond 2,000 crore", "more than", 2e10, None),
    ],
)
def test_qualifiers_set_bounds(text, qualifier, low, high):
    f = one(text)
    assert (f.qualifier, f.low, f.high) == (qualifier, low, high)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("between 10,000 and 12,000 people", 10000, 12000),
        ("from 200 to 250 trucks", 200, 250),
        ("800-1,000 drones", 800, 1000),
        ("$20,000-35,000 each", 20000, 35000),
        ("between 2 and 3 million euros", 2e6, 3e6),
        ("15 to 20 a night", 15, 20),
    ],
)
def test_ranges(text, low, high):
    f = one(text)
    assert (f.qualifier, f.value, f.low, f.high) == ("range", None, low, high)


def test_a_change_from_one_level_to_another_is_not_a_range():
    figures = find_figures("the toll rose from 40 to 55 overnight")
    assert [(f.value, f.change) for f in figures] == [(40, "previous"), (55, None)]
    assert [f.change for f in find_figures("exports increased by 300 to about 7,000")] == [
        "delta",
        None,
    ]


@pytest.mark.parametrize(
    ("text", "low"),
    [
        ("dozens of missiles", 24),
        ("hundreds of families", 200),
        ("thousands of shells", 2000),
        ("millions of doses", 2e6),
        ("tens of thousands of people", 2e4),
        ("hundreds of thousands of people", 2e5),
        ("several million euros", 3e6),
        ("several hundred airframes", 300),
    ],
)
def test_vague_quantities_have_a_lower_bound_and_no_value(text, low):
    f = one(text)
    assert (f.qualifier, f.value, f.low) == ("vague", None, low)


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [
        ("a twofold increase", 2, "none"),
        ("three times the estimate", 3, "none"),
        ("more than doubled from its budget", 2, "more than"),
        ("shipments to Russia triple amid war", 3, "none"),
        ("twice the average", 2, "none"),
    ],
)
def test_multiples_are_ratios(text, value, qualifier):
    f = one(text)
    assert (f.ratio, f.value, f.qualifier) == (True, value, qualifier)


def test_a_dozen_reads_as_about_twelve():
    f = one("a dozen technicians")
    assert (f.value, f.qualifier) == (12, "about")


@pytest.mark.parametrize(
    "text",
    [
        "Seoul, March 18: nothing else",
        "published on 07/09/2024",
        "at 9:42 AM GMT",
        "since 1890 the family",
        "in mid-2022 the flows began",
        "the 3rd test match",
        "Reval, 54, told diplomats",
        "a 7-year-old girl",
        "aged 61 and retired",
        "Resolution 1874 bans it",
        "the N12 highway",
        "a CL-415 water bomber",
        "Sarif-3 drones",
        "a magnitude 6.1 earthquake",
        "double-counting of airframes",
        "between 2021 and 2024 nothing",
        "followed by a 5.6 aftershock",
        "call (812) 555-0142 or 541-555-0199",
        "Tel: +00 312 555 04 87",
        "Media contact: Rhys Albany 0412 555 019",
        "Reach him at 608-555-0134 or tquill@example.com.",
        "text FIRE to 888777.",
    ],
)
def test_dates_times_years_ordinals_ages_identifiers_are_not_figures(text):
    assert find_figures(text) == []


def test_calibres_are_not_read_as_counts():
    assert [f.value for f in find_figures("it fired 152mm shells")] == []


def test_words_value():
    assert words_value("twenty-five") == 25
    assert words_value("three hundred") == 300
    assert words_value("two dozen") == 24
    assert words_value("elephant") is None


def test_two_decimals_are_not_clock_times():
    assert one("a cost of 1.75 billion euros").value == 1.75e9
    assert find_figures("the train left at 10.30 and at 8.15pm") == []


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [
        ("one in five children was hungry", 20, "none"),
        ("nearly one in five homes had larvae", 20, "almost"),
        ("1 in 10 drivers failed the test", 10, "none"),
        ("more than half of the patients were children", 50, "more than"),
        ("about a third of the crop was lost", 33.3, "about"),
        ("two-thirds of voters backed it", 66.7, "none"),
    ],
)
def test_proportions_in_words_are_percentages(text, value, qualifier):
    f = one(text)
    assert (f.value, f.qualifier, f.share) == (value, qualifier, True)


@pytest.mark.parametrize(
    "text",
    [
        "work resumes in the second half of 2026",
        "half of the year has gone",
        "it rained one in three days",
    ],
)
def test_halves_of_periods_are_no_proportions(text):
    assert not any(f.share for f in find_figures(text))


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("children under 15 account for most cases", []),
        ("people over 65 were moved first, 300 of them", [300]),
        ("the storm made landfall about 10:00pm on Sunday", []),
        ("the shelter opened at 6:45am with 40 beds", [40]),
        # the last day of a span of days
        ("the fair ran from June 3 to 9 and drew 40,000 visitors", [40000]),
        ("on July 4 to 12 people were hurt", [12]),
    ],
)
def test_age_limits_and_clock_times_are_no_figures(text, values):
    assert [f.value for f in find_figures(text)] == values


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("overruns of 30% to 40% are common", 30, 40),
        ("between 20% and 25% of homes", 20, 25),
        ("30%-40% of beds were taken", 30, 40),
    ],
)
def test_a_range_may_repeat_its_percent_sign(text, low, high):
    f = one(text)
    assert (f.low, f.high, f.qualifier) == (low, high, "range")


def test_a_change_between_percentages_is_two_figures():
    assert [f.value for f in find_figures("unemployment rose from 5% to 7%")] == [5, 7]


@pytest.mark.parametrize(
    ("text", "value", "code"),
    [
        ("the Swiss share is SFr2.1bn", 2.1e9, "CHF"),
        ("flats sold for ₦450m each", 4.5e8, "NGN"),
        ("a grant of S$40m", 4e7, "SGD"),
        ("a bill of RM 3.2 billion", 3.2e9, "MYR"),
        ("revenue fell R31.6 billion short", 31.6e9, "ZAR"),
        ("roughly R54 000 per household", 54000, "ZAR"),
        ("debt costs of R440bn this year", 440e9, "ZAR"),
    ],
)
def test_more_currency_signs(text, value, code):
    f = one(text)
    assert (f.value, f.currency) == (value, code)


@pytest.mark.parametrize(
    "text", ["take the R2 towards Durban", "an R5 note", "R&D spending", "the 1,78 mark"]
)
def test_an_r_before_a_plain_number_is_no_rand(text):
    """'R' is the rand only before a grouped or scaled amount: roads and notes are named so."""
    assert all(f.currency != "ZAR" for f in find_figures(text))


def test_the_base_of_a_rate_is_not_a_figure():
    assert [f.value for f in find_figures("the rate stays at 0.61 per $100 of value")] == [0.61]


def test_at_a_decimal_with_a_scale_is_no_clock_time():
    assert [f.value for f in find_figures("losses were put at 9.58 billion yuan")] == [9.58e9]
    assert find_figures("the ferry left at 9.45 on Sunday") == []


def test_a_currency_sign_is_at_most_five_characters():
    """find_figures starts its search for a figure in digits 5 characters before the next digit."""
    from re._parser import parse

    from ledger.extraction.numerals import CURRENCY

    assert parse(CURRENCY).getwidth()[1] <= 5
    assert [f.value for f in find_figures("costs of SFr. 40m and Rs 9 crore, or US$ 3")] == [
        40e6,
        9e7,
        3,
    ]
