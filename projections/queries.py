"""Reading the views back: the queries the CLI (and tests) run against projections.db."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlite_utils import Database

CLAIM_LIST_COLUMNS = (
    "claim_id",
    "status",
    "statement_date",
    "published",
    "claimant",
    "qualifier",
    "value",
    "low",
    "high",
    "unit",
    "metric_key",
    "reporting_outlet",
    "file",
    "quote",
)


def open_views(path: Path) -> Database:
    if not path.exists():
        raise FileNotFoundError(f"{path}: no views yet (run `ledger project`)")
    return Database(path)


def claims(
    db: Database,
    *,
    metric: str | None = None,
    status: str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    where, params = [], []
    if metric:
        where.append("(metric_key LIKE ? OR metric LIKE ?)")
        params += [f"%{metric}%", f"%{metric}%"]
    if status:
        where.append("status = ?")
        params.append(status)
    sql = f"SELECT {', '.join(f'[{c}]' for c in CLAIM_LIST_COLUMNS)} FROM claims"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY position"
    if limit:
        sql += f" LIMIT {int(limit)}"
    return list(db.query(sql, params))


def claim(db: Database, claim_id: str) -> dict[str, Any] | None:
    rows = list(db.query("SELECT * FROM claims WHERE claim_id = ?", [claim_id]))
    return rows[0] if rows else None


def timeline(db: Database, metric: str | None = None) -> list[dict[str, Any]]:
    """Points of every metric whose key or name contains `metric`, oldest first per metric."""
    sql = "SELECT * FROM timeline"
    params: list[Any] = []
    if metric:
        sql += " WHERE metric_key LIKE ? OR metric LIKE ?"
        params = [f"%{metric}%", f"%{metric}%"]
    return list(db.query(sql + " ORDER BY metric_key, sequence", params))


def resolve_claim(db: Database, prefix: str) -> list[str]:
    """Full claim ids starting with `prefix` (like a short git hash)."""
    prefix = prefix.strip().lower()
    return [
        r["claim_id"]
        for r in db.query(
            "SELECT claim_id FROM claims WHERE claim_id >= ? AND claim_id < ? LIMIT 2",
            [prefix, prefix + "\uffff"],
        )
    ]


def counts(db: Database) -> dict[str, int]:
    tables = set(db.table_names())
    return {
        "articles": db["articles"].count if "articles" in tables else 0,
        "claims": db["claims"].count if "claims" in tables else 0,
        "active_claims": (
            db.execute(
                "SELECT count(*) FROM claims WHERE status IN ('reported','corrected','accepted')"
            ).fetchone()[0]
            if "claims" in tables
            else 0
        ),
        "metrics": (
            db.execute("SELECT count(DISTINCT metric_key) FROM timeline").fetchone()[0]
            if "timeline" in tables
            else 0
        ),
    }
