"""Documents as sources: who wrote a report, and who only relays it.

A figure 'according to a report' is the claim of whoever wrote the report, and the text often
names the author elsewhere: 'the Defense Intelligence Agency document', 'The report, prepared by
the project office,', 'UNHCR's report', 'a report by the spending watchdog', 'a council briefing
paper'. A person who disclosed, cited or obtained it ('a report disclosed by Deputy Kang') is an
intermediary, not the claimant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

DOC_WORDS = (
    r"(?:(?:report|document|study|assessment|analysis|audit|survey|review|memo|paper|briefing|"
    r"dossier|statement)s?|data)"
)
_ORG_MODIFIER = (
    r"(?:council|ministry|government|agency|department|police|army|military|board|committee|"
    r"commission|office|authority|company|hospital|university|bank|court|union)"
)
_OWN_BODY = re.compile(rf"(?<=\s)(?:{_ORG_MODIFIER}|[A-Z][\w&-]+)\b")
"""A body named in a document's own words, after its article: 'an internal VTA report'."""
_AUTHORED = (
    r"(?:prepared|compiled|written|produced|drawn\s+up|published|released|issued|conducted|"
    r"carried\s+out)"
)
_AUTHOR_PATTERNS = (
    # 'the Defense Intelligence Agency document', 'a council briefing paper'
    re.compile(
        rf"\b(?:[Tt]he|[Aa]n?)\s+(?P<author>(?:[A-Z][\w'’.&-]*\s+){{1,6}}?|{_ORG_MODIFIER}\s+)"
        rf"(?:[a-z-]+\s+)?(?P<doc>{DOC_WORDS})\b"
    ),
    # "UNHCR's report", "the council's latest situation report", "a consultant's report"
    re.compile(
        r"(?P<author>\b(?:(?:[Tt]he|[Aa]n?)\s+(?:[\w.&-]+\s+){0,3}?[\w.&-]+"
        r"|[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3}))['’]s\s+"
        rf"(?:[a-z-]+\s+){{0,2}}(?P<doc>{DOC_WORDS})\b"
    ),
    # 'a report by the watchdog', 'The report, prepared by the project office,', 'a report of
    # the Auditor General'
    re.compile(
        rf"\b(?P<doc>{DOC_WORDS}),?\s+(?:{_AUTHORED}\s+by|by|from|of(?=\s+(?:the\s+)?[A-Z]))\s+"
        r"(?P<author>[^,;.()]+?)"
        r"(?=\s*[,;.()]|\s+(?:on|in|last|that|which|who)\b|$)"
    ),
)
_RELAY = re.compile(
    rf"\b{DOC_WORDS}\s+(?:disclosed|cited|obtained|seen|leaked|shared|quoted|made\s+public|presented|"
    r"circulated|tabled)\s+by\s+(?P<relay>[^,;.()]+)"
)
_INDEFINITE = re.compile(r"\b(?:an?|another|one)\s+(?:[\w-]+\s+){0,3}$", re.I)
DOCUMENT_SUBJECT = re.compile(
    rf"^(?:[^,]{{0,40}},\s+)?(?P<np>(?:[Tt]he|[Ii]ts|[Tt]heir)\s+(?:[\w'’-]+\s+){{0,3}}?{DOC_WORDS})\b"
)
"""A sentence about what a document says: 'The report, prepared by ..., attributes €97m to'."""
_HEAD = re.compile(rf"\b(?P<doc>{DOC_WORDS})\b", re.I)
_HINT = re.compile(
    r"report|document|study|assessment|analys|audit|survey|review|memo|paper|brief|\bdata\b"
)


def _noun(doc: str) -> str:
    return doc.lower().rstrip("s")


@dataclass
class Documents:
    """The authors an article names for its documents, in reading order."""

    authors: list[tuple[int, str, str, bool]] = field(default_factory=list)
    """(offset, document noun, author as written, definite), in text order."""
    cursor: int = 0
    """The end of the sentence being read: 'the report' is the latest one named up to there."""

    def learn(self, text: str, at: int) -> None:
        """Index every 'X document' / "X's report" / 'report by X' in a sentence at `at`."""
        if not _HINT.search(text.lower()):
            return
        found = [
            (
                at + m.start(),
                _noun(m["doc"]),
                m["author"].strip(),
                not _INDEFINITE.search(text, max(0, m.start("doc") - 40), m.start("doc")),
            )
            for rx in _AUTHOR_PATTERNS
            for m in rx.finditer(text)
        ]
        self.authors.extend(sorted(found))

    def author(self, np: str) -> str | None:
        """Who wrote the document `np` names: its own words first, else the article's.

        'The report' takes the author the article has named for a report so far, or else the
        one it names when it comes back to it ('The report, prepared by X,'); 'a report by Y'
        later on is another report. A document relayed by someone is the one author the article
        names for any of its documents ('a report disclosed by ...' and then 'the Defense
        Intelligence Agency document').
        """
        if not _HINT.search(np.lower()):
            return None
        for rx in _AUTHOR_PATTERNS:
            if m := rx.search(np):
                author = m["author"].strip().removesuffix("'s").removesuffix("’s")
                # 'a council briefing paper': the council's; "the Water Board's annual report"
                return f"the {author}" if author[:1].islower() and " " not in author else author
        heads = [h for h in _HEAD.finditer(np) if _is_document(np, h)]
        if not heads:
            return None
        head = heads[-1]  # 'an audit report': a report
        noun = _noun(head["doc"])
        before = [a for at, n, a, _ in self.authors if n == noun and at < self.cursor]
        later = [a for at, n, a, definite in self.authors if n == noun and definite]
        if before or later:
            return before[-1] if before else later[0]
        if _OWN_BODY.search(np, 0, head.start()):
            return None  # 'an internal ministry document obtained by X' names its own body
        distinct = {a.lower() for _, _, a, _ in self.authors}
        return self.authors[0][2] if len(distinct) == 1 and relayed_by(np) else None


def relayed_by(np: str) -> str | None:
    """The person a document came through: 'a report disclosed by Deputy Kang Dae Sik'."""
    m = _RELAY.search(np)
    return m["relay"].strip() if m else None


def _is_document(np: str, head: re.Match[str]) -> bool:
    """The phrase is about the document itself: nothing but modifiers before its noun."""
    before = np[: head.start()].split()
    return len(before) <= 4 and not any(w[:1].isupper() for w in before[1:])
