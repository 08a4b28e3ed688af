"""The PostgreSQL event store: eventsourcing's recorder plus the queries the ledger needs."""

from __future__ import annotations

from uuid import UUID

from eventsourcing.postgres import PostgresApplicationRecorder
from psycopg.sql import SQL, Identifier


class PostgresLedgerRecorder(PostgresApplicationRecorder):
    def positions(self, originator_id: UUID) -> dict[int, int]:
        """Global position (notification id) of each version of one aggregate."""
        statement = SQL(
            "SELECT originator_version, notification_id FROM {schema}.{table} "
            "WHERE originator_id=%s"
        ).format(
            schema=Identifier(self.datastore.schema),
            table=Identifier(self.events_table_name),
        )
        with self.datastore.transaction(commit=False) as curs:
            curs.execute(statement, (originator_id,))
            return {row["originator_version"]: row["notification_id"] for row in curs.fetchall()}

    def topic_counts(self) -> dict[str, int]:
        """How many events of each type the store holds."""
        statement = SQL("SELECT topic, count(*) AS n FROM {schema}.{table} GROUP BY topic").format(
            schema=Identifier(self.datastore.schema),
            table=Identifier(self.events_table_name),
        )
        with self.datastore.transaction(commit=False) as curs:
            curs.execute(statement)
            return {row["topic"]: row["n"] for row in curs.fetchall()}
