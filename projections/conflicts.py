"""`conflicts`: pairs of active claims on one metric whose figures cannot both hold.

Each claim allows a range (timeline's lower_bound/upper_bound: 'more than 1,000' has no
ceiling, 'about 7,000' allows 10% either way). Two ranges that do not meet exclude each other.
The rules, first match wins for a pair:

- `headline`: in one article (or one hand-typed source), a headline figure excludes a lede or
  body figure.
- `falls`: on a cumulative metric (timeline.cumulative), a later point's ceiling is below the
  highest floor dated earlier; the pair is that earlier point and the later one.
- `bounds`: figures that exclude each other for overlapping periods (a claim's period runs
  from its period_start, else its date, to its period_end, else its date; a partial date covers
  its whole month or year). On a cumulative metric only same-day figures are compared this way:
  a running total may rightly grow between two dates.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import groupby
from typing import Any, NamedTuple

from sqlite_utils import Database

from projections.base import Batch, View
from projections.claims import touched_sql
from projections.dates import day_range
from projections.figures import figure


class Point(NamedTuple):  # a tuple: cheap to make by the hundred thousand
    """One timeline point with what the rules need to know about its claim."""

    claim_id: str
    day: float | None
    lower: float | None
    upper: float | None
    cumulative: bool
    source: str | None = None
    """The article (or hand-typed source) it was read in."""
    kind: str = "body"
    period: tuple[int, int] | None = None


def excludes(a: Point, b: Point) -> bool:
    """The two ranges do not meet."""
    return (a.lower is not None and b.upper is not None and a.lower > b.upper) or (
        b.lower is not None and a.upper is not None and b.lower > a.upper
    )


def find(points: list[Point]) -> list[tuple[str, Point, Point]]:
    """(rule, a, b) for every conflicting pair among the points of ONE metric, a before b."""
    found: dict[frozenset[str], tuple[str, Point, Point]] = {}

    def add(rule: str, a: Point, b: Point) -> None:
        found.setdefault(frozenset((a.claim_id, b.claim_id)), (rule, a, b))

    by_source: dict[str, list[Point]] = {}
    for p in points:
        if p.source:
            by_source.setdefault(p.source, []).append(p)
    for same in by_source.values():
        for h in (p for p in same if p.kind == "headline"):
            for b in (p for p in same if p.kind in ("lede", "body")):
                if excludes(h, b):
                    add("headline", h, b)

    dated = sorted((p for p in points if p.day is not None), key=lambda p: p.day or 0)
    if any(p.cumulative for p in points):
        _falls(dated, add)
        for _, same_day in groupby(dated, key=lambda p: p.day):
            _pairs(list(same_day), add)
    else:
        _overlapping(points, add)
    return list(found.values())


def _falls(dated: list[Point], add: Any) -> None:
    """Each point against the highest floor of the points on earlier days (one sweep)."""
    highest: Point | None = None
    floor = float("-inf")
    for _, same_day in groupby(dated, key=lambda p: p.day):
        day_points = list(same_day)
        for b in day_points:
            if highest and b.upper is not None and b.upper < floor:
                add("falls", highest, b)
        for p in day_points:
            if p.lower is not None and p.lower > floor:
                highest, floor = p, p.lower


def _pairs(points: list[Point], add: Any) -> None:
    for i, a in enumerate(points):
        for b in points[i + 1 :]:
            if excludes(a, b):
                add("bounds", a, b)


def _overlapping(points: list[Point], add: Any) -> None:
    """Pairs whose periods overlap, swept in order of start so far-apart periods are skipped."""
    spans = sorted(((p.period, p) for p in points if p.period), key=lambda sp: sp[0])
    for i, ((_, a_end), a) in enumerate(spans):
        for (b_start, _), b in spans[i + 1 :]:
            if b_start > a_end:
                break
            if excludes(a, b):
                add("bounds", a, b)


def period(start: str | None, end: str | None, date: str | None) -> tuple[int, int] | None:
    first, last = day_range(start or date), day_range(end or date)
    return (first[0], last[1]) if first and last else None


EXPLAIN = {
    "headline": "the headline says {a}, the body {b}",
    "falls": "a running total cannot fall: {a} by {date_a}, then {b} by {date_b}",
    "bounds": "{a} and {b} exclude each other for overlapping periods",
}
SIDES = ("claim_id", "date", "figure", "claimant", "outlet", "quote")
COLUMNS: dict[str, Any] = {
    "metric_key": str,
    "rule": str,
    **{f"{column}_{side}": str for side in "ab" for column in SIDES},
    "explanation": str,
}

_SELECT = """
SELECT t.metric_key, t.claim_id, t.day, t.lower_bound, t.upper_bound, t.cumulative,
       COALESCE(c.article_id, c.source_url), c.kind, c.period_start, c.period_end, t.date,
       c.value, c.low, c.high, c.qualifier, c.qualifier_text, c.claimant, c.outlet, c.quote
FROM timeline t JOIN claims c ON c.claim_id = t.claim_id {where}
ORDER BY t.metric_key, t.sequence
"""
_DETAIL = ("date", "value", "low", "high", "qualifier", "qualifier_text", "claimant", "outlet")


def _read(db: Database, where: str) -> Iterator[tuple[str, Point, dict[str, Any]]]:
    for row in db.conn.execute(_SELECT.format(where=where)):
        key, claim_id, day, lower, upper, cumulative, source, kind, start, end = row[:10]
        detail = dict(zip((*_DETAIL, "quote"), row[10:], strict=True))
        when = period(start, end, detail["date"])
        yield key, Point(claim_id, day, lower, upper, bool(cumulative), source, kind, when), detail


def rows(read: Iterable[tuple[str, Point, dict[str, Any]]]) -> Iterator[dict[str, Any]]:
    for key, same in groupby(read, key=lambda r: r[0]):
        points, details = [], {}
        for _, p, detail in same:
            points.append(p)
            details[p.claim_id] = detail
        for rule, a, b in find(points):
            da, db_ = details[a.claim_id], details[b.claim_id]
            row = {"metric_key": key, "rule": rule}
            for side, p, d in (("a", a, da), ("b", b, db_)):
                row |= {f"claim_id_{side}": p.claim_id, f"figure_{side}": figure(d)}
                row |= {f"{c}_{side}": d[c] for c in ("date", "claimant", "outlet", "quote")}
            row["explanation"] = EXPLAIN[rule].format(
                a=row["figure_a"], b=row["figure_b"], date_a=da["date"], date_b=db_["date"]
            )
            yield row


class ConflictsView(View):
    name = "conflicts"
    version = 1
    tables = ("conflicts",)

    def create(self, db: Database) -> None:
        db["conflicts"].create(COLUMNS, pk=("metric_key", "rule", "claim_id_a", "claim_id_b"))
        db["conflicts"].create_index(["claim_id_b"])

    def apply(self, db: Database, batch: Batch) -> None:
        """Nothing per event: conflicts are settled from the timeline of touched metrics."""

    def settle(self, db: Database, *, full: bool) -> None:
        dirty = touched_sql("metric_key")
        db.conn.execute("DELETE FROM conflicts" + ("" if full else f" WHERE {dirty}"))
        found = rows(_read(db, "" if full else f"WHERE t.{dirty}"))
        names = list(COLUMNS)
        db.conn.executemany(
            f"INSERT INTO conflicts ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
            ([row[n] for n in names] for row in found),
        )
