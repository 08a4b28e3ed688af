#!/usr/bin/env python3
"""Realistic synthetic articles and claims for benchmarks, deterministic from a seed.

Two uses:
  python scripts/synth.py articles OUT_DIR --count 1000 --seed 7   # plain-text articles (~3 KB)
  from synth import claims_corpus                                   # (Document, [Estimate]) pairs

Articles read like wire copy: a headline, a dateline, a lede with an attributed figure, recalls
of earlier figures, quotes, background and page furniture, over many metrics, claimants,
outlets and dates, so extraction, storage and the views see the variety they meet in real use.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from ledger.domain import Estimate
from ledger.reading import Document

PLACES = [
    "Arvelia", "Brask", "Corvena", "Dalmora", "Estrava", "Fenmark", "Galdoria", "Hestia",
    "Ilvany", "Jorvik", "Kalmar", "Lestria", "Morvane", "Nandora", "Ostrel", "Pardova",
]  # fmt: skip
UNITS = [
    ("drones", "attack drones", "delivered"),
    ("containers", "containers of munitions", "shipped"),
    ("people", "people displaced by the floods", "displaced"),
    ("hectares", "hectares of forest", "burned"),
    ("doses", "doses of vaccine", "administered"),
    ("troops", "troops", "deployed"),
    ("shells", "artillery shells", "supplied"),
    ("homes", "homes", "destroyed"),
]
CLAIMANTS = [
    ("the defence ministry", "ministry"),
    ("the national disaster agency", "agency"),
    ("the foreign intelligence service", "agency"),
    ("the health ministry", "ministry"),
    ("UNICEF", "agency"),
    ("the Red Cross", "agency"),
    ("the civil protection agency", "agency"),
    ("the interior minister", "minister"),
]
FIRST = ["Anna", "Pavel", "Lena", "Tomas", "Sara", "Omar", "Mira", "Jonas", "Ines", "Karel"]
LAST = ["Reval", "Sorel", "Brandt", "Holm", "Castell", "Nyberg", "Olivares", "Audo", "Frey"]
OUTLETS = ["Reuters", "AFP", "AP", "The Courier", "Daily Star", "Eurowire", "Global Dispatch"]
QUALIFIERS = [("about", "about"), ("more than", "more than"), ("at least", "at least"),
              ("nearly", "almost"), ("up to", "up to"), ("", "none")]  # fmt: skip
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]  # fmt: skip
FILLER = (
    "Officials did not say how the figure was reached, and independent observers were not "
    "able to verify it. The government has rejected similar assessments in the past and "
    "accused foreign governments of spreading disinformation. Analysts said the numbers "
    "were broadly consistent with satellite imagery and shipping records reviewed in recent "
    "weeks, though they cautioned that gaps in the data remain. "
)
FURNITURE = (
    "\n\nRead also:\n- Ministers meet in {place} to discuss sanctions\n- {n} things to know "
    "about the crisis\n\nSupport independent journalism: a gift of 5 euros a month keeps our "
    "reporters in the field.\n"
)


def _figure(rng: random.Random) -> int:
    magnitude = rng.choice([100, 1_000, 10_000, 100_000, 1_000_000])
    return rng.randint(1, 99) * magnitude // 10 or 1


def _fmt(n: int) -> str:
    if n >= 1_000_000 and n % 100_000 == 0:
        return f"{n / 1_000_000:g} million"
    return f"{n:,}"


def article(rng: random.Random, index: int) -> tuple[Document, list[Estimate]]:
    """One article with its text and the estimates a perfect reader would record from it."""
    src, dst = rng.sample(PLACES, 2)
    unit, item, verb = rng.choice(UNITS)
    claimant, _ = rng.choice(CLAIMANTS)
    person = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    outlet = rng.choice(OUTLETS)
    published = date(2022, 1, 1) + timedelta(days=rng.randint(0, 1100))
    earlier = published - timedelta(days=rng.randint(30, 200))
    value, before = _figure(rng), _figure(rng)
    word, qualifier = rng.choice(QUALIFIERS)
    key = f"{unit}: {src} -> {dst}"
    headline = f"{src} has {verb} {_fmt(value)} {unit} to {dst}, {claimant} says\n\n"
    dateline = f"{dst.upper()}, {MONTHS[published.month - 1]} {published.day} ({outlet}) - "
    lede = (
        f"{src} has {verb} {word + ' ' if word else ''}{_fmt(value)} {item} to {dst} since "
        f"{MONTHS[earlier.month - 1]}, {claimant} said on Monday."
    )
    recall = (
        f" In {MONTHS[earlier.month - 1]}, {person} of {claimant} had put the number at "
        f"{_fmt(before)}."
    )
    body = "\n\n" + FILLER * rng.randint(4, 6)
    text = headline + dateline + lede + recall + body + FURNITURE.format(place=dst, n=5)
    lede_start = text.index(lede[:-1].split(",")[0])
    lede_end = lede_start + len(lede)
    recall_start = text.index(recall.strip())
    base = dict(
        unit=unit, item=item, metric_key=key, metric=f"{unit} {verb}", reporting_outlet=outlet
    )
    estimates = [
        Estimate(
            value=value,
            low=value if qualifier in ("more than", "at least") else None,
            high=value if qualifier in ("up to", "almost") else None,
            qualifier=qualifier,
            claimant=claimant,
            statement_date=published.isoformat(),
            quote=text[lede_start:lede_end],
            start=lede_start,
            end=lede_end,
            kind="lede",
            **base,
        ),
        Estimate(
            value=before,
            claimant=person,
            statement_date=f"{earlier.year}-{earlier.month:02d}",
            quote=text[recall_start : recall_start + len(recall.strip())],
            start=recall_start,
            end=recall_start + len(recall.strip()),
            kind="recall",
            **base,
        ),
    ]
    doc = Document(
        text=text,
        source=f"synth/{index:07d}.txt",
        title=headline.strip(),
        outlet=outlet,
        published=published.isoformat(),
        published_evidence="synthetic dateline",
    )
    return doc, estimates


def claims_corpus(count: int, seed: int = 7) -> Iterator[tuple[Document, list[Estimate]]]:
    rng = random.Random(seed)
    for i in range(count):
        yield article(rng, i)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    write = sub.add_parser("articles", help="write plain-text articles into a folder")
    write.add_argument("out", type=Path)
    write.add_argument("--count", type=int, default=1000)
    write.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for doc, _ in claims_corpus(args.count, args.seed):
        (args.out / Path(doc.source or "x.txt").name).write_text(doc.text, encoding="utf-8")
    print(f"wrote {args.count} articles to {args.out}")


if __name__ == "__main__":
    main()
