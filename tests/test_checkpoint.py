"""Signed checkpoints: prove the log still begins with what a checkpoint saw."""

from __future__ import annotations

import base64
import stat

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ledger.audit.checkpoint import VerifierKey
from ledger.audit.seal import Chain

KEY = "containers: North Korea -> Russia"


def append(ledger, value: str, *home: str) -> None:
    result = ledger(
        [*home, "append", "estimate", "--quote", f"sent {value} containers", "--source", "s",
         "--unit", "containers", "--value", value, "--metric-key", KEY]
    )  # fmt: skip
    assert result.code == 0, result.err


@pytest.fixture
def checkpoint(ledger, home, tmp_path):
    for value in ("1000", "7000", "10000"):
        append(ledger, value)
    path = tmp_path / "checkpoint.txt"
    result = ledger(f"audit checkpoint --out {path}")
    assert result.code == 0, result.err
    return path


@pytest.mark.usefixtures("store")  # on SQLite and PostgreSQL
def test_a_checkpoint_is_a_signed_note_with_origin_size_and_root(ledger, checkpoint):
    origin, size, root, blank, signature = checkpoint.read_text().split("\n")[:5]
    head = ledger("audit verify --json").json()["head"]
    assert origin.startswith("claims-ledger/") and size == "3" and blank == ""
    assert base64.b64decode(root).hex() == head
    dash, name, blob = signature.split(" ")
    assert (dash, name) == ("\u2014", "claims-ledger")
    assert len(base64.b64decode(blob)) == 4 + 64  # key id + Ed25519 signature


def test_the_key_is_created_on_first_use_readable_by_its_owner_only(ledger, home, checkpoint):
    private = home / "keys" / "ledger.key"
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    vkey = ledger("audit key").out.strip()
    assert vkey.startswith("claims-ledger+") and len(vkey.split("+", 2)[1]) == 8
    assert (home / "keys" / "ledger.pub").read_text().strip() == vkey
    assert ledger(f"audit checkpoint --out {checkpoint} --force").code == 0
    assert ledger("audit key").out.strip() == vkey  # the same key is used again


def test_the_log_extends_its_checkpoint_as_it_grows(ledger, store, checkpoint):
    result = ledger(f"audit verify --checkpoint {checkpoint} --json")
    assert result.code == 0, result.err
    assert result.json()["checkpoint"]["size"] == 3
    append(ledger, "13000")
    result = ledger(f"audit verify --checkpoint {checkpoint}")
    assert result.code == 0, result.err
    assert "extends the checkpoint of 3 events" in result.out


def test_a_rewritten_log_that_still_chains_is_caught_by_the_checkpoint(ledger, store, checkpoint):
    """An attacker who alters an event and recomputes every seal after it."""
    state = bytes(store.sql(f"SELECT state FROM {store.events} WHERE {store.position} = 2")[0][0])
    store.sql(
        f"UPDATE {store.events} SET state = ? WHERE {store.position} = 2",
        (state.replace(b"7000", b"8000"),),
    )
    rows = store.sql(
        f"SELECT originator_id, originator_version, topic, state, {store.position}"
        f" FROM {store.events} ORDER BY {store.position}"
    )

    class Row:  # what the recorders pass to Chain.seal
        def __init__(self, r):
            self.originator_id, self.originator_version, self.topic, self.state = r[:4]
            self.state = bytes(self.state)

    for seal, sequence, _ in Chain().seal([Row(r) for r in rows], [r[4] for r in rows]):
        store.sql(f"UPDATE {store.seals} SET hash = ? WHERE sequence = ?", (seal, sequence))
    assert ledger("audit verify").code == 0  # the chain alone cannot tell

    result = ledger(f"audit verify --checkpoint {checkpoint}")
    assert result.code == 1
    assert "not those the checkpoint saw: the log was rewritten" in result.err


def test_a_checkpoint_signed_by_another_key_is_refused(ledger, tmp_path, checkpoint):
    other, theirs = tmp_path / "other", tmp_path / "theirs.txt"
    append(ledger, "1000", "--home", str(other))
    assert ledger(f"--home {other} audit checkpoint --out {theirs}").code == 0

    result = ledger(f"audit verify --checkpoint {theirs}")
    assert result.code == 1
    assert "is not signed by claims-ledger+" in result.err

    # With the other ledger's verifier key the signature holds, but it saw another log.
    vkey = tmp_path / "other.vkey"
    vkey.write_text(ledger(f"--home {other} audit key").out)
    result = ledger(f"audit verify --checkpoint {theirs} --key {vkey}")
    assert result.code == 1 and "rewritten" in result.err
    assert ledger(f"--home {other} audit verify --checkpoint {theirs} --key {vkey}").code == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "not a signed checkpoint"),
        ("hello\n", "not a signed checkpoint"),
        ("\x00\x01garbage", "not a signed checkpoint"),
        ("claims-ledger/x\n3\nnot-base64!\n\n\u2014 claims-ledger AAAA\n", "root is not"),
    ],
)
def test_a_garbage_checkpoint_is_a_one_line_error(ledger, checkpoint, tmp_path, content, message):
    bad = tmp_path / "bad.txt"
    bad.write_text(content)
    result = ledger(f"audit verify --checkpoint {bad}")
    assert result.code == 1
    assert message in result.err and result.err.count("\n") == 1


def test_an_altered_checkpoint_does_not_verify(ledger, checkpoint):
    lines = checkpoint.read_text().split("\n")
    lines[1] = "2"  # claim the log was shorter
    checkpoint.write_text("\n".join(lines))
    result = ledger(f"audit verify --checkpoint {checkpoint}")
    assert result.code == 1 and "does not verify" in result.err


def test_verifier_keys_read_back_whatever_their_base64_holds():
    for _ in range(50):  # base64 often contains "+", the field separator
        key = VerifierKey.of("claims-ledger", Ed25519PrivateKey.generate().public_key())
        assert str(VerifierKey.parse(str(key))) == str(key)


def test_a_bad_key_file_and_an_empty_ledger_are_one_line_errors(ledger, checkpoint, tmp_path):
    vkey = tmp_path / "bad.vkey"
    vkey.write_text("nonsense")
    result = ledger(f"audit verify --checkpoint {checkpoint} --key {vkey}")
    assert result.code == 1 and "not a verifier key" in result.err
    missing = ledger(f"audit verify --checkpoint {tmp_path / 'nope.txt'}")
    assert missing.code == 1 and "nope.txt: cannot read: No such file" in missing.err
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\xff\xfe\x00")
    assert "not UTF-8 text" in ledger(f"audit verify --checkpoint {binary}").err
    alone = ledger(f"audit verify --key {vkey}")
    assert alone.code == 2 and "give the checkpoint too" in alone.err
    empty = ledger(f"--home {tmp_path / 'empty'} audit checkpoint")
    assert empty.code == 1 and "the ledger is empty" in empty.err
    exists = ledger(f"audit checkpoint --out {checkpoint}")
    assert exists.code == 2 and "--force" in exists.err
