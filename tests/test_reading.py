"""Reading inputs: plain text, Markdown front matter, HTML via trafilatura, stdin, bad inputs."""

from pathlib import Path

import pytest

from ledger.reading import Overrides, ReadError, find_inputs, read_bytes, read_path

ARTICLE = """\
THE HARBOUR GAZETTE | Tuesday, 9 July 2024 | Tidewater 18°C

Home > News > Weather

Storm leaves thousands without power on the coast

By Mara Quill | 2 July 2024, 08:15

Workers repair a pylon near Saltmere on Monday. Photo: Gazette/J. Rook

SALTMERE — About 40,000 homes were still without power on Tuesday, the grid operator said.

Related
- Ferry services cancelled for 3 days
- Opinion: 5 ways to prepare

Reporting like this depends on readers like you. Donate now and support us.
"""


def test_plain_text_is_stored_exactly_and_furniture_is_recorded_not_cut():
    doc = read_bytes(ARTICLE.encode(), source="gazette.txt")
    assert doc.text == ARTICLE
    reasons = {doc.text[s:e]: r for s, e, r in doc.dropped}
    assert reasons["Home > News > Weather"] in ("masthead", "label")
    assert reasons["By Mara Quill | 2 July 2024, 08:15"] == "byline"
    assert reasons["Workers repair a pylon near Saltmere on Monday. Photo: Gazette/J. Rook"] == (
        "photo caption"
    )
    assert reasons["- Ferry services cancelled for 3 days"] == "related-post teaser"
    assert "donation appeal" in reasons.values()
    assert doc.title == "Storm leaves thousands without power on the coast"
    assert doc.headline and doc.text[doc.headline[0] : doc.headline[1]] == doc.title


def test_byline_date_beats_the_page_banner():
    doc = read_bytes(ARTICLE.encode(), source="gazette.txt")
    assert doc.published == "2024-07-02"
    assert "byline" in doc.published_evidence and not doc.published_weak


def test_a_banner_alone_is_weak_evidence():
    doc = read_bytes(
        b"Mon. Jan 6th, 2025\n\nFloods kill dozens in the valley\n\nText here.", source="b.txt"
    )
    assert (doc.published, doc.published_weak) == ("2025-01-06", True)
    assert "banner" in doc.published_evidence


def test_dateline_without_year_takes_it_from_other_evidence():
    text = b"Saturday, December 14, 2024\n\nQuake toll climbs past 300 in the hills\n\nLIMA, March 18: Rescuers said on Monday that 300 people had died in the quake.\n"
    doc = read_bytes(text, source="d.txt")
    assert doc.published == "2024-03-18"
    assert doc.published_evidence.startswith("dateline 'LIMA, March 18'")


def test_first_line_url_is_the_source_address_and_dates_the_article():
    text = b"https://news.example.org/world/2024/05/02/dam-breach\n\nDam breach floods 12 villages\n\nOfficials said 12 villages were flooded.\n"
    doc = read_bytes(text, source="u.txt")
    assert doc.url == "https://news.example.org/world/2024/05/02/dam-breach"
    assert (doc.published, doc.published_evidence) == ("2024-05-02", "URL path date '2024/05/02'")
    assert doc.dropped[0] == (0, len(doc.url), "source address")


def test_ambiguous_numeric_date_takes_the_reading_nearest_the_page():
    text = b"Fires force 2,000 from homes\n\nPublished on 07/09/2024 - 16:05\n\nA firefighter on September 6, 2024. \xc2\xa9 AFP\n\nSome 2,000 people fled, officials said.\n"
    assert read_bytes(text, source="a.txt").published == "2024-09-07"


def test_markdown_front_matter_and_overrides(tmp_path: Path):
    md = tmp_path / "note.md"
    md.write_text(
        "---\nurl: https://example.org/a\noutlet: Example Times\npublished: 2024-03-18\n"
        "title: 'A title'\ntags:\n  - nested\n---\n# Heading\n\nThe ministry said 7,000 boxes were sent.\n",
        encoding="utf-8",
    )
    doc = read_path(md)
    assert (doc.url, doc.outlet, doc.published, doc.title) == (
        "https://example.org/a",
        "Example Times",
        "2024-03-18",
        "A title",
    )
    assert doc.dropped[0][2] == "front matter" and doc.text.startswith("---\n")
    given = read_path(md, Overrides(published="2024-04-01", outlet="Other", title="T", url="u"))
    assert (given.published, given.outlet, given.title, given.url) == (
        "2024-04-01",
        "Other",
        "T",
        "u",
    )
    assert given.published_evidence == "given on the command line"


HTML = """<!doctype html><html><head><title>Quake kills 40 | Daily Example</title>
<meta property="og:site_name" content="Daily Example">
<meta property="article:published_time" content="2024-09-07T10:00:00Z">
<link rel="canonical" href="https://daily.example/2024/09/07/quake"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Quake kills at least 40 in the hills</h1>
<p>At least 40 people were killed when a quake struck the hill towns, the disaster agency said on Saturday.</p>
<p>Some 3,000 homes were damaged, agency spokesman Ivo Petrov told reporters after visiting the area.</p>
</article><footer>Copyright Daily Example 2024</footer></body></html>"""


def test_html_main_text_and_metadata_come_from_trafilatura_and_htmldate():
    doc = read_bytes(HTML.encode(), source="quake.html")
    assert "At least 40 people were killed" in doc.text
    assert "<p>" not in doc.text and "Home" not in doc.text
    assert doc.outlet == "Daily Example"
    assert doc.url == "https://daily.example/2024/09/07/quake"
    assert doc.published == "2024-09-07"
    assert "htmldate" in doc.published_evidence


def test_standard_input_bytes():
    doc = read_bytes(b"Storm cuts power to 5,000 homes\n", source="-")
    assert (doc.source, doc.name) == ("-", "-")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty input"),
        (b"   \n\t", "empty input"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary data"),
        ("caf\u00e9".encode("latin-1"), "not UTF-8"),
        (b"x" * 5_000_001, "more than the"),
        (b"---\ntitle: only front matter\n---\n", "no article text"),
        (b"<html><body><nav>Home</nav></body></html>", "no article text found"),
        (b"---\npublished: next tuesday\n---\nBody text here.\n", "cannot read the date"),
    ],
)
def test_bad_inputs_raise_one_line_read_errors(data, message):
    with pytest.raises(ReadError) as e:
        read_bytes(data, source="in.txt")
    assert message in str(e.value) and "\n" not in str(e.value)


def test_find_inputs_expands_folders_and_refuses_missing(tmp_path: Path):
    (tmp_path / "b.txt").write_text("x")
    (tmp_path / "a.html").write_text("x")
    (tmp_path / "skip.pdf").write_text("x")
    assert [p.name for p in find_inputs([tmp_path])] == ["a.html", "b.txt"]
    with pytest.raises(ReadError, match="no such file"):
        find_inputs([tmp_path / "missing"])
    with pytest.raises(ReadError, match=r"(?i)no such file"):
        read_path(tmp_path / "missing.txt")


def test_url_slug_picks_the_headline_below_page_chrome():
    text = (
        "https://www.example.com/world/2024/06/01/landslide-kills-dozens-papua-new-guinea\n"
        "Skip to main content\nSign in to your account\nWorld news today\n"
        "Landslide kills dozens in Papua New Guinea village\nBy A Writer\n"
        "More than 670 people are feared dead after a landslide buried a village, a UN official said.\n"
    )
    doc = read_bytes(text.encode(), source="s.txt")
    assert doc.title == "Landslide kills dozens in Papua New Guinea village"
    assert doc.text[slice(*doc.headline)] == doc.title
    assert {r for _, _, r in doc.dropped} >= {"source address", "masthead", "byline"}


def test_outlet_from_the_masthead_or_the_url_host():
    doc = read_bytes(ARTICLE.encode(), source="gazette.txt")
    assert doc.outlet == "The Harbour Gazette"
    text = b"https://www.apnews.com/article/floods-2024-05-06\n\nFloods kill 83 in the south\n\nOfficials said 83 people died.\n"
    assert read_bytes(text, source="u.txt").outlet == "apnews.com"
    text = (
        b"https://www.lavoz.es/news/floods\nLa Voz.es - Noticias y actualidad\nSubscribe\nSign in\nWorld\n"
        b"Sport\n\n"
        b"Floods kill 83 in the south of the country\n\nOfficials said 83 people died.\n"
    )
    assert read_bytes(text, source="v.txt").outlet == "La Voz"


def test_a_comment_section_is_furniture_to_the_end():
    text = b"Dam repairs to cost $40m\n\nThe council said the repairs would cost $40m.\n\n12 Comments\n\nJoe: I bet it will be 80 million by next year.\n"
    doc = read_bytes(text, source="c.txt")
    assert [r for _, _, r in doc.dropped][-2:] == ["comments", "comments"]


def test_a_tagline_above_the_headline_is_not_the_headline():
    text = (
        "THE VALLEY HERALD\nYour Valley Paper Since 1931\n"
        "Council approves 2.4 billion budget as flood repairs begin in the lower town\n"
        "March 3, 2025\n"
        "The council approved a budget of 2.4 billion on Monday, the mayor said in a statement.\n"
    )
    doc = read_bytes(text.encode(), source="t.txt")
    assert doc.title.startswith("Council approves 2.4 billion budget")


def test_breadcrumbs_brand_lines_appeals_and_age_notices_are_furniture():
    text = (
        "The Daily Planet - Back to home\n"
        "Fund independent journalism with €5 per month\n"
        "Home / Cities / Metro News / Metro cost revised to 9 billion\n"
        "This article is more than 2 years old\n"
        "Metro cost revised to 9 billion as tunnelling slows\n"
        "The metro authority said on Monday that the line would cost 9 billion in all.\n"
        "Trending: Gold rate today, 24-carat gold at 98,770 per 10 grams\n"
    )
    doc = read_bytes(text.encode(), source="t.txt")
    reasons = {doc.text[s:e]: r for s, e, r in doc.dropped}
    assert reasons["The Daily Planet - Back to home"] == "masthead"
    assert reasons["Fund independent journalism with €5 per month"] == "donation appeal"
    assert reasons["Home / Cities / Metro News / Metro cost revised to 9 billion"] == "masthead"
    assert reasons["This article is more than 2 years old"] == "timestamp"
    assert reasons["Trending: Gold rate today, 24-carat gold at 98,770 per 10 grams"] == (
        "related-post teaser"
    )
    assert doc.title == "Metro cost revised to 9 billion as tunnelling slows"


def test_url_slug_words_match_by_their_stem():
    text = (
        "https://www.example.com/world/2024/oct/08/ostrana-war-refugees-displacement-winter\n"
        "Refugees\nSupport the paper and read more every single day\n"
        "Two million displaced by Ostrana war as winter nears, says refugee agency\n"
        "The refugee agency said on Tuesday that two million people had been displaced.\n"
    )
    doc = read_bytes(text.encode(), source="s.txt")
    assert doc.title.startswith("Two million displaced by Ostrana war")


def test_navigation_is_not_the_outlet_and_short_acronyms_keep_their_case():
    assert (
        read_bytes(
            b"Skip links\nQuake kills 40 in the hills\nOfficials said 40 people died.\n",
            source="a.txt",
        ).outlet
        is None
    )
    assert (
        read_bytes(
            b"AP\nQuake kills 40 in the hills\nOfficials said 40 people died.\n", source="a.txt"
        ).outlet
        == "AP"
    )


def test_file_captions_and_calls_to_action_are_furniture():
    text = (
        "Siege toll rises to 3,042, ministry says\n"
        "Save articles to read later and create your own reading list.\n"
        "Click here to share on social media\n"
        "Smoke rises over the city after an air raid on June 7, 2024 [File: Karim Haddad/Reuters]\n"
        "At least 3,042 people have been killed in the city, according to the health ministry.\n"
    )
    reasons = {r for _, _, r in read_bytes(text.encode(), source="t.txt").dropped}
    assert reasons >= {"share buttons", "photo caption"}


def test_tickers_are_furniture_and_not_the_headline():
    text = (
        "LIVE | Ticker: Dow 41,250 ▲ 0.4% | Brent $78.20 | EUR/USD 1.0840\n"
        "Typhoon Kito kills 14, leaves 120,000 without power in the islands\n"
        "At least 14 people died as the typhoon swept the islands, the disaster agency said.\n"
    )
    doc = read_bytes(text.encode(), source="t.txt")
    assert doc.title.startswith("Typhoon Kito kills 14")
    assert "ticker" in {r for _, _, r in doc.dropped}


def test_page_chrome_of_other_layouts():
    text = (
        "https://www.valleynews.example/2025/03/03/dam-repairs-cost\n"
        "Home  Local  Sports  Opinion  Obituaries  Contact Us\n"
        "Energy  + Add to list\n"
        "Dam repairs will cost the county far more than planned, engineers warn\n"
        "Ana Ruiz, Tom Bell · Valley News · Posted: Mar 3, 2025 9:00 AM ET | Last Updated: 1 hour"
        " ago\n"
        "FILE - Workers inspect the spillway of the Arden dam on Feb. 20, 2025. Jane Doe/AP\n"
        "Editor's note: This story was updated to add the county's response.\n"
        "The county engineer said on Monday that the repairs would cost $40 million, twice the "
        "first estimate, and that work would take two years.\n"
        "Crews clear debris below the dam on Sunday. (Valley News: Tom Reed)\n"
        "Residents near the dam were told to prepare for a possible evacuation, officials said.\n"
        "ab/cd (AFP, Reuters)\n"
        "Try unlimited access: only $1 for 4 weeks. Then $75 per month. Cancel anytime.\n"
        "Support the News with a subscription starting at $2.\n"
    )
    doc = read_bytes(text.encode(), source="v.txt")
    reasons = {doc.text[s:e]: r for s, e, r in doc.dropped}
    assert reasons["Home  Local  Sports  Opinion  Obituaries  Contact Us"] == "masthead"
    assert doc.title == "Dam repairs will cost the county far more than planned, engineers warn"
    assert reasons[text.splitlines()[4]] == "byline" and doc.published == "2025-03-03"
    assert reasons[text.splitlines()[5]] == "photo caption"
    assert reasons[text.splitlines()[6]] == "editor's note"
    assert reasons["Crews clear debris below the dam on Sunday. (Valley News: Tom Reed)"] == (
        "photo caption"
    )
    assert text.splitlines()[9] not in reasons  # a paragraph before a story's wire credits
    assert reasons[text.splitlines()[11]] == reasons[text.splitlines()[12]] == "donation appeal"


def test_a_date_glued_to_another_still_dates_the_page():
    text = b"Floods cut the valley road as the river bursts its banks again\n\n03/02/2025March 2, 2025\n\nThe river rose two metres overnight, the water board said on Sunday.\n"
    assert read_bytes(text, source="g.txt").published == "2025-03-02"


def test_a_dateline_place_may_carry_accents():
    from ledger.extraction.text import read_article

    text = "SÃO PAULO, Brazil (Reuters) — Floods killed 12 people, officials said on Monday.\n"
    assert read_article(read_bytes(text.encode(), source="d.txt")).wire == "Reuters"


def test_a_paragraph_opening_with_by_is_no_byline_and_a_dateline_year_dates_the_page():
    text = (
        "Storm cuts power across the coast as crews work through the night\n\n"
        "ATHENS, Aug 11, 2024 (AFP) - Strong winds cut power to thousands of homes on Sunday.\n\n"
        "By our count, more than 240,000 customers lost power at the peak, most of them inland.\n"
        "By late Monday, crews had restored power to 40,000 homes in the city.\n"
    )
    doc = read_bytes(text.encode(), source="b.txt")
    assert doc.published == "2024-08-11" and "dateline" in doc.published_evidence
    assert not any(r == "byline" for _, _, r in doc.dropped)


def test_a_media_release_line_names_no_outlet():
    text = b"Media release\nDepartment of Water\n\nDam repairs to start in March as funding rises to $40 million\n\nThe Department has today announced a further $12 million for dam repairs.\n"
    assert read_bytes(text, source="m.txt").outlet != "Media release"


def test_a_question_in_a_list_of_links_is_still_a_teaser():
    text = (
        "Storm floods the old town as the river rises past its record level\n\n"
        "The river rose two metres overnight, the water board said on Sunday.\n\n"
        "Related stories\n"
        "Rainfall outlook: 4 to 6 storms forecast for the coast this season\n"
        "Insurance claims hit $1.2 billion in 2019. Could the bill be even bigger this year?\n"
    )
    doc = read_bytes(text.encode(), source="q.txt")
    last = text.splitlines()[-1]
    assert any(doc.text[s:e] == last and r == "related-post teaser" for s, e, r in doc.dropped)


def test_a_release_dateline_with_the_day_first_dates_a_page_posted_later():
    text = (
        "Aid group warns of measles spreading in northern camps\n\nPosted\n3 Mar 2025\n\n"
        "Maiduguri, Nigeria, 28 February 2025 — Measles cases have doubled in the camps, the "
        "group said.\n"
    )
    doc = read_bytes(text.encode(), source="r.txt")
    assert doc.published == "2025-02-28" and "dateline" in doc.published_evidence


def test_byline_times_with_a_dot_and_months_in_capitals_date_the_page():
    """'7.40am' and '28 FEB 2025' are byline dates, stronger than the banner above the headline."""
    for stamp, day in (
        ("March 4, 2025 — 7.40am", "2025-03-04"),
        ("08:05, 28 FEB 2025", "2025-02-28"),
    ):
        text = (
            "Fri 7 Mar 2025 | Weather: 9°C\n\nCouncil sets out plans for new leisure centre\n\n"
            f"By Ana Ruiz\n{stamp}\n\nThe council said on Monday the centre would open next year.\n"
        )
        doc = read_bytes(text.encode(), source="s.txt")
        assert (doc.published, doc.published_weak) == (day, False), doc.published_evidence


def test_a_most_viewed_list_named_for_its_section_is_furniture():
    text = (
        "Harbour ferry fares to rise for the first time in six years\n\n"
        "The transport agency said on Monday that fares would rise by 4% in July.\n\n"
        "MOST VIEWED IN BUSINESS\n1 Office rents reach record of $1,200 a square metre\n"
    )
    doc = read_bytes(text.encode(), source="t.txt")
    reasons = {doc.text[s:e]: r for s, e, r in doc.dropped}
    assert reasons["MOST VIEWED IN BUSINESS"] == "related-post list"
    assert reasons["1 Office rents reach record of $1,200 a square metre"] == "related-post teaser"
