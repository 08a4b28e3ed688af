"""What a figure counts: the noun after it, a currency, a percentage, or the quantity in context.

Without a part-of-speech model the noun phrase is read with closed word lists: it runs from the
figure over modifiers to the head noun and stops at function words, verbs and punctuation. The
kind of unit decides whether a figure can be a claim at all: durations, lengths, weights and
temperatures describe things ('a 14-kilometre line', '48 hours') rather than estimate them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

_TOKEN = re.compile(r"[%]|[^\W_][\w'’./-]*[^\W_]|[^\W_]|[^\w\s]")
_ALNUM = re.compile(r"[^\W_]")
_OF = re.compile(r"\s+of\s+(?:the\s+)?")
STOP = frozenset(
    """a an the this that these those its their his her our your my of to in on at for from with by
    since into onto across over under between among through during after before against per as
    than and or but nor so yet if while because when where which who whom whose what whether are
    is was were be been being am have has had having will would could can may might shall should
    must do does did not no now still already just only also even more most less least each every
    all both either neither some any many much few several such own same other another there here
    then again about around roughly nearly almost up down out off very too alone so far total
    year's it they them he she we you i last next capable able worth enough remain remains
    remained stay stayed stays live lived living sleeping slept need needs needed face faced
    lack lacked lost lose got get gets received receive january february march april june july
    august september october november december monday tuesday wednesday thursday friday saturday
    sunday behind ahead late early later earlier ago old without within left north south east
    west northeast northwest southeast southwest""".split()
)
CURRENCY_WORDS = {
    "euro": "EUR", "euros": "EUR", "dollar": "USD", "dollars": "USD", "francs": "CHF",
    "pounds": "GBP", "sterling": "GBP", "yen": "JPY", "rupees": "rupees", "yuan": "CNY",
    "renminbi": "CNY", "won": "KRW", "roubles": "RUB", "rubles": "RUB", "hryvnias": "UAH",
    "shillings": "shillings", "dinars": "dinars", "naira": "NGN", "rand": "ZAR", "pesos": "pesos",
    "lira": "TRY", "reais": "BRL", "rupiah": "IDR", "ringgit": "MYR", "baht": "THB",
    "soles": "PEN", "cedis": "GHS", "kwacha": "kwacha", "birr": "ETB", "taka": "BDT",
    "dirhams": "AED", "riyals": "riyals", "shekels": "ILS", "zlotys": "PLN", "forints": "HUF",
    "usd": "USD", "eur": "EUR", "gbp": "GBP", "chf": "CHF", "inr": "INR", "jpy": "JPY",
    "cny": "CNY",
}  # fmt: skip
_MEASURES = frozenset(
    """km kms kilometre kilometres kilometer kilometers mile miles metre metres meter meters m cm
    mm millimetre millimetres millimeter millimeters inch inches foot feet ft kg kgs kilogram
    kilograms gram grams g lb lbs degree degrees °c °f c f km/h kph mph knot knots mb gb tb mw gw
    kw kwh mwh gwh hz calibre caliber magnitude storey storeys floors celsius fahrenheit megawatt
    megawatts gigawatt gigawatts kilowatt kilowatts""".split()
)
DURATIONS = frozenset(
    """second seconds minute minutes min mins hour hours hr hrs day days week weeks month months
    year years decade decades century centuries night nights weekend weekends""".split()
)
HUMAN_STATES = {
    "killed": "killed", "dead": "killed", "died": "killed", "die": "killed", "deaths": "killed",
    "missing": "missing", "injured": "injured", "wounded": "injured", "hurt": "injured",
    "evacuated": "evacuated", "displaced": "displaced", "homeless": "displaced",
    "affected": "affected", "flee": "fled", "fled": "fled", "fleeing": "fled",
    "stranded": "stranded",
    "trapped": "trapped", "rescued": "rescued", "arrested": "arrested", "detained": "detained",
    "infected": "infected", "hospitalised": "hospitalised", "hospitalized": "hospitalised",
    "injuries": "injured", "unaccounted": "missing", "alive": "rescued",
}  # fmt: skip
_CURRENCY_NAMES = {
    ("swiss", "francs"): "CHF", ("us", "dollars"): "USD", ("australian", "dollars"): "AUD",
    ("canadian", "dollars"): "CAD", ("singapore", "dollars"): "SGD",
    ("hong kong", "dollars"): "HKD", ("new zealand", "dollars"): "NZD",
    ("egyptian", "pounds"): "EGP", ("indian", "rupees"): "INR",
    ("pakistani", "rupees"): "PKR", ("mexican", "pesos"): "MXN", ("philippine", "pesos"): "PHP",
}  # fmt: skip
_NAMED_CURRENCY = re.compile(
    r"\s+(U\.?S\.?|Swiss|Australian|Canadian|Singapore|Hong Kong|New Zealand|Egyptian|Indian|"
    r"Pakistani|Mexican|Philippine)\s+(dollars|francs|pounds|rupees|pesos)\b"
)
"""A currency named with its country: 'about 1.34 billion U.S. dollars'."""
_PERCENT = re.compile(r"[\s\u00a0\u202f]*(?:%|per\s?cent\b|pct\b|percentage\s+points?\b)", re.I)
_COST_WORDS = re.compile(
    r"\b(cost|costs|budget|bill|price|damage|damages|losses|loss|appeal|funding|aid|spending|"
    r"investment|overrun|revenue|debt|fine|compensation|contract|deal|value|worth)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Unit:
    unit: str
    """The counted thing, as short as the text allows ('containers', 'attack drones', 'EUR')."""
    item: str | None
    """The fuller noun phrase ('containers of weapons')."""
    kind: str
    """count | percent | money | duration | measure | identifier | partitive | antecedent | borrowed
    (the unit of a figure before it: "15 to 20 a night", "with 1,200 still cut off")."""
    end: int
    """Offset (in the sentence) just after the words read."""
    state: str | None = None
    """For people: what happened to them ('killed', 'displaced'), when the text says."""


def unit_after(text: str, pos: int, *, currency: str | None, vague: bool) -> Unit | None:
    """Read the unit that follows a figure ending at `pos` in `text` (one sentence)."""
    if m := _PERCENT.match(text, pos):
        name = "percentage points" if "point" in m.group().lower() else "percent"
        comp = _complement(text, m.end())
        item = f"{name} of {comp[0]}" if comp else None
        return Unit(name, item, "percent", comp[1] if comp else m.end())
    if text.startswith(('" ', "” "), pos):
        pos += 1  # a quoted figure, then its noun: 'told AFP that "about 9,000" villagers were'
    toks = [
        (t.group(), t.start(), t.end())
        for t in _TOKEN.finditer(text, pos, min(len(text), pos + 120))
    ]
    if toks and toks[0][0].lower() in CURRENCY_WORDS:
        return Unit(CURRENCY_WORDS[toks[0][0].lower()], _cost_item(text), "money", toks[0][2])
    named = _NAMED_CURRENCY.match(text, pos)  # 'U.S. dollars', 'Swiss francs'
    key = (named[1].replace(".", "").lower(), named[2].lower()) if named else None
    if named and key in _CURRENCY_NAMES:
        return Unit(_CURRENCY_NAMES[key], _cost_item(text), "money", named.end())
    if currency:
        return Unit(currency, _cost_item(text), "money", pos)
    i = 0
    if len(toks) > 1 and toks[0][0].lower() == "of":
        follower = toks[1][0].lower()
        if follower in ("them", "those", "these", "us", "which", "whom"):
            return Unit("", None, "antecedent", toks[1][2])
        if follower in ("the", "its", "their", "his", "her", "our"):
            if len(toks) > 2 and toks[2][0].lower() in HUMAN_STATES:
                state = HUMAN_STATES[toks[2][0].lower()]
                return Unit("people", f"people {state}", "partitive", toks[2][2], state=state)
            noun = _noun_phrase(toks, 2)
            if noun:
                words, end = noun
                return Unit(words[-1].lower(), " ".join(words), "partitive", end)
            return None
        if vague or re.match(r"\s*of\s", text[pos : pos + 5]):
            i = 1
    if i < len(toks) and toks[i][0].lower() in HUMAN_STATES:
        state = HUMAN_STATES[toks[i][0].lower()]
        return Unit("people", f"people {state}", "count", toks[i][2], state=state)
    lead: list[str] = []
    while i < len(toks) and toks[i][0].lower() in (
        "more",
        "additional",
        "further",
        "other",
        "new",
        "extra",
        "fresh",
    ):
        lead.append(toks[i][0])
        i += 1
    noun = _noun_phrase(toks, i)
    if noun is None:
        state = _state_in(toks[i : i + 3])
        if state:  # '49,000 were injured', 'dozens more are missing'
            return Unit(
                "people", f"people {state}", "count", toks[min(i, len(toks) - 1)][2], state=state
            )
        return None
    words, end = noun
    head = words[-1].lower()
    if all(w[:1].isupper() for w in words) and not head.endswith("s"):
        return Unit(head, " ".join(words), "identifier", end)
    if head in DURATIONS:
        return Unit(head, " ".join(words), "duration", end)
    if words[0].lower() in _AREA and len(words) > 1:  # '47 square miles': an area, like acres
        area = " ".join(w.lower() for w in words[:2])
        return Unit(area, " ".join(words), "count", end)
    if head in _MEASURES or words[0].lower() in _MEASURES or re.fullmatch(r"\d+mm", head):
        return Unit(head, " ".join(words), "measure", end)
    unit = (
        " ".join(w.lower() for w in words[-2:]) if len(words) > 1 and words[-2].islower() else head
    )
    item = " ".join(lead + words)
    comp = _complement(text, end)
    if comp:
        item, end = f"{item} of {comp[0]}", comp[1]
    state = HUMAN_STATES.get(head) or _state_in(toks[i + len(words) : i + len(words) + 4])
    if head not in _PEOPLE or not state:
        return Unit(unit, item, "count", end)
    return Unit(unit, f"{item} {state}", "count", end, state=state)


_COMPASS = frozenset("north south east west".split())


def _named_region(toks: list[tuple[str, int, int]], i: int) -> bool:
    """'North' in 'North Korean soldiers', 'South Sudanese refugees': part of a name, not the
    direction it is elsewhere ('40 km north of the city')."""
    word = toks[i][0]
    return (
        word.lower() in _COMPASS
        and word[:1].isupper()
        and i + 1 < len(toks)
        and toks[i + 1][0][:1].isupper()
    )


_PEOPLE = frozenset(
    """people person persons residents civilians children adults villagers families households
    migrants refugees firefighters soldiers troops workers miners passengers tourists hikers
    students patients fishermen rescuers police officers crew members pilgrims""".split()
)
_AREA = frozenset("square sq cubic".split())


def _noun_phrase(toks: list[tuple[str, int, int]], i: int) -> tuple[list[str], int] | None:
    """Modifiers and head noun from token `i`: up to five words, stopping at function words."""
    words: list[str] = []
    end = 0
    while i < len(toks) and len(words) < 5:
        word, _, tok_end = toks[i]
        low = word.lower()
        if low == "deaths" and words:  # 'excess deaths': the head, not a state after it
            words.append(word)
            end = tok_end
            break
        compound = (low == "and" and words and _compound_and(toks, i)) or _named_region(toks, i)
        if not compound and (
            not _ALNUM.match(word) or low in STOP or low in HUMAN_STATES
        ):  # 'search and rescue personnel' is one noun phrase
            break
        if (
            words
            and (low.endswith(("ed", "ing")) or low in CURRENCY_WORDS)
            and low not in _NOUNS_ED
        ):
            break
        words.append(word.rstrip(".") if word.endswith(".") and len(word) > 3 else word)
        end = tok_end
        i += 1
        if _plural(word) and i < len(toks) and _verb_like(toks[i][0]):
            break  # '185 POWs come home', '38,000 vehicles cross the bridge'

    while words and words[-1].lower() in _ADJECTIVE_TAILS:
        words.pop()
    return (words, end) if words else None


def _plural(word: str) -> bool:
    low = word.lower()
    return low in _PLURALS or (
        len(low) > 3 and low.endswith("s") and not low.endswith(("ss", "us", "is"))
    )


def _verb_like(word: str) -> bool:
    """A lower-case word that cannot go on a plural noun phrase: not another plural ('arms
    dealers'), so a verb ('come', 'cross', 'depend')."""
    return word.isalpha() and word.islower() and not _plural(word)


_PLURALS = frozenset("people children men women police cattle livestock staff personnel".split())


def _compound_and(toks: list[tuple[str, int, int]], i: int) -> bool:
    """'and' joins two modifiers of one head: lower-case words on both sides, a noun after."""
    after = [t[0] for t in toks[i + 1 : i + 3]]
    return (
        len(after) == 2
        and all(w.isalpha() and w.islower() and w not in STOP for w in after)
        and not after[0].endswith(("ed", "s"))
    )


_NOUNS_ED = frozenset("hundred bed shed seed feed weed breed sled".split())
_ADJECTIVE_TAILS = frozenset("alone only still so far already".split())


def _complement(text: str, pos: int) -> tuple[str, int] | None:
    """'of weapons', 'of measles-rubella vaccine': the of-phrase that completes an item."""
    m = _OF.match(text, pos)
    if not m:
        return None
    toks = [(t.group(), t.start(), t.end()) for t in _TOKEN.finditer(text, m.end(), m.end() + 80)]
    words: list[str] = []
    end = pos
    for word, _, tok_end in toks:
        low = word.lower()
        if not _ALNUM.match(word) or (low in STOP and low not in ("and",)) or len(words) >= 4:
            break
        words.append(word)
        end = tok_end
    while words and words[-1].lower() == "and":
        words.pop()
    return (" ".join(words), end) if words else None


def _state_in(toks: list[tuple[str, int, int]]) -> str | None:
    for word, _, _ in toks:
        if word.lower() in HUMAN_STATES:
            return HUMAN_STATES[word.lower()]
    return None


def _cost_item(text: str) -> str | None:
    m = _COST_WORDS.search(text)
    return m.group(1).lower() if m else None


_CLAUSE_SPLIT = re.compile(r"[;:]|,\s+(?:and|but)\s")
_DEATH_CONTEXT = re.compile(r"\b(?:toll|dead|killed|deaths)\b", re.I)
_NUMBER_OF = re.compile(
    r"\bnumber\s+of\s+((?:[\w'-]+\s+){0,3}?[\w'-]+?)(?=\s+(?:in|at|who|that|has|have|had|rose|fell|"
    r"is|was|stood|stands|reached|climbed|to|from|for|on|with|under|across|still|now|waiting|"
    r"living|staying)\b|\s*$)",
    re.I,
)
_LEVEL_SUBJECT = re.compile(
    r"\b(^[A-Z][a-z'-]*s"  # a clause's first word: 'Admissions across the region rose'
    r"|(?:[A-Za-z][\w'-]*\s+){0,3}(?!(?:has|was|is|does)\b)[a-z][\w'-]*s)"
    r"(?:\s+(?:in|across|at|among)\s+(?:the\s+)?(?:[A-Za-z][\w'-]*\s+){0,2}?[A-Za-z][\w'-]*)?"
    r"\s+(?:(?:have|has|had)\s+)?"
    r"(?:already\s+|now\s+)?(?:rose|risen|fell|fallen|climbed|jumped|dropped|declined|reached|stood|"
    r"stands|stand|topped|tops|top|hit|exceeded|surpassed|passed|pass|passes|crossed|cross|crosses|"
    r"increased|decreased|grew|doubled|tripled)\b"
)
"""'New suspected cases fell to', 'Dengue cases in Bengaluru cross', 'Suspected cases in the
Bicol region have risen to'."""
_KILL_BEFORE = re.compile(r"\bkill(?:s|ed|ing)?\s+(?:\w+\s+){0,2}$", re.I)


def unit_in_context(before: str) -> Unit | None:
    """The quantity a bare figure measures, read from the words before it in its clause.

    'the confirmed death toll to 61', 'The number of people confirmed dead ... rose to 112',
    'New suspected cases fell to 236', 'put the number of unreached children at roughly 410,000',
    'The number of people waiting for treatment has reached a record 7.6 million'.
    """
    clause = _CLAUSE_SPLIT.split(before)[-1]
    if _DEATH_CONTEXT.search(clause):
        return Unit("deaths", "death toll", "count", 0, state="killed")
    if m := _NUMBER_OF.search(clause):
        words = m.group(1).split()
        while len(words) > 1 and words[-1].lower().endswith(("ing", "ed")):
            words.pop()  # 'the number of containers coming from ...'
        if words[-1].lower() in HUMAN_STATES:
            state = HUMAN_STATES[words[-1].lower()]
            return Unit("people", f"people {state}", "count", 0, state=state)
        return Unit(words[-1].lower(), m.group(1), "count", 0)
    if m := _LEVEL_SUBJECT.search(clause):
        words = [w for w in m.group(1).split() if w.lower() not in STOP]
        if words:
            return Unit(words[-1].lower(), " ".join(words), "count", 0)
    if _KILL_BEFORE.search(before):
        return Unit("people", "people killed", "count", 0, state="killed")
    return None


_DOLLAR_COUNTRIES = {"au": "AUD", "nz": "NZD", "ca": "CAD", "sg": "SGD", "hk": "HKD"}
_BARE_DOLLAR = re.compile(r"(?<![A-Za-z$])\$")


def local_dollar(url: str | None) -> str | None:
    """The dollar a bare '$' means on a site of a dollar country ('smh.com.au', 'nema.gov.au'):
    its own, as its readers read it; None elsewhere (the US dollar)."""
    host = urlsplit(url).hostname if url else None
    return _DOLLAR_COUNTRIES.get(host.rsplit(".", 1)[-1]) if host else None


def in_local_dollar(unit: Unit, text: str, start: int, end: int, dollar: str) -> Unit:
    """The unit of a figure at text[start:end], with a bare '$' read as the page's dollar
    (never 'US$', 'A$' or a dollar named in words)."""
    if unit.unit == "USD" and _BARE_DOLLAR.search(text, start, end):
        return replace(unit, unit=dollar)
    return unit
