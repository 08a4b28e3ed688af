"""Runs the views over the event log into one SQLite file, exactly once.

The position of the last event applied is stored in the same transaction as the rows it
produced, so a crash at any point leaves the views and their position consistent: the next run
carries on from there. Rebuilding is the same loop from position zero, in one transaction, so a
reader (Datasette) sees either the old views or the new ones, never half of each.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from eventsourcing.domain import DomainEvent
from sqlite_utils import Database

from ledger.store.retry import use_wal
from projections import VIEWS
from projections.base import View

BATCH = 2000
POSITION_TABLE = "_ledger_position"
REBUILD_PRAGMAS = ("cache_size = -65536",)
"""For the connection that rebuilds: a 64 MB page cache (temporary sorts stay on disk, so
memory does not grow with the log)."""

Progress = Callable[[int, int], None]
"""Called with (events done, events to do) after each batch."""
Stop = Callable[[], bool]
"""Asked between batches: should the run end here?"""


class Feed(Protocol):
    """Where events come from: the ledger application, or any log with the same two methods."""

    def read_events(self, after: int, limit: int) -> Sequence[tuple[int, DomainEvent]]: ...

    def max_position(self) -> int: ...


@dataclass(frozen=True)
class RunResult:
    applied: int
    position: int
    rebuilt: bool


@dataclass(frozen=True)
class Lag:
    """How far the views are behind the log, as a follower reports it after each round."""

    position: int
    """The last event the views include."""
    behind: int
    """Positions in the log after it: events not applied yet."""
    newest: datetime | None
    """When the newest event the views include was recorded (None: no events yet)."""
    applied: int
    """Events applied in this round."""

    def age(self, now: datetime | None = None) -> float | None:
        """Seconds since the newest applied event was recorded."""
        if self.newest is None:
            return None
        return ((now or datetime.now(UTC)) - self.newest).total_seconds()


class Runner:
    def __init__(self, path: Path, views: Iterable[type[View]] = VIEWS) -> None:
        self.path = path
        self.view_classes = tuple(views)

    @property
    def signature(self) -> str:
        return ",".join(f"{v.name}:{v.version}" for v in self.view_classes)

    def connect(self) -> Database:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=60, isolation_level=None)
        use_wal(conn)
        conn.execute("PRAGMA synchronous=NORMAL")
        return Database(conn)

    def position(self) -> int:
        """Position of the last event the views include (0 when nothing has been built)."""
        if not self.path.exists():
            return 0
        with self.connect() as db:
            return self._stored(db)[0]

    def catch_up(
        self, feed: Feed, progress: Progress | None = None, stop: Stop | None = None
    ) -> RunResult:
        """Apply the events the views have not seen; rebuild if the views' code has changed.

        Other processes may catch up the same file at once: each batch is applied under the
        file's write lock, from the position read under it, so each event is applied once.
        `stop` is asked after each batch committed; when it says yes, the run ends there.
        """
        with self.connect() as db:
            if self._stale(db, feed):
                # Another runner may be rebuilding right now: wait for it, then look again.
                db.conn.execute("BEGIN IMMEDIATE")
                stale = self._stale(db, feed)
                db.conn.execute("ROLLBACK")
                if stale:
                    return self._rebuild(db, feed, progress)
            position = self._stored(db)[0]
            views = [cls() for cls in self.view_classes]
            total = max(feed.max_position() - position, 0)
            applied = 0
            while True:
                db.conn.execute("BEGIN IMMEDIATE")  # one runner at a time
                try:
                    position = self._stored(db)[0]  # another runner may have moved it
                    batch = feed.read_events(position, BATCH)
                    if batch:
                        for view in views:
                            view.apply(db, batch)
                        for view in views:
                            view.settle(db, full=False)
                        position = batch[-1][0]
                        self._store(db, position)
                    db.conn.execute("COMMIT")
                except BaseException:
                    db.conn.execute("ROLLBACK")
                    raise
                if not batch:
                    return RunResult(applied, position, rebuilt=False)
                applied += len(batch)
                if progress:
                    progress(applied, max(total, applied))
                if stop and stop():
                    return RunResult(applied, position, rebuilt=False)

    def follow(
        self,
        feed: Feed,
        *,
        wait: Callable[[int], object],
        report: Callable[[Lag], None],
        stop: Stop,
    ) -> RunResult:
        """Keep the views up to date until `stop()` says so: catch up, report the lag, wait.

        `wait(position)` returns when the log may hold events after `position`, or after a
        while (the ledger listens on PostgreSQL and polls SQLite). Each round is an ordinary
        catch_up, so a follower shares the file safely with every other process that catches
        up, and stopping ends the run after the batch in hand is committed.
        """
        applied, rebuilt = 0, False
        newest: tuple[int, datetime | None] = (0, None)
        while True:
            result = self.catch_up(feed, stop=stop)
            applied, rebuilt = applied + result.applied, rebuilt or result.rebuilt
            if newest[0] != result.position:
                newest = (result.position, _recorded(feed, result.position))
            behind = max(feed.max_position() - result.position, 0)
            report(Lag(result.position, behind, newest[1], result.applied))
            if stop():
                return RunResult(applied, result.position, rebuilt)
            wait(result.position)

    def rebuild(self, feed: Feed, progress: Progress | None = None) -> RunResult:
        with self.connect() as db:
            return self._rebuild(db, feed, progress)

    def _rebuild(self, db: Database, feed: Feed, progress: Progress | None) -> RunResult:
        views = [cls() for cls in self.view_classes]
        total = feed.max_position()
        db.conn.execute("BEGIN IMMEDIATE")
        for pragma in REBUILD_PRAGMAS:
            db.conn.execute(f"PRAGMA {pragma}")
        try:
            for name in db.table_names():
                if name != POSITION_TABLE and not name.startswith("sqlite_"):
                    db.conn.execute(f"DROP TABLE IF EXISTS [{name}]")
            for view in views:
                view.create(db)
            # Load the tables bare and index them once at the end: building an index from
            # the finished table is far cheaper than keeping it sorted row by row.
            indexes = _drop_indexes(db)
            position = applied = 0
            while batch := feed.read_events(position, BATCH):
                for view in views:
                    view.apply(db, batch)
                position = batch[-1][0]
                applied += len(batch)
                if progress:
                    progress(applied, max(total, applied))
            # Tables loaded from events are read by the derived views: index them now. The
            # derived tables are filled by settle, and indexed after it.
            later = []
            for table, sql in indexes:
                if db.conn.execute(f"SELECT 1 FROM [{table}] LIMIT 1").fetchone():
                    db.conn.execute(sql)
                else:
                    later.append(sql)
            for view in views:
                view.settle(db, full=True)
            for sql in later:
                db.conn.execute(sql)
            self._store(db, position)
            db.conn.execute("COMMIT")
        except BaseException:
            db.conn.execute("ROLLBACK")
            raise
        return RunResult(applied, position, rebuilt=True)

    def _stale(self, db: Database, feed: Feed) -> bool:
        """New view code, or views of a log that is no longer there: start again."""
        position, signature = self._stored(db)
        return signature != self.signature or position > feed.max_position()

    def _stored(self, db: Database) -> tuple[int, str | None]:
        if POSITION_TABLE not in db.table_names():
            return 0, None
        row = db.conn.execute(f"SELECT position, signature FROM {POSITION_TABLE}").fetchone()
        return (row[0], row[1]) if row else (0, None)

    def _store(self, db: Database, position: int) -> None:
        if POSITION_TABLE not in db.table_names():
            db[POSITION_TABLE].create(
                {"id": int, "position": int, "signature": str}, pk="id", not_null={"position"}
            )
        db.conn.execute(
            f"INSERT INTO {POSITION_TABLE} (id, position, signature) VALUES (1, ?, ?)"
            " ON CONFLICT (id) DO UPDATE SET position = excluded.position,"
            " signature = excluded.signature",
            (position, self.signature),
        )


def _recorded(feed: Feed, position: int) -> datetime | None:
    """When the event at `position` was recorded."""
    found = feed.read_events(position - 1, 1) if position else []
    return found[0][1].timestamp if found and found[0][0] == position else None


def _drop_indexes(db: Database) -> list[tuple[str, str]]:
    """Drop the views' secondary indexes; returns (table, SQL that makes it again) for each."""
    rows = db.conn.execute(
        "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
    ).fetchall()
    for name, _, _ in rows:
        db.conn.execute(f"DROP INDEX [{name}]")
    return [(table, sql) for _, table, sql in rows]
