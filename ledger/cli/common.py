"""What every command shares: the Typer app, common options, and the way to the ledger and views."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any
from uuid import UUID

import typer

from ledger.application import Ledger, LedgerError
from ledger.cli import render
from ledger.store import ledger_home
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


class Settings:
    """Set once per invocation by the top-level --home option."""

    home: Path = ledger_home()


settings = Settings()

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
    settings.home = home or ledger_home()


def open_ledger() -> Ledger:
    return Ledger(settings.home)


def runner() -> Runner:
    return Runner(settings.home / "projections.db")


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
    db = queries.open_views(settings.home / "projections.db")
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
