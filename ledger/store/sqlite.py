"""The SQLite event store: eventsourcing's recorder, sealed, plus the queries the ledger needs."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from hashlib import sha256
from typing import Any
from uuid import UUID

from eventsourcing.persistence import StoredEvent
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteCursor

from ledger.audit.seal import (
    GENESIS,
    Chain,
    DigestRow,
    RawEvent,
    SealRow,
    canonical_id,
    check_head,
)
from ledger.store import STOP_SLICE, Waiter
from ledger.store.retry import retrying, use_wal


class SQLiteLedgerRecorder(SQLiteApplicationRecorder):
    """Writes each event's seal in the transaction that inserts it (see ledger/audit/seal.py).

    eventsourcing opens that transaction with a plain BEGIN and the events' INSERT comes first,
    so the write lock is held before the last seal is read: two writers cannot chain to the
    same head.
    """

    @property
    def seals_table_name(self) -> str:
        return f"{self.events_table_name}_seals"

    def construct_create_table_statements(self) -> list[str]:
        return [
            *super().construct_create_table_statements(),
            f"CREATE TABLE IF NOT EXISTS {self.seals_table_name} ("
            "sequence INTEGER PRIMARY KEY, position INTEGER NOT NULL UNIQUE, hash TEXT NOT NULL)",
        ]

    def create_table(self) -> None:
        # Processes opening a new file at once: the switch to WAL and the CREATE TABLEs (a
        # deferred transaction that reads, then writes) fail fast rather than wait. Switch on a
        # connection of our own first: eventsourcing's pool keeps its writer lock when making a
        # connection fails, so it could not be asked again.
        pool = self.datastore.pool
        if not pool.is_sqlite_memory_mode:
            with closing(sqlite3.connect(pool.db_name, uri=True)) as conn:
                use_wal(conn)
        retrying(super().create_table)()

    @retrying  # "database is locked" after LEDGER_LOCK_TIMEOUT: run the whole save again
    def insert_events(
        self, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        return super().insert_events(stored_events, **kwargs)

    def _insert_events(
        self, c: SQLiteCursor, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        if not stored_events:
            return []
        # One executemany rather than eventsourcing's execute per event. The INSERT takes the
        # write lock, so nobody else inserts until we commit: the new rows got consecutive
        # rowids (no explicit rowid, no deletes) ending at the largest one now.
        c.executemany(
            self.insert_events_statement,
            [
                (canonical_id(s.originator_id), s.originator_version, s.topic, s.state)
                for s in stored_events
            ],
        )
        c.execute(f"SELECT max(rowid) FROM {self.events_table_name}")
        last = c.fetchone()[0]
        positions = range(last - len(stored_events) + 1, last + 1)
        c.execute(
            f"SELECT sequence, hash FROM {self.seals_table_name} ORDER BY sequence DESC LIMIT 1"
        )
        last = c.fetchone()
        chain = Chain(last[0], last[1]) if last else Chain()
        c.executemany(
            f"INSERT INTO {self.seals_table_name} (hash, sequence, position) VALUES (?, ?, ?)",
            chain.seal(stored_events, positions),
        )
        return list(positions)

    def import_events(self, batches: Iterable[Sequence[StoredEvent]], head: str) -> None:
        """Insert (and seal) all the batches in ONE transaction, committed only if the chain
        ends at `head`: an archive goes in whole or not at all."""
        with self.datastore.transaction(commit=True) as c:
            for batch in batches:
                self._insert_events(c, batch)
            c.execute(f"SELECT hash FROM {self.seals_table_name} ORDER BY sequence DESC LIMIT 1")
            last = c.fetchone()
            check_head(last[0] if last else GENESIS, head)

    @contextmanager
    def sealed_log(self) -> Iterator[_Reader]:
        """Raw events and seals, read in one transaction so both come from the same snapshot."""
        pool, events, seals = self.datastore.pool, self.events_table_name, self.seals_table_name
        log = (
            None
            if pool.is_sqlite_memory_mode
            else LogFile(pool.db_name, pool.lock_timeout, events, seals)
        )
        with self.datastore.transaction(commit=False) as c:
            yield _Reader(c.sqlite_cursor, events, seals, log)

    @contextmanager
    def watch(self, stopped: Callable[[], bool] = lambda: False) -> Iterator[Waiter]:
        """Waiting for new events: SQLite cannot signal other processes, so look now and again
        when the time is up (an indexed MAX(rowid)); `stopped()` cuts the wait short."""

        def wait(after: int, timeout: float) -> bool:
            if (self.max_notification_id() or 0) > after:
                return True
            deadline = time.monotonic() + timeout
            while not stopped() and (left := deadline - time.monotonic()) > 0:
                time.sleep(min(left, STOP_SLICE))
            return (self.max_notification_id() or 0) > after

        yield wait

    def seal_hashes(self, positions: Iterable[int]) -> dict[int, str]:
        wanted = list(positions)
        with self.datastore.transaction(commit=False) as c:
            c.execute(
                f"SELECT position, hash FROM {self.seals_table_name}"
                f" WHERE position IN ({','.join('?' * len(wanted))})",
                wanted,
            )
            return {row[0]: row[1] for row in c.fetchall()}

    def positions(self, originator_id: UUID) -> dict[int, int]:
        """Global position (notification id) of each version of one aggregate."""
        with self.datastore.transaction(commit=False) as c:
            c.execute(
                f"SELECT originator_version, rowid FROM {self.events_table_name} "
                "WHERE originator_id=?",
                (originator_id.hex,),
            )
            return {row[0]: row[1] for row in c.fetchall()}

    def existing(self, originator_ids: Sequence[UUID]) -> set[UUID]:
        """Which of these aggregates have events already (one query for a batch)."""
        if not originator_ids:
            return set()
        with self.datastore.transaction(commit=False) as c:
            c.execute(
                f"SELECT DISTINCT originator_id FROM {self.events_table_name}"
                f" WHERE originator_id IN ({','.join('?' * len(originator_ids))})",
                [i.hex for i in originator_ids],
            )
            return {UUID(row[0]) for row in c.fetchall()}

    def topic_counts(self) -> dict[str, int]:
        """How many events of each type the store holds."""
        with self.datastore.transaction(commit=False) as c:
            c.execute(f"SELECT topic, count(*) FROM {self.events_table_name} GROUP BY topic")
            return {row[0]: row[1] for row in c.fetchall()}


@dataclass(frozen=True)
class LogFile:
    """The event store's file, for a verifying worker process to open on its own (picklable)."""

    db_name: str
    lock_timeout: int | None
    events: str
    seals: str

    @contextmanager
    def __call__(self) -> Iterator[_Reader]:
        """A reader on a connection of its own, in one read transaction (WAL: readers never
        wait for the writer, nor it for them)."""
        conn = sqlite3.connect(self.db_name, uri=True, timeout=self.lock_timeout or 5)
        try:
            c = conn.cursor()
            c.execute("BEGIN")
            yield _Reader(c, self.events, self.seals, self)
        finally:
            conn.close()


class _Reader:
    def __init__(self, c: sqlite3.Cursor, events: str, seals: str, log: LogFile | None) -> None:
        self._c = c
        self._log = log
        c.row_factory = None  # plain tuples: this is the hot loop of verify
        self._events = (
            f"SELECT rowid, originator_id, originator_version, topic, state FROM {events}"
            " WHERE rowid > ? ORDER BY rowid LIMIT ?"
        )
        self._seals = f"SELECT sequence, position, hash FROM {seals}"
        self._seals_after = f"{self._seals} WHERE sequence > ? ORDER BY sequence LIMIT ?"
        self._last_seal = f"{self._seals} ORDER BY sequence DESC LIMIT 1"

    def events(self, after: int, limit: int) -> list[RawEvent]:
        self._c.execute(self._events, (after, limit))
        return self._c.fetchall()  # ids are stored as 32 hex digits, the canonical form

    def digests(self, after: int, limit: int) -> list[DigestRow]:
        self._c.execute(self._events, (after, limit))
        return [(p, i, v, t, sha256(s).hexdigest()) for p, i, v, t, s in self._c.fetchall()]

    def seals(self, after: int, limit: int) -> list[SealRow]:
        self._c.execute(self._seals_after, (after, limit))
        return self._c.fetchall()

    def last_seal(self) -> SealRow | None:
        self._c.execute(self._last_seal)
        return self._c.fetchone()  # type: ignore[no-any-return]

    def elsewhere(self) -> LogFile | None:
        return self._log
