"""Extraction: article text in, Estimate values out. Knows nothing of the store, CLI or views."""

from __future__ import annotations

import re

from ledger.domain import Estimate
from ledger.reading import Document

EXTRACTOR = "ledger.extraction/0.1"

_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")
_FIGURE = re.compile(
    r"(?P<qual>\b(?:about|some|around|approximately|roughly|more than|over|at least|up to"
    r"|nearly|almost)\s+)?"
    r"(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+(?P<scale>million|billion))?"
    r"\s+(?P<unit>[a-z]+s)\b",
    re.IGNORECASE,
)
_QUALIFIERS = {
    "about": "about",
    "some": "about",
    "around": "about",
    "approximately": "about",
    "roughly": "about",
    "more than": "more than",
    "over": "more than",
    "at least": "at least",
    "up to": "up to",
    "nearly": "almost",
    "almost": "almost",
}
_SCALES = {"million": 1e6, "billion": 1e9}


def extract(doc: Document) -> list[Estimate]:
    """Every 'qualifier number unit' figure in the text, with its sentence as the quote."""
    found: list[Estimate] = []
    for sentence in _SENTENCE.finditer(doc.text):
        for m in _FIGURE.finditer(sentence.group()):
            value = float(m["num"].replace(",", "")) * _SCALES.get((m["scale"] or "").lower(), 1)
            qualifier = _QUALIFIERS.get(" ".join((m["qual"] or "").lower().split()), "none")
            found.append(
                Estimate(
                    value=int(value) if value.is_integer() else value,
                    low=value if qualifier in ("more than", "at least") else None,
                    high=value if qualifier in ("up to", "almost") else None,
                    qualifier=qualifier,
                    unit=m["unit"].lower(),
                    metric_key=m["unit"].lower(),
                    quote=sentence.group().strip(),
                    start=sentence.start() + len(sentence.group()) - len(sentence.group().lstrip()),
                    end=sentence.start() + len(sentence.group().rstrip()),
                    statement_date=doc.published,
                )
            )
    return found
