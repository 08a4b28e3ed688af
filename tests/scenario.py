"""A story told by hand-typed claims: how the containers figure grew, with every twist the views
must handle. Shared by the view tests, which build it through the application and read the views.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any
from uuid import UUID

from ledger.application import Ledger
from ledger.domain import Estimate
from projections.runner import Runner

KEY = "containers: North Korea -> Russia"


def say(
    app: Ledger,
    quote: str,
    *,
    source: str = "https://example.org/a",
    published: str | None = None,
    converts: str | None = None,
    **fields: Any,
) -> str:
    """Record a hand-typed claim (unit containers, metric KEY unless given); returns its id."""
    fields = {"unit": "containers", "metric_key": KEY, **fields}
    recorded = app.append_estimate(
        Estimate(quote=quote, **fields),
        source_url=source,
        source_published=published,
        recorded_by="test",
        converts_claim_id=UUID(converts) if converts else None,
    )
    return str(recorded.claim_id)


def project(home: Path, app: Ledger) -> Path:
    """Catch the views up, as every CLI command does; returns the projections file."""
    Runner(home / "projections.db").catch_up(app)
    return home / "projections.db"


def story(app: Ledger, step: Callable[[], Any] = lambda: None) -> dict[str, str]:
    """How the containers figure grew, typed in by hand: several outlets of one statement, a
    different spelling of a claimant, conversions, a figure that falls, a headline that
    contradicts its body, then corrections, a retraction and reviews. `step` runs after each
    command (e.g. to catch the views up), so a test can see every intermediate state.
    """
    ids: dict[str, str] = {}

    def claim(name: str, quote: str, **fields: Any) -> None:
        ids[name] = say(app, quote, **fields)
        step()

    claim(
        "kirby",
        "North Korea had delivered more than 1,000 containers of military equipment",
        value=1000,
        low=1000,
        qualifier="more than",
        claimant="John Kirby",
        reporting_outlet="AFP",
        statement_date="2023-10-13",
        source="https://example.org/afp-1",
    )
    claim(
        "feb",
        "Pyongyang had sent Russia about 6,700 containers",
        value=6700,
        qualifier="about",
        claimant="Shin Won-sik",
        reporting_outlet="Yonhap",
        statement_date="2024-02",
        period_start="2023-07",
        source="https://example.org/yonhap",
    )
    claim(
        "feb_shells",
        "which could translate to around 3 million 152mm artillery shells",
        value=3_000_000,
        qualifier="about",
        unit="152mm artillery shells",
        kind="conversion",
        metric_key="152mm shells: North Korea -> Russia",
        claimant="Shin Won-sik",
        statement_date="2024-02",
        source="https://example.org/yonhap",
        converts=ids["feb"],
    )
    claim(
        "afp",
        "North Korea has shipped some 7,000 containers of weapons to Russia since July,"
        " South Korea's defense minister said Monday.",
        value=7000,
        qualifier="about",
        metric="cumulative containers of weapons shipped from North Korea to Russia",
        item="containers of weapons",
        claimant="Shin Won-sik",
        reporting_outlet="AFP",
        statement_date="2024-03-18",
        source="https://example.org/afp-2",
        published="2024-03-18",
    )
    claim(
        "ap",
        "North Korea has shipped around 7,000 containers filled with munitions to Russia"
        " since last year, South Korea's defense minister said Monday.",
        value=7000,
        qualifier="about",
        metric="containers of munitions sent to Russia",
        claimant="Shin Won Sik",
        reporting_outlet="AP",
        statement_date="2024-03-18",
        source="https://example.org/ap",
    )
    claim(
        "sky",
        "South Korea has claimed that North Korea has sent approximately 7,000"
        " containers to Russia since last year, Sky News reports.",
        value=7000,
        qualifier="about",
        claimant="Mr. Shin Won-sik",
        reporting_outlet="Sky News",
        published="2024-03-19",
        source="https://example.org/sky",
    )
    claim(
        "echo",
        "North Korea has shipped some 7,000 containers of weapons to Russia since July,"
        " South Korea's defense minister said Monday.",
        value=7000,
        qualifier="about",
        claimant="Shin Won-sik",
        reporting_outlet="Daily Echo",
        published="2024-03-19",
        source="https://example.org/echo",
    )
    claim(
        "june",
        "no fewer than 10,000 containers have sailed from North Korea to Russia",
        value=10000,
        low=10000,
        qualifier="at least",
        claimant="Shin Won-sik",
        statement_date="2024-06-14",
        source="https://example.org/june",
    )
    claim(
        "june_shells",
        "capable of carrying 4.8 million shells",
        value=4_800_000,
        high=4_800_000,
        qualifier="up to",
        unit="artillery shells",
        kind="conversion",
        metric_key="shells: North Korea -> Russia",
        statement_date="2024-06-14",
        source="https://example.org/june",
        converts=ids["june"],
    )
    claim(
        "dia",
        "North Korea has sent over 13,000 containers to Russia",
        value=13000,
        low=13000,
        qualifier="more than",
        claimant="Defense Intelligence Agency",
        reporting_outlet="Yonhap News TV",
        statement_date="2024-08-27",
        source="https://example.org/yonhap-tv",
    )
    claim(
        "dia_shells",
        "which could hold about 6 million 152mm artillery shells",
        value=6_000_000,
        qualifier="about",
        unit="152mm artillery shells",
        kind="conversion",
        metric_key="152mm shells: North Korea -> Russia",
        statement_date="2024-08-27",
        claimant="Defense Intelligence Agency",
        source="https://example.org/yonhap-tv",
        converts=ids["dia"],
    )
    claim(
        "falls",
        "only about 5,000 containers have crossed the border",
        value=5000,
        qualifier="about",
        claimant="Someone",
        statement_date="2024-09-02",
        reporting_outlet="Daily Echo",
        source="https://example.org/falls",
    )
    claim(
        "headline",
        "North Korea sent 20,000 containers",
        value=20000,
        kind="headline",
        statement_date="2024-09-10",
        source="https://example.org/headline",
    )
    claim(
        "body",
        "some 15,000 containers, officials said",
        value=15000,
        qualifier="about",
        statement_date="2024-09-10",
        source="https://example.org/headline",
    )
    claim(
        "typo",
        "a typo of 70,000 containers",
        value=70000,
        claimant="Shin Won-sik",
        statement_date="2024-03-18",
        source="https://example.org/typo",
    )

    app.correct(
        UUID(ids["typo"]),
        {"value": 7000.0, "metric_key": "containers: typo"},
        reason="misread",
        by="ed",
    )
    step()
    app.correct(
        UUID(ids["typo"]),
        {"metric_key": KEY, "claimant": "Defense Ministry"},
        reason="right metric, right claimant",
        by="ed",
    )
    step()
    app.retract(UUID(ids["typo"]), reason="duplicate of the AFP report", by="ed")
    step()
    app.review(UUID(ids["afp"]), "accepted", note="matches the transcript", by="rev")
    step()
    app.review(UUID(ids["kirby"]), "rejected", by="rev")
    step()
    app.review(UUID(ids["kirby"]), "accepted", by="rev")  # a second look
    step()
    return ids
