"""`ledger project --follow`: the views kept up to date by a long-running worker.

The runner does the work (projections/runner.py: catch up, report, wait); this module is the
terminal side: stopping cleanly on Ctrl-C or SIGTERM, a status line on a terminal, JSON lines
for logs and monitors.
"""

from __future__ import annotations

import json
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from ledger.application import Ledger
from ledger.cli.common import runner
from ledger.store.retry import transient
from projections.runner import Lag, RunResult

HEARTBEAT = 30.0
"""With --json, a line at least this often (seconds) even when nothing new arrives."""


OUTAGE_WAITS = (1.0, 2.0, 5.0, 10.0, 30.0)
"""Seconds between attempts while the store cannot be reached, growing with each failure."""


def follow(ledger: Ledger, *, interval: float, as_json: bool) -> RunResult:
    """Apply new events as they are stored, until Ctrl-C or SIGTERM; report the lag.

    A worker outlives its store's outages: when the store drops the connection or restarts
    (what ledger/store/retry.py calls passing), it says so and starts again after a pause,
    listening afresh; the views lose nothing, since every batch is its own transaction.
    """
    status = Status(as_json)
    failures = 0
    with stopped_by_signals() as stopping:
        try:
            while True:
                rounds = status.rounds
                try:
                    with ledger.watch(stopping.is_set) as wait:
                        result = runner().follow(
                            ledger,
                            wait=lambda position: wait(position, interval),
                            report=status.report,
                            stop=stopping.is_set,
                        )
                    return replace(result, applied=status.applied)
                except Exception as e:
                    if stopping.is_set() or not transient(e):
                        raise
                    failures = 1 if status.rounds > rounds else failures + 1
                    pause = OUTAGE_WAITS[min(failures, len(OUTAGE_WAITS)) - 1]
                    status.outage(e, pause)
                    if stopping.wait(pause):
                        return RunResult(status.applied, status.at, False)
        finally:
            status.close()


@contextmanager
def stopped_by_signals() -> Iterator[threading.Event]:
    """The first Ctrl-C or SIGTERM asks the worker to stop after the transaction in hand; a
    second Ctrl-C interrupts at once (the transaction then rolls back: nothing is half done)."""
    stopping = threading.Event()

    def ask(signum: int, frame: Any) -> None:
        if stopping.is_set() and signum == signal.SIGINT:
            raise KeyboardInterrupt
        stopping.set()

    previous = {s: signal.signal(s, ask) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield stopping
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


class Status:
    """Each round's lag: a line rewritten in place on a terminal (stderr), or JSON lines
    (stdout) when the views' position has moved, and every HEARTBEAT seconds otherwise."""

    def __init__(self, as_json: bool) -> None:
        self.as_json = as_json
        self.terminal = sys.stderr.isatty()
        self.last_line = 0.0
        self.position: int | None = None
        self.shown = False
        self.rounds = 0
        self.applied = 0
        self.at = 0
        """Rounds reported, events applied in them, and the views' last position reported."""

    def report(self, lag: Lag) -> None:
        self.rounds += 1
        self.applied += lag.applied
        self.at = lag.position
        now = datetime.now(UTC)
        age = lag.age(now)
        moved = lag.position != self.position  # by us, or by any process that caught up
        if self.as_json and (moved or time.monotonic() - self.last_line >= HEARTBEAT):
            self.last_line, self.position = time.monotonic(), lag.position
            print(json.dumps(lag_record(lag, now, age)), flush=True)
        if self.terminal:
            since = "no events yet" if age is None else f"newest event recorded {ago(age)}"
            line = f"following: position {lag.position}, {lag.behind} behind, {since}"
            sys.stderr.write(f"\r{line}\x1b[K")
            sys.stderr.flush()
            self.shown = True

    def outage(self, error: Exception, pause: float) -> None:
        """The store could not be reached: one line, whatever the mode, then a retry."""
        reason = " ".join(str(error).split())[:200] or type(error).__name__
        if self.as_json:
            record = {"time": iso(datetime.now(UTC)), "error": reason, "retry_in_seconds": pause}
            print(json.dumps(record), flush=True)
        else:
            self.close()
            sys.stderr.write(f"store unavailable ({reason}); trying again in {pause:g} s\n")
            sys.stderr.flush()
            self.shown = False

    def close(self) -> None:
        if self.shown:
            sys.stderr.write("\n")


def lag_record(lag: Lag, now: datetime, age: float | None) -> dict[str, Any]:
    return {
        "time": iso(now),
        "position": lag.position,
        "behind": lag.behind,
        "applied": lag.applied,
        "newest_recorded": iso(lag.newest) if lag.newest else None,
        "newest_age_seconds": None if age is None else round(age, 3),
    }


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def ago(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.1f} s ago"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min ago"
    return f"{seconds / 3600:.1f} h ago"
