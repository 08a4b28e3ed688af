"""Names of claimants and outlets as keys, and the news agencies an article credits.

Texts spell the same person or outlet in many ways ("Shin Won-sik", "Shin Won Sik", "Mr. Shin
Wonsik"); a key makes those one without any list of known people. Agencies are different: a
short list of wire services is what tells an echoed wire story from independent reporting.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_HONORIFICS = {"mr", "mrs", "ms", "dr", "prof", "sir"}
_WORD = re.compile(r"[a-z0-9]+")

WIRES: dict[str, tuple[str, ...]] = {
    "AFP": ("Agence France-Presse", "Agence France Presse"),
    "AP": ("Associated Press",),
    "Reuters": ("Reuters",),
    "Yonhap": ("Yonhap",),
    "Kyodo": ("Kyodo",),
    "Xinhua": ("Xinhua",),
    "dpa": ("Deutsche Presse-Agentur",),
    "UPI": ("United Press International",),
    "PTI": ("Press Trust of India",),
    "ANSA": (),
    "EFE": (),
    "TASS": (),
    "Anadolu": ("Anadolu Agency",),
    "Bloomberg": ("Bloomberg News",),
}
"""Wire services: the short credit ('(AP)', 'told AFP') and the names written out in full."""

_WIRE_BY_NAME = {name: wire for wire, names in WIRES.items() for name in (wire, *names)}


_BEFORE = re.compile(r"(?:\btold|\baccording to|\bvia|\breported|\breports)\s+(?:the\s+)?$")
_AFTER = re.compile(r"\s+(?:reported|reports|said|says)\b")


def _credits(text: str, name: str) -> bool:
    """Is this agency name credited somewhere in the text, not merely written?

    Full names count anywhere; short ones ('AP') only where a credit stands: '(AP)', 'told AFP',
    'AFP reported', or a line of their own.
    """
    for m in re.finditer(re.escape(name), text):  # a literal search: fast on long texts
        start, end = m.span()
        before, after = text[max(0, start - 40) : start], text[end : end + 20]
        if (before[-1:].isalnum()) or (after[:1].isalnum()):
            continue  # part of a longer word
        if name not in WIRES:
            return True
        line_start, line_end = text.rfind("\n", 0, start) + 1, text.find("\n", end)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        if (
            (before.endswith("(") and after.startswith(")"))
            or _BEFORE.search(before)
            or _AFTER.match(after)
            or line.strip() == name
        ):
            return True
    return False


def _words(name: str) -> list[str]:
    name = re.sub(r"['’]s\b", "", name)  # "Korea's" -> "Korea"
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return [w for w in _WORD.findall(ascii_name) if w not in _HONORIFICS]


@lru_cache(maxsize=1 << 16)
def name_key(name: str | None) -> str | None:
    """'Mr. Shin Won-sik' -> 'shinwonsik': case, accents, punctuation, spaces, titles dropped."""
    return ("".join(_words(name)) or None) if name else None


@lru_cache(maxsize=1 << 16)
def name_words(name: str) -> frozenset[str]:
    """The words of a name, as name_key reads them: {'shin', 'won', 'sik'}."""
    return frozenset(_words(name))


@lru_cache(maxsize=1 << 12)
def wire_of(outlet: str | None) -> str | None:
    """The agency an outlet name is ('AFP', 'The Associated Press', 'Yonhap News TV')."""
    key = name_key(outlet)
    if not key:
        return None
    for k, wire in _WIRE_KEYS:
        if key == k or (len(k) > 4 and k in key):
            return wire
    return None


def credited_wire(text: str) -> str | None:
    """The one agency an article credits ('(AP)', 'told AFP', 'Agence France-Presse').

    None when it credits none, or several: a story assembled from several agencies is treated
    as an origin of its own.
    """
    if not _ANY_WIRE.search(text):  # most texts name no agency: one pass says so
        return None
    found = {wire for name, wire in _WIRE_BY_NAME.items() if name in text and _credits(text, name)}
    return found.pop() if len(found) == 1 else None


_ANY_WIRE = re.compile("|".join(re.escape(name) for name in _WIRE_BY_NAME))
"""Matches where any agency name is written: none matching means `name in text` for none."""


_WIRE_KEYS = [
    (k, wire) for wire, names in WIRES.items() for n in (wire, *names) if (k := name_key(n))
]
