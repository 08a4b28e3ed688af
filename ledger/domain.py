"""Domain model: the claim value object, the two aggregates and their events.

Plain Python plus eventsourcing's base classes; nothing here knows about storage, the CLI or the
read models. An article and the estimates extracted from it are separate aggregates so that a
correction, retraction or review targets exactly one claim, while ingestion still saves the
article and all of its claims in one atomic `Application.save(article, *claims)`.

Every event class carries `class_version`. When an event's fields change, bump the version and
add a `@staticmethod upcast_vN_vN1(state: dict) -> None` on the event class: eventsourcing runs
the chain of upcasters on every stored event older than the class (see tests/test_upcasting.py).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cache
from hashlib import sha1
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event
from eventsourcing.utils import get_topic

LEDGER_NAMESPACE = uuid5(NAMESPACE_URL, "https://claims-ledger.invalid/ids")
_NAMESPACE = LEDGER_NAMESPACE.bytes
_VERSION_BITS = (0xF000 << 64) | (0xC000 << 48)
_VERSION_5 = (5 << 76) | (0x8000 << 48)  # version 5, RFC 4122 variant

QUALIFIERS = (
    "none",
    "about",
    "more than",
    "at least",
    "up to",
    "almost",
    "less than",
    "vague",
    "range",
)
KINDS = ("headline", "lede", "body", "recall", "conversion", "derived")
VERDICTS = ("accepted", "rejected")


@dataclass(frozen=True, kw_only=True)
class Estimate:
    """One figure as the text states it: who claimed it, about what, when, and where it is quoted.

    Field names follow the gold format (../shared/gold/README.md) so extractor output, events,
    read models and the evaluation speak one vocabulary. `start`/`end` are code-point offsets
    into the article text exactly as stored in its ArticleIngested event.
    """

    value: float | None = None
    low: float | None = None
    high: float | None = None
    qualifier: str = "none"
    qualifier_text: str | None = None
    unit: str = ""
    item: str | None = None
    metric: str | None = None
    metric_key: str | None = None
    direction: str | None = None
    claimant: str | None = None
    claimant_role: str | None = None
    claimant_country: str | None = None
    via: str | None = None
    reporting_outlet: str | None = None
    statement_date: str | None = None
    date_basis: str | None = None
    period_start: str | None = None
    period_end: str | None = None
    period_text: str | None = None
    quote: str = ""
    start: int | None = None
    end: int | None = None
    alt_spans: tuple[tuple[int, int], ...] = ()
    kind: str = "body"
    on_topic: bool = True
    converts: int | None = None
    """Index, in the same extraction, of the estimate this one converts into another unit."""

    def __post_init__(self) -> None:
        if self.qualifier not in QUALIFIERS:
            raise ValueError(f"unknown qualifier {self.qualifier!r}; one of {QUALIFIERS}")
        if self.kind not in KINDS:
            raise ValueError(f"unknown kind {self.kind!r}; one of {KINDS}")
        if self.value is None and self.low is None and self.high is None:
            raise ValueError("an estimate needs a value or a bound")
        if not self.unit:
            raise ValueError("an estimate needs a unit")
        # JSON turns tuples into lists; keep the value object hashable and comparable.
        object.__setattr__(self, "alt_spans", tuple(tuple(s) for s in self.alt_spans))

    @property
    def figure(self) -> float | None:
        """The single number that orders this estimate on a timeline (value, else a bound)."""
        return (
            self.value
            if self.value is not None
            else self.low
            if self.low is not None
            else self.high
        )

    def to_dict(self) -> dict[str, Any]:
        # A shallow copy: every field holds an immutable value (dataclasses.asdict deep-copies,
        # and costs more than the rest of building a claim). An Estimate's attributes are its
        # fields, in order; a subclass (an event) has more attributes: pick its fields by name.
        if type(self) is Estimate:
            return vars(self).copy()
        return {name: getattr(self, name) for name in self.field_names()}

    @classmethod
    @cache
    def field_names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))

    @classmethod
    def from_fields(cls, source: Any) -> Estimate:
        """Pick this class's fields off any object that has them (an event, a row)."""
        if isinstance(source, dict):
            return cls(**{n: source[n] for n in cls.field_names() if n in source})
        return cls(**{n: getattr(source, n) for n in cls.field_names()})


def article_id_for(sha256: str) -> UUID:
    """The same text always gets the same id, so ingesting it twice appends nothing."""
    return ledger_uuid5(f"article:{sha256}")


def claim_id_for(origin: str, estimate: Estimate) -> UUID:
    """Claim id from its origin (article id, or a hand-typed source) plus its span and figure."""
    return ledger_uuid5(
        f"claim:{origin}:{estimate.start}:{estimate.end}:{estimate.figure!r}:{estimate.unit}"
    )


def ledger_uuid5(name: str) -> UUID:
    """uuid5(LEDGER_NAMESPACE, name), the same UUID in a third of the time: bulk ingestion makes
    four ids for every three events, and the standard library's spent 5 µs on each."""
    digest = int.from_bytes(sha1(_NAMESPACE + name.encode()).digest()[:16])
    return UUID(int=digest & ~_VERSION_BITS | _VERSION_5)


def created(aggregate: type[Aggregate], event_class: Any, *, id: UUID, **fields: Any) -> Any:
    """The event that creates an aggregate, equal to the one `Aggregate._create` makes, without
    building the aggregate: what bulk ingestion saves (the aggregate would be thrown away).

    Built as eventsourcing's mapper builds the events it reads (its attributes in field
    order, so it is stored byte for byte the same), not through the dataclass constructor:
    every field is given, and the Estimate it carries was validated when it was made.
    """
    fields.update(
        originator_topic=get_topic(aggregate),
        originator_id=id,
        originator_version=aggregate.INITIAL_VERSION,
        timestamp=event_class.create_timestamp(),
    )
    names = _field_names(event_class)
    if len(fields) != len(names):  # a field left to its default: let the class fill it in
        return event_class(**fields)
    event = object.__new__(event_class)
    object.__setattr__(event, "__dict__", {name: fields[name] for name in names})
    return event


@cache
def _field_names(event_class: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(event_class))


class Article(Aggregate):
    """A text as it was ingested: immutable once recorded, the provenance of every claim in it."""

    class ArticleIngested(Aggregate.Created):
        class_version = 2
        sha256: str
        text: str
        source: str | None
        url: str | None
        title: str | None
        outlet: str | None
        published: str | None
        published_evidence: str | None
        published_weak: bool
        """Only weak evidence (a page banner) dated it: the story may be older than `published`."""
        dropped: list[list[Any]]
        """Spans of page furniture left out of extraction: [start, end, reason]."""
        reader: str
        recorded_by: str

        def apply(self, article: Any) -> None:
            for name in ("sha256", "text", "source", "url", "title", "outlet", "published"):
                setattr(article, name, getattr(self, name))
            article.published_evidence = self.published_evidence
            article.published_weak = self.published_weak
            article.dropped = self.dropped

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            # Version 1 readers took a date only from the command line: strong evidence.
            state["published_weak"] = False

    @classmethod
    def ingest(cls, **fields: Any) -> Article:
        return cls._create(cls.ArticleIngested, **cls._fields(**fields))

    @classmethod
    def ingested(cls, **fields: Any) -> Article.ArticleIngested:
        """The event `ingest` records, without building the article: for bulk ingestion."""
        return created(cls, cls.ArticleIngested, **cls._fields(**fields))

    @staticmethod
    def _fields(
        *,
        sha256: str,
        text: str,
        source: str | None,
        url: str | None,
        title: str | None,
        outlet: str | None,
        published: str | None,
        published_evidence: str | None,
        published_weak: bool,
        dropped: list[list[Any]],
        reader: str,
        recorded_by: str,
    ) -> dict[str, Any]:
        return dict(
            id=article_id_for(sha256),
            sha256=sha256,
            text=text,
            source=source,
            url=url,
            title=title,
            outlet=outlet,
            published=published,
            published_evidence=published_evidence,
            published_weak=published_weak,
            dropped=dropped,
            reader=reader,
            recorded_by=recorded_by,
        )


class ClaimError(ValueError):
    """A command that the claim's current state does not allow."""


class Claim(Aggregate):
    """One estimate as reported in one place; corrections, retraction and review are its events."""

    class EstimateReported(Aggregate.Created, Estimate):
        class_version = 1
        article_id: UUID | None = None
        converts_claim_id: UUID | None = None
        source_url: str | None = None
        """For a hand-typed claim: where the quote was read (no article text in the ledger)."""
        source_published: str | None = None
        extractor: str = ""
        recorded_by: str = ""

        def apply(self, claim: Any) -> None:
            claim.estimate = Estimate.from_fields(self)
            claim.article_id = self.article_id
            claim.converts_claim_id = self.converts_claim_id
            claim.status = "reported"

    class EstimateCorrected(Aggregate.Event):
        class_version = 1
        changes: dict[str, Any]
        reason: str
        corrected_by: str

    class EstimateRetracted(Aggregate.Event):
        class_version = 1
        reason: str
        retracted_by: str

    class ClaimReviewed(Aggregate.Event):
        class_version = 1
        verdict: str
        note: str | None
        reviewer: str

    @classmethod
    def report(cls, estimate: Estimate, **fields: Any) -> Claim:
        return cls._create(cls.EstimateReported, **cls._fields(estimate, **fields))

    @classmethod
    def reported(cls, estimate: Estimate, **fields: Any) -> Claim.EstimateReported:
        """The event `report` records, without building the claim: for bulk ingestion."""
        return created(cls, cls.EstimateReported, **cls._fields(estimate, **fields))

    @staticmethod
    def _fields(
        estimate: Estimate,
        *,
        id: UUID | None = None,
        origin: str,
        article_id: UUID | None,
        converts_claim_id: UUID | None = None,
        source_url: str | None = None,
        source_published: str | None = None,
        extractor: str,
        recorded_by: str,
    ) -> dict[str, Any]:
        return dict(
            id=id or claim_id_for(origin, estimate),
            article_id=article_id,
            converts_claim_id=converts_claim_id,
            source_url=source_url,
            source_published=source_published,
            extractor=extractor,
            recorded_by=recorded_by,
            **estimate.to_dict(),
        )

    def correct(self, changes: dict[str, Any], *, reason: str, corrected_by: str) -> None:
        self._require_open("correct")
        unknown = set(changes) - set(Estimate.field_names())
        if unknown:
            raise ClaimError(f"not a claim field: {', '.join(sorted(unknown))}")
        changed = {k: v for k, v in changes.items() if getattr(self.estimate, k) != v}
        if not changed:
            raise ClaimError("the correction changes nothing")
        Estimate(**{**self.estimate.to_dict(), **changed})  # validate before recording
        self._corrected(changes=changed, reason=reason, corrected_by=corrected_by)

    @event(EstimateCorrected)
    def _corrected(self, changes: dict[str, Any], reason: str, corrected_by: str) -> None:
        self.estimate = Estimate(**{**self.estimate.to_dict(), **changes})
        self.status = "corrected"  # a reviewed figure that changes needs a new review

    def retract(self, *, reason: str, retracted_by: str) -> None:
        self._require_open("retract")
        self._retracted(reason=reason, retracted_by=retracted_by)

    @event(EstimateRetracted)
    def _retracted(self, reason: str, retracted_by: str) -> None:
        self.status = "retracted"

    def review(self, verdict: str, *, note: str | None, reviewer: str) -> None:
        if verdict not in VERDICTS:
            raise ClaimError(f"verdict must be one of {VERDICTS}, not {verdict!r}")
        self._require_open("review")
        self._reviewed(verdict=verdict, note=note, reviewer=reviewer)

    @event(ClaimReviewed)
    def _reviewed(self, verdict: str, note: str | None, reviewer: str) -> None:
        self.status = verdict

    def _require_open(self, action: str) -> None:
        if self.status == "retracted":
            raise ClaimError(f"cannot {action} claim {self.id}: it was retracted")
