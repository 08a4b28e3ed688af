"""Metric keys: one readable key per quantity, shared across articles and wordings.

A key is the unit's lemma plus, when the text gives one, the direction between two places in
canonical names: "containers: North Korea -> Russia". Changes ("increased by 300") and
conversions ("could hold 6 million shells") get keys of their own so a timeline of a level never
mixes in its deltas. Place names are canonicalised with an alias table.

Alias table: the package ships `data/aliases.toml`; a user file `$LEDGER_HOME/aliases.toml` (or
`aliases.json`; LEDGER_HOME defaults to ./ledger-data) is merged over it. Format (TOML):

    [places]
    "North Korea" = ["Pyongyang", "the North", "DPRK"]
    [outlets]
    "AFP" = ["Agence France-Presse"]
    [outlet_domains]
    "AP" = ["apnews.com"]

JSON takes the same shape: {"places": {"North Korea": ["Pyongyang"]}, "outlets": {...}}.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_TRANSFER = (
    r"sent|send|sends|sending|shipped|ships|ship|shipping|delivered|delivers|deliver|delivering|"
    r"supplied|supplies|supply|supplying|exported|exports|transferred|transfers|provided|provides|"
    r"sold|sells|handed|launched|fired|sailed|moved|flown|transported|smuggled"
)
_RECEIVE = r"received|receives|receive|receiving|obtained|imported|imports|bought|got|acquired"


@dataclass(frozen=True, eq=False)
class Aliases:
    places: dict[str, str]
    """Alias (and canonical name) -> canonical place."""
    outlets: dict[str, str]

    def place(self, name: str) -> str | None:
        name = name.strip()
        return self.places.get(name) or self.places.get(re.sub(r"^the\s+", "", name, flags=re.I))

    def outlet(self, name: str) -> str:
        name = name.strip()
        bare = re.sub(r"^the\s+", "", name, flags=re.I)
        return self.outlets.get(name) or self.outlets.get(bare) or name


def _merge(into: dict[str, dict[str, str]], table: dict[str, dict[str, list[str]]]) -> None:
    for section, target in (
        ("places", "places"),
        ("outlets", "outlets"),
        ("outlet_domains", "outlets"),
    ):
        for canonical, names in (table.get(section) or {}).items():
            into[target].setdefault(canonical, canonical)
            for n in names:
                into[target][n] = canonical


@cache
def load_aliases(home: str | None = None) -> Aliases:
    """The shipped alias table, extended by the user's file in LEDGER_HOME if there is one."""
    merged: dict[str, dict[str, str]] = {"places": {}, "outlets": {}}
    shipped = Path(__file__).with_name("data") / "aliases.toml"
    _merge(merged, tomllib.loads(shipped.read_text(encoding="utf-8")))
    base = Path(home or os.environ.get("LEDGER_HOME") or "ledger-data")
    for name, parse in (("aliases.toml", tomllib.loads), ("aliases.json", json.loads)):
        user = base / name
        if user.is_file():
            _merge(merged, parse(user.read_text(encoding="utf-8")))
    return Aliases(merged["places"], merged["outlets"])


@cache
def _place_pattern(aliases: Aliases) -> re.Pattern[str]:
    names = sorted(aliases.places, key=len, reverse=True)
    alt = "|".join(re.escape(n) for n in names)
    return re.compile(
        rf"(?<![\w-])(?:{alt}|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)(?:\s*\[[A-Z][a-z]+\])?(?!\w)"
    )


def _canonical(aliases: Aliases, raw: str, known: set[str]) -> str | None:
    raw = re.sub(r"\s*\[(\w+)\]", r" \1", raw).strip()
    if hit := aliases.place(raw):
        return hit
    return raw if raw in known else None


def direction(clause: str, aliases: Aliases, known: set[str]) -> tuple[str | None, str | None]:
    """(sender, receiver) that a clause names: 'X has sent ... to Y', 'from X to Y', 'sent Y'."""
    if m := _FROM_TO.search(clause):
        a = _canonical(aliases, _first_place(m["a"], aliases), known)
        b = _canonical(aliases, _first_place(m["b"], aliases), known)
        if a and b:
            return a, b
    verb = _VERB.search(clause)
    if not verb:
        return None, None
    before, after = clause[: verb.start()], clause[verb.end() :]
    subject = None
    for p in _place_pattern(aliases).finditer(before):
        subject = _canonical(aliases, p.group(), known) or subject
    other = None
    if t := _TO_PLACE.search(after):
        other = _canonical(aliases, t["p"], known)
    elif d := _DOUBLE_OBJECT.match(after):
        other = _canonical(aliases, d["p"], known)  # double object: 'had sent Russia about 6,700'
    if verb["recv"]:
        return other, subject
    return subject, other


_FROM_TO = re.compile(
    r"\bfrom\s+(?P<a>[^,;]+?)\s+(?:to|into)\s+(?P<b>[A-Z][^,;.\s]*(?:\s+[A-Z][\w]*)?)"
)
_VERB = re.compile(rf"\b(?:{_TRANSFER}|(?P<recv>{_RECEIVE}))\b")
_TO_PLACE = re.compile(r"\b(?:to|at|into|onto)\s+(?:the\s+)?(?P<p>[A-Z][\w]*(?:\s+[A-Z][\w]*)?)")
_DOUBLE_OBJECT = re.compile(r"\s+(?P<p>[A-Z][\w]*(?:\s+[A-Z][\w]*)?)\s+(?:with\s+)?\S*\d")


def _first_place(text: str, aliases: Aliases) -> str:
    m = _place_pattern(aliases).search(text)
    return m.group() if m else text


def metric_key(unit: str, sender: str | None, receiver: str | None, variant: str | None) -> str:
    """'containers: North Korea -> Russia', 'containers (change): ...', 'people killed'."""
    key = unit + (f" ({variant})" if variant else "")
    return f"{key}: {sender} -> {receiver}" if sender and receiver else key
