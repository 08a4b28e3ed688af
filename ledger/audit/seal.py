"""The seal chain: every stored event gets a SHA-256 hash chained to the one before it.

A seal hashes a canonical JSON object of the event as stored, not as decoded, so it holds for
any transcoder, compressor or cipher, and on any store:

    {"originator_id":"<32 hex>","originator_version":N,"prev":"<hex>","sequence":N,
     "state_sha256":"<hex>","topic":"<topic>"}

(sorted keys, no spaces, UTF-8, the id as 32 lower-case hex digits). `sequence` counts
events from 1 in the store's global order and `prev` is the seal before (64 zeros for the
first). The store's own position is left out: PostgreSQL's ids can have gaps after a rolled
back insert, and an archive imported elsewhere gets new positions, yet the same events must
give the same hashes. Each seal row keeps the position it was made for, so a deleted, inserted
or moved event is still caught.

The store recorders (ledger/store) seal events in the transaction that inserts them; `walk`
recomputes the chain from the stored rows, streaming, and stops at the first bad position.

`verify` checks the same chain faster. Each stored seal is the `prev` of the next one, so once
the seals are known, checking event N needs only the stored seal N-1, not the whole chain before
it: the log is cut into stretches at stored seals, and each stretch is checked on its own (in
worker processes when the log is large and the store can be read from another process). A
stretch holds only if its events, sealed one after another from the seal it starts at, end at
exactly the seal it ends at; every stretch holding is the whole chain holding. At the first
stretch that does not, `walk` runs from its start, so the error names the same position and
says the same words as a walk of the whole log would.
"""

from __future__ import annotations

import json
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import AbstractContextManager
from dataclasses import dataclass
from functools import lru_cache
from hashlib import sha256
from itertools import pairwise
from typing import Protocol, TypeVar
from uuid import UUID

from eventsourcing.persistence import StoredEvent

GENESIS = "0" * 64
"""What the first seal chains to."""

BATCH = 5000
STRETCH = 20_000
"""Events per stretch that `verify` checks on its own (a task for a worker process)."""
PARALLEL_FROM = 100_000
"""Logs shorter than this are verified in the calling process: starting workers costs more."""

RawEvent = tuple[int, str, int, str, bytes]
"""(position, originator id in canonical form, originator version, topic, state) as stored."""
DigestRow = tuple[int, str, int, str, str]
"""A RawEvent with the hex SHA-256 of its state in place of the state."""
SealRow = tuple[int, int, str]
"""(sequence, position, hash) as stored in the seals table."""
ORIGIN: SealRow = (0, 0, GENESIS)
"""Where every chain starts: before the first sequence and position."""


class SealReader(Protocol):
    """What a store offers to check its chain: raw rows in order, in one consistent snapshot."""

    def events(self, after: int, limit: int) -> Sequence[RawEvent]: ...

    def digests(self, after: int, limit: int) -> Sequence[DigestRow]:
        """The same events as `events`, each state replaced by its digest (made by the database
        server when it can, so the states need not cross the wire)."""
        ...

    def seals(self, after: int, limit: int) -> Sequence[SealRow]: ...

    def last_seal(self) -> SealRow | None: ...

    def elsewhere(self) -> Callable[[], AbstractContextManager[SealReader]] | None:
        """A picklable way for a worker process to open its own reader of this log, or None
        when this log cannot be read from another process (an in-memory database)."""
        ...


class ChainError(Exception):
    """A chain that does not hold; the message is one line for the user."""


class Tampered(ChainError):
    """The stored log does not match its seals; `position` is the first place it goes wrong."""

    def __init__(self, position: int, message: str) -> None:
        super().__init__(f"chain broken at position {position}: {message}")
        self.position = position


def canonical_id(originator_id: UUID | str) -> str:
    """32 lower-case hex digits: how SQLite stores a UUID, and cheap to get from PostgreSQL's."""
    return originator_id.hex if isinstance(originator_id, UUID) else originator_id


@lru_cache(maxsize=1024)
def _json_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def canonical(
    sequence: int, prev: str, originator_id: str, version: int, topic: str, state: bytes
) -> bytes:
    """The bytes a seal hashes (the JSON above, written out by hand because it is the hot loop)."""
    return (
        f'{{"originator_id":"{originator_id}","originator_version":{version},"prev":"{prev}",'
        f'"sequence":{sequence},"state_sha256":"{sha256(state).hexdigest()}",'
        f'"topic":{_json_string(topic)}}}'
    ).encode()


def seal_of(
    sequence: int, prev: str, originator_id: str, version: int, topic: str, state: bytes
) -> str:
    """The hex SHA-256 seal of one event, chained to `prev`."""
    return sha256(canonical(sequence, prev, originator_id, version, topic, state)).hexdigest()


class Chain:
    """The running head of the chain; `seal` extends it by one event."""

    def __init__(self, sequence: int = 0, head: str = GENESIS) -> None:
        self.sequence = sequence
        self.head = head

    def seal(
        self, stored_events: Sequence[StoredEvent], positions: Sequence[int]
    ) -> list[tuple[str, int, int]]:
        """(hash, sequence, position) rows for events just inserted at these positions."""
        rows = []
        for s, position in zip(stored_events, positions, strict=True):
            self.sequence += 1
            self.head = seal_of(
                self.sequence,
                self.head,
                canonical_id(s.originator_id),
                s.originator_version,
                s.topic,
                s.state,
            )
            rows.append((self.head, self.sequence, position))
        return rows


def check_head(got: str, expected: str) -> None:
    if got != expected:
        raise ChainError(f"the chain ends at {got[:16]}..., not at {expected[:16]}...")


Sealed = tuple[int, str, RawEvent]
"""(sequence, seal, the event) for one intact event."""


def walk(reader: SealReader, start: SealRow = ORIGIN) -> Iterator[Sealed]:
    """Every event after `start` (a stored seal known to be good) with its recomputed seal, in
    order; raises Tampered at the first bad one.

    Export goes through here, and so does `verify` to name what is wrong, so they agree on what
    is intact. Reads in batches and keeps nothing but the chain head. A second thread reading
    ahead was tried and made it slower: reading rows and hashing states shorter than 2 KB both
    hold the GIL.
    """
    first, after, head = start
    seals = _batches(reader.seals, first)
    for sequence, event in enumerate(_batches(reader.events, after), first + 1):
        position, originator_id, version, topic, state = event
        seal = next(seals, None)
        if seal is None or seal[0] != sequence or seal[1] != position:
            _misplaced(sequence, position, seal)
        # seal_of, written out: this line runs once per event in the log
        canonical_bytes = (
            f'{{"originator_id":"{originator_id}","originator_version":{version},'
            f'"prev":"{head}","sequence":{sequence},'
            f'"state_sha256":"{sha256(state).hexdigest()}","topic":{_json_string(topic)}}}'
        ).encode()
        head = sha256(canonical_bytes).hexdigest()
        if head != seal[2]:  # type: ignore[index]
            raise Tampered(position, "the event does not match its seal: altered or reordered")
        yield sequence, head, event
    seal = next(seals, None)
    if seal is not None:
        raise Tampered(seal[1], "the sealed event is missing: deleted")


def _misplaced(sequence: int, position: int, seal: SealRow | None) -> None:
    """Raise for the event at `position`, the `sequence`th, whose seal row does not match."""
    if seal is None:
        raise Tampered(position, "not sealed: an event added outside the ledger")
    if seal[0] != sequence:
        raise Tampered(
            min(position, seal[1]), f"seal {sequence} is missing (the seals were altered)"
        )
    if seal[1] < position:
        raise Tampered(seal[1], "the sealed event is missing: deleted or moved")
    raise Tampered(position, "not sealed: an event inserted")


@dataclass(frozen=True)
class Verification:
    events: int
    head: str
    """The seal of the last event (GENESIS for an empty log)."""
    first: str
    """The seal of the first event (GENESIS for an empty log): it names the log."""
    head_at_mark: str | None
    """The seal of event number `mark`, if asked for and the log is that long."""


def verify(reader: SealReader, mark: int | None = None, workers: int | None = None) -> Verification:
    """Check the whole chain; raises Tampered at the first bad position (see the module).

    `workers`: processes to check stretches in (default: one per CPU this process may use,
    for logs of PARALLEL_FROM events or more); 1 checks them all in this process.
    """
    links = _links(reader)
    broken: SealRow | None = ORIGIN  # where to walk from to name the fault
    if links is not None:
        broken = _first_broken(reader, links, workers)
        if broken is None and reader.digests(links[-1][1], 1):
            broken = links[-1]  # an event after the last seal: not sealed
    if broken is not None:
        for _ in walk(reader, broken):
            pass  # raises Tampered, unless the rows changed since a worker read them
    last = reader.last_seal() or ORIGIN
    first = _seal_at(reader, 1) or GENESIS  # GENESIS for an empty log
    return Verification(last[0], last[2], first, _seal_at(reader, mark))


def _links(reader: SealReader) -> list[SealRow] | None:
    """The stored seals where stretches start and end, from ORIGIN to the last seal; None when
    one of them is missing or misnumbered (the walk will say where)."""
    last = reader.last_seal()
    links = [ORIGIN]
    for sequence in range(STRETCH, last[0] if last else 0, STRETCH):
        found = reader.seals(sequence - 1, 1)
        if not found or found[0][0] != sequence:
            return None
        links.append(found[0])
    if last:
        links.append(last)
    return links


def _first_broken(
    reader: SealReader, links: Sequence[SealRow], workers: int | None
) -> SealRow | None:
    """The start of the first stretch that does not hold, or None when all of them hold."""
    stretches = list(pairwise(links))
    opener = reader.elsewhere()
    if workers is None:
        workers = len(os.sched_getaffinity(0)) if links[-1][0] >= PARALLEL_FROM else 1
    workers = min(workers, len(stretches))
    if workers < 2 or opener is None:
        return next((a for a, b in stretches if not _holds(reader, a, b)), None)
    # Forked, not spawned: a spawned worker imports the main module again (the whole CLI). A
    # worker opens connections of its own and never touches those it inherits. Each reads in a
    # snapshot of its own, between seals this snapshot holds: rows the ledger stored are never
    # rewritten, so a worker sees these rows, or a change made since (which the walk from that
    # stretch then judges in this snapshot).
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        checks = [pool.submit(_holds_elsewhere, opener, a, b) for a, b in stretches]
        for (a, b), check in zip(stretches, checks, strict=True):
            try:
                holds = check.result()
            except Exception:  # the worker or its connection failed: neither pass nor fail
                holds = _holds(reader, a, b)
            if not holds:
                pool.shutdown(cancel_futures=True)
                return a
    return None


def _holds_elsewhere(
    opener: Callable[[], AbstractContextManager[SealReader]], start: SealRow, end: SealRow
) -> bool:
    with opener() as reader:
        return _holds(reader, start, end)


def _holds(reader: SealReader, start: SealRow, end: SealRow) -> bool:
    """Do the events after seal `start` chain, each sealed at its own position, to exactly
    seal `end`? The seal rows are checked too: numbered without gaps, one per event."""
    sequence, position, head = start
    while sequence < end[0]:
        limit = min(BATCH, end[0] - sequence)
        events = reader.digests(position, limit)
        seals = reader.seals(sequence, limit)
        if len(events) != limit or len(seals) != limit or seals[-1][0] != sequence + limit:
            return False  # sequences are unique and ascending: these are sequence+1..+limit
        hashes = [h for _, _, h in seals]
        if [e[0] for e in events] != [p for _, p, _ in seals]:
            return False
        topics = _topics(e[3] for e in events)
        # seal_of, written out for a batch: this runs once per event in the log
        made = [
            sha256(
                f'{{"originator_id":"{originator_id}","originator_version":{version},'
                f'"prev":"{prev}","sequence":{n},"state_sha256":"{digest}",'
                f'"topic":{topics[topic]}}}'.encode()
            ).hexdigest()
            for (_, originator_id, version, topic, digest), prev, n in zip(
                events, [head, *hashes[:-1]], range(sequence + 1, sequence + limit + 1), strict=True
            )
        ]
        if made != hashes:
            return False
        sequence, position, head = seals[-1]
    return (sequence, position, head) == end


def _topics(topics: Iterable[str]) -> dict[str, str]:
    return {topic: _json_string(topic) for topic in set(topics)}


def _seal_at(reader: SealReader, sequence: int | None) -> str | None:
    """The stored seal number `sequence` (GENESIS for 0), None if there is none."""
    if sequence is None:
        return None
    if sequence == 0:
        return GENESIS
    found = reader.seals(sequence - 1, 1)
    return found[0][2] if found and found[0][0] == sequence else None


Row = TypeVar("Row", RawEvent, SealRow)


def _batches(read: Callable[[int, int], Sequence[Row]], after: int = 0) -> Iterator[Row]:
    while page := read(after, BATCH):
        yield from page
        after = page[-1][0]
