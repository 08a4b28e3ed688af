"""What every view provides to the runner."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import PurePosixPath
from typing import Any

from eventsourcing.domain import DomainEvent
from sqlite_utils import Database

Batch = Sequence[tuple[int, DomainEvent]]
"""Events in notification order, each with its global position."""


class View:
    name: str
    version: int
    """Bump when the tables or their meaning change: the runner then rebuilds from zero."""
    tables: tuple[str, ...]

    def create(self, db: Database) -> None:
        """Create the view's tables (explicit column types) and indexes."""
        raise NotImplementedError

    def apply(self, db: Database, batch: Batch) -> None:
        """Fold a batch of events into the tables, inside the runner's transaction."""
        raise NotImplementedError

    def settle(self, db: Database, *, full: bool) -> None:
        """Derive rows that depend on several events, once per transaction.

        `full` is set once at the end of a rebuild, so derived rows are computed once rather
        than once per batch.
        """


def file_name(source: str | None) -> str | None:
    """The last part of a path, as Path(source).name gives it (fast for the usual paths)."""
    if not source:
        return None
    name = source.rpartition("/")[2]
    return name if name not in ("", ".", "..") else PurePosixPath(source).name


def to_json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def event_name(event: DomainEvent) -> str:
    return type(event).__name__
