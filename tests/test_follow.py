"""`ledger project --follow`: a worker that keeps the views up to date and reports its lag."""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from conftest import ROOT, dump, rows
from ledger.application import Ledger
from ledger.cli.follow import Status
from ledger.domain import Estimate
from projections import runner as runner_module
from projections.runner import Lag, Runner

WAIT = 20.0
"""Seconds a test waits for the worker to do something, at most."""


class Worker:
    """`ledger project --follow --json` in a process of its own; its JSON lines as they come."""

    def __init__(self, home: Path, *args: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "ledger", "project", "--follow", "--json", *args],
            env={**os.environ, "LEDGER_HOME": str(home)}, cwd=ROOT, text=True,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )  # fmt: skip
        self.lines: queue.Queue[dict] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout
        for line in self.proc.stdout:
            self.lines.put(json.loads(line))

    def next(self, until=lambda line: True) -> dict:
        """The next line that satisfies `until`, waiting at most WAIT seconds."""
        deadline = time.monotonic() + WAIT
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = self.lines.get(timeout=left)
            except queue.Empty:
                break
            if until(line):
                return line
        raise AssertionError(f"no such line from the worker within {WAIT}s")

    def stop(self, sig: int = signal.SIGTERM) -> tuple[int, str]:
        self.proc.send_signal(sig)
        code = self.proc.wait(timeout=WAIT)
        assert self.proc.stderr
        return code, self.proc.stderr.read()

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


@pytest.fixture
def worker(store, home):
    """Start a worker; on PostgreSQL it looks only every 30 s by itself, so whatever it does
    sooner it does because the insert's notification woke it."""
    started: list[Worker] = []

    def start(*args: str) -> Worker:
        interval = "30" if store.kind == "postgresql" else "0.2"
        w = Worker(home, "--interval", interval, *args)
        started.append(w)
        return w

    yield start
    for w in started:
        w.kill()


def append(home: Path, quote: str, value: int) -> int:
    """Append one claim through the application, which (unlike the CLI) leaves the views be."""
    with Ledger(home) as app:
        recorded = app.append_estimate(
            Estimate(value=value, unit="containers", quote=quote),
            source_url="https://example.org/follow", source_published=None,
        )  # fmt: skip
    assert recorded.position
    return recorded.position


def claim_quotes(home: Path) -> set[str]:
    return {r["quote"] for r in rows(home / "projections.db", "SELECT quote FROM claims")}


def test_the_worker_applies_new_events_as_they_are_stored_and_reports_its_lag(store, home, worker):
    w = worker()
    first = w.next()
    assert first["position"] == 0 and first["behind"] == 0 and first["newest_recorded"] is None

    position = append(home, "13,000 containers", 13000)
    line = w.next(lambda line: line["position"] == position)
    assert line["applied"] == 1 and line["behind"] == 0
    assert 0 <= line["newest_age_seconds"] < WAIT
    recorded = datetime.fromisoformat(line["newest_recorded"].replace("Z", "+00:00"))
    assert abs(datetime.now(UTC) - recorded) < timedelta(seconds=WAIT)
    assert "13,000 containers" in claim_quotes(home)

    second = append(home, "6,700 containers", 6700)
    assert w.next(lambda line: line["position"] == second)["applied"] == 1

    code, err = w.stop()
    assert code == 0, err
    assert err == ""
    assert rows(home / "projections.db", "SELECT position FROM _ledger_position") == [
        {"position": second}
    ]


def test_the_worker_shares_the_views_with_ingesting_processes(store, home, worker, tmp_path):
    """Two `ingest` processes catch the views up too, while the worker does; each event is
    applied once, and the views are what a rebuild from zero makes."""
    w = worker()
    w.next()
    folders = []
    for n in range(2):
        folder = tmp_path / f"in-{n}"
        folder.mkdir()
        for i in range(3):
            text = f"Title {n}-{i}\n\nOfficials said about {n + 1}{i},000 drones were sent."
            (folder / f"{i}.txt").write_text(text)
        folders.append(folder)
    env = {**os.environ, "LEDGER_HOME": str(home)}
    ingests = [
        subprocess.Popen([sys.executable, "-m", "ledger", "ingest", str(f)], env=env, cwd=ROOT,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for f in folders
    ]  # fmt: skip
    for p in ingests:
        _, err = p.communicate(timeout=60)
        assert p.returncode == 0 and err == "", err
    position = append(home, "the last one", 1)  # only the worker applies this one
    w.next(lambda line: line["position"] == position)
    code, err = w.stop(signal.SIGINT)  # Ctrl-C stops it as cleanly as SIGTERM
    assert code == 0 and err == "", err
    live = dump(home / "projections.db")
    assert len(live["articles"]) == 6 and live["_ledger_position"][0]["position"] == position
    with Ledger(home) as app:
        Runner(home / "projections.db").rebuild(app)
    assert dump(home / "projections.db") == live


def test_the_worker_outlives_the_store_dropping_its_connections(store, home, worker):
    """As when the server restarts or a network link drops: the worker says so, reconnects
    and listens again, and misses nothing stored meanwhile."""
    if store.kind == "sqlite":
        pytest.skip("an SQLite file has no connection to lose")
    w = worker()
    w.next()
    dropped = store.sql(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
        " WHERE datname = current_database() AND pid <> pg_backend_pid()"
    )
    assert dropped  # the worker's connections: one that reads, one that listens
    position = append(home, "7,000 containers", 7000)
    outage = w.next(lambda line: "error" in line)
    assert outage["retry_in_seconds"] >= 1 and outage["error"]
    assert w.next(lambda line: line.get("position") == position)["behind"] == 0
    assert "7,000 containers" in claim_quotes(home)

    later = append(home, "13,000 containers", 13000)  # and it listens again: woken at once
    assert w.next(lambda line: line.get("position") == later)["applied"] == 1
    code, err = w.stop()
    assert code == 0, err


def test_a_worker_that_looks_rarely_still_stops_at_once(store, home):
    w = Worker(home, "--interval", "600")
    try:
        w.next()
        started = time.monotonic()
        code, err = w.stop()
        assert code == 0 and err == "", err
        assert time.monotonic() - started < 5
        assert w.next()["stopped"] is True
    finally:
        w.kill()


def test_follow_takes_no_out_file(ledger, tmp_path):
    result = ledger(f"project --follow --out {tmp_path / 'x.db'}")
    assert result.code == 2 and "--follow" in result.err


def test_stopping_ends_the_run_after_the_batch_in_hand(store, app, home, monkeypatch):
    """The worker's loop in process, one event a batch, asked to stop from the start."""
    views = Runner(home / "projections.db")
    views.catch_up(app)  # the views exist: what follows is catching up, not a rebuild
    positions = [append(home, f"claim {i}", i + 1) for i in range(3)]
    monkeypatch.setattr(runner_module, "BATCH", 1)
    reports: list[Lag] = []
    result = views.follow(app, wait=lambda position: None, report=reports.append, stop=lambda: True)
    assert result.applied == 1 and result.position == positions[0]
    (lag,) = reports
    assert (lag.position, lag.behind, lag.applied) == (positions[0], positions[2] - positions[0], 1)
    assert rows(home / "projections.db", "SELECT position FROM _ledger_position") == [
        {"position": positions[0]}
    ]


def test_the_status_line_says_how_far_behind_and_how_old_the_newest_event_is(capsys):
    status = Status(as_json=False)
    status.terminal = True
    newest = datetime.now(UTC) - timedelta(seconds=3)
    status.report(Lag(position=120, behind=4, newest=newest, applied=10))
    status.close()
    err = capsys.readouterr().err
    assert err.startswith("\rfollowing: position 120, 4 behind, newest event recorded 3.")
    assert err.endswith(" s ago\x1b[K\n")
