"""Page furniture: the parts of a saved page that are not the article's own text.

Works on lines, because that is how a page saved as text keeps its layout: mastheads, date
banners, breadcrumbs, bylines, captions, share counters, "Read also" lists, donation appeals and
copyright footers each sit on lines of their own. Furniture is only recorded as (start, end,
reason) spans, never cut out, so that claim offsets keep pointing into the stored text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from ledger.reading.calendar import find_dates, find_page_dates

_LINE = re.compile(r"[^\n]*\n?")
_URL_LINE = re.compile(r"^\s*(?:https?://|www\.)\S+\s*$")
_RELATED = re.compile(
    r"^\W*(?:related(?:\s+(?:posts?|articles?|stories|news|coverage|content|reading|topics|links))?"
    r"|read\s+(?:also|more|next)|recommended(?:\s+(?:stories|articles|reading|videos))?|editor'?s\s+picks?"
    r"|list\s+of\s+\d+\s+items|in\s+other\s+news|also\s+on\s+\w+|from\s+the\s+section"
    r"|also\s+read|see\s+also|more\s+(?:from|on|stories|news)\b.*|most\s+(?:read|popular|viewed|shared)(?:\s+(?:in|on|from)\s+\w+(?:\s+\w+)?)?"
    r"|recommended(?:\s+for\s+you)?|you\s+may\s+(?:also\s+)?like|popular\s+(?:now|stories)"
    r"|trending(?:\s+now)?|latest(?:\s+(?:news|stories))?|top\s+stories|further\s+reading)\W*$",
    re.IGNORECASE,
)
_COMMENTS = re.compile(
    r"^\W*(?:leave\s+a\s+(?:comment|reply)|join\s+the\s+(?:conversation|discussion)|\d+\s+comments?"
    r"|comments\s+are\s+closed|show\s+comments|view\s+comments|reader\s+comments)\W*$",
    re.IGNORECASE,
)
"""The start of a comment section: readers' words, not the article's, to the end of the page."""
_INLINE_RELATED = re.compile(
    r"^\W*(?:related|read\s+(?:also|more)|also\s+read|see\s+also|watch|listen|trending|breaking)"
    r"\s*[:|>»→-]\s*\S",
    re.IGNORECASE,
)
_LIST_ITEM = re.compile(r"^\s*(?:[-•*→»▪◦·]|\d{1,2}[.)])\s+\S")
_CAPTION = re.compile(
    r"[Pp]hoto(?:graph)?\s*(?::|by\b)|\([Pp]hoto\b|\[[Pp]hoto\]|\b[Ff]ile\s+[Pp]hoto\b|\b[Ii]mage\s*:"
    r"|\b[Cc]redit\s*(?::|\.\.\.|…)|\b[Pp]icture\s*:|📷|\bREUTERS/|\bAFP/|\bAP\s+Photo\b|\bGetty\s+Images\b"
    r"|[a-z]Image\s*:"
    r"|\bEPA(?:-EFE)?/|©\s*\w|\bPHOTO\b|\[(?:File|Photo|Image|Picture)\s*:"
)
_CREDITED = re.compile(
    r"\([^()]{2,60}[/:][^()]{2,60}\)\s*$"
    r"|\b[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3}\s?/\s?[A-Z][\w&.-]*(?:\s?/\s?\w[\w .&-]*)?\s*$"
)
"""A picture's credit at the end of its caption: '... (ABC Far North: Dominic Cullen)',
'... (Frédéric Pépin/CBC)', '... Chris Dalton/AP'; or an AP caption's 'FILE - '."""
_FILE = re.compile(r"FILE\s*[-–—:]\s")
_COPYRIGHT = re.compile(r"^\W*(?:©|\(c\)|copyright\b)|all\s+rights\s+reserved", re.IGNORECASE)
_BYLINE = re.compile(
    r"^\s*(?:(?:written\s+|reporting\s+|posted\s+|words\s+)?by\s+(?-i:[A-Z\u00C0-\u024F])"
    r"|\(?(?:reporting|additional\s+reporting|writing|editing)\s+by\b)",
    re.IGNORECASE,
)
_STAMP = re.compile(
    r"^\W*(?:published|updated|posted|modified|last\s+updated|first\s+published)\b"
    r"|^this\s+article\s+is\s+(?:more\s+than\s+)?\w+\s+(?:years?|months?)\s+old\W*$",
    re.IGNORECASE,
)
_STAMP_PART = re.compile(
    r"(?:\s[|·•]\s|\s{2,})(?:published|updated|posted|modified|last\s+updated)\b\s*:?\s*\S",
    re.IGNORECASE,
)
"""A timestamp among other parts of a line: the byline's names, the outlet, the update time."""
_NOTE = re.compile(r"^\W*editor['’]s\s+note\s*:", re.IGNORECASE)
_READ_TIME = re.compile(
    r"\b\d+\s*(?:min(?:ute)?s?)\s+read\b|\b(?:updated|posted)\s+\d+\s+\w+\s+ago\b", re.I
)
_TIME = re.compile(
    r"\b\d{1,2}(?:[:h.]\d{2})?\s*[ap]\.?m\.?(?!\w)|\b\d{1,2}[:h]\d{2}\b", re.IGNORECASE
)
"""A clock time: '10:00pm', '9h30', '5:02 p.m.', and '6.15pm' as Australian and British pages
print it."""
_WEATHER = re.compile(r"-?\d+\s*°\s*[CF]\b")
_SEPARATORS = re.compile(r"\s(?:[|·›»>/-]|—|–)\s|\s*[|›»]\s*")
_APPEAL = re.compile(
    r"\b(?:donat\w*|support\s+(?:us|our|the\s+\w+)|become\s+a\s+(?:patron|member|subscriber)"
    r"|subscribe\w*|readers\s+like\s+you|join\s+our\s+community|a\s+gift\s+of|keep\s+(?:the|our)\s+\w+"
    r"\s+(?:independent|free)|fund\s+our|help\s+us\s+(?:produce|report|keep|continue)"
    r"|newsletter|sign\s+up|(?:fund|support)\s+(?:independent|quality|our)\s+journalism)\b",
    re.IGNORECASE,
)
_PER_MONTH = re.compile(r"[$€£]\s?\d+\s*(?:per|a|/)\s*month|\bmonthly\b", re.IGNORECASE)
_OFFER = re.compile(
    r"(?:subscri\w*|membership|unlimited\s+access|digital\s+access|free\s+trial|trial)\b"
    r"[^.]{0,40}?[$€£]\s?\d|[$€£]\s?\d+(?:\.\d\d)?\s*(?:for|a|per|/)\s*(?:\d+\s+|one\s+|the\s+first\s+)?"
    r"(?:weeks?|months?|years?)\b",
    re.IGNORECASE,
)
"""A price offered to the reader: 'only $1 for 4 weeks', 'a subscription starting at $1'."""
_SECOND_PERSON = re.compile(r"\b(?:you|your|our|us|we)\b", re.IGNORECASE)
_REPORTED = re.compile(r"\b(?:said|says|told|according\s+to)\b")
_COPYRIGHT_HINT = re.compile("©|\\(c\\)|copyright|rights reserved")
_CAPTION_HINT = re.compile("photo|image|credit|picture|reuters/|afp/|getty|epa|©|📷|file:")
_APPEAL_HINT = re.compile(
    "donat|support|patron|subscri|readers like|join our|gift of|independent|free|fund our|help us"
    "|newsletter|sign up|access|trial|membership"
)
_SOCIAL = re.compile(
    r"^\W*(?:share(?:\s+(?:this|post|on|article))?|tweet|comments?|advertisement|sponsored"
    r"|print|email|save|follow\s+us|open\s+in\s+full\s+screen\s+mode|skip\s+to|sign\s+in|log\s+in"
    r"|listen\s+to\s+this|accessibility|cookie|menu|search|subscribe|watch\s+live|click\s+here"
    r"|save\s+(?:this\s+)?articles?)\b.{0,60}$",
    re.IGNORECASE,
)
_TICKER = re.compile(r"\W*(?:live\s*\|\s*)?(?:ticker|markets?)\s*:", re.IGNORECASE)
"""A ticker's label at the start of a line ('Markets:'); arrows anywhere are checked literally."""
_DIGIT_RE = re.compile(r"\d")
_TEASER_END = re.compile(r"(?:\.\.\.|…|read\s+more|\?)\s*$", re.IGNORECASE)
"""How a teaser in a list of links ends: '...', 'Read more', or a question ('Could it?')."""
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]?\s*$")


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    """End of the line's text, without its newline."""
    text: str

    @cached_property
    def words(self) -> int:
        return len(self.text.split())

    @cached_property
    def is_prose(self) -> bool:
        """A paragraph of running text, the thing furniture is not."""
        return self.words >= 12 and bool(_SENTENCE_END.search(self.text))


@dataclass(frozen=True)
class Layout:
    dropped: tuple[tuple[int, int, str], ...]
    headline: Line | None
    lines: tuple[Line, ...]


def split_lines(text: str, start: int = 0) -> list[Line]:
    """Non-blank lines of `text` from offset `start`, with their offsets, spaces trimmed."""
    lines = []
    for m in _LINE.finditer(text, start):
        raw = m.group().rstrip("\n")
        stripped = raw.strip()
        if not stripped:
            continue
        lead = len(raw) - len(raw.lstrip())
        lines.append(Line(m.start() + lead, m.start() + lead + len(stripped), stripped))
    return lines


def _is_dateish(line: Line) -> bool:
    """A line that is mostly a date or a timestamp (banner, byline date, 'Published ...')."""
    dates = find_page_dates(line.text)
    if not dates:
        return False
    rest = line.text
    for d in reversed(dates):
        rest = rest[: d.start] + rest[d.end :]
    rest = _TIME.sub(" ", rest).strip()
    return len(re.findall(r"[A-Za-z]{3,}", rest)) <= 6 and not _SENTENCE_END.search(rest)


def _label(line: Line) -> bool:
    """Short lines without sentence punctuation: mastheads, section names, breadcrumbs, buttons.

    A breadcrumb may end with the headline itself ('Home / Cities / Devgarh Metro cost ...').
    """
    if _SENTENCE_END.search(line.text):
        return False
    parts = [p for p in _SEPARATORS.split(line.text) if p.strip()]
    if len(parts) > 2 and parts[0].strip().lower() in _NAV_WORDS:
        return all(len(p.split()) <= 4 for p in parts[:-1])
    items = _MENU_GAP.split(line.text)  # 'Home  News  Sports  Obituaries  Contact Us'
    if len(items) >= 4 and all(len(p.split()) <= 3 for p in items):
        return True
    return line.words <= 3 or (len(parts) > 1 and all(len(p.split()) <= 4 for p in parts))


_MENU_GAP = re.compile(r"\s{2,}")


def _quotes(line: Line) -> bool:
    """Market or score quotes strung on one line: 'Dow 41,250 | Brent $78.20 | EUR/USD 1.08'."""
    parts = [p for p in line.text.split("|") if p.strip()]
    return len(parts) >= 3 and sum(bool(_DIGIT_RE.search(p)) for p in parts) >= len(parts) - 1


def _headline_like(line: Line) -> bool:
    return 4 <= line.words <= 30 and not line.text.endswith((":", "...", "…"))


def classify(line: Line, *, before_headline: bool) -> str | None:
    """The furniture reason for one line taken on its own, or None for article text."""
    text = line.text
    low = text.lower()  # literal checks first: most lines are running text and skip the patterns
    if _URL_LINE.match(text):
        return "source address"
    if line.words <= 12 and _COPYRIGHT_HINT.search(low) and _COPYRIGHT.search(text):
        return "copyright"
    if _STAMP.match(text) or (("read" in low or "ago" in low) and _READ_TIME.search(text)):
        return "timestamp"
    stamped = "posted" in low or "updated" in low or "published" in low or "modified" in low
    if stamped and not line.is_prose and _STAMP_PART.search(text):
        return "byline"  # 'Émilie Tremblay · CBC News · Posted: Dec 19, 2024 7:00 AM EST
    if _BYLINE.match(text) and not (line.words > 8 and _SENTENCE_END.search(text)):
        return "byline"  # not 'By late Monday, crews had restored power to 40,000 homes.
    if (line.words <= 24 and _is_dateish(line)) or (
        "°" in text and not line.is_prose and _WEATHER.search(text)
    ):
        return "date banner" if before_headline else "byline date"
    tail = max(0, len(text) - 130)
    credited = text.endswith(")") or "/" in text[tail:] or text.startswith("FILE")
    caption = (_CAPTION_HINT.search(low) and _CAPTION.search(text)) or (
        credited and (_FILE.match(text) or _CREDITED.search(text, tail))
    )
    if caption and not _REPORTED.search(text):
        return "photo caption"
    if _SOCIAL.match(text):
        return "share buttons"
    if "▲" in text or "▼" in text or _TICKER.match(text) or _quotes(line):
        return "ticker"
    appeal = _APPEAL_HINT.search(low) and (
        (_APPEAL.search(text) and (_SECOND_PERSON.search(text) or _PER_MONTH.search(text)))
        or _OFFER.search(text)
    )
    if appeal and not _REPORTED.search(text):
        return "donation appeal"
    if _NOTE.match(text):
        return "editor's note"
    if _INLINE_RELATED.match(text):
        return "related-post teaser"
    if _label(line):
        return "masthead" if before_headline else "label"
    return None


def layout(text: str, start: int = 0, url: str | None = None) -> Layout:
    """Find the headline and every furniture line of an article text (from offset `start`).

    The headline is the first line of six words or more that reads like one (a shorter one above
    it, such as a tagline, stays text); when the page's address has a slug
    ('.../chile-wildfire-death-toll-rises-122-...'), the line that shares most words with it wins,
    and short lines above it are page chrome ('Skip to main content').
    """
    lines = split_lines(text, start)
    slug_line = _slug_headline(lines, url)
    chosen = slug_line if slug_line is not None else _long_headline(lines)
    dropped: list[tuple[int, int, str]] = []
    headline: Line | None = None
    body_started = False
    in_list = False
    for i, line in enumerate(lines):
        if _COMMENTS.match(line.text):
            dropped.extend((ln.start, ln.end, "comments") for ln in lines[i:])
            break
        if _RELATED.match(line.text):
            in_list = True
            dropped.append((line.start, line.end, "related-post list"))
            continue
        if in_list:
            if (
                line.is_prose
                and not _TEASER_END.search(line.text)
                and not _LIST_ITEM.match(line.text)
            ):
                in_list = False
            else:
                dropped.append((line.start, line.end, "related-post teaser"))
                continue
        top = not body_started
        reason = classify(line, before_headline=top)
        if reason is None and top and not line.is_prose and not _headline_like(line):
            reason = "masthead"
        if reason is None and top and slug_line is not None and i < slug_line and not line.is_prose:
            reason = "masthead"
        if reason is None and _is_caption_before_credit(lines, i):
            reason = "photo caption"
        if reason:
            dropped.append((line.start, line.end, reason))
            continue
        if top and not line.is_prose and chosen is not None and i < chosen:
            continue  # a tagline above the headline ('Japan's National Daily Since 1922')
        if top and not line.is_prose:
            headline = line
        body_started = True
    return Layout(tuple(dropped), headline, tuple(lines))


_WORDS = re.compile(r"[^\W\d_][\w'’.-]*")
"""Words with letters: a '+' or a '|' is no word of a headline ('Rail transport  + Add to')."""


def _long_headline(lines: list[Line]) -> int | None:
    """Index of the first top line of six words or more that can be the headline."""
    for i, line in enumerate(lines[:25]):
        if line.is_prose:
            return None
        long = len(_WORDS.findall(line.text)) >= 6 and _headline_like(line)
        if long and classify(line, before_headline=True) is None:
            return i
    return None


_NAV_WORDS = frozenset(
    """home news menu search world business health environment sport sports politics opinion
    section latest live video videos local national international edition english skip links
    content navigation main""".split()
)


_RELEASE = re.compile(r"\b(?:release|statement|announcement|advisory)\b", re.IGNORECASE)


_DOMAIN_END = re.compile(r"(?<=[a-z])\.(?:com|net|org|co\.uk|[a-z]{2})$")


def masthead_name(text: str, page: Layout) -> str | None:
    """The site's name from the top line of a saved page ('LUSANIA TODAY | Friday, ...')."""
    top = [(s, e, r) for s, e, r in page.dropped if r != "source address"][:1]
    if not top:
        return None
    start, end, reason = top[0]
    if reason not in ("masthead", "date banner", "label") or (
        page.headline and start > page.headline.start
    ):
        return None
    first = re.split(r"\s+(?:[|·›»/-]|—|–)\s+|\s*[|›»]\s*", text[start:end])[0].strip()
    first = _DOMAIN_END.sub("", first)  # 'Le Monde.fr - Actualités ...': the name before the domain
    words = first.split()
    if (
        not 1 <= len(words) <= 5
        or not re.fullmatch(r"[A-Za-z][\w&'’. -]*", first)
        or find_dates(first)
    ):
        return None
    if {w.lower() for w in words} <= _NAV_WORDS or "_" in first or _RELEASE.search(first):
        return None  # 'Media release' names no outlet
    return first.title() if first.isupper() and len(first) > 4 else first


_SLUG_STOP = frozenset(
    """www com org net html htm php aspx amp index article articles story stories news world live
    the and for with from that this into after over says said new""".split()
)


def _slug_headline(lines: list[Line], url: str | None) -> int | None:
    """Index of the early line sharing most words (at least three) with the URL's slug."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url.lower())
    slug = {w for w in re.split(r"[^a-z]+", path) if len(w) > 2 and w not in _SLUG_STOP}
    stems = {w[:5] for w in slug}
    best, best_score = None, 2
    for i, line in enumerate(lines[:25]):
        if line.is_prose or line.words < 3:
            continue
        score = len(stems & {w[:5] for w in re.findall(r"[a-z]{3,}", line.text.lower())})
        if score > best_score and classify(line, before_headline=True) == "photo caption":
            continue
        if score > best_score:
            best, best_score = i, score
    return best


def _is_caption_before_credit(lines: list[Line], i: int) -> bool:
    """A picture description directly followed by a bare credit line ('Agence France-Presse');
    a dashed one ('- AFP') closes the story instead."""
    if i + 1 >= len(lines) or lines[i].is_prose is False or _REPORTED.search(lines[i].text):
        return False
    nxt = lines[i + 1].text
    return (
        len(nxt.split()) <= 4
        and not nxt.startswith(("-", "–", "—", "•"))
        and not re.search(r"\(\s*[A-Za-z]+\s*,", nxt)  # 'kb/rc (AFP, Reuters, dpa)' ends a story
        and not _SENTENCE_END.search(nxt)
        and bool(re.search(r"\b(?:Press|Presse|Agency|Images|Photo|AFP|Reuters|AP)\b", nxt))
    )
