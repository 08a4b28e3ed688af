"""Commands that read the record: the views, a claim's history, and counts."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ledger.cli import audit, render
from ledger.cli import follow as following
from ledger.cli.common import (
    JsonOpt,
    UsageError,
    app,
    catch_up,
    claim_id,
    open_ledger,
    settings,
    views,
)
from projections import queries


@app.command()
def project(
    rebuild: Annotated[
        bool, typer.Option(help="Drop the views and rebuild them from zero.")
    ] = False,
    as_of: Annotated[
        str | None, typer.Option(help="Only claims dated on or before this day (YYYY-MM-DD).")
    ] = None,
    recorded_before: Annotated[
        str | None, typer.Option(help="Only events recorded before this ISO time (UTC if bare).")
    ] = None,
    until_position: Annotated[
        int | None, typer.Option(help="Only events up to this position.", min=0)
    ] = None,
    out: Annotated[
        Path | None, typer.Option(help="Build the views into this new file, not projections.db.")
    ] = None,
    force: Annotated[bool, typer.Option(help="Replace the --out file if it exists.")] = False,
    follow: Annotated[
        bool,
        typer.Option(
            "--follow",
            help="Keep the views up to date as events are stored, reporting the lag (a status"
            " line on a terminal, JSON lines with --json), until Ctrl-C or SIGTERM.",
        ),
    ] = False,
    interval: Annotated[
        float,
        typer.Option(
            help="With --follow: seconds between looks for new events (PostgreSQL also wakes"
            " at once on each insert).",
            min=0.05,
        ),
    ] = 0.5,
    as_json: JsonOpt = False,
) -> None:
    """Bring the views in projections.db up to date, or replay them into another file.

    Example: ledger project --as-of 2024-04-01 --out april.db

    Example: ledger project --follow --json
    """
    replaying = (as_of, recorded_before, until_position) != (None, None, None)
    if replaying and out is None:
        raise UsageError("--as-of, --recorded-before and --until-position need --out FILE")
    if follow and out is not None:
        raise UsageError("--follow keeps projections.db up to date; it takes no --out")
    with open_ledger() as ledger:
        if follow:
            if rebuild:
                catch_up(ledger, rebuild=True)
            result = following.follow(ledger, interval=interval, as_json=as_json)
            render.followed(result, settings.home / "projections.db", as_json)
            return
        if out is None:
            result = catch_up(ledger, rebuild=rebuild)
        else:
            result = audit.replay(
                out,
                force=force,
                as_of=as_of,
                recorded_before=recorded_before,
                until_position=until_position,
                ledger=ledger,
            )
    render.projected(result, out or settings.home / "projections.db", as_json)


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
        "home": str(settings.home),
    }
    render.stats(summary, as_json)
