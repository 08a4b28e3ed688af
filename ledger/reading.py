"""Reading an input into a Document: the exact text to store and the metadata found around it.

Reading never guesses silently: anything that is not a readable article raises ReadError with a
one-line message, before anything is appended to the ledger.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path

READER = "ledger.reading/0.1"
MAX_BYTES = 5_000_000
SUFFIXES = (".txt", ".md")


class ReadError(ValueError):
    """An input that cannot be read as an article."""


@dataclass(frozen=True)
class Overrides:
    """Metadata given by the user; it wins over anything found in the text."""

    url: str | None = None
    published: str | None = None
    outlet: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class Document:
    """The text as it will be stored (claim offsets index into it) and its provenance."""

    text: str
    source: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    published_evidence: str | None = None
    dropped: tuple[tuple[int, int, str], ...] = field(default=())
    """Spans of page furniture (start, end, reason) that extraction must not read."""

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def name(self) -> str:
        return Path(self.source).name if self.source else "-"


def decode(data: bytes, source: str) -> str:
    if not data.strip():
        raise ReadError(f"{source}: empty input")
    if len(data) > MAX_BYTES:
        raise ReadError(f"{source}: {len(data):,} bytes is more than the {MAX_BYTES:,} allowed")
    if b"\x00" in data:
        raise ReadError(f"{source}: binary data, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ReadError(f"{source}: not UTF-8 text (byte {e.start})") from None


def read_bytes(data: bytes, *, source: str, overrides: Overrides | None = None) -> Document:
    text = decode(data, source)
    title = next((line.strip() for line in text.splitlines() if line.strip()), None)
    doc = Document(text=text, source=source, title=title)
    return apply_overrides(doc, overrides or Overrides())


def apply_overrides(doc: Document, overrides: Overrides) -> Document:
    given = {k: v for k, v in vars(overrides).items() if v is not None}
    if "published" in given:
        given["published_evidence"] = "given on the command line"
    return replace(doc, **given)


def read_path(path: Path, overrides: Overrides | None = None) -> Document:
    try:
        data = path.read_bytes()
    except OSError as e:
        raise ReadError(f"{path}: {e.strerror or e}") from None
    return read_bytes(data, source=str(path), overrides=overrides)


def find_inputs(paths: list[Path]) -> list[Path]:
    """Expand folders into their article files, in a stable order; refuse what does not exist."""
    found: list[Path] = []
    for p in paths:
        if p.is_dir():
            found.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix in SUFFIXES))
        elif p.exists():
            found.append(p)
        else:
            raise ReadError(f"{p}: no such file or folder")
    return found
