"""The PostgreSQL event store: eventsourcing's recorder, sealed, plus the ledger's queries."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, cast
from uuid import UUID

from eventsourcing.persistence import InterfaceError, OperationalError, StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder, PostgresDatastore
from eventsourcing.utils import retry
from psycopg import Cursor
from psycopg.rows import DictRow, tuple_row
from psycopg.sql import SQL, Composed, Identifier

from ledger.audit.seal import GENESIS, Chain, RawEvent, SealRow, check_head


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

    @retry((InterfaceError, OperationalError), max_attempts=10, wait=0.2)
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
        self._events = recorder._sql(
            "SELECT notification_id, replace(originator_id::text, '-', ''), originator_version,"
            " topic, state FROM {events} WHERE notification_id > %s"
            " ORDER BY notification_id LIMIT %s"
        )
        self._seals = recorder._sql(
            "SELECT sequence, position, hash FROM {seals}"
            " WHERE sequence > %s ORDER BY sequence LIMIT %s"
        )

    def events(self, after: int, limit: int) -> list[RawEvent]:
        self._curs.execute(self._events, (after, limit))
        return self._curs.fetchall()

    def seals(self, after: int, limit: int) -> list[SealRow]:
        self._curs.execute(self._seals, (after, limit))
        return self._curs.fetchall()
