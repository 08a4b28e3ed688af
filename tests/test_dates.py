"""Relative dates against the article's date: weekdays, months, 'last', partial ISO, since."""

from datetime import date

import pytest

from ledger.extraction.dates import find_times, resolve_month, resolve_weekday

MON, WED, FRI, SUN = 0, 2, 4, 6


@pytest.mark.parametrize(
    ("weekday", "anchor", "last", "expected"),
    [
        (MON, date(2024, 3, 18), False, date(2024, 3, 18)),  # a Monday story: that Monday
        (MON, date(2024, 3, 18), True, date(2024, 3, 11)),  # 'last Monday' on a Monday
        (WED, date(2024, 3, 14), False, date(2024, 3, 13)),  # Thursday story, 'on Wednesday'
        (FRI, date(2024, 8, 21), True, date(2024, 8, 16)),  # Wednesday, 'last Friday'
        (MON, date(2024, 9, 15), True, date(2024, 9, 9)),  # Sunday, 'last Monday'
        (SUN, date(2024, 9, 15), False, date(2024, 9, 15)),
    ],
)
def test_weekday_is_latest_such_day_on_or_before(weekday, anchor, last, expected):
    assert resolve_weekday(weekday, anchor, last=last) == expected


@pytest.mark.parametrize(
    ("month", "anchor", "last", "expected"),
    [
        (12, date(2025, 2, 27), False, date(2024, 12, 1)),
        (2, date(2025, 2, 27), False, date(2025, 2, 1)),
        (2, date(2025, 2, 27), True, date(2024, 2, 1)),
        (10, date(2024, 3, 18), True, date(2023, 10, 1)),
        (8, date(2025, 2, 27), False, date(2024, 8, 1)),
    ],
)
def test_month_is_latest_such_month(month, anchor, last, expected):
    assert resolve_month(month, anchor, last=last) == expected


def iso(text: str, anchor: date | None = date(2024, 3, 14), **kw) -> list[tuple[str, str | None]]:
    return [(t.text.strip(), t.iso) for t in find_times(text, anchor, **kw)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the minister said Monday", "2024-03-11"),
        ("the agency said on Wednesday", "2024-03-13"),
        ("officials said yesterday", "2024-03-13"),
        ("the ministry said last month", "2024-02"),
        ("the figure given last year", "2023"),
        ("told lawmakers earlier this year", "2024"),
        ("the United States said last October", "2023-10"),
        ("it reported in December", "2023-12"),
        ("the directorate said in mid-February", "2024-02"),
        ("in a report published on March 3", "2024-03-03"),
        ("a statement on 18 March 2023", "2023-03-18"),
        ("three days ago", "2024-03-11"),
        ("arrived in the past four months", "2023-11"),
        ("a typical night last winter", "2023"),  # a season spans months: its year only
        ("the regulator warned last autumn", "2023"),
        ("told donors in the summer of 2022", "2022"),
        ("surveyed in spring 2021", "2021"),
        ("by mid-2021", "2021"),
    ],
)
def test_relative_and_explicit_expressions(text, expected):
    assert iso(text)[-1][1] == expected


def test_since_marks_the_period_start():
    refs = find_times("sent since July, officials said", date(2024, 3, 18))
    assert [(r.prep, r.iso) for r in refs] == [("since", "2023-07")]
    refs = find_times("flowing since mid-2022", date(2024, 8, 28))
    assert [(r.prep, r.iso) for r in refs] == [("since", "2022")]


def test_the_following_month_counts_from_the_previous_statement():
    assert iso("The following month, Seoul said", previous="2023-10")[0][1] == "2023-11"
    assert iso("At that time, the minister said", previous="2024-02")[0][1] == "2024-02"


def test_a_weak_anchor_resolves_no_weekday_but_keeps_months():
    assert iso("the minister said Monday", weak=True) == [("Monday", None)]
    assert iso("said last October", weak=True) == [("last October", "2023-10")]


def test_without_an_anchor_only_explicit_dates_resolve():
    assert iso("said on Monday, March 18, 2024", anchor=None) == [
        ("on Monday, March 18, 2024", "2024-03-18")
    ]
    assert iso("said on Monday", anchor=None) == [("on Monday", None)]


def test_may_the_verb_is_not_a_month():
    assert iso("as many as 180 people may have died") == []


def test_a_press_release_speaks_on_its_date():
    from ledger.extraction import extract
    from ledger.reading import Document, read_bytes

    def dates(text: str) -> list:
        doc = read_bytes(text.encode(), source="r.txt")
        doc = Document(**{**doc.__dict__, "published": "2024-06-14", "published_weak": False})
        return [e.statement_date for e in extract(doc)]

    body = (
        "Water agency expands aid to drought-hit districts in the south\n\n{label}"
        "The water agency said on Monday that it would expand its aid to the southern "
        "districts, where wells are at their lowest level in a decade.\n\n"
        "Tankers will run daily from the regional depots until the rains return, and local "
        "councils will choose where they stop first.\n\n"
        "Farmers in the region have asked for help with feed for their herds as pastures dry "
        "out across the plateau.\n\n"
        "The agency has trucked water to 40 villages, its director said.\n"
    )
    assert dates(body.format(label="MEDIA RELEASE\n\n")) == ["2024-06-14"]
    assert dates(body.format(label="")) == [None]
    assert dates(body.format(label="Joint media release\n\n")) == ["2024-06-14"]
    assert dates(body.format(label="Newsroom > Media releases\n\n")) == ["2024-06-14"]
