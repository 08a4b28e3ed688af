"""Where a number comes from: a claim's quote in its sentence, its article, and who recorded it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from ledger.application import HistoryEntry, Ledger, LedgerError
from ledger.domain import Article, Claim, Estimate

_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s|\n")
MARK = ("«", "»")


@dataclass(frozen=True)
class Lineage:
    claim_id: UUID
    status: str
    estimate: Estimate
    """As it stands now, corrections applied."""
    reported: Claim.EstimateReported
    article: Article | None
    context: str | None
    """The sentence (or sentences) around the quote in the article, the quote marked."""
    history: list[HistoryEntry]

    def to_dict(self) -> dict[str, Any]:
        article = self.article
        first = self.history[0]
        return {
            "claim_id": str(self.claim_id),
            "status": self.status,
            **self.estimate.to_dict(),
            "context": self.context,
            "article": None
            if article is None
            else {
                "article_id": str(article.id),
                "title": article.title,
                "source": article.source,
                "url": article.url,
                "outlet": article.outlet,
                "published": article.published,
                "published_evidence": article.published_evidence,
                "sha256": article.sha256,
            },
            "source_url": self.reported.source_url,
            "source_published": self.reported.source_published,
            "extractor": self.reported.extractor,
            "recorded_by": self.reported.recorded_by,
            "recorded_at": self.reported.timestamp.isoformat(),
            "position": first.position,
            "hash": first.hash,
            "events": len(self.history),
        }


def lineage(ledger: Ledger, claim_id: UUID) -> Lineage:
    claim = ledger.get_claim(claim_id)
    history = ledger.history(claim_id)
    reported = history[0].event
    if not isinstance(reported, Claim.EstimateReported):
        raise LedgerError(f"claim {claim_id} does not start with its report")
    article = ledger.repository.get(claim.article_id) if claim.article_id else None
    estimate: Estimate = claim.estimate
    context = None
    if isinstance(article, Article) and estimate.start is not None and estimate.end is not None:
        context = in_sentence(article.text, estimate.start, estimate.end)
    return Lineage(
        claim_id=claim_id,
        status=claim.status,
        estimate=estimate,
        reported=reported,
        article=article if isinstance(article, Article) else None,
        context=context,
        history=history,
    )


def in_sentence(text: str, start: int, end: int) -> str:
    """The sentence(s) holding text[start:end], with that span marked «like this»."""
    begin = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        begin = m.end()
    m = _SENTENCE_END.search(text, max(end - 1, start))
    stop = m.start() + len(m.group().rstrip()) if m else len(text)
    stop = max(stop, end)
    sentence = text[begin:start] + MARK[0] + text[start:end] + MARK[1] + text[end:stop]
    return " ".join(sentence.split())
