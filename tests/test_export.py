"""The archive: export every event with its seal; import reproduces the hashes and the views."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import dump, rows

KEY = "containers: North Korea -> Russia"


def fill(ledger, *home: str) -> None:
    """A small history: three claims, a correction, a review and a retraction."""
    ids = []
    for value, date in (("1000", "2023-10"), ("7000", "2024-03-18"), ("10000", "2024-06-16")):
        result = ledger(
            [*home, "append", "estimate", "--quote", f"North Korea sent “{value}” containers",
             "--source", "https://example.org/a", "--unit", "containers", "--value", value,
             "--metric-key", KEY, "--date", date, "--json"]
        )  # fmt: skip
        assert result.code == 0, result.err
        ids.append(result.json()["claim_id"])
    assert ledger([*home, "correct", ids[0], "value=1100", "--reason", "typo"]).code == 0
    assert ledger([*home, "review", ids[1], "accept", "--note", "checked"]).code == 0
    assert ledger([*home, "retract", ids[2], "--reason", "withdrawn"]).code == 0


def export(ledger, out: Path, *home: str) -> dict:
    result = ledger([*home, "export", "--out", str(out), "--json"])
    assert result.code == 0, result.err
    return result.json()


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_the_archive_is_canonical_json_lines_with_every_seal(ledger, store, tmp_path):
    fill(ledger)
    archive = tmp_path / "ledger.jsonl"
    summary = export(ledger, archive)

    header, *events, end = lines(archive)
    assert header == {"kind": "header", "format": "claims-ledger/archive", "version": 1}
    assert end == {"kind": "end", "events": 6, "head": summary["head"]}
    seals = store.sql(f"SELECT sequence, position, hash FROM {store.seals} ORDER BY sequence")
    assert [(e["sequence"], e["position"], e["hash"]) for e in events] == [tuple(s) for s in seals]
    assert all(json.loads(e["state"]) for e in events)  # the stored JSON, readable as it is
    for text in archive.read_text(encoding="utf-8").splitlines():
        assert text == json.dumps(
            json.loads(text), sort_keys=True, separators=(",", ":"), ensure_ascii=False
        )


def test_import_into_sqlite_reproduces_the_hashes_and_the_views(
    ledger, store, home, tmp_path, monkeypatch
):
    fill(ledger)
    archive = tmp_path / "ledger.jsonl"
    summary = export(ledger, archive)
    assert ledger("project").code == 0

    monkeypatch.delenv("LEDGER_STORE", raising=False)
    restored = tmp_path / "restored"
    result = ledger(["--home", str(restored), "import", str(archive), "--json"])
    assert result.code == 0, result.err
    assert result.json()["head"] == summary["head"]

    verified = ledger(["--home", str(restored), "audit", "verify", "--json"]).json()
    assert (verified["events"], verified["head"]) == (6, summary["head"])
    assert dump(restored / "projections.db") == dump(home / "projections.db")
    again = tmp_path / "again.jsonl"
    export(ledger, again, "--home", str(restored))
    assert again.read_bytes() == archive.read_bytes()


def test_import_from_sqlite_into_the_store_reproduces_the_hashes(
    ledger, store, tmp_path, monkeypatch
):
    monkeypatch.delenv("LEDGER_STORE", raising=False)
    source = tmp_path / "source"
    fill(ledger, "--home", str(source))
    archive = tmp_path / "ledger.jsonl"
    summary = export(ledger, archive, "--home", str(source))
    if store.url:
        monkeypatch.setenv("LEDGER_STORE", store.url)

    result = ledger(["import", str(archive)])
    assert result.code == 0, result.err
    assert ledger("audit verify --json").json()["head"] == summary["head"]
    assert store.count() == 6


def test_import_refuses_a_ledger_that_is_not_empty(ledger, store, tmp_path):
    fill(ledger)
    archive = tmp_path / "ledger.jsonl"
    export(ledger, archive)
    result = ledger(["import", str(archive)])
    assert result.code == 1 and "not empty" in result.err
    assert store.count() == 6


def test_a_compressed_store_is_archived_in_base64_and_comes_back_the_same(
    ledger, tmp_path, monkeypatch
):
    monkeypatch.setenv("COMPRESSOR_TOPIC", "eventsourcing.compressor:ZlibCompressor")
    fill(ledger)
    archive = tmp_path / "ledger.jsonl"
    summary = export(ledger, archive)
    events = lines(archive)[1:-1]
    assert all("state_base64" in e and "state" not in e for e in events)
    assert ledger(["--home", str(tmp_path / "copy"), "import", str(archive)]).code == 0
    copy = ledger(["--home", str(tmp_path / "copy"), "audit", "verify", "--json"]).json()
    assert copy["head"] == summary["head"]
    assert rows(tmp_path / "copy" / "projections.db", "SELECT count(*) AS n FROM claims") == [
        {"n": 3}
    ]


def _alter_state(ls: list[str]) -> list[str]:
    event = json.loads(ls[2])
    assert "7000" in event["state"]
    event["state"] = event["state"].replace("7000", "7001")
    return [*ls[:2], json.dumps(event, sort_keys=True, separators=(",", ":")), *ls[3:]]


def _renumbered_swap(ls: list[str]) -> list[str]:
    a, b = json.loads(ls[1]), json.loads(ls[2])
    a["sequence"], b["sequence"] = 2, 1
    return [ls[0], json.dumps(b), json.dumps(a), *ls[3:]]


def _field(ls: list[str], number: int, **changes: object) -> list[str]:
    event = {**json.loads(ls[number]), **changes}
    return [*ls[:number], json.dumps(event), *ls[number + 1 :]]


BROKEN = {
    "altered state": (_alter_state, "line 3: event 2 does not match its hash"),
    "deleted event": (lambda ls: [*ls[:2], *ls[3:]], "line 3: sequence 3 where 2 was expected"),
    "swapped events": (lambda ls: [ls[0], ls[2], ls[1], *ls[3:]], "sequence 2 where 1"),
    "swapped and renumbered": (_renumbered_swap, "line 2: event 1 does not match its hash"),
    "cut short": (lambda ls: ls[:-2], "no end line after 5 events"),
    "end line lies": (lambda ls: [*ls[:-2], ls[-1]], "the end line says 6 events"),
    "not JSON": (lambda ls: [*ls[:3], "{oops", *ls[3:]], "line 4: Invalid JSON"),
    "no header": (lambda ls: ls[1:], "line 1: the first line must be the archive header"),
    "newer format": (lambda ls: [ls[0].replace(":1}", ":2}"), *ls[1:]], "line 1: header.version"),
    "unknown field": (lambda ls: _field(ls, 1, colour="red"), "line 2: event.colour"),
    "two states": (lambda ls: _field(ls, 1, state_base64="AA=="), "exactly one of state"),
    "bad hash": (lambda ls: _field(ls, 1, hash="xyz"), "line 2: event.hash"),
    "empty": (lambda ls: [], "empty file, not an archive"),
}


@pytest.mark.parametrize("case", BROKEN)
def test_a_broken_archive_is_refused_and_changes_nothing(
    ledger, store, tmp_path, monkeypatch, case
):
    monkeypatch.delenv("LEDGER_STORE", raising=False)
    source = tmp_path / "source"
    fill(ledger, "--home", str(source))
    good = tmp_path / "good.jsonl"
    export(ledger, good, "--home", str(source))
    if store.url:
        monkeypatch.setenv("LEDGER_STORE", store.url)
    mutate, message = BROKEN[case]
    bad = tmp_path / "bad.jsonl"
    bad.write_text("".join(f"{line}\n" for line in mutate(good.read_text().splitlines())))

    result = ledger(["import", str(bad)])

    assert result.code == 1
    assert message in result.err, result.err
    assert result.err.startswith("error: ") and result.err.count("\n") == 1
    assert store.count() == 0


def test_binary_garbage_and_a_missing_file_are_refused(ledger, tmp_path):
    garbage = tmp_path / "garbage.jsonl"
    garbage.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe")
    assert "not UTF-8" in ledger(["import", str(garbage)]).err
    assert "No such file" in ledger(["import", str(tmp_path / "nope.jsonl")]).err
    assert ledger("stats --json").json()["events"] == 0


def test_a_tampered_ledger_is_not_exported(ledger, store, tmp_path):
    fill(ledger)
    store.sql(f"DELETE FROM {store.events} WHERE {store.position} = 2")
    out = tmp_path / "ledger.jsonl"
    result = ledger(["export", "--out", str(out)])
    assert result.code == 1 and "position 2" in result.err
    assert list(tmp_path.iterdir()) == [tmp_path / "ledger-data"]  # no file, no leftovers


def test_export_does_not_overwrite_without_force(ledger, tmp_path):
    fill(ledger)
    out = tmp_path / "ledger.jsonl"
    out.write_text("keep me")
    result = ledger(["export", "--out", str(out)])
    assert result.code == 2 and "--force" in result.err
    assert out.read_text() == "keep me"
    assert ledger(["export", "--out", str(out), "--force"]).code == 0
