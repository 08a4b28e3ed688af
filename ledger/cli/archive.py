"""Archive commands: export the whole log with its seals, import it into an empty ledger."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from ledger.application import LedgerError
from ledger.audit import archive
from ledger.cli import render
from ledger.cli.common import JsonOpt, UsageError, app, catch_up, open_ledger


@app.command()
def export(
    out: Annotated[Path, typer.Option("--out", help="The archive file to write (JSON lines).")],
    force: Annotated[bool, typer.Option(help="Replace the file if it exists.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Write every event as stored, with its seal, as canonical JSON lines (docs/archive-format.md).

    The chain is checked as it is written: a ledger that fails `audit verify` is not exported.

    Example: ledger export --out ledger-2024-04-01.jsonl
    """
    if out.exists() and not force:
        raise UsageError(f"{out} exists; give --force to replace it")
    tmp = out.with_name(f".{out.name}.tmp")
    try:
        with (
            open_ledger() as ledger,
            ledger.sealed_log() as log,
            tmp.open("w", encoding="utf-8") as f,
        ):
            summary = archive.export(log, f)
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    if as_json:
        render.dump({"events": summary.events, "head": summary.head, "file": str(out)})
    else:
        print(f"exported {summary.events} events to {out}; head {summary.head}")


@app.command("import")
def import_(
    path: Annotated[Path, typer.Argument(help="An archive written by `ledger export`.")],
    as_json: JsonOpt = False,
) -> None:
    """Load an archive into an EMPTY ledger: the same events, the same seals, the same views.

    The whole file is checked first; a broken chain, a bad line or a cut-short file changes
    nothing.

    Example: ledger --home restored import ledger-2024-04-01.jsonl
    """
    with open_ledger() as ledger:
        if ledger.max_position():
            raise LedgerError("the ledger is not empty: import into an empty LEDGER_HOME")
        summary = archive.check(path)
        ledger.import_stored(archive.batches(path), summary.head)
        result = catch_up(ledger)
    if as_json:
        render.dump({"events": summary.events, "head": summary.head, "position": result.position})
    else:
        print(f"imported {summary.events} events; head {summary.head}")
