"""Shared fixtures: a fresh ledger folder per test and a way to run the real CLI in-process."""

from __future__ import annotations

import json
import os
import shlex
import sqlite3
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse, urlunparse
from uuid import uuid4

import pytest

from ledger.application import Ledger
from ledger.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty ledger folder, used through LEDGER_HOME exactly as a user would."""
    home = tmp_path / "ledger-data"
    monkeypatch.setenv("LEDGER_HOME", str(home))
    monkeypatch.delenv("LEDGER_STORE", raising=False)
    return home


@pytest.fixture
def ledger(home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """Run `ledger ARGS` through the real entry point; returns exit code, stdout and stderr."""

    def run(args: str | list[str], stdin: bytes | None = None) -> Result:
        argv = shlex.split(args) if isinstance(args, str) else args
        monkeypatch.setattr(sys, "argv", ["ledger", *argv])
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", _Stdin(stdin))
        capsys.readouterr()
        try:
            main()
            code = 0
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


class _Stdin:
    def __init__(self, data: bytes) -> None:
        import io

        self.buffer = io.BytesIO(data)


def rows(db_path: Path, sql: str, params: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
    """Rows of a real SQLite file, as a test would read them with any SQLite client."""
    conn = sqlite3.connect(db_path)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(sql, params)]
    finally:
        conn.close()


@pytest.fixture
def app(store: Store, home: Path):
    """The ledger application itself, for scenarios that need full control over every field.

    On each store in turn (see `store`): the views are built from what the store gives back.
    """
    with Ledger(home) as ledger:
        yield ledger


def dump(db: Path) -> dict[str, list[dict]]:
    """Every row of every table, in a stable order; a full-text index by what it indexes.

    FTS5 stores the same index in different segments when built at once or row by row, so its
    shadow tables are compared through fts5vocab: every (term, row, column, offset) it holds.
    """
    tables = [r["name"] for r in rows(db, "SELECT name FROM sqlite_master WHERE type='table'")]
    fts = {t for t in tables if "VIRTUAL TABLE" in _sql(db, t)}
    shadows = {t for t in tables for f in fts if t.startswith(f"{f}_")}
    dumped = {
        t: sorted(rows(db, f"SELECT * FROM [{t}]"), key=repr)
        for t in sorted(set(tables) - fts - shadows)
    }
    for t in fts:
        dumped[t] = _vocabulary(db, t)
    return dumped


def _sql(db: Path, table: str) -> str:
    return rows(db, "SELECT sql FROM sqlite_master WHERE name = ?", (table,))[0]["sql"]


def _vocabulary(db: Path, fts_table: str) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        conn.execute(f"CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, {fts_table}, instance)")
        return sorted(conn.execute("SELECT term, doc, col, offset FROM temp.v"))
    finally:
        conn.close()


POSTGRES = os.environ.get("LEDGER_TEST_POSTGRES")
"""A PostgreSQL server for the tests (any database on it; each test gets a fresh one)."""


@dataclass
class Store:
    """The event store a test runs on, and plain SQL on it, as an attacker with access would."""

    kind: str
    home: Path
    url: str | None = None

    @property
    def events(self) -> str:
        return "stored_events" if self.kind == "sqlite" else "ledger_events"

    @property
    def seals(self) -> str:
        return f"{self.events}_seals"

    @property
    def position(self) -> str:
        """The column holding an event's global position."""
        return "rowid" if self.kind == "sqlite" else "notification_id"

    @property
    def recorder(self) -> type:
        from ledger.store.postgres import PostgresLedgerRecorder
        from ledger.store.sqlite import SQLiteLedgerRecorder

        return SQLiteLedgerRecorder if self.kind == "sqlite" else PostgresLedgerRecorder

    def sql(self, statement: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Run one statement (placeholders `?`) in its own transaction; rows if it returns any."""
        if self.kind == "sqlite":
            conn = sqlite3.connect(self.home / "events.db")
            try:
                with conn:
                    return conn.execute(statement, params).fetchall()
            finally:
                conn.close()
        import psycopg

        with psycopg.connect(self.url or "", autocommit=True) as conn:
            cursor = conn.execute(statement.replace("?", "%s"), params)  # type: ignore[arg-type]
            return cursor.fetchall() if cursor.description else []

    def count(self) -> int:
        return self.sql(f"SELECT count(*) FROM {self.events}")[0][0]

    def row(self, position: int) -> tuple:
        """The stored event at a position: (originator_id, originator_version, topic, state)."""
        (found,) = self.sql(
            f"SELECT originator_id, originator_version, topic, state FROM {self.events}"
            f" WHERE {self.position} = ?",
            (position,),
        )
        return found

    def put(self, position: int, values: tuple) -> None:
        """Insert a stored event at a position, bypassing the ledger (and its seals)."""
        self.sql(
            f"INSERT INTO {self.events} ({self.position}, originator_id, originator_version,"
            " topic, state) VALUES (?, ?, ?, ?, ?)",
            (position, *values),
        )


@pytest.fixture(params=["sqlite", "postgresql"])
def store(
    request: pytest.FixtureRequest, home: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Store]:
    """Runs the test once on SQLite and once on a fresh PostgreSQL database.

    PostgreSQL needs LEDGER_TEST_POSTGRES (scripts/with-postgres sets it); without it those runs
    are skipped, unless LEDGER_REQUIRE_POSTGRES=1 (as in CI), which makes that a failure.
    """
    if request.param == "sqlite":
        yield Store("sqlite", home)
        return
    if not POSTGRES:
        if os.environ.get("LEDGER_REQUIRE_POSTGRES") == "1":
            pytest.fail("LEDGER_REQUIRE_POSTGRES=1 but LEDGER_TEST_POSTGRES is not set")
        pytest.skip("no PostgreSQL: set LEDGER_TEST_POSTGRES or run under scripts/with-postgres")
    import psycopg

    name = f"ledger_test_{uuid4().hex[:16]}"
    with psycopg.connect(POSTGRES, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    url = urlunparse(urlparse(POSTGRES)._replace(path=f"/{name}"))
    monkeypatch.setenv("LEDGER_STORE", url)
    try:
        yield Store("postgresql", home, url)
    finally:
        with psycopg.connect(POSTGRES, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
