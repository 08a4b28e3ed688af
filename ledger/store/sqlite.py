"""The SQLite event store: eventsourcing's recorder plus the queries the ledger needs."""

from __future__ import annotations

from uuid import UUID

from eventsourcing.sqlite import SQLiteApplicationRecorder


class SQLiteLedgerRecorder(SQLiteApplicationRecorder):
    def positions(self, originator_id: UUID) -> dict[int, int]:
        """Global position (notification id) of each version of one aggregate."""
        with self.datastore.transaction(commit=False) as c:
            c.execute(
                f"SELECT originator_version, rowid FROM {self.events_table_name} "
                "WHERE originator_id=?",
                (originator_id.hex,),
            )
            return {row[0]: row[1] for row in c.fetchall()}

    def topic_counts(self) -> dict[str, int]:
        """How many events of each type the store holds."""
        with self.datastore.transaction(commit=False) as c:
            c.execute(f"SELECT topic, count(*) FROM {self.events_table_name} GROUP BY topic")
            return {row[0]: row[1] for row in c.fetchall()}
