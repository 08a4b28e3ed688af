"""Audit commands: verify the seal chain, sign checkpoints, replay the views, explain a claim."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path
from typing import Annotated, Any

import typer

from ledger.application import Ledger, LedgerError
from ledger.audit import seal
from ledger.audit.checkpoint import (
    KEY_NAME,
    Checkpoint,
    CheckpointError,
    VerifierKey,
    open_note,
    origin_for,
    sign,
    signing_key,
    verifier,
)
from ledger.audit.lineage import Lineage, lineage
from ledger.cli import render
from ledger.cli.common import JsonOpt, UsageError, app, claim_id, open_ledger, settings
from projections import compare
from projections.replay import AsOf, RecordedBefore, UntilPosition, parse_day, parse_moment
from projections.runner import Feed, Runner, RunResult

audit_app = typer.Typer(
    help="Check that the record was not changed after the fact.", no_args_is_help=True
)
app.add_typer(audit_app, name="audit")

OutOpt = Annotated[Path, typer.Option("--out", help="The file to write.")]
ForceOpt = Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")]


def keys() -> Path:
    return settings.home / "keys"


@audit_app.command()
def verify(
    checkpoint: Annotated[
        Path | None,
        typer.Option(help="A checkpoint file: prove the log extends the one it saw."),
    ] = None,
    key: Annotated[
        Path | None,
        typer.Option(help="The checkpoint signer's verifier key file (default: this ledger's)."),
    ] = None,
    projections: Annotated[
        bool,
        typer.Option(
            "--projections", help="Also rebuild the views elsewhere and compare with the live ones."
        ),
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Recompute the seal chain of every event; exit 1 naming the first bad position.

    Example: ledger audit verify --checkpoint ~/checkpoints/ledger-1234.txt --projections
    """
    if key and not checkpoint:
        raise UsageError("--key says who signed a --checkpoint; give the checkpoint too")
    seen = read_checkpoint(checkpoint, key) if checkpoint else None
    with open_ledger() as ledger:
        with ledger.sealed_log() as log:
            result = seal.verify(log, mark=seen.size if seen else None)
        report: dict[str, Any] = {"ok": True, "events": result.events, "head": result.head}
        if seen:
            extends(seen, result)
            report["checkpoint"] = {"origin": seen.origin, "size": seen.size, "root": seen.root}
        if projections:
            report["projections"] = views_follow(ledger)
    if as_json:
        render.dump(report)
        return
    print(f"ok: {result.events} events, chain intact, head {result.head}")
    if seen:
        print(f"ok: extends the checkpoint of {seen.size} events ({seen.origin})")
    if projections:
        print(f"ok: the views at position {report['projections']} match a rebuild")


def read_checkpoint(path: Path, key: Path | None) -> Checkpoint:
    vkey = VerifierKey.parse(read_text(key)) if key else verifier(keys())
    try:
        return open_note(read_text(path), vkey)
    except CheckpointError as e:
        raise CheckpointError(f"{path}: {e}") from None


def read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as e:
        raise CheckpointError(f"{path}: cannot read: {e.strerror or e}") from None
    except UnicodeDecodeError:
        raise CheckpointError(f"{path}: not UTF-8 text") from None


def extends(seen: Checkpoint, now: seal.Verification) -> None:
    """The log now holds the checkpoint's log as its beginning, unchanged."""
    if now.events < seen.size:
        raise seal.ChainError(
            f"the log has {now.events} events, fewer than the {seen.size} the checkpoint saw:"
            " events were removed from its end"
        )
    if seen.origin != origin_for(now.first) or now.head_at_mark != seen.root:
        raise seal.ChainError(
            f"the first {seen.size} events are not those the checkpoint saw: the log was rewritten"
        )


def views_follow(ledger: Ledger) -> int:
    """Rebuild the views up to the live views' position in a scratch file and compare."""
    live = settings.home / "projections.db"
    if not live.exists():
        raise LedgerError(f"{live}: no views yet (run `ledger project`)")
    position = Runner(live).position()
    with tempfile.TemporaryDirectory() as scratch:
        rebuilt = Path(scratch) / "projections.db"
        Runner(rebuilt).rebuild(UntilPosition(ledger, position))
        found = compare.differences(live, rebuilt)
    if found:
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        raise LedgerError(
            f"the views do not follow from the events: {found[0]}{more};"
            " `ledger project --rebuild` rebuilds them"
        )
    return position


@audit_app.command("checkpoint")
def make_checkpoint(
    out: Annotated[
        Path | None, typer.Option("--out", help="Write it to this file (default: print it).")
    ] = None,
    force: ForceOpt = False,
) -> None:
    """Sign a checkpoint of the log as it is now: origin, size and root hash (Ed25519).

    Keep it somewhere the ledger's disk is not; `ledger audit verify --checkpoint FILE` later
    proves the log still begins with exactly these events.

    Example: ledger audit checkpoint --out ~/checkpoints/ledger-$(date +%F).txt
    """
    refuse_existing(out, force)
    with open_ledger() as ledger, ledger.sealed_log() as log:
        result = seal.verify(log)  # never sign a broken log
    if not result.events:
        raise LedgerError("the ledger is empty: nothing to checkpoint")
    note = sign(
        Checkpoint(origin_for(result.first), result.events, result.head), signing_key(keys())
    )
    if out is None:
        print(note, end="")
        return
    out.write_text(note, encoding="utf-8")
    print(f"checkpoint of {result.events} events written to {out}")


@audit_app.command()
def key() -> None:
    """Print this ledger's verifier key (created on first use) for others to check checkpoints.

    Example: ledger audit key > ledger.vkey
    """
    print(VerifierKey.of(KEY_NAME, signing_key(keys()).public_key()))


def refuse_existing(out: Path | None, force: bool) -> None:
    if out is not None and out.exists() and not force:
        raise UsageError(f"{out} exists; give --force to replace it")


@app.command()
def why(
    claim: Annotated[str, typer.Argument(help="Claim id (or a unique prefix).")],
    as_json: JsonOpt = False,
) -> None:
    """Where a figure comes from: the quote in its sentence, the article, outlet and dates.

    Example: ledger why 3f2a9c
    """
    cid = claim_id(claim)
    with open_ledger() as ledger:
        found = lineage(ledger, cid)
    if as_json:
        render.dump(found.to_dict())
    else:
        show_lineage(found)


def show_lineage(found: Lineage) -> None:
    e, r, a = found.estimate, found.reported, found.article
    lines = [
        f"claim {found.claim_id} ({found.status})",
        f"figure: {render.figure(e)} {e.unit}" + (f" [{e.metric_key}]" if e.metric_key else ""),
        "claimant: "
        + (e.claimant or "unknown")
        + (f", {e.claimant_role}" if e.claimant_role else "")
        + (f" (via {e.via})" if e.via else ""),
        f"said: {e.statement_date or 'undated'}"
        + (f" ({e.date_basis})" if e.date_basis else " (basis not recorded)"),
        f"quote: {found.context or e.quote}",
    ]
    if a is not None:
        lines += [
            f"article: {a.title or '(no title)'}",
            f"  file: {a.source or '-'}  url: {a.url or '-'}  sha256: {a.sha256}",
            f"  outlet: {e.reporting_outlet or a.outlet or 'unknown'}",
            f"  published: {a.published or 'unknown'}"
            + (f" ({a.published_evidence})" if a.published_evidence else ""),
        ]
    else:
        lines += [
            f"source: {r.source_url or '-'} (typed in by hand)",
            f"  outlet: {e.reporting_outlet or 'unknown'}",
            f"  published: {r.source_published or 'unknown'}",
        ]
    first = found.history[0]
    lines.append(
        f"recorded by {r.recorded_by} at {r.timestamp.isoformat()} with {r.extractor}"
        f" (position {first.position}, seal {first.hash})"
    )
    lines += [
        f"then: {name} by {who}: {what}"
        for name, who, what in map(render.describe, found.history[1:])
    ]
    for line in lines:
        print(line)


def replay(
    out: Path,
    *,
    force: bool,
    as_of: str | None,
    recorded_before: str | None,
    until_position: int | None,
    ledger: Ledger,
) -> RunResult:
    """Build the views of part of the log into OUT, a new projections database."""
    live = settings.home / "projections.db"
    if out.resolve() == live.resolve():
        raise UsageError(f"{out} holds the live views; replay into another file")
    refuse_existing(out, force)
    feed: Feed = ledger
    filters: dict[str, str] = {}
    try:
        if until_position is not None:
            feed = UntilPosition(feed, until_position)
            filters["until_position"] = str(until_position)
        if recorded_before is not None:
            feed = RecordedBefore(feed, parse_moment(recorded_before))
            filters["recorded_before"] = parse_moment(recorded_before).isoformat()
        if as_of is not None:
            feed = AsOf(feed, parse_day(as_of))
            filters["as_of"] = as_of
    except ValueError as e:
        raise UsageError(str(e)) from None
    tmp = out.with_name(f".{out.name}.tmp")
    for stale in (tmp, *(tmp.with_name(tmp.name + s) for s in ("-wal", "-shm"))):
        stale.unlink(missing_ok=True)
    result = Runner(tmp).rebuild(feed)
    with sqlite3.connect(tmp) as conn:
        conn.execute("CREATE TABLE _ledger_replay (filter TEXT PRIMARY KEY, value TEXT)")
        conn.executemany("INSERT INTO _ledger_replay VALUES (?, ?)", filters.items())
    conn.close()
    for stale in (out.with_name(out.name + s) for s in ("-wal", "-shm")):
        stale.unlink(missing_ok=True)
    os.replace(tmp, out)
    return result
