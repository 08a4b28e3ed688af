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
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from hashlib import sha256
from typing import Protocol, TypeVar
from uuid import UUID

from eventsourcing.persistence import StoredEvent

GENESIS = "0" * 64
"""What the first seal chains to."""

BATCH = 5000

RawEvent = tuple[int, str, int, str, bytes]
"""(position, originator id in canonical form, originator version, topic, state) as stored."""
SealRow = tuple[int, int, str]
"""(sequence, position, hash) as stored in the seals table."""


class SealReader(Protocol):
    """What a store offers to check its chain: raw rows in order, in one consistent snapshot."""

    def events(self, after: int, limit: int) -> Sequence[RawEvent]: ...

    def seals(self, after: int, limit: int) -> Sequence[SealRow]: ...


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


def walk(reader: SealReader) -> Iterator[Sealed]:
    """Every event with its recomputed seal, in order; raises Tampered at the first bad one.

    Verification, export and checkpoints all go through here, so they agree on what is intact.
    Reads in batches and keeps nothing but the chain head (the hot loop: keep it lean). A
    helper thread reading ahead was tried and made it slower: reading rows and hashing states
    shorter than 2 KB both hold the GIL.
    """
    head = GENESIS
    seals = _batches(reader.seals)
    for sequence, event in enumerate(_batches(reader.events), 1):
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


def verify(reader: SealReader, mark: int | None = None) -> Verification:
    """Recompute the whole chain; raises Tampered at the first bad position."""
    sequence, head = 0, GENESIS
    first = GENESIS
    at_mark = GENESIS if mark == 0 else None
    for sequence, head, _ in walk(reader):
        if sequence == 1:
            first = head
        if sequence == mark:
            at_mark = head
    return Verification(sequence, head, first, at_mark)


Row = TypeVar("Row", RawEvent, SealRow)


def _batches(read: Callable[[int, int], Sequence[Row]]) -> Iterator[Row]:
    after = 0
    while page := read(after, BATCH):
        yield from page
        after = page[-1][0]
