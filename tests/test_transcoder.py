"""The orjson transcoder writes what eventsourcing's JSON transcoder writes, and reads it back."""

from __future__ import annotations

import math
from datetime import UTC, datetime
from decimal import Decimal
from uuid import uuid4

import pytest
from eventsourcing.persistence import (
    DatetimeAsISO,
    DecimalAsStr,
    JSONTranscoder,
    TranscodingNotRegisteredError,
    UUIDAsHex,
)
from hypothesis import given
from hypothesis import strategies as st

from conftest import SEEDS
from ledger.reading import read_path
from ledger.store.transcoder import OrjsonTranscoder


def transcoders() -> tuple[JSONTranscoder, OrjsonTranscoder]:
    made = (JSONTranscoder(), OrjsonTranscoder())
    for t in made:
        for transcoding in (UUIDAsHex(), DecimalAsStr(), DatetimeAsISO()):
            t.register(transcoding)
    return made


def test_the_ledgers_events_are_stored_byte_for_byte_as_before(app):
    standard, fast = transcoders()
    for seed in sorted(SEEDS.iterdir()):
        app.ingest(read_path(seed))
    for n in app.recorder.select_notifications(start=1, limit=1000):
        state = standard.decode(n.state)
        assert fast.decode(n.state) == state
        assert fast.encode(state) == standard.encode(state) == n.state


def test_nested_registered_types_and_unusual_values():
    standard, fast = transcoders()
    value = {
        "id": uuid4(),
        "when": datetime(2024, 3, 1, 12, 30, tzinfo=UTC),
        "amount": Decimal("1.10"),
        "nested": {"ids": [uuid4(), {"deeper": uuid4()}], "tuple": (1, 2)},
        "text": "Café «quoted» \u2028 ☃",
        "big": 2**70,
        "tagged": {"_type_": "x", "other": 1},
    }
    for encoded in (fast.encode(value), standard.encode(value)):
        assert fast.decode(encoded) == standard.decode(encoded)
    assert (
        fast.decode(fast.encode(value))["nested"]["ids"][1]["deeper"]
        == value["nested"]["ids"][1]["deeper"]
    )


@pytest.mark.parametrize("x", [math.nan, math.inf, -math.inf])
def test_non_finite_floats_are_written_as_the_standard_library_writes_them(x):
    standard, fast = transcoders()
    assert fast.encode({"value": x}) == standard.encode({"value": x})
    decoded = fast.decode(fast.encode({"value": x}))["value"]
    assert decoded == x or (math.isnan(x) and math.isnan(decoded))


def test_unregistered_types_are_refused_as_before():
    _, fast = transcoders()
    with pytest.raises(TranscodingNotRegisteredError):
        fast.encode({"x": object()})


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text() | st.uuids(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4)
    ),
    max_leaves=12,
)


@given(st.dictionaries(st.text(max_size=8), json_values, max_size=6))
def test_any_state_reads_back_the_same_through_either_transcoder(state):
    standard, fast = transcoders()
    for encoded in (fast.encode(state), standard.encode(state)):
        a, b = fast.decode(encoded), standard.decode(encoded)
        assert repr(a) == repr(b)  # repr: NaN != NaN


def test_the_ledger_uses_it(app):
    assert isinstance(app.mapper.transcoder, OrjsonTranscoder)
