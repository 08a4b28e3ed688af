"""The article as extraction reads it: paragraphs and sentences of the stored text.

Offsets always index the stored text. A paragraph is a line; the headline is the line the reader
found (and any line repeating it), the lede the first paragraph of running text that is not a
standfirst (one the byline, date or picture follow). Datelines ('ARDEN, Aug 21 (Reuters) - ') are
cut from the front of a sentence, and their wire tag is kept as the article's reporting outlet;
so is a wire credit on a line of its own ('Agence France-Presse', '- AFP'), furniture or not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ledger.reading import Document

_ABBREV = frozenset(
    """mr mrs ms dr lt gen col maj capt sgt st no nos vs approx est inc corp co ltd jan feb mar apr
    jun jul aug sep sept oct nov dec prof sen rep gov rev fig e.g i.e a.m p.m u.s u.n u.k e.u
    jr sr ft mt pt vol""".split()
)
_BOUNDARY = re.compile(r"[.!?]+[\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9\u00C0-\u024F])")
_LAST_WORD = re.compile(r"([\w.]+)\.*$")
_INITIALS = re.compile(r"(?:[a-z]\.)*[a-z]")
_PLACE_WORD = r"[A-ZÀ-Þ][^\W\d_]*(?:['’.-][^\W\d_]*)*"
"""A capitalised word of a place, accents included ('BOGOTÁ', 'Côte', "N'Djamena")."""
_DATELINE = re.compile(
    rf"^(?P<place>{_PLACE_WORD}(?:[ ,]+(?:\([^)]{{1,30}}\)|{_PLACE_WORD})){{0,4}}?)"
    r"(?:,?\s+(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}))?(?P<tags>(?:\s*\([^)]{1,30}\))*)\s*(?:[-–—]+|:)\s+(?=\S)"
)
_WIRES = r"AP|AFP|Reuters|Xinhua|dpa|ANI|IANS|PTI|UPI|Kyodo|Yonhap|Bernama|Anadolu"
WIRES = frozenset(_WIRES.split("|"))
"""News agencies: a source that 'told AFP' in a story tells whose story it is."""
_WIRE_TAG = re.compile(rf"\((?P<tag>{_WIRES}|[A-Z][a-zA-Z]+wire)\)")
_CREDIT_LINE = re.compile(
    rf"^[ \t\-–—•]*(?P<tag>{_WIRES}|Agence France[- ]Presse|(?:The )?Associated Press)[ \t.]*$",
    re.MULTILINE,
)
_TOP_FURNITURE = frozenset({"byline", "byline date", "timestamp", "photo caption"})


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int
    role: str
    """headline | standfirst (a summary between the headline and the lede) | lede | body"""


@dataclass(frozen=True)
class Article:
    sentences: tuple[Sentence, ...]
    wire: str | None
    """The wire service a dateline or end tag credits ('(Reuters)', '(AP)'), if any."""


def _is_dropped(start: int, end: int, dropped: list[tuple[int, int, str]]) -> bool:
    return any(
        (s <= start and end <= e)
        or (s < end and start < e and (min(e, end) - max(s, start)) * 2 > end - start)
        for s, e, _ in dropped
    )


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans in text[start:end], not splitting after abbreviations or initials."""
    spans: list[tuple[int, int]] = []
    cursor = start
    for m in _BOUNDARY.finditer(text, start, end):
        word = _LAST_WORD.search(text, max(cursor, m.start() - 40), m.start() + 1)
        before = (word.group(1) if word else "").lower().rstrip(".")
        if before in _ABBREV or _INITIALS.fullmatch(before):
            continue
        stop = m.start() + len(m.group().rstrip())
        spans.append((cursor, stop))
        cursor = m.end()
    if cursor < end:
        spans.append((cursor, end))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def read_article(doc: Document) -> Article:
    """Sentences of the article text in reading order, with their paragraph and role."""
    text = doc.text
    dropped = sorted(doc.dropped)
    headline_text = text[doc.headline[0] : doc.headline[1]] if doc.headline else None
    sentences: list[Sentence] = []
    wire = None
    spans = paragraphs(text, dropped)
    lede_text = _lede(text, spans, dropped, headline_text)
    before_lede = lede_text is not None
    for paragraph, (s, e) in enumerate(spans, start=1):
        line = text[s:e]
        before_lede = before_lede and line != lede_text
        if headline_text and line == headline_text:
            role = "headline"
        elif line == lede_text:
            role = "lede"
        else:
            role = "standfirst" if before_lede else "body"
        if role != "headline" and (d := _DATELINE.match(line)) and _is_dateline(d):
            if t := _WIRE_TAG.search(d.group()):
                wire = wire or t["tag"]
            s += d.end()
        elif t := _WIRE_TAG.search(line[-12:]):
            wire = wire or t["tag"]
        for a, b in split_sentences(text, s, e):
            sentences.append(Sentence(a, b, text[a:b], paragraph, role))
    if wire is None and (credit := _CREDIT_LINE.search(text)):
        wire = credit["tag"]
    return Article(tuple(sentences), wire)


def _lede(
    text: str,
    spans: list[tuple[int, int]],
    dropped: list[tuple[int, int, str]],
    headline: str | None,
) -> str | None:
    """The first paragraph of running text; a standfirst, followed by the byline, the date or a
    picture before the story starts, is skipped."""
    prose = [(s, e) for s, e in spans if len(text[s:e].split()) >= 12 and text[s:e] != headline]
    for n, (s, e) in enumerate(prose[:2]):
        nxt = prose[n + 1][0] if n + 1 < len(prose) else len(text)
        if not any(e <= a < nxt and why in _TOP_FURNITURE for a, _, why in dropped):
            return text[s:e]
    return text[prose[0][0] : prose[0][1]] if prose else None


def paragraphs(text: str, dropped: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """Spans of the paragraphs extraction reads: lines, or for hard-wrapped text, line blocks.

    A page saved at a fixed width breaks sentences across lines; when most long lines end
    without sentence punctuation, consecutive kept lines join into one paragraph.
    """
    lines = []
    for m in re.finditer(r"[^\n]+", text):
        raw = m.group()
        s, e = m.start() + len(raw) - len(raw.lstrip()), m.end() - (len(raw) - len(raw.rstrip()))
        if s < e and not _is_dropped(s, e, dropped):
            lines.append((s, e))
    long = [text[s:e] for s, e in lines if e - s >= 40]
    open_ended = sum(1 for t in long if not t.endswith((".", "!", "?", ":", '"', "”", "’", ")")))
    if len(long) < 4 or open_ended * 2 <= len(long):
        return lines
    joined: list[tuple[int, int]] = []
    for s, e in lines:
        if joined and text[joined[-1][1] : s].count("\n") == 1:
            joined[-1] = (joined[-1][0], e)
        else:
            joined.append((s, e))
    return joined


def _is_dateline(m: re.Match[str]) -> bool:
    place = m["place"]
    return bool(
        m["date"] or m["tags"].strip() or (len(place) > 2 and place.split(",")[0].isupper())
    )
