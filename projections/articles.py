"""`articles`: one row per ingested article, with where it came from and what was left out.

`wire` is the news agency the article is (its outlet) or credits in its text ("(AP)", "told
AFP"): the statements view uses it to tell an echoed wire story from independent reporting.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlite_utils import Database

from ledger.domain import Article, Claim
from projections.base import Batch, View, file_name, to_json
from projections.names import credited_wire, wire_of


class ArticlesView(View):
    name = "articles"
    version = 4  # 4: published_weak; 3: indexed by position, the order Datasette lists
    tables = ("articles",)

    def create(self, db: Database) -> None:
        db["articles"].create(
            {
                "article_id": str,
                "file": str,
                "title": str,
                "outlet": str,
                "wire": str,
                "published": str,
                "published_evidence": str,
                "published_weak": int,
                "url": str,
                "source": str,
                "sha256": str,
                "chars": int,
                "claims": int,
                "dropped": str,
                "reader": str,
                "position": int,
                "recorded_at": str,
                "recorded_by": str,
            },
            pk="article_id",
            not_null={"sha256", "position", "claims"},
            defaults={"claims": 0},
        )
        db["articles"].create_index(["published"])
        db["articles"].create_index(["position"])

    def apply(self, db: Database, batch: Batch) -> None:
        rows: dict[str, list[Any]] = {}
        claims: Counter[str] = Counter()  # claims of articles recorded in earlier batches
        for position, e in batch:
            if isinstance(e, Article.ArticleIngested):
                rows[str(e.originator_id)] = [
                    str(e.originator_id),
                    file_name(e.source),
                    e.title,
                    e.outlet,
                    wire_of(e.outlet) or credited_wire(e.text),
                    e.published,
                    e.published_evidence,
                    int(e.published_weak),
                    e.url,
                    e.source,
                    e.sha256,
                    len(e.text),
                    to_json(e.dropped),
                    e.reader,
                    position,
                    e.timestamp.isoformat(),
                    e.recorded_by,
                    0,
                ]
            elif isinstance(e, Claim.EstimateReported) and e.article_id is not None:
                article_id = str(e.article_id)
                row = rows.get(article_id)
                if row is not None:  # the usual case: the claims follow their article
                    row[-1] += 1
                else:
                    claims[article_id] += 1
        db.conn.executemany(
            "INSERT INTO articles (article_id, file, title, outlet, wire, published,"
            " published_evidence, published_weak, url, source, sha256, chars, dropped, reader,"
            " position, recorded_at, recorded_by, claims)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            rows.values(),
        )
        db.conn.executemany(
            "UPDATE articles SET claims = claims + ? WHERE article_id = ?",
            [(n, article_id) for article_id, n in claims.items()],
        )
