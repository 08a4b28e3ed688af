"""Signed checkpoints: a small note saying "this log had SIZE events ending in ROOT", signed.

The format is the signed note of transparency logs (C2SP signed-note and tlog-checkpoint), so
the same tools and habits apply:

    claims-ledger/3f2a9c0b1d4e5f60        <- origin: names the log (its first seal)
    1234                                  <- size: events in the log
    q1Jc7u0...=                           <- root: the seal of event SIZE, base64

    — claims-ledger Ab12Cd...==           <- signature line(s)

A signature line is an em dash, the key name, and base64 of the 4-byte key id followed by the
Ed25519 signature of the text above the blank line. The key id is the first 4 bytes of
SHA-256(name, "\\n", 0x01, public key). The verifier key is written as `name+keyid+base64`,
with keyid in hex and the key prefixed by its algorithm byte 0x01.

The private key lives in $LEDGER_HOME/keys/ledger.key (created on first use, mode 0600); give
the public key (`ledger audit key`) to whoever will check your checkpoints, and keep
checkpoints away from the ledger's own disk: a checkpoint is what catches a rewritten or
truncated log that still chains.
"""

from __future__ import annotations

import base64
import binascii
import os
from dataclasses import dataclass
from hashlib import sha256
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

KEY_NAME = "claims-ledger"
ED25519 = b"\x01"
DASH = "\u2014"


class CheckpointError(ValueError):
    """A checkpoint or key that cannot be used; the message is one line for the user."""


@dataclass(frozen=True)
class Checkpoint:
    origin: str
    size: int
    root: str
    """Hex seal of event number `size`."""

    def body(self) -> str:
        root = base64.b64encode(bytes.fromhex(self.root)).decode()
        return f"{self.origin}\n{self.size}\n{root}\n"


def origin_for(first_seal: str) -> str:
    """A log is named by its first seal: the same log (or an import of it) keeps its name."""
    return f"{KEY_NAME}/{first_seal[:16]}"


@dataclass(frozen=True)
class VerifierKey:
    name: str
    key_id: bytes
    public: Ed25519PublicKey

    @classmethod
    def parse(cls, text: str) -> VerifierKey:
        try:
            name, key_id, key = text.strip().split("+", 2)
            raw = base64.b64decode(key, validate=True)
            if not name or raw[:1] != ED25519 or len(raw) != 33:
                raise ValueError
            public = Ed25519PublicKey.from_public_bytes(raw[1:])
        except (ValueError, binascii.Error):
            raise CheckpointError("not a verifier key (expected name+keyid+base64)") from None
        found = cls.of(name, public)
        if found.key_id.hex() != key_id.lower():
            raise CheckpointError(f"verifier key {name}+{key_id}: the key id does not match")
        return found

    @classmethod
    def of(cls, name: str, public: Ed25519PublicKey) -> VerifierKey:
        raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        return cls(name, sha256(name.encode() + b"\n" + ED25519 + raw).digest()[:4], public)

    def __str__(self) -> str:
        raw = self.public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        return f"{self.name}+{self.key_id.hex()}+{base64.b64encode(ED25519 + raw).decode()}"


def signing_key(keys: Path) -> Ed25519PrivateKey:
    """The ledger's key, created on first use (private key readable by its owner only)."""
    path = keys / "ledger.key"
    if not path.exists():
        keys.mkdir(mode=0o700, parents=True, exist_ok=True)
        pem = Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process made it meanwhile: use theirs
            pass
        else:
            with os.fdopen(fd, "wb") as f:
                f.write(pem)
        public = VerifierKey.of(KEY_NAME, _load(path).public_key())
        (keys / "ledger.pub").write_text(f"{public}\n")
    return _load(path)


def _load(path: Path) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise CheckpointError(f"{path}: not an Ed25519 private key")
    return key


def verifier(keys: Path) -> VerifierKey:
    """This ledger's own verifier key (from its private key, so it cannot be swapped alone)."""
    if not (keys / "ledger.key").exists():
        raise CheckpointError(f"no key in {keys}: give the signer's key with --key")
    return VerifierKey.of(KEY_NAME, _load(keys / "ledger.key").public_key())


def sign(checkpoint: Checkpoint, key: Ed25519PrivateKey) -> str:
    body = checkpoint.body()
    public = VerifierKey.of(KEY_NAME, key.public_key())
    signature = base64.b64encode(public.key_id + key.sign(body.encode())).decode()
    return f"{body}\n{DASH} {KEY_NAME} {signature}\n"


def open_note(text: str, key: VerifierKey) -> Checkpoint:
    """The checkpoint in a signed note, if `key` signed it; CheckpointError otherwise."""
    body, sep, signatures = text.partition("\n\n")
    lines = body.split("\n")
    if not sep or len(lines) != 3 or not lines[1].isdigit():
        raise CheckpointError("not a signed checkpoint (expected origin, size, root, signature)")
    try:
        root = base64.b64decode(lines[2], validate=True)
    except binascii.Error:
        root = b""
    if len(root) != 32:
        raise CheckpointError("not a signed checkpoint: the root is not a base64 SHA-256")
    signed = (body + "\n").encode()
    for line in signatures.splitlines():
        dash, _, rest = line.partition(" ")
        name, _, blob = rest.partition(" ")
        if dash != DASH or name != key.name:
            continue
        try:
            raw = base64.b64decode(blob, validate=True)
        except binascii.Error:
            continue
        if raw[:4] != key.key_id:
            continue
        try:
            key.public.verify(raw[4:], signed)
        except InvalidSignature:
            raise CheckpointError(f"the signature by {key.name} does not verify") from None
        return Checkpoint(lines[0], int(lines[1]), root.hex())
    raise CheckpointError(f"the checkpoint is not signed by {key.name}+{key.key_id.hex()}")
