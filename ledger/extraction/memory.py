"""The article's memory of its speakers: who has been named so far, in reading order.

'He', 'the ministry', 'the agency' and 'Mr. Shin' resolve to the full name the text gave before;
a role resolves to the person the article titles with it; a report to its author.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from ledger.extraction.documents import Documents
from ledger.extraction.speakers import ORG_WORDS, ROLE_WORDS, Speaker, clean, is_name, split_person

_LOWER_WORD = re.compile(r"[a-z]+")
_NOT_NAMES = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december later earlier last this next the""".split()
)
_GENERIC_BODIES = frozenset("agency body organisation organization".split())
"""Nouns that refer back to whichever body spoke last, whatever its name."""
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
_DOCUMENTS = frozenset(
    "assessment report statement study survey analysis review audit document".split()
)
PRONOUNS = {"he": "person", "she": "person", "it": "org", "they": "org", "we": "org", "i": "person"}
_POSSESSIVE_PLACE = re.compile(
    r"^(?P<place>(?:[A-Z][\w.-]*\s){0,2}[A-Z][\w.-]*)['’]s\s+(?P<rest>.+)$"
)


_NAME_SPLIT = re.compile(r"[\s,]+")
_HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Dr|Prof)\.?\s+")


@dataclass
class Memory:
    """What the article has said about speakers so far, in reading order."""

    people: dict[str, str | None] = field(default_factory=dict)
    """Full person name -> role."""
    mentions: list[Speaker] = field(default_factory=list)
    """Every resolved claimant, latest last."""
    aliases: dict[str, str] = field(default_factory=dict)
    named: frozenset[str] = frozenset()
    """Places this article names (one word each) that the alias table does not know."""
    """Place and demonym words -> canonical place, for claimant_country."""
    documents: list[tuple[str, Speaker]] = field(default_factory=list)
    """(words of an attribution, its speaker): 'estimated in an assessment released on ...'."""
    docs: Documents = field(default_factory=Documents)
    """The authors the article names for its reports and documents."""

    def note(self, words: str, speaker: Speaker) -> None:
        """Remember what a speaker said it in, so that 'the assessment said' finds its author."""
        self.documents.append((words.lower(), speaker))

    def learn_people(self, text: str) -> None:
        """Index 'Defense Minister Shin Won-sik'-style title + name pairs anywhere in `text`."""
        low = text.lower()
        for role in _ROLE_WORD.finditer(low) if len(low) == len(text) else ():
            m = _TITLED.match(text, role.start())
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
        bare = _HONORIFIC.sub("", name)
        if len(bare.split()) >= 2:
            return bare
        for full in self.people:
            parts = full.split()
            if bare in (parts[0], parts[-1]):
                return full
        return bare

    def country_of(self, text: str) -> str | None:
        m = _alias_pattern(tuple(self.aliases)).search(text)
        if m:
            return self.aliases[m[1]]
        return next((w for w in re.findall(r"[A-Z][a-z]+", text) if w in self.named), None)

    def place(self, name: str) -> str | None:
        return self.aliases.get(name) or (name if name in self.named else None)

    def is_place(self, name: str) -> bool:
        """A place, not a body speaking for it: 'Italy', 'the city', 'Democratic Republic of
        Congo' (but not 'Congo's health ministry')."""
        words = {w.lower() for w in name.split()}
        return bool(
            self.place(name)
            or name.lower() in _PLACE_NOUNS
            or (self.country_of(name) and not words & (ORG_WORDS | ROLE_WORDS))
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

    def _personal(self, words: list[str]) -> bool:
        """Capitalised words that name no body, place or document: a person ('Kari Moen')."""
        return not self.place(" ".join(words)) and not any(
            w.lower() in ORG_WORDS
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
        for s in reversed(self.mentions):
            if s.kind == kind or (kind == "org" and s.kind == "role"):
                return s
        return None

    def _antecedent(self, text: str) -> Speaker | None:
        """'the agency' -> the latest claimant named with that word ('National ... Agency').

        Only a description no more specific than the name it refers back to: 'the dockworkers'
        union' is not the 'union' of a headline.
        """
        wanted = {w.lower() for w in text.split()}
        if len(wanted) == 1 and (head := next(iter(wanted))) in _DOCUMENTS:
            for words, s in reversed(self.documents):
                if head in _LOWER_WORD.findall(words):
                    return s
        for s in reversed(self.mentions):
            words = {w.lower() for w in _NAME_SPLIT.split(f"{s.name} {s.role or ''}")}
            role = {w.lower() for w in (s.role or "").split()}
            if wanted <= (role if s.kind == "person" else words):
                return s
        if wanted <= _GENERIC_BODIES:  # 'the agency' after 'the state civil defense said'
            return next((s for s in reversed(self.mentions) if s.kind == "org"), None)
        return None

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
_ROLE_WORD = re.compile(rf"\b(?:{_ROLE_ALT})\b")
_TITLED = re.compile(
    rf"(?P<role>(?i:lt|gen|col|maj|capt|sgt|sen|rep|gov|mr|mrs|ms|dr|prof)\.|(?i:{_ROLE_ALT})(?<!s))"
    r"(?:\s+of\s+[A-Z][\w-]*)?,?\s+(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2})"
)
