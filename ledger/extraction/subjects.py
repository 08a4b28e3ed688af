"""Subjects of reporting verbs: the words before 'said' that name who speaks.

Reads the comma-separated pieces before a verb backwards ('Lars Eide, the agency's spokesman,
told', 'The army, in a statement carried by MNA, claimed', 'Frey, who sits on the committee,
said'), with closed word lists for agents ('officials', 'the ministry') and roles ('spokesman',
'director'), because there is no part-of-speech model to say what a noun phrase is.
"""

from __future__ import annotations

import re

_VERB = (
    r"said|says|say|told|tells|tell|estimated|estimates|estimate|estimating|claimed|claims|claim|"
    r"claiming|assessed|assesses|reported|reports|reporting|stated|states|announced|announces|"
    r"added|adds|adding|warned|warns|warning|noted|notes|believes|believed|confirmed|confirms|"
    r"revealed|reveals|reveal|disclosed|discloses|accused|accuses|alleged|alleges|suggested|suggests|suggest|"
    r"showed|shows|show|found|finds|projected|projects|forecast|forecasts|calculated|counted|recorded|"
    r"wrote|writes|tweeted|posted|explained|insisted|acknowledged|admitted|argued|testified|"
    r"indicated|indicates|saying|worries|fears|denounced|cited|cites|citing|mentioned|"
    r"registered|registering|recording|counting|tallied|flagged|flags|observed|concluded|"
    r"put|puts|gave|gives|raised|revised|lowered|cut|updated|released|releases|published|publishes"
)
CUE_VERB = re.compile(rf"\b(?P<verb>{_VERB})\b")
_PRONOUN_END = re.compile(r"\b(he|she|it|they|we)$", re.I)
_PIECES = re.compile(r"(?<=[,:;])")
_COORDINATED = re.compile(r"\s(and|but)$")
_ARTICLE = re.compile(r"(?:a|an|the)\s")
_DESCRIPTION = re.compile(r"(?:a|an|the)\s+[a-z]")
_LOWER_LEAD = re.compile(
    r"(?:[a-z]+\s+)*(?!(?:in|of|for|at|from)\s)[a-z]+\s+(?=(?:[A-Z][\w'’.-]*\s*)+$)"
)
"""Lower-case words before a name ('opposition leader Ana Ruiz'), but not a place's
preposition ('the government in Tessin')."""
_LOWER_WORD = re.compile(r"[a-z]+")
_WORD = re.compile(r"[\w'’]+")
_DIGIT = re.compile(r"(?<!\d)(?!(?:19|20)\d\d(?!\d))\d")
"""A figure, not a year: 'A 2021 feasibility study had put ...' still has a subject."""
_FINITE_NP = re.compile(r"\b(?:is|was|are|were|has|have|had|will|would)\b")
_AGENT = re.compile(
    r"\b(?:analy[sz]ed|compiled|published|produced|prepared|conducted|released|issued)\s+by\s+(?P<np>.+)$"
)
_AUX_TAIL = re.compile(
    r"(?:\s+(?:has|have|had|also|now|still|first|previously|later|earlier|again|already|reportedly|"
    r"separately|then|recently|initially|publicly|officially|likewise|would|will|has\s+also|had\s+already|long|"
    r"even|only|just|today|yesterday|tonight|this\s+(?:morning|afternoon|evening|week)))+\s*$",
    re.I,
)
_CLAUSE_WORDS = re.compile(
    r"^.*\b(?:that|which|who|whom|when|while|as|after|before|because|since|than|if|where|whereas|"
    r"is|was|are|were|and\s+then|but|with)\s+",
    re.I | re.S,
)


_ADJUNCT = re.compile(r"(?:in|on|at|across|during|over|between|among)\s")
"""A piece opening on a preposition is where or when, never who."""


def subject_before(text: str, v: int) -> tuple[str, int, str | None] | None:
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
    if m := _COORDINATED.search(left, max(0, len(left) - 5)):
        return m[1], m.start(1), None  # '... declared an emergency and said': the main subject
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
        if head is None and _ADJUNCT.match(low):
            continue  # 'A survey by X, its research arm, in four camps found': the survey
        if head is None:
            head = (body, at + seg.find(body))
            if not (_mostly_name(body) or _ARTICLE.match(body) or role_like(body)):
                break
            continue
        if not _np_like(body) or _INTRO.match(body) or CUE_VERB.search(body):
            break
        if body.count(")") > body.count("("):
            break  # the tail of an aside ('... (international name: Lanhua) in the north,')
        descriptive = _DESCRIPTION.match(head[0]) or not _mostly_name(head[0])
        if descriptive and _mostly_name(body) and _PERSON_ROLE.intersection(head[0].split()):
            head = (f"{body}, {head[0]}", at + seg.find(body))  # 'Lars Eide, the spokesman,'
        elif descriptive and (
            _mostly_name(body) or (at == 0 and _APPOSED.match(head[0]) and not _PAST.search(body))
        ):
            head = (body, at + seg.find(body))  # 'The institute, a think tank in Oslo,'
        elif role_like(low) and _mostly_name(head[0]):
            head = (f"{body}, {head[0]}", at + seg.find(body))  # 'the town's mayor, Lina Castell'
        break
    if head is None:
        return None
    body, at = head
    cut = _CLAUSE_WORDS.match(body)
    if (rel := _RELATIVE.match(body)) and agentive(rel["np"]):
        body = rel["np"]  # 'a charity that runs the city's morgues said': the charity
    elif cut and cut.end() < len(body):
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


_RELATIVE = re.compile(
    r"(?P<np>[^;:]{1,100}?[\w'’-])\s+(?:that|which|who)\s+(?:[a-z]+(?:s|ed)|ran|had|have|spoke|was|is"
    r"|were|are)\s+"
    r"(?![a-z]+ed\b)",
    re.I,
)
"""A subject with a relative clause: 'a charity that runs the morgues', 'officials who
inspected the site', 'an official who spoke on condition of anonymity', 'X, minister for the
administration that governs the east'; not 'figures that officials released'."""
_PARTICIPLE_TAIL = re.compile(r"\s+[a-z]+(?:ed|en|wn)\s+(?:by|in|on|last|earlier)\b.*$")
_PAST = re.compile(r"\b[a-z]{2,}ed\b(?!\s+by\b)")
"""A clause before a subject ('Forty people died in Tromsvik, a rescue group said')."""
_APPOSED = re.compile(r"(?:an?\s|[a-z]+\s+(?:of|for|at)\s)")
"""An apposition after a subject ('a think tank in Oslo', 'leader of the opposition'), unlike a
subject after a clause ('Forty people died in Tromsvik, the ministry said')."""
_ASIDE = re.compile(
    r"(?:who|which|whose|where|when)\s|[a-z]+(?:ed|en|wn)\s+(?:by|in|on|last|earlier)\b"
    r"|(?:in|at|on|during)\s+(?:an?|the|his|her|its|their)\s|(?:speaking|writing)\s"
    r"|(?:by\s+(?:contrast|comparison)|for\s+(?:its|their|his|her|our|my)\s+part|in\s+(?:turn|"
    r"contrast|response|reply|addition|particular)|meanwhile|however|though|too|also|instead|"
    r"separately|likewise|similarly|nonetheless|nevertheless|moreover|for\s+now|so\s+far)$"
)
"""A relative clause, a participle, a setting or a discourse aside between subject and verb:
'Frey, who sits on the committee,', 'The office in Tarn, where the dam is,', 'The report,
approved by ...,', 'The army, in a statement carried by MNA,', 'The ministry, for its part,', 'An
official, speaking to AFP on condition of anonymity,'."""


def ends_on_aside(text: str) -> bool:
    """The text before a comma ends on an aside about a person ('A negotiator, speaking on
    condition of anonymity', 'The official, who declined to be named'), so a verb after that
    comma has the subject before the aside; '..., which could hold 6 million shells, reported X'
    still inverts."""
    return _PERSON_ASIDE.match(text.rstrip(" ,").rsplit(",", 1)[-1].strip().lower()) is not None


_PERSON_ASIDE = re.compile(r"(?:speaking|writing|who)\s")


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
_ROLE_LIKE = frozenset(
    "minister spokesman spokeswoman spokesperson director chief head governor mayor councillor "
    "official senator deputy lawmaker executive chairman adviser analyst commander president "
    "secretary general "
    "group distributor agency service office ministry leader ceo founder professor researcher "
    "economist expert manager engineer doctor scientist governor".split()
)
_PERSON_ROLE = _ROLE_LIKE - frozenset("group distributor agency service office ministry".split())
_AGENT_STEMS = frozenset(w.rstrip("s") for w in _AGENT_NOUNS | _ROLE_LIKE)


_OPENING = re.compile(r"^(?:[^,]{0,40},\s+)?((?:[\w'’.-]+\s+){0,6}[\w'’.-]+)")
_NOT_VERBS = frozenset("of at for in from with and or the a an on to by as".split())


def opening_subject(text: str) -> str | None:
    """The agent a sentence opens with, for a later verb that shares it: 'A ministry official
    declined to comment, but said ...', 'Analysts at the bank cut the forecast, saying ...'."""
    m = _OPENING.match(text)
    words = m[1].split() if m else []
    for k, word in enumerate(words[:-1]):
        nxt = words[k + 1]
        verb = nxt.islower() and nxt not in _NOT_VERBS and _stem(nxt) not in _AGENT_STEMS
        if verb and _stem(word) in _AGENT_STEMS:
            return " ".join(words[: k + 1])
    return None


def _stem(word: str) -> str:
    return word.lower().strip(",.;:").removesuffix("'s").removesuffix("’s").rstrip("s")


def role_like(text: str) -> bool:
    return not _ROLE_LIKE.isdisjoint(_LOWER_WORD.findall(text.lower()))


def agentive(np: str) -> bool:
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
