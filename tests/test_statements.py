"""Statements: one row per thing said, however many outlets reported it, echo or independent."""

from __future__ import annotations

import json
from uuid import UUID

import pytest

from conftest import rows
from projections.names import credited_wire, name_key, wire_of
from projections.statements import Report, group, independence, origins, similar
from scenario import KEY, project, say, story


def report(
    n: int,
    *,
    date=None,
    published=None,
    weak=False,
    claimant="Shin",
    outlet=None,
    wire=None,
    quote=None,
) -> Report:
    return Report(
        claim_id=f"c{n}", source=f"s{n}", metric_key=KEY, claimant=claimant,
        claimant_key=name_key(claimant), figure=7000, qualifier="about", unit="containers",
        statement_date=date, published=published, published_weak=weak, outlet=outlet,
        outlet_key=name_key(outlet), wire=wire,
        quote=quote or f"quote number {n} " + "x" * n * 7, position=n,
    )  # fmt: skip


def ids(groups):
    return [[r.claim_id for r in g] for g in groups]


def test_reports_within_a_few_days_are_one_statement_and_later_ones_another():
    reports = [
        report(1, date="2024-03-18"),
        report(2, published="2024-03-20"),
        report(3, date="2024-03-23"),  # within 3 days of the one before: the chain goes on
        report(4, date="2024-06-01"),
    ]
    assert ids(group(reports)) == [["c1", "c2", "c3"], ["c4"]]


def test_a_month_only_date_covers_its_month():
    assert ids(group([report(1, date="2024-02"), report(2, date="2024-02-27")])) == [["c1", "c2"]]
    assert ids(group([report(1, date="2024-02"), report(2, date="2024-04-01")])) == [["c1"], ["c2"]]


def test_undated_reports_join_the_only_dated_statement_or_stand_together():
    assert ids(group([report(1, date="2024-03-18"), report(2)])) == [["c1", "c2"]]
    two_dated = [report(1, date="2024-03-18"), report(2, date="2024-09-01"), report(3), report(4)]
    assert ids(group(two_dated)) == [["c1"], ["c2"], ["c3", "c4"]]
    assert ids(group([report(1), report(2)])) == [["c1", "c2"]]


def test_claimants_must_be_compatible_names_to_share_a_statement():
    shin = report(1, date="2024-03-18", claimant="Shin Won-sik")
    garbled = report(2, date="2024-03-18", claimant="Shin Won-Korea")
    other = report(3, date="2024-03-18", claimant="Seoul")
    assert ids(group([shin, garbled, other])) == [["c1", "c2"], ["c3"]]
    nobody = report(4, date="2024-03-19", claimant=None)  # an unattributed report of it
    assert ids(group([shin, nobody])) == [["c1", "c4"]]


def test_a_weak_banner_date_joins_the_latest_statement_made_before_it():
    march = report(1, date="2024-03-18", claimant="Shin Won-sik")
    bannered = report(2, published="2024-04-24", weak=True, claimant="Shin Won-Korea")
    assert ids(group([march, bannered])) == [["c1", "c2"]]
    june = report(3, date="2024-06-14", claimant="Shin Won-sik")
    assert ids(group([march, june, bannered])) == [["c1", "c2"], ["c3"]]  # not the later one
    strong = report(4, published="2024-04-24", claimant="Shin Won-sik")  # a byline date
    assert ids(group([march, strong])) == [["c1"], ["c4"]]


def test_origins_are_shared_by_agency_outlet_or_wording():
    afp, ap = report(1, outlet="AFP", wire="AFP"), report(2, outlet="AP", wire="AP")
    sky = report(3, outlet="Sky News")
    assert origins([afp, ap, sky]) == 3
    credited = report(4, outlet="Le Monde", wire="AFP")  # a paper running the AFP story
    assert origins([afp, credited]) == 1
    same_outlet = report(5, outlet="Sky News")
    assert origins([sky, same_outlet]) == 1
    copied = report(6, outlet="Daily Echo", quote=afp.quote)
    assert origins([afp, copied]) == 1


def test_near_identical_wording_is_an_echo_and_a_rewrite_is_not():
    wire = "North Korea has shipped some 7,000 containers of weapons to Russia since July."
    assert similar(wire, wire.replace("some", "about"))
    assert not similar(wire, "South Korea says about 7,000 containers went north by rail.")
    assert not similar("", "")


@pytest.mark.parametrize(
    ("reports", "origin_count", "expected"),
    [(1, 1, "single"), (3, 1, "echo"), (3, 3, "independent"), (4, 3, "mixed")],
)
def test_independence(reports, origin_count, expected):
    assert independence(reports, origin_count) == expected


def test_names_become_keys_without_any_list_of_people():
    spellings = ["Shin Won-sik", "Shin Won Sik", "Mr. Shin Wonsik", "SHIN WON-SIK", "Shín Won-sik"]
    assert {name_key(s) for s in spellings} == {"shinwonsik"}
    assert name_key("South Korea’s defence minister") == name_key("South Korea's Defence Minister")
    assert name_key("  ") is None and name_key(None) is None


def test_wire_services_by_outlet_name_and_by_credit_in_the_text():
    assert wire_of("The Associated Press") == "AP" and wire_of("Agence France-Presse") == "AFP"
    assert wire_of("Sky News") is None
    assert credited_wire("... through their land border. (AP)\n\nRelated") == "AP"
    assert credited_wire("South Korea's defence ministry told AFP on Monday.") == "AFP"
    assert credited_wire("APPLE and CAP said the AP style is fine.") is None
    assert credited_wire("told AFP, and Reuters reported") is None  # two agencies: no one origin


def test_the_seven_thousand_statement_has_every_outlet_on_one_row(app, home):
    ids_ = story(app)
    db = project(home, app)
    (row,) = rows(db, "SELECT * FROM statements WHERE metric_key = ? AND figure = 7000", (KEY,))
    assert row["outlets"] == "AFP, AP, Sky News, Daily Echo"
    assert row["reports"] == 4 and row["origins"] == 3 and row["independence"] == "mixed"
    assert row["date"] == "2024-03-18" and row["first_seen"] == "2024-03-18"
    assert row["statement_id"] == ids_["afp"] and row["first_outlet"] == "AFP"
    assert set(json.loads(row["claim_ids"])) == {ids_[k] for k in ("afp", "ap", "sky", "echo")}
    assert ids_["typo"] not in row["claim_ids"]  # retracted


def test_a_correction_moves_a_claim_between_statements(app, home):
    first = say(app, "7,000", value=7000, claimant="Shin", statement_date="2024-03-18")
    second = say(app, "7,000!", value=7000, claimant="Kim", statement_date="2024-03-18",
                 source="b")  # fmt: skip
    db = project(home, app)
    assert len(rows(db, "SELECT * FROM statements")) == 2

    app.correct(UUID(second), {"claimant": "Mr Shin"}, reason="misattributed")
    (row,) = rows(project(home, app), "SELECT * FROM statements")
    assert set(json.loads(row["claim_ids"])) == {first, second} and row["reports"] == 2
