"""Where events are kept: configuration picks SQLite (default) or PostgreSQL, nothing else changes.

`LEDGER_HOME` (default ./ledger-data) holds the SQLite event store `events.db` and the read
models `projections.db`. `LEDGER_STORE` switches the event store:
  - unset or `sqlite` -> `$LEDGER_HOME/events.db`
  - `sqlite:///relative/events.db`, `sqlite:////absolute/events.db` -> that file
  - `postgresql://user:password@host:port/dbname` -> eventsourcing's PostgreSQL persistence

`LEDGER_LOCK_TIMEOUT` (whole seconds, default 30) is how long a save waits for the store's write
lock: SQLite's busy timeout, PostgreSQL's lock_timeout on the events table. A save that times
out is run again (ledger/store/retry.py), so writers queue rather than fail.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlparse

Waiter = Callable[[int, float], bool]
"""wait(after, timeout): True once the log holds events after position `after`, False when
`timeout` seconds pass first (or when asked to stop). Each recorder makes one with `watch()`."""
STOP_SLICE = 0.5
"""Seconds a Waiter waits at a time before it asks whether it should stop."""


class StoreConfigError(ValueError):
    """LEDGER_STORE or LEDGER_HOME cannot be used."""


def ledger_home() -> Path:
    return Path(os.environ.get("LEDGER_HOME") or "ledger-data")


def store_env(home: Path | None = None) -> dict[str, str]:
    """The eventsourcing settings for the configured store, for `Application(env=...)`."""
    home = home or ledger_home()
    url = os.environ.get("LEDGER_STORE", "").strip()
    if url in ("", "sqlite"):
        return sqlite_env(home / "events.db")
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        # As in SQLAlchemy: sqlite:///relative/path, sqlite:////absolute/path
        return sqlite_env(Path(unquote(parsed.path[1:])))
    if parsed.scheme in ("postgres", "postgresql"):
        return postgres_env(url)
    raise StoreConfigError(f"LEDGER_STORE={url!r}: expected sqlite:///FILE or postgresql://...")


def lock_timeout() -> str:
    value = os.environ.get("LEDGER_LOCK_TIMEOUT", "").strip() or "30"
    if not value.isdigit() or int(value) < 1:
        raise StoreConfigError(f"LEDGER_LOCK_TIMEOUT={value!r}: expected whole seconds, at least 1")
    return value


def sqlite_env(path: Path) -> dict[str, str]:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise StoreConfigError(f"cannot create {path.parent}: {e.strerror}") from None
    return {
        "PERSISTENCE_MODULE": "eventsourcing.sqlite",
        "SQLITE_DBNAME": str(path),
        "SQLITE_LOCK_TIMEOUT": lock_timeout(),
        "APPLICATION_RECORDER_TOPIC": "ledger.store.sqlite:SQLiteLedgerRecorder",
    }


def postgres_env(url: str) -> dict[str, str]:
    p = urlparse(url)
    if not p.path.strip("/"):
        raise StoreConfigError("LEDGER_STORE: the PostgreSQL URL needs a database name")
    return {
        "PERSISTENCE_MODULE": "eventsourcing.postgres",
        "POSTGRES_DBNAME": unquote(p.path.strip("/")),
        "POSTGRES_HOST": p.hostname or "localhost",
        "POSTGRES_PORT": str(p.port or 5432),
        "POSTGRES_USER": unquote(p.username or ""),
        "POSTGRES_PASSWORD": unquote(p.password or ""),
        "POSTGRES_LOCK_TIMEOUT": lock_timeout(),
        # One connection opened up front (more on demand): a command needs one, and a team runs
        # many processes against one server.
        "POSTGRES_POOL_SIZE": os.environ.get("POSTGRES_POOL_SIZE") or "1",
        "APPLICATION_RECORDER_TOPIC": "ledger.store.postgres:PostgresLedgerRecorder",
    }
