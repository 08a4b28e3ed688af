"""Reading an input into a Document: the exact text to store and the metadata found around it.

Reading never guesses silently: anything that is not a readable article raises ReadError with a
one-line message, before anything is appended to the ledger. Plain text and Markdown are stored
exactly as given (front matter and a leading source-address line included, but recorded as
dropped spans); HTML is stored as the main text trafilatura extracts from it (see `html`).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from ledger.reading.calendar import find_dates
from ledger.reading.frontmatter import parse_front_matter
from ledger.reading.furniture import layout, masthead_name
from ledger.reading.html import looks_like_html, read_html
from ledger.reading.published import find_published

READER = "ledger.reading/0.2"
MAX_BYTES = 5_000_000
SUFFIXES = (".txt", ".md", ".html", ".htm")
_URL_LINE = re.compile(r"\A\s*(?P<url>https?://\S+)[ \t]*(?:\r?\n|\Z)")
_ISO_DATE = re.compile(r"^(?:19|20)\d\d(?:-[01]\d(?:-[0-3]\d)?)?$")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")


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
    published_weak: bool = False
    """True when only weak evidence (a page banner) dated the article."""
    headline: tuple[int, int] | None = None
    """Span of the article's headline in `text`, when the reader found one."""

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def name(self) -> str:
        return Path(self.source).name if self.source and self.source != "-" else "-"


def decode(data: bytes, source: str) -> str:
    if not data.strip():
        raise ReadError(f"{source}: empty input")
    if len(data) > MAX_BYTES:
        raise ReadError(f"{source}: {len(data):,} bytes is more than the {MAX_BYTES:,} allowed")
    if b"\x00" in data:
        raise ReadError(f"{source}: binary data, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ReadError(f"{source}: not UTF-8 text (byte {e.start})") from None
    if len(_CONTROL.findall(text[:4096])) > 8:
        raise ReadError(f"{source}: binary data, not text")
    return text


def read_bytes(data: bytes, *, source: str, overrides: Overrides | None = None) -> Document:
    """Read one input (file contents or standard input, source '-') into a Document."""
    text = decode(data, source)
    if looks_like_html(text) or source.lower().endswith((".html", ".htm")):
        doc = _read_html(text, source)
    else:
        doc = _read_plain(text, source)
    return apply_overrides(doc, overrides or Overrides())


def _read_plain(text: str, source: str) -> Document:
    meta, body_start = parse_front_matter(text)
    dropped: list[tuple[int, int, str]] = []
    if body_start:
        dropped.append((0, body_start, "front matter"))
    url = meta.get("url")
    if m := _URL_LINE.match(text, body_start):
        url = url or m["url"]
        dropped.append((m.start("url"), m.end("url"), "source address"))
        body_start = m.end()
    if not text[body_start:].strip():
        raise ReadError(f"{source}: no article text")
    page = layout(text, body_start, url)
    dropped.extend(page.dropped)
    headline = (page.headline.start, page.headline.end) if page.headline else None
    published = find_published(text, page, url)
    date, evidence, weak = published.date, published.evidence, published.weak
    if "published" in meta:
        date, evidence, weak = (
            _given_date(meta["published"], source),
            "front matter 'published'",
            False,
        )
    return Document(
        text=text,
        source=source,
        url=url,
        title=meta.get("title") or (page.headline.text if page.headline else None),
        outlet=meta.get("outlet") or masthead_name(text, page) or _host(url),
        published=date,
        published_evidence=evidence,
        dropped=tuple(sorted(dropped)),
        published_weak=weak,
        headline=headline,
    )


def _read_html(markup: str, source: str) -> Document:
    try:
        page = read_html(markup)
    except Exception as e:  # trafilatura/lxml raise many kinds on broken markup
        raise ReadError(f"{source}: malformed HTML ({type(e).__name__})") from None
    if page is None or len(page.text.split()) < 5:
        raise ReadError(f"{source}: no article text found in the HTML")
    doc = _read_plain(page.text, source)
    found = {"title": page.title, "outlet": page.outlet, "url": page.url}
    doc = replace(doc, **{k: v for k, v in found.items() if v})
    if page.published:
        doc = replace(
            doc,
            published=page.published,
            published_evidence="HTML page date (htmldate)",
            published_weak=False,
        )
    return doc


def _host(url: str | None) -> str | None:
    """'https://www.apnews.com/article/...' -> 'apnews.com', when nothing else names the outlet."""
    m = re.match(r"[a-z]+://(?:www\.)?([^/:?#]+)", url or "", re.I)
    return m[1].lower() if m else None


def _given_date(value: str, source: str) -> str:
    """A user-given date as ISO (full or partial); 'March 18, 2024' style is accepted too."""
    value = value.strip()
    if _ISO_DATE.match(value):
        return value
    found = find_dates(value)
    if found and found[0].year and (d := found[0].on(found[0].year)):
        return d.isoformat()
    raise ReadError(f"{source}: cannot read the date {value!r} (use YYYY-MM-DD)")


def apply_overrides(doc: Document, overrides: Overrides) -> Document:
    given = {k: v for k, v in vars(overrides).items() if v is not None}
    if "published" in given:
        given["published"] = _given_date(given["published"], doc.source or "-")
        given["published_evidence"] = "given on the command line"
        given["published_weak"] = False
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
        if str(p) == "-":
            found.append(p)
        elif p.is_dir():
            found.extend(
                sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES)
            )
        elif p.exists():
            found.append(p)
        else:
            raise ReadError(f"{p}: no such file or folder")
    return found
