"""End to end through extract(): own sentences for every phenomenon the extractor handles."""

import re

import pytest

from ledger.extraction import EXTRACTOR, extract
from ledger.extraction.metrics import load_aliases
from ledger.reading import Document, read_bytes


def run(text: str, published: str | None = "2024-03-14", **meta) -> list:
    doc = read_bytes(text.encode(), source="t.txt")
    doc = Document(**{**doc.__dict__, "published": published, "published_weak": False, **meta})
    return extract(doc)


def only(text: str, **kw):
    found = run(text, **kw)
    assert len(found) == 1, [(e.value, e.unit, e.quote) for e in found]
    return found[0]


def test_extractor_names_itself_with_a_version():
    assert re.fullmatch(r"[\w.]+/\d+\.\d+", EXTRACTOR)


ARTICLE = """\
Port strike strands 4,000 containers, union says

By Ivo Petrov | March 14, 2024

GENOA, March 14 (Reuters) - A strike at the port of Genoa has stranded about 4,000 containers on the quay since Monday, the dockworkers' union said on Wednesday.

Union leader Carla Bruni, 52, told a news conference that the backlog could be worth more than €300 million. She added that at least 1,200 workers had joined the walkout.

The port authority put the number of stranded containers at between 3,000 and 3,500, according to a statement released on Tuesday.

Port Minister Dario Conte said last month that 150mm of rain in 2023 had already cost the port 12 days of work.

Related
- Strike in Rotterdam hits 20 ships
"""


def test_article_end_to_end():
    found = run(ARTICLE)
    by_value = {(e.value or e.low): e for e in found}
    assert set(by_value) == {4000, 3e8, 1200, 3000}
    main = by_value[4000]
    assert (main.qualifier, main.unit, main.claimant) == (
        "about",
        "containers",
        "dockworkers' union",
    )
    assert main.statement_date == "2024-03-13" and main.period_start == "2024-03-11"
    assert main.reporting_outlet == "Reuters"
    assert len(main.alt_spans) == 1  # the headline restates it
    money = by_value[3e8]
    assert (money.unit, money.qualifier, money.claimant) == ("EUR", "more than", "Carla Bruni")
    assert by_value[1200].claimant == "Carla Bruni"  # 'She added'
    rng = by_value[3000]
    assert (rng.qualifier, rng.low, rng.high, rng.claimant) == (
        "range",
        3000,
        3500,
        "port authority",
    )
    assert rng.statement_date == "2024-03-12"


def test_offsets_always_slice_the_quote():
    doc = read_bytes(ARTICLE.encode(), source="a.txt")
    for e in extract(doc):
        assert doc.text[e.start : e.end] == e.quote
        for s, t in e.alt_spans:
            assert doc.text[s:t]


def test_same_input_same_output():
    assert run(ARTICLE) == run(ARTICLE)


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("Officials said 54 000 tents had been handed out.", 54000, "tents"),
        ("The ministry said 2.5 million doses were delivered.", 2.5e6, "doses"),
        ("The agency said it counted ten thousand families.", 10000, "families"),
        ("Officials said the project would cost $3.8 billion.", 3.8e9, "USD"),
        ("The board said fares rose by 12% in a year.", 12, "percent"),
        ("Rescuers said 1.2M people were affected.", 1.2e6, "people"),
        ("Officials said the blaze had scorched 47 square miles.", 47, "square miles"),
        (
            "Officials said 4.600 search and rescue personnel were deployed.",
            4600,
            "rescue personnel",
        ),
        ("The sheriff said two firefighters suffered minor injuries.", 2, "firefighters"),
        ("Police said 87 people died and three remained unaccounted for.", 3, "people"),
        ("The storm left some 120,000 homes without power, officials said.", 120000, "homes"),
    ],
)
def test_values_units_money_and_percentages(sentence, value, unit):
    assert (value, unit) in {(e.value, e.unit) for e in run(sentence)}


def test_vague_quantities():
    e = only("Police said hundreds of thousands of people marched.")
    assert (e.value, e.low, e.qualifier, e.unit) == (None, 2e5, "vague", "people")
    e = only("Dozens more are missing, the mayor said.")
    assert (e.low, e.unit) == (24, "people")


@pytest.mark.parametrize(
    "sentence",
    [
        "The army fired 122-millimeter rounds at the town, the ministry said.",
        "The 6.1-magnitude quake struck at 4:30 a.m., officials said.",
        "The law was passed in 2019, officials said.",
        "It was the third such attack this year, police said.",
        "A 38-year-old man was arrested, police said.",
        "UN Security Council Resolution 1874 bans such transfers, diplomats said.",
        "The bridge on Route 66 was closed on March 3, police said.",
        "The line, with 11 stations over 14 kilometres, opens in late 2028.",
        "Four villages were cut off, and her two grandchildren fled.",
        "Overnight temperatures fell to minus 4 degrees Celsius, officials said.",
    ],
)
def test_non_claims(sentence):
    assert run(sentence) == []


def test_furniture_is_skipped():
    text = "Floods cut roads in the north\n\nRelated\n- 40 killed in bus crash\n\nA gift of 5 euros keeps us going. Donate and support us today.\n"
    assert run(text) == []


@pytest.mark.parametrize(
    ("sentence", "claimant"),
    [
        ("About 300 homes burned, fire chief Tom Weller said.", "Tom Weller"),
        ("The health ministry estimated that 4,000 people were infected.", "health ministry"),
        ("According to the Red Cross, 12,000 people need shelter.", "Red Cross"),
        ("More than 60 people died, the town's mayor, Lina Ortiz, said on Friday.", "Lina Ortiz"),
        ("It is assessed by the World Bank that 2 million people lost jobs.", "World Bank"),
    ],
)
def test_claimants(sentence, claimant):
    assert only(sentence).claimant == claimant


def test_intermediary_and_outlet():
    e = only(
        "Senator Ada Moss told AFP on Monday that a classified army report put the total at 3,000 troops."
    )
    assert (e.claimant, e.via, e.reporting_outlet) == ("classified army report", "Ada Moss", "AFP")
    assert e.statement_date == "2024-03-11"
    e = only("The army has lost 200 tanks, the defence ministry claimed, Sky News reports.")
    assert (e.claimant, e.reporting_outlet) == ("defence ministry", "Sky News")


def test_role_resolves_to_the_full_name_given_next():
    found = run(
        "The rebels have received 900 rifles, Kenya's defence minister said Monday.\n"
        "Aden Duale made the comment at a briefing.\n"
    )
    assert (found[0].claimant, found[0].claimant_country) == ("Aden Duale", "Kenya")
    assert found[0].statement_date == "2024-03-11"


def test_carry_over_date_and_speaker_with_he_added():
    found = run(
        "Governor Amos Tell said on Friday that 20,000 people had lost water.\n"
        "He added that some 5,000 hectares of maize were destroyed.\n"
    )
    assert [(e.claimant, e.statement_date) for e in found] == [("Amos Tell", "2024-03-08")] * 2


def test_metric_keys_group_places_by_alias_and_keep_directions_apart():
    found = run(
        "Pyongyang has shipped about 5,000 containers to Moscow, Seoul said.\n"
        "The Kremlin has sent more than 2,000 containers to the North in return, Seoul said.\n"
        "The number of containers rose by 400, officials said.\n"
    )
    keys = [e.metric_key for e in found]
    assert keys[0] == "containers: North Korea -> Russia"
    assert keys[1] == "containers: Russia -> North Korea"
    assert keys[2].startswith("containers (change)")


def test_user_aliases_extend_the_table(tmp_path, monkeypatch):
    (tmp_path / "aliases.toml").write_text('[places]\n"Lusania" = ["Veltrava", "Lusanian"]\n')
    aliases = load_aliases(str(tmp_path))
    assert aliases.place("Veltrava") == "Lusania"
    assert aliases.place("Pyongyang") == "North Korea"
    (tmp_path / "aliases.toml").unlink()
    (tmp_path / "aliases.json").write_text('{"places": {"Meridia": ["Arden"]}}')
    assert load_aliases(str(tmp_path) + "/").place("Arden") == "Meridia"


def test_conversion_is_linked_to_what_it_converts():
    found = run(
        "The navy has moved 2,000 crates, which could hold about 90,000 shells, officials said."
    )
    crates, shells = found
    assert (shells.kind, shells.converts, shells.qualifier) == ("conversion", 0, "about")
    assert crates.kind != "conversion"
    found = run("The fire has burned 8,000 hectares (20,000 acres), officials said.")
    assert found[1].converts == 0


def test_derived_multiples_belong_to_the_outlet():
    found = run(
        "The agency said on Tuesday that 9,000 people were displaced.\n"
        "That is three times the estimate it gave in May.\n",
        outlet="Daily Example",
    )
    ratio = next(e for e in found if e.kind == "derived")
    assert (ratio.value, ratio.unit, ratio.claimant) == (3, "ratio", "Daily Example")


def test_a_figure_in_headline_lede_and_body_is_one_claim():
    text = (
        "Quake toll rises to 120\n\n"
        "The death toll from the quake rose to 120 on Tuesday, the civil defence agency said.\n\n"
        "Rescuers are still searching. The toll of 120 is expected to rise, the agency said.\n"
    )
    found = run(text)
    assert len(found) == 1
    assert found[0].kind == "lede" and len(found[0].alt_spans) == 2


def test_dates_partial_and_since():
    e = only("The ministry said in mid-February that 3,500 drones had arrived since November 2023.")
    assert (e.statement_date, e.period_start) == ("2024-02", "2023-11")
    e = only("Exports have risen by 40% since last year, the bureau said on 2 March.")
    assert e.statement_date == "2024-03-02"


def test_hard_wrapped_text_is_read_in_paragraphs():
    text = (
        "Floods leave thousands homeless in the delta region\n\n"
        "More than 4,000 families have lost their homes to the floods in\n"
        "the delta region, the national disaster agency said on Tuesday,\n"
        "adding that rescue teams had reached most of the villages cut off\n"
        "by the water since the weekend and that 35 people had died so far.\n\n"
        "Aid groups said some 20,000 people were living in temporary camps\n"
        "across the region and warned that food supplies were running low\n"
        "in several districts that remain cut off from the main roads.\n"
    )
    found = run(text)
    by_value = {e.value: e for e in found}
    assert by_value[4000].claimant == "national disaster agency"
    assert by_value[4000].statement_date == "2024-03-12"
    assert by_value[20000].claimant == "Aid groups"


def test_quotation_continues_its_speaker():
    found = run('"The numbers are what they are," Ghani said. "We have spent roughly $3bn so far."')
    assert [(e.value, e.claimant) for e in found] == [(3e9, "Ghani")]


def test_plural_officials_are_not_named_after_the_next_speaker():
    found = run(
        "About 900 homes were destroyed, officials said.\n"
        "Governor Ana Lima said on Monday that the state needed help.\n"
    )
    assert found[0].claimant == "officials"


def test_participle_takes_the_main_clause_subject():
    e = only("Last October, Rishi Sunak scrapped the northern leg, saying it would save £36bn.")
    assert (e.claimant, e.statement_date) == ("Rishi Sunak", "2023-10")


def test_company_possessive_is_not_a_country():
    e = only("Moody's Analytics put total economic losses at between $50 billion and $100 billion.")
    assert (e.claimant, e.claimant_country) == ("Moody's Analytics", None)


def test_toll_of_and_decimals():
    assert only("The toll of 120 is expected to rise, the agency said.").unit == "deaths"
    assert only("The auditors said it would cost 1.75 billion euros.").value == 1.75e9


def test_conversion_after_a_place_phrase_goes_the_same_way():
    found = run(
        "Pyongyang has sent over 13,000 containers to Moscow, which could hold about 6 million shells, officials said."
    )
    containers, shells = found
    assert shells.converts == 0 and shells.kind == "conversion"
    assert shells.direction == containers.direction == "North Korea -> Russia"
    assert shells.metric_key == "shells (conversion): North Korea -> Russia"


def test_rounded_headline_figure_is_a_restatement():
    found = run(
        "Metro line to cost Rs 37,000 crore\n\n"
        "The metro line will cost Rs 37,276 crore, up from the Rs 23,136 crore approved in 2013, the corporation said on Monday.\n"
    )
    assert [(e.value, len(e.alt_spans)) for e in found] == [(3.7276e11, 1), (2.3136e11, 0)]
    assert found[1].statement_date == "2013" and found[1].kind == "recall"


def test_descriptions_with_counts_are_not_claims_but_what_remains_is():
    assert (
        run(
            "The 33.5-km line, with 27 stations, will carry 1.7 million passengers a day, the corporation said."
        )[0].value
        == 1.7e6
    )
    found = run("More than 30,000 homes lost power, with 1,200 still disconnected, Powercor said.")
    assert [(e.value, e.unit) for e in found] == [(30000, "homes"), (1200, "homes")]


def test_a_level_verb_names_its_subject():
    e = only("Insurance chief Andrew Hall said claims had already topped 300.")
    assert (e.value, e.qualifier, e.unit) == (300, "more than", "claims")


def test_parts_and_coordinated_figures_count_what_the_figure_before_counts():
    found = run("The agency said 9,100 people were injured, of whom 1,318 remain in hospital.")
    assert [(e.value, e.unit, e.item) for e in found][1] == (1318, "people", "people injured")
    found = run("The agency had reported 840 deaths on Monday and 1,284 on Tuesday.")
    assert [(e.value, e.unit) for e in found] == [(840, "people"), (1284, "people")]
    found = run("At least 14 structures, including nine homes, were destroyed, officials said.")
    assert [(e.value, e.unit) for e in found] == [(14, "structures"), (9, "homes")]


def test_a_described_count_without_attribution_is_no_claim():
    assert run("Phase 1 covers the lower bowl and 3 levels of hospitality boxes.") == []


def test_a_report_disclosed_by_a_lawmaker_is_its_authors_claim_relayed_by_the_lawmaker():
    text = (
        "Some 12,000 shells have been sent to the front, reported the Daily Wire on Monday.\n\n"
        "The Daily Wire cites a report disclosed by lawmaker Park Min-jae, a committee member.\n\n"
        "The number in the National Intelligence Service document is a record.\n"
    )
    e = only(text)
    assert (e.claimant, e.via) == ("National Intelligence Service", "Park Min-jae")


def test_a_document_cited_by_a_speaker_names_its_author():
    text = (
        "The scheme drew hundreds of objections, according to the county council.\n\n"
        "Local MP Ann Marr, citing a council briefing paper she had seen, said tolls of up to "
        "£4.50 per car would be needed.\n"
    )
    e = run(text)[-1]
    assert (e.claimant, e.via) == ("county council", "Ann Marr")
    text = (
        "The National Disaster Council said on Friday that 41 people had died.\n\n"
        "Over 310,000 people have been affected, according to the council's latest situation "
        "report.\n"
    )
    assert run(text)[-1].claimant == "National Disaster Council"


def test_a_sentence_without_a_cue_is_its_titled_or_institutional_subjects():
    text = (
        "Officials said 40 homes were destroyed.\n\n"
        "President Ana Diaz, who toured the town on Monday, announced a fund of 12 billion pesos.\n\n"
        "Later Tuesday, the board voted to adopt a $1.02 billion budget.\n"
    )
    assert [e.claimant for e in run(text)] == ["Officials", "Ana Diaz", "board"]


def test_a_quotation_continues_its_speaker_before_any_earlier_claimant():
    text = (
        "The relief office said on Friday that 260,000 people were trapped.\n\n"
        '"People are boiling leaves," said Dr Hana Yusuf, a surgeon at the hospital. '
        '"We receive about 30 wounded people every day."\n'
    )
    assert [e.claimant for e in run(text)] == ["relief office", "Hana Yusuf"]


def test_a_multiple_inside_what_a_speaker_says_is_the_speakers():
    text = (
        "The relief office said on Friday that 260,000 people were trapped, and that the price "
        "of bread had risen nearly fivefold.\n"
    )
    ratio = run(text, outlet="Daily Planet")[-1]
    assert (ratio.value, ratio.claimant, ratio.statement_date) == (5, "relief office", "2024-03-08")
    own = run("The toll reached 900, more than four times the 200 of 2018.", outlet="Daily Planet")
    assert [e.claimant for e in own if e.kind == "derived"] == ["Daily Planet"]


def test_a_figure_restated_by_an_official_of_the_same_body_is_one_claim():
    text = (
        "Refugee agency warns that 40,000 people a week cross the borders ahead of winter\n\n"
        "The refugee agency said on Tuesday that the pace had not slowed.\n\n"
        '"Roughly 40,000 people a week are still crossing," said Mariam Okafor, the refugee '
        "agency's regional director.\n"
    )
    (e,) = [e for e in run(text) if e.value == 40000]
    assert len(e.alt_spans) == 1 and e.qualifier == "about"


def test_estimates_from_a_body_are_that_bodys():
    e = only("Preliminary estimates from the Insurance Council put insured losses at $1.3 billion.")
    assert e.claimant == "Insurance Council"


def test_the_articles_outlet_is_the_default_for_claims_no_sentence_credits():
    text = (
        "Floods kill 40 in the valley\n\n"
        "A villager walks through floodwater on Monday.\n\n"
        "Agence France-Presse\n\n"
        "At least 40 people have died in the floods, the governor said on Monday.\n\n"
        "Some 2,000 homes were damaged, his office told AFP.\n"
    )
    assert {e.reporting_outlet for e in run(text)} == {"AFP"}
    text = (
        "About 7,000 containers were shipped, the minister said.\n\n"
        "The minister said about 7,000 containers had been shipped since July, Sky News reports. "
        "He added that 9,000 containers were received in return.\n"
    )
    found = run(text)
    assert [(e.value, e.reporting_outlet, len(e.alt_spans)) for e in found] == [
        (7000, "Sky News", 1),
        (9000, "Sky News", 0),
    ]


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        # figures listed by day take their own day
        (
            "The agency had reported 840 deaths on Monday and 1,284 on Tuesday.",
            ["2024-03-11", "2024-03-12"],
        ),
        # 'as of' dates the figure, not the statement
        ("The ministry put the number of cases at 16,944 as of Tuesday.", [None]),
        # an earlier figure approved by someone in a year
        (
            "The cost rose to €612m, up from the €443m approved by councillors in 2021.",
            [None, "2021"],
        ),
        # a dated document
        ("The 2022 bond measure promised a 210-bed tower for $248.5 million.", ["2022"]),
        # another figure's own day is not this one's
        (
            "Officials said the blaze had burned 18,400 acres as of 6 p.m., up from about 8,100 acres Wednesday night.",
            [None, "2024-03-13"],
        ),
    ],
)
def test_statement_dates(text, dates):
    top = "Rain fell again over the valley on Thursday as crews worked to reopen the roads.\n\n"
    assert [e.statement_date for e in run(top * 2 + text)] == dates


def test_undated_statements_at_the_top_are_from_the_articles_day_and_quotes_keep_theirs():
    text = (
        "Floods displace 2 million, says refugee agency\n\n"
        "Agency warns neighbouring states are struggling as winter nears\n\n"
        "By A. Writer\n\n"
        "Thu 14 Mar 2024 10.00 GMT\n\n"
        "More than 2 million people have now been forced from their homes by the floods, the UN "
        "refugee agency has said.\n\n"
        "The minister announced today that the government will commit $420 million to rebuild.\n\n"
        '"More than 4,200 homes were damaged," the minister said.\n'
    )
    found = run(text)
    assert [(e.value, e.statement_date) for e in found] == [
        (2e6, "2024-03-14"),
        (4.2e8, "2024-03-14"),
        (4200, "2024-03-14"),
    ]
    assert found[0].kind == "lede"  # the paragraph after the standfirst and the byline


def test_a_wire_credit_on_its_own_line_is_the_articles_outlet():
    text = (
        "Storm floods the coast\n\n"
        "At least 58 people have died in the floods, disaster officials said on Saturday.\n\n"
        "- AFP\n"
    )
    assert only(text, outlet="The Star").reporting_outlet == "AFP"


def test_more_sources_official_figures_registers_plans_and_cues_later_in_the_sentence():
    text = (
        "Some 690,000 people have fled, the agency said.\n\n"
        "Aid groups say the true number is much higher than the official figure of 96,000.\n"
    )
    assert run(text)[-1].claimant == "officials"
    e = only(
        "Belmar took the largest share, with the government in Tessin registering 412 500 refugees."
    )
    assert (e.value, e.claimant) == (412500, "government in Tessin")
    e = only(
        "The line was projected in the original DPR to carry 9.2 lakh passengers a day by 2031."
    )
    assert (e.value, e.claimant) == (920000, "original DPR")
    found = run(
        "Crews held the line around a fire that has scorched about 47 square miles, but "
        "officials said roughly 11,000 people could not return home."
    )
    assert [e.claimant for e in found] == ["officials", "officials"]
    assert [
        e.value
        for e in run(
            "Phase 2, which will add 48 stations, was projected in the plan to cost $3 billion."
        )
    ] == [3e9]


def test_a_rounded_headline_figure_takes_the_source_of_the_figure_it_rounds():
    text = (
        "Budget approved as flood damage tops 500 bil. yen\n\n"
        "The Cabinet on Tuesday approved a supplementary budget of 1.38 trillion yen for the year.\n\n"
        "The land ministry estimated on Monday that the damage had reached about 524 billion yen.\n"
    )
    head = next(e for e in run(text) if e.kind == "headline")
    assert (head.value, head.claimant) == (5e11, "land ministry")


def test_restatements_merge_across_names_for_the_dead_officials_and_back_references():
    text = (
        "The death toll rose to 212 on Tuesday, the civil protection agency said.\n\n"
        '"We have recovered 212 bodies so far," Lars Eide, the agency\'s spokesman, told reporters.\n\n'
        "The tunnel will cost $4.7 billion, the auditor said on Monday.\n\n"
        "Critics said the design was flawed. The $4.7 billion figure would make it a record.\n"
    )
    found = run(text)
    assert [(e.value, len(e.alt_spans)) for e in found] == [(212, 1), (4.7e9, 1)]
    assert [e.claimant for e in found] == ["civil protection agency", "auditor"]


def test_he_said_after_a_titled_person_named_without_a_cue():
    text = (
        "Transport Minister David Kerr, speaking on Tuesday, disputed the figures. "
        '"Our own estimate is closer to $4.2 billion," he said.\n'
    )
    assert only(text).claimant == "David Kerr"


@pytest.mark.parametrize(
    ("sentence", "claimant", "via"),
    [
        (
            "The Interior Ministry said in a statement carried by the state news agency NTB that "
            "3,400 people had been evacuated.",
            "Interior Ministry",
            "state news agency NTB",
        ),
        (
            "Earlier, state broadcaster NRK reported, citing the health ministry, that 95 people "
            "were being treated in hospitals.",
            "health ministry",
            "NRK",
        ),
        (
            "Forty people died in the town, the ministry said, according to state media.",
            "ministry",
            "state media",
        ),
        (
            "The Red Crescent has handed out nearly 19,000 blankets since Sunday, state media reported.",
            "Red Crescent",
            "state media",
        ),
        (
            "The army, in a statement carried by the state news agency MNA, claimed it had killed "
            "more than 1,200 fighters.",
            "army",
            "state news agency MNA",
        ),
    ],
)
def test_state_media_relay_an_institutions_figures(sentence, claimant, via):
    e = only(sentence)
    assert (e.claimant, e.via) == (claimant, via)


def test_time_openers_plain_plural_speakers_and_bare_counts_in_quotations():
    e = only("Yesterday, the council's finance committee said the overrun could reach $2 billion.")
    assert e.claimant == "council's finance committee"
    e = only(
        "As of Monday, 1,250 residents had signed a petition against the route, organisers said."
    )
    assert (e.value, e.claimant) == (1250, "organisers")
    text = '"We have spent roughly $3 billion," Grant said. "Another 2,000 workers will join."\n'
    assert [(e.value, e.claimant) for e in run(text)] == [(3e9, "Grant"), (2000, "Grant")]


def test_outlets_are_named_canonically_and_a_tally_shows_figures():
    e = only(
        "The fire has burned 62,000 acres, fire officials told The Associated Press on Monday."
    )
    assert (e.claimant, e.reporting_outlet) == ("fire officials", "AP")
    e = only("A Reuters tally of county data showed at least 42 schools had closed.")
    assert (e.value, e.claimant) == (42, "Reuters")


def test_an_audit_report_is_its_authors_capacities_are_no_claims_and_plans_date_nothing():
    text = (
        "The cost has risen to Rs 18,400 crore, according to an audit report tabled on Friday.\n\n"
        "The report, prepared by the state's Comptroller and Auditor General, said the project, "
        "which will generate 1,200 megawatts, would cost Rs 9,000 crore more and be completed in "
        "2029.\n\n"
        "Work began in 2017 with 3,000 workers; about 4,800 are now on site, officials said.\n"
    )
    found = run(text)
    assert found[0].claimant == "Comptroller and Auditor General"
    assert [e.unit for e in found] == ["INR", "INR", "workers"]
    assert found[1].statement_date != "2029"


def test_the_whole_a_part_is_of_is_no_claim_and_the_agency_is_the_body_that_spoke_last():
    text = (
        "Floods have killed at least 39 people, the state civil defense said on Thursday.\n\n"
        "More than 24,000 people have fled, according to the agency, which said 154 of the "
        "state's 497 municipalities had been affected.\n"
    )
    found = run(text)
    assert [e.value for e in found] == [39, 24000, 154]
    assert found[1].claimant == "state civil defense"


def test_records_data_that_shows_and_excess_deaths():
    e = only(
        "The number of people waiting for hospital treatment has reached a record 7.6 million, "
        "official figures show."
    )
    assert (e.value, e.unit, e.claimant) == (7.6e6, "people", "official figures")
    e = only("NHS data published on Thursday shows the list grew by 60,000 patients in January.")
    assert (e.value, e.claimant) == (60000, "NHS")
    e = only("The college estimates that some 250 excess deaths a week are linked to long waits.")
    assert e.unit == "excess deaths"


def test_a_date_before_to_leaves_the_figure_after_it_and_only_wires_become_the_articles_outlet():
    e = run(
        "At least 67 people were killed, the health ministry said, bringing the total death "
        "toll since October 7 to 31,184."
    )[-1]
    assert (e.value, e.unit) == (31184, "deaths")
    text = (
        "The agency chief told CNN that at least 165 staff had been killed.\n\n"
        "The military says it has killed more than 13,000 fighters.\n"
    )
    assert [e.reporting_outlet for e in run(text)] == ["CNN", None]


@pytest.mark.parametrize(
    ("sentence", "unit"),
    [
        ("About 38,000 vehicles cross the bridge each day, the agency said.", "vehicles"),
        ("Some 40,000 people depend on the mine, the mayor said.", "people"),
        ("Officials said 185 POWs came home on Friday.", "pows"),
        ("The fire has scorched 10,000 hectares north of the city, officials said.", "hectares"),
        ("Thousands were left homeless, the agency said.", "people"),
        ("More than 6m properties are at risk of flooding, the agency said.", "properties"),
        # a figure quoted on its own, then its noun
        ('The mayor said "about 9,000" villagers had fled the valley.', "villagers"),
        # a compass word inside a name is no direction
        ("Some 7,500 South Sudanese refugees crossed the border, the UN said.", "refugees"),
        ("The agency said about 900 North Korean workers had been sent.", "workers"),
    ],
)
def test_units_end_before_a_verb_or_a_direction(sentence, unit):
    assert only(sentence).unit == unit


def test_a_ten_metre_wall_is_still_no_count():
    assert run("The city built a 10m wall along the river, the mayor said.") == []


def test_attacks_with_a_number_of_weapons_kill_an_average_and_pull_out_alive():
    e = only("Rebels attacked the base with 120 rockets overnight, the army said.")
    assert (e.value, e.unit) == (120, "rockets")
    e = only("Malaria kills an average of about 600,000 people a year, the WHO estimates.")
    assert e.item.endswith("killed")
    e = only("Divers brought four fishermen out alive, the coast guard said.")
    assert (e.value, e.unit) == (4, "fishermen")


def test_a_general_staff_is_a_body_not_a_general():
    e = only("Ukraine's General Staff estimated that 1,020 troops were lost in a day.")
    assert e.claimant == "General Staff" and e.claimant_role != "General"


@pytest.mark.parametrize(
    ("sentence", "unit"),
    [
        ("The bill came to 1.3 billion U.S. dollars, officials said.", "USD"),
        ("The tunnel will cost 4 billion Swiss francs, the ministry said.", "CHF"),
        ("Rebuilding will cost 40 billion Hong Kong dollars, the government said.", "HKD"),
    ],
)
def test_currencies_named_with_their_country(sentence, unit):
    assert only(sentence).unit == unit


def test_odd_currency_names_and_zero_proportions_raise_nothing():
    assert run("The bill came to 4 billion Swiss dollars and 1 in 0 homes, 0 in 5 cars.") == run(
        "The bill came to 4 billion Swiss dollars and 1 in 0 homes, 0 in 5 cars."
    )


def test_share_prices_are_no_claims():
    text = (
        "Insurers said claims would reach $3 billion.\n\nShares of regional lenders slid. Harbor "
        "Mutual (HBM.N) fell 4.1% to $18.30, while Coastline Bank (NYSE: CLB) rose 0.6%.\n\n"
        "The company's stock closed down 2% after it said 1,200 jobs would go.\n"
    )
    assert [(e.value, e.unit) for e in run(text)] == [(3e9, "USD"), (1200, "jobs")]


def test_payments_set_per_head_are_no_claims_but_prices_each_are():
    text = (
        "The state will pay compensation of Rs 2 lakh each to the families of the dead.\n\n"
        "The developer sold the flats at $900,000 each, its brochure shows.\n"
    )
    assert [(e.value, e.unit) for e in run(text)] == [(900000, "USD")]


@pytest.mark.parametrize(
    ("sentence", "unit"),
    [
        ("The dam will cost NPR 120bn, the authority said.", "NPR"),
        ("Losses reached KES 4.5 billion, the treasury said.", "KES"),
    ],
)
def test_currencies_written_as_iso_codes(sentence, unit):
    assert only(sentence).unit == unit


def test_a_standfirst_rounding_a_body_figure_down_restates_it():
    text = (
        "Floods sweep through the river valley towns after a week of rain\n\n"
        "Officials say over 1,200 homes were damaged and roads are cut off across the region.\n\n"
        "By Ana Ruiz\n\n"
        "The civil protection agency said 1,214 homes had been damaged when rivers burst their "
        "banks across the valley.\n"
    )
    found = run(text)
    assert [(e.value, e.claimant, len(e.alt_spans)) for e in found] == [
        (1214, "civil protection agency", 1)
    ]


@pytest.mark.parametrize(
    ("url", "unit"),
    [
        ("https://www.examplenews.com.au/nsw/ferry-wharf-upgrade", "AUD"),
        ("https://www.examplecouncil.govt.nz/news/ferry-wharf-upgrade", "NZD"),
        ("https://www.example.gc.ca/news/ferry-wharf-upgrade", "CAD"),
        ("https://www.examplenews.com/local/ferry-wharf-upgrade", "USD"),
    ],
)
def test_a_bare_dollar_is_the_dollar_of_the_sites_country(url, unit):
    text = "The wharf upgrade will cost $48 million, the council said. It will cost US$31 million."
    assert [(e.value, e.unit) for e in run(text, url=url)] == [(48e6, unit), (31e6, "USD")]


def test_a_sentence_opening_on_the_figure_before_it_counts_the_same_thing():
    text = (
        "The convoy had 120 trucks, the army said. Another 80 trucks followed on Monday, officials "
        "said.\n\nThe army said 2,000 soldiers had crossed the river. Of them, around 150 are "
        "believed to have been hurt in the shelling, it added.\n"
    )
    assert [(e.value, e.unit) for e in run(text)][-2:] == [(2000, "soldiers"), (150, "soldiers")]


@pytest.mark.parametrize(
    ("sentence", "unit", "claimant"),
    [
        ("Cases in the north have risen to 2,318 since January, the ministry said.", "cases",
         "ministry"),
        ("Suspected typhoid cases in the Kivu region rose to 940, the agency said.", "cases",
         "agency"),
        ("Admissions across the state's hospitals reached 1,250, officials said.", "admissions",
         "officials"),
        ("Arrivals at the border crossing have topped 12,000, the agency said.", "arrivals",
         "agency"),
    ],
)  # fmt: skip
def test_a_level_names_what_it_counts_before_a_place(sentence, unit, claimant):
    """'Cases in the north have risen to 2,318': the counted thing is the subject, not the place
    between it and the verb."""
    claim = only(sentence)
    assert (claim.unit, claim.claimant) == (unit, claimant)
