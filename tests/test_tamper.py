"""Tamper evidence: every stored event is sealed; plain SQL on the store is caught by verify."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import textwrap
from hashlib import sha256
from uuid import uuid4

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlite_utils import Database

from conftest import ROOT
from ledger.application import Ledger
from ledger.audit.seal import GENESIS, canonical, seal_of
from ledger.domain import Estimate
from projections.compare import differences

KEY = "containers: North Korea -> Russia"


def append(ledger, value: str, date: str) -> str:
    result = ledger(
        ["append", "estimate", "--quote", f"North Korea sent {value} containers",
         "--source", "https://example.org/a", "--unit", "containers", "--value", value,
         "--metric-key", KEY, "--date", date, "--by", "analyst", "--json"]
    )  # fmt: skip
    assert result.code == 0, result.err
    return result.json()["claim_id"]


@pytest.fixture
def sealed(ledger, store):
    """Five events: three claims, a correction and a retraction; verify passes."""
    first = append(ledger, "1000", "2023-10")
    append(ledger, "7000", "2024-03-18")
    third = append(ledger, "10000", "2024-06-16")
    assert ledger(["correct", first, "value=1100", "--reason", "typo"]).code == 0
    assert ledger(["retract", third, "--reason", "withdrawn"]).code == 0
    assert store.count() == 5
    assert ledger("audit verify").code == 0
    return store


def broken_at(ledger, position: int) -> str:
    result = ledger("audit verify")
    assert result.code == 1, result.out
    assert result.err.startswith(f"error: chain broken at position {position}:"), result.err
    assert result.err.count("\n") == 1
    return result.err


def test_an_intact_ledger_verifies_and_every_event_has_one_seal(ledger, sealed):
    result = ledger("audit verify --json")
    assert result.code == 0
    report = result.json()
    assert report["ok"] is True and report["events"] == 5
    seals = sealed.sql(f"SELECT sequence, position, hash FROM {sealed.seals} ORDER BY sequence")
    assert [(s[0], s[1]) for s in seals] == [(n, n) for n in range(1, 6)]
    assert report["head"] == seals[-1][2]
    assert "ok: 5 events, chain intact" in ledger("audit verify").out


def test_altering_one_byte_of_an_event_is_caught_at_its_position(ledger, sealed):
    state = bytes(sealed.row(2)[3])
    assert b"7000" in state
    sealed.sql(
        f"UPDATE {sealed.events} SET state = ? WHERE {sealed.position} = 2",
        (state.replace(b"7000", b"7001"),),
    )
    assert "does not match its seal" in broken_at(ledger, 2)


def test_deleting_an_event_is_caught_at_its_position(ledger, sealed):
    sealed.sql(f"DELETE FROM {sealed.events} WHERE {sealed.position} = 3")
    assert "missing" in broken_at(ledger, 3)


def test_inserting_a_forged_event_is_caught(ledger, sealed):
    _, _, topic, state = sealed.row(2)
    forged_id = uuid4().hex if sealed.kind == "sqlite" else uuid4()
    sealed.put(6, (forged_id, 1, topic, state))
    assert "not sealed" in broken_at(ledger, 6)


def test_swapping_two_events_is_caught_at_the_first(ledger, sealed):
    second, third = sealed.row(2), sealed.row(3)
    sealed.sql(f"DELETE FROM {sealed.events} WHERE {sealed.position} IN (2, 3)")
    sealed.put(2, third)
    sealed.put(3, second)
    assert "does not match its seal" in broken_at(ledger, 2)


def test_deleting_a_seal_is_caught(ledger, sealed):
    sealed.sql(f"DELETE FROM {sealed.seals} WHERE sequence = 4")
    assert "seal 4 is missing" in broken_at(ledger, 4)


def test_altering_a_seal_is_caught(ledger, sealed):
    sealed.sql(f"UPDATE {sealed.seals} SET hash = ? WHERE sequence = 3", ("0" * 64,))
    broken_at(ledger, 3)


def test_deleting_every_seal_is_caught_and_not_repaired_by_new_events(ledger, sealed):
    sealed.sql(f"DELETE FROM {sealed.seals}")
    broken_at(ledger, 1)
    append(ledger, "13000", "2024-08-27")  # the ledger keeps working, the evidence stays
    broken_at(ledger, 1)


def test_truncating_the_tail_with_its_seals_needs_a_checkpoint_to_be_seen(ledger, sealed, tmp_path):
    checkpoint = tmp_path / "cp.txt"
    assert ledger(f"audit checkpoint --out {checkpoint}").code == 0
    sealed.sql(f"DELETE FROM {sealed.events} WHERE {sealed.position} = 5")
    sealed.sql(f"DELETE FROM {sealed.seals} WHERE position = 5")
    assert ledger("audit verify").code == 0  # a shorter chain is still a chain
    result = ledger(f"audit verify --checkpoint {checkpoint}")
    assert result.code == 1
    assert "fewer than the 5 the checkpoint saw" in result.err


def test_a_tampered_ledger_cannot_be_checkpointed(ledger, sealed, tmp_path):
    sealed.sql(f"DELETE FROM {sealed.events} WHERE {sealed.position} = 2")
    result = ledger(f"audit checkpoint --out {tmp_path / 'cp.txt'}")
    assert result.code == 1 and "position 2" in result.err
    assert not (tmp_path / "cp.txt").exists()


def test_concurrent_writers_keep_one_chain(ledger, store):
    """Seals are chained inside the insert's transaction, under the store's write lock."""
    script = textwrap.dedent(
        """
        import sys
        from ledger.application import Ledger
        from ledger.domain import Estimate
        with Ledger() as app:
            for i in range(15):
                app.append_estimate(
                    Estimate(value=i, unit="shells", quote=f"{sys.argv[1]} {i}"),
                    source_url=sys.argv[1], source_published=None,
                )
        """
    )
    env = {**os.environ, "LEDGER_HOME": str(store.home)}  # the writers create the tables too
    procs = [
        subprocess.Popen([sys.executable, "-c", script, f"writer-{n}"], env=env, cwd=ROOT)
        for n in range(3)
    ]
    assert [p.wait(timeout=120) for p in procs] == [0, 0, 0]
    result = ledger("audit verify --json")
    assert result.code == 0, result.err
    assert result.json()["events"] == 45


# The canonical form -------------------------------------------------------------------------

ID = "0123456789abcdef0123456789abcdef"


@given(
    topic=st.text(min_size=1),
    state=st.binary(),
    sequence=st.integers(1, 2**62),
    version=st.integers(1, 2**62),
)
def test_the_canonical_form_is_sorted_compact_json(topic, state, sequence, version):
    expected = json.dumps(
        {
            "originator_id": ID,
            "originator_version": version,
            "prev": GENESIS,
            "sequence": sequence,
            "state_sha256": sha256(state).hexdigest(),
            "topic": topic,
        },
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    ).encode()
    assert canonical(sequence, GENESIS, ID, version, topic, state) == expected


def test_the_seal_is_pinned_so_archives_stay_verifiable():
    """A known answer: if this changes, every stored seal and archive stops verifying."""
    first = seal_of(1, GENESIS, ID, 1, "ledger.domain:Claim.EstimateReported", b'{"a":1}')
    assert first == "52503f217ff495d2f21178105f18ef4a9d06c4dda69004d14c915cc3a453358f"
    second = seal_of(2, first, ID, 2, "t", b"")
    assert second != seal_of(2, GENESIS, ID, 2, "t", b"")  # chained to what came before
    assert second != seal_of(3, first, ID, 2, "t", b"")  # and to its place in the log


# The views follow from the events --------------------------------------------------------------


def test_verify_projections_rebuilds_the_views_and_finds_them_equal(ledger, sealed):
    result = ledger("audit verify --projections")
    assert result.code == 0, result.err
    assert "the views at position 5 match a rebuild" in result.out


def test_verify_projections_catches_views_that_do_not_follow_from_the_events(ledger, sealed, home):
    conn = sqlite3.connect(home / "projections.db")
    with conn:
        conn.execute("UPDATE claims SET value = 5000 WHERE value = 7000")
    conn.close()
    assert ledger("audit verify").code == 0  # the events are intact ...
    result = ledger("audit verify --projections")
    assert result.code == 1  # ... but the views no longer follow from them
    assert "table claims: 1 rows not in the rebuild, 1 rows missing" in result.err
    assert ledger("project --rebuild").code == 0
    assert ledger("audit verify --projections").code == 0


def test_verify_projections_checks_views_that_lag_at_their_own_position(ledger, sealed, home):
    with Ledger(home) as app:  # appended without bringing the views up to date
        app.append_estimate(
            Estimate(value=1, unit="shells", quote="q"), source_url="s", source_published=None
        )
    result = ledger("audit verify --projections --json")
    assert result.code == 0, result.err
    assert result.json()["projections"] == 5 and result.json()["events"] == 6


def test_a_full_text_index_is_compared_by_what_it_indexes_not_how_it_is_stored(tmp_path):
    """Built at once or row by row (by triggers), FTS5 stores the same index differently."""
    quotes = [f"North Korea sent {n} containers to Russia" for n in range(300)]
    at_once, row_by_row = Database(tmp_path / "a.db"), Database(tmp_path / "b.db")
    for db in (at_once, row_by_row):
        db["claims"].create({"id": int, "quote": str}, pk="id")
    at_once["claims"].insert_all({"id": i, "quote": q} for i, q in enumerate(quotes))
    at_once["claims"].enable_fts(["quote"], fts_version="FTS5", create_triggers=True)
    row_by_row["claims"].enable_fts(["quote"], fts_version="FTS5", create_triggers=True)
    for i, q in enumerate(quotes):
        row_by_row["claims"].insert({"id": i, "quote": q})
    assert differences(tmp_path / "a.db", tmp_path / "b.db") == []

    # An index that no longer matches its table: drop one row's terms from the index only.
    row_by_row.execute(
        "INSERT INTO claims_fts (claims_fts, rowid, quote) VALUES ('delete', 7, ?)", [quotes[7]]
    )
    row_by_row.conn.commit()
    assert differences(tmp_path / "b.db", tmp_path / "a.db") == [
        "table claims_fts: 0 rows not in the rebuild, 7 rows missing"
    ]
