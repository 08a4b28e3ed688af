"""Rules of the domain, without storage: ids, validation, what a claim's state allows."""

from __future__ import annotations

from uuid import UUID, uuid5

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger.domain import (
    LEDGER_NAMESPACE,
    Article,
    Claim,
    ClaimError,
    Estimate,
    article_id_for,
    claim_id_for,
    ledger_uuid5,
)

ESTIMATE = Estimate(value=7000, qualifier="about", unit="containers", quote="q", start=3, end=4)


def report(estimate: Estimate = ESTIMATE) -> Claim:
    return Claim.report(estimate, origin="a1", article_id=None, extractor="t", recorded_by="me")


def test_ids_are_deterministic():
    assert article_id_for("ab" * 32) == article_id_for("ab" * 32) != article_id_for("cd" * 32)
    assert report().id == report().id == claim_id_for("a1", ESTIMATE)
    other_span = Estimate(**{**ESTIMATE.to_dict(), "start": 9, "end": 10})
    assert claim_id_for("a1", other_span) != claim_id_for("a1", ESTIMATE)


def test_ids_are_pinned_so_stored_articles_keep_theirs():
    assert article_id_for("ab" * 32) == UUID("92560e47-9e9e-5bd0-8cbe-7b72b97204c1")


@given(st.text(st.characters(exclude_categories=["Cs"])))  # any text that has UTF-8
def test_ledger_uuid5_is_the_standard_uuid5(name):
    assert ledger_uuid5(name) == uuid5(LEDGER_NAMESPACE, name)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"qualifier": "roughly"}, "unknown qualifier"),
        ({"kind": "rumour"}, "unknown kind"),
        ({"value": None}, "needs a value or a bound"),
        ({"unit": ""}, "needs a unit"),
    ],
)
def test_an_estimate_refuses_what_the_vocabulary_does_not_know(fields, message):
    with pytest.raises(ValueError, match=message):
        Estimate(**{**ESTIMATE.to_dict(), **fields})


def test_figure_is_the_value_else_a_bound():
    assert ESTIMATE.figure == 7000
    assert Estimate(low=24, qualifier="vague", unit="missiles").figure == 24
    assert Estimate(high=60, qualifier="up to", unit="drones").figure == 60


def test_a_correction_changes_only_what_it_names_and_is_validated():
    claim = report()
    claim.correct({"value": 6700, "qualifier": "about"}, reason="r", corrected_by="ed")
    assert claim.estimate.value == 6700 and claim.status == "corrected"
    (event,) = [e for e in claim.collect_events() if isinstance(e, Claim.EstimateCorrected)]
    assert event.changes == {"value": 6700}  # the unchanged qualifier is not recorded
    with pytest.raises(ClaimError, match="not a claim field"):
        claim.correct({"colour": "red"}, reason="r", corrected_by="ed")
    with pytest.raises(ValueError, match="unknown qualifier"):
        claim.correct({"qualifier": "lots"}, reason="r", corrected_by="ed")


def test_a_retracted_claim_takes_no_more_commands():
    claim = report()
    claim.retract(reason="gone", retracted_by="ed")
    for command in (
        lambda: claim.retract(reason="again", retracted_by="ed"),
        lambda: claim.correct({"value": 1}, reason="r", corrected_by="ed"),
        lambda: claim.review("accepted", note=None, reviewer="rev"),
    ):
        with pytest.raises(ClaimError, match="retracted"):
            command()


def test_review_verdicts_are_accepted_or_rejected():
    claim = report()
    with pytest.raises(ClaimError, match="verdict"):
        claim.review("maybe", note=None, reviewer="rev")
    claim.review("rejected", note="wrong span", reviewer="rev")
    assert claim.status == "rejected"


def test_an_article_keeps_its_text_and_evidence():
    article = Article.ingest(
        sha256="ab" * 32, text="Seoul, March 18: ...", source="a.txt", url=None, title="t",
        outlet="AP", published="2024-03-18", published_evidence="dateline", published_weak=False,
        dropped=[[0, 3, "x"]],
        reader="r/1", recorded_by="me",
    )  # fmt: skip
    assert article.id == article_id_for("ab" * 32)
    assert (article.text, article.published_evidence, article.dropped) == (
        "Seoul, March 18: ...",
        "dateline",
        [[0, 3, "x"]],
    )
