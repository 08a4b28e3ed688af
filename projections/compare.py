"""Do two views databases hold the same tables and rows? How `audit verify --projections` checks
that the live read models follow from the events: it rebuilds them elsewhere and compares.

SQLite does the comparing (EXCEPT both ways over ATTACHed files), so nothing is loaded whole.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path


def differences(live: Path, rebuilt: Path) -> list[str]:
    """One line per table that differs (schema, or rows only on one side); [] if identical."""
    conn = sqlite3.connect(f"file:{live}?mode=ro", uri=True)
    try:
        conn.execute("ATTACH DATABASE ? AS rebuilt", (f"file:{rebuilt}?mode=ro",))
        ours = _schemas(conn, "main")
        theirs = _schemas(conn, "rebuilt")
        found = []
        for name in sorted(ours.keys() | theirs.keys()):
            kind = (ours.get(name) or theirs[name])[0]
            if name not in ours:
                found.append(f"{kind} {name} is missing")
            elif name not in theirs:
                found.append(f"{kind} {name} should not be there")
            elif ours[name] != theirs[name]:
                found.append(f"{kind} {name} has a different definition")
            elif kind == "table":
                extra = _count_except(conn, f"main.[{name}]", f"rebuilt.[{name}]")
                missing = _count_except(conn, f"rebuilt.[{name}]", f"main.[{name}]")
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


def _count_except(conn: sqlite3.Connection, a: str, b: str) -> int:
    return conn.execute(
        f"SELECT count(*) FROM (SELECT * FROM {a} EXCEPT SELECT * FROM {b})"
    ).fetchone()[0]
