"""How the CLI shows things: rich tables on a terminal, JSON for scripts, progress only on a tty."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from enum import StrEnum
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from ledger.application import HistoryEntry, Ingested, Recorded
from ledger.domain import Estimate
from ledger.reading import Document
from projections.events import describe as describe_event
from projections.figures import figure, number

out = Console(highlight=False, soft_wrap=False)
err = Console(stderr=True, highlight=False)


class Format(StrEnum):
    jsonl = "jsonl"
    table = "table"


class Verdict(StrEnum):
    accept = "accept"
    reject = "reject"


def dump(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


@contextmanager
def progress(label: str, *, enabled: bool) -> Iterator[Callable[[int, int], None]]:
    """A progress bar on stderr when it is a terminal and the work is long; silent otherwise."""
    if not (enabled and err.is_terminal):
        yield lambda done, total: None
        return
    bar = Progress(
        TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=err
    )
    task = bar.add_task(label, total=None)
    with bar:
        yield lambda done, total: bar.update(task, completed=done, total=total)


def short(claim_id: str | None) -> str:
    return (claim_id or "")[:8]


UNBROKEN = frozenset({"date", "claim"})
"""Columns that keep their width on a narrow terminal: a date or an id cut in two misleads."""


def table(title: str | None, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    t = Table(title=title, title_justify="left", show_lines=False, header_style="bold")
    for c in columns:
        t.add_column(c, overflow="fold", no_wrap=c in UNBROKEN)
    for r in rows:
        t.add_row(*("" if v is None else str(v) for v in r))
    out.print(t)


def ingested(results: Sequence[Ingested], *, as_json: bool) -> None:
    if as_json:
        dump([asdict(r) for r in results])
        return
    for r in results:
        if r.appended:
            out.print(f"ingested {r.name}: {r.claims} claims (article {short(str(r.article_id))})")
        else:
            out.print(f"already in the ledger, nothing appended: {r.name}")


def extracted(doc: Document, estimates: Sequence[Estimate], fmt: Format) -> None:
    if fmt is Format.jsonl:
        for e in estimates:
            print(json.dumps({"file": doc.name, **e.to_dict()}, ensure_ascii=False))
        return
    table(
        f"{doc.name}: {len(estimates)} claims (published {doc.published or 'unknown'})",
        ["figure", "unit", "claimant", "date", "kind", "quote"],
        [(figure(e), e.unit, e.claimant, e.statement_date, e.kind, e.quote) for e in estimates],
    )


def recorded(what: str, r: Recorded, as_json: bool) -> None:
    if as_json:
        dump({"result": what, **asdict(r)})
    else:
        out.print(
            f"{what}: claim {r.claim_id}" + (f" at position {r.position}" if r.position else "")
        )


def projected(result: Any, path: Path, as_json: bool) -> None:
    if as_json:
        dump({**asdict(result), "database": str(path)})
        return
    verb = "rebuilt from zero with" if result.rebuilt else "applied"
    out.print(f"{verb} {result.applied} events; views at position {result.position} in {path}")


def followed(result: Any, path: Path, as_json: bool) -> None:
    """The last word of `project --follow`, after Ctrl-C or SIGTERM."""
    if as_json:
        print(json.dumps({"stopped": True, **asdict(result), "database": str(path)}))
        return
    out.print(f"stopped following: applied {result.applied} events; views at position"
              f" {result.position} in {path}")  # fmt: skip


def claims(rows: Sequence[dict[str, Any]], as_json: bool) -> None:
    if as_json:
        dump(rows)
        return
    table(
        f"{len(rows)} claims",
        ["claim", "status", "date", "figure", "unit", "claimant", "outlet", "quote"],
        [
            (
                short(r["claim_id"]),
                r["status"],
                r["statement_date"] or r["published"],
                figure(r),
                r["unit"],
                r["claimant"],
                r["reporting_outlet"],
                r["quote"],
            )
            for r in rows
        ],
    )


def timeline(rows: Sequence[dict[str, Any]], as_json: bool) -> None:
    if as_json:
        dump(rows)
        return
    if not rows:
        out.print("no active claims match")
        return
    by_metric: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_metric.setdefault(r["metric_key"], []).append(r)
    for key, points in by_metric.items():
        table(
            key,
            ["date", "dated by", "figure", "change", "claimant", "outlet", "claim"],
            [
                (
                    p["date"],
                    DATED_BY.get(p["date_basis"], p["date_basis"]),
                    figure(p),
                    signed(p["change_from_previous"]),
                    p["claimant"],
                    p["outlet"],
                    short(p["claim_id"]),
                )
                for p in points
            ],
        )


DATED_BY = {"statement": "said", "published": "article", "page banner": "banner"}
"""The timeline's date_basis in a word, for a table on a terminal."""


def signed(x: float | None) -> str:
    return "" if x is None else ("+" if x > 0 else "-" if x < 0 else "±") + number(abs(x))


def describe(entry: HistoryEntry) -> tuple[str, str, str]:
    """(event name, who, what and why) for one event of a claim."""
    return (type(entry.event).__name__, *describe_event(entry.event))


def history(entries: Sequence[HistoryEntry], as_json: bool) -> None:
    rows = []
    for entry in entries:
        name, who, what = describe(entry)
        rows.append(
            {
                "position": entry.position,
                "version": entry.version,
                "event": name,
                "recorded_at": entry.event.timestamp.isoformat(),
                "by": who,
                "what": what,
                "hash": entry.hash,
            }
        )
    if as_json:
        dump(rows)
        return
    claim = entries[0].event.originator_id if entries else ""
    for r in rows:  # a short hash, like git's; --json gives it whole
        r["hash"] = f"{r['hash'][:16]}…" if r["hash"] else None
    table(f"claim {claim}", list(rows[0]) if rows else [], [list(r.values()) for r in rows])


def stats(summary: dict[str, Any], as_json: bool) -> None:
    if as_json:
        dump(summary)
        return
    for key, value in summary.items():
        if isinstance(value, dict):
            out.print(f"{key}:")
            for k, v in value.items():
                out.print(f"  {k}: {v}")
        else:
            out.print(f"{key}: {value}")
