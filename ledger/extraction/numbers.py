"""Figures in a sentence: the number as stated, its scale, qualifier, range and vagueness.

This module only reads numbers ("some 7,000", "4.8 million", "€1,1 billion", "between 800 and
1,000", "dozens", "twice the"); what is counted is `units`' job, and whether a figure is a claim
is decided with both. Numbers that are parts of dates, times, identifiers, ages and calibres are
rejected here because only the characters around the digits tell them apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ledger.extraction.numerals import (
    CURRENCY,
    DIGITS,
    MULT,
    SCALES,
    SHARE,
    SMALL,
    WORDNUM,
    currency_code,
    number_value,
    share_value,
)
from ledger.reading.calendar import DateMention, find_dates

_CORE = (
    rf"(?P<cur§>{CURRENCY})?(?:(?P<dig§>{DIGITS})(?(cur§)(?:-(?=(?:bn|mn|[mb])\b))?)"
    r"(?P<suf§>bn|mn|tn|[kKmMbB])?(?![\w°])"
    rf"|(?P<wrd§>WORDS)\b)(?:(?:\s+|(?(cur§)-|(?!)))"  # '$1.6-billion', as Canadian papers write
    rf"(?P<scl§>{MULT}|lakh|crore|tril|bil|bn|mn)(?:(?<=il)\.|s?\b))?"
)
_CORE1, _CORE2 = _CORE.replace("§", "1"), _CORE.replace("§", "2")
_FIGURE_PATTERN = (
    rf"(?<![\w.,\-/:#°]){_CORE1}"
    rf"(?:(?P<pct>\s?%)?(?P<sep>\s*[-–—]\s*|\s+to\s+|\s+and\s+){_CORE2})?"
)
"""A number or a range of two ('800-1,000', '30% to 40%', 'between $9 billion and $13 billion')."""
_FIGURE = re.compile(_FIGURE_PATTERN.replace("WORDS", WORDNUM), re.IGNORECASE)
_DIGIT_FIGURE = re.compile(_FIGURE_PATTERN.replace("WORDS", "(?!)"), re.IGNORECASE)
"""The same, for sentences without number words: the word alternatives cost most of a search."""
_VAGUE = re.compile(
    r"\b(?:(?P<some>several|a\s+few|a\s+couple\s+of|many)\s+(?P<mult>dozen|hundred|thousand|million|billion)s?"
    r"|(?P<tens>tens|hundreds)\s+of\s+(?P<big>thousands|millions|billions)"
    r"|(?P<plain>dozens|scores|hundreds|thousands|millions|billions))\b",
    re.IGNORECASE,
)
_VAGUE_LOW = {
    "dozens": 24,
    "scores": 40,
    "hundreds": 200,
    "thousands": 2e3,
    "millions": 2e6,
    "billions": 2e9,
}
_SOME = {"several": 3, "a few": 2, "a couple of": 2, "many": 2}
_RATIO = re.compile(
    r"\b(?:(?P<n>two|three|four|five|six|seven|eight|nine|ten|\d+(?:\.\d+)?)[\s-]*(?:times|fold)\b"
    r"(?=\s+(?:the|as|that|what|its|their|higher|more|larger|bigger|greater|increase|rise|jump)\b)"
    r"|(?P<twice>twice)(?=\s+(?:the|as|that|what|its|their)\b)"
    r"|(?P<fold>two|three|four|five|six|seven|eight|nine|ten|twenty|hundred)fold\b"
    r"|(?P<verb>doubl|tripl|quadrupl)(?:ed|es|ing|e)\b(?!-))",
    re.IGNORECASE,
)
_VERB_RATIO = {"doubl": 2, "tripl": 3, "quadrupl": 4}
QUALIFIERS = {
    "about": "about", "around": "about", "roughly": "about", "approximately": "about",
    "approx.": "about", "some": "about", "an estimated": "about", "estimated": "about",
    "close to": "about", "circa": "about", "~": "about", "or so": "about",
    "more than": "more than", "over": "more than", "above": "more than", "just over": "more than",
    "well over": "more than", "in excess of": "more than", "upwards of": "more than",
    "well past": "more than", "well beyond": "more than",
    "north of": "more than", "south of": "less than",
    "exceeding": "more than", "top": "more than", "tops": "more than", "topped": "more than",
    "exceed": "more than", "exceeds": "more than", "exceeded": "more than",
    "surpass": "more than", "surpassed": "more than", "surpasses": "more than",
    "passed": "more than", "crossed": "more than", "crosses": "more than", "cross": "more than",
    "pass": "more than", "passes": "more than", "closer to": "about",
    "could top": "more than", "could exceed": "more than", "could cross": "more than",
    "could reach": "up to", "may reach": "up to", "might reach": "up to", "could hit": "up to",
    "could grow to": "up to", "could rise to": "up to", "could climb to": "up to",
    "at least": "at least", "no fewer than": "at least", "no less than": "at least",
    "a minimum of": "at least", "or more": "at least", "plus": "at least",
    "up to": "up to", "as many as": "up to", "as much as": "up to", "at most": "up to",
    "no more than": "up to", "a maximum of": "up to",
    "nearly": "almost", "almost": "almost", "close to almost": "almost",
    "less than": "less than", "fewer than": "less than", "under": "less than",
    "below": "less than", "just under": "less than",
}  # fmt: skip
LEVEL_VERBS = frozenset(
    q for q, meaning in QUALIFIERS.items() if meaning == "more than" and q.split()[0] in (
        "top", "tops", "topped", "exceed", "exceeds", "exceeded", "surpass", "surpassed",
        "surpasses", "pass", "passes", "passed", "cross", "crosses", "crossed",
    ) and " " not in q
)  # fmt: skip
"""Verbs that pass a threshold ('deaths pass 400', 'cases cross 8,000'): the figure is a level
of what the words before it name."""
_QUAL_BEFORE = re.compile(
    r"(?:^|(?<=[\s(\"“]))(?P<q>"
    + "|".join(
        re.escape(q).replace(r"\ ", r"\s+")
        for q in sorted(QUALIFIERS, key=len, reverse=True)
        if q not in ("or so", "or more", "plus")
    )
    + r")\s*$",
    re.IGNORECASE,
)
_QUAL_AFTER = re.compile(r"^\s*(?:(?P<q>or\s+so|or\s+more)\b|-?(?P<plus>plus)\b|\+)", re.IGNORECASE)
_RANGE_OPEN = re.compile(r"(?:\bbetween|\bfrom)\s*$", re.IGNORECASE)
_CHANGE_BEFORE = re.compile(
    r"\b(?:rose|rise[sn]?|risen|increased?|grew|grown|climbed|jumped|fell|fallen|dropped|declined|"
    r"decreased|raised|revised|cut|lowered|up|down|went)\b[^.;]{0,40}$",
    re.IGNORECASE,
)
_TIME = re.compile(
    r"\b\d{1,2}[:h]\d{2}(?:\s*[ap]\.?m\.?(?!\w)|\b)|\b\d{1,2}(?:\.\d{2})?\s*[ap]\.?m\.?(?!\w)"
    r"|\bat\s+\d{1,2}\.[0-5]\d\b(?!\s*(?:%|per|[a-z]*illion|bn|tn|crore|lakh|[a-z]+s\b))",
    re.IGNORECASE,
)
"""Clock times: '9:42', '18h40', '10:00pm', '8.15pm', 'at 10.30'; a bare '1.75' is a decimal."""
_TIME_HINT = re.compile(r"\d(?:[:hH]\d|\s*[apAP]\.?[mM]|\.[0-5]\d)")
"""What every clock time has: a digit and then ':30', 'h40', ' pm' or '.15'."""
_PHONE = re.compile(
    r"\(\d{3}\)\s?\d{3}-\d{4}\b|\b\d{3}-\d{3}-\d{4}\b|\+\d{1,3}(?:[\s.-]\d{2,4}){2,5}\b"
    r"|\b0\d{2,4}[\s-]\d{3}[\s-]\d{3,4}\b"
)
"""Telephone numbers: '(812) 555-0142', '541-555-0199', '+00 312 555 04 87', '0412 555 019'."""
_PHONE_HINTS = re.compile(r"tel|phone|call|contact|text|fax|hotline|whatsapp|reach|@|\+\d")
"""Words near a telephone number: 'call', 'Reach her at ... or name@paper.com'."""
_AGE = re.compile(r"^[\s-]*(?:years?|months?)[\s-]*old\b|^-year\b", re.IGNORECASE)
_AGE_BEFORE = re.compile(r"[A-Z][\w'’.-]+,\s*$|[A-Z][\w'’.-]+\s\($")
_ID_BEFORE = re.compile(
    r"(?:\b(?:no\.|number|nos?|page|category|level|phase|stage|round|day|week|section|article|"
    r"chapter|resolution|line|route|highway|flight|gate|terminal|platform|zone|sector|block|ward|"
    r"district|unit|reactor|dam|lot|grade|class|tier|vol\.|pt\.|channel|room)|#)\s*$",
    re.IGNORECASE,
)
_PROPER_BEFORE = re.compile(r"(?<=[a-z,;]\s)[A-Z][a-z]+\s+$")
_COUNTED_AFTER = re.compile(
    r"\s+(?:people|persons|residents|families|households|homes|houses|buildings|cases|deaths|"
    r"troops|soldiers|workers|children|students|patients|hectares|acres|tonnes|tons|vehicles|"
    r"containers|shells|drones|missiles|jobs|doses|signatures|passengers)\b",
    re.IGNORECASE,
)
_DEFINITE = re.compile(
    r"\b(?:the|(?:first|second|third|last|one|two|three|each|all|both|none|most|some|many|several)"
    r"\s+of)\s+$",
    re.IGNORECASE,
)
_ONE_IN_N = re.compile(r"\s+in\s+(?:\d|every\b|(?:two|three|four|five|six|seven|eight|nine|ten)\b)")
_ONE_IN_N_BEFORE = re.compile(r"\b(?:\d+|one|two|three|four|five)\s+in\s+$", re.IGNORECASE)
_MAGNITUDE = re.compile(r"magnitude[\s-]*$|\bM$|Richter", re.IGNORECASE)


@dataclass(frozen=True)
class Figure:
    """A number as written in a sentence, with offsets relative to that sentence."""

    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    qualifier_text: str | None
    currency: str | None = None
    vague: bool = False
    ratio: bool = False
    small_word: bool = False
    """Spelled out and below ten ('two', 'four'): rarely an estimate unless qualified."""
    definite: bool = False
    """'the 11 new stations', 'the first of 12 turbines': a known set referred to, not estimated."""
    change: str | None = None
    """'delta' for 'rose by 300', 'previous' for 'up from 48,000': not the current level."""
    share: bool = False
    """A proportion in words, in percent: 'one in five homes' (20), 'more than half of' (50)."""


def mask_dates_and_times(
    text: str, dates: list[DateMention] | None = None
) -> list[tuple[int, int]]:
    """Spans of dates, clock times and telephone numbers, whose digits are never figures; the
    last day of a span of days is a date too ('from August 9 to 21', 'May 3-7')."""
    spans = []
    for d in find_dates(text) if dates is None else dates:
        end = d.end
        if d.year is None and (last := _LAST_DAY.match(text, end)) and int(last[1]) <= 31:
            end = last.end()
        spans.append((d.start, end))
    spans += [(m.start(), m.end()) for m in _TIME.finditer(text)] if _TIME_HINT.search(text) else []
    if _PHONE_HINTS.search(text.lower()):
        spans += [(m.start(), m.end()) for m in _PHONE.finditer(text)]
    return spans


_DIGIT = re.compile(r"\d")
_LAST_DAY = re.compile(
    r"\s*(?:-|–|to|until|through)\s*(\d{1,2})\b(?![\d.,%]|\s*(?:people|[a-z]{3,}s|per)\b)"
)
# Literal checks on the lower-cased sentence before the slower patterns run.
_NUMBER_HINTS = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"(?:thir|four|fif|six|seven|eigh|nine)teen|twenty|thirty"
    r"|forty|fifty|sixty|seventy|eighty|ninety|dozen|hundred|thousand|million|billion|score|half)"
)
_RATIO_HINTS = re.compile("times|twice|fold|doubl|tripl|quadrupl")
_VAGUE_HINTS = re.compile("dozens|scores|hundred|thousand|million|billion")
_PLURAL_AFTER = re.compile(r"\s+(?:[a-z]+\s+)?(?:people|[a-z]{3,}s)\b(?<!\bmetres)(?<!\bmeters)")
_AGED = re.compile(r"\baged?\s*$", re.IGNORECASE)
_BETWEEN = re.compile(r"\bbetween\s*$", re.IGNORECASE)
_AGE_LIMIT = re.compile(
    r"\b(?:children|kids|people|adults|those|anyone|women|men|girls|boys|youths?|teenagers|pupils|"
    r"patients|residents)\s+(?:under|over|below|above|younger\s+than|older\s+than)\s+(?:the\s+age\s+of\s+)?$",
    re.IGNORECASE,
)
_ORDINAL_AFTER = re.compile(r"\s*(?:st|nd|rd|th)\b")
_MAGNITUDE_AFTER = re.compile(r"[\s-]*magnitude", re.IGNORECASE)
_QUAKE_AFTER = re.compile(r"[\s-]*(?:after)?(?:shock|quake|earthquake|tremor|temblor)s?\b", re.I)
_PER_BEFORE = re.compile(r"\bper\s*$", re.IGNORECASE)
_PART_OF_BEFORE = re.compile(
    r"(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|"
    r"thirty|forty|fifty|dozens|hundreds|half|most|all|many|some))\s+of\s+(?:the|its|their)\s+"
    r"(?:[\w-]+['’]s\s+)?$",
    re.IGNORECASE,
)
_CHANGE_PREP = re.compile(r"\b(by|from)\s+$", re.IGNORECASE)
_NOUN_USE = re.compile(r"\b(?:a|the)\s+$", re.IGNORECASE)


def find_figures(text: str, dates: list[DateMention] | None = None) -> list[Figure]:
    """Every figure in one sentence that is not a date, time, year, age or identifier.

    `dates` are the sentence's date mentions when the caller has found them already.
    """
    low = text.lower()
    words = _NUMBER_HINTS.search(low) is not None
    ratios = _RATIO_HINTS.search(low) is not None
    shares = _may_share(low)
    if not (words or ratios or shares or _DIGIT.search(text)):
        return []
    masked = mask_dates_and_times(text, dates)
    figures: list[Figure] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return not any(s < me and ms < e for ms, me in masked + taken)

    for m in _RATIO.finditer(text) if ratios else ():
        noun_use = m["verb"] and _NOUN_USE.search(text, max(0, m.start() - 5), m.start())
        if free(m.start(), m.end()) and not noun_use:
            fig = _ratio(text, m)
            figures.append(fig)
            taken.append((fig.start, m.end()))
    for m in SHARE.finditer(text) if shares else ():
        if free(m.start(), m.end()):
            figures.append(_share(text, m))
            taken.append((m.start(), m.end()))
    for m in _VAGUE.finditer(text) if words and _VAGUE_HINTS.search(low) else ():
        if free(m.start(), m.end()):
            figures.append(_vague(text, m))
            taken.append((m.start(), m.end()))
    pos = 0
    figure = _FIGURE if words else _DIGIT_FIGURE
    while m := figure.search(text, pos if words else _near_digit(text, pos)):
        pos = m.end()
        if not free(m.start(), m.end()):
            if m["sep"]:  # 'since October 7 to 31,184': the date is not, the second number may be
                pos = m.start("sep")
            continue
        fig = _numeric(text, m)
        if fig is not None:
            figures.append(fig)
            taken.append((fig.start, fig.end))
            pos = fig.end  # a rejected range ('rose from 40 to 55') leaves its second number
    return sorted(figures, key=lambda f: f.start)


def _near_digit(text: str, pos: int) -> int:
    """Where a figure in digits can start at or after `pos`: its currency sign (5 characters at
    most, 'SFr. ') before the next digit. Searching from there spares the pattern a try at every
    character; past the last digit it returns the end, where no figure starts."""
    d = _DIGIT.search(text, pos)
    return max(pos, d.start() - 5) if d else len(text)


def _may_share(low: str) -> bool:
    """Whether a proportion in words can be there: 'half of', 'a third', 'one in five', '1 in 10'
    (literal checks; the pattern itself is slow to run over every sentence)."""
    if "half of" in low or "third" in low or "quarter" in low or "fifth" in low:
        return True
    i = low.find(" in ")
    while i >= 0:
        before = low[max(0, i - 6) : i].rsplit(" ", 1)[-1]
        if before.isdigit() or before in ("one", "two", "three", "four", "five"):
            return True
        i = low.find(" in ", i + 1)
    return " out of " in low


def _qualifier(text: str, start: int, end: int) -> tuple[str, str | None, int]:
    """Canonical qualifier, its words, and where the figure starts once they are included."""
    if m := _QUAL_BEFORE.search(text, max(0, start - 22), start):
        q = " ".join(m["q"].lower().split())
        return QUALIFIERS[q], m["q"], m.start("q")
    if m := _QUAL_AFTER.match(text[end:]):
        q = " ".join((m["q"] or "plus").lower().split())
        return QUALIFIERS[q], m.group().strip(), start
    return "none", None, start


def _bounds(qualifier: str, value: float) -> tuple[float | None, float | None]:
    if qualifier in ("more than", "at least"):
        return value, None
    if qualifier in ("up to", "almost", "less than"):
        return None, value
    return None, None


def _ratio(text: str, m: re.Match[str]) -> Figure:
    if m["verb"]:
        value = float(_VERB_RATIO[m["verb"].lower()])
    elif m["twice"]:
        value = 2.0
    else:
        raw = (m["n"] or m["fold"]).lower()
        value = float(SMALL.get(raw) or raw)
    qual, qtext, start = _qualifier(text, m.start(), m.end())
    low, high = _bounds(qual, value)
    return Figure(start, m.end(), value, low, high, qual, qtext, ratio=True)


def _share(text: str, m: re.Match[str]) -> Figure:
    value = share_value(m)
    qual, qtext, start = _qualifier(text, m.start(), m.end())
    low, high = _bounds(qual, value)
    return Figure(start, m.end(), value, low, high, qual, qtext, share=True)


def _vague(text: str, m: re.Match[str]) -> Figure:
    if m["plain"]:
        low = _VAGUE_LOW[m["plain"].lower()]
    elif m["tens"]:
        low = (20 if m["tens"].lower() == "tens" else 200) * _VAGUE_LOW[m["big"].lower()] / 2
    else:
        mult = 12 if m["mult"].lower() == "dozen" else SCALES[m["mult"].lower()]
        low = _SOME[" ".join(m["some"].lower().split())] * mult
    return Figure(m.start(), m.end(), None, float(low), None, "vague", m.group(), vague=True)


def _numeric(text: str, m: re.Match[str]) -> Figure | None:
    start, end = m.start(), m.end()
    before, after = text[max(0, start - 60) : start], text[end : end + 40]
    first = number_value(m["dig1"], m["wrd1"], m["suf1"], m["scl1"])
    if first is None:
        return None
    currency = m["cur1"] or m["cur2"]
    second = None
    if m["sep"]:
        second = number_value(m["dig2"], m["wrd2"], m["suf2"], m["scl2"])
        sep = m["sep"].strip().lower()
        ranged = second is not None and (
            (sep == "and" and _BETWEEN.search(before))
            or (sep == "to" and not _CHANGE_BEFORE.search(before))
            or (sep in "-–—" and m["dig1"] and m["dig2"])
        )
        if not ranged:
            end = m.start("pct") if m["pct"] else m.start("sep")
            second = None
        elif not (m["suf1"] or m["scl1"]) and (m["suf2"] or m["scl2"]) and first < 1000:
            first *= SCALES[(m["suf2"] or m["scl2"]).lower()]
    digits = m["dig1"] or ""
    plain_int = digits.isdigit() and not (m["suf1"] or m["scl1"] or currency)
    counted = _COUNTED_AFTER.match(after) or _QUAL_BEFORE.search(text, max(0, start - 22), start)
    if plain_int and 1800 <= first <= 2100 and not (counted and not second):
        return None  # a year ('at 2015 prices'), or a range of years
    metres = m["suf1"] and m["suf1"] in ("m", "b") and not currency
    if metres and not _PLURAL_AFTER.match(after):
        return None  # "10m" is ten metres unless it is money or counts ('6m properties')
    if _AGE.match(after) or (
        plain_int and first < 130 and _AGE_BEFORE.search(before) and after[:1] in ",)"
    ):
        return None
    limit = "under" in before or "over" in before or "than" in before or "below" in before
    limit = limit or "above" in before
    if _AGED.search(before) or (limit and _AGE_LIMIT.search(before)):
        return None  # 'aged 12', 'children under 15': an age
    if (
        plain_int
        and (_ID_BEFORE.search(text, max(0, start - 16), start) or _PROPER_BEFORE.search(before))
        and second is None
    ):
        return None
    if _MAGNITUDE.search(before[-12:]) or _MAGNITUDE_AFTER.match(after):
        return None
    if first < 10 and "." in digits and _QUAKE_AFTER.match(after):
        return None  # 'a 5.6 aftershock': a magnitude
    if _PER_BEFORE.search(before[-8:]):
        return None  # '0.61 per $100 of assessed value': the base of a rate
    if _PART_OF_BEFORE.search(text, max(0, start - 40), start):
        return None  # '154 of the state's 497 municipalities': the whole a part is of
    if plain_int and len(digits) >= 6 and not after.lstrip()[:1].isalpha():
        return None  # 'text JUNIPER to 888777': a code, not a count
    if _ORDINAL_AFTER.match(after):
        return None
    if _ONE_IN_N.match(after) or _ONE_IN_N_BEFORE.search(text, max(0, start - 12), start):
        return None  # 'one in five children': a proportion, not a count
    if m["wrd1"] and m["wrd1"].lower() in ("a", "an"):
        return None
    qual, qtext, qstart = _qualifier(text, start, end)
    if second is not None:
        lo, hi = sorted((first, second))
        qtext = (qtext + " " if qtext and qual != "none" else "") + m["sep"].strip()
        opener = _RANGE_OPEN.search(text, max(0, qstart - 12), qstart)
        if opener:
            qstart, qtext = opener.start(), f"{opener.group().strip()} ... {m['sep'].strip()}"
        return Figure(qstart, end, None, lo, hi, "range", qtext, currency=currency_code(currency))
    if m["wrd1"] and re.fullmatch(r"an?\s+dozen", m["wrd1"].strip(), re.I) and qual == "none":
        qual, qtext = "about", m["wrd1"]
    low, high = _bounds(qual, first)
    small_word = bool(m["wrd1"]) and first < 10 and not (m["scl1"])
    prefix = text[max(0, qstart - 60) : qstart]
    definite = bool(_DEFINITE.search(text, max(0, qstart - 14), qstart))
    change = None
    if (prep := _CHANGE_PREP.search(prefix)) and _CHANGE_BEFORE.search(prefix):
        change = "delta" if prep[1].lower() == "by" else "previous"
    return Figure(
        qstart, end, first, low, high, qual, qtext, currency=currency_code(currency),
        small_word=small_word, definite=definite, change=change,
    )  # fmt: skip
