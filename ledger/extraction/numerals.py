"""Numerals: the value of a number as written, in digits or words, and currency symbols.

'7,000', '85.000' and '54 000' group thousands; '1,1 billion' and '4.8' are decimals; 'ten
thousand', 'half a million' and 'a dozen' are words; 'Rs 2,000 crore', '1.38 tril.' and '€870m'
carry scales. Which numbers are figures is `numbers`' job.
"""

from __future__ import annotations

import re

SMALL = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}  # fmt: skip
SCALES = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "lakh": 1e5, "crore": 1e7, "k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12,
    "tril": 1e12, "bil": 1e9,
}  # fmt: skip
_WORD = "|".join(sorted(SMALL, key=len, reverse=True))
MULT = r"hundred|thousand|million|billion|trillion"
WORDNUM = (
    rf"(?:half\s+an?\s+(?:{MULT})|an?\s+(?:dozen|{MULT})"
    rf"|(?:{_WORD})(?:[\s-]+(?:{_WORD}|dozen|{MULT}))*)"
)
DIGITS = (
    r"\d{1,2}(?:,\d\d)+,\d{3}(?![\d,]\d)"  # Indian grouping: '1,78,420', '12,34,56,789'
    r"|\d{1,3}(?:(?:,|\.|[ \u00a0\u202f])\d{3})+(?:[.,]\d+)?(?![\d,]\d)|\d+(?:[.,]\d+)?"
)
CURRENCY = (
    r"US\$|A\$|C\$|HK\$|NZ\$|R\$|S\$|\$|€|£|¥|₹|₩|₦|₱|₺|₽|₴|₪|Rs\.?\s?|SFr\.?\s?|RM\s?|"
    # the rand, only before a grouped or scaled amount ('R54 000', 'R31.6 billion'): an R before
    # a plain number names a road, a note or a version
    r"R(?=\d{1,3}(?:[ ,\u00a0]\d{3})+(?!\d)"
    r"|\d+(?:[.,]\d+)?\s?(?:bn|mn|m|billion|million|trillion)\b)|"
    r"(?:USD|EUR|GBP|CHF|INR|JPY|CNY|AUD|CAD|NPR|PKR|BDT|LKR|KES|NGN|ZAR|PHP|IDR|MYR|THB|VND|"
    r"KRW|BRL|MXN|UAH|EGP|SAR|AED|SGD|HKD|NZD)\s?"
)
_SEPARATOR = re.compile(r"[.,]")


def number_value(
    digits: str | None, words: str | None, suffix: str | None, scale: str | None
) -> float | None:
    """A number's value as written, scale applied ('4.8 million', '€1,1 bn', 'ten thousand')."""
    if digits:
        base = _digits_value(digits, has_scale=bool(suffix or scale))
    elif words:
        base = words_value(words)
    else:
        return None
    if base is None:
        return None
    for s in (suffix, scale):
        if s:
            base *= SCALES[s.lower()]
    return round(base, 6)  # '9.2 lakh' is 920000, not 919999.9999999999


def _digits_value(text: str, *, has_scale: bool) -> float | None:
    text = text.replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    groups = _SEPARATOR.split(text)
    if len(groups) == 1:
        return float(text)
    seps = _SEPARATOR.findall(text)
    if len(groups) == 2:
        # "7,000" and "85.000" group thousands; "1,1 billion", "3,5 million" and "4.8" are decimals.
        if len(groups[1]) == 3 and not (has_scale and seps[0] == "."):
            return float(groups[0] + groups[1])
        return float(groups[0] + "." + groups[1])
    indian = set(seps) == {","} and all(len(g) == 2 for g in groups[1:-1])
    if indian and len(groups[-1]) == 3:  # "1,78,420": 1 lakh 78 thousand
        return float("".join(groups))
    if len(set(seps)) == 2:  # "1.234,5" or "1,234.5": the last separator is the decimal point
        int_part = "".join(groups[:-1])
        return float(int_part + "." + groups[-1])
    return float("".join(groups)) if all(len(g) == 3 for g in groups[1:]) else None


def words_value(text: str) -> float | None:
    """'ten thousand' -> 10000, 'one-thousand' -> 1000, 'half a million' -> 500000."""
    words = re.split(r"[\s-]+", text.lower())
    if words[0] == "half":
        return 0.5 * (words_value(" ".join(words[1:])) or 0) or None
    total, current = 0.0, 0.0
    for w in words:
        if w in ("a", "an"):
            current = current or 1
        elif w in SMALL:
            current += SMALL[w]
        elif w == "hundred":
            current = (current or 1) * 100
        elif w == "dozen":
            current = (current or 1) * 12
        elif w in SCALES:
            total += (current or 1) * SCALES[w]
            current = 0
        else:
            return None
    return total + current or None


def currency_code(symbol: str | None) -> str | None:
    if not symbol:
        return None
    s = symbol.strip().upper().rstrip(".")
    return _CODES.get(s, s)


_CODES = {
    "$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "RS": "INR",
    "A$": "AUD", "C$": "CAD", "HK$": "HKD", "NZ$": "NZD", "R$": "BRL", "S$": "SGD", "SFR": "CHF",
    "R": "ZAR",
    "RM": "MYR", "₩": "KRW", "₦": "NGN", "₱": "PHP", "₺": "TRY", "₽": "RUB", "₴": "UAH", "₪": "ILS",
}  # fmt: skip


SHARE = re.compile(
    r"\b(?:(?P<n>one|two|three|four|five|[1-9]\d?)\s+(?:in|out\s+of)\s+(?:every\s+)?"
    r"(?P<d>two|three|four|five|six|seven|eight|nine|ten|twenty|[1-9]\d{0,2})\b"
    r"(?=\s+(?!(?:years?|months?|weeks?|days?|hours?|minutes?)\b)(?:of\s+)?[a-z])"
    r"|(?<!first\s)(?<!second\s)(?<!latter\s)"
    r"(?P<frac>half|(?:a|one)[\s-]+(?:third|quarter|fifth)|two[\s-]+thirds|three[\s-]+quarters)"
    r"(?=\s+of\s+(?!\d|(?:the|this|that|next|last)\s+(?:year|month|week|day|century|decade)\b)))",
    re.IGNORECASE,
)
"""Proportions in words: 'one in five homes', 'more than half of all cases', 'two-thirds of'."""
_FRACTIONS = {
    "half": 50.0, "a third": 33.3, "a quarter": 25.0, "a fifth": 20.0, "two thirds": 66.7,
    "three quarters": 75.0,
}  # fmt: skip


def share_value(m: re.Match[str]) -> float:
    """A proportion matched by SHARE, in percent: 'one in five' 20, 'two-thirds' 66.7."""
    if m["frac"]:
        return _FRACTIONS[re.sub(r"[\s-]+", " ", m["frac"].lower()).replace("one ", "a ")]
    n, d = (SMALL.get(x.lower()) or float(x) for x in (m["n"], m["d"]))
    return round(100 * n / d, 1)
