"""The archive: every event as stored, with its seal, one canonical JSON object a line.

Documented in docs/archive-format.md. Export walks the seal chain, so a tampered ledger cannot
be exported; import checks the whole file before writing anything, then appends it in one
transaction that is kept only if the ledger's own seals come out the same.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Annotated, Any, Literal
from uuid import UUID

from eventsourcing.persistence import StoredEvent
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from ledger.audit.seal import GENESIS, ChainError, SealReader, seal_of, walk

FORMAT = "claims-ledger/archive"
VERSION = 1
BATCH = 1000
Hex64 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]


class ArchiveError(ChainError):
    """An archive that cannot be imported; the message is one line for the user."""


class _Line(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class Header(_Line):
    kind: Literal["header"]
    format: Literal["claims-ledger/archive"]
    version: Literal[1]


class Event(_Line):
    kind: Literal["event"]
    sequence: int
    position: int
    originator_id: Annotated[str, Field(pattern=r"^[0-9a-f]{32}$")]
    originator_version: int
    topic: str
    state: str | None = None
    """The stored bytes when they are UTF-8 text (JSON, with the default settings)..."""
    state_base64: str | None = None
    """... else the stored bytes in base64 (compressed or encrypted stores)."""
    hash: Hex64

    def state_bytes(self) -> bytes:
        if (self.state is None) == (self.state_base64 is None):
            raise ValueError("exactly one of state and state_base64 is needed")
        if self.state is not None:
            return self.state.encode()
        try:
            return base64.b64decode(self.state_base64 or "", validate=True)
        except binascii.Error:
            raise ValueError("state_base64 is not base64") from None


class End(_Line):
    kind: Literal["end"]
    events: int
    head: Hex64


LINE: TypeAdapter[Header | Event | End] = TypeAdapter(
    Annotated[Header | Event | End, Field(discriminator="kind")]
)


@dataclass(frozen=True)
class Summary:
    events: int
    head: str


def dumps(obj: dict[str, Any]) -> str:
    """Canonical JSON: sorted keys, no spaces, UTF-8 kept as is."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def export(reader: SealReader, out: IO[str]) -> Summary:
    """Write the whole log; raises Tampered (and the caller drops the file) if it is broken."""
    out.write(dumps({"kind": "header", "format": FORMAT, "version": VERSION}) + "\n")
    sequence, head = 0, GENESIS
    for sequence, head, (position, originator_id, version, topic, state) in walk(reader):
        line: dict[str, Any] = {
            "kind": "event",
            "sequence": sequence,
            "position": position,
            "originator_id": originator_id,
            "originator_version": version,
            "topic": topic,
            "hash": head,
        }
        try:
            line["state"] = state.decode()
        except UnicodeDecodeError:
            line["state_base64"] = base64.b64encode(state).decode()
        out.write(dumps(line) + "\n")
    out.write(dumps({"kind": "end", "events": sequence, "head": head}) + "\n")
    return Summary(sequence, head)


def check(path: Path) -> Summary:
    """Read the whole archive and recompute its chain; raises ArchiveError at the first fault."""
    sequence, head = 0, GENESIS
    for event, _ in _events(path):
        sequence, head = event.sequence, event.hash
    return Summary(sequence, head)


def batches(path: Path) -> Iterator[list[StoredEvent]]:
    """The archive's events as StoredEvents, in batches, checked as they are read."""
    batch: list[StoredEvent] = []
    for event, state in _events(path):
        batch.append(
            StoredEvent(UUID(event.originator_id), event.originator_version, event.topic, state)
        )
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _events(path: Path) -> Iterator[tuple[Event, bytes]]:
    sequence, head = 0, GENESIS
    header = end = None
    try:
        f = path.open(encoding="utf-8")
    except OSError as e:
        raise ArchiveError(f"{path}: {e.strerror or e}") from None
    with f:
        number = 0
        try:
            for number, text in enumerate(f, 1):
                line = LINE.validate_json(text)
                if number == 1:
                    if not isinstance(line, Header):
                        raise ValueError("the first line must be the archive header")
                    header = line
                elif end is not None or isinstance(line, Header):
                    raise ValueError("nothing may follow the end line or repeat the header")
                elif isinstance(line, End):
                    if (line.events, line.head) != (sequence, head):
                        raise ValueError(
                            f"the end line says {line.events} events ending at"
                            f" {line.head[:16]}..., the chain has {sequence}"
                        )
                    end = line
                else:
                    state = line.state_bytes()
                    if line.sequence != sequence + 1:
                        raise ValueError(
                            f"sequence {line.sequence} where {sequence + 1} was expected"
                        )
                    sequence += 1
                    head = seal_of(
                        sequence,
                        head,
                        line.originator_id,
                        line.originator_version,
                        line.topic,
                        state,
                    )
                    if head != line.hash:
                        raise ValueError(
                            f"event {sequence} does not match its hash: altered or reordered"
                        )
                    yield line, state
        except UnicodeDecodeError:
            raise ArchiveError(f"{path}: not UTF-8 text") from None
        except ValidationError as e:
            first = e.errors()[0]
            loc = ".".join(map(str, first["loc"]))
            where = f"{loc}: " if loc else ""
            raise ArchiveError(f"{path} line {number}: {where}{first['msg']}") from None
        except ValueError as e:
            raise ArchiveError(f"{path} line {number}: {e}") from None
    if header is None:
        raise ArchiveError(f"{path}: empty file, not an archive")
    if end is None:
        raise ArchiveError(f"{path}: no end line after {sequence} events (the file is cut short)")
