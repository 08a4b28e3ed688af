"""Commands that read articles: `ingest` records them, `extract` only shows what it would record."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer

from ledger.cli import render
from ledger.cli.common import (
    ByOpt,
    JsonOpt,
    OutletOpt,
    PublishedOpt,
    TitleOpt,
    UrlOpt,
    app,
    catch_up,
    open_ledger,
)
from ledger.extraction import extract as extract_estimates
from ledger.reading import Document, Overrides, find_inputs, read_bytes, read_path


def overrides(
    url: str | None, published: str | None, outlet: str | None, title: str | None
) -> Overrides:
    return Overrides(url=url, published=published, outlet=outlet, title=title)


def read_inputs(paths: list[str], given: Overrides) -> Iterator[Document]:
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
            # Many articles per transaction (Ledger.ingest_many): each batch all or nothing.
            for i, result in enumerate(ledger.ingest_many(docs, recorded_by=by), 1):
                results.append(result)
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
