"""Extraction: article text in, Estimate values out. Knows nothing of the store, CLI or views.

Modules, in the order the pipeline uses them: `text` (sentences, furniture skipped), `numerals`
and `numbers` (figures), `units` (what they count), `claims` (which figures are claims),
`attribution`, `subjects`, `speakers`, `memory`, `documents` and `context` (who claims them),
`dates` and `dating` (when), `metrics` (metric keys, aliases), `assemble` (restatements merged),
`pipeline`.
"""

from __future__ import annotations

from ledger.domain import Estimate
from ledger.extraction.pipeline import extract_estimates
from ledger.reading import Document

EXTRACTOR = "ledger.extraction/2.3"


def extract(doc: Document) -> list[Estimate]:
    """Every estimate the article reports, in text order; the same document gives the same list."""
    return extract_estimates(doc)
