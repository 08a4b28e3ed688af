"""Do two views databases hold the same tables and rows? How `audit verify --projections` checks
that the live read models follow from the events: it rebuilds them elsewhere and compares.

SQLite does the comparing (EXCEPT both ways over ATTACHed files), so nothing is loaded whole.
A full-text (FTS5) index is compared by what it indexes (every term, row, column and offset,
through fts5vocab), not by its shadow tables: built at once or row by row, the same index is
stored in different segments.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path


def differences(live: Path, rebuilt: Path) -> list[str]:
    """One line per table that differs (definition, or rows only on one side); [] if identical."""
    conn = sqlite3.connect(f"file:{live}?mode=ro", uri=True)
    try:
        conn.execute("ATTACH DATABASE ? AS rebuilt", (f"file:{rebuilt}?mode=ro",))
        ours = _schemas(conn, "main")
        theirs = _schemas(conn, "rebuilt")
        everything = {**theirs, **ours}
        fts = {name for name, (_, sql) in everything.items() if "USING FTS5" in sql.upper()}
        found = []
        for name in sorted(everything):
            kind = everything[name][0]
            if any(name.startswith(f"{index}_") for index in fts):
                continue  # an FTS5 shadow table: compared through its index below
            if name not in ours:
                found.append(f"{kind} {name} is missing")
            elif name not in theirs:
                found.append(f"{kind} {name} should not be there")
            elif ours[name] != theirs[name]:
                found.append(f"{kind} {name} has a different definition")
            elif kind == "table":
                a, b = (
                    _vocabularies(conn, name)
                    if name in fts
                    else (f"main.[{name}]", f"rebuilt.[{name}]")
                )
                extra, missing = _count_except(conn, a, b), _count_except(conn, b, a)
                if extra or missing:
                    found.append(
                        f"table {name}: {extra} rows not in the rebuild, {missing} rows missing"
                    )
        return found
    finally:
        conn.close()


def _schemas(conn: sqlite3.Connection, schema: str) -> dict[str, tuple[str, str]]:
    rows = conn.execute(
        f"SELECT name, type, sql FROM {schema}.sqlite_master"
        " WHERE type IN ('table', 'index', 'view', 'trigger') AND name NOT LIKE 'sqlite_%'"
    )
    return {name: (kind, sql or "") for name, kind, sql in rows}


def _vocabularies(conn: sqlite3.Connection, index: str) -> tuple[str, str]:
    """Temporary fts5vocab tables listing what the index holds in each database."""
    names = []
    for schema in ("main", "rebuilt"):
        vocab = f"temp.[vocab_{schema}_{index}]"
        conn.execute(f"CREATE VIRTUAL TABLE {vocab} USING fts5vocab({schema}, [{index}], instance)")
        names.append(f"(SELECT term, doc, col, offset FROM {vocab})")
    return names[0], names[1]


def _count_except(conn: sqlite3.Connection, a: str, b: str) -> int:
    return conn.execute(
        f"SELECT count(*) FROM (SELECT * FROM {a} EXCEPT SELECT * FROM {b})"
    ).fetchone()[0]
