"""The `ledger` command: the only place that knows about terminals, flags and exit codes.

Each command is a thin wrapper: read input, call the application (write side) or the projection
runner and queries (read side), format what comes back. One module per group of commands.
"""

from __future__ import annotations

import os
import sqlite3
import sys

from eventsourcing.persistence import PersistenceError

from ledger.application import LedgerError
from ledger.audit.checkpoint import CheckpointError
from ledger.audit.seal import ChainError
from ledger.cli import archive, audit, claims, ingest, serve, views
from ledger.cli.common import UsageError, app
from ledger.reading import ReadError
from ledger.store import StoreConfigError

__all__ = ["app", "archive", "audit", "claims", "ingest", "main", "serve", "views"]


def main() -> None:
    """Entry point: every failure the user can cause is one line on stderr and a non-zero exit."""
    try:
        app()
    except UsageError as e:
        fail(str(e), 2)
    except (
        LedgerError,
        ReadError,
        StoreConfigError,
        FileNotFoundError,
        ChainError,
        CheckpointError,
    ) as e:
        fail(str(e), 1)
    except (sqlite3.Error, PersistenceError) as e:
        if os.environ.get("LEDGER_DEBUG"):
            raise
        fail(f"store error: {e}", 1)
    except KeyboardInterrupt:
        fail("interrupted", 130)
    except Exception as e:
        if os.environ.get("LEDGER_DEBUG"):
            raise
        fail(f"unexpected {type(e).__name__}: {e} (LEDGER_DEBUG=1 shows the traceback)", 1)


def fail(message: str, status: int) -> None:
    print(f"error: {' '.join(message.split())}", file=sys.stderr)
    raise SystemExit(status)
