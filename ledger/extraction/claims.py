"""Which figures in a sentence are claims, what each counts, and which one converts another.

A figure is a claim when it counts something (a noun, money, a percentage, or a quantity the
context names: 'the death toll to 61', 'more than 300 of them'). It is not one when it measures a
length, a weight, a temperature or an identifier, when it is a plain duration ('two years of
legal challenges'), when it is a small spelled-out count ('four villages') or a known set ('the
11 new stations'). A bare count with no qualifier and no event around it needs an attribution in
its sentence (`needs_cue`): 'with 11 stations over 14 km' is description, 'destroyed 300 homes'
is not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ledger.extraction.numbers import LEVEL_VERBS, Figure, find_figures
from ledger.extraction.units import Unit, unit_after, unit_in_context
from ledger.reading.calendar import DateMention

_LEVEL_BEFORE = re.compile(
    r"\b(?:at|to|top|tops|topped|reached|reach|reaches|hit|hits|from|stands?\s+at|stood\s+at|"
    r"total(?:led|ing|s)?|kill(?:s|ed|ing)?|exceed(?:s|ed)?|surpass(?:es|ed)?|passed|passes|"
    r"(?:toll|total|number|count|tally|budget|cost|figure)\s+of)"
    r"(?:\s+(?:an?\s+)?(?:new\s+|all-time\s+)?(?:record|high|peak|low)(?:\s+of)?)?\s*$",
    re.IGNORECASE,
)
"""A level before a figure: 'rose to', 'a toll of', 'has reached a record', 'hits record'."""
_EVENT = re.compile(
    r"\b(?:kill|destroy|damag|displac|evacuat|injur|wound|affect|burn|flood|die|rescu|arrest|detain|"
    r"infect|hospitali[sz]|ship|deliver|suppl|receiv|fire|launch|deploy|spen[dt]|rais|collect|donat|"
    r"pledg|allocat|approv|sent|sen[dt]s|lost|los[et]s?|sold|bought|export|import|vaccinat|administer|"
    r"attack|strik|struck|shell|bomb|target|raid)"
)
_WITH_BEFORE = re.compile(r"\bwith\s+$", re.IGNORECASE)
_PART_BEFORE = re.compile(
    r"\b(?:of\s+(?:whom|which|them|those|these)|including|among\s+them)\s+$", re.IGNORECASE
)
"""'of whom 1,318 ...', 'including nine homes': part of the figure before."""
_AND_BEFORE = re.compile(r"(?:,|\s(?:and|or))\s+$", re.IGNORECASE)
_WHOLE_OF = re.compile(r"\s+of(?:\s+(?:all|the|its|their|these|those))*(?=\s)", re.IGNORECASE)
_RATE_AFTER = re.compile(r"^\s+(?:a|per|each)\s+(?:night|day|week|month|year)\b", re.IGNORECASE)
_CONVERSION = re.compile(
    r"^[\s,]*(?:(?:each|apiece|a\s+(?:year|month|week|day|head)|per\s+\w+)[\s,]*)?(?:\(|or\s+)"
    r"|\b(?:(?:which|that)\s+(?:could|would|can|may|might)\s+(?:hold|carry|"
    r"contain|translate\s+(?:to|into)|amount\s+to|equal|be\s+enough\s+for)|capable\s+of\s+"
    r"(?:carrying|holding)|enough\s+(?:for|to))\b",
    re.IGNORECASE,
)
"""Between two figures: '(30,000 acres)', 'or about $1.2 billion', 'each, or about $290,000', 'to
Russia, which could hold'."""
_CAPACITY = re.compile(r"capable\s+of|could\s+(?:hold|carry|contain)|enough", re.IGNORECASE)
_FUZZY = ("about", "almost", "at least", "up to")


@dataclass(frozen=True)
class Candidate:
    figure: Figure
    unit: Unit
    converts: int | None = None
    """Index, among the same sentence's candidates, of the figure this one converts."""
    needs_cue: bool = False
    difference: bool = False
    """'about $41 million more than officials estimated', '22% above the other figure': a gap
    between two figures, which whoever compares them computes."""

    @property
    def start(self) -> int:
        return self.figure.start

    @property
    def compared(self) -> bool:
        """A multiple or a difference: a comparison rather than a figure anyone gave."""
        return self.figure.ratio or self.difference


def _ratio_unit(text: str, fig: Figure) -> Unit:
    tail = re.match(r"\s+(?:the\s+|its\s+|an?\s+)?((?:[\w'’-]+\s+){0,2}[\w'’-]+)", text[fig.end :])
    item = f"{text[fig.start : fig.end]} {tail.group(1)}" if tail else text[fig.start : fig.end]
    return Unit("ratio", item, "ratio", fig.end)


def _unit_for(text: str, fig: Figure, previous: Unit | None, last_unit: str | None) -> Unit | None:
    if fig.ratio:
        return _ratio_unit(text, fig)
    if fig.share:  # 'one in five homes', 'half of all cases': a percentage of homes, of cases
        of = _WHOLE_OF.match(text, fig.end)
        whole = unit_after(text, of.end() if of else fig.end, currency=None, vague=False)
        item = f"percent of {whole.item or whole.unit}" if whole and whole.unit else "percent"
        return Unit("percent", item, "percent", whole.end if whole else fig.end)
    unit = unit_after(text, fig.end, currency=fig.currency, vague=fig.vague)
    if unit is not None and unit.kind not in ("antecedent",):
        return unit
    if unit is not None and previous and not fig.small_word:  # '112 homes, 9 of them severely'
        return Unit(previous.unit, previous.item, "borrowed", unit.end, previous.state)
    before = text[: fig.start]
    level = (
        _LEVEL_BEFORE.search(before[-30:])
        or _RATE_AFTER.match(text[fig.end : fig.end + 20])
        or (fig.qualifier_text or "").lower() in LEVEL_VERBS
    )
    if fig.value is not None and fig.value < 10 and not (level and fig.small_word):
        return None  # 'under five', 'Dam 2': a small bare number counts nothing
    verb = (fig.qualifier_text or "") if (fig.qualifier_text or "").lower() in LEVEL_VERBS else ""
    context = unit_in_context(before[-200:] + verb) if level or fig.change else None
    if context is not None:
        return replace(context, end=fig.end)
    qualified = fig.qualifier not in ("none", "vague") or fig.change or unit is not None
    qualified = qualified or bool(_WITH_BEFORE.search(before[-8:]))  # 'with 1,200 still cut off'
    qualified = qualified or bool(_PART_BEFORE.search(before[-20:]))
    # '840 deaths on Monday and 1,284 on Tuesday': the second figure counts the same
    qualified = qualified or bool(previous and _AND_BEFORE.search(before[-6:]))
    if (qualified or level) and (fig.value or fig.low or 0) >= 10:
        if previous:  # what the figure before counts, people in the same state included
            return Unit(previous.unit, previous.item, "borrowed", fig.end, previous.state)
        if last_unit:
            return Unit(last_unit, last_unit, "borrowed", fig.end)
    return None


_STATE_BEFORE = re.compile(
    r"\b(kill|injur|wound|evacuat|displac|rescu|arrest|detain|infect|strand|trap)\w*\s+(?:\w+\s+){0,4}$",
    re.IGNORECASE,
)
_STATE_OF = {"kill": "killed", "injur": "injured", "wound": "injured", "evacuat": "evacuated",
             "displac": "displaced", "rescu": "rescued", "arrest": "arrested", "detain": "detained",
             "infect": "infected", "strand": "stranded", "trap": "trapped"}  # fmt: skip


def _with_state(text: str, fig: Figure, unit: Unit) -> Unit:
    """'killed at least 45 people': people counted by what happened to them, read before them."""
    if unit.unit != "people" or unit.state:
        return unit
    m = _STATE_BEFORE.search(text, max(0, fig.start - 40), fig.start)
    if m is None:
        return unit
    state = _STATE_OF[m[1].lower()]
    return replace(unit, item=f"{unit.item or 'people'} {state}", state=state)


_COMPARATIVE = re.compile(
    r"\s+(?:more|less|fewer|higher|lower|greater|larger|smaller)\s+than\s+(?!\d|(?:about|some|"
    r"around|nearly|almost)\b)|\s+(?:above|below)\s+(?:the|its|their|what|[A-Z][\w'’]*['’]s)\b"
)
"""After a figure and its unit, a comparison with another figure ('more than officials
estimated', 'above the forecast'), not with a number ('more than 40')."""
_PART_OF_BEFORE_IT = re.compile(
    r"(?:Of|Among)\s+(?:this\s+(?:number|total|figure)|these|them|those|the\s+total)\s*,"
)
"""A sentence opening on the figure before it: its counts are a part of that one, given by the
same source ('Of this number, 300 are in shelters')."""


def opens_on_a_part(text: str) -> bool:
    """The sentence opens on the figure before it ('Of them, ...'), so it counts the same thing."""
    return text[:1] in "OA" and _PART_OF_BEFORE_IT.match(text) is not None


_EACH = re.compile(r"\s+(?:each|apiece|per\s+(?:person|head|family|household|victim))\b")
_PAYMENT = re.compile(
    r"\b(?:ex[\s-]gratia|compensation|payments?|grants?|allowances?|stipends?|fines?|bonus(?:es)?)"
    r"\b[^.;]{0,30}$",
    re.IGNORECASE,
)
"""What is paid per head ('an ex gratia of ₹4 lakh each'), unlike a price ('at $2m each')."""
_MARKET = re.compile(
    r"\((?:[A-Z]{1,5}\.[A-Z]{1,2}|(?:NYSE|NASDAQ|Nasdaq|LSE|TSX|ASX|NSE|BSE)\s*:\s*[A-Z.]{1,8})\)"
    r"|\b(?:[Ss]hares|[Ss]tocks?)\b"
)
"""A sentence about trading: a ticker in brackets ('(ABC.N)', '(NYSE: ABC)') or shares."""
_PRICE_MOVE = re.compile(
    r"\b(?:fell|rose|gained|lost|dropped|climbed|slipped|jumped|slid|closed|ended|was|were)"
    r"(?:\s+(?:up|down|higher|lower))?\s+(?:[\d.,]+%\s+(?:to|at)\s+)?(?:about\s+)?$"
)
"""A price move just before a figure: 'fell 2.8% to', 'rose', 'closed down'."""


def _is_claim(text: str, fig: Figure, unit: Unit) -> bool:
    part = _PART_BEFORE.search(text, max(0, fig.start - 20), fig.start)
    if unit.kind in ("measure", "identifier"):
        return False
    if unit.kind == "duration":
        return (
            fig.qualifier in (*_FUZZY, "more than")
            and (fig.qualifier_text or "").lower() != "over"
            and bool(re.match(r"\s+of\b", text[unit.end :]))
        )
    if fig.small_word and fig.qualifier == "none" and unit.state is None and not part:
        return False
    if fig.definite and (fig.value or 0) < 100 and fig.qualifier == "none":
        return False
    return not (
        fig.value is not None
        and fig.value < 10
        and unit.kind == "count"
        and not unit.state
        and fig.qualifier == "none"
        and fig.small_word
        and not part
    )


def candidates(
    text: str, last_unit: str | None, dates: list[DateMention] | None = None
) -> list[Candidate]:
    """The claim figures of one sentence, in order, with units and conversion links."""
    found: list[Candidate] = []
    described: Unit | None = None
    market = ("hare" in text or "tock" in text or ".N)" in text) and _MARKET.search(text)
    for fig in find_figures(text, dates):
        previous = found[-1] if found else None
        unit = _unit_for(text, fig, described or (previous.unit if previous else None), last_unit)
        if unit is None or not _is_claim(text, fig, unit):
            continue
        if market and unit.kind in ("percent", "money") and _PRICE_MOVE.search(text, 0, fig.start):
            continue  # 'X (ABC.N) fell 2.8% to $24.61': a share price, not anyone's estimate
        each = unit.kind == "money" and _EACH.match(text, unit.end or fig.end)
        if each and _PAYMENT.search(text, max(0, fig.start - 40), fig.start):
            continue  # 'compensation of ₹4 lakh each': an amount set per head, not an estimate
        unit = _with_state(text, fig, unit)
        converts = None
        if previous is not None and not fig.ratio and not previous.figure.ratio:
            gap = text[max(previous.unit.end, previous.figure.end) : fig.start]
            if len(gap) < 60 and _CONVERSION.search(gap) and not re.search(r"\d", gap):
                converts = len(found) - 1
                if fig.qualifier == "none" and _CAPACITY.search(gap) and fig.value is not None:
                    fig = replace(
                        fig, qualifier="up to", qualifier_text=gap.strip(" ,("), high=fig.value
                    )
                elif fig.qualifier == "none" and gap.strip().startswith("("):
                    p = previous.figure  # '(30,000 acres)' is as approximate as what it converts
                    fig = replace(fig, qualifier=p.qualifier, qualifier_text=p.qualifier_text)
        bare = (
            fig.qualifier == "none"
            and not (fig.currency or fig.vague or fig.ratio or fig.change or unit.state)
            and unit.kind in ("count", "partitive")
            and not _LEVEL_BEFORE.search(text[max(0, fig.start - 30) : fig.start])
            and not _EVENT.search(text[max(0, fig.start - 30) : unit.end + 30])
        )
        if bare and _WITH_BEFORE.search(text[max(0, fig.start - 6) : fig.start]):
            described = unit  # 'began with 3,000 workers; about 4,800 are now on site'
            continue  # 'the line, with 27 stations, ...': a description, not an estimate
        difference = unit.kind in ("money", "percent", "count") and bool(
            _COMPARATIVE.match(text, unit.end or fig.end)
        )
        part = bare and opens_on_a_part(text)  # 'Of this number, 300 ...'
        found.append(Candidate(fig, unit, converts, bare and not part, difference))
        described = None
    return found
