"""Running a write again when the store asks for it: one policy for SQLite and PostgreSQL.

Every save is ONE transaction. When the store refuses it for a passing reason, it has rolled the
whole transaction back, so running it again from the start is safe:
  - SQLite: the write lock was not free within LEDGER_LOCK_TIMEOUT seconds ("database is
    locked", SQLITE_BUSY), or a table was locked (SQLITE_LOCKED);
  - PostgreSQL: a serialisation failure (40001), a deadlock (40P01), the lock timeout on the
    events table (55P03), a server shutting down or starting (57P01-57P03), or a lost
    connection (class 08, or no SQLSTATE at all).
Anything else is raised at once; above all an IntegrityError, which means "already stored".

`retrying` wraps the recorders' write methods (ledger/store/sqlite.py, postgres.py): at most
ATTEMPTS runs, with exponential backoff from FIRST_WAIT up to MAX_WAIT seconds, each wait
jittered (a random 50-100% of it) so that writers who collided do not collide again.
"""

from __future__ import annotations

import logging
import random
import sqlite3
import time
from collections.abc import Callable, Iterator
from functools import wraps
from typing import ParamSpec, TypeVar

ATTEMPTS = 8
FIRST_WAIT = 0.05
MAX_WAIT = 2.0
RETRY_SQLSTATES = frozenset({"40001", "40P01", "55P03", "57P01", "57P02", "57P03"})

log = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")


def transient(error: BaseException) -> bool:
    """Did the store roll the transaction back for a reason that may be gone on the next try?"""
    for e in _causes(error):  # eventsourcing raises its own error `from` the driver's
        if isinstance(e, sqlite3.OperationalError):
            name = getattr(e, "sqlite_errorname", "")
            return name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in str(e)
        if type(e).__module__.startswith("psycopg"):
            state = getattr(e, "sqlstate", None)
            if state is None:  # no answer from the server: the connection went away
                return type(e).__name__ in ("OperationalError", "InterfaceError")
            return state in RETRY_SQLSTATES or state.startswith("08")
    return False


def retrying(func: Callable[P, R]) -> Callable[P, R]:
    """Run `func` (one whole transaction) again while the store says the failure is transient."""

    @wraps(func)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        attempt = 1
        while True:
            try:
                return func(*args, **kwargs)
            except Exception as e:
                if attempt >= ATTEMPTS or not transient(e):
                    raise
                pause = min(MAX_WAIT, FIRST_WAIT * 2 ** (attempt - 1)) * random.uniform(0.5, 1)
                log.info("%s: %s; attempt %d in %.2fs", func.__qualname__, e, attempt + 1, pause)
                time.sleep(pause)
                attempt += 1

    return run


@retrying
def use_wal(conn: sqlite3.Connection) -> None:
    """Put an SQLite file in write-ahead-log mode (it stays so) for readers beside one writer.

    While another process creates or switches the same new file, SQLite refuses the switch at
    once, without waiting out its busy timeout ("database is locked"), or leaves the mode as it
    was: both are a passing state, so ask again.
    """
    if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal":
        return
    mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
    if mode.lower() != "wal":
        raise sqlite3.OperationalError(f"database is locked (journal mode still {mode})")


def _causes(error: BaseException) -> Iterator[BaseException]:
    current: BaseException | None = error
    while current is not None:
        yield current
        current = current.__cause__
