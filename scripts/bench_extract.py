#!/usr/bin/env python3
"""Extraction speed on plain text: articles per second on one core, as JSON.

Builds ~3 KB articles from the seed and dev texts, then times read + extract over them in one
process. `articles_per_cpu_second` divides by the CPU time this process used, so other work on
the machine does not skew it; `articles_per_second` is wall-clock. Usage:
    scripts/bench_extract.py [--articles 300] [--size 3000]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ledger.extraction import EXTRACTOR, extract  # noqa: E402
from ledger.reading import read_bytes  # noqa: E402


def corpus(size: int) -> list[bytes]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("seeds/*.txt"))]
    texts += [
        p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("tests/gold/dev/articles/*.txt"))
    ]
    out = []
    for i, t in enumerate(texts):
        body = t
        while len(body.encode()) < size:
            body += "\n\n" + texts[(i + len(body)) % len(texts)]
        out.append(body.encode()[:size].decode("utf-8", "ignore").encode())
    return out


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--size", type=int, default=3000)
    a = ap.parse_args()
    base = corpus(a.size)
    articles = [base[i % len(base)] + f"\n\nArticle {i}.".encode() for i in range(a.articles)]
    extract(read_bytes(articles[0], source="warmup.txt"))  # imports and regex compilation
    start, cpu = time.perf_counter(), time.process_time()
    claims = 0
    for i, data in enumerate(articles):
        claims += len(extract(read_bytes(data, source=f"bench-{i}.txt")))
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu
    print(
        json.dumps(
            {
                "extractor": EXTRACTOR,
                "articles": len(articles),
                "mean_bytes": round(sum(map(len, articles)) / len(articles)),
                "seconds": round(elapsed, 3),
                "articles_per_second": round(len(articles) / elapsed, 1),
                "articles_per_cpu_second": round(len(articles) / cpu, 1),
                "claims": claims,
            }
        )
    )


if __name__ == "__main__":
    main()
