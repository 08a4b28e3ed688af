"""`statements`: one row per underlying statement, however many articles reported it.

Grouping. Active claims with the same metric key and figure are one statement when their
dates fall within WINDOW_DAYS of each other and their claimants are compatible: the same name
key ("Shin Won-sik" = "Shin Won Sik"), or names sharing at least half their words (a garbled
"Shin Won-Korea" is still Shin), or no claimant given. A claim's date is its statement date,
else the publication date of the article it was read in; a partial date ('2024-02') covers its
whole month. A publication date known only from a page banner is weak: the story may be weeks
older, so such a claim joins the latest compatible statement made on or before that date.
Claims with no date at all join the one compatible dated statement when there is exactly one;
otherwise they make undated statements together.

Echo or independent. Each report (an article, or the source of a hand-typed claim) has an
origin; two reports share one when they credit the same news agency ('(AP)', 'told AFP', or an
outlet that is an agency), come from the same outlet, or quote the figure in near-identical
words (SIMILAR of the characters in common). `independence` is then 'single' (one report),
'echo' (several reports, one origin: copies of one wire story), 'independent' (as many origins
as reports) or 'mixed'.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import groupby
from typing import Any, NamedTuple

from sqlite_utils import Database

from projections.base import Batch, View
from projections.claims import ACTIVE_SQL, touched_sql
from projections.dates import day_range
from projections.names import name_key, name_words, wire_of

WINDOW_DAYS = 3
SIMILAR = 0.9


class Report(NamedTuple):  # a tuple: cheap to make by the hundred thousand
    """One active claim as the statements view sees it."""

    claim_id: str
    source: str
    """The article id, else the hand-typed claim's source: one report per source."""
    metric_key: str
    claimant: str | None
    claimant_key: str | None
    figure: float
    qualifier: str
    unit: str
    statement_date: str | None
    published: str | None
    published_weak: bool
    outlet: str | None
    outlet_key: str | None
    wire: str | None
    quote: str
    position: int

    @property
    def date(self) -> str | None:
        return self.statement_date or self.published


def compatible(a: str | None, b: str | None) -> bool:
    """Could these two names be the same claimant? (See the module doc.)"""
    if not a or not b or name_key(a) == name_key(b):
        return True
    wa, wb = name_words(a), name_words(b)
    return bool(wa and wb) and len(wa & wb) / len(wa | wb) >= 0.5


@dataclass
class _Statement:
    start: int
    end: int
    reports: list[Report]

    def accepts(self, r: Report) -> bool:
        return any(compatible(r.claimant, other.claimant) for other in self.reports)


def group(reports: Iterable[Report]) -> list[list[Report]]:
    """Split reports of one metric and figure into statements (see module doc)."""
    reports = list(reports)
    if len(reports) == 1:
        return [reports]
    dated, loose = [], []
    for r in reports:
        span = day_range(r.statement_date) or (None if r.published_weak else day_range(r.published))
        if span:
            dated.append((span, r))
        else:
            loose.append(r)
    dated.sort(key=lambda sr: (sr[0][0], sr[1].position))
    statements: list[_Statement] = []
    for (start, stop), r in dated:
        near = (s for s in reversed(statements) if start <= s.end + WINDOW_DAYS and s.accepts(r))
        if found := next(near, None):
            found.reports.append(r)
            found.end = max(found.end, stop)
        else:
            statements.append(_Statement(start, stop, [r]))
    undated: list[_Statement] = []
    for r in loose:
        bound = day_range(r.published)  # weak: the statement was made on or before it
        fits = [s for s in statements if s.accepts(r) and (not bound or s.start <= bound[1])]
        if fits and (bound or len(fits) == 1):
            fits[-1].reports.append(r)
        elif found := next((s for s in undated if s.accepts(r)), None):
            found.reports.append(r)
        else:
            undated.append(_Statement(0, 0, [r]))
    return [s.reports for s in (*statements, *undated)]


def _words(quote: str) -> str:
    return " ".join(re.sub(r"[^\w,.]+", " ", quote.lower()).split())


def similar(a: str, b: str) -> bool:
    """Near-identical wording: one story copied, perhaps with a word or two changed."""
    if not a.strip() or not b.strip():
        return False
    matcher = SequenceMatcher(None, _words(a), _words(b), autojunk=False)
    return matcher.real_quick_ratio() >= SIMILAR and matcher.ratio() >= SIMILAR


def origins(reports: list[Report]) -> int:
    """How many independent origins the reports have (union of shared agency, outlet, wording)."""
    parent = list(range(len(reports)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(reports):
        for j in range(i):
            b = reports[j]
            if root(i) == root(j):
                continue  # already one origin: skip the costly wording comparison
            same = (
                (a.wire is not None and a.wire == b.wire)
                or (a.outlet_key is not None and a.outlet_key == b.outlet_key)
                or similar(a.quote, b.quote)
            )
            if same:
                parent[root(i)] = root(j)
    return len({root(i) for i in range(len(reports))})


def independence(reports: int, origin_count: int) -> str:
    if reports <= 1:
        return "single"
    if origin_count == 1:
        return "echo"
    return "independent" if origin_count == reports else "mixed"


def _first_seen(r: Report) -> tuple[int, int]:
    span = day_range(r.published or r.statement_date)
    return (span[0] if span else 10**9, r.position)


def statement_row(claims: list[Report]) -> dict[str, Any]:
    """The row for one statement: who, what, when, and everyone who reported it."""
    if len(claims) == 1:  # most statements: the same row as below, without the work
        r = claims[0]
        return {
            "statement_id": r.claim_id,
            "metric_key": r.metric_key,
            "claimant": r.claimant,
            "claimant_key": r.claimant_key,
            "figure": r.figure,
            "qualifier": r.qualifier,
            "unit": r.unit,
            "date": r.statement_date or None,
            "first_seen": r.published or r.statement_date,
            "first_outlet": r.outlet,
            "reports": 1,
            "outlets": r.outlet or None,
            "origins": 1,
            "independence": "single",
            "wires": r.wire or None,
            "claim_ids": f'["{r.claim_id}"]',  # json.dumps of one uuid, for a fifth of the time
            "quote": r.quote,
        }
    claims = sorted(claims, key=_first_seen)
    first = claims[0]
    per_source: dict[str, Report] = {}
    for r in claims:
        per_source.setdefault(r.source, r)
    reports = list(per_source.values())
    # An article whose outlet is unknown but which credits an agency was reported by that agency.
    outlets = list(dict.fromkeys(o for r in reports if (o := r.outlet or r.wire)))
    wires = sorted({r.wire for r in reports if r.wire})
    said = [r.statement_date for r in claims if r.statement_date]
    n_origins = origins(reports)
    return {
        "statement_id": first.claim_id,
        "metric_key": first.metric_key,
        "claimant": first.claimant,
        "claimant_key": first.claimant_key,
        "figure": first.figure,
        "qualifier": first.qualifier,
        "unit": first.unit,
        "date": min(said, key=lambda d: (-len(d), d)) if said else None,
        "first_seen": first.published or first.statement_date,
        "first_outlet": first.outlet,
        "reports": len(reports),
        "outlets": ", ".join(outlets) or None,
        "origins": n_origins,
        "independence": independence(len(reports), n_origins),
        "wires": ", ".join(wires) or None,
        "claim_ids": json.dumps([r.claim_id for r in claims]),
        "quote": first.quote,
    }


COLUMNS: dict[str, Any] = {
    "statement_id": str,
    "metric_key": str,
    "claimant": str,
    "claimant_key": str,
    "figure": float,
    "qualifier": str,
    "unit": str,
    "date": str,
    "first_seen": str,
    "first_outlet": str,
    "reports": int,
    "outlets": str,
    "origins": int,
    "independence": str,
    "wires": str,
    "claim_ids": str,
    "quote": str,
}

_SELECT = f"""
SELECT c.claim_id, COALESCE(c.article_id, c.source_url, c.claim_id), c.metric_key, c.claimant,
       c.claimant_key, COALESCE(c.value, c.low, c.high) AS figure, c.qualifier, c.unit,
       c.statement_date, c.published, COALESCE(a.published_weak, 0), c.outlet, c.outlet_key,
       a.wire, c.quote, c.position
FROM claims c LEFT JOIN articles a ON a.article_id = c.article_id
WHERE c.{ACTIVE_SQL} AND c.metric_key IS NOT NULL {{where}}
ORDER BY c.metric_key, figure
"""


def read_reports(db: Database, where: str = "") -> Iterator[Report]:
    for row in db.conn.execute(_SELECT.format(where=where)):
        *fields, weak, outlet, outlet_key, article_wire, quote, position = row
        wire = wire_of(outlet) or article_wire
        yield Report(*fields, bool(weak), outlet, outlet_key, wire, quote=quote, position=position)


class StatementsView(View):
    name = "statements"
    version = 3  # 3: compatible claimants, weak dates; 2: indexed by reports
    tables = ("statements",)

    def create(self, db: Database) -> None:
        db["statements"].create(COLUMNS, pk="statement_id", not_null={"metric_key", "reports"})
        db["statements"].create_index(["metric_key", "figure"])
        db["statements"].create_index(["first_seen"])
        db["statements"].create_index(["reports", "first_seen"])

    def apply(self, db: Database, batch: Batch) -> None:
        """Nothing per event: statements are settled from the claims a batch touched."""

    def settle(self, db: Database, *, full: bool) -> None:
        dirty = touched_sql("metric_key")
        db.conn.execute("DELETE FROM statements" + ("" if full else f" WHERE {dirty}"))
        reports = read_reports(db, "" if full else f"AND c.{dirty}")
        rows = (
            statement_row(claims)
            for _, same in groupby(reports, key=lambda r: (r.metric_key, r.figure))
            for claims in group(same)
        )
        names = list(COLUMNS)
        db.conn.executemany(
            f"INSERT INTO statements ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
            ([row[n] for n in names] for row in rows),
        )
