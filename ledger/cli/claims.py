"""Commands that append events about one claim: typed in by hand, corrected, retracted, reviewed."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from pydantic import TypeAdapter, ValidationError

from ledger.cli import render
from ledger.cli.common import (
    ByOpt,
    JsonOpt,
    PublishedOpt,
    UsageError,
    app,
    append_app,
    catch_up,
    claim_id,
    open_ledger,
)
from ledger.domain import Estimate


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
    period_start: Annotated[
        str | None, typer.Option(help="Start of the period the figure covers ('since July').")
    ] = None,
    period_end: Annotated[str | None, typer.Option(help="End of that period.")] = None,
    kind: Annotated[str, typer.Option(help="headline, lede, body, recall, conversion...")] = "body",
    converts: Annotated[
        str | None, typer.Option(help="Claim (id or prefix) this figure converts to another unit.")
    ] = None,
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
        via=via, reporting_outlet=outlet, statement_date=date, period_start=period_start,
        period_end=period_end, kind=kind,
    )  # fmt: skip
    estimate = validate_estimate(fields)
    base = claim_id(converts) if converts else None
    with open_ledger() as ledger:
        recorded = ledger.append_estimate(
            estimate,
            source_url=source,
            source_published=published,
            recorded_by=by,
            converts_claim_id=base,
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
