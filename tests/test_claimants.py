"""Claimants in sentences of our own: the speaker found wherever the text puts it.

Each rule has sentences in other words than the gold articles that led to it, so a rule that
only fits one page shows up here.
"""

import pytest

from ledger.extraction import extract
from ledger.reading import Document, read_bytes


def run(text: str, published: str | None = "2024-06-14") -> list:
    doc = read_bytes(text.encode(), source="t.txt")
    return extract(Document(**{**doc.__dict__, "published": published, "published_weak": False}))


def only(text: str):
    found = run(text)
    assert len(found) == 1, [(e.value, e.unit, e.claimant, e.quote) for e in found]
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "claimant"),
    [
        # an aside between subject and verb
        ("The health board, by contrast, said 58 patients had been admitted.", "health board"),
        ("The navy, for its part, claimed that 12 vessels had been hit.", "navy"),
        ("The union, in turn, estimated that 4,000 members had walked out.", "union"),
        # a participle or a relative clause about the speaker, and no inverted 'said Vardo'
        (
            "A senior diplomat, speaking to reporters on condition of anonymity, said 600 "
            "detainees were freed.",
            "senior diplomat",
        ),
        ("The official, who declined to be named, said Vardo held 900 detainees.", "official"),
        # a place or time between the subject and its verb
        (
            "A household survey carried out by the statistics office, in three districts, "
            "found that 62% of wells were dry.",
            "statistics office",
        ),
        # a relative clause with 'where' or 'when'
        (
            "The county office in Lark Valley, where the flooding began, said 140 homes were "
            "damaged.",
            "county office in Lark Valley",
        ),
        ("The port authority, when asked, said 35 ships were waiting offshore.", "port authority"),
        # a year inside the subject
        ("A 2019 census had put the population of the district at 84,000 people.", "2019 census"),
        ("The 2022 audit estimated that 1,300 invoices were unpaid.", "2022 audit"),
        # 'told' is followed by its listener, never by the speaker
        (
            "Nearly 900 families were relocated, the camp's director, Amina Yusuf, told Reuters.",
            "Amina Yusuf",
        ),
        ("About 60 shops closed, the market's chairman, Luis Arce, told reporters.", "Luis Arce"),
        # a relative clause inside the subject
        ("A charity that operates shelters in the city said 700 people slept outside.", "charity"),
        ("Officials who toured the site said 45 homes were lost.", "Officials"),
        # a clause before an indefinite subject is no subject
        ("Forty people died in the village, a rescue group said.", "rescue group"),
        ("Hundreds were evacuated from the valley, a local charity said.", "local charity"),
    ],
)
def test_the_subject_of_a_reporting_verb(sentence, claimant):
    assert only(sentence).claimant == claimant


@pytest.mark.parametrize(
    ("sentence", "claimant"),
    [
        (
            "A hospital spokesman declined to give details, but said 14 patients were in "
            "intensive care.",
            "hospital spokesman",
        ),
        (
            "Regional officials refused to discuss the cause, but said 60 homes had been "
            "evacuated.",
            "Regional officials",
        ),
        (
            "The water company cut its forecast on Monday, saying 30,000 households could lose "
            "supply.",
            "water company",
        ),
    ],
)
def test_a_second_verb_shares_the_subject_of_the_first(sentence, claimant):
    assert only(sentence).claimant == claimant


def test_a_possessive_opening_a_sentence_is_no_speaker():
    e = only("Northern Ireland's new hospital wing will cost £400 million, far above the plan.")
    assert e.claimant != "Northern Ireland's"


def test_a_sentence_without_figures_attributes_the_figures_before_it():
    found = run(
        "The new bridge will cost $2.3 billion (about £1.9 billion).\n\n"
        "The transport department released the figure in a budget paper on Monday. A 2018 "
        "study had put the cost at $1.4 billion.\n"
    )
    assert [(e.value, e.claimant, e.statement_date) for e in found[:2]] == [
        (2.3e9, "transport department", "2024-06-10"),
        (1.9e9, "transport department", "2024-06-10"),
    ]
    assert found[2].claimant == "2018 study"
    e = run("Repairs will cost about €80m.\n\nThe mayor confirmed the estimate on Tuesday.\n")[0]
    assert (e.claimant, e.statement_date) == ("mayor", "2024-06-11")


@pytest.mark.parametrize(
    ("headline", "value", "unit"),
    [
        ("Measles cases in Lagos pass 3,000 as clinics run short", 3000, "cases"),
        ("Flood deaths cross 120, officials say", 120, "deaths"),
        ("Wildfire evacuees in Alberta top 25,000", 25000, "evacuees"),
    ],
)
def test_a_headline_level_counts_what_passes_it(headline, value, unit):
    e = run(f"{headline}\n\nThe storm hit on Monday and crews are still at work, the city said.\n")[
        0
    ]
    assert (e.value, e.qualifier, e.unit) == (value, "more than", unit)


@pytest.mark.parametrize(
    ("sentence", "claimant"),
    [
        ("The ministry put the number of displaced people at 12,500.", "ministry"),
        ("The insurer put its share of the losses at $2.1bn.", "insurer"),
        ("Local officials put the toll at nine.", "Local officials"),
        ("Engineers put the odds at about 40 percent.", "Engineers"),
    ],
)
def test_put_at_a_figure_is_a_cue(sentence, claimant):
    assert only(sentence).claimant == claimant


def test_put_without_a_figure_after_at_is_no_cue():
    found = run("Crews put the lives of 30 rescuers at risk, the fire chief said.")
    assert [e.claimant for e in found] == ["fire chief"]


@pytest.mark.parametrize(
    ("sentence", "claimant"),
    [
        ("Italy has recorded 4,100 cases this year, the health agency said.", "health agency"),
        (
            "The city registered 512 burglaries in March, according to the police department.",
            "police department",
        ),
        (
            "Peru has confirmed 88 deaths, the World Health Organization said, including 20 "
            "children.",
            "World Health Organization",
        ),
    ],
)
def test_a_place_that_records_figures_is_not_the_one_who_says_them(sentence, claimant):
    assert {e.claimant for e in run(sentence)} == {claimant}


def test_a_place_that_records_figures_alone_stays_their_source():
    assert only("Ghana has recorded 3,200 cases since January.").claimant == "Ghana"


def test_an_earlier_figure_recalled_does_not_source_the_lede():
    found = run(
        "The new bridge over the river will cost $2.3 billion, and it will open two years late."
        "\n\nA 2018 study had put the cost at $1.4 billion.\n\nThe province's treasurer said "
        "$400 million had been spent so far.\n"
    )
    assert [e.claimant for e in found] == [
        "province's treasurer",
        "2018 study",
        "province's treasurer",
    ]


def test_a_generic_body_noun_refers_to_the_body_of_its_kind_named_last():
    found = run(
        "Valley Electric said 5,000 customers had no power on Monday. The county council said 40 "
        "roads were closed. About 2,000 of the outages were in Milton, the utility said.\n"
    )
    assert [e.claimant for e in found] == ["Valley Electric", "county council", "Valley Electric"]
    found = run(
        "Harbor Gas said 800 homes were evacuated. The fire service said 30 firefighters were at "
        "the scene. In 2019, about 1.4 million Harbor Gas customers lost supply, according to the "
        "company.\n"
    )
    assert found[-1].claimant == "Harbor Gas"


def test_a_body_named_without_a_claim_is_there_for_a_later_reference():
    found = run(
        "The WFP warned of famine in the north on Monday. The agency put the number of people "
        "facing hunger at 2.1 million.\n\nThe relief charity Care Aid set up camps near the "
        "border. Some 40,000 people had arrived, the group said.\n"
    )
    assert [e.claimant for e in found] == ["WFP", "Care Aid"]


def test_the_body_a_person_leads_is_the_one_the_text_then_names():
    found = run(
        "Port Workers' Union leader Sam Oyelaran said 2,000 members had walked out. Around 40 "
        "ships were idle, according to the union.\n"
    )
    assert [e.claimant for e in found] == ["Sam Oyelaran", "Port Workers' Union"]


def test_an_acronym_is_the_body_the_text_spells_out():
    found = run(
        "The Federal Emergency Management Agency (FEMA) said 4,000 people were in shelters. "
        "FEMA estimated that 120 homes were destroyed.\n"
    )
    assert {e.claimant for e in found} == {"Federal Emergency Management Agency"}
    found = run(
        "The National Transportation Safety Board said 12 people were hurt. The NTSB put the "
        "damage at $3 million.\n"
    )
    assert {e.claimant for e in found} == {"National Transportation Safety Board"}


def test_a_company_name_is_no_person():
    from ledger.extraction.memory import Memory

    assert Memory().speaker("Ergon Energy").kind == "org"
    assert Memory().speaker("Kari Moen").kind == "person"


@pytest.mark.parametrize(
    ("sentence", "claimant"),
    [
        (
            "Dr Omar Haddad, director of a clinic in Riverside, said 80 patients were treated.",
            "Omar Haddad",
        ),
        (
            "Prof Lena Kovacs, an epidemiologist at Kings Cross Hospital, estimated that 3,000 "
            "people were infected.",
            "Lena Kovacs",
        ),
        (
            "Nearly 90,000 people were displaced, according to the UN, the highest number ever "
            "recorded in the region.",
            "UN",
        ),
    ],
)
def test_names_with_titles_and_appositions(sentence, claimant):
    assert only(sentence).claimant == claimant


def test_the_same_document_keeps_its_date():
    found = run(
        "The audit office said in a report released Tuesday that the project would cost $2 "
        "billion. The report also estimated that delays had added $300 million.\n"
    )
    assert [e.statement_date for e in found] == ["2024-06-11", "2024-06-11"]


def test_a_currency_conversion_is_the_outlets_own():
    found = run(
        "JOHANNESBURG (Reuters) - The dam will cost 9 billion rand (about $480 million), the "
        "water ministry said on Monday.\n\nFlats in the scheme sold at 300 million naira each, or "
        "about $190,000, according to the developer.\n"
    )
    assert [(e.value, e.claimant) for e in found] == [
        (9e9, "water ministry"),
        (4.8e8, "Reuters"),
        (3e8, "developer"),
        (1.9e5, "Reuters"),
    ]
    assert found[1].statement_date == found[0].statement_date == "2024-06-10"


def test_the_outlets_own_analysis_is_dated_by_the_article():
    e = only(
        "LONDON (Reuters) - The plant will cost about $9,000 per kilowatt, according to a Reuters "
        "analysis of the filings."
    )
    assert (e.claimant, e.statement_date) == ("Reuters", "2024-06-14")


def test_with_no_one_else_named_the_outlet_states_the_figure():
    e = only(
        "PARIS (AFP) - Hundreds of homes were left without power across the region on Tuesday "
        "as the storm moved east."
    )
    assert e.claimant == "AFP"


@pytest.mark.parametrize(
    ("text", "claimant", "date"),
    [
        (
            "When the city council approved the scheme in 2018, it put the cost at $45 million.",
            "city council",
            "2018",
        ),
        (
            "When the two governments signed the deal in 2012 its price was put at $3 billion.",
            "two governments",
            "2012",
        ),
        (
            "When Harbor Power applied for a licence in 2009, it estimated the cost at $2 billion.",
            "Harbor Power",
            "2009",
        ),
    ],
)
def test_an_earlier_estimate_recalled_with_when_is_its_subjects(text, claimant, date):
    e = only(text)
    assert (e.claimant, e.statement_date) == (claimant, date)


@pytest.mark.parametrize(
    ("text", "claimant", "date"),
    [
        (
            "In May 2019, floods killed 80 people in the valley, officials said at the time.",
            "officials",
            "2019-05",
        ),
        (
            "In 2015, more than 300 homes were destroyed, according to council figures at the time.",
            "council figures",
            "2015",
        ),
    ],
)
def test_at_the_time_dates_a_statement_by_the_time_the_sentence_gives(text, claimant, date):
    e = only(text)
    assert (e.claimant, e.statement_date) == (claimant, date)


@pytest.mark.parametrize(
    ("sentence", "claimant"),
    [
        ("The state government has today announced $12 million for repairs.", "state government"),
        (
            "A report of the Auditor General, tabled on Monday, flagged that costs had risen by "
            "nearly 40 per cent.",
            "Auditor General",
        ),
        ("Council member Ray Dunn said the city had spent $61 million.", "Ray Dunn"),
        ("The council is expected to vote on a $30 million bond next month.", "council"),
        (
            "The president declared an emergency and said the government would release 150 "
            "million soles for repairs.",
            "president",
        ),
    ],
)
def test_more_speakers_in_other_words(sentence, claimant):
    assert only(sentence).claimant == claimant


def test_an_estimate_before_was_is_a_noun():
    found = run(
        "The city's engineer said repairs would cost $9 million. The original estimate was $4 "
        "million.\n"
    )
    assert [e.claimant for e in found] == ["city's engineer", "city's engineer"]


def test_a_quotation_paragraph_continues_the_speaker_before_it():
    found = run(
        'Mayor Lina Ortiz said the clean-up would take weeks. "Crews have cleared 400 tonnes of '
        'debris," Ms Ortiz said.\n\n"We have already paid out 1,200 grants, and we expect that '
        'number to double by June."\n\nSeparately, 30 roads stayed closed, according to police.\n'
    )
    assert [(e.value, e.claimant) for e in found] == [
        (400, "Lina Ortiz"),
        (1200, "Lina Ortiz"),
        (2, "Lina Ortiz"),
        (30, "police"),
    ]


def test_since_the_start_of_a_period_dates_the_period_not_the_statement():
    e = run(
        "Shelling hit the city again on Monday, residents said, and more families fled.\n\n"
        "Food is short.\n\nThe Varnel Observatory put the death toll since the start of the "
        "siege in April at 1,260 civilians.\n"
    )[-1]
    assert (e.value, e.statement_date, e.period_start) == (1260, None, "2024-04")


def test_a_standfirst_restating_the_lede_is_one_claim_with_the_ledes_source():
    text = (
        "Storm kills 12 in the north as rivers burst their banks across the province\n\n"
        "Health officials say at least 12 bodies have been recovered and 40 people were hurt.\n\n"
        "By Ana Ruiz\n\n"
        "At least 12 people were killed when the storm hit the northern province, the regional "
        "health directorate said on Monday.\n"
    )
    twelve = [e for e in run(text) if e.value == 12]
    assert len(twelve) == 1
    e = twelve[0]
    assert (e.claimant, e.statement_date) == ("regional health directorate", "2024-06-10")
    assert e.quote.startswith("At least 12 people were killed") and len(e.alt_spans) == 2


def test_a_body_noun_never_resolves_to_one_of_its_members():
    found = run(
        "Council member Ray Dunn said the city had spent $61 million. The council is expected to "
        "vote on a $30 million bond next month.\n"
    )
    assert [e.claimant for e in found] == ["Ray Dunn", "council"]


def test_the_data_is_whoever_released_it():
    found = run(
        "Dengue cases rose again this month, doctors said, as the rains continued.\n\n"
        "The district logged 4,100 cases, according to data released by the health board on "
        "Friday.\n\nThat is up from the 2,050 cases recorded in the same period last year, the "
        "data shows.\n"
    )
    assert [(e.value, e.claimant) for e in found] == [
        (4100, "health board"),
        (2050, "health board"),
    ]


def test_a_ledes_undated_statement_takes_the_date_its_source_is_given_next():
    found = run(
        "The cost of the new rail tunnel has risen to €8bn, according to the Court of Auditors, "
        "which blamed the ministry.\n\nIn a report published on Tuesday, the auditors said the "
        "line would open late.\n"
    )
    assert (found[0].claimant, found[0].statement_date) == ("Court of Auditors", "2024-06-11")


def test_a_part_of_a_count_and_a_headline_count_under_another_name():
    found = run(
        "A state government spokesperson said 112 homes had been damaged, 9 of them severely.\n"
    )
    assert [(e.value, e.unit) for e in found] == [(112, "homes"), (9, "homes")]
    text = (
        "Ukraine brings home 230 POWs in the latest exchange with Russia\n\n"
        "Ukraine brought home 230 soldiers in a prisoner exchange on Friday, the coordination "
        "headquarters said.\n"
    )
    assert [e.value for e in run(text)] == [230]


def test_a_quotation_takes_the_speaker_named_where_it_closes():
    found = run(
        "Shelters in the north are full, aid workers say, and more families are arriving.\n\n"
        '"We have 900 cots and all of them are in use. Another 150 families are sleeping in '
        'tents," said Maria Lopes, who runs the largest shelter.\n'
    )
    assert [(e.value, e.claimant) for e in found] == [(900, "Maria Lopes"), (150, "Maria Lopes")]


def test_he_or_she_can_be_the_role_a_sentence_just_named():
    found = run(
        "Governor Alan Reyes said 300 homes were damaged.\n\nThe fire chief was blunt. "
        '"We lost 12 engines in a single night," she told reporters.\n'
    )
    assert [e.claimant for e in found] == ["Alan Reyes", "fire chief"]


def test_more_sources_in_other_words():
    e = only(
        "Amina Diallo, director of the agency that runs the camps, told reporters that 7,000 "
        "families had arrived."
    )
    assert e.claimant == "Amina Diallo"
    found = run(
        "Road deaths fell sharply last year, Transport Ministry figures suggest.\n\nThere were "
        "1,140 deaths on the roads in 2024, the data showed.\n\nThe European Road Safety Council "
        "(ERSC) published its own review. It estimates that 300 of those deaths involved "
        "speeding.\n"
    )
    assert [e.claimant for e in found] == ["Transport Ministry", "European Road Safety Council"]
    e = only("The cost of the pool has risen to £12m, council documents reveal.")
    assert e.claimant == "council documents"


def test_the_tail_of_an_aside_is_no_speaker():
    e = only(
        "The relief agency has delivered 9,000 tents to villages hit by Cyclone Mara (local name: "
        "Amihan) in the Eastern Highlands, the agency's Logistics Cluster said on Tuesday."
    )
    assert e.claimant.endswith("Logistics Cluster")


def test_based_on_a_report_names_its_source_and_a_reason_names_none():
    found = run(
        "The mayor spoke first.\n\nBased on the Civil Defence Office's morning report, 2,400 "
        "people had left their homes.\n"
    )
    assert [(e.value, e.claimant) for e in found] == [(2400, "Civil Defence Office")]
    found = run(
        "The mayor said 40 roads were closed.\n\nBased on past storms, some 300 more could be "
        "cut off by the weekend.\n"
    )
    assert [e.claimant for e in found] == ["mayor", "mayor"]


def test_an_anonymous_official_is_the_speaker():
    found = run(
        "The regulator said the repairs would cost 80 million euros.\n\nA port official who spoke "
        "on condition of anonymity said 15 cranes were out of service.\n\nAn engineer who was not "
        "authorised to speak publicly said 4 berths were closed.\n"
    )
    assert [e.claimant for e in found] == ["regulator", "port official", "engineer"]


def test_a_cited_document_naming_its_own_body_is_not_another_documents():
    found = run(
        "The watchdog's report put the cost of the dam at $2.1 billion.\n\nSenator Lee Park, "
        "citing an internal ministry memo obtained by his staff, said the spillway alone would "
        "cost $400 million.\n"
    )
    assert [(e.claimant, e.via) for e in found] == [
        ("watchdog", None),
        ("internal ministry memo", "Lee Park"),
    ]


def test_a_gap_between_two_figures_is_the_outlets_own_sum():
    found = run(
        "https://example.org/2024/06/14/pool-costs\nPool costs soar again\n\nThe pool will now "
        "cost $52 million, the parks board said.\n\nThat is some $19 million more than the board "
        "estimated in 2021.\n\nThe union estimates that attendance will be 20% below the "
        "forecast.\n",
    )
    assert [(e.value, e.claimant) for e in found][1:] == [(19e6, "example.org"), (20, "union")]


def test_its_organisers_speak_after_a_clause():
    e = only("A campaign to save the pier has raised more than £40,000, its organisers say.")
    assert e.claimant == "organisers"


def test_of_this_number_counts_a_part_of_the_figure_before_it():
    found = run(
        "The relief office said 5,300 families had been displaced by the floods.\n\n"
        "Of this number, 640 families are sheltering in schools.\n"
    )
    assert [(e.value, e.claimant) for e in found] == [
        (5300, "relief office"),
        (640, "relief office"),
    ]


def test_a_paper_naming_itself_by_the_tail_of_its_name_states_its_own_analysis():
    e = only(
        "https://www.millbrookvalleycourier.com/news/bus-costs\nMillbrook Valley Courier\n\n"
        "School bus costs climb as routes grow longer across the county\n\n"
        "Parents in the county have complained for months that their children spend too long on "
        "the bus each morning.\n\nThe district redrew its routes when two schools merged, and "
        "some pupils now ride for nearly an hour.\n\nDrivers say the roads are narrow and slow.\n\n"
        "A Courier analysis of district invoices found that bus costs rose 18% in three years."
    )
    assert (e.claimant, e.reporting_outlet, e.statement_date) == (
        "Courier",
        "Millbrook Valley Courier",
        "2024-06-14",
    )


def test_a_person_named_again_by_surname_speaks_in_the_same_interview():
    found = run(
        "Finance director Omar Haddad said on Tuesday that the hospital had treated 240 patients "
        "since the fire.\n\nHaddad said 35 of them were still in intensive care."
    )
    assert [(e.value, e.claimant, e.statement_date) for e in found] == [
        (240, "Omar Haddad", "2024-06-11"),
        (35, "Omar Haddad", "2024-06-11"),
    ]


def test_a_document_released_at_a_time_dates_the_statement_it_holds():
    e = only(
        "The port authority had put the backlog at 1,900 containers in a provisional estimate "
        "released in early May, before the strike ended."
    )
    assert (e.claimant, e.statement_date) == ("port authority", "2024-05")


def test_a_releases_quotes_belong_to_whom_its_heading_attributes_them():
    found = run(
        "The port authority said 1,200 containers were cleared on Monday, its harbour master "
        "Lena Ortiz said.\n\nQuotes attributable to Mayor Ana Ruiz:\n\n"
        '"About 300 families are still waiting for their belongings, and we will not stop '
        'until every one of them is home."\n'
    )
    assert [(e.value, e.claimant) for e in found][-1] == (300, "Ana Ruiz")
