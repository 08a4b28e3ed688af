"""The `ledger` command: the only place that knows about terminals, flags and exit codes.

Each command is a thin wrapper: read input, call the application (write side) or the projection
runner and queries (read side), format what comes back.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any
from uuid import UUID

import typer
from eventsourcing.persistence import PersistenceError
from pydantic import TypeAdapter, ValidationError

from ledger import render
from ledger.application import Ledger, LedgerError
from ledger.domain import Estimate
from ledger.extraction import extract as extract_estimates
from ledger.reading import Overrides, ReadError, find_inputs, read_bytes, read_path
from ledger.store import StoreConfigError, ledger_home
from projections import queries
from projections.runner import Runner, RunResult

app = typer.Typer(
    name="ledger",
    help="An event-sourced ledger of who said what figure, when, and where it was reported.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    add_completion=False,
)
append_app = typer.Typer(help="Append events typed in by hand.", no_args_is_help=True)
app.add_typer(append_app, name="append")

HOME: Path = ledger_home()

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
ByOpt = Annotated[
    str | None, typer.Option("--by", help="Who records this (default: your user name).")
]
UrlOpt = Annotated[str | None, typer.Option(help="The article's address (overrides the text).")]
PublishedOpt = Annotated[
    str | None, typer.Option(help="Publication date YYYY-MM-DD (overrides the text).")
]
OutletOpt = Annotated[str | None, typer.Option(help="The outlet that published it.")]
TitleOpt = Annotated[str | None, typer.Option(help="The article's title.")]


class UsageError(Exception):
    """Wrong arguments found after parsing: exit status 2, like a parser error."""


@app.callback()
def _main(
    home: Annotated[
        Path | None,
        typer.Option(
            help="Ledger folder (default $LEDGER_HOME or ./ledger-data).", show_default=False
        ),
    ] = None,
) -> None:
    global HOME
    HOME = home or ledger_home()


def open_ledger() -> Ledger:
    return Ledger(HOME)


def runner() -> Runner:
    return Runner(HOME / "projections.db")


def catch_up(ledger: Ledger, *, rebuild: bool = False) -> RunResult:
    """Bring the views up to date before answering: what a user reads includes what they wrote."""
    r = runner()
    pending = ledger.max_position() - (0 if rebuild else r.position())
    with render.progress("projecting events", enabled=pending > 5 * 2000) as tick:
        return r.rebuild(ledger, tick) if rebuild else r.catch_up(ledger, tick)


@contextmanager
def views() -> Iterator[Any]:
    with open_ledger() as ledger:
        catch_up(ledger)
    db = queries.open_views(HOME / "projections.db")
    try:
        yield db
    finally:
        db.close()


def resolve(db: Any, claim: str) -> UUID:
    try:
        return UUID(claim)
    except ValueError:
        pass
    if len(claim) < 4:
        raise UsageError(f"claim id {claim!r} is too short; give at least 4 characters")
    found = queries.resolve_claim(db, claim)
    if not found:
        raise LedgerError(f"no claim whose id starts with {claim!r}")
    if len(found) > 1:
        raise UsageError(f"claim id {claim!r} is ambiguous; give more characters")
    return UUID(found[0])


def claim_id(claim: str) -> UUID:
    with views() as db:
        return resolve(db, claim)


def overrides(url: str | None, published: str | None, outlet: str | None, title: str | None):
    return Overrides(url=url, published=published, outlet=outlet, title=title)


def read_inputs(paths: list[str], given: Overrides) -> Iterator[Any]:
    """Documents from files, folders and `-` (standard input), in the order given."""
    for p in paths:
        if p == "-":
            yield read_bytes(sys.stdin.buffer.read(), source="-", overrides=given)
            continue
        for path in find_inputs([Path(p)]):
            yield read_path(path, given)


def count_inputs(paths: list[str]) -> int:
    return sum(1 if p == "-" else len(find_inputs([Path(p)])) for p in paths)


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, or - for standard input.")],
    url: UrlOpt = None,
    published: PublishedOpt = None,
    outlet: OutletOpt = None,
    title: TitleOpt = None,
    by: ByOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Record articles and the claims extracted from them; the same text twice is kept once.

    Example: ledger ingest seeds/
    """
    given = overrides(url, published, outlet, title)
    total = count_inputs(paths)
    # Read everything first: a bad file stops the run before anything is appended.
    docs = list(read_inputs(paths, given))
    results = []
    with open_ledger() as ledger:
        with render.progress("ingesting", enabled=total > 1) as tick:
            for i, doc in enumerate(docs, 1):
                results.append(ledger.ingest(doc, recorded_by=by))
                tick(i, total)
        catch_up(ledger)
    render.ingested(results, as_json=as_json)


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, or - for standard input.")],
    fmt: Annotated[
        render.Format, typer.Option("--format", help="jsonl (one claim a line) or table.")
    ] = render.Format.table,
    url: UrlOpt = None,
    published: PublishedOpt = None,
    outlet: OutletOpt = None,
    title: TitleOpt = None,
) -> None:
    """Print the claims found in articles without recording anything.

    Example: ledger extract seeds/000_4730b930b8d882d5.txt --format jsonl
    """
    for doc in read_inputs(paths, overrides(url, published, outlet, title)):
        render.extracted(doc, extract_estimates(doc), fmt)


@append_app.command("estimate")
def append_estimate(
    quote: Annotated[str, typer.Option(help="The sentence the figure is quoted from.")],
    source: Annotated[str, typer.Option(help="Where it was read: a URL or a reference.")],
    unit: Annotated[str, typer.Option(help="The counted thing, e.g. containers.")],
    value: Annotated[float | None, typer.Option(help="The stated figure.")] = None,
    low: Annotated[float | None, typer.Option(help="Lower bound.")] = None,
    high: Annotated[float | None, typer.Option(help="Upper bound.")] = None,
    qualifier: Annotated[str, typer.Option(help="none, about, more than, at least, ...")] = "none",
    metric_key: Annotated[str | None, typer.Option(help="Groups claims on a timeline.")] = None,
    metric: Annotated[str | None, typer.Option(help="What the figure measures.")] = None,
    item: Annotated[str | None, typer.Option(help="The fuller noun phrase.")] = None,
    direction: Annotated[str | None, typer.Option(help="e.g. 'North Korea -> Russia'.")] = None,
    claimant: Annotated[str | None, typer.Option(help="Who made the claim.")] = None,
    via: Annotated[str | None, typer.Option(help="Who relayed it.")] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet that reported it.")] = None,
    date: Annotated[str | None, typer.Option(help="When the claim was made (ISO).")] = None,
    published: PublishedOpt = None,
    by: ByOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Record a claim typed in by hand, with its source and quote.

    Example: ledger append estimate --quote "North Korea has sent over 13,000 containers" \\
      --source https://example.org/a --unit containers --value 13000 --qualifier "more than" \\
      --low 13000 --metric-key "containers: North Korea -> Russia" --claimant DIA --date 2024-08-27
    """
    fields = dict(
        quote=quote, unit=unit, value=value, low=low, high=high, qualifier=qualifier,
        metric_key=metric_key, metric=metric, item=item, direction=direction, claimant=claimant,
        via=via, reporting_outlet=outlet, statement_date=date,
    )  # fmt: skip
    estimate = validate_estimate(fields)
    with open_ledger() as ledger:
        recorded = ledger.append_estimate(
            estimate, source_url=source, source_published=published, recorded_by=by
        )
        catch_up(ledger)
    render.recorded("appended" if recorded.appended else "already recorded", recorded, as_json)


def validate_estimate(fields: dict[str, Any]) -> Estimate:
    try:
        return TypeAdapter(Estimate).validate_python(fields)
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "claim"
        raise UsageError(f"{where}: {first['msg']}") from None


def parse_changes(current: Estimate, pairs: list[str]) -> dict[str, Any]:
    """FIELD=VALUE pairs, typed like the claim's fields (an empty value clears a field)."""
    raw: dict[str, Any] = {}
    for pair in pairs:
        name, sep, text = pair.partition("=")
        name = name.strip().replace("-", "_")
        if not sep or name not in Estimate.field_names():
            known = ", ".join(Estimate.field_names())
            raise UsageError(f"{pair!r}: expected FIELD=VALUE with FIELD one of {known}")
        raw[name] = None if text.strip() in ("", "null") else text
    merged = validate_estimate({**current.to_dict(), **raw})
    return {name: getattr(merged, name) for name in raw}


@app.command()
def correct(
    claim: Annotated[str, typer.Argument(help="Claim id (or a unique prefix).")],
    changes: Annotated[list[str], typer.Argument(help="FIELD=VALUE pairs, e.g. value=7000.")],
    reason: Annotated[str, typer.Option(help="Why the claim is corrected.")],
    by: ByOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Record a correction of some fields of a claim (the original stays in the log).

    Example: ledger correct 3f2a9c value=6700 qualifier=about --reason "misread the figure"
    """
    cid = claim_id(claim)
    with open_ledger() as ledger:
        fields = parse_changes(ledger.get_claim(cid).estimate, changes)
        recorded = ledger.correct(cid, fields, reason=reason, by=by)
        catch_up(ledger)
    render.recorded("corrected", recorded, as_json)


@app.command()
def retract(
    claim: Annotated[str, typer.Argument(help="Claim id (or a unique prefix).")],
    reason: Annotated[str, typer.Option(help="Why the claim no longer stands.")],
    by: ByOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Record that a claim is withdrawn; it leaves the timeline but stays in the log.

    Example: ledger retract 3f2a9c --reason "the outlet withdrew the story"
    """
    cid = claim_id(claim)
    with open_ledger() as ledger:
        recorded = ledger.retract(cid, reason=reason, by=by)
        catch_up(ledger)
    render.recorded("retracted", recorded, as_json)


@app.command()
def review(
    claim: Annotated[str, typer.Argument(help="Claim id (or a unique prefix).")],
    verdict: Annotated[render.Verdict, typer.Argument(help="accept or reject.")],
    note: Annotated[str | None, typer.Option(help="What the reviewer checked.")] = None,
    by: ByOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Record a human review of a claim: accepted, or rejected (leaves the timeline).

    Example: ledger review 3f2a9c accept --note "matches the ministry's transcript"
    """
    cid = claim_id(claim)
    outcome = "accepted" if verdict is render.Verdict.accept else "rejected"
    with open_ledger() as ledger:
        recorded = ledger.review(cid, outcome, note=note, by=by)
        catch_up(ledger)
    render.recorded(outcome, recorded, as_json)


@app.command()
def project(
    rebuild: Annotated[
        bool, typer.Option(help="Drop the views and rebuild them from zero.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Bring the views in projections.db up to date with the event log.

    Example: ledger project --rebuild
    """
    with open_ledger() as ledger:
        result = catch_up(ledger, rebuild=rebuild)
    render.projected(result, HOME / "projections.db", as_json)


@app.command("claims")
def list_claims(
    metric: Annotated[
        str | None, typer.Option(help="Only claims whose metric contains this.")
    ] = None,
    status: Annotated[str | None, typer.Option(help="reported, corrected, accepted, ...")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many rows.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """List claims with their current status.

    Example: ledger claims --metric containers
    """
    with views() as db:
        rows = queries.claims(db, metric=metric, status=status, limit=limit)
    render.claims(rows, as_json)


@app.command()
def timeline(
    metric: Annotated[
        str | None, typer.Argument(help="Part of a metric key, e.g. containers.")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Show how figures grew: the active claims of each metric in date order.

    Example: ledger timeline containers
    """
    with views() as db:
        rows = queries.timeline(db, metric)
    render.timeline(rows, as_json)


@app.command()
def history(
    claim: Annotated[str, typer.Argument(help="Claim id (or a unique prefix).")],
    as_json: JsonOpt = False,
) -> None:
    """Every event of one claim, in order: what happened, when, who did it and why.

    Example: ledger history 3f2a9c
    """
    cid = claim_id(claim)
    with open_ledger() as ledger:
        entries = ledger.history(cid)
    render.history(entries, as_json)


@app.command()
def stats(as_json: JsonOpt = False) -> None:
    """Counts of events, articles and claims, and the position of the last event.

    Example: ledger stats --json
    """
    with open_ledger() as ledger:
        result = catch_up(ledger)
        by_type = ledger.event_counts()
    with views() as db:
        counts = queries.counts(db)
    summary = {
        "events": sum(by_type.values()),
        **counts,
        "position": result.position,
        "events_by_type": dict(sorted(by_type.items())),
        "home": str(HOME),
    }
    render.stats(summary, as_json)


def main() -> None:
    """Entry point: every failure the user can cause is one line on stderr and a non-zero exit."""
    try:
        app()
    except UsageError as e:
        fail(str(e), 2)
    except (LedgerError, ReadError, StoreConfigError, FileNotFoundError) as e:
        fail(str(e), 1)
    except (sqlite3.Error, PersistenceError) as e:
        fail(f"store error: {e}", 1)
    except KeyboardInterrupt:
        fail("interrupted", 130)
    except Exception as e:
        if os.environ.get("LEDGER_DEBUG"):
            raise
        fail(f"unexpected {type(e).__name__}: {e} (LEDGER_DEBUG=1 shows the traceback)", 1)


def fail(message: str, status: int) -> None:
    print(f"error: {' '.join(message.split())}", file=sys.stderr)
    raise SystemExit(status)


if __name__ == "__main__":
    main()
