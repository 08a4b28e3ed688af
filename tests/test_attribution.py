"""Attribution: reporting verbs, appositions, carry-over, intermediaries, outlets apart."""

import pytest

from ledger.extraction.attribution import find_cues
from ledger.extraction.memory import Memory
from ledger.extraction.speakers import clean, split_person

OUTLETS = frozenset({"AFP", "Reuters", "AP", "Sky News"})


def cue_for(text: str, figure: str):
    """The nearest cue governing the figure's position (what the pipeline picks)."""
    pos = text.index(figure)
    governing = [c for c in find_cues(text, OUTLETS) if c.governs[0] <= pos < c.governs[1]]
    assert governing, find_cues(text, OUTLETS)
    return min(governing, key=lambda c: min(abs(pos - c.start), abs(pos - c.end)))


@pytest.mark.parametrize(
    ("text", "figure", "subject"),
    [
        (
            "About 500 homes were destroyed, the provincial governor said on Friday.",
            "500",
            "the provincial governor",
        ),
        ("The interior ministry said 40 people had died.", "40", "The interior ministry"),
        ("Police estimated that 12,000 people joined the march.", "12,000", "Police"),
        ("At least 30 were hurt, according to the Red Cross.", "30", "the Red Cross"),
        (
            "It is estimated by the World Bank that 2 million people lost power.",
            "2 million",
            "the World Bank",
        ),
        (
            "The council's own tally puts the damage at $5 million.",
            "$5 million",
            "The council's own tally",
        ),
        ('"We counted 85 bodies," said Amira Haddad.', "85", "Amira Haddad"),
        (
            "Some 300 were evacuated, fire chief Tom Weller told reporters.",
            "300",
            "fire chief Tom Weller",
        ),
        ("The mayor, Ana Ruiz, said 1,200 homes were flooded.", "1,200", "The mayor, Ana Ruiz"),
        ("Dr Lee Chan, 61, told the inquiry that 90 patients were moved.", "90", "Dr Lee Chan"),
        (
            "The institute, a think tank in Oslo, assessed that 4,000 jobs were lost.",
            "4,000",
            "The institute",
        ),
        ("Analysts at the bank claimed 700 branches would close.", "700", "Analysts at the bank"),
        (
            '"We see about 400 new cases a day," said Dr. Amos Phiri, who runs the clinic.',
            "400",
            "Dr. Amos Phiri",
        ),
        ("A dozen fishermen are missing, the coast guard said.", "dozen", "the coast guard"),
        (
            "The revised project report, approved by the board last month, puts the cost at $3bn.",
            "$3bn",
            "The revised project report",
        ),
        (
            "An independent study commissioned by the city in 2020 had forecast that it would"
            " generate €31m a year.",
            "€31m",
            "An independent study",
        ),
        (
            "The contractor has submitted claims worth €54.8m, the report says.",
            "€54.8m",
            "the report",
        ),
        (  # 'found' after its clause, a comma and an aside following it
            "Waiting lists grew to 8,400 patients, the health inspectorate has found, with "
            "rural clinics worst hit.",
            "8,400",
            "the health inspectorate",
        ),
    ],
)
def test_reporting_verbs_and_appositions(text, figure, subject):
    assert cue_for(text, figure).subject == subject


def test_a_lawmaker_citing_a_report_relays_it():
    text = "Senator Ada Moss, citing a leaked army report, said 3,000 troops were deployed."
    cue = cue_for(text, "3,000")
    assert (cue.subject, cue.cited) == ("Senator Ada Moss", "a leaked army report")


def test_nested_report_inside_what_a_lawmaker_told_an_outlet():
    text = (
        "Senator Ada Moss told Reuters on Monday that an internal audit put the cost at $9 billion."
    )
    cues = find_cues(text, OUTLETS)
    inner = cue_for(text, "$9 billion")
    assert inner.subject == "an internal audit"
    assert any(c.subject == "Senator Ada Moss" and c.outlet == "Reuters" for c in cues)


def test_the_outlet_is_not_the_claimant():
    text = "The army has lost 200 tanks, the defence ministry claimed, Sky News reports."
    cues = find_cues(text, OUTLETS)
    assert [c.subject for c in cues if c.by_outlet] == ["Sky News"]
    assert cue_for(text, "200").subject == "the defence ministry"
    told = find_cues("About 50 died, a police officer told AFP.", OUTLETS)
    assert told[0].outlet == "AFP" and not told[0].by_outlet


def test_carry_over_pronouns_and_participles():
    assert cue_for("He added that 60 more were missing.", "60").subject == "He"
    cue = cue_for("The agency revised its estimate, saying 5,000 homes were lost.", "5,000")
    assert cue.participle


def test_nouns_and_states_are_not_reporting_verbs():
    assert find_cues("Independent estimates fall in between.", OUTLETS) == []
    assert find_cues("The number of people confirmed dead rose to 9.", OUTLETS) == []


def test_possessive_counts_name_their_owner():
    assert clean("The council's own tally") == "council"
    assert clean("WHO figures released on Friday") == "WHO"
    assert clean("a Seoul count") == "Seoul"


def test_memory_resolves_names_roles_pronouns_and_descriptions():
    memory = Memory(aliases={"Seoul": "South Korea", "South Korea": "South Korea"})
    memory.learn_people("South Korean Defense Minister Shin Won-sik spoke to reporters.")
    role = memory.speaker("South Korea's defense minister")
    assert (role.name, role.kind, role.country) == ("Shin Won-sik", "person", "South Korea")
    assert memory.speaker("Mr. Shin").name == "Shin Won-sik"
    assert memory.speaker("he").name == "Shin Won-sik"
    agency = memory.speaker("the National Disaster Management Agency")
    assert agency.kind == "org"
    assert memory.speaker("the agency").name == agency.name
    assert memory.speaker("it").name == agency.name


def test_split_person():
    assert split_person("Lt. Gen. Tomas Reval") == ("Tomas Reval", "Lt. Gen.")
    assert split_person("Health Minister Selma Audo") == ("Selma Audo", "Health Minister")
    assert split_person("Minister of Defence, Shin Won Sik") == (
        "Shin Won Sik",
        "Minister of Defence",
    )
    assert split_person("the regional civil protection agency") == (None, None)


def test_split_person_after_the_words_of_an_office():
    assert split_person("Minister of Environment and Urbanisation Lale Demir") == (
        "Lale Demir",
        "Minister of Environment and Urbanisation",
    )
    assert split_person("Minister for Water Resources Clara Holt") == (
        "Clara Holt",
        "Minister for Water Resources",
    )
    assert split_person("Alderman for housing Pieter de Vries") == (
        "Pieter de Vries",
        "Alderman for housing",
    )
    assert split_person("Calder County Sheriff Dale Whitcomb") == (
        "Dale Whitcomb",
        "Calder County Sheriff",
    )
    assert split_person("Hospital CEO Mark Dole")[0] == "Mark Dole"
    assert split_person("Local MP Ann Marr")[0] == "Ann Marr"


def test_a_role_resolves_only_to_a_person_with_that_office():
    memory = Memory()
    memory.learn_people("Finance Minister Cemil Aras spoke. Then Health Minister Lale Demir spoke.")
    assert memory.speaker("the health minister").name == "Lale Demir"
    assert memory.speaker("the transport minister").name == "transport minister"


def test_cleaning_drops_relative_clauses_tails_and_generic_owners():
    assert clean("a council briefing paper she had seen") == "council briefing paper"
    assert clean("Preliminary estimates from the Insurance Council") == "Insurance Council"
    assert clean("The country's Disaster Directorate") == "Disaster Directorate"
    assert clean("the progress report presented to the committee on Monday") == "progress report"


def test_cleaning_names_the_owner_of_figures_and_tallies_and_drops_time_words():
    assert clean("figures released by the health department on Tuesday") == "health department"
    assert clean("A Reuters tally of county data") == "Reuters"
    assert clean("the council in March") == "council"
    assert clean("the government in Tessin") == "government in Tessin"
