"""Attribution cues: the words that say who claims what, and which figures they govern.

A cue is a reporting verb with its subject ('the defence minister said Monday', 'UNICEF estimated
that', 'According to the directorate', 'It is estimated by the IFRC that', ', said Shin', 'the
government's own count'). A cue before its clause governs what follows it; a cue after a clause
governs what precedes it. A figure takes the nearest cue that governs it; a second cue around
the first one is the intermediary ('Senator Frey told Reuters that a classified report put the
total at 1,500': the report claims, Frey relays). Outlets named by the cue ('told AFP', 'Sky News
reports') are the reporting outlet, not the claimant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_VERB = (
    r"said|says|say|told|tells|tell|estimated|estimates|estimate|estimating|claimed|claims|claim|"
    r"claiming|assessed|assesses|reported|reports|reporting|stated|states|announced|announces|"
    r"added|adds|adding|warned|warns|warning|noted|notes|believes|believed|confirmed|confirms|"
    r"revealed|reveals|disclosed|discloses|accused|accuses|alleged|alleges|suggested|suggests|"
    r"showed|shows|found|finds|projected|projects|forecast|forecasts|calculated|counted|recorded|"
    r"wrote|writes|tweeted|posted|explained|insisted|acknowledged|admitted|argued|testified|"
    r"indicated|indicates|saying|worries|fears|denounced|cited|cites|citing|mentioned|"
    r"registered|registering|recording|counting|tallied|"
    r"put|puts|gave|gives|raised|revised|lowered|cut|updated"
)
_CUE_VERB = re.compile(rf"\b(?P<verb>{_VERB})\b")
_THE = re.compile(r"^the\s+", re.I)
_PRONOUN_END = re.compile(r"\b(he|she|it|they|we)$", re.I)
_PIECES = re.compile(r"(?<=[,:;])")
_ARTICLE = re.compile(r"(?:a|an|the)\s")
_DESCRIPTION = re.compile(r"(?:a|an|the)\s+[a-z]")
_LOWER_LEAD = re.compile(
    r"(?:[a-z]+\s+)*(?!(?:in|of|for|at|from)\s)[a-z]+\s+(?=(?:[A-Z][\w'’.-]*\s*)+$)"
)
"""Lower-case words before a name ('opposition leader Ana Ruiz'), but not a place's
preposition ('the government in Tessin')."""
_LOWER_WORD = re.compile(r"[a-z]+")
_WORD = re.compile(r"[\w'’]+")
_DIGIT = re.compile(r"\d")
_FINITE_NP = re.compile(r"\b(?:is|was|are|were|has|have|had|will|would)\b")
_BY = re.compile(r"\s+by\b")
_BE_BEFORE = re.compile(r"\b(?:is|was|were|be|been|are)\s+$")
_OBJECT_PUT = (
    r"\s+(?:(?:the|its|their|this|that)\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:number|total|figure|toll|count|cost|bill|tally|loss(?:es)?|damage|estimate)\b|\s+it\s+at\b"
)
_OBJECT_GAVE = (
    r"\s+(?:a|an|the|its|their)\s+(?:\w+\s+){0,3}?(?:figure|estimate|number|toll|total|count)\b"
)
_OBJECT_RAISED = (
    r"\s+(?:the|its|their)\s+(?:\w+\s+){0,2}?(?:toll|estimate|figure|number|count|forecast)\b"
)
_THAT = r"\s+that\b"
_NEEDS_OBJECT = {
    verb: re.compile(pattern)
    for verb, pattern in {
        "put": _OBJECT_PUT, "puts": _OBJECT_PUT, "gave": _OBJECT_GAVE, "gives": _OBJECT_GAVE,
        "raised": _OBJECT_RAISED, "revised": _OBJECT_RAISED, "lowered": _OBJECT_RAISED,
        "cut": _OBJECT_RAISED, "updated": _OBJECT_RAISED, "found": _THAT, "finds": _THAT,
        "showed": _THAT, "shows": _THAT, "cited": r"\s+(?:a|an|the)\b",
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
    "told",
}
_PARTICIPLE = {"saying", "estimating", "adding", "warning", "claiming", "reporting", "citing"}
_ACCORDING = re.compile(
    r"\b(?:according\s+to|citing|quoting|,\s*per)\s+(?P<np>[^,;:.()“”\"]+(?:\.[A-Z][^,;:.()“”\"]*)*)",
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
_AGENT = re.compile(
    r"\b(?:analy[sz]ed|compiled|published|produced|prepared|conducted|released|issued)\s+by\s+(?P<np>.+)$"
)
_AUX_TAIL = re.compile(
    r"(?:\s+(?:has|have|had|also|now|still|first|previously|later|earlier|again|already|reportedly|"
    r"separately|then|recently|initially|publicly|officially|likewise|would|will|has\s+also|had\s+already|long|"
    r"even|only|just))+\s*$",
    re.I,
)
_CLAUSE_WORDS = re.compile(
    r"^.*\b(?:that|which|who|whom|when|while|as|after|before|because|since|than|if|where|whereas|"
    r"is|was|are|were|and\s+then|but|with)\s+",
    re.I | re.S,
)
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


def _subject_before(text: str, v: int) -> tuple[str, int, str | None] | None:
    """The speaker phrase ending just before offset `v`, its start, and a cited source if any.

    Reads comma-separated pieces backwards: skips ages and relative clauses ('Frey, who sits on
    the committee,'), keeps a role apposition ('the town's mayor, Lina Castell'), and notes a
    source the speaker cites ('Nyberg, citing an internal report,').
    """
    left = text[:v].rstrip()
    if tail := _AUX_TAIL.search(left, max(0, len(left) - 60)):
        left = left[: tail.start()]
    if m := _PRONOUN_END.search(left, max(0, len(left) - 5)):
        return m[1], m.start(), None
    pieces: list[tuple[str, int]] = []
    pos = 0
    for seg in _PIECES.split(left):
        pieces.append((seg, pos))
        pos += len(seg)
    head: tuple[str, int] | None = None
    cited = None
    for seg, at in reversed(pieces):
        body = seg.strip().rstrip(",:;").strip(" \"“”'‘’")
        if not body:
            continue
        if seg.rstrip().endswith((":", ";")) and head is not None:
            break
        low = body.lower()
        if _ASIDE.match(low) or (body.isdigit() and len(body) <= 3):
            continue  # 'Frey, who sits on ...,', 'Reval, 54,', 'The report, approved by ...,'

        if low.startswith(("citing ", "quoting ")):
            cited = body.split(" ", 1)[1]
            continue
        if head is None:
            head = (body, at + seg.find(body))
            if not (_mostly_name(body) or _ARTICLE.match(body) or _role_like(body)):
                break
            continue
        if not _np_like(body) or _INTRO.match(body) or _CUE_VERB.search(body):
            break
        descriptive = _DESCRIPTION.match(head[0]) or not _mostly_name(head[0])
        if descriptive and _mostly_name(body) and _PERSON_ROLE.intersection(head[0].split()):
            head = (f"{body}, {head[0]}", at + seg.find(body))  # 'Lars Eide, the spokesman,'
        elif descriptive and (_mostly_name(body) or (at == 0 and _APPOSED.match(head[0]))):
            head = (body, at + seg.find(body))  # 'The institute, a think tank in Oslo,'
        elif _role_like(low) and _mostly_name(head[0]):
            head = (f"{body}, {head[0]}", at + seg.find(body))  # 'the town's mayor, Lina Castell'
        break
    if head is None:
        return None
    body, at = head
    cut = _CLAUSE_WORDS.match(body)
    if cut and cut.end() < len(body):
        at += cut.end()
        body = body[cut.end() :]
    if m := _AGENT.search(body):
        return m["np"], at + m.start("np"), cited
    if m := _PARTICIPLE_TAIL.search(body):  # 'An independent study commissioned by the city'
        body = body[: m.start()]
    m = _LOWER_LEAD.match(body)
    if m and not set(m.group().split()) & _ROLE_LIKE:
        at += m.end()
        body = body[m.end() :]
    return (body, at, cited) if body and len(body) < 120 and not _DIGIT.search(body) else None


_PARTICIPLE_TAIL = re.compile(r"\s+[a-z]+(?:ed|en|wn)\s+(?:by|in|on|last|earlier)\b.*$")
_FINITE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|could|can|may|might|must|remain|remains)\b", re.I
)
"""A verb in what precedes a subject: a clause ('A dozen are missing, the coast guard said')."""
_APPOSED = re.compile(r"(?:an?\s|[a-z]+\s+(?:of|for|at)\s)")
"""An apposition after a subject ('a think tank in Oslo', 'leader of the opposition'), unlike a
subject after a clause ('Forty people died in Tromsvik, the ministry said')."""
_DEFINITE_NP = re.compile(r"the\s+[a-z][a-z'’-]*(?:\s+[a-z][a-z'’-]*){0,3}|[a-z][a-z'’-]*s", re.I)
"""What can speak after a clause: 'the coast guard', 'organisers' ('..., organisers said.')."""
_ASIDE = re.compile(
    r"(?:who|which|whose)\s|[a-z]+(?:ed|en|wn)\s+(?:by|in|on|last|earlier)\b"
    r"|(?:in|at|on|during|speaking|writing)\s+(?:an?|the|his|her|its|their)\s"
)
"""A relative clause, a participle or a setting between subject and verb: 'Frey, who sits on
the committee,', 'The report, approved by ...,', 'The army, in a statement carried by MNA,'."""
_INTRO = re.compile(
    r"(?:in|on|at|during|after|before|since|by|for|from|with|under|as|when|while|leaving|following|"
    r"separately|meanwhile|however|earlier|later|the\s+following|the\s+next|last|this|yesterday|"
    r"today|tonight|overnight|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    re.I,
)
_AGENT_NOUNS = frozenset(
    """official officials agency ministry government authority authorities office police army
    military experts analysts researchers workers residents witnesses doctors media group union
    association council councillors auditors service force forces directorate company report
    assessment study survey data figures statement minister spokesman spokeswoman spokesperson
    message organisation organization commission committee institute centre center department
    bureau administration observers monitors sources source estimate count tally court
    prosecutors investigators scientists economists officers lawmakers diplomats audit review
    inquiry analysis investigation poll census document documents memo model projection
    governor mayor chief head director spokesman minister councillor senator lawmaker
    commander president secretary corporation firm utility operator board bank regulator watchdog
    insurer airline charity hospital university tribunal parliament senate congress cabinet
    embassy navy distributor provider developer contractor consortium municipality province
    state county city ministry inspectorate""".split()
)
_NOUNISH_BEFORE = re.compile(
    r"\b(?:(?:the|a|an|its|their|his|her|our|this|that|these|those|whose)"
    r"(?:\s+(?:first|new|latest|revised|own|previous|earlier|official|initial|rough|cautious|"
    r"conservative|independent))?|independent|cautious|conservative)\s+$",
    re.I,
)
_NOUN_FORMS = frozenset("claims claim reports estimates estimate forecasts projects counts".split())
_NOUN_AFTER = re.compile(r"\s+(?:from|by|of|for)\b")
_VERB_BEFORE = re.compile(r"\b(?:\w+ed|has|have|had|made|make|makes|got)\s+$", re.I)
_STATE_AFTER = re.compile(r"\s+(?:dead|killed|cases?|deaths?|infections?|missing|injured|alive)\b")
_ROLE_LIKE = frozenset(
    "minister spokesman spokeswoman spokesperson director chief head governor mayor councillor "
    "official senator deputy lawmaker executive chairman adviser analyst commander president "
    "secretary general "
    "group distributor agency service office ministry leader ceo founder professor researcher "
    "economist expert manager engineer doctor scientist governor".split()
)
_PERSON_ROLE = _ROLE_LIKE - frozenset("group distributor agency service office ministry".split())
_AGENT_STEMS = frozenset(w.rstrip("s") for w in _AGENT_NOUNS | _ROLE_LIKE)


def _role_like(text: str) -> bool:
    return not _ROLE_LIKE.isdisjoint(_LOWER_WORD.findall(text.lower()))


def _agentive(np: str) -> bool:
    """A phrase that can name a speaker: a name, a pronoun, or an agent noun ('officials')."""
    words = _WORD.findall(np)
    return bool(words) and (
        any(w[:1].isupper() for w in words)
        or np.lower() in ("he", "she", "it", "they", "we")
        or bool({w.lower().rstrip("s") for w in words} & _AGENT_STEMS)
    )


def _np_like(s: str) -> bool:
    return len(s.split()) <= 8 and not _DIGIT.search(s) and not _FINITE_NP.search(s)


def _mostly_name(s: str) -> bool:
    words = [w for w in s.split() if w.lower() not in ("the", "a", "an", "of", "and", "for")]
    return bool(words) and sum(w[:1].isupper() for w in words) >= 0.6 * len(words)


def find_cues(text: str, outlets: frozenset[str]) -> list[Cue]:
    """Every attribution cue in one sentence, leftmost first."""
    cues: list[Cue] = []
    quoted = [q.span() for q in _QUOTED.finditer(text)]
    for m in _CUE_VERB.finditer(text):
        verb = m["verb"].lower()
        if any(a < m.start() < b for a, b in quoted):
            continue  # 'We counted 85 bodies,' said X: the quote's speaker is X
        after = text[m.end() :]
        need = _NEEDS_OBJECT.get(verb)
        if need and not need.match(after):
            continue
        if _BY.match(after) or _BE_BEFORE.search(text, max(0, m.start() - 8), m.start()):
            continue
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
        else ()
    ):
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
    inverted = _INVERTED.match(after) if invertible else None
    if inverted and _agentive(inverted["np"]) and len(inverted["np"].split()) <= 8:
        np = inverted["np"]
        app = _APPOSITION.match(after, inverted.end()) if after[inverted.end() - 1] == "," else None
        if app and _role_like(app["app"]):  # 'said Mariam Okafor, UNHCR's regional director'
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
    subject = _subject_before(text, m.start())
    if subject is None:
        return None
    np, at, cited = subject
    if any(v["verb"] not in _NEEDS_OBJECT for v in _CUE_VERB.finditer(np)):
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
    lead = participle or verb in _NEEDS_OBJECT or prior.endswith(" that")
    lead = lead or not _trailing(after, verb) or (intro and not after_clause)
    if lead:
        governs = (m.end(), len(text))
    elif _LOWER_TAIL.sub("", text[max(0, at - 60) : at]).endswith((",", '"', "”", "’")):
        governs = (0, at)
    else:  # a relative clause: 'the nearly 4,000 it reported in December'
        governs = (max(0, at - 40), at)
    if participle:
        np = ""
    elif not (_agentive(np) or (governs == (0, at) and _DEFINITE_NP.fullmatch(np))):
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
    np = re.sub(r"^the\s+", "", np.strip())
    return re.sub(r"\s+(?:portal|website|channel|network|newspaper|daily|agency)$", "", np)
