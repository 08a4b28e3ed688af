"""When a claim was made: the statement date of one figure, from the time words around it.

In order: the time 'at the time' refers to ('In March 2023, ... officials said at the time'); an
earlier figure's own time ('up from 48,000 last Monday', 'the €443m approved by
councillors in 2021'); a time of its own when a sentence lists figures by day ('840 deaths on
Monday and 1,284 on Tuesday'); the cue's time ('said on Friday'); the same speaker's earlier
statement ('He added', 'The report also estimated'); a dated document ('The 2022 bond measure
promised ...'); a day in its clause that is not another figure's own; the running speaker's
statement for quotations and sentences without a cue; and last, at the top of the story, the
article's own date. 'As of Tuesday' and 'since July' date the figure, never the statement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ledger.extraction.attribution import Cue
from ledger.extraction.claims import Candidate
from ledger.extraction.dates import TimeRef
from ledger.extraction.documents import DOCUMENT_SUBJECT
from ledger.extraction.speakers import Speaker

_NOT_SAID = ("since", "as of")
"""Prepositions whose time is the figure's period, not the day it was stated."""
_DATED_AFTER = re.compile(
    r"\s+(?:\w+\s+){0,2}?(?:approved|budgeted|estimated|announced|agreed|planned|projected|"
    r"forecast|reported|given|set|recorded|sanctioned|promised|pledged)"
    r"(?:\s+by\s+(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,4}?)?\s+(?:in|on|last|back\s+in)\b",
    re.IGNORECASE,
)
_DOCUMENT_ISSUED = re.compile(
    r"\b(?:in|by)\s+(?:a|an|its|their|the)\s+(?:[\w-]+\s+){0,3}?(?:report|estimate|statement|"
    r"assessment|audit|review|update|briefing|bulletin|survey|study|analysis|filing|paper)"
    r",?\s+(?:published|released|issued|tabled|presented|submitted)\s+",
    re.IGNORECASE,
)
"""A document dated where the sentence names it: 'in a preliminary estimate released in late
September', 'in its annual report, published on 11 February'."""
_SAME_STATEMENT = re.compile(r"\bsame\s+statement\b", re.IGNORECASE)
_DATED_DOCUMENT = re.compile(
    r"\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir)\s+(?P<year>(?:19|20)\d\d)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:budget|plan|estimate|bond|measure|report|study|forecast|assessment|census|survey|audit|"
    r"projection|review|proposal|referendum|deal|contract|appeal)s?\b"
)
_LOCAL_GAP = re.compile(r"[\s,]*")
_PRONOUNS = ("he", "she", "it", "they")
AT_THE_TOP = "the article's date (an undated statement at the top)"
"""The basis of the weakest date: a restatement's own date wins over it."""


@dataclass(frozen=True)
class Sentence:
    """What dates the statements of one sentence."""

    text: str
    times: list[TimeRef]
    cue_dates: dict[int, TimeRef | None]
    """id(cue) -> the time the cue's own words give."""
    figures: list[Candidate]
    """The sentence's claim figures, in order."""
    early: bool
    """In the lede or the paragraph after it."""
    published: str | None
    """The article's date, when strong evidence gave it."""


def cue_time(cue: Cue, times: list[TimeRef], lo: int) -> TimeRef | None:
    """The first time in the cue's words from offset `lo` ('said on Friday', 'told AFP Monday')."""
    for t in times:
        if lo <= t.start < cue.end and t.prep not in _NOT_SAID and t.iso:
            return t
    return None


def statement_date(
    cand: Candidate,
    cue: Cue | None,
    outer: Cue | None,
    speaker: Speaker | None,
    said_on: dict[str, str],
    sent: Sentence,
) -> tuple[str | None, str | None]:
    """The date the figure was stated (ISO, possibly partial) and the words that gave it."""
    fig, text = cand.figure, sent.text
    if "at the time" in text and (then := _then(sent)):
        return then.iso, f"'{then.text.strip()}' ('at the time')"
    if earlier := _earlier_time(cand, sent):
        return earlier.iso, f"'{earlier.text.strip()}' (the earlier figure)"
    if local := _local_time(cand, sent):
        return local.iso, f"'{local.text.strip()}' (this figure's day)"
    for c in (cue, outer):
        if c is not None and (t := sent.cue_dates.get(id(c))):
            return t.iso, f"'{t.text.strip()}'"
    if issued := _issued(sent):
        return issued.iso, f"'{issued.text.strip()}' (the document's date)"
    known = said_on.get(speaker.name) if speaker else None
    if known and cue is not None:
        if not cue.lead or cue.subject.lower() in _PRONOUNS or _second_reference(cue, speaker):
            return known, "same speaker's statement earlier in the article"
        if DOCUMENT_SUBJECT.match(cue.subject):  # 'The GAO report ... also estimated'
            return known, "the same document, dated earlier in the article"
        if _SAME_STATEMENT.search(text):
            return known, "'in the same statement'"
    if (doc := _DATED_DOCUMENT.search(text, 0, fig.start)) and not _DATED_DOCUMENT.search(
        text, fig.end
    ):
        return doc["year"], f"'{doc.group().strip()}'"
    if t := _clause_time(cand, sent):
        return t.iso, f"'{t.text.strip()}'"
    if known and cue is None:
        return known, "the speaker's statement before (a quotation or a sentence without cue)"
    if sent.early and cue is not None and sent.published and not fig.ratio:
        return sent.published, AT_THE_TOP
    return None, None


def _issued(sent: Sentence) -> TimeRef | None:
    """The time right after 'in a report published', when the sentence names one document."""
    text = sent.text
    issued = any(w in text for w in ("published", "released", "issued", "tabled", "presented"))
    found = list(_DOCUMENT_ISSUED.finditer(text)) if issued or "submitted" in text else []
    if len(found) != 1:
        return None
    return next((t for t in _stated(sent.times) if t.start == found[0].end()), None)


def _second_reference(cue: Cue, speaker: Speaker | None) -> bool:
    """'Kowalski said' after 'Chief financial officer Dana Kowalski said Monday': a news story
    names a person in full once, then by surname for the rest of the same interview."""
    parts = speaker.name.split() if speaker and speaker.kind == "person" else []
    return len(parts) > 1 and cue.subject == parts[-1]


def _then(sent: Sentence) -> TimeRef | None:
    """The earlier time 'at the time' refers to: 'In March 2023, 21 miners were killed ...,
    authorities said at the time.'"""
    past = [t for t in _stated(sent.times) if not sent.published or t.iso < sent.published]
    return past[0] if past else None


def _earlier_time(cand: Candidate, sent: Sentence) -> TimeRef | None:
    """The time of an earlier figure: 'up from 48,000 last Monday', 'approved ... in 2013'."""
    fig = cand.figure
    if dated := _DATED_AFTER.match(sent.text, cand.unit.end or fig.end):
        lo, hi = dated.end() - 10, dated.end()  # 'approved by councillors in 2021'
    elif fig.change == "previous":
        lo, hi = fig.end, max(fig.end, cand.unit.end) + 30
    else:
        return None
    return next((t for t in _stated(sent.times) if lo <= t.start < hi), None)


def _stated(times: list[TimeRef]) -> list[TimeRef]:
    return [t for t in times if t.iso and t.prep not in _NOT_SAID]


def _local_time(cand: Candidate, sent: Sentence) -> TimeRef | None:
    """A day right after the figure, when the sentence gives its figures days of their own."""
    if len(sent.figures) < 2:
        return None
    days = [_day_after(c, sent) for c in sent.figures]
    if len({t.iso for t in days if t}) < 2:
        return None
    return days[sent.figures.index(cand)] if cand in sent.figures else None


def _day_after(cand: Candidate, sent: Sentence) -> TimeRef | None:
    end = max(cand.figure.end, cand.unit.end)
    for t in _stated(sent.times):
        if t.start >= end and t.precision == "day":
            return t if _LOCAL_GAP.fullmatch(sent.text, end, t.start) else None
    return None


def _clause_time(cand: Candidate, sent: Sentence) -> TimeRef | None:
    """A day (or 'in 2019') in the figure's clause that is not another figure's own."""
    fig, text = cand.figure, sent.text
    lo = text.rfind(";", 0, fig.start) + 1
    hi = text.find(";", fig.end) % (len(text) + 1)
    theirs = {
        t.start
        for c in sent.figures
        if c is not cand and (t := _earlier_time(c, sent) or _day_after(c, sent))
    }
    for t in _stated(sent.times):
        if not lo <= t.start < hi or t.start in theirs:
            continue  # 'up from about 8,100 acres Thursday night' is the other figure's
        if sent.published and (t.iso or "") > sent.published:
            continue  # 'to be completed in 2029': a plan, not when it was said
        if t.precision == "day" or (t.precision == "year" and t.prep in ("in", "by")):
            return t
    return None
