"""Several processes at once, on SQLite and PostgreSQL: nothing lost, nothing twice, no lock errors.

Each process is a real `ledger` command in its own interpreter. It imports everything, says it is
ready, and waits for a shared "go" file naming a moment just ahead, so all of them start their
work at the same moment rather than staggered by start-up time or by waking. Every race runs a
few rounds to make it bite.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from unittest.mock import ANY
from urllib.parse import urlparse, urlunparse
from uuid import uuid4

import pytest

from conftest import ROOT, Store, dump, rows
from ledger.application import Ledger
from ledger.domain import Estimate
from ledger.store import retry

WRITERS = 4
ARTICLES = 40
ROUNDS = 2
TROUBLE = ("locked", "serializ", "could not serialize", "deadlock", "Traceback", "error")

READY_SET_GO = """
import os, sys, time
ready, go = sys.argv[1], sys.argv[2]
open(ready, "w").close()
while not os.path.exists(go) or not (start := open(go).read()):
    time.sleep(0.002)
while time.time() < float(start):
    pass
"""
GO = (
    "from ledger.cli import main\n"
    + READY_SET_GO
    + "sys.argv = ['ledger', *sys.argv[3:]]\nmain()\n"
)
OPEN = (
    "from pathlib import Path\nfrom ledger.application import Ledger\n"
    "from projections.runner import Runner\n"
    + READY_SET_GO
    + "Ledger().close()\n"
    + "Runner(Path(os.environ['LEDGER_HOME']) / 'projections.db').connect().conn.close()\n"
)


@dataclass
class Ran:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)


def together(commands: list[list[str]], home: Path, tmp: Path, script: str = GO) -> list[Ran]:
    """Run `ledger ARGS` for each command in its own process, all starting at once."""
    tmp.mkdir(parents=True, exist_ok=True)
    go = tmp / f"go-{uuid4().hex[:8]}"
    environ = {**os.environ, "LEDGER_HOME": str(home)}
    procs = []
    for i, args in enumerate(commands):
        ready = tmp / f"{go.name}-ready-{i}"
        cmd = [sys.executable, "-c", script, str(ready), str(go), *args]
        proc = subprocess.Popen(cmd, env=environ, cwd=ROOT, text=True, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)  # fmt: skip
        procs.append((ready, proc))
    deadline = time.monotonic() + 60
    while not all(ready.exists() for ready, _ in procs) and time.monotonic() < deadline:
        time.sleep(0.01)
    go.with_suffix(".tmp").write_text(str(time.time() + 0.2))  # start on the clock, not on waking
    go.with_suffix(".tmp").rename(go)
    results = []
    for _, p in procs:
        out, err = p.communicate(timeout=180)
        results.append(Ran(p.returncode, out, err))
    return results


def untroubled(results: list[Ran]) -> None:
    for r in results:
        assert r.code == 0, r.err
        assert not any(word in r.err for word in TROUBLE), r.err


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> list[Path]:
    """ARTICLES distinct synthetic articles, dealt into WRITERS folders."""
    root = tmp_path_factory.mktemp("articles")
    subprocess.run(
        [sys.executable, "scripts/synth.py", "articles", str(root / "all"),
         "--count", str(ARTICLES), "--seed", "11"],
        cwd=ROOT, check=True, capture_output=True, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    files = sorted((root / "all").glob("*.txt"))
    assert len(files) == ARTICLES
    folders = []
    for w in range(WRITERS):
        folder = root / f"writer-{w}"
        folder.mkdir()
        for f in files[w::WRITERS]:
            (folder / f.name).write_bytes(f.read_bytes())
        folders.append(folder)
    return folders


@pytest.fixture
def fresh(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A new, empty ledger for each round, made the one LEDGER_HOME (and, on PostgreSQL, the
    LEDGER_STORE) that the processes and the in-process `ledger` fixture use."""
    made: list[str] = []

    def new(n: int) -> Path:
        home = tmp_path / f"round-{n}"
        monkeypatch.setenv("LEDGER_HOME", str(home))
        if store.url:
            import psycopg

            name = f"{urlparse(store.url).path.strip('/')}_{n}"
            with psycopg.connect(store.url, autocommit=True) as admin:
                admin.execute(f'CREATE DATABASE "{name}"')
            made.append(name)
            url = urlunparse(urlparse(store.url)._replace(path=f"/{name}"))
            monkeypatch.setenv("LEDGER_STORE", url)
        return home

    yield new
    if made:
        import psycopg

        with psycopg.connect(store.url or "", autocommit=True) as admin:
            for name in made:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_four_writers_on_a_new_ledger_lose_nothing_and_duplicate_nothing(
    fresh, ledger, articles, tmp_path
):
    for n in range(ROUNDS):
        home = fresh(n)  # the writers race to create the tables, too
        results = together([["ingest", str(f), "--json"] for f in articles], home, tmp_path)
        untroubled(results)
        ingested = [r for result in results for r in result.json()]
        assert len(ingested) == ARTICLES and all(r["appended"] for r in ingested)
        expected = sum(1 + r["claims"] for r in ingested)

        stats = ledger("stats --json").json()
        assert stats["articles"] == stats["events_by_type"]["ArticleIngested"] == ARTICLES
        assert stats["events"] == stats["position"] == expected
        verified = ledger("audit verify --projections --json")
        assert verified.code == 0 and verified.json()["events"] == expected, verified.err
        views = home / "projections.db"
        assert sorted(r["article_id"] for r in rows(views, "SELECT article_id FROM articles")) == (
            sorted(str(r["article_id"]) for r in ingested)
        )
        assert rows(views, "SELECT position FROM _ledger_position") == [{"position": expected}]


def test_two_processes_ingesting_the_same_article_append_it_once(fresh, ledger, articles, tmp_path):
    article = sorted(articles[0].iterdir())[0]
    for n in range(ROUNDS):
        home = fresh(n)
        results = together([["ingest", str(article)]] * 2, home, tmp_path)
        untroubled(results)
        assert sorted(r.out.split(":")[0] for r in results) == [
            "already in the ledger, nothing appended",  # the loser says so, and exits 0
            f"ingested {article.name}",
        ]
        stats = ledger("stats --json").json()
        assert stats["articles"] == stats["events_by_type"]["ArticleIngested"] == 1
        assert ledger("audit verify").code == 0


def test_writers_and_projectors_at_once_apply_every_event_exactly_once(
    fresh, ledger, articles, tmp_path
):
    """`project` and `ingest` (which catches the views up too) race for projections.db."""
    for n in range(ROUNDS):
        home = fresh(n)
        commands = [["ingest", str(articles[0])], ["ingest", str(articles[1])]]
        untroubled(together([*commands, ["project"], ["project"]], home, tmp_path))
        stats = ledger("stats --json").json()
        assert stats["articles"] == 2 * ARTICLES // WRITERS
        live = dump(home / "projections.db")
        assert live["_ledger_position"] == [
            {"id": 1, "position": stats["position"], "signature": ANY}
        ]
        # Whatever the order they ran in, the views are what a rebuild from zero makes.
        assert ledger("project --rebuild").code == 0
        assert live == dump(home / "projections.db")


def test_processes_opening_a_new_ledger_at_once_all_start(fresh, tmp_path):
    """Processes creating the store's tables and the views' file at once used to clash: on
    PostgreSQL over the tables; on SQLite, switching a new file to WAL fails at once, without
    waiting, in about one process in twenty (so this race runs more rounds)."""
    for n in range(4 * ROUNDS):
        untroubled(together([[]] * 6, fresh(n), tmp_path, script=OPEN))


def test_corrections_of_one_claim_at_once_all_count(store, tmp_path):
    with Ledger(store.home) as app:
        claim = app.append_estimate(
            Estimate(value=1000, unit="containers", quote="about 1,000 containers"),
            source_url="https://example.org/a", source_published=None,
        )  # fmt: skip
    values = [1100, 1200, 1300]
    cid = str(claim.claim_id)
    results = together(
        [["correct", cid, f"value={v}", "--reason", f"r{v}"] for v in values], store.home, tmp_path
    )
    untroubled(results)
    with Ledger(store.home) as app:
        history = app.history(claim.claim_id)
    assert sorted(e.event.changes["value"] for e in history[1:]) == values


# Retries: a lock held longer than LEDGER_LOCK_TIMEOUT ------------------------------------------


def hold_write_lock(store: Store, seconds: float) -> threading.Thread:
    """Take the store's write lock in another connection and let it go after `seconds`."""
    taken = threading.Event()

    def hold() -> None:
        if store.kind == "sqlite":
            conn = sqlite3.connect(store.home / "events.db", isolation_level=None)
            conn.execute("BEGIN IMMEDIATE")
            taken.set()
            time.sleep(seconds)
            conn.execute("ROLLBACK")
            conn.close()
            return
        import psycopg

        with psycopg.connect(store.url or "") as conn:
            conn.execute(f"LOCK TABLE {store.events} IN EXCLUSIVE MODE")
            taken.set()
            time.sleep(seconds)
            conn.rollback()

    thread = threading.Thread(target=hold)
    thread.start()
    assert taken.wait(10)
    return thread


def test_a_save_waits_out_a_lock_held_longer_than_the_lock_timeout(
    store, ledger, monkeypatch, articles
):
    assert ledger("stats").code == 0  # the tables exist
    monkeypatch.setenv("LEDGER_LOCK_TIMEOUT", "1")
    holder = hold_write_lock(store, 2.5)
    started = time.monotonic()
    result = ledger(["ingest", str(articles[2]), "--json"])
    holder.join()
    assert result.code == 0, result.err
    assert time.monotonic() - started > 2  # it did wait for the lock
    assert len(result.json()) == ARTICLES // WRITERS


def test_without_retries_that_lock_would_be_an_error(store, ledger, monkeypatch, articles):
    """The test above bites: with a single attempt the user sees the store's lock error."""
    assert ledger("stats").code == 0
    monkeypatch.setenv("LEDGER_LOCK_TIMEOUT", "1")
    monkeypatch.setattr(retry, "ATTEMPTS", 1)
    holder = hold_write_lock(store, 2.5)
    result = ledger(["ingest", str(articles[2])])
    holder.join()
    assert result.code == 1
    assert "locked" in result.err or "lock timeout" in result.err, result.err


def test_only_what_the_store_calls_passing_is_retried():
    import psycopg
    from eventsourcing.persistence import IntegrityError, OperationalError

    def wrapped(error: Exception) -> Exception:
        try:
            raise OperationalError(str(error)) from error
        except OperationalError as e:
            return e

    assert retry.transient(wrapped(sqlite3.OperationalError("database is locked")))
    assert not retry.transient(wrapped(sqlite3.OperationalError("no such table: x")))
    assert retry.transient(wrapped(psycopg.errors.SerializationFailure("could not serialize")))
    assert retry.transient(wrapped(psycopg.errors.DeadlockDetected("deadlock detected")))
    assert retry.transient(wrapped(psycopg.errors.LockNotAvailable("lock timeout")))
    assert retry.transient(wrapped(psycopg.OperationalError("server closed the connection")))
    assert not retry.transient(wrapped(psycopg.errors.UndefinedTable("no such table")))
    try:
        raise IntegrityError("duplicate") from sqlite3.IntegrityError("UNIQUE constraint failed")
    except IntegrityError as e:
        assert not retry.transient(e)  # already stored: the caller's answer, not a retry


def test_retries_are_bounded(monkeypatch):
    monkeypatch.setattr(retry, "FIRST_WAIT", 0.001)
    calls = []

    @retry.retrying
    def always_locked() -> None:
        calls.append(1)
        raise sqlite3.OperationalError("database is locked")

    with pytest.raises(sqlite3.OperationalError):
        always_locked()
    assert len(calls) == retry.ATTEMPTS
