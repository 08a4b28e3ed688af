"""The commands a user can run against the ledger. Thin: rules live in the domain and extraction.

Every command appends events and nothing else; reading the record is the projections' job.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application, ProcessingEvent
from eventsourcing.domain import DomainEvent
from eventsourcing.persistence import IntegrityError, Recording, StoredEvent, Transcoder

from ledger.audit.seal import SealReader
from ledger.domain import Article, Claim, ClaimError, Estimate, article_id_for, claim_id_for
from ledger.extraction import EXTRACTOR, extract
from ledger.reading import READER, Document
from ledger.store import Waiter, store_env
from ledger.store.transcoder import OrjsonTranscoder

HAND = "hand"
"""The extractor name recorded for claims typed in by a person."""
INGEST_BATCH = 500
"""Articles saved per transaction by `Ledger.ingest_many`."""


CHANGE_ATTEMPTS = 5
"""How often a correction, retraction or review is tried on a claim others keep changing."""


class LedgerError(Exception):
    """A command that cannot be carried out; the message is one line for the user."""


@dataclass(frozen=True)
class Ingested:
    article_id: UUID
    name: str
    claims: int
    appended: bool
    """False when the same text was already in the ledger: nothing was written."""
    position: int | None


@dataclass(frozen=True)
class Recorded:
    claim_id: UUID
    appended: bool
    position: int | None


@dataclass(frozen=True)
class HistoryEntry:
    position: int | None
    version: int
    event: DomainEvent
    hash: str | None = None
    """The event's seal (ledger/audit/seal.py)."""


def default_actor() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


class Ledger(Application[UUID]):
    name = "Ledger"

    def __init__(self, home: Path | None = None, env: dict[str, str] | None = None) -> None:
        super().__init__(env={**store_env(home), **(env or {})})

    def construct_transcoder(self) -> Transcoder:
        """eventsourcing's JSON format, encoded and decoded with orjson (see the module)."""
        transcoder = OrjsonTranscoder()
        self.register_transcodings(transcoder)
        return transcoder

    # Write side -------------------------------------------------------------------------

    def ingest(
        self,
        doc: Document,
        *,
        recorded_by: str | None = None,
        estimates: Sequence[Estimate] | None = None,
        extractor: str = EXTRACTOR,
    ) -> Ingested:
        """Record an article and every estimate extracted from it in ONE atomic save.

        `estimates` lets another extractor (or a benchmark) supply the claims; by default
        the built-in extractor reads them from the text.
        """
        article_id = article_id_for(doc.sha256)
        if self._exists(article_id):
            return Ingested(article_id, doc.name, 0, appended=False, position=None)
        by = recorded_by or default_actor()
        article = Article.ingest(**self._article_fields(doc, doc.sha256, by))
        found = extract(doc) if estimates is None else estimates
        claims = self._claims_for(found, article_id=article_id, extractor=extractor, recorded_by=by)
        try:
            recordings = self.save(article, *claims)
        except IntegrityError:  # another process ingested the same text meanwhile
            return Ingested(article_id, doc.name, 0, appended=False, position=None)
        return Ingested(
            article_id, doc.name, len(claims), appended=True, position=_last_position(recordings)
        )

    def ingest_many(
        self,
        docs: Iterable[Document],
        *,
        recorded_by: str | None = None,
        estimates: Iterable[Sequence[Estimate] | None] | None = None,
        extractor: str = EXTRACTOR,
        batch_size: int = INGEST_BATCH,
    ) -> Iterator[Ingested]:
        """Record many articles, each with its estimates, `batch_size` articles per transaction.

        Yields one Ingested per document, in order, once its batch is committed. A batch is all
        or nothing: if saving it fails, the ledger is exactly as it was before that batch (the
        batches before it stay, each of them whole articles with all their claims). Texts
        already in the ledger, or earlier in the same batch, are skipped (appended=False), not
        an error. If another process records one of the batch's texts meanwhile, the batch is
        retried one article at a time, so only that article is skipped.

        `estimates`, parallel to `docs`, supplies each article's claims (None: extract them).
        """
        by = recorded_by or default_actor()
        supplied = iter(estimates) if estimates is not None else None
        batch: list[tuple[Document, Sequence[Estimate] | None]] = []
        for doc in docs:
            batch.append((doc, next(supplied) if supplied is not None else None))
            if len(batch) >= batch_size:
                yield from self._ingest_batch(batch, by, extractor)
                batch = []
        if batch:
            yield from self._ingest_batch(batch, by, extractor)

    def _ingest_batch(
        self,
        batch: Sequence[tuple[Document, Sequence[Estimate] | None]],
        by: str,
        extractor: str,
    ) -> list[Ingested]:
        results: list[Ingested] = []
        events: list[DomainEvent] = []
        ends: list[tuple[int, int]] = []  # (result index, index of the article's last event)
        hashes = [doc.sha256 for doc, _ in batch]
        ids = [article_id_for(sha256) for sha256 in hashes]
        seen: set[UUID] = self.recorder.existing(ids)  # type: ignore[attr-defined]
        for (doc, supplied), sha256, article_id in zip(batch, hashes, ids, strict=True):
            if article_id in seen:  # in the ledger, or earlier in this batch
                results.append(Ingested(article_id, doc.name, 0, appended=False, position=None))
                continue
            seen.add(article_id)
            events.append(Article.ingested(**self._article_fields(doc, sha256, by)))
            found = extract(doc) if supplied is None else supplied
            claims = self._claims_for(
                found,
                article_id=article_id,
                extractor=extractor,
                recorded_by=by,
                make=Claim.reported,
            )
            events.extend(claims)
            ends.append((len(results), len(events) - 1))
            results.append(
                Ingested(article_id, doc.name, len(claims), appended=True, position=None)
            )
        if not events:
            return results
        try:
            recordings = self._save_events(events)
        except IntegrityError:  # another process recorded one of these texts meanwhile
            return [
                self.ingest(doc, recorded_by=by, estimates=e, extractor=extractor)
                for doc, e in batch
            ]
        for index, last in ends:
            position = recordings[last].notification.id
            results[index] = replace(results[index], position=position)
        return results

    def _save_events(self, events: Sequence[DomainEvent]) -> list[Recording[UUID]]:
        """Store new events in ONE transaction, as `save` would, without its per-object checks.

        `Application.save` asks of every object, through runtime-checkable protocols, whether
        it is an event or an aggregate: that costs more than encoding and storing the event.
        """
        processing = ProcessingEvent[UUID]()
        processing.events.extend(events)
        recordings = self._record(processing)
        self._notify(recordings)
        return recordings

    @staticmethod
    def _article_fields(doc: Document, sha256: str, by: str) -> dict[str, Any]:
        return {
            "sha256": sha256,
            "text": doc.text,
            "source": doc.source,
            "url": doc.url,
            "title": doc.title,
            "outlet": doc.outlet,
            "published": doc.published,
            "published_evidence": doc.published_evidence,
            "published_weak": doc.published_weak,
            "dropped": [list(span) for span in doc.dropped],
            "reader": READER,
            "recorded_by": by,
        }

    @staticmethod
    def _claims_for(
        estimates: Sequence[Estimate],
        *,
        article_id: UUID,
        extractor: str,
        recorded_by: str,
        make: Callable[..., Any] = Claim.report,
    ) -> list[Any]:
        """The claims (or with make=Claim.reported, their events) of an article's estimates."""
        origin = str(article_id)
        ids = [claim_id_for(origin, e) for e in estimates]
        claims: dict[UUID, Any] = {}
        for estimate, claim_id in zip(estimates, ids, strict=True):
            if claim_id in claims:  # the same figure at the same span: one claim
                continue
            converts = ids[estimate.converts] if estimate.converts is not None else None
            claims[claim_id] = make(
                estimate,
                id=claim_id,
                origin=origin,
                article_id=article_id,
                converts_claim_id=converts,
                extractor=extractor,
                recorded_by=recorded_by,
            )
        return list(claims.values())

    def append_estimate(
        self,
        estimate: Estimate,
        *,
        source_url: str,
        source_published: str | None,
        recorded_by: str | None = None,
        converts_claim_id: UUID | None = None,
    ) -> Recorded:
        """Record a claim typed in by hand; the same claim from the same source is kept once.

        `converts_claim_id`: the claim whose figure this one restates in another unit.
        """
        if not estimate.quote.strip():
            raise LedgerError("a hand-typed claim needs the quote it comes from")
        if converts_claim_id is not None:
            self.get_claim(converts_claim_id)
        estimate = replace(estimate, start=None, end=None, alt_spans=(), converts=None)
        origin = f"hand:{source_url}:{estimate.quote}"
        claim = Claim.report(
            estimate,
            origin=origin,
            article_id=None,
            converts_claim_id=converts_claim_id,
            source_url=source_url,
            source_published=source_published,
            extractor=HAND,
            recorded_by=recorded_by or default_actor(),
        )
        if self._exists(claim.id):
            return Recorded(claim.id, appended=False, position=None)
        try:
            recordings = self.save(claim)
        except IntegrityError:
            return Recorded(claim.id, appended=False, position=None)
        return Recorded(claim.id, appended=True, position=_last_position(recordings))

    def correct(
        self, claim_id: UUID, changes: dict[str, Any], *, reason: str, by: str | None = None
    ) -> Recorded:
        return self._change(
            claim_id,
            lambda c: c.correct(changes, reason=reason, corrected_by=by or default_actor()),
        )

    def retract(self, claim_id: UUID, *, reason: str, by: str | None = None) -> Recorded:
        return self._change(
            claim_id, lambda c: c.retract(reason=reason, retracted_by=by or default_actor())
        )

    def review(
        self, claim_id: UUID, verdict: str, *, note: str | None = None, by: str | None = None
    ) -> Recorded:
        return self._change(
            claim_id, lambda c: c.review(verdict, note=note, reviewer=by or default_actor())
        )

    def _change(self, claim_id: UUID, command: Any) -> Recorded:
        """Run a command on the claim as stored. If someone else changed the claim between our
        read and our save (the save then hits that version: IntegrityError), run the command
        again on the claim as it is now: corrections made at the same moment all count."""
        for _ in range(CHANGE_ATTEMPTS):
            claim = self.get_claim(claim_id)
            try:
                command(claim)
            except (ClaimError, ValueError, TypeError) as e:
                raise LedgerError(str(e)) from None
            try:
                recordings = self.save(claim)
            except IntegrityError:
                continue
            return Recorded(claim.id, appended=True, position=_last_position(recordings))
        raise LedgerError(f"claim {claim_id} kept changing while we saved; try again")

    def _exists(self, aggregate_id: UUID) -> bool:
        return bool(self.recorder.select_events(aggregate_id, limit=1))

    # Reading the log ---------------------------------------------------------------------

    def get_claim(self, claim_id: UUID) -> Claim:
        try:
            claim = self.repository.get(claim_id)
        except AggregateNotFoundError:
            raise LedgerError(f"no claim {claim_id} in the ledger") from None
        if not isinstance(claim, Claim):
            raise LedgerError(f"{claim_id} is not a claim")
        return claim

    def history(self, claim_id: UUID) -> list[HistoryEntry]:
        """Every event of one claim, oldest first, with its global position."""
        self.get_claim(claim_id)
        positions = self.recorder.positions(claim_id)  # type: ignore[attr-defined]
        hashes = self.recorder.seal_hashes(positions.values())  # type: ignore[attr-defined]
        return [
            HistoryEntry(
                position := positions.get(e.originator_version),
                e.originator_version,
                e,
                hashes.get(position),
            )
            for e in self.events.get(claim_id)
        ]

    def event_counts(self) -> dict[str, int]:
        """Events in the store by type name (e.g. EstimateReported)."""
        counts: dict[str, int] = {}
        for topic, n in self.recorder.topic_counts().items():  # type: ignore[attr-defined]
            name = topic.rsplit(".", 1)[-1].rsplit(":", 1)[-1]
            counts[name] = counts.get(name, 0) + n
        return counts

    def sealed_log(self) -> AbstractContextManager[SealReader]:
        """Raw stored events and their seals from one snapshot: to verify or export the chain."""
        return self.recorder.sealed_log()  # type: ignore[attr-defined,no-any-return]

    def import_stored(self, batches: Iterable[Sequence[StoredEvent]], head: str) -> None:
        """Append archived events as stored, in ONE transaction kept only if the new chain
        ends at `head` (so only into an empty ledger)."""
        self.recorder.import_events(batches, head)  # type: ignore[attr-defined]

    def watch(self, stopped: Callable[[], bool] = lambda: False) -> AbstractContextManager[Waiter]:
        """A way to wait for new events: `wait(after, timeout)` is True once the log holds events
        after position `after`, False if `timeout` seconds pass first or `stopped()` says so.
        PostgreSQL wakes it at once, with the notification each insert sends; SQLite looks
        again when the time is up."""
        return self.recorder.watch(stopped)  # type: ignore[attr-defined,no-any-return]

    def max_position(self) -> int:
        return self.recorder.max_notification_id() or 0

    def read_events(self, after: int, limit: int) -> list[tuple[int, DomainEvent]]:
        """Events after a global position, in order: the feed the projections read."""
        # The rows as stored, through the reader verify uses (plain tuples, one query), each
        # turned into its event by eventsourcing's mapper (cipher, compressor, upcasters).
        with self.recorder.sealed_log() as log:  # type: ignore[attr-defined]
            rows = log.events(after, limit)
        to_event = self.mapper.to_domain_event
        return [
            (position, to_event(StoredEvent(UUID(originator_id), version, topic, state)))
            for position, originator_id, version, topic, state in rows
        ]

    def iter_events(self, after: int = 0, batch: int = 1000) -> Iterator[tuple[int, DomainEvent]]:
        while page := self.read_events(after, batch):
            yield from page
            after = page[-1][0]


def _last_position(recordings: Sequence[Any]) -> int | None:
    return recordings[-1].notification.id if recordings else None
