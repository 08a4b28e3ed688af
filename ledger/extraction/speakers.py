"""Who a noun phrase names: a person (with role), an institution or a description.

Attribution finds the words that say who spoke ('South Korea's defence minister', 'Lt. Gen. Tomas
Reval, 54', 'the agency'); this module cleans them and splits a title from a name. The article's
memory of who has been named so far, which resolves 'he', 'the ministry' and 'Mr. Shin', is in
`memory`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

ROLE_WORDS = frozenset(
    """minister secretary general president vice premier chancellor spokesman spokeswoman
    spokesperson director chief head governor mayor councillor councilor official officials
    senator deputy lawmaker legislator executive chairman chairwoman chair adviser advisor analyst
    researcher professor manager leader editor commander ambassador envoy commissioner
    coordinator administrator representative prosecutor judge inspector officer lt lt. gen gen.
    col col. maj maj. capt capt. sgt mr mr. mrs mrs. ms ms. dr dr. prof prof. sen sen. rep rep.
    gov gov. president-elect king queen prince sheikh mp mep mla ceo cfo coo sheriff alderman
    alderwoman councilman councilwoman superintendent coroner marshal captain trustee
    congressman congresswoman assemblyman assemblywoman attorney member""".split()
)
_TITLES = frozenset("mr mr. mrs mrs. ms ms. dr dr. prof prof. sir dame".split())
"""Honorifics, left out of a role (military and political ranks stay in it)."""
ORG_WORDS = frozenset(
    """agency service ministry office department directorate authority council commission committee
    union association federation society organisation organization institute centre center fund
    bank group company government army force forces police court parliament assembly board bureau
    administration military command coalition alliance network foundation trust university
    programme program crescent cross observatory monitor news tv times post press agency daily
    journal herald tribune radio staff""".split()
)
_PARTICLES = frozenset("bin de van von der den du la le da dos del".split())
_NAME_TOKEN = re.compile(
    r"^(?:[A-Z][\w'’.-]*|[A-Z]{2,}|al-\w+|bin|de|van|von|der|den|du|la|le|da)$"
)


@dataclass(frozen=True)
class Speaker:
    """A resolved claimant: its display name and what the text says about it."""

    name: str
    kind: str
    """person | org | role (a description with no name, e.g. 'a Lusanian official')"""
    role: str | None = None
    country: str | None = None


_CLEAN_STEPS = tuple(
    (re.compile(p, f), repl)
    for p, f, repl in (
        (r"^(?:and|but|while|as)\s+", re.I, ""),
        (r"\s+(?:he|she|they|it|we|I)\s+(?:had|has|have|was|were|is)\b.*$", 0, ""),
        (  # 'a Reuters tally of county data': Reuters counted
            r"^(?:an?|the)\s+((?-i:[A-Z])[\w.&-]*(?:\s+(?-i:[A-Z])[\w.&-]*)*)\s+(?:tally|count|analysis|"
            r"survey|review|calculation|estimate)s?\b.*$",
            re.I,
            r"\1",
        ),
        (
            r"^(?:(?:an?|the)\s+)?(?:[\w-]+\s+){0,2}?(?:estimates?|reports?|analys[ie]s|stud(?:y|ies)|"
            r"surveys?|data|figures|counts?|tall(?:y|ies)|assessments?|statements?|projections?)\s+"
            r"(?:(?:released|published|compiled|issued|provided|prepared)\s+)?(?:from|by|of)\s+"
            r"(?=the\s|(?-i:[A-Z]))",
            re.I,
            "",
        ),
        (
            r"^(?:the\s+)?(?:country|nation|state|region|province|island)['’]s\s+(?=(?-i:[A-Z]))",
            re.I,
            "",
        ),
        (r"\s*\([^)]*\)?$", 0, ""),
        (r"\s+[|•]\s+.*$", 0, ""),
        (
            r"\s+(?:released|published|issued|obtained|seen|cited|given|quoted|shared|presented|"
            r"prepared|submitted|delivered|tabled|sent|circulated|filed|compiled|produced|approved|"
            r"disclosed|leaked|commissioned|drawn\s+up)\b.*$",
            0,
            "",
        ),
        (r"\s+(?:that|which|who)\s.*$", 0, ""),
        (r"\s+at\s+the\s+time$", 0, ""),
        (  # 'the health department on Tuesday', 'the council in March'
            r"\s+(?:on|last|late|earlier|this|in)\s+(?:(?:[A-Z][a-z]+day|week|month|year|January|"
            r"February|March|April|May|June|July|August|September|October|November|December)\b|"
            r"(?:19|20)\d\d\b).*$",
            0,
            "",
        ),
        (r"^(?:the|a|an)\s+", re.I, ""),
        (r"^(?:its|their)\s+(?=[a-z])", re.I, ""),  # 'its organisers say': the organisers
        (
            r"['’]s?\s+(?:own\s+)?(?:count|tally|estimates?|figures|data|records|calculations?)$",
            0,
            "",
        ),
        (r"\b([A-Z][\w.-]*)\s+(?:count|figures|data|tally|statistics|numbers)$", 0, r"\1"),
        (r"^(?:a|an|the)\s+", re.I, ""),
    )
)
_SPACES = re.compile(r"\s+")
HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Dr|Prof)\.?\s+")
_LOWER_WORD = re.compile(r"[a-z]+")


@lru_cache(maxsize=4096)
def clean(np: str) -> str:
    """Drop articles, punctuation and participial tails ('WHO figures released on Friday')."""
    np = _SPACES.sub(" ", np).strip(" ,;:.\"“”'’()")
    for rx, repl in _CLEAN_STEPS:
        np = rx.sub(repl, np)
    return np.strip(" ,;:.")


def is_name(words: list[str]) -> bool:
    return bool(words) and words[0][:1].isupper() and all(_NAME_TOKEN.match(w) for w in words)


@lru_cache(maxsize=4096)
def split_person(np: str) -> tuple[str | None, str | None]:
    """'Defense Minister Shin Won-sik' -> ('Shin Won-sik', 'Defense Minister').

    Without a name the role alone comes back: (None, role); with no role either, (None, None).
    """
    if ", " in np:  # 'Minister of Defence, Shin Won Sik' / 'the town's mayor, Lina Castell'
        parts = [p.strip() for p in np.split(",") if p.strip()]
        bare = [HONORIFIC.sub("", p) for p in parts]  # 'Dr Anitha Rao, head of paediatrics'
        names = [
            b
            for p, b in zip(parts, bare, strict=True)
            if is_name(p.split())
            and not any(w.lower() in ORG_WORDS | ROLE_WORDS for w in b.split())
        ]
        if names:
            role = ", ".join(p for p, b in zip(parts, bare, strict=True) if b != names[-1]) or None
            return names[-1], re.sub(r"^(?:the|a|an)\s+", "", role, flags=re.I) if role else None
    words = np.split()
    last_role = max(
        (i for i, w in enumerate(words) if w.lower().strip(",") in ROLE_WORDS), default=-1
    )
    if last_role < 0:
        return None, None
    name = _trailing_name(words[last_role + 1 :])
    if name:
        kept = [w for w in words[: len(words) - len(name)] if w.lower() not in _TITLES]
        return " ".join(name), " ".join(kept) or None
    return None, " ".join(words)


def _trailing_name(words: list[str]) -> list[str]:
    """The name ending a title: 'Selin Kaya' in 'of Environment and Urbanisation Selin Kaya'.

    When words of the office stand between title and name ('Minister for Emergency Management
    Clara Voss'), the capitalised run is cut to the last two words (three with a particle:
    'Joost van Rijn').
    """
    run: list[str] = []
    for w in reversed(words):
        if not _NAME_TOKEN.match(w) or w.lower() in ORG_WORDS or w.lower() in ROLE_WORDS:
            break
        run.insert(0, w)
    if len(run) < len(words) and len(run) > 2:  # office words before the name
        run = run[-3:] if run[-2].lower() in _PARTICLES else run[-2:]
    while run and run[0].lower() in _PARTICLES:
        run = run[1:]
    if not run or len(run) > 4 or (len(run) < 2 and len(run) < len(words)):
        return []
    return run
