"""Configuration alone picks the event store."""

from __future__ import annotations

from pathlib import Path

import pytest

from ledger.store import StoreConfigError, store_env


def test_default_is_sqlite_in_ledger_home(monkeypatch, tmp_path):
    monkeypatch.delenv("LEDGER_STORE", raising=False)
    env = store_env(tmp_path / "home")
    assert env["PERSISTENCE_MODULE"] == "eventsourcing.sqlite"
    assert env["SQLITE_DBNAME"] == str(tmp_path / "home" / "events.db")


def test_sqlite_url_names_the_file(monkeypatch, tmp_path):
    monkeypatch.setenv("LEDGER_STORE", f"sqlite:///{tmp_path}/elsewhere.db")
    assert store_env(tmp_path)["SQLITE_DBNAME"] == str(tmp_path / "elsewhere.db")


def test_postgresql_url_configures_eventsourcing_postgres(monkeypatch):
    monkeypatch.setenv("LEDGER_STORE", "postgresql://ana:s%40cret@db.example:5433/newsroom")
    env = store_env(Path("unused"))
    assert env["PERSISTENCE_MODULE"] == "eventsourcing.postgres"
    assert (env["POSTGRES_HOST"], env["POSTGRES_PORT"]) == ("db.example", "5433")
    assert (env["POSTGRES_USER"], env["POSTGRES_PASSWORD"]) == ("ana", "s@cret")
    assert env["POSTGRES_DBNAME"] == "newsroom"


@pytest.mark.parametrize("url", ["mysql://x/y", "postgresql://host-without-db"])
def test_unusable_store_urls_are_refused(monkeypatch, url):
    monkeypatch.setenv("LEDGER_STORE", url)
    with pytest.raises(StoreConfigError):
        store_env(Path("unused"))


def test_the_lock_timeout_applies_to_either_store(monkeypatch, tmp_path):
    monkeypatch.setenv("LEDGER_LOCK_TIMEOUT", "7")
    assert store_env(tmp_path)["SQLITE_LOCK_TIMEOUT"] == "7"
    monkeypatch.setenv("LEDGER_STORE", "postgresql://db.example/newsroom")
    assert store_env(tmp_path)["POSTGRES_LOCK_TIMEOUT"] == "7"


@pytest.mark.parametrize("value", ["0", "1.5", "soon"])
def test_a_lock_timeout_that_is_not_whole_seconds_is_refused(monkeypatch, tmp_path, value):
    monkeypatch.setenv("LEDGER_LOCK_TIMEOUT", value)
    with pytest.raises(StoreConfigError, match="LEDGER_LOCK_TIMEOUT"):
        store_env(tmp_path)
