"""Lineage: every event of a claim with its seal, and where a figure comes from."""

from __future__ import annotations

from conftest import SEEDS, rows
from ledger.audit.lineage import in_sentence

SEED = SEEDS / "000_4730b930b8d882d5.txt"


def hand_claim(ledger) -> str:
    result = ledger(
        ["append", "estimate", "--quote", "North Korea has sent over 13,000 containers to Russia",
         "--source", "https://example.org/yonhap", "--published", "2024-08-28",
         "--unit", "containers", "--value", "13000", "--low", "13000",
         "--qualifier", "more than", "--claimant", "Defense Intelligence Agency",
         "--via", "Kang Dae-sik", "--outlet", "Yonhap News TV", "--date", "2024-08-27",
         "--by", "analyst-1", "--json"]
    )  # fmt: skip
    assert result.code == 0, result.err
    return result.json()["claim_id"]


def test_history_shows_each_events_position_time_actor_reason_and_seal(ledger, store):
    claim = hand_claim(ledger)
    assert ledger(["correct", claim, "value=12500", "--reason", "typo", "--by", "ed"]).code == 0
    assert ledger(["retract", claim, "--reason", "withdrawn", "--by", "ed"]).code == 0

    history = ledger(["history", claim, "--json"]).json()

    seals = dict(store.sql(f"SELECT position, hash FROM {store.seals}"))
    assert [(h["position"], h["hash"]) for h in history] == [(p, seals[p]) for p in (1, 2, 3)]
    assert [(h["event"], h["by"]) for h in history] == [
        ("EstimateReported", "analyst-1"),
        ("EstimateCorrected", "ed"),
        ("EstimateRetracted", "ed"),
    ]
    assert all(h["recorded_at"] for h in history) and "reason: typo" in history[1]["what"]
    table = ledger(["history", claim]).out
    assert seals[3][:8] in table and "hash" in table


def test_why_shows_the_quote_in_its_sentence_and_the_article_it_came_from(ledger, store, home):
    result = ledger(
        ["ingest", str(SEED), "--published", "2024-03-18", "--outlet", "AFP",
         "--url", "https://example.org/afp", "--by", "desk"]
    )  # fmt: skip
    assert result.code == 0, result.err
    claim = rows(home / "projections.db", "SELECT * FROM claims WHERE value = 7000")[0]

    why = ledger(["why", claim["claim_id"][:8]])

    assert why.code == 0, why.err
    text = SEED.read_text(encoding="utf-8")
    assert f"«{claim['quote']}»" in why.out
    assert text[claim["start"] : claim["end"]] == claim["quote"]
    for expected in (
        "figure: ~7,000 containers",
        f"file: {SEED}",
        "url: https://example.org/afp",
        "outlet: AFP",
        "published: 2024-03-18 (given on the command line)",
        f"said: {claim['statement_date'] or 'undated'}",
        "recorded by desk",
        f"with {claim['extractor']}",
        f"position {claim['position']}, seal ",
    ):
        assert expected in why.out, expected
    details = ledger(["why", claim["claim_id"], "--json"]).json()
    assert details["article"]["outlet"] == "AFP" and details["position"] == claim["position"]
    (seal,) = store.sql(f"SELECT hash FROM {store.seals} WHERE position = ?", (claim["position"],))
    assert details["hash"] == seal[0]


def test_why_for_a_claim_typed_in_by_hand_shows_its_source(ledger, store):
    claim = hand_claim(ledger)
    assert ledger(["correct", claim, "value=12500", "--reason", "typo", "--by", "ed"]).code == 0
    out = ledger(["why", claim]).out
    for expected in (
        "figure: >12,500 containers",
        "claimant: Defense Intelligence Agency (via Kang Dae-sik)",
        "said: 2024-08-27",
        "source: https://example.org/yonhap (typed in by hand)",
        "outlet: Yonhap News TV",
        "published: 2024-08-28",
        "recorded by analyst-1",
        "then: EstimateCorrected by ed: value=12500.0; reason: typo",
    ):
        assert expected in out, expected


def test_why_an_unknown_claim_is_a_one_line_error(ledger):
    hand_claim(ledger)
    result = ledger("why abcdef")
    assert result.code == 1 and result.err == "error: no claim whose id starts with 'abcdef'\n"


def test_the_quote_is_marked_inside_its_whole_sentence():
    text = "Seoul, March 18: First. North Korea sent some 7,000 containers, he said. Next one!"
    start = text.index("some")
    assert in_sentence(text, start, text.index(", he")) == (
        "North Korea sent «some 7,000 containers», he said."
    )
    whole = text.index("North")
    assert in_sentence(text, whole, text.index("said.") + 5) == (
        "«North Korea sent some 7,000 containers, he said.»"
    )
    assert in_sentence("Line one\n7,000 boxes\nthree", 9, 20) == "«7,000 boxes»"
