"""`claims`: one row per claim as it stands now, after corrections, retractions and review.

The views derived from claims (timeline, statements, conflicts, ...) recompute only what a batch
touched. Each batch, this view lists in TOUCHED every claim it inserted or changed, with its
metric, claimant and outlet keys both before and after the change, so a correction that moves a
claim to another metric or claimant refreshes the old rows as well as the new.
"""

from __future__ import annotations

from operator import attrgetter, itemgetter
from typing import Any

from sqlite_utils import Database

from ledger.domain import Article, Claim
from projections.base import Batch, View, file_name, to_json
from projections.names import name_key

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
    "claimant_key": str,
    "outlet": str,
    "outlet_key": str,
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
_ESTIMATE = attrgetter(*ESTIMATE_COLUMNS)
_ALT_SPANS = list(ESTIMATE_COLUMNS).index("alt_spans")
_ON_TOPIC = list(ESTIMATE_COLUMNS).index("on_topic")
_INSERT = (
    f"INSERT INTO claims ({', '.join(f'[{n}]' for n in COLUMNS)})"
    f" VALUES ({', '.join('?' * len(COLUMNS))})"
)
ACTIVE = ("reported", "corrected", "accepted")
ACTIVE_SQL = f"status IN ({', '.join(repr(s) for s in ACTIVE)})"
TOUCHED = "temp.touched_claims"
_KEYS = "claim_id, metric_key, claimant_key, outlet_key"
_TOUCHED_KEYS = itemgetter(*(list(COLUMNS).index(k.strip()) for k in _KEYS.split(",")))


def statement_key(row: dict[str, Any]) -> str:
    """Who, when, what and how much: the same statement re-reported elsewhere gets the same key."""
    return _statement_key(
        row["claimant"], row["statement_date"], row["metric_key"], row["value"], row["low"],
        row["high"],
    )  # fmt: skip


def _statement_key(
    claimant: str | None,
    statement_date: str | None,
    metric_key: str | None,
    value: float | None,
    low: float | None,
    high: float | None,
) -> str:
    figure = value if value is not None else low if low is not None else high
    return f"{claimant or '?'}@{statement_date or '?'}|{metric_key}|{figure:g}"


def _cell(name: str, value: Any) -> Any:
    if name == "alt_spans":
        return to_json([list(s) for s in value]) if value else None
    if name == "on_topic":
        return int(bool(value))
    return value


def touched_sql(key: str, column: str | None = None) -> str:
    """SQL condition: this batch touched `key` (metric_key, claimant_key, outlet_key, claim_id).

    `column` names the column holding the key when it is called something else there.
    """
    return f"{column or key} IN (SELECT {key} FROM {TOUCHED})"


class ClaimsView(View):
    name = "claims"
    version = 3  # 3: indexed by position, the order Datasette lists claims in
    tables = ("claims",)

    def __init__(self) -> None:
        self._articles: dict[str, tuple[str | None, str | None, str | None]] = {}

    def create(self, db: Database) -> None:
        db["claims"].create(COLUMNS, pk="claim_id", not_null={"status", "position", "unit"})
        db["claims"].create_index(["metric_key", "statement_date"])
        db["claims"].create_index(["article_id"])
        db["claims"].create_index(["claimant_key"])
        db["claims"].create_index(["outlet_key"])
        db["claims"].create_index(["converts_claim_id"])
        db["claims"].create_index(["position"])

    def apply(self, db: Database, batch: Batch) -> None:
        db.conn.execute(
            f"CREATE TEMP TABLE IF NOT EXISTS touched_claims ({_KEYS.replace(',', ' TEXT,')} TEXT)"
        )
        db.conn.execute(f"DELETE FROM {TOUCHED}")
        inserts: list[tuple[Any, ...]] = []
        for position, e in batch:
            if isinstance(e, Article.ArticleIngested):
                self._remember(str(e.originator_id), e.source, e.published, e.outlet)
            elif isinstance(e, Claim.EstimateReported):
                inserts.append(self._row(db, position, e))
            else:
                self._flush(db, inserts)
                self._update(db, position, e)
        self._flush(db, inserts)

    def _remember(
        self, article_id: str, source: str | None, published: str | None, outlet: str | None
    ) -> None:
        if len(self._articles) > 10_000:  # claims follow their article closely: keep memory flat
            self._articles.clear()
        self._articles[article_id] = (file_name(source), published, outlet)

    def _article(self, db: Database, article_id: str) -> tuple[str | None, str | None, str | None]:
        if article_id not in self._articles:
            row = db.conn.execute(
                "SELECT file, published, outlet FROM articles WHERE article_id = ?", (article_id,)
            ).fetchone()
            self._articles[article_id] = (row[0], row[1], row[2]) if row else (None, None, None)
        return self._articles[article_id]

    def _row(self, db: Database, position: int, e: Claim.EstimateReported) -> tuple[Any, ...]:
        """The claims row of a report, in COLUMNS order, straight from the event's fields (the
        estimate was validated when it was recorded)."""
        estimate = list(_ESTIMATE(e))
        alt_spans = estimate[_ALT_SPANS]
        estimate[_ALT_SPANS] = to_json([list(s) for s in alt_spans]) if alt_spans else None
        estimate[_ON_TOPIC] = int(bool(estimate[_ON_TOPIC]))
        article_id = e.article_id
        if article_id is not None:
            article = str(article_id)
            file, published, article_outlet = self._article(db, article)
        else:
            article, file, published, article_outlet = None, None, e.source_published, None
        outlet = e.reporting_outlet or article_outlet
        claimant = e.claimant
        at = e.timestamp.isoformat()
        converts = e.converts_claim_id
        return (
            str(e.originator_id),
            article,
            file,
            published,
            "reported",
            *estimate,
            _statement_key(claimant, e.statement_date, e.metric_key, e.value, e.low, e.high),
            name_key(claimant),
            outlet,
            name_key(outlet),
            str(converts) if converts else None,
            e.source_url,
            e.extractor,
            position,
            at,
            e.recorded_by,
            0,
            position,
            at,
            None,
        )

    @staticmethod
    def _flush(db: Database, rows: list[tuple[Any, ...]]) -> None:
        if not rows:
            return
        db.conn.executemany(_INSERT, rows)
        db.conn.executemany(
            f"INSERT INTO {TOUCHED} VALUES (?,?,?,?)", [_TOUCHED_KEYS(r) for r in rows]
        )
        rows.clear()

    def _update(self, db: Database, position: int, e: Any) -> None:
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
        remember = f"INSERT INTO {TOUCHED} SELECT {_KEYS} FROM claims WHERE claim_id = ?"
        db.conn.execute(remember, (claim_id,))  # the keys before the change
        assignments = ", ".join(f"[{k}] = ?" for k in changes)
        bump = ", corrections = corrections + 1" if isinstance(e, Claim.EstimateCorrected) else ""
        db.conn.execute(
            f"UPDATE claims SET {assignments}{bump} WHERE claim_id = ?",
            (*changes.values(), claim_id),
        )
        if isinstance(e, Claim.EstimateCorrected):
            self._rederive(db, claim_id)
        db.conn.execute(remember, (claim_id,))  # and after

    def _rederive(self, db: Database, claim_id: str) -> None:
        """Recompute the columns derived from fields a correction may have changed."""
        keys = ("claimant", "statement_date", "metric_key", "value", "low", "high")
        cursor = db.conn.execute(
            f"SELECT {', '.join(keys)}, reporting_outlet, article_id FROM claims"
            " WHERE claim_id = ?",
            (claim_id,),
        )
        *values, reporting_outlet, article_id = cursor.fetchone()
        row = dict(zip(keys, values, strict=True))
        outlet = reporting_outlet or (self._article(db, article_id)[2] if article_id else None)
        db.conn.execute(
            "UPDATE claims SET statement_key = ?, claimant_key = ?, outlet = ?, outlet_key = ?"
            " WHERE claim_id = ?",
            (statement_key(row), name_key(row["claimant"]), outlet, name_key(outlet), claim_id),
        )
