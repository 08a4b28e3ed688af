"""Attribution cues: the words that say who claims what, and which figures they govern.

A cue is a reporting verb with its subject ('the defence minister said Monday', 'UNICEF estimated
that', 'According to the directorate', 'It is estimated by the IFRC that', ', said Shin', 'the
government's own count'). A cue before its clause governs what follows it; a cue after a clause
governs what precedes it. A figure takes the nearest cue that governs it; a second cue around
the first one is the intermediary ('Senator Frey told Reuters that a classified report put the
total at 1,500': the report claims, Frey relays). Outlets named by the cue ('told AFP', 'Sky News
reports') are the reporting outlet, not the claimant. The words naming the speaker before a verb
are read by `subjects`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ledger.extraction.documents import DOC_WORDS
from ledger.extraction.subjects import (
    CUE_VERB,
    agentive,
    ends_on_aside,
    role_like,
    subject_before,
)

_THE = re.compile(r"^the\s+", re.I)
_BY = re.compile(r"\s+by\b")
_BE_BEFORE = re.compile(r"\b(?:is|was|were|be|been|are|ever)\s+$")
_OBJECT_PUT = (
    r"\s+[^,;.]{1,80}?\s+at\s+(?:(?:about|around|some|roughly|nearly|almost|close|more|over|up|"
    r"least|between|less|under|just|no|an\s+estimated|a\s+(?:record|total|dozen)|dozens|hundreds|"
    r"thousands|several|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|"
    r"thirty|forty|fifty|sixty|seventy|eighty|ninety)\b|[$€£¥₹\d]|[A-Z][A-Za-z]{0,3}\$?\s?\d)"
)
"""'put the population of the district at 84,000', 'put its share of the bill at SFr2.1bn'."""
_OBJECT_GAVE = (
    r"\s+(?:a|an|the|its|their)\s+(?:\w+\s+){0,3}?(?:figure|estimate|number|toll|total|count)\b"
)
_OBJECT_RELEASED = (
    r"\s+(?:(?:a|an|the|its|their|new|latest|official|this|these)\s+)*(?:\w+\s+){0,2}?"
    r"(?:figures?|estimates?|numbers?|toll|total|count|data|statistics|tally)\b"
)
"""'released the figure', 'published new data showing': a cue only with such an object."""
_OBJECT_RAISED = (
    r"\s+(?:the|its|their)\s+(?:\w+\s+){0,2}?(?:toll|estimate|figure|number|count|forecast)\b"
)
_THAT = (
    r"\s+(?:that\b|(?:about|around|some|nearly|almost|more|over|at|up|the|an?)\s|\d)"
    r"|\s*(?:[.;,]|$)"
)
"""'found that ...', 'showed at least 42 schools had closed', 'data shows the backlog rose',
or nothing after it: '..., official figures show.', '..., the audit office has found, with ...'"""
_NEEDS_OBJECT = {
    verb: re.compile(pattern)
    for verb, pattern in {
        "put": _OBJECT_PUT, "puts": _OBJECT_PUT, "gave": _OBJECT_GAVE, "gives": _OBJECT_GAVE,
        "raised": _OBJECT_RAISED, "revised": _OBJECT_RAISED, "lowered": _OBJECT_RAISED,
        "cut": _OBJECT_RAISED, "updated": _OBJECT_RAISED, "found": _THAT, "finds": _THAT,
        "showed": _THAT, "shows": _THAT, "show": _THAT, "released": _OBJECT_RELEASED,
        "releases": _OBJECT_RELEASED, "published": _OBJECT_RELEASED,
        "publishes": _OBJECT_RELEASED, "cited": r"\s+(?:a|an|the)\b",
        "cites": r"\s+(?:a|an|the)\b", "citing": r"\s+(?:a|an|the)\b",
    }.items()
}  # fmt: skip
_INVERTIBLE = {
    "said",
    "says",
    "added",
    "adds",
    "reported",
    "reports",
    "wrote",
    "writes",
    "warned",
    "warns",
    "worries",
    "claimed",
    "claims",
    "assessed",
    "estimated",
    "noted",
}
"""Verbs whose speaker can follow them ('..., said Shin'); 'told' is followed by its listener."""
_PARTICIPLE = {"saying", "estimating", "adding", "warning", "claiming", "reporting", "citing"}
_ACCORDING = re.compile(
    r"\b(?:according\s+to|citing|quoting|,\s*per|[Bb]ased\s+on)\s+(?P<np>[^,;:.()“”\"]+(?:\.[A-Z][^,;:.()“”\"]*)*)",
    re.I,
)
_PASSIVE = re.compile(
    r"\b(?:is|was|were|are|has\s+been|have\s+been|had\s+been)\s+(?:estimated|reported|believed|"
    r"thought|said|put|projected|calculated|assessed|forecast)\s+(?:by\s+(?P<np>.+?)|in\s+(?P<doc>"
    r"(?:the|a|an|its|their)\s+(?:[\w-]+\s+){0,3}?(?:report|study|plan|budget|assessment|forecast|"
    r"survey|document|review|audit|[A-Z]{2,6})))\s+(?=that\b|at\b|to\b)"
)
"""'It is estimated by the NRC that ...', 'was projected in the original DPR to carry ...'."""
_POSSESSIVE = re.compile(
    r"(?P<np>\b(?:[Tt]he|[Aa]n?)\s+(?:[\w.-]+\s+){0,3}?[\w.-]+|\b[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3})"
    r"['’]s?\s+(?:own\s+)?"
    r"(?:count|tally|estimate|estimates|figures?|data|toll|assessment|projection|forecast|records?|calculations?)\b"
)
_SOURCE_DOCUMENT = re.compile(
    rf"[^,;]{{0,120}}?\b(?:{DOC_WORDS}|figures|count|tally|records|estimates?)\b", re.I
)
"""'based on the ministry's latest report': a source, where 'based on' can also give a reason."""
_CONTENT = re.compile(r"\bthat\b|\d[\d,.]*\s+[a-z]")
"""After a verb, what makes it a lead cue: 'that', or a figure counting something."""
_ADJUNCTS = frozenset(
    """on in at during last this earlier later late yesterday today tonight to via after before
    when while citing adding according as without with from overnight recently publicly
    separately privately again also""".split()
)
_LOWER_TAIL = re.compile(r"(?:\s*\b[a-z]+\b){0,5}\s*$")
_REACH = re.compile(r"[^;:]*?(?=\s+that\b|,\s|[;:]|\.(?:\s|$)|$)")
"""The words read with a verb: up to 'that', a clause comma or the sentence's end."""
_INVERTED = re.compile(
    r"\s+(?P<np>(?:(?:the|a|an)\s+)?[A-Z](?:[^,;.]|\.(?=\s?[A-Z]))*?)"
    r"(?:\s+(?:on|in|at|last|this|earlier|during)\b[^,;.]*)?\s*(?:[;!?,]|\.(?!\s?[A-Z][a-z])|$)"
)
"""'..., said Dr. Amos Phiri, who runs the clinic.': the speaker after the verb."""
_APPOSITION = re.compile(r"\s*(?P<app>(?!who\b|which\b)[^,;.]{3,60}?)\s*(?=[,;.]|$)")
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
_CLAUSE_END = re.compile(r"[,;!?\"”’]|\.(?:\s|$)")
OUTLET_HINT = re.compile(
    r"\b(?:News|TV|Times|Post|Herald|Journal|Tribune|Gazette|Radio|Press|Daily|Reuters|AFP|AP|"
    r"Bloomberg|Yonhap|BBC|CNN|Xinhua|Kyodo|Interfax|TASS|Courier|Wire|Telegraph|Guardian)\b"
)
STATE_MEDIA = re.compile(
    r"(?:the\s+)?(?:state(?:-run|-owned)?|official|government)\s+(?:media|television|TV|radio|"
    r"broadcaster|news\s+agency|news\s+outlet|newspaper)\b",
    re.I,
)
"""Who relays an institution's figures: 'state media', 'state news agency KCNA'."""
_CITING_AFTER = re.compile(r"\s*,\s*(?:citing|quoting)\s+(?P<src>[^,;.]+)")
_TOLD = re.compile(
    r"^\s+(?P<obj>(?:the\s+)?[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3}|reporters|journalists)\b"
)


@dataclass(frozen=True)
class Cue:
    """Who a part of a sentence is attributed to; offsets are relative to the sentence."""

    subject: str
    """The words naming the speaker, as written ('South Korea's defense minister', 'he')."""
    start: int
    end: int
    """Extent of the cue words (subject, verb and the adjuncts read with them)."""
    governs: tuple[int, int]
    lead: bool
    """True when the cue stands before what it governs ('X said that ...')."""
    outlet: str | None = None
    """An outlet named by the cue ('told AFP'), or the subject itself when it is an outlet."""
    by_outlet: bool = False
    """The speaker is the outlet itself ('Sky News reports'): it reports, it does not claim."""
    cited: str | None = None
    """A source the speaker cites ('citing an internal report'): then the claimant."""
    participle: bool = False
    """'..., saying that ...': the speaker is the subject of the main clause."""


def is_outlet(name: str, known: frozenset[str]) -> bool:
    bare = _THE.sub("", name.strip())
    return bare in known or bool(OUTLET_HINT.search(bare))


_FINITE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|could|can|may|might|must|remain|remains)\b", re.I
)
"""A verb in what precedes a subject: a clause ('A dozen are missing, the coast guard said')."""
_DEFINITE_NP = re.compile(
    r"(?:the|its|their)\s+[a-z][a-z'’-]*(?:\s+[a-z][a-z'’-]*){0,3}|[a-z][a-z'’-]*s", re.I
)
"""What can speak after a clause: 'the coast guard', 'organisers', 'its organisers' ('...,
organisers said.')."""
_NOUNISH_BEFORE = re.compile(
    r"\b(?:(?:the|a|an|its|their|his|her|our|this|that|these|those|whose)"
    r"(?:\s+(?:first|new|latest|revised|own|previous|earlier|official|initial|rough|cautious|"
    r"conservative|independent))?|independent|cautious|conservative)\s+$",
    re.I,
)
_NOUN_FORMS = frozenset("claims claim reports estimates estimate forecasts projects counts".split())
_NOUN_AFTER = re.compile(r"\s+(?:from|by|of|for)\b")
_VERB_BEFORE = re.compile(r"\b(?:\w+ed|has|have|had|made|make|makes|got)\s+$", re.I)
_STATE_AFTER = re.compile(
    r"\s+(?:dead|killed|cases?|deaths?|infections?|missing|injured|alive|was|is|were|are|had|has|"
    r"stands|stood|remains|will|would)\b"
)
"""After a verb form, a state ('confirmed dead') or a verb of its own ('The original estimate
was'): the word is a noun or an adjective, not a reporting verb."""


def find_cues(text: str, outlets: frozenset[str]) -> list[Cue]:
    """Every attribution cue in one sentence, leftmost first."""
    cues: list[Cue] = []
    quoted = [q.span() for q in _QUOTED.finditer(text)]
    for m in CUE_VERB.finditer(text):
        verb = m["verb"].lower()
        if any(a < m.start() < b for a, b in quoted):
            continue  # 'We counted 85 bodies,' said X: the quote's speaker is X
        after = text[m.end() :]
        need = _NEEDS_OBJECT.get(verb)
        if need and not need.match(after):
            continue
        if _BY.match(after) or _BE_BEFORE.search(text, max(0, m.start() - 8), m.start()):
            continue  # a passive, or 'the highest number ever recorded'

        if (
            _NOUNISH_BEFORE.search(text, max(0, m.start() - 30), m.start())
            or _STATE_AFTER.match(after)
            or (
                verb in _NOUN_FORMS
                and (
                    _VERB_BEFORE.search(text, max(0, m.start() - 20), m.start())
                    or _NOUN_AFTER.match(after)
                )
            )
        ):
            continue  # a noun ('its estimate', 'estimates from X'), a state ('confirmed dead')
        cue = _verb_cue(text, m, verb, outlets)
        if cue:
            cues.append(cue)
    low = text.lower()
    for m in (
        _ACCORDING.finditer(text)
        if ("ccording" in low or "citing" in low or "quoting" in low or ", per " in low)
        or "based on" in low
        else ()
    ):
        if m.group()[:1] in "Bb" and not _SOURCE_DOCUMENT.match(text, m.start("np")):
            continue  # 'Based on current trends' names no source, 'based on the ... report' does
        lead = not text[: m.start()].strip(" ,")
        governs = (
            (m.end(), len(text))
            if lead or (text[m.end() : m.end() + 1] == "," and not text[: m.start()].strip())
            else (0, m.start())
        )
        if (
            not lead
            and re.match(r"\s*,", text[m.end() :])
            and not text[: m.start()].rstrip().endswith(",")
        ):
            governs = (m.end(), len(text))
        cues.append(Cue(m["np"], m.start(), m.end(), governs, lead))
    for m in _PASSIVE.finditer(text) if " by " in text or " in " in text else ():
        cues.append(Cue(m["np"] or m["doc"], m.start(), m.end(), (m.end(), len(text)), True))
    for m in _POSSESSIVE.finditer(text) if ("'" in text or "’" in text) else ():
        np = m["np"]
        if np.split()[-1].lower() in ("its", "their", "his", "her", "our", "my", "this", "that"):
            continue
        cues.append(Cue(np, m.start("np"), m.end(), (m.end(), len(text)), True))
    return sorted(cues, key=lambda c: c.start)


def _verb_cue(text: str, m: re.Match[str], verb: str, outlets: frozenset[str]) -> Cue | None:
    before = text[: m.start()].rstrip()
    after = text[m.end() :]
    reach = _REACH.match(after[:60])
    end = m.end() + (len(reach.group()) if reach else 0)
    outlet = None
    told = _TOLD.match(after) if verb in ("told", "tells", "tell") else None
    if told and told["obj"] not in ("reporters", "journalists") and is_outlet(told["obj"], outlets):
        outlet = _outlet_name(told["obj"])
    # Inverted: '..., said Shin Won-sik.' / '..., reported the Yonhap News TV portal on Wednesday'
    invertible = verb in _INVERTIBLE and before.endswith((",", "”", '"', "’"))
    invertible = invertible and not ends_on_aside(before)  # not 'X, speaking to AFP, said Y held
    inverted = _INVERTED.match(after) if invertible else None
    if inverted and agentive(inverted["np"]) and len(inverted["np"].split()) <= 8:
        np = inverted["np"]
        app = _APPOSITION.match(after, inverted.end()) if after[inverted.end() - 1] == "," else None
        if app and role_like(app["app"]):  # 'said Mariam Okafor, UNHCR's regional director'
            np = f"{np}, {app['app']}"
        if is_outlet(np, outlets) and verb in ("reported", "reports", "said", "says"):
            return Cue(
                np, m.start(), end, (0, m.start()), False, outlet=_outlet_name(np), by_outlet=True
            )
        return Cue(np, m.start(), end, (0, m.start()), False, outlet=outlet)
    if verb == "citing" and before.endswith(","):
        return None  # 'Moss, citing a report, said': read with the main verb's subject
    if verb in _PARTICIPLE and before.endswith(","):  # '..., saying that ...': the main subject
        return Cue("", m.start(), end, (m.end(), len(text)), True, participle=True)
    subject = subject_before(text, m.start())
    if subject is None:
        return None
    np, at, cited = subject
    if any(v["verb"] not in _NEEDS_OBJECT for v in CUE_VERB.finditer(np)):
        return None  # a clause, not a speaker ('the revised report' is still one)
    np = re.sub(r"^(?:and|but)\s+", "", np)
    participle = (verb in _PARTICIPLE and before.endswith(",")) or np.lower() in ("and", "but", "")
    prior = text[:at].rstrip(" ,")
    intro = not prior.strip('“"') or (
        len(prior.split()) <= 6
        and not re.search(r"\d", prior)
        and not prior.endswith(("”", '"', "’"))
        and not _FINITE.search(prior)
    )
    after_clause = text[:at].rstrip().endswith(",")  # 'Forty people died, the ministry said.'
    ends = (
        after.lstrip()[:1] in (".", ";", "")
        or (  # '..., official figures show.'
            after.lstrip()[:1] == ","  # '..., the audit office has found, with ...'
            and _LOWER_TAIL.sub("", text[max(0, at - 60) : at]).endswith(",")
        )
    )
    lead = participle or (verb in _NEEDS_OBJECT and not ends) or prior.endswith(" that")
    lead = lead or not _trailing(after, verb) or (intro and not after_clause)
    if lead:
        governs = (m.end(), len(text))
    elif _LOWER_TAIL.sub("", text[max(0, at - 60) : at]).endswith((",", '"', "”", "’")):
        governs = (0, at)
    else:  # a relative clause: 'the nearly 4,000 it reported in December'
        governs = (max(0, at - 40), at)
    if participle:
        np = ""
    elif not (agentive(np) or (governs == (0, at) and _DEFINITE_NP.fullmatch(np))):
        return None  # '..., the coast guard said.': any definite phrase can speak there
    if is_outlet(np, outlets) and verb in ("reports", "reported", "says", "said") and not lead:
        return Cue(np, at, end, governs, lead, outlet=_outlet_name(np), by_outlet=True)
    if verb in ("cites", "cited", "citing") and not cited:
        cited = re.match(r"\s*([^,;.]+)", after)[1]  # type: ignore[index]
    elif not cited and (source := _CITING_AFTER.match(after)):
        cited = source["src"]  # 'state broadcaster NRK reported, citing the health ministry,'
    return Cue(np, at, end, governs, lead, outlet=outlet, cited=cited, participle=participle)


def _trailing(after: str, verb: str) -> bool:
    """Only adjuncts follow the verb up to the clause's end ('said on Monday.', 'told AFP,').

    'warned the toll could rise' is a clause the verb introduces, so its cue leads.
    """
    m = _CLAUSE_END.search(after)
    rest = after[: m.start()] if m else after
    words = rest.split()
    if not words:
        return True
    if len(words) > 10 or _CONTENT.search(rest):
        return False
    first = words[0].lower()
    return verb in ("told", "tells") or first in _ADJUNCTS or words[0][:1].isupper()


def _outlet_name(np: str) -> str:
    np = _THE.sub("", np.strip())
    return re.sub(r"\s+(?:portal|website|channel|network|newspaper|daily|agency)$", "", np)


def _in(span: tuple[int, int], pos: int) -> bool:
    return span[0] <= pos < span[1]


def choose(cues: list[Cue], pos: int) -> tuple[Cue | None, Cue | None]:
    """The cue governing position `pos` (nearest first), and an outer one that relays it."""
    real = [c for c in cues if not c.by_outlet]
    governing = [c for c in real if _in(c.governs, pos)]
    if not governing:
        left = [c for c in real if c.end <= pos]
        return (left[-1] if left else None), None
    governing.sort(key=lambda c: min(abs(pos - c.start), abs(pos - c.end)))
    inner = governing[0]
    outer = next(
        (c for c in governing[1:] if c.subject and inner.subject and c.start != inner.start), None
    )
    relays = outer and (
        (outer.lead and outer.start < inner.start)
        or (not outer.lead and inner.lead)
        or (not outer.lead and outer.start > inner.start)  # '..., the ministry said, citing X'
    )
    return inner, outer if relays else None


def attributed(cues: list[Cue], pos: int) -> bool:
    """A cue governs the position or stands before it ('with 48 stations' in a relative clause
    before 'was projected in the plan to' is a description, not a claim)."""
    return any(_in(c.governs, pos) or c.end <= pos for c in cues)
