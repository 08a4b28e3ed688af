"""`claims`: one row per claim as it stands now, after corrections, retractions and review."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlite_utils import Database

from ledger.domain import Article, Claim, Estimate
from projections.base import Batch, View, to_json

ESTIMATE_COLUMNS: dict[str, Any] = {
    "value": float,
    "low": float,
    "high": float,
    "qualifier": str,
    "qualifier_text": str,
    "unit": str,
    "item": str,
    "metric": str,
    "metric_key": str,
    "direction": str,
    "claimant": str,
    "claimant_role": str,
    "claimant_country": str,
    "via": str,
    "reporting_outlet": str,
    "statement_date": str,
    "date_basis": str,
    "period_start": str,
    "period_end": str,
    "period_text": str,
    "quote": str,
    "start": int,
    "end": int,
    "alt_spans": str,
    "kind": str,
    "on_topic": int,
}
"""Every Estimate field but `converts` (stored resolved, as converts_claim_id)."""

COLUMNS: dict[str, Any] = {
    "claim_id": str,
    "article_id": str,
    "file": str,
    "published": str,
    "status": str,
    **ESTIMATE_COLUMNS,
    "statement_key": str,
    "converts_claim_id": str,
    "source_url": str,
    "extractor": str,
    "position": int,
    "recorded_at": str,
    "recorded_by": str,
    "corrections": int,
    "updated_position": int,
    "updated_at": str,
    "notes": str,
}
ACTIVE = ("reported", "corrected", "accepted")


def statement_key(row: dict[str, Any]) -> str:
    """Who, when, what and how much: the same statement re-reported elsewhere gets the same key."""
    figure = next((row[k] for k in ("value", "low", "high") if row[k] is not None), None)
    return f"{row['claimant'] or '?'}@{row['statement_date'] or '?'}|{row['metric_key']}|{figure:g}"


def _cell(name: str, value: Any) -> Any:
    if name == "alt_spans":
        return to_json([list(s) for s in value]) if value else None
    if name == "on_topic":
        return int(bool(value))
    return value


class ClaimsView(View):
    name = "claims"
    version = 1
    tables = ("claims",)

    def __init__(self) -> None:
        self._articles: dict[str, tuple[str | None, str | None]] = {}

    def create(self, db: Database) -> None:
        db["claims"].create(COLUMNS, pk="claim_id", not_null={"status", "position", "unit"})
        db["claims"].create_index(["metric_key", "statement_date"])
        db["claims"].create_index(["article_id"])
        db["claims"].create_index(["claimant"])

    def apply(self, db: Database, batch: Batch) -> None:
        inserts: list[dict[str, Any]] = []
        for position, e in batch:
            if isinstance(e, Article.ArticleIngested):
                self._remember(str(e.originator_id), e.source, e.published)
            elif isinstance(e, Claim.EstimateReported):
                inserts.append(self._row(db, position, e))
            else:
                self._flush(db, inserts)
                self._update(db, position, e)
        self._flush(db, inserts)

    def _remember(self, article_id: str, source: str | None, published: str | None) -> None:
        if len(self._articles) > 10_000:  # claims follow their article closely: keep memory flat
            self._articles.clear()
        self._articles[article_id] = (Path(source).name if source else None, published)

    def _article(self, db: Database, article_id: str) -> tuple[str | None, str | None]:
        if article_id not in self._articles:
            row = db.conn.execute(
                "SELECT file, published FROM articles WHERE article_id = ?", (article_id,)
            ).fetchone()
            self._articles[article_id] = (row[0], row[1]) if row else (None, None)
        return self._articles[article_id]

    def _row(self, db: Database, position: int, e: Claim.EstimateReported) -> dict[str, Any]:
        estimate = Estimate.from_fields(e)
        if e.article_id is not None:
            file, published = self._article(db, str(e.article_id))
        else:
            file, published = None, e.source_published
        row = {name: _cell(name, getattr(estimate, name)) for name in ESTIMATE_COLUMNS}
        row.update(
            claim_id=str(e.originator_id),
            article_id=str(e.article_id) if e.article_id else None,
            file=file,
            published=published,
            status="reported",
            converts_claim_id=str(e.converts_claim_id) if e.converts_claim_id else None,
            source_url=e.source_url,
            extractor=e.extractor,
            position=position,
            recorded_at=e.timestamp.isoformat(),
            recorded_by=e.recorded_by,
            corrections=0,
            updated_position=position,
            updated_at=e.timestamp.isoformat(),
            notes=None,
        )
        row["statement_key"] = statement_key(row)
        return row

    @staticmethod
    def _flush(db: Database, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        names = list(COLUMNS)
        db.conn.executemany(
            f"INSERT INTO claims ({', '.join(f'[{n}]' for n in names)})"
            f" VALUES ({', '.join('?' * len(names))})",
            [tuple(r[n] for n in names) for r in rows],
        )
        rows.clear()

    @staticmethod
    def _update(db: Database, position: int, e: Any) -> None:
        claim_id = str(e.originator_id)
        changes: dict[str, Any] = {}
        if isinstance(e, Claim.EstimateCorrected):
            changes = {name: _cell(name, v) for name, v in e.changes.items() if name in COLUMNS}
            changes["status"] = "corrected"
            changes["notes"] = f"corrected by {e.corrected_by}: {e.reason}"
        elif isinstance(e, Claim.EstimateRetracted):
            changes = {"status": "retracted", "notes": f"retracted by {e.retracted_by}: {e.reason}"}
        elif isinstance(e, Claim.ClaimReviewed):
            note = f": {e.note}" if e.note else ""
            changes = {"status": e.verdict, "notes": f"{e.verdict} by {e.reviewer}{note}"}
        else:
            return
        changes.update(updated_position=position, updated_at=e.timestamp.isoformat())
        assignments = ", ".join(f"[{k}] = ?" for k in changes)
        bump = ", corrections = corrections + 1" if isinstance(e, Claim.EstimateCorrected) else ""
        db.conn.execute(
            f"UPDATE claims SET {assignments}{bump} WHERE claim_id = ?",
            (*changes.values(), claim_id),
        )
        if isinstance(e, Claim.EstimateCorrected):
            row = db.conn.execute(
                "SELECT claimant, statement_date, metric_key, value, low, high FROM claims"
                " WHERE claim_id = ?",
                (claim_id,),
            ).fetchone()
            keys = ("claimant", "statement_date", "metric_key", "value", "low", "high")
            db.conn.execute(
                "UPDATE claims SET statement_key = ? WHERE claim_id = ?",
                (statement_key(dict(zip(keys, row, strict=True))), claim_id),
            )
