"""`ledger serve`: browse and query the views in Datasette, read-only."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Annotated

import typer

from ledger.cli import render
from ledger.cli.common import app, catch_up, open_ledger, settings


@app.command()
def serve(
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8001,
    host: Annotated[
        str, typer.Option(help="Address to bind; 0.0.0.0 serves the whole network.")
    ] = "127.0.0.1",
    db: Annotated[
        Path | None,
        typer.Option(help="A projections file to serve (default: this ledger's, caught up first)."),
    ] = None,
) -> None:
    """Serve the views with Datasette, under the name `projections`, until interrupted.

    Anonymous users can read and run read-only SQL; the write API is refused. The file is read
    live: what `ledger ingest` adds meanwhile shows on the next page load.

    Example: ledger serve --port 8001
    """
    # Imported here, as is uvicorn: Datasette is half the start-up time of every other command.
    from projections.datasette import DATABASE, make_datasette

    if db is None:
        with open_ledger() as ledger:
            catch_up(ledger)
        db = settings.home / "projections.db"
    elif not db.is_file():
        raise FileNotFoundError(f"{db}: no such projections file")
    ds = make_datasette(db)
    url = f"http://{host}:{port}"
    render.out.print(f"serving {db} at {url}/{DATABASE} (growth charts: {url}/-/growth)")
    render.out.print("press Ctrl-C to stop")
    asyncio.run(_serve(ds, host, port))


async def _serve(ds, host: str, port: int) -> None:
    """Start up Datasette and the server on one event loop, as `datasette serve` does."""
    import uvicorn

    await ds.invoke_startup()
    config = uvicorn.Config(ds.app(), host=host, port=port, log_level="warning", lifespan="on")
    await uvicorn.Server(config).serve()
