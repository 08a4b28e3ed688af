"""Assembling Estimates: restatements merged into one claim, conversions linked, fields named.

A figure the headline, lede and body all state is one claim with extra spans; its span is the
first non-headline statement (a headline condenses, the body attributes). Directions left half
open ('Pyongyang has received 9,000 containers in return') are completed from the article's
dominant direction.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from ledger.domain import Estimate
from ledger.extraction.claims import Candidate
from ledger.extraction.dates import TimeRef
from ledger.extraction.dating import AT_THE_TOP
from ledger.extraction.metrics import metric_key
from ledger.extraction.speakers import ORG_WORDS, Speaker
from ledger.extraction.text import Sentence
from ledger.reading import Document


@dataclass
class Draft:
    cand: Candidate
    sentence: Sentence
    speaker: Speaker | None
    via: str | None
    outlet: str | None
    """The outlet the sentence itself credits ('told AFP', 'Sky News reports'), if any."""
    statement_date: str | None
    date_basis: str | None
    period: TimeRef | None
    sender: str | None
    receiver: str | None
    converts: int | None = None
    """Index in the draft list of the draft this one converts."""
    guessed: bool = False
    """The speaker was not named by a cue but taken from the context (the sentence's subject,
    the claim before it)."""
    alt: list[tuple[int, int]] = field(default_factory=list)
    merged_into: int | None = None


def to_estimates(drafts: list[Draft], doc: Document, outlet: str | None) -> list[Estimate]:
    """Merge restatements, link conversions, and build the Estimate values in text order.

    `outlet` is the article's reporting outlet (a wire credit, the page's outlet, or the first
    'Sky News reports' or news agency a source told), for claims no sentence credits.
    """
    _attribute_forward(drafts, doc.published)
    _merge(drafts)
    for d in drafts:
        if d.merged_into is None and d.sentence.role == "headline" and d.speaker is None:
            d.speaker = _headline_source(d, drafts)
    dom = _dominant(drafts)
    kept = [d for d in drafts if d.merged_into is None]
    kept.sort(key=lambda d: d.cand.start + d.sentence.start)
    index = {id(d): n for n, d in enumerate(kept)}
    out: list[Estimate] = []
    for d in kept:
        sender, receiver = _fill_direction(d.sender, d.receiver, dom)
        fig, unit = d.cand.figure, d.cand.unit
        converts = None
        if d.converts is not None:
            target = drafts[d.converts] if 0 <= d.converts < len(drafts) else None
            while target is not None and target.merged_into is not None:
                target = drafts[target.merged_into]
            converts = index.get(id(target)) if target is not None else None
            if target is not None and not (sender and receiver):  # a conversion goes the same way
                sender, receiver = _fill_direction(target.sender, target.receiver, dom)
        s0 = d.sentence.start
        kind = _kind(d, doc)
        variant = (
            "change" if fig.change == "delta" else "conversion" if kind == "conversion" else None
        )
        lemma = (
            (unit.state and f"people {unit.state}") or unit.unit.split()[-1]
            if unit.unit
            else unit.unit
        )
        item = unit.item or unit.unit
        direction_text = f" from {sender} to {receiver}" if sender and receiver else ""
        out.append(
            Estimate(
                value=fig.value,
                low=fig.low,
                high=fig.high,
                qualifier=fig.qualifier,
                qualifier_text=fig.qualifier_text,
                unit=unit.unit or "items",
                item=item,
                metric=f"{'change in ' if variant == 'change' else ''}{item}{direction_text}",
                metric_key=metric_key(lemma or "items", sender, receiver, variant),
                direction=f"{sender} -> {receiver}" if sender and receiver else None,
                claimant=d.speaker.name if d.speaker else outlet,  # no one else: the outlet
                claimant_role=d.speaker.role if d.speaker else None,
                claimant_country=d.speaker.country if d.speaker else None,
                via=d.via,
                reporting_outlet=d.outlet or outlet,
                statement_date=d.statement_date,
                date_basis=d.date_basis,
                period_start=d.period.iso if d.period else None,
                period_text=d.period.text.strip() if d.period else None,
                quote=d.sentence.text,
                start=s0,
                end=d.sentence.end,
                alt_spans=tuple(sorted(set(d.alt))),
                kind=kind,
                converts=converts,
            )
        )
    return out


def _attribute_forward(drafts: list[Draft], published: str | None) -> None:
    """An unattributed lede figure takes the source the next paragraphs give the same measure.

    News ledes summarise ('At least nine people have been killed ...') and attribute a little
    later ('the fire department said 77 people were still trapped'): same unit, same state. An
    earlier figure recalled ('A 2018 study had put the cost at') is not today's source.
    """
    for i, d in enumerate(drafts):
        if d.speaker is not None or d.sentence.role not in _TOP or d.cand.figure.ratio:
            continue
        key = (d.cand.unit.unit.split()[-1:], d.cand.unit.state)
        for later in drafts[i + 1 :]:
            if later.sentence.paragraph > d.sentence.paragraph + 3:
                break
            recall = later.cand.figure.change == "previous" or _earlier(
                later.statement_date, published
            )
            counts = (later.cand.unit.unit.split()[-1:], later.cand.unit.state) == key
            if later.speaker and counts and not recall:
                d.speaker = later.speaker
                break


def _headline_source(head: Draft, drafts: list[Draft]) -> Speaker | None:
    """A headline figure of its own rounds one in the text ('tops 500 bil. yen' for 'about 524
    billion yen'): the nearest figure counting the same thing, else the lede's, has its source."""
    value = head.cand.figure.value
    near = [
        d
        for d in drafts
        if d.speaker
        and d.sentence.role != "headline"
        and d.cand.unit.unit == head.cand.unit.unit
        and value
        and d.cand.figure.value
        and abs(d.cand.figure.value - value) <= 0.25 * value
    ]
    if near:
        return min(near, key=lambda d: abs((d.cand.figure.value or 0) - (value or 0))).speaker
    lede = next((x for x in drafts if x.sentence.role == "lede" and x.speaker), None)
    return lede.speaker if lede else None


def _kind(d: Draft, doc: Document) -> str:
    if d.cand.figure.ratio:
        return "derived"
    if d.converts is not None:
        return "conversion"
    if d.sentence.role == "headline":
        return "headline"
    if d.cand.figure.change == "previous" or _earlier(d.statement_date, doc.published):
        return "recall"
    return "lede" if d.sentence.role == "lede" else "body"


def _earlier(said: str | None, published: str | None) -> bool:
    """A statement from before the story's week: an earlier figure the article recalls."""
    if not said or not published:
        return False
    if len(said) == 10 and len(published) == 10:
        return (date.fromisoformat(published) - date.fromisoformat(said)).days > 7
    return said < published[: len(said)]


def _same(a: Draft, b: Draft) -> bool:
    fa, fb = a.cand.figure, b.cand.figure
    summary = bool({"headline", "standfirst"} & {a.sentence.role, b.sentence.role})
    if (
        summary
        and fa.value
        and fb.value
        and abs(fa.value - fb.value) <= 0.02 * max(fa.value, fb.value)
    ):
        pass  # 'to cost Rs 37,000 crore' in a headline or standfirst, 'Rs 37,276 crore' in the body
    elif (fa.value, fa.low, fa.high) != (fb.value, fb.low, fb.high) and fa.value != fb.value:
        return False
    if fa.value is None and fb.value is None and (fa.low, fa.high) != (fb.low, fb.high):
        return False
    if (
        fa.ratio != fb.ratio
        or fa.change != fb.change
        or (a.converts is None) != (b.converts is None)
    ):
        return False
    if fa.ratio:
        return fa.qualifier == fb.qualifier or "none" in (fa.qualifier, fb.qualifier)
    ua, ub = _counted(a), _counted(b)
    if "headline" in (a.sentence.role, b.sentence.role):
        generic = {"people", "deaths"} & (ua | ub) and fa.value is not None
        exact = fa.value == fb.value and (fa.value or 0) >= 100  # '185 POWs', '185 soldiers'
        return bool(ua & ub) or bool(generic) or exact
    if "standfirst" in (a.sentence.role, b.sentence.role):
        return bool(ua & ub)  # a summary names its source loosely ('Health officials say')
    if a.sentence.text == b.sentence.text:
        return True  # a paragraph repeated by the page (a teaser of the lede)
    same_direction = a.sender is not None and (a.sender, a.receiver) == (b.sender, b.receiver)
    da, db = _explicit_date(a), _explicit_date(b)
    dated = da and db and da != db
    back = fa.definite or fb.definite  # 'The $4.7 billion figure would make it ...'
    sources = back or _compatible(_source(a), _source(b))
    return bool(ua & ub) and (same_direction or sources) and not dated


def _counted(d: Draft) -> set[str]:
    """What a figure counts, deaths under any name ('212 bodies', 'a toll of 212')."""
    unit = d.cand.unit
    words = set(unit.unit.split()) | ({unit.state} if unit.state else set())
    return {"deaths" if w in _DEATH_WORDS else w for w in words}


def _source(d: Draft) -> Speaker | None:
    """The claimant the text names for the figure; one guessed from the context is no source."""
    return None if d.guessed else d.speaker


_TOP = ("lede", "standfirst")
_RANK = {"lede": 0, "body": 0, "standfirst": 1, "headline": 2}
"""Which statement of a merged figure is the claim: the text's own before a summary of it."""
_DEATH_WORDS = frozenset("bodies dead deaths killed victims fatalities".split())
_BODY_WORDS = frozenset(w for w in ORG_WORDS if w not in ("news", "tv", "times", "post", "daily"))


def _explicit_date(d: Draft) -> str | None:
    return d.statement_date if d.date_basis != AT_THE_TOP else None


def _compatible(a: Speaker | None, b: Speaker | None) -> bool:
    """The same source, or one left unnamed, or a body and its official: 'UNHCR warns' and
    its regional director's quote, the civil protection agency and 'the agency's spokesman'."""
    if a is None or b is None or a.name == b.name:
        return True
    if a.name in (b.role or "") or b.name in (a.role or ""):
        return True
    return bool(_BODY_WORDS & _words(a.name) & _words(b.role)) or bool(
        _BODY_WORDS & _words(b.name) & _words(a.role)
    )


def _words(text: str | None) -> set[str]:
    return {w.removesuffix("'s").removesuffix("’s") for w in (text or "").lower().split()}


def _merge(drafts: list[Draft]) -> None:
    """Restatements become alt spans of one claim, whose span is the first non-headline one."""
    for j, b in enumerate(drafts):
        for i in range(j):
            a = drafts[i]
            if a.merged_into is not None or not _same(a, b):
                continue
            if (
                b.sentence.role == "headline"
                and a.sentence.role == "headline"
                and a.sentence.text != b.sentence.text
            ):
                continue
            primary, extra = (a, b) if _RANK[a.sentence.role] <= _RANK[b.sentence.role] else (b, a)
            extra_index = drafts.index(extra)
            primary_index = drafts.index(primary)
            primary.alt.append((extra.sentence.start, extra.sentence.end))
            primary.alt.extend(extra.alt)
            extra.merged_into = primary_index
            for d in drafts:
                if d.merged_into == extra_index:
                    d.merged_into = primary_index
            _complete(primary, extra)
            break


def _complete(primary: Draft, extra: Draft) -> None:
    """What the primary statement leaves out, its restatement may give: source, outlet, dates,
    and a qualifier ('40,000 people a week' in a standfirst, 'Roughly 40,000' in the body)."""
    if _explicit_date(primary) is None and _explicit_date(extra):
        primary.statement_date, primary.date_basis = extra.statement_date, extra.date_basis
    if primary.speaker is None or (primary.guessed and not extra.guessed):
        primary.speaker, primary.via, primary.guessed = extra.speaker, extra.via, extra.guessed
    for name in ("outlet", "statement_date", "date_basis", "period"):
        if getattr(primary, name) is None and getattr(extra, name) is not None:
            setattr(primary, name, getattr(extra, name))
    fig, other = primary.cand.figure, extra.cand.figure
    if fig.qualifier == "none" and other.qualifier != "none" and fig.value == other.value:
        qualified = replace(
            fig,
            qualifier=other.qualifier,
            qualifier_text=other.qualifier_text,
            low=other.low,
            high=other.high,
        )
        primary.cand = replace(primary.cand, figure=qualified)


def _dominant(drafts: list[Draft]) -> tuple[str, str] | None:
    pairs: dict[tuple[str, str], int] = {}
    for d in drafts:
        if d.sender and d.receiver:
            pairs[(d.sender, d.receiver)] = pairs.get((d.sender, d.receiver), 0) + 1
    return max(sorted(pairs), key=lambda p: pairs[p]) if pairs else None


def _fill_direction(
    sender: str | None, receiver: str | None, dom: tuple[str, str] | None
) -> tuple[str | None, str | None]:
    if dom is None or (sender and receiver) or not (sender or receiver):
        return sender, receiver
    a, b = dom
    if sender == a or receiver == b:
        return a, b
    if receiver == a or sender == b:
        return b, a
    return sender, receiver
