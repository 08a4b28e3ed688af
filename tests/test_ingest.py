"""Ingesting articles: idempotent, atomic, and refusing bad input without touching the ledger."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS, rows


def event_count(home: Path) -> int:
    return rows(home / "events.db", "SELECT count(*) AS n FROM stored_events")[0]["n"]


def test_ingesting_the_seeds_twice_appends_nothing_the_second_time(ledger, store):
    first = ledger(f"ingest {SEEDS}")
    assert first.code == 0, first.err
    assert first.out.count("ingested") == 5
    before = ledger("stats --json").json()

    again = ledger(f"ingest {SEEDS}")

    assert again.code == 0
    assert again.out.count("already in the ledger, nothing appended") == 5
    assert ledger("stats --json").json() == before
    assert before["articles"] == 5
    assert before["events"] == before["position"] == store.count()
    assert before["claims"] == before["events_by_type"]["EstimateReported"] > 5


@pytest.mark.usefixtures("store")  # on SQLite and PostgreSQL
def test_each_article_is_stored_with_its_text_and_provenance(ledger, home):
    path = SEEDS / "003_d5342039318a5e7e.txt"
    ledger(f"ingest {path} --outlet AP --url https://example.org/ap")

    (article,) = rows(home / "projections.db", "SELECT * FROM articles")
    assert article["file"] == path.name
    assert article["outlet"] == "AP"
    assert article["url"] == "https://example.org/ap"
    assert article["chars"] == len(path.read_text(encoding="utf-8"))
    assert len(article["sha256"]) == 64
    claims = rows(home / "projections.db", "SELECT * FROM claims")
    assert article["claims"] == len(claims) > 0
    text = path.read_text(encoding="utf-8")
    for claim in claims:
        assert text[claim["start"] : claim["end"]] == claim["quote"]


@pytest.mark.usefixtures("store")  # on SQLite and PostgreSQL
def test_ingest_reads_standard_input(ledger, home):
    text = (SEEDS / "001_c3a94487a645cb72.txt").read_bytes()
    result = ledger("ingest - --published 2024-08-28", stdin=text)
    assert result.code == 0, result.err
    (article,) = rows(home / "projections.db", "SELECT source, published FROM articles")
    assert article == {"source": "-", "published": "2024-08-28"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty input"),
        (b"   \n\n ", "empty input"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data"),
        ("Caf\u00e9 7,000 containers".encode("latin-1"), "not UTF-8"),
    ],
)
def test_bad_input_is_one_line_error_and_appends_nothing(ledger, home, tmp_path, content, message):
    ledger(f"ingest {SEEDS / '000_4730b930b8d882d5.txt'}")
    before = event_count(home)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)

    result = ledger(f"ingest {SEEDS / '001_c3a94487a645cb72.txt'} {bad}")

    assert result.code == 1
    assert message in result.err
    assert result.err.count("\n") == 1 and result.err.startswith("error: ")
    assert "Traceback" not in result.err
    assert event_count(home) == before  # the good file before it was not ingested either


def test_huge_input_is_refused(ledger, home, tmp_path):
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"North Korea sent 7,000 containers. " * 200_000)
    result = ledger(f"ingest {huge}")
    assert result.code == 1
    assert "more than the" in result.err and "allowed" in result.err


def test_missing_path_is_an_error(ledger, tmp_path):
    result = ledger(f"ingest {tmp_path / 'nope.txt'}")
    assert result.code == 1
    assert "no such file or folder" in result.err


def test_a_failure_in_the_middle_of_a_save_leaves_no_half_article(ledger, store, monkeypatch):
    """The store writes events (and their seals) inside a transaction; break it half-way."""
    ledger(f"ingest {SEEDS / '000_4730b930b8d882d5.txt'}")
    before = ledger("stats --json").json()
    original = store.recorder._insert_events

    def insert_then_fail(self, c, stored_events, **kwargs):
        original(self, c, stored_events[:1], **kwargs)  # the article is written and sealed ...
        raise OSError("disk pulled out")  # ... and the claims never are

    monkeypatch.setattr(store.recorder, "_insert_events", insert_then_fail)
    failed = ledger(f"ingest {SEEDS / '001_c3a94487a645cb72.txt'}")
    assert failed.code == 1
    assert "disk pulled out" in failed.err

    monkeypatch.setattr(store.recorder, "_insert_events", original)
    assert ledger("stats --json").json() == before
    assert store.count() == before["events"]
    assert store.sql(f"SELECT count(*) FROM {store.seals}")[0][0] == before["events"]
    assert ledger(f"ingest {SEEDS / '001_c3a94487a645cb72.txt'}").code == 0  # and it can retry
    assert ledger("stats --json").json()["articles"] == 2
    assert ledger("audit verify").code == 0


def test_a_process_killed_mid_transaction_leaves_the_ledger_as_it_was(ledger, store):
    """A real crash: the process dies (no cleanup, no rollback) half-way through writing."""
    ledger(f"ingest {SEEDS / '000_4730b930b8d882d5.txt'}")
    before = store.count()
    crash = textwrap.dedent(
        f"""
        import os, sys
        from {store.recorder.__module__} import {store.recorder.__name__} as Recorder
        original = Recorder._insert_events
        def insert_then_die(self, c, stored_events, **kwargs):
            original(self, c, stored_events[:2], **kwargs)
            os._exit(9)
        Recorder._insert_events = insert_then_die
        from ledger.cli import main
        sys.argv = ["ledger", "ingest", sys.argv[1]]
        main()
        """
    )
    proc = subprocess.run(
        [sys.executable, "-c", crash, str(SEEDS / "001_c3a94487a645cb72.txt")],
        env={**os.environ, "LEDGER_HOME": str(store.home)},
        cwd=ROOT,
        capture_output=True,
    )
    assert proc.returncode == 9, proc.stderr
    assert store.count() == before
    assert ledger("stats --json").json()["articles"] == 1
    assert ledger("audit verify").code == 0
