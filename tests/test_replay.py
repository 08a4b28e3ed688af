"""Replay: the views as the public record stood on a date, or as the ledger knew them then."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SEEDS, rows

KEY = "containers: North Korea -> Russia"


def append(ledger, value: str, *, date: str | None = None, published: str | None = None) -> str:
    args = ["append", "estimate", "--quote", f"North Korea sent {value} containers",
            "--source", f"https://example.org/{value}", "--unit", "containers",
            "--value", value, "--metric-key", KEY, "--json"]  # fmt: skip
    args += ["--date", date] if date else []
    args += ["--published", published] if published else []
    result = ledger(args)
    assert result.code == 0, result.err
    return result.json()["claim_id"]


@pytest.fixture
def claims(ledger, store):
    """Four dated claims (one dated by its source's publication only) and an undated one."""
    return {
        "1000": append(ledger, "1000", date="2023-10"),
        "7000": append(ledger, "7000", date="2024-03-18"),
        "10000": append(ledger, "10000", published="2024-06-16"),
        "13000": append(ledger, "13000", date="2024-08-27", published="2024-08-28"),
        "undated": append(ledger, "99"),
    }


def project(ledger, out: Path, *options: str) -> None:
    result = ledger(["project", *options, "--out", str(out), "--json"])
    assert result.code == 0, result.err
    assert result.json()["database"] == str(out)


def points(db: Path) -> list[tuple[str, float]]:
    return [
        (r["date"], r["value"])
        for r in rows(
            db, "SELECT date, value FROM timeline WHERE metric_key = ? ORDER BY sequence", (KEY,)
        )
    ]


def test_as_of_a_date_keeps_the_claims_dated_on_or_before_it(ledger, claims, tmp_path, home):
    april, july = tmp_path / "april.db", tmp_path / "july.db"
    project(ledger, april, "--as-of", "2024-04-01")
    project(ledger, july, "--as-of", "2024-07-01")

    assert points(april) == [("2023-10", 1000), ("2024-03-18", 7000)]
    assert points(july)[-1] == ("2024-06-16", 10000)
    assert len(rows(april, "SELECT * FROM claims")) == 2  # the undated claim is never in
    assert rows(april, "SELECT * FROM _ledger_replay") == [
        {"filter": "as_of", "value": "2024-04-01"}
    ]
    assert len(points(home / "projections.db")) == 5  # the live views keep everything


def test_a_partial_date_counts_from_its_first_day(ledger, claims, tmp_path):
    project(ledger, tmp_path / "first.db", "--as-of", "2023-10-01")
    project(ledger, tmp_path / "before.db", "--as-of", "2023-09-30")
    assert points(tmp_path / "first.db") == [("2023-10", 1000)]
    assert points(tmp_path / "before.db") == []


def test_as_of_uses_the_date_as_corrected(ledger, claims, tmp_path):
    assert (
        ledger(["correct", claims["13000"], "statement_date=2024-03-01", "--reason", "r"]).code == 0
    )
    project(ledger, tmp_path / "april.db", "--as-of", "2024-04-01")
    (row,) = rows(tmp_path / "april.db", "SELECT * FROM claims WHERE value = 13000")
    assert (row["statement_date"], row["status"]) == ("2024-03-01", "corrected")


def test_recorded_before_and_until_position_leave_out_later_changes(ledger, claims, tmp_path, home):
    assert ledger(["correct", claims["7000"], "value=7500", "--reason", "r"]).code == 0
    assert ledger(["retract", claims["10000"], "--reason", "withdrawn"]).code == 0
    correction = ledger(["history", claims["7000"], "--json"]).json()[-1]
    assert correction["event"] == "EstimateCorrected"

    before, until = tmp_path / "before.db", tmp_path / "until.db"
    project(ledger, before, "--recorded-before", correction["recorded_at"])
    project(ledger, until, "--until-position", str(correction["position"] - 1))

    for db in (before, until):
        claims_then = {r["value"]: r["status"] for r in rows(db, "SELECT * FROM claims")}
        assert claims_then == {1000: "reported", 7000: "reported", 10000: "reported",
                               13000: "reported", 99: "reported"}  # fmt: skip
    now = {r["value"]: r["status"] for r in rows(home / "projections.db", "SELECT * FROM claims")}
    assert now[7500] == "corrected" and now[10000] == "retracted"

    both = tmp_path / "both.db"  # filters compose
    project(ledger, both, "--as-of", "2024-04-01", "--until-position", "1")
    assert points(both) == [("2023-10", 1000)]


def test_a_replayed_file_is_an_ordinary_projections_database(ledger, claims, tmp_path, home):
    out = tmp_path / "all.db"
    project(ledger, out)
    tables = {r["name"] for r in rows(out, "SELECT name FROM sqlite_master WHERE type='table'")}
    live = {
        r["name"]
        for r in rows(home / "projections.db", "SELECT name FROM sqlite_master WHERE type='table'")
    }
    assert tables == live | {"_ledger_replay"}
    assert rows(out, "SELECT * FROM claims ORDER BY claim_id") == rows(
        home / "projections.db", "SELECT * FROM claims ORDER BY claim_id"
    )


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--as-of", "2024-13-45"], "'2024-13-45' is not a date"),
        (["--as-of", "April"], "is not a date"),
        (["--recorded-before", "yesterday"], "is not a timestamp"),
        (["--until-position", "-1"], "greater than or equal to 0"),
    ],
)
def test_bad_replay_options_are_one_line_errors_and_write_nothing(
    ledger, claims, tmp_path, options, message
):
    out = tmp_path / "out.db"
    result = ledger(["project", *options, "--out", str(out)])
    assert result.code == 2
    assert message in result.err
    assert not out.exists()


def test_replay_refuses_the_live_views_and_existing_files(ledger, claims, home, tmp_path):
    no_out = ledger("project --as-of 2024-04-01")
    assert no_out.code == 2 and "need --out FILE" in no_out.err
    live = ledger(["project", "--as-of", "2024-04-01", "--out", str(home / "projections.db")])
    assert live.code == 2 and "live views" in live.err
    out = tmp_path / "out.db"
    out.write_text("precious")
    exists = ledger(["project", "--as-of", "2024-04-01", "--out", str(out)])
    assert exists.code == 2 and "--force" in exists.err
    assert out.read_text() == "precious"
    assert ledger(["project", "--as-of", "2024-04-01", "--out", str(out), "--force"]).code == 0
    assert points(out)[-1] == ("2024-03-18", 7000)


def test_the_seed_articles_replayed_as_of_april_and_july_2024(ledger, tmp_path):
    assert ledger(f"ingest {SEEDS}").code == 0
    april, july = tmp_path / "april.db", tmp_path / "july.db"
    project(ledger, april, "--as-of", "2024-04-01")
    project(ledger, july, "--as-of", "2024-07-01")
    assert points(april)[-1][1] == 7000
    assert points(july)[-1][1] == 10000
