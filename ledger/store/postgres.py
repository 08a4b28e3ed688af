"""The PostgreSQL event store: eventsourcing's recorder, sealed, plus the ledger's queries."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, cast
from uuid import UUID

from eventsourcing.persistence import StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder, PostgresDatastore
from psycopg import Cursor
from psycopg.rows import DictRow, tuple_row
from psycopg.sql import SQL, Composed, Identifier

from ledger.audit.seal import GENESIS, Chain, DigestRow, RawEvent, SealRow, check_head
from ledger.store import STOP_SLICE, Waiter
from ledger.store.retry import retrying

CREATE_TABLE_LOCK = 0x1ED6E5
"""Advisory lock key held while a process creates the tables (any number unused elsewhere)."""


class PostgresLedgerRecorder(PostgresApplicationRecorder):
    """Writes each event's seal in the transaction that inserts it (see ledger/audit/seal.py).

    The insert takes eventsourcing's EXCLUSIVE lock on the events table first, so writers are
    serialised and the last seal read after it is the head every new seal must chain to.
    Notification ids can skip numbers (a rolled back insert still uses up its ids), which is why
    seals are chained by their own sequence, each row keeping the position it was made for.
    Every save is one ordinary transaction (lock, insert the events, read the head, insert the
    seals), never psycopg's pipeline, so large saves do not stall; events and seals each go in
    as one INSERT of arrays sent in binary.
    """

    def __init__(self, datastore: PostgresDatastore, *, events_table_name: str = "stored_events"):
        super().__init__(datastore, events_table_name=events_table_name)
        self.seals_table_name = f"{events_table_name}_seals"
        self.check_identifier_length(self.seals_table_name)
        self.sql_create_statements.append(
            self._sql(
                "CREATE TABLE IF NOT EXISTS {seals} (sequence bigint PRIMARY KEY,"
                " position bigint NOT NULL UNIQUE, hash text NOT NULL)"
            )
        )

    def _insert_stored_events(
        self, curs: Cursor[DictRow], stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> None:
        """eventsourcing's insert (table lock, NOTIFY, one INSERT ... RETURNING), with the
        events sent as four plain arrays in binary (%b): psycopg writes eventsourcing's array of a
        composite type as text, escaping every byte of every state with a regular expression,
        which cost more than the rest of the insert."""
        self._lock_table(curs)
        self._notify_channel(curs)
        curs.execute(
            self._insert_arrays,
            (
                [s.originator_id for s in stored_events],
                [s.originator_version for s in stored_events],
                [s.topic for s in stored_events],
                [s.state for s in stored_events],
            ),
        )

    @property
    def _insert_arrays(self) -> Composed:
        return self._sql(
            "INSERT INTO {events} (originator_id, originator_version, topic, state)"
            " SELECT * FROM unnest(%b::{id_type}[], %b::bigint[], %b::text[], %b::bytea[])"
            " RETURNING notification_id"
        )

    def _sql(self, text: str) -> Composed:
        schema = Identifier(self.datastore.schema)
        return SQL(text).format(
            events=Composed([schema, SQL("."), Identifier(self.events_table_name)]),
            seals=Composed([schema, SQL("."), Identifier(self.seals_table_name)]),
            id_type=SQL(self.datastore.originator_id_type),
        )

    def create_table(self) -> None:
        """Create the tables once, under an advisory lock, and only when they are missing.

        Processes that start at the same moment otherwise clash (a pg_type unique violation
        from CREATE TABLE IF NOT EXISTS, "tuple concurrently updated" from eventsourcing's
        CREATE OR REPLACE FUNCTION), and eventsourcing's CREATE INDEX IF NOT EXISTS takes a
        SHARE lock on the events table even when the index exists: every start would queue
        behind the writers, and hold them up, with no lock timeout.
        """
        if not self._tables_exist():
            with self.datastore.get_connection() as conn:  # a session of its own holds the lock
                conn.execute("SELECT pg_advisory_lock(%s)", (CREATE_TABLE_LOCK,))
                try:
                    if not self._tables_exist():
                        super().create_table()
                finally:
                    conn.execute("SELECT pg_advisory_unlock(%s)", (CREATE_TABLE_LOCK,))
        self.datastore.register_type_adapters()  # types another process may have just made

    def _tables_exist(self) -> bool:
        # The seals table is created last, in the same transaction as the others.
        with self.datastore.transaction(commit=False) as curs:
            curs.execute(
                "SELECT to_regclass(%s) IS NOT NULL AS found",
                (f'"{self.datastore.schema}"."{self.seals_table_name}"',),
            )
            row = curs.fetchone()
            return bool(row and row["found"])

    @retrying  # serialisation failure, deadlock, lock timeout, lost connection: run it again
    def insert_events(
        self, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        if not stored_events:
            return []
        with self.datastore.transaction(commit=True) as curs:
            return self._insert_events(curs, stored_events, **kwargs)

    def _insert_events(
        self, curs: Cursor[DictRow], stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int]:
        self._insert_stored_events(curs, stored_events, **kwargs)  # locks the table first
        positions = self._fetch_ids_after_insert_events(curs, stored_events) or []
        curs.execute(self._sql("SELECT sequence, hash FROM {seals} ORDER BY sequence DESC LIMIT 1"))
        last = curs.fetchone()
        chain = Chain(last["sequence"], last["hash"]) if last else Chain()
        seals = chain.seal(stored_events, positions)
        curs.execute(  # one statement, arrays in binary (as the events above)
            self._sql(
                "INSERT INTO {seals} (hash, sequence, position)"
                " SELECT * FROM unnest(%b::text[], %b::bigint[], %b::bigint[])"
            ),
            ([h for h, _, _ in seals], [q for _, q, _ in seals], [p for _, _, p in seals]),
        )
        return positions

    def import_events(self, batches: Iterable[Sequence[StoredEvent]], head: str) -> None:
        """Insert (and seal) all the batches in ONE transaction, committed only if the chain
        ends at `head`: an archive goes in whole or not at all."""
        with self.datastore.transaction(commit=True) as curs:
            for batch in batches:
                self._insert_events(curs, batch)
            curs.execute(self._sql("SELECT hash FROM {seals} ORDER BY sequence DESC LIMIT 1"))
            last = curs.fetchone()
            check_head(last["hash"] if last else GENESIS, head)

    @contextmanager
    def sealed_log(self) -> Iterator[_Reader]:
        """Raw events and seals, read in one REPEATABLE READ transaction (one snapshot)."""
        with self.datastore.transaction(commit=False) as curs:
            curs.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            yield _Reader(curs, self)

    @contextmanager
    def watch(self, stopped: Callable[[], bool] = lambda: False) -> Iterator[Waiter]:
        """Waiting for new events: LISTEN on the channel eventsourcing NOTIFYs in every insert
        transaction (delivered when it commits), on a connection of its own; the log is looked
        at when the wait begins, when a notification comes and when the time is up.
        `stopped()` cuts the wait short."""
        with self.datastore.get_connection() as conn:
            conn.execute(SQL("LISTEN {0}").format(Identifier(self.channel_name)))

            def wait(after: int, timeout: float) -> bool:
                for _ in conn.notifies(timeout=0):
                    pass  # news of inserts made before now: the look below covers them
                if (self.max_notification_id() or 0) > after:
                    return True
                deadline = time.monotonic() + timeout
                while not stopped() and (left := deadline - time.monotonic()) > 0:
                    notified = list(conn.notifies(timeout=min(left, STOP_SLICE), stop_after=1))
                    if notified and (self.max_notification_id() or 0) > after:
                        return True
                return (self.max_notification_id() or 0) > after

            try:
                yield wait
            finally:
                conn.execute("UNLISTEN *")  # the connection goes back to the pool

    def seal_hashes(self, positions: Iterable[int]) -> dict[int, str]:
        with self.datastore.transaction(commit=False) as curs:
            curs.execute(
                self._sql("SELECT position, hash FROM {seals} WHERE position = ANY(%s)"),
                (list(positions),),
            )
            return {row["position"]: row["hash"] for row in curs.fetchall()}

    def positions(self, originator_id: UUID) -> dict[int, int]:
        """Global position (notification id) of each version of one aggregate."""
        with self.datastore.transaction(commit=False) as curs:
            curs.execute(
                self._sql(
                    "SELECT originator_version, notification_id FROM {events}"
                    " WHERE originator_id=%s"
                ),
                (originator_id,),
            )
            return {row["originator_version"]: row["notification_id"] for row in curs.fetchall()}

    def existing(self, originator_ids: Sequence[UUID]) -> set[UUID]:
        """Which of these aggregates have events already (one query for a batch)."""
        if not originator_ids:
            return set()
        with self.datastore.transaction(commit=False) as curs:
            curs.execute(
                self._sql(
                    "SELECT DISTINCT originator_id FROM {events} WHERE originator_id = ANY(%s)"
                ),
                (list(originator_ids),),
            )
            return {row["originator_id"] for row in curs.fetchall()}

    def topic_counts(self) -> dict[str, int]:
        """How many events of each type the store holds."""
        with self.datastore.transaction(commit=False) as curs:
            curs.execute(self._sql("SELECT topic, count(*) AS n FROM {events} GROUP BY topic"))
            return {row["topic"]: row["n"] for row in curs.fetchall()}


class _Reader:
    def __init__(self, curs: Cursor[DictRow], recorder: PostgresLedgerRecorder) -> None:
        self._curs = cast(Cursor[Any], curs)
        self._curs.row_factory = tuple_row  # plain tuples: this is the hot loop of verify
        # The id as 32 hex digits straight from the server: no UUID objects to build.
        events = (
            "SELECT notification_id, replace(originator_id::text, '-', ''), originator_version,"
            " topic, {state} FROM {events} WHERE notification_id > %s"
            " ORDER BY notification_id LIMIT %s"
        )
        self._events = recorder._sql(events.replace("{state}", "state"))
        # The server digests the states (PostgreSQL's sha256, lower-case hex as hashlib's):
        # 64 characters an event cross the wire instead of the state.
        self._digests = recorder._sql(events.replace("{state}", "encode(sha256(state), 'hex')"))
        seals = "SELECT sequence, position, hash FROM {seals}"
        self._seals = recorder._sql(f"{seals} WHERE sequence > %s ORDER BY sequence LIMIT %s")
        self._last_seal = recorder._sql(f"{seals} ORDER BY sequence DESC LIMIT 1")

    def events(self, after: int, limit: int) -> list[RawEvent]:
        self._curs.execute(self._events, (after, limit))
        return self._curs.fetchall()

    def digests(self, after: int, limit: int) -> list[DigestRow]:
        self._curs.execute(self._digests, (after, limit))
        return self._curs.fetchall()

    def seals(self, after: int, limit: int) -> list[SealRow]:
        self._curs.execute(self._seals, (after, limit))
        return self._curs.fetchall()

    def last_seal(self) -> SealRow | None:
        self._curs.execute(self._last_seal)
        return self._curs.fetchone()  # type: ignore[no-any-return]

    def elsewhere(self) -> None:
        """Verified in this process: the server digests the states, the costly part."""
        return None
