"""A claim's life: typed in by hand, corrected, reviewed, retracted, each step in its history."""

from __future__ import annotations

import pytest

from conftest import rows

pytestmark = pytest.mark.usefixtures("store")  # every test here runs on SQLite and PostgreSQL

KEY = "containers: North Korea -> Russia"
QUOTE = "North Korea has sent over 13,000 containers to Russia"


def append(ledger, *extra: str):
    return ledger(
        [
            "append", "estimate",
            "--quote", QUOTE,
            "--source", "https://example.org/yonhap",
            "--published", "2024-08-28",
            "--unit", "containers",
            "--value", "13000", "--low", "13000", "--qualifier", "more than",
            "--metric-key", KEY,
            "--claimant", "Defense Intelligence Agency",
            "--via", "Kang Dae-sik",
            "--outlet", "Yonhap News TV",
            "--date", "2024-08-27",
            "--by", "analyst-1",
            "--json",
            *extra,
        ]
    )  # fmt: skip


def test_a_hand_typed_claim_shows_in_claims_and_timeline(ledger, home):
    result = append(ledger)
    assert result.code == 0, result.err
    claim_id = result.json()["claim_id"]

    (claim,) = ledger("claims --json").json()
    assert claim["claim_id"] == claim_id
    assert claim["status"] == "reported"
    assert claim["value"] == 13000 and claim["qualifier"] == "more than"
    (point,) = ledger(["timeline", "containers", "--json"]).json()
    assert point["claim_id"] == claim_id
    assert point["date"] == "2024-08-27"
    (row,) = rows(home / "projections.db", "SELECT * FROM claims")
    assert row["extractor"] == "hand" and row["recorded_by"] == "analyst-1"
    assert row["source_url"] == "https://example.org/yonhap"


def test_appending_the_same_hand_claim_twice_records_it_once(ledger):
    first, second = append(ledger).json(), append(ledger).json()
    assert first["claim_id"] == second["claim_id"]
    assert (first["appended"], second["appended"]) == (True, False)
    assert ledger("stats --json").json()["events"] == 1


def test_a_correction_changes_the_views_and_keeps_the_original_in_history(ledger):
    claim_id = append(ledger).json()["claim_id"]

    result = ledger(
        ["correct", claim_id[:8], "value=12500", "low=12500", "--reason", "typo", "--by", "ed"]
    )
    assert result.code == 0, result.err

    (claim,) = ledger("claims --json").json()
    assert claim["value"] == 12500 and claim["status"] == "corrected"
    (point,) = ledger("timeline --json").json()
    assert point["value"] == 12500
    history = ledger(["history", claim_id, "--json"]).json()
    assert [h["event"] for h in history] == ["EstimateReported", "EstimateCorrected"]
    assert history[0]["what"].startswith(">13,000 containers")
    assert history[1]["by"] == "ed" and "value=12500" in history[1]["what"]
    assert "reason: typo" in history[1]["what"]
    assert [h["position"] for h in history] == [1, 2]


def test_a_retraction_takes_the_claim_off_the_timeline_but_not_out_of_the_record(ledger):
    claim_id = append(ledger).json()["claim_id"]
    assert ledger(["retract", claim_id, "--reason", "outlet withdrew it", "--by", "ed"]).code == 0

    (claim,) = ledger("claims --json").json()
    assert claim["status"] == "retracted"
    assert ledger("timeline --json").json() == []
    history = ledger(["history", claim_id, "--json"]).json()
    assert history[-1]["event"] == "EstimateRetracted"
    assert history[-1]["what"] == "reason: outlet withdrew it"

    again = ledger(["correct", claim_id, "value=1", "--reason", "x"])
    assert again.code == 1 and "it was retracted" in again.err


def test_review_accepts_or_rejects_and_rejected_claims_leave_the_timeline(ledger):
    claim_id = append(ledger).json()["claim_id"]
    assert ledger(["review", claim_id, "accept", "--note", "checked", "--by", "rev"]).code == 0
    assert ledger("claims --json").json()[0]["status"] == "accepted"
    assert len(ledger("timeline --json").json()) == 1

    assert ledger(["review", claim_id, "reject", "--by", "rev2"]).code == 0
    assert ledger("claims --json").json()[0]["status"] == "rejected"
    assert ledger("timeline --json").json() == []
    history = ledger(["history", claim_id, "--json"]).json()
    assert [(h["event"], h["by"]) for h in history[1:]] == [
        ("ClaimReviewed", "rev"),
        ("ClaimReviewed", "rev2"),
    ]


def test_timeline_orders_by_date_and_computes_the_change(ledger):
    for value, date in [
        ("13000", ["--date", "2024-08-27"]),
        ("1000", ["--date", "2023-10"]),
        ("7000", ["--date", "2024-03-18"]),
        ("7000", []),
    ]:
        quote = f"sent {value} containers" + ("" if date else ", with no date")
        result = ledger(
            ["append", "estimate", "--quote", quote, "--source", "s",
             "--unit", "containers", "--value", value, "--metric-key", KEY, *date]
        )  # fmt: skip
        assert result.code == 0, result.err
    points = ledger("timeline containers --json").json()
    assert [(p["date"], p["value"], p["change_from_previous"]) for p in points] == [
        ("2023-10", 1000, None),
        ("2024-03-18", 7000, 6000),
        ("2024-08-27", 13000, 6000),
        (None, 7000, None),  # undated: last, and no change from 13,000
    ]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["correct", "00000000-0000-0000-0000-000000000000", "value=1", "--reason", "x"], 1,
         "no claim"),
        (["retract", "abcdef", "--reason", "x"], 1, "no claim whose id starts with 'abcdef'"),
        (["retract", "ab", "--reason", "x"], 2, "too short"),
        (["review", "abcdef", "maybe"], 2, "'maybe'"),
        (["retract", "abcdef"], 2, "--reason"),
    ],
)  # fmt: skip
def test_bad_claim_commands_fail_with_one_line(ledger, args, code, message):
    append(ledger)
    result = ledger(args)
    assert result.code == code
    assert message in result.err
    assert "Traceback" not in result.err


def test_a_correction_must_name_real_fields_with_valid_values(ledger):
    claim_id = append(ledger).json()["claim_id"]
    unknown = ledger(["correct", claim_id, "colour=red", "--reason", "x"])
    assert unknown.code == 2 and "FIELD one of" in unknown.err
    bad_value = ledger(["correct", claim_id, "value=lots", "--reason", "x"])
    assert bad_value.code == 2 and "value" in bad_value.err
    bad_qualifier = ledger(["correct", claim_id, "qualifier=roughly", "--reason", "x"])
    assert bad_qualifier.code == 2 and "unknown qualifier" in bad_qualifier.err
    nothing = ledger(["correct", claim_id, "value=13000", "--reason", "x"])
    assert nothing.code == 1 and "changes nothing" in nothing.err
    assert ledger("stats --json").json()["events"] == 1
