"""From a Document to Estimates: figures, their units, who claims them, when, and about what.

One pass over the sentences in reading order, because attribution carries over ('He added',
'the agency said') and dates chain ('The following month'); then figures restated in the
headline, lede and body are merged into one claim with extra spans, and conversions are linked
to the figure they convert.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from functools import cache

from ledger.domain import Estimate
from ledger.extraction import dating
from ledger.extraction.assemble import Draft, to_estimates
from ledger.extraction.attribution import STATE_MEDIA, Cue, attributed, choose, find_cues
from ledger.extraction.claims import Candidate, candidates, opens_on_a_part
from ledger.extraction.context import (
    antecedent,
    cited_nearby,
    closes_quote,
    date_back,
    fallback_speaker,
    main_subject,
    opens_quote,
    quoted_by,
    recalled_by,
    refer_back,
    reported_change,
    resolve_cue,
    speaking,
    subject_speaker,
)
from ledger.extraction.dates import TimeRef, find_times
from ledger.extraction.dating import cue_time, statement_date
from ledger.extraction.documents import relayed_by
from ledger.extraction.memory import Memory
from ledger.extraction.metrics import Aliases, direction, load_aliases
from ledger.extraction.speakers import Speaker, clean
from ledger.extraction.text import WIRES, Sentence, read_article
from ledger.extraction.units import in_local_dollar, local_dollar
from ledger.reading import Document
from ledger.reading.calendar import DateMention, find_dates

_PLACE_AFTER_PREPOSITION = re.compile(
    r"\b(?:to|from|in|into|at|on|of|across|near|inside)\s+([A-Z][a-z]{3,})\b(?![’'-])"
)
_CALENDAR_WORDS = frozenset(
    """January February March April June July August September October November December Monday
    Tuesday Wednesday Thursday Friday Saturday Sunday""".split()
)
_COPULA = re.compile(
    r"^\W*(?:that|this|it|the\s+(?:new\s+)?(?:figure|number|total|count|estimate)(?:\s+[\w\s]{0,60}?)?)\s+"
    r"(?:is|was|represents|marks|amounts\s+to)\b",
    re.IGNORECASE,
)
_AGENT_AFTER = re.compile(
    r"\s+(?:\w+\s+){0,2}?(?:approved|sanctioned|budgeted|estimated|set|promised|pledged|agreed|"
    r"announced|projected|forecast)\s+by\s+(?P<np>(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,4}?)"
    r"(?=\s+(?:in|on|last|at|for|when|before|after)\b|\s*[,.;)]|$)"
)
"""'the €443m approved by councillors in 2021': an earlier figure and whose it was."""
_RELEASE_LABEL = re.compile(
    r"^(?:[^\n]*\s[>›»/|]\s*)?(?:joint\s+)?(?:(?:media|press|news)\s+releases?"
    r"|news\s+and\s+press\s+release|ENDS)\s*$",
    re.IGNORECASE | re.MULTILINE,
)
"""A page that is a press release: its label ('MEDIA RELEASE', 'Joint media release', a breadcrumb
ending 'Media centre > Media releases') or its end ('ENDS')."""
_ATTRIBUTABLE = re.compile(
    r"(?:quotes?|comments?|remarks?)\s+(?:attributable|attributed)\s+to\s+(?P<np>[^:]{3,80}?)\s*:?\s*$",
    re.IGNORECASE,
)
"""A release's heading for the quotations below it: 'Quotes attributable to Minister Ruiz:'."""
_CARRIED_BY = re.compile(
    r"\b(?:carried|relayed|published|quoted|cited|reported|broadcast)\s+by\s+"
    r"(?P<np>(?:the\s+)?[^,;]+?)(?=\s+(?:that|on|in|as)\b|[,;]|$)"
)
_OFFICIAL_FIGURE = re.compile(
    r"\bofficial\s+(?:figures?|count|toll|tally|estimates?|data|statistics)\s+(?:of|at|is|was)\s+$",
    re.IGNORECASE,
)
_DISCOURSE_TIME = re.compile(r"(?:at\s|the\s+(?:following|next|previous))", re.IGNORECASE)


def _anchor(doc: Document) -> date | None:
    if doc.published and re.fullmatch(r"\d{4}-\d{2}-\d{2}", doc.published):
        return date.fromisoformat(doc.published)
    return None


class _Reader:
    """One article read in order, with what earlier sentences established (speakers, dates)."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.aliases = load_aliases()
        self.article = read_article(doc)
        self.anchor = _anchor(doc)
        body = " ".join(s.text for s in self.article.sentences)
        # Places: the alias table's, and names the text puts after 'to', 'from', 'in' ...
        named = set(_PLACE_AFTER_PREPOSITION.findall(body)) - _CALENDAR_WORDS
        self.known = {self.aliases.place(p) or p for p in named}
        self.memory = Memory(aliases=_proper_places(self.aliases), named=frozenset(named))
        self.memory.learn_people(body)
        for sent in self.article.sentences:
            self.memory.docs.learn(sent.text, sent.start)
        self.outlets = frozenset(self.aliases.outlets)
        source = self.article.wire or doc.outlet
        self.outlet = self.aliases.outlet(source) if source else None
        self.lede_paragraph = next(
            (s.paragraph for s in self.article.sentences if s.role == "lede"), 0
        )
        self.release = _RELEASE_LABEL.search(doc.text) is not None
        self.dollar = local_dollar(doc.url)
        self.drafts: list[Draft] = []
        self.last_time: str | None = None
        self.said_on: dict[str, str] = {}
        """Speaker name -> date of their latest dated statement, for 'He added' and the like."""
        self.unit_counts: dict[str, tuple[int, int]] = {}
        self.voice: Speaker | None = None  # the paragraph's last speaker, for quotations
        self.voice_paragraph = 0
        self.open_quote = False

    def run(self) -> list[Draft]:
        for i, sent in enumerate(self.article.sentences):
            self.memory.docs.cursor, self.memory.sentence = sent.end, sent.text
            self.memory.seen(sent.text)
            dates = find_dates(sent.text)
            times = find_times(
                sent.text,
                self.anchor,
                weak=self.doc.published_weak,
                previous=self.last_time,
                dates=dates,
            )
            cues = find_cues(sent.text, self.outlets)
            speakers, cue_dates = self._attribute(i, sent, cues, times)
            cues = speaking(cues, speakers, sent.text, self.memory)
            date_back(self.drafts, sent, cues, speakers, cue_dates)
            if self.outlet is None and (named := next((c for c in cues if c.outlet), None)):
                outlet = self._outlet(named)  # 'reported the Yonhap News TV portal', 'told AFP'
                self.outlet = outlet if named.by_outlet or outlet in WIRES else None
            attributable = "ttribut" in sent.text and _ATTRIBUTABLE.match(sent.text)
            if attributable:  # a release's 'Quotes
                voice = self.memory.speaker(attributable["np"])  # attributable to Minister X:'
                self.voice, self.voice_paragraph, self.open_quote = voice, sent.paragraph, False
                continue
            before = len(self.drafts)
            self._claims(i, sent, cues, times, dates, speakers, cue_dates)
            if len(self.drafts) == before and cues:
                refer_back(self.drafts, sent, cues, speakers, cue_dates)
            self._carry_over(sent, cues, speakers, times)
            if not cues:
                self.memory.note_subject(sent.text)
        return self.drafts

    def _attribute(
        self, i: int, sent: Sentence, cues: list[Cue], times: list[TimeRef]
    ) -> tuple[dict[int, Speaker | None], dict[int, TimeRef | None]]:
        """Who each cue names, and the date its own words give, keyed by id(cue)."""
        speakers: dict[int, Speaker | None] = {}
        cue_dates: dict[int, TimeRef | None] = {}
        previous: Cue | None = None
        for cue in cues:
            if cue.participle and previous is not None:
                speakers[id(cue)] = speakers.get(id(previous))
            elif cue.participle:  # 'Sunak scrapped the leg, saying it would save £36bn'
                speakers[id(cue)] = main_subject(self.memory, sent.text)
            elif cue.by_outlet:
                speakers[id(cue)] = None
            else:
                speakers[id(cue)] = resolve_cue(self.memory, cue, self.article.sentences, i)
            window = 0 if cue.participle or _intro_only(sent.text[: cue.start]) else cue.start
            own = cue_time(cue, times, window)
            named = cue.subject.lower() in ("it", "they") and antecedent(sent.text, cue.start)
            if named:
                # 'the estimate the directorate gave in March, when it said ...', 'When Ridge
                # Power sought approval in 2009, it put the cost at ...'
                speakers[id(cue)] = self.memory.speaker(named[0])
                before = [t for t in times if named[1] <= t.start < cue.start and t.iso]
                own = own or (before[-1] if before else None)
            if own is None and cue.participle and previous is not None:
                own = cue_dates.get(id(previous))
            cue_dates[id(cue)] = own
            if spk := speakers[id(cue)]:
                self.memory.note(sent.text[cue.start : cue.end], spk)
                if own and own.iso and own.iso > self.said_on.get(spk.name, ""):
                    self.said_on[spk.name] = own.iso
            previous = cue
        return speakers, cue_dates

    def _claims(
        self,
        i: int,
        sent: Sentence,
        cues: list[Cue],
        times: list[TimeRef],
        dates: list[DateMention],
        speakers: dict[int, Speaker | None],
        cue_dates: dict[int, TimeRef | None],
    ) -> None:
        named = next((c for c in cues if c.outlet), None)
        outlet = self._outlet(named) if named else None
        if sent.paragraph != self.voice_paragraph:
            follows = sent.paragraph == self.voice_paragraph + 1 and sent.text[:1] in '“"‘'
            if follows:  # a quotation paragraph after the speaker's: '"We have processed ...'
                self.voice_paragraph = sent.paragraph
            else:
                self.voice, self.open_quote = None, False
        quoting = not cues and (self.open_quote or sent.text.startswith(("“", '"')))
        if quoting and not self.open_quote and opens_quote(sent.text):
            ahead = quoted_by(self.memory, self.article.sentences, i)  # '"We have 300 beds.
            if ahead:  # Another 40 are waiting," said Dr Haddad.'
                self.voice, self.voice_paragraph = ahead, sent.paragraph
        base = len(self.drafts)
        last_unit = topic_unit(self.unit_counts)
        if self.drafts and opens_on_a_part(sent.text):  # 'Of them, around 400 were hurt'
            last_unit = self.drafts[-1].cand.unit.unit
        found = [
            c
            for c in candidates(sent.text, last_unit, dates)
            if not (c.needs_cue and sent.role != "headline" and not attributed(cues, c.start))
            or (quoting and self.voice)  # '"Another 2,000 workers will join," in a quotation
        ]
        if self.dollar:
            found = [
                replace(
                    c, unit=in_local_dollar(c.unit, sent.text, c.start, c.figure.end, self.dollar)
                )
                for c in found
            ]
        published = None if self.doc.published_weak else self.doc.published
        said = dating.Sentence(sent.text, times, cue_dates, found, self._early(sent), published)
        for cand in found:
            cue, outer = choose(cues, cand.figure.start)
            later = cue.start if cue and cand.difference and cue.start > cand.start else None
            if later is not None and "," not in sent.text[cand.start : later]:
                cue, outer = None, None  # '$4m more than X estimated': X gave the other figure
            speaker, via = self._claimant(i, sent, cand, cues, cue, outer, speakers, quoting)
            when, basis = statement_date(cand, cue, outer, speaker, self.said_on, said)
            own = speaker is not None and self.outlet is not None and self._is_outlet(speaker)
            own_comparison = (cand.compared and speaker is None) or (
                own and (cand.compared or cand.converts is None)
            )  # the outlet's own comparison or analysis ('a Washington Post analysis')
            if own_comparison and published and not (cue and cue.lead and when):
                # dated like the statement it is part of, else by the article
                when, basis = published, "the article's date (the outlet's own comparison)"
            elif when is None and self.release and published:
                when, basis = published, "the release's date (a release speaks on its day)"
            period = next(
                (t for t in times if t.prep == "since" and t.start > cand.figure.start - 80), None
            )
            clause = _clause(sent.text, cand.figure.start)
            sender, receiver = direction(clause, self.aliases, self.known)
            converts = base + cand.converts if cand.converts is not None else None
            self.drafts.append(
                Draft(
                    cand,
                    sent,
                    speaker,
                    via,
                    outlet,
                    when,
                    basis,
                    period,
                    sender,
                    receiver,
                    converts,
                    guessed=cue is None,
                )
            )
            if cand.unit.kind in ("count", "partitive") and cand.unit.unit:
                head = cand.unit.unit.split()[-1]
                self.unit_counts[head] = (
                    self.unit_counts.get(head, (0, 0))[0] + 1,
                    len(self.drafts),
                )

    def _claimant(
        self,
        i: int,
        sent: Sentence,
        cand: Candidate,
        cues: list[Cue],
        cue: Cue | None,
        outer: Cue | None,
        speakers: dict[int, Speaker | None],
        quoting: bool,
    ) -> tuple[Speaker | None, str | None]:
        """The claimant of one figure and the intermediary that relays it, if any."""
        speaker = speakers.get(id(cue)) if cue else None
        relay = speakers.get(id(outer)) if outer else None
        via = relay.name if relay else None
        if cue and cue.cited:  # 'Nyberg, citing an internal report, said': the report claims
            via = speaker.name if speaker else via
            speaker = self._source(cue.cited)
        via = self._relay(cue.subject) if cue and relayed_by(cue.subject) else via
        carried = cue and " by " in sent.text[cue.start : cue.end]
        if carried and (carrier := _CARRIED_BY.search(sent.text, cue.start, cue.end)):
            via = clean(carrier["np"])  # 'said in a statement carried by state news agency NTB'
        if cue and speaker and not cue.lead and STATE_MEDIA.match(cue.subject):
            subject = subject_speaker(self.memory, sent)  # '..., state media reported'
            if subject and subject.name != speaker.name:
                speaker, via = subject, speaker.name
        fig = cand.figure
        agent = " by " in sent.text and _AGENT_AFTER.match(sent.text, cand.unit.end or fig.end)
        if agent:
            speaker = self.memory.speaker(agent["np"]) or speaker  # 'approved by councillors'
        official = "fficial" in sent.text
        if official and _OFFICIAL_FIGURE.search(sent.text, max(0, fig.start - 40), fig.start):
            speaker = Speaker("officials", "role", "officials")  # 'the official figure of 96,000'
        if cue is None and (recalled := recalled_by(sent.text, fig.start)):
            speaker = self.memory.speaker(recalled)  # 'When X signed ..., its cost was put at'
        if speaker is None and quoting and self.voice:
            speaker = self.voice  # '"...," Ghani said. "We have spent roughly $3bn so far."'
        if speaker is None and cue is None and not cand.compared:
            later = next((c for c in cues if c.start > fig.start and c.subject), None)
            if later and ";" not in sent.text[fig.start : later.start]:
                speaker = speakers.get(id(later))  # 'scorched 47 square miles, but officials said'
        if speaker is None and cue is None and not cand.compared:
            speaker, via = fallback_speaker(self.memory, sent, self.drafts)
        in_quote = quoting and self.voice is not None  # '"... we expect that number to double"'
        if (
            (fig.ratio or (cand.difference and cue is None))
            and self.outlet
            and not in_quote
            and not reported_change(sent.text, fig.start, cue)
        ):
            after_cue = cue is None or cue.end <= fig.start
            if after_cue or _COPULA.match(sent.text[: fig.start]):
                speaker = Speaker(self.outlet, "org")  # the outlet's own comparison
        if speaker is None and cues and all(c.outlet for c in cues):
            cited = cited_nearby(self.article.sentences, i)
            if cited:
                speaker, via = self._source(cited), self._relay(cited) or via
        if cand.converts is not None and cand.unit.kind == "money" and self.outlet:
            speaker, via = Speaker(self.outlet, "org"), None  # '($11.4 billion)': its own sums
        return speaker, via

    def _early(self, sent: Sentence) -> bool:
        """In the lede or the paragraph after it (a standfirst can take the lede's place)."""
        return sent.role != "headline" and sent.paragraph <= self.lede_paragraph + 1

    def _is_outlet(self, speaker: Speaker) -> bool:
        """The speaker is the article's outlet under any of its names ('Washington Post'), or the
        short name a paper gives itself, the tail of its name ('a Herald-Times analysis' in the
        Fox Valley Herald-Times)."""
        name, outlet = speaker.name, self.outlet or ""
        return (
            name == outlet
            or outlet.endswith(" " + name)
            or self.aliases.outlet(name) == self.outlet
        )

    def _outlet(self, cue: Cue) -> str | None:
        return self.aliases.outlet(cue.outlet) if cue.outlet else None

    def _relay(self, np: str) -> str | None:
        """Who a document came through ('a report disclosed by Deputy Kang'), by name."""
        through = relayed_by(np)
        found = self.memory.speaker(through) if through else None
        return found.name if found else through

    def _source(self, cited: str) -> Speaker:
        """What a speaker cites: the author of a report, else the report itself."""
        found = self.memory.speaker(cited)
        return found if found and found.kind != "role" else Speaker(clean(cited), "org")

    def _carry_over(
        self,
        sent: Sentence,
        cues: list[Cue],
        speakers: dict[int, Speaker | None],
        times: list[TimeRef],
    ) -> None:
        """What the next sentences may lean on: the paragraph's voice, open quotes, last date."""
        said = [s for c in cues if (s := speakers.get(id(c)))]
        if said:
            self.voice, self.voice_paragraph = said[-1], sent.paragraph
        self.open_quote = opens_quote(sent.text) or (
            self.open_quote and not closes_quote(sent.text)
        )
        for t in times:
            if t.iso and not _DISCOURSE_TIME.match(t.text.strip()):
                self.last_time = t.iso


def topic_unit(counts: dict[str, tuple[int, int]]) -> str | None:
    """The unit the article has counted most so far (latest on ties): what 'the total' counts."""
    return max(counts, key=lambda u: counts[u]) if counts else None


def _intro_only(text: str) -> bool:
    """Only an introductory phrase ('The following month, ') stands before the cue."""
    return not text.strip() or bool(re.fullmatch(r"[^,]{0,40},\s*", text))


def _clause(text: str, pos: int) -> str:
    start = max(text.rfind(";", 0, pos), text.rfind(", which", 0, pos), 0)
    end = min(
        [i for i in (text.find(";", pos), text.find(", which", pos)) if i >= 0] or [len(text)]
    )
    return text[start:end]


@cache
def _proper_places(aliases: Aliases) -> dict[str, str]:
    """Place names as a text capitalises them ('Seoul', not 'the North'), for countries."""
    return {k: v for k, v in aliases.places.items() if k[:1].isupper()}


def extract_estimates(doc: Document) -> list[Estimate]:
    reader = _Reader(doc)
    return to_estimates(reader.run(), doc, reader.outlet)
