"""Claimants from context: what a sentence's cue alone does not say.

A role followed by its holder's name in the next sentences ('the defence minister said ... Shin
Won-sik told reporters'); the subject of a sentence without a cue (a titled person, a document,
an institution) or else the claim just before; the subject of an opening clause ('When X ...,
it put the cost at'); what an outlet cites in the next sentence; whether a multiple sits inside
what a speaker says; a place that only records figures; and later sentences that attribute or
date figures already read ('The ministry gave the new figure on Wednesday').
"""

from __future__ import annotations

import re

from ledger.extraction.assemble import Draft
from ledger.extraction.attribution import Cue, find_cues
from ledger.extraction.dates import TimeRef
from ledger.extraction.dating import AT_THE_TOP
from ledger.extraction.documents import DOCUMENT_SUBJECT
from ledger.extraction.memory import Memory
from ledger.extraction.speakers import Speaker, split_person
from ledger.extraction.subjects import opening_subject
from ledger.extraction.text import Sentence

_NEXT_SPEAKER = re.compile(
    r"^(?P<np>(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2}),?(?:\s+\d{1,3},)?\s+"
    r"(?:said|told|shared|made|stated|added|gave|spoke|presented|briefed|announced|explained|disclosed)\b"
)
LEADING_NAME = re.compile(
    r"^(?:[^,]{0,40},\s+)?((?:[A-Z][\w'’.-]+\s+){1,3}[A-Z][\w'’.-]+)(?<![’']s)(?![\w'’])"
)
"""Two to four capitalised words opening a sentence, not a possessor ('South Korea's plan')."""
_CHANGE_VERB = re.compile(
    r"\b(?:risen|rose|rises|grown|grew|increased|jumped|climbed|surged|soared)\s+(?:\w+\s+)?$"
)
_VERB_RATIO = re.compile(r"(?:[\w\s]{0,15})?\b(?:doubl|tripl|quadrupl)", re.I)
_AGENT_IN_SENTENCE = re.compile(
    r"\b(?:the\s+)?(?:(?:[A-Z][\w'’-]+\s+){0,4}(?:Agency|Ministry|Council|Office|Service|Authority|"
    r"Government|Police|Army|Cabinet|Board|Commission|Committee|Parliament|Cross|Crescent|"
    r"Organi[sz]ation|Institute|Fund|Programme|Directorate|Department|Bureau)|(?:city|town|regional|"
    r"provincial|national|federal|state|county)\s+(?:council|government|authorities|authority|"
    r"board)|councillors|commissioners|authorities|[Tt]he\s+(?:government|board|cabinet|council)|"
    r"officials)\b"
)


_BACK_REFERENCE = re.compile(
    r"\b(?:the|this|that|these|those)\s+(?:new\s+|latest\s+|revised\s+|updated\s+|same\s+)?"
    r"(?:figures?|estimates?|numbers?|toll|total|tally|count)\b",
    re.IGNORECASE,
)
"""Words that point back at figures already given: 'gave the new figure', 'confirmed the toll'."""
_RECORDED = re.compile(
    r"\b(?:recorded|registered|counted|tallied|confirmed|recording|registering)\b"
)


def reported_change(text: str, pos: int, cue: Cue | None) -> bool:
    """A multiple inside what a speaker says ('said ... that prices had risen nearly fivefold')."""
    if cue is None or not cue.lead or not cue.governs[0] <= pos < cue.governs[1]:
        return False
    return bool(_CHANGE_VERB.search(text, max(0, pos - 25), pos) or _VERB_RATIO.match(text, pos))


def resolve_cue(
    memory: Memory, cue: Cue, sentences: tuple[Sentence, ...], i: int
) -> Speaker | None:
    """The cue's speaker; a role or a country ('the defence minister', 'Seoul') takes the name
    one of the next two sentences gives ('Shin Won-sik told reporters ...')."""
    speaker = memory.speaker(cue.subject)
    if speaker is None or speaker.kind == "person":
        return speaker
    generic = speaker.kind == "role" or memory.place(speaker.name) == speaker.name
    plural = speaker.name.lower().endswith("s") and speaker.kind == "role"
    if generic and not plural and not re.match(r"^(?:a|an)\s", cue.subject.strip(), re.I):
        for nxt in sentences[i + 1 : i + 3]:
            if m := _NEXT_SPEAKER.match(nxt.text):
                name, role = split_person(m["np"])
                name = name or (m["np"] if len(m["np"].split()) <= 3 else None)
                if name:
                    full = memory.full_name(name)
                    return Speaker(full, "person", speaker.role or role, speaker.country)
    return speaker


def fallback_speaker(
    memory: Memory, sent: Sentence, drafts: list[Draft]
) -> tuple[Speaker | None, str | None]:
    """No cue: who the sentence opens with, else the latest claimant just before (and its via).

    A background figure ('first approved in 2017 with a budget of $5.5 billion') is most often
    the story's running source's; beyond two paragraphs back, nothing is assumed.
    """
    if subject := subject_speaker(memory, sent):
        return subject, None
    for d in reversed(drafts):
        if d.sentence.paragraph < sent.paragraph - 2:
            break
        if d.speaker and not d.cand.figure.ratio:
            return d.speaker, d.via
    return None, None


def main_subject(memory: Memory, text: str) -> Speaker | None:
    """The subject of the sentence's main verb, for a verb that shares it: 'Sunak scrapped the
    leg, saying ...', 'A ministry official declined to comment, but said ...'."""
    if lead := LEADING_NAME.match(text):
        return memory.speaker(lead[1])
    np = opening_subject(text)
    return memory.speaker(np) if np else None


def subject_speaker(memory: Memory, sent: Sentence) -> Speaker | None:
    """Who the sentence opens with, when it is a titled person ('President Davut Erem, who toured
    the city, ... announced a fund of'), a document ('The report ... attributes €97m to') or an
    institution ('The Cabinet on Jan. 24 approved', 'Later Tuesday, the board voted')."""
    lead = LEADING_NAME.match(sent.text)
    if lead and (person := memory.speaker(lead[1])) and person.kind == "person":
        return person
    if document := DOCUMENT_SUBJECT.match(sent.text):
        return memory.speaker(document["np"])
    m = _AGENT_IN_SENTENCE.search(sent.text)
    if m and len(sent.text[: m.start()].split()) <= 4:
        return memory.speaker(m.group())
    return None


def cited_nearby(sentences: tuple[Sentence, ...], i: int) -> str | None:
    """'..., reported Yonhap.' then 'Yonhap cites a report by X': what the outlet cites."""
    for nxt in sentences[i + 1 : i + 3]:
        for cue in find_cues(nxt.text, frozenset()):
            if cue.cited:
                return cue.cited
    return None


def speaking(
    cues: list[Cue], speakers: dict[int, Speaker | None], text: str, memory: Memory
) -> list[Cue]:
    """Cues without a place that only records figures when someone else in the sentence says
    them: 'Congo has recorded 31,350 cases, the WHO said', 'The city has recorded 8,312 cases,
    according to the civic body'."""
    if len(cues) < 2:
        return cues
    places = [
        c
        for c in cues
        if _RECORDED.search(text, c.start, c.end)
        and (spk := speakers.get(id(c)))
        and memory.is_place(spk.name)
    ]
    if places and len(places) < len(cues):
        return [c for c in cues if c not in places]
    return cues


_ORG_MENTION = re.compile(
    r"(?:[A-Z][\w'’-]+\s+){1,5}(?:Directorate|Agency|Service|Ministry|Office|Authority|Council|"
    r"Commission|Committee|Institute|Centre|Center|Organization|Organisation|Bureau|Department|Fund)\b"
)
_BODIES = (
    r"(?:governments?|authorities|officials|council|councillors|ministry|company|utility|board|"
    r"agency|regulators?|state|city|developers?)"
)
_CLAUSE_SUBJECT = re.compile(
    r"^(?:When|After|Before|As|While|Although|Because)\s+(?P<np>(?:the\s+)?(?:[A-Z][\w'’&.-]*"
    rf"(?:\s+(?:and\s+)?[A-Z][\w'’&.-]*)*(?:\s+{_BODIES})?|(?:[a-z]+\s+){{0,2}}{_BODIES}))\b"
)
"""The subject of a clause opening the sentence: 'When Southern Ridge Power ... ,', 'When the
Italian and Swiss governments signed ...'."""
_AGENTLESS = re.compile(
    r"\b(?:was|were|had\s+been)\s+(?:put|estimated|budgeted|set|projected|forecast|priced|valued|"
    r"costed)\s+at\s+(?:\w+\s+){0,2}$"
)


def antecedent(text: str, end: int) -> tuple[str, int] | None:
    """What 'it' or 'they' at `end` refers to in its own sentence, and where that name ends: the
    last body named before it, else the subject of an opening clause."""
    orgs = list(_ORG_MENTION.finditer(text, 0, end))
    if orgs:
        return orgs[-1].group(), orgs[-1].end()
    m = _CLAUSE_SUBJECT.match(text)
    return (m["np"], m.end()) if m and m.end() < end else None


def recalled_by(text: str, pos: int) -> str | None:
    """Who gave an earlier figure stated in the passive without its agent: 'When the Italian and
    Swiss governments signed the treaty in 2016 its cost was put at €6.9bn'."""
    m = _CLAUSE_SUBJECT.match(text)
    if m and _AGENTLESS.search(text, m.end(), pos):
        return m["np"]
    return None


def refer_back(
    drafts: list[Draft],
    sent: Sentence,
    cues: list[Cue],
    speakers: dict[int, Speaker | None],
    cue_dates: dict[int, TimeRef | None],
) -> None:
    """'The ministry gave the new figure in a report on Wednesday.': a sentence with no figure
    of its own that points back ('the figure', 'the estimate', 'the toll') attributes the
    unattributed figures just before it."""
    text = sent.text
    cue = next(
        (
            c
            for c in cues
            if speakers.get(id(c)) and _BACK_REFERENCE.search(text, c.start, c.end + 30)
        ),
        None,
    )
    if cue is None:
        return
    when = cue_dates.get(id(cue))
    for d in reversed(drafts):
        if d.sentence.paragraph < sent.paragraph - 1 or not d.guessed:
            break
        if not d.cand.figure.ratio:
            d.speaker, d.via, d.guessed = speakers[id(cue)], None, False
            if when and when.iso:
                d.statement_date, d.date_basis = when.iso, f"'{when.text.strip()}'"


def date_back(
    drafts: list[Draft],
    sent: Sentence,
    cues: list[Cue],
    speakers: dict[int, Speaker | None],
    cue_dates: dict[int, TimeRef | None],
) -> None:
    """A lede's undated statement takes the date the same source is given just after it:
    '..., according to the Court of Auditors.' then 'In a report published on Friday, the
    auditors said ...'."""
    for cue in cues:
        spk, when = speakers.get(id(cue)), cue_dates.get(id(cue))
        if spk is None or when is None or not when.iso:
            continue
        for d in reversed(drafts):
            if d.sentence.paragraph < sent.paragraph - 2:
                break
            if d.date_basis == AT_THE_TOP and d.speaker and d.speaker.name == spk.name:
                d.statement_date, d.date_basis = when.iso, f"'{when.text.strip()}' (just after)"


def opens_quote(text: str) -> bool:
    """A quotation left open at the end of the sentence ('... said: "This is a scandal.')."""
    return text.count("“") > text.count("”") or (text.count('"') % 2 == 1 and "”" not in text)


def closes_quote(text: str) -> bool:
    return text.count("”") > text.count("“") or text.count('"') % 2 == 1


def quoted_by(memory: Memory, sentences: tuple[Sentence, ...], i: int) -> Speaker | None:
    """Who speaks a quotation that sentence `i` opens, when the sentence closing it in the same
    paragraph says ('"We have 300 beds. Another 40 are waiting," said Dr Haddad.')."""
    for nxt in sentences[i + 1 : i + 4]:
        if nxt.paragraph != sentences[i].paragraph:
            return None
        if closes_quote(nxt.text):
            cue = next((c for c in find_cues(nxt.text, frozenset()) if not c.lead), None)
            return memory.speaker(cue.subject) if cue and cue.subject else None
    return None
