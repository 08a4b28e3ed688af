"""`verify` checks the log in stretches, in worker processes when it can; whatever is done to
the stored rows, it names the same position, in the same words, as a walk of the whole chain."""

from __future__ import annotations

from dataclasses import replace
from hashlib import sha256
from uuid import uuid4

import pytest

from ledger.application import Ledger
from ledger.audit import seal
from ledger.domain import Estimate
from ledger.store.sqlite import LogFile

EVENTS = 30


@pytest.fixture
def filled(store, home, monkeypatch):
    """EVENTS sealed events, checked in stretches of 6 read in batches of 4."""
    monkeypatch.setattr(seal, "STRETCH", 6)
    monkeypatch.setattr(seal, "BATCH", 4)
    with Ledger(home) as app:
        for n in range(EVENTS):
            app.append_estimate(
                Estimate(value=n, unit="shells", quote=f"sent {n} shells"),
                source_url="https://example.org/s",
                source_published=None,
            )
    return store


def outcome(check) -> str:
    """'ok N HEAD' or the Tampered message."""
    with Ledger() as app, app.sealed_log() as log:
        try:
            return check(log)
        except seal.Tampered as e:
            return str(e)


def walked(log) -> str:
    sequence, head = [(0, seal.GENESIS), *((q, h) for q, h, _ in seal.walk(log))][-1]
    return f"ok {sequence} {head}"


def verified(workers: int | None = None):
    def check(log) -> str:
        result = seal.verify(log, workers=workers)
        return f"ok {result.events} {result.head}"

    return check


def forged(store, like: int) -> tuple:
    _, _, topic, state = store.row(like)
    return (uuid4().hex if store.kind == "sqlite" else uuid4(), 1, topic, state)


def alter(store, position: int) -> None:
    state = bytes(store.row(position)[3])
    store.sql(
        f"UPDATE {store.events} SET state = ? WHERE {store.position} = ?",
        (state.replace(b"shells", b"shellz"), position),
    )


def swap(store, a: int, b: int) -> None:
    first, second = store.row(a), store.row(b)
    store.sql(f"DELETE FROM {store.events} WHERE {store.position} IN (?, ?)", (a, b))
    store.put(a, second)
    store.put(b, first)


TAMPERING = {
    "nothing": lambda s: None,
    **{f"alter {p}": lambda s, p=p: alter(s, p) for p in (1, 6, 7, 12, 13, EVENTS)},
    **{
        f"delete event {p}": lambda s, p=p: s.sql(
            f"DELETE FROM {s.events} WHERE {s.position} = ?", (p,)
        )
        for p in (1, 6, 7, EVENTS)
    },
    **{
        f"delete seal {q}": lambda s, q=q: s.sql(f"DELETE FROM {s.seals} WHERE sequence = ?", (q,))
        for q in (1, 6, 7, EVENTS)
    },
    "alter seal 6": lambda s: s.sql(
        f"UPDATE {s.seals} SET hash = ? WHERE sequence = 6", ("0" * 64,)
    ),
    "move seal 7": lambda s: s.sql(f"UPDATE {s.seals} SET position = 700 WHERE sequence = 7"),
    "renumber the last seal": lambda s: s.sql(
        f"UPDATE {s.seals} SET sequence = 99 WHERE sequence = {EVENTS}"
    ),
    "swap 6 and 7": lambda s: swap(s, 6, 7),
    "swap 12 and 14": lambda s: swap(s, 12, 14),
    "replace 8": lambda s: (
        s.sql(f"DELETE FROM {s.events} WHERE {s.position} = 8"),
        s.put(8, forged(s, 9)),
    ),
    "append unsealed": lambda s: s.put(EVENTS + 1, forged(s, 2)),
    "cut the tail": lambda s: (
        s.sql(f"DELETE FROM {s.events} WHERE {s.position} = ?", (EVENTS,)),
        s.sql(f"DELETE FROM {s.seals} WHERE sequence = ?", (EVENTS,)),
    ),
    "empty": lambda s: (s.sql(f"DELETE FROM {s.events}"), s.sql(f"DELETE FROM {s.seals}")),
}


@pytest.mark.parametrize("tampering", TAMPERING)
def test_stretches_name_the_fault_a_whole_walk_names(filled, tampering):
    TAMPERING[tampering](filled)
    expected = outcome(walked)
    assert expected.startswith("ok") == (tampering in ("nothing", "cut the tail", "empty"))
    assert outcome(verified(1)) == expected
    assert outcome(verified(2)) == expected  # in worker processes on SQLite


def test_a_failing_worker_neither_passes_nor_fails_its_stretch(filled, tmp_path):
    """A worker that cannot open the log: its stretches are checked in this process."""
    if filled.kind != "sqlite":
        pytest.skip("PostgreSQL logs are verified in one process")
    alter(filled, 9)

    class Unreachable:
        def __init__(self, log) -> None:
            self.log = log

        def __getattr__(self, name: str):
            return getattr(self.log, name)

        def elsewhere(self) -> LogFile:
            return replace(self.log.elsewhere(), db_name=str(tmp_path / "missing" / "x.db"))

    assert outcome(lambda log: seal.verify(Unreachable(log), workers=2)) == outcome(walked)
    assert "position 9" in outcome(walked)


def test_first_and_mark_are_the_stored_seals(filled):
    with Ledger() as app, app.sealed_log() as log:
        hashes = [h for _, h, _ in seal.walk(log)]
        for workers in (1, 2):
            result = seal.verify(log, mark=13, workers=workers)
            assert (result.first, result.head_at_mark, result.head) == (
                hashes[0],
                hashes[12],
                hashes[-1],
            )
            assert seal.verify(log, mark=0).head_at_mark == seal.GENESIS
            assert seal.verify(log, mark=EVENTS + 1).head_at_mark is None


@pytest.mark.parametrize("cpus, parallel_from", [(1, 0), (2, EVENTS + 1)])
def test_one_cpu_or_a_short_log_is_verified_without_workers(
    filled, monkeypatch, cpus, parallel_from
):
    def no_pool(*args, **kwargs):
        raise AssertionError("no worker processes for this log")

    monkeypatch.setattr(seal, "ProcessPoolExecutor", no_pool)
    monkeypatch.setattr(seal, "PARALLEL_FROM", parallel_from)
    monkeypatch.setattr(seal.os, "sched_getaffinity", lambda pid: set(range(cpus)))
    alter(filled, 20)
    assert outcome(verified()) == outcome(walked)


def test_digests_are_the_sha256_of_the_stored_states(filled):
    """On PostgreSQL the server digests the states: the same hex as hashlib's, byte for byte."""
    alter(filled, 3)  # any bytes at all, not only what the ledger writes
    filled.sql(
        f"UPDATE {filled.events} SET state = ? WHERE {filled.position} = 4",
        (bytes(range(256)) * 9,),
    )
    with Ledger() as app, app.sealed_log() as log:
        events, digests = log.events(0, EVENTS), log.digests(0, EVENTS)
    assert [(*e[:4], sha256(bytes(e[4])).hexdigest()) for e in events] == list(map(tuple, digests))
