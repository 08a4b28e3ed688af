"""The article's memory of its speakers: who has been named so far, in reading order.

'He', 'the ministry', 'the agency' and 'Mr. Shin' resolve to the full name the text gave before;
a role resolves to the person the article titles with it; a report to its author.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, cached_property

from ledger.extraction.documents import Documents
from ledger.extraction.speakers import (
    HONORIFIC,
    ORG_WORDS,
    ROLE_WORDS,
    Speaker,
    clean,
    is_name,
    split_person,
)

_LOWER_WORD = re.compile(r"[a-z]+")
_NOT_NAMES = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december later earlier last this next the""".split()
)
_GENERIC_BODIES = frozenset("agency body organisation organization".split())
"""Nouns that refer back to whichever body spoke last, whatever its name."""
_BUSINESSES = frozenset(
    """company firm utility operator group charity broadcaster insurer lender carrier airline
    developer contractor consortium provider distributor network organisation organization
    nonprofit""".split()
)
"""Nouns that refer back to the latest body that is not a public authority ('the company')."""
_PUBLIC_BODIES = frozenset(
    """ministry department government agency council authority authorities police army military
    office commission directorate bureau administration parliament court service services
    headquarters cabinet""".split()
)
_COMPANY_WORDS = frozenset(
    """energy power grid electric electricity hydro water gas oil petroleum airlines airways
    motors foods holdings capital partners systems technologies pharmaceuticals insurance
    securities analytics steel mining resources logistics shipping telecom media homes
    construction engineering industries international global ventures investments consulting
    solutions services utilities co corp inc ltd plc llc ag sa""".split()
)
"""Words of company names, which are no person's ('Ergon Energy', 'Duke Energy Florida')."""
_ACRONYM = re.compile(r"[A-Z][A-Z&]{1,5}")
_SPELLED_OUT = re.compile(
    r"(?P<name>[A-Z][\w'’-]*(?:\s+(?:(?:of|for|and|the|on|de)\s+)*[A-Z][\w'’-]*){1,7})\s+"
    r"\((?P<acronym>[A-Z][A-Z&]{1,5})\)"
)
_OPENING_NAME = re.compile(
    r"^(?:[^,]{0,40},\s+)?(?P<np>(?:[Tt]he\s+)?(?:[A-Za-z][\w'’.&-]*\s+){0,5}[A-Z][\w'’.&-]*)"
    r"(?:\s+\([A-Z]{2,6}\))?(?=\s+[a-z])"
)
_ONE_PERSON = re.compile(
    r"\b(?:mayor|minister|spokesman|spokeswoman|spokesperson|governor|president|director|chief|"
    r"official|commissioner|sheriff|chairman|chairwoman|chair|secretary|senator|premier|"
    r"superintendent|coroner|ambassador|envoy|commander|doctor|nurse|head)$",
    re.IGNORECASE,
)
"""A role one person holds ('the mayor'), whom 'he' or 'she' can be."""
_OPENING_ROLE = re.compile(
    r"^(?P<np>(?:[Tt]he|[Aa]n?)\s+(?:[\w'’-]+\s+){0,3}?(?:mayor|minister|spokesman|spokeswoman|"
    r"spokesperson|governor|president|director|chief|official|commissioner|sheriff|chairman|"
    r"chairwoman|secretary|senator|premier|superintendent|coroner|ambassador|envoy|commander))"
    r"\s+(?!said|says|told)[a-z]+"
)
"""A sentence about one person's role that claims nothing: 'The mayor was blunt.'"""
_BODY_HINT = re.compile(
    r"\b[A-Z]{2,6}\b|\b(?:[A-Z][a-z]+\s+)?(?:Agency|Ministry|Office|Organi[sz]ation|Council|"
    r"Authority|Service|Department|Institute|Commission|Bureau|Centre|Center|Fund|Group|Trust|"
    r"Foundation|Federation|Association|Union|Cross|Crescent|Programme|Program)\b|"
    r"\b(?:charity|group|company|firm|utility|agency|organi[sz]ation|operator|broadcaster)\s+[A-Z]"
)
"""An opening subject that names a body: 'The WHO', 'The Red Cross', 'charity Sea-Watch'."""
_PLACE_NOUNS = frozenset(
    "city country state region province nation town island county district village".split()
)
_DESCRIBED_NAME = re.compile(
    r"^(?P<desc>(?:[\w'’.-]+\s+){0,4}?(?:utility|firm|company|group|agency|operator|distributor|"
    r"monitor|insurer|lender|bank|carrier|airline|broadcaster|newspaper|body|watchdog|regulator|"
    r"charity|organi[sz]ation|office|service|provider|developer|contractor|consultancy|"
    r"think\s+tank|association|union|network|platform)\s+)"
    r"(?P<name>(?:[A-Z][\w'’.&-]*)(?:\s+[A-Z][\w'’.&-]*){0,3})$"
)
_FIGURES = frozenset("data figures statistics numbers".split())
"""Words for the same published numbers: 'NHS figures suggest ...' then 'the data showed'."""
_DOCUMENTS = frozenset(
    "assessment report statement study survey analysis review audit document".split()
)
PRONOUNS = {"he": "person", "she": "person", "it": "org", "they": "org", "we": "org", "i": "person"}
_POSSESSIVE_PLACE = re.compile(
    r"^(?P<place>(?:[A-Z][\w.-]*\s){0,2}[A-Z][\w.-]*)['’]s\s+(?P<rest>.+)$"
)


_NAME_SPLIT = re.compile(r"[\s,]+")


@dataclass
class Memory:
    """What the article has said about speakers so far, in reading order."""

    people: dict[str, str | None] = field(default_factory=dict)
    """Full person name -> role."""
    mentions: list[Speaker] = field(default_factory=list)
    """Every resolved claimant, latest last."""
    aliases: dict[str, str] = field(default_factory=dict)
    """Place and demonym words -> canonical place, for claimant_country."""
    named: frozenset[str] = frozenset()
    """Places this article names (one word each) that the alias table does not know."""
    documents: list[tuple[str, Speaker]] = field(default_factory=list)
    """(words of an attribution, its speaker): 'estimated in an assessment released on ...'."""
    docs: Documents = field(default_factory=Documents)
    """The authors the article names for its reports and documents."""
    acronyms: dict[str, str] = field(default_factory=dict)
    """'IOM' -> 'International Organization for Migration', as the text spells it out."""
    sentence: str = ""
    """The sentence being read: a body it names is what 'the company' there refers to."""

    def note_subject(self, text: str) -> None:
        """A body a sentence opens with, though it claims nothing there, for a later 'the
        agency' or 'the group': 'The WHO declared mpox an emergency', 'The German rescue charity
        Sea-Watch put the toll higher'."""
        m = _OPENING_NAME.match(text)
        if m and _BODY_HINT.search(m["np"]) and not self.is_place(clean(m["np"])):
            self.speaker(m["np"])
        elif role := _OPENING_ROLE.match(text):  # 'The mayor was blunt. "...," she said.'
            self.speaker(role["np"])

    def note(self, words: str, speaker: Speaker) -> None:
        """Remember what a speaker said it in, so that 'the assessment said' finds its author."""
        self.documents.append((words.lower(), speaker))

    def learn_people(self, text: str) -> None:
        """Index 'Defense Minister Shin Won-sik'-style title + name pairs anywhere in `text`, and
        acronyms spelled out ('the International Organization for Migration (IOM)')."""
        for m in _SPELLED_OUT.finditer(text) if "(" in text else ():
            if _initials(m["name"]) == m["acronym"].replace("&", ""):
                self.acronyms.setdefault(m["acronym"], m["name"])
        low = text.lower()
        for at in _role_words(low) if len(low) == len(text) else ():
            m = _TITLED.match(text, at)
            if m is None:
                continue
            name = m["name"].strip()
            words = name.split()
            if len(words) >= 2 and not any(w.lower() in ORG_WORDS | ROLE_WORDS for w in words):
                before = re.search(
                    r"(?:[A-Z][\w'’.-]*\s+){0,3}$", text[max(0, m.start() - 60) : m.start()]
                )
                self.people.setdefault(
                    name, ((before.group() if before else "") + m["role"]).strip()
                )

    def seen(self, text: str) -> None:
        """Titled people a sentence names, for a later 'he said': 'Transport Minister David
        Kerr, speaking on Tuesday, disputed the figures. "..." he said.'"""
        for name, role in self.people.items():
            if name in text:
                self._remember(Speaker(name, "person", role))

    def full_name(self, name: str) -> str:
        """'Shin' or 'Mr. Shin' -> 'Shin Won-sik' when the article gives the full name."""
        bare = HONORIFIC.sub("", name)
        if len(bare.split()) >= 2:
            return bare
        for full in self.people:
            parts = full.split()
            if bare in (parts[0], parts[-1]):
                return full
        return bare

    @cached_property
    def _places(self) -> re.Pattern[str]:
        """The alias table's places as one pattern, looked up once per article."""
        return _alias_pattern(tuple(self.aliases))

    def country_of(self, text: str) -> str | None:
        m = self._places.search(text)
        if m:
            return self.aliases[m[1]]
        return next((w for w in re.findall(r"[A-Z][a-z]+", text) if w in self.named), None)

    def place(self, name: str) -> str | None:
        return self.aliases.get(name) or (name if name in self.named else None)

    def is_place(self, name: str) -> bool:
        """A place, not a body speaking for it: 'Italy', 'the city', 'Democratic Republic of
        Congo' (but not 'Congo's health ministry')."""
        words = name.split()
        named = all(w[:1].isupper() or w in ("of", "the", "and") for w in words)
        return bool(
            self.place(name)
            or name.lower() in _PLACE_NOUNS
            or (
                named
                and self.country_of(name)
                and not {w.lower() for w in words} & (ORG_WORDS | ROLE_WORDS | _COMPANY_WORDS)
            )
        )

    def speaker(self, np: str) -> Speaker | None:
        """Resolve a raw subject phrase into a Speaker, using what the article said before."""
        raw = np.strip()
        low = raw.lower()
        if low in PRONOUNS:
            return self._latest(PRONOUNS[low])
        if (author := self.docs.author(raw)) and author.lower() != low:
            return self.speaker(author)  # 'a report disclosed by X': whoever wrote it
        text = clean(raw)
        if not text or len(text) < 2:
            return None
        if _ACRONYM.fullmatch(text) and (full := self._spelled_out(text)):
            return self._remember(Speaker(full, "org"))  # 'GAO': the Government Accountability ...
        country = None
        if (m := _POSSESSIVE_PLACE.match(text)) and (place := self.place(m["place"])):
            country, text = place, m["rest"]  # "South Korea's defense minister"; not "Moody's'
        if described := _DESCRIBED_NAME.match(text):  # 'state utility EVN', 'the firm Verisk'
            return self._remember(
                Speaker(
                    described["name"],
                    "org",
                    described["desc"].strip(),
                    country or self.country_of(raw),
                )
            )
        name, role = split_person(text)
        if name:
            full = self.full_name(name)
            self.people.setdefault(full, role)
            return self._remember(
                Speaker(
                    full, "person", role or self.people.get(full), country or self.country_of(raw)
                )
            )
        words = text.split()
        if (
            re.match(r"^(?:Mr|Mrs|Ms|Dr)\.?\s+[A-Z]", text)
            or (len(words) == 1 and text[:1].isupper() and self.full_name(text) != text)
            or (2 <= len(words) <= 3 and is_name(words) and self._personal(words))
        ):  # 'Mr. Shin', 'Shin' after 'Shin Won-sik', 'Kari Moen'
            full = self.full_name(text)
            return self._remember(Speaker(full, "person", self.people.get(full), country))
        definite = re.match(r"^(?:the)\s", raw.strip(), re.I) is not None
        if definite:
            found = self._antecedent(text)
            if found:
                return self._remember(found)
        if role and not re.match(r"^(?:a|an)\s", raw.strip(), re.I):
            person = self._person_for_role(text)
            if person:
                return self._remember(
                    Speaker(person, "person", text, country or self.country_of(raw))
                )
        kind = "role" if role else "org"
        return self._remember(
            Speaker(text, kind, text if role else None, country or self.country_of(raw))
        )

    def _spelled_out(self, acronym: str) -> str | None:
        """The full name of an acronym, as spelled out in the text or named by a claimant."""
        if acronym in self.acronyms:
            return self.acronyms[acronym]
        return next(
            (
                s.name
                for s in reversed(self.mentions)
                if s.kind == "org" and _initials(s.name) == acronym
            ),
            None,
        )

    def _personal(self, words: list[str]) -> bool:
        """Capitalised words that name no body, place or document: a person ('Kari Moen', not
        'Ergon Energy')."""
        return not self.place(" ".join(words)) and not any(
            w.lower() in ORG_WORDS
            or w.lower() in _COMPANY_WORDS
            or w.lower() in _DOCUMENTS
            or w.lower() in _NOT_NAMES
            or self.place(w)
            or w.isupper()
            for w in words
        )

    def _remember(self, s: Speaker) -> Speaker:
        self.mentions.append(s)
        return s

    def _latest(self, kind: str) -> Speaker | None:
        """The latest speaker 'he' or 'she' ('person': a person or one person's role, 'the
        mayor') or 'it' or 'they' ('org': a body or a role) can be."""
        for s in reversed(self.mentions):
            one = s.kind == "role" and _ONE_PERSON.search(s.name) is not None
            if s.kind == kind or (kind == "org" and s.kind == "role") or (kind == "person" and one):
                return s
        return None

    def _antecedent(self, text: str) -> Speaker | None:
        """'the agency' -> the latest claimant named with that word ('National ... Agency').

        Only a description no more specific than the name it refers back to: 'the dockworkers'
        union' is not the 'union' of a headline.
        """
        wanted = {w.lower() for w in text.split()}
        if len(wanted) == 1 and (head := next(iter(wanted))) in _DOCUMENTS | _FIGURES:
            same = _FIGURES if head in _FIGURES else {head}  # 'the data' after 'figures show'
            for words, s in reversed(self.documents):
                if same & set(_LOWER_WORD.findall(words)):
                    return s
        body_noun = wanted <= ORG_WORDS  # 'the council' names a body, never a person
        for s in reversed(self.mentions):
            words = {w.lower() for w in _NAME_SPLIT.split(f"{s.name} {s.role or ''}")}
            role = {_bare(w) for w in (s.role or "").split()}
            if s.kind == "person" and wanted <= role and (body := _body_in(s.role or "", wanted)):
                return Speaker(body, "org", None, s.country)  # 'the council' after its chair
            if s.kind == "person" and body_noun:
                continue  # not the council member for 'the council'
            if wanted <= (role if s.kind == "person" else words):
                return s
        if not wanted <= _GENERIC_BODIES | _BUSINESSES:
            return None
        bodies = [s for s in reversed(self.mentions) if s.kind == "org"]
        if not wanted <= _GENERIC_BODIES:  # 'the company' is no ministry
            bodies = [s for s in bodies if not _words(s.name) & _PUBLIC_BODIES]
        here = [s for s in bodies if s.name in self.sentence]  # '... Hydro-Québec customers
        return (here or bodies or [None])[0]  # lost power, according to the utility'

    def _person_for_role(self, role: str) -> str | None:
        """'defense minister' -> the person the article titles 'Defense Minister' (or 'Defence')."""
        if role.lower().endswith("s"):
            return None  # 'officials', 'local officials': several people, none of them named
        want = {_norm(w) for w in role.lower().split() if w in ROLE_WORDS or len(w) > 4}
        specific = want - {_norm(w) for w in ROLE_WORDS}
        best, score = None, 0
        for person, their_role in self.people.items():
            have = {_norm(w) for w in (their_role or "").lower().split()}
            common = len(want & have)
            fits = specific <= have  # 'the environment minister' is not the finance minister
            if fits and common > score and (want & have & {_norm(w) for w in ROLE_WORDS}):
                best, score = person, common
        return best


@cache
def _alias_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) or "(?!x)x"
    return re.compile(rf"(?<!\w)({alt})(?:['’]s)?(?!\w)")


def _norm(word: str) -> str:
    return word.replace("defence", "defense").strip(".,")


_ROLE_ALT = "|".join(
    sorted((re.escape(w) for w in ROLE_WORDS if w.isalpha()), key=len, reverse=True)
)
_ROLE_ALPHA = tuple(w for w in ROLE_WORDS if w.isalpha())
_WORD_CHAR = re.compile(r"\w")


def _role_words(low: str) -> list[int]:
    """Where a role word ('minister', 'mayor') stands as a whole word in `low`, in order: a find
    per word runs faster over a whole article than one alternation tried at every character."""
    found = []
    for word in _ROLE_ALPHA:
        i = low.find(word)
        while i >= 0:
            if not (i and _WORD_CHAR.match(low, i - 1)) and not _WORD_CHAR.match(
                low, i + len(word)
            ):
                found.append(i)
            i = low.find(word, i + 1)
    return sorted(found)


_TITLED = re.compile(
    rf"(?P<role>(?i:lt|gen|col|maj|capt|sgt|sen|rep|gov|mr|mrs|ms|dr|prof)\.|(?i:{_ROLE_ALT})(?<!s))"
    r"(?:\s+of\s+[A-Z][\w-]*)?,?\s+(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2})"
)


def _bare(word: str) -> str:
    return word.lower().removesuffix("'s").removesuffix("’s").strip(",.")


def _words(name: str) -> set[str]:
    return {_bare(w) for w in name.split()}


def _body_in(role: str, wanted: set[str]) -> str | None:
    """The named body in a person's role: 'Australian Banana Growers' Council' in 'Australian
    Banana Growers' Council chair', for 'the council'; none in 'the agency's director'."""
    words = role.split()
    last = max((i for i, w in enumerate(words) if _bare(w) in wanted), default=-1)
    body = words[: last + 1]
    named = [w for w in body if w[:1].isupper()]
    return " ".join(body).removesuffix("'s").removesuffix("’s") if len(named) >= 2 else None


def _initials(name: str) -> str:
    """'International Organization for Migration' -> 'IOM'."""
    return "".join(w[0] for w in name.replace("-", " ").split() if w[:1].isupper())
