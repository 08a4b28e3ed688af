"""HTML pages: the main text and metadata, by trafilatura and htmldate rather than by hand.

The stored text of an HTML input is the main text trafilatura extracts (paragraphs on their own
lines), not the markup: claim offsets index into that text, and the page's own boilerplate
(menus, footers, comment sections) never reaches the ledger. The publication date is htmldate's
"original date" read from the page's metadata and markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_HTML_START = re.compile(
    r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)


@dataclass(frozen=True)
class HtmlPage:
    text: str
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None


def looks_like_html(text: str) -> bool:
    return bool(_HTML_START.match(text))


def read_html(markup: str) -> HtmlPage | None:
    """Main text and metadata of an HTML page, or None when no article text can be found."""
    import trafilatura  # imported here: loading it costs time that plain-text reading never needs
    from htmldate import find_date

    found = trafilatura.bare_extraction(
        markup, with_metadata=True, include_comments=False, include_tables=False, deduplicate=True
    )
    if found is None or not (found.text or "").strip():
        return None
    published = find_date(markup, original_date=True, extensive_search=False)
    return HtmlPage(
        text=found.text,
        title=found.title or None,
        outlet=found.sitename or None,
        url=found.url or None,
        published=published,
    )
