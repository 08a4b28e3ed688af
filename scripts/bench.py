#!/usr/bin/env python3
"""Benchmarks of the ledger, each figure beside its reference measured in the same run.

    .venv/bin/python scripts/bench.py --quick          # under a minute, small sizes
    .venv/bin/python scripts/bench.py                  # the full run: 1,000,000 claims
    .venv/bin/python scripts/bench.py --quick --only verify --articles 100000   # one figure
    scripts/with-postgres .venv/bin/python scripts/bench.py --quick   # adds PostgreSQL figures

Prints one JSON object on stdout (progress goes to stderr). Run by hand; the figures go into
the README's Performance section. Never a timed assertion in a test: this machine is shared and
noisy, so every figure is the median of several runs, and each speed is compared with a
reference measured minutes apart on the same machine.

- append: events/s through Ledger.ingest_many (synthetic articles with their claims supplied:
  building the events, encoding, sealing, inserting, committing) against raw sqlite3
  executemany of the very same stored rows into an identical table in one transaction.
  append_ratio is the median of the per-round ratios. The same rows inserted in transactions
  of the sizes the ledger used (BATCH articles each) give raw_same_batches_eps and
  append_ratio_same_batches: each commit costs a WAL sync and, past 1,000 pages, a checkpoint,
  which one transaction pays once. CPU time per event is given for both sides: this machine is
  shared, and wall time measures the load as much as the code. plain_eventsourcing_eps: the same
  articles saved as aggregates by a plain eventsourcing Application, ~1,000 events a save, no
  seals (where the issue's 0.15 of raw comes from).
- rebuild: events/s of `ledger project --rebuild` (Runner.rebuild, in a child process so its
  peak memory is its own) over the big ledger; peak_rss_mb is that child's peak RSS.
- verify: events/s of `ledger audit verify` (seal.verify over the sealed log), and its CPU
  time per event, worker processes included.
- ingest: plain-text articles/s through `ledger ingest FOLDER` end to end (read, extract,
  append, project), one process.
- query: median ms of the `growth` and `search` canned queries over the big ledger's views;
  beside them what Datasette's own pages run on the claims table, newest first: its search box
  (search_table_page_ms) and the unfiltered first page (claims_table_page_ms).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import claims_corpus

FULL = {"append_articles": 20_000, "big_articles": 500_000, "text_articles": 3_000, "rounds": 3}
QUICK = {"append_articles": 2_000, "big_articles": 5_000, "text_articles": 300, "rounds": 3}
PG_FULL = {"append_articles": 10_000, "big_articles": 50_000}
PG_QUICK = {"append_articles": 1_000, "big_articles": 2_000}
BATCH = 1_000
"""Articles per transaction in the append benchmark (about 3,000 events)."""

TARGETS = {
    "append_ratio": ">= 0.30",
    "rebuild_eps": ">= 50,000 (1,000,000 events in under 30 s)",
    "peak_rss_mb": "< 500",
    "verify_eps": ">= 200,000",
    "ingest_articles_per_s": ">= 100 per core",
    "growth_query_ms": "< 50 at 1,000,000 claims",
    "search_query_ms": "< 50 at 1,000,000 claims",
}
GROWTH_METRICS = 25
SEARCHES = ("Castell", "Morvane", "hectares", "foreign intelligence", "Nyberg vaccine")


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def median(values: list[float]) -> float:
    return statistics.median(values)


# Building ledgers ----------------------------------------------------------------------------


def ledger_env(home: Path, store: str | None) -> dict[str, str]:
    env = {**os.environ, "LEDGER_HOME": str(home)}
    env.pop("LEDGER_STORE", None)
    if store:
        env["LEDGER_STORE"] = store
    return env


def open_ledger(home: Path, store: str | None) -> Any:
    from ledger.application import Ledger
    from ledger.store import postgres_env, sqlite_env

    env = postgres_env(store) if store else sqlite_env(home / "events.db")
    return Ledger(home, env=env)


def ingest_corpus(ledger: Any, corpus: Iterable[tuple[Any, Any]]) -> Iterator[Any]:
    """Save (document, estimates) pairs through Ledger.ingest_many, as `ledger ingest` does,
    reading the corpus as it goes; or one save per article for a ledger from before
    ingest_many existed (to measure where we started: `PYTHONPATH=old-checkout python
    scripts/bench.py`)."""
    pending: list[Any] = []

    def docs() -> Iterator[Any]:
        for doc, estimates in corpus:
            pending.append(estimates)
            yield doc

    def estimates() -> Iterator[Any]:
        while True:
            yield pending.pop(0)

    if hasattr(ledger, "ingest_many"):
        return ledger.ingest_many(
            docs(), estimates=estimates(), recorded_by="bench", batch_size=BATCH
        )
    return (ledger.ingest(d, estimates=e, recorded_by="bench") for d, e in corpus)


def fill(ledger: Any, articles: int, seed: int = 7) -> int:
    """Ingest synthetic articles with their claims; returns the events appended."""
    return sum(1 + r.claims for r in ingest_corpus(ledger, claims_corpus(articles, seed)))


# append ----------------------------------------------------------------------------------------


def raw_insert(
    rows: list[tuple[Any, ...]], path: Path, sizes: list[int] | None = None
) -> tuple[float, float]:
    """Seconds (wall, CPU) to insert the rows with plain sqlite3 into eventsourcing's table:
    in one transaction, or in transactions of these sizes."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute(
        "CREATE TABLE stored_events (originator_id TEXT, originator_version INTEGER, topic TEXT,"
        " state BLOB, PRIMARY KEY (originator_id, originator_version))"
    )
    start, cpu = time.perf_counter(), time.process_time()
    done = 0
    for size in sizes or [len(rows)]:
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO stored_events VALUES (?,?,?,?)", rows[done : done + size])
        conn.execute("COMMIT")
        done += size
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    conn.close()
    return seconds, cpu


def cpu_seconds() -> float:
    """CPU time of this process and of its children that have ended (verify's workers)."""
    own, children = (
        resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def plain_save(corpus: list[Any], path: Path) -> float:
    """Events/s of a plain eventsourcing save of about 1,000 events at a time: the aggregates,
    the default JSON transcoder and recorder, no seals (the issue's 0.15 of raw)."""
    from eventsourcing.application import Application

    from ledger.domain import Article, Claim

    app: Application[Any] = Application(
        env={"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": str(path)}
    )
    start = time.perf_counter()
    pending: list[Any] = []
    events = 0
    for doc, estimates in corpus:
        article = Article.ingest(
            sha256=doc.sha256,
            text=doc.text,
            source=doc.source,
            url=doc.url,
            title=doc.title,
            outlet=doc.outlet,
            published=doc.published,
            published_evidence=doc.published_evidence,
            published_weak=doc.published_weak,
            dropped=[],
            reader="bench",
            recorded_by="bench",
        )
        pending.append(article)
        pending += [
            Claim.report(
                e, origin=str(article.id), article_id=article.id, extractor="b", recorded_by="b"
            )
            for e in estimates
        ]
        if len(pending) >= 1000:
            app.save(*pending)
            events += len(pending)
            pending = []
    app.save(*pending)
    events += len(pending)
    seconds = time.perf_counter() - start
    app.close()
    return events / seconds


def bench_append(work: Path, articles: int, rounds: int) -> dict[str, Any]:
    corpus = list(claims_corpus(articles, seed=11))  # made before the clock starts
    eps, raw, ratios, plain, batched, batched_ratios = [], [], [], [], [], []
    cpu, raw_cpu = [], []
    for r in range(rounds):
        home = work / f"append-{r}"
        with open_ledger(home, None) as ledger:
            start, cpu_start = time.perf_counter(), time.process_time()
            results = list(ingest_corpus(ledger, corpus))
            seconds, used = time.perf_counter() - start, time.process_time() - cpu_start
        events = sum(1 + x.claims for x in results)
        sizes = [
            sum(1 + x.claims for x in results[i : i + BATCH]) for i in range(0, len(results), BATCH)
        ]
        conn = sqlite3.connect(home / "events.db")
        rows = conn.execute(
            "SELECT originator_id, originator_version, topic, state FROM stored_events"
            " ORDER BY rowid"
        ).fetchall()
        conn.close()
        raw_seconds, raw_cpu_seconds = raw_insert(rows, home / "raw.db")
        batched_seconds, _ = raw_insert(rows, home / "raw-batched.db", sizes)
        plain.append(plain_save(corpus, home / "plain.db"))
        eps.append(events / seconds)
        raw.append(len(rows) / raw_seconds)
        batched.append(len(rows) / batched_seconds)
        ratios.append(eps[-1] / raw[-1])
        batched_ratios.append(eps[-1] / batched[-1])
        cpu.append(used / events * 1e6)
        raw_cpu.append(raw_cpu_seconds / len(rows) * 1e6)
        log(
            f"append round {r + 1}: {eps[-1]:,.0f} events/s ({cpu[-1]:.1f} µs CPU an event),"
            f" raw {raw[-1]:,.0f} rows/s ({raw_cpu[-1]:.1f} µs), raw in the same transactions"
            f" {batched[-1]:,.0f} rows/s, plain eventsourcing {plain[-1]:,.0f} events/s"
        )
        shutil.rmtree(home)
    return {
        "append_eps": round(median(eps)),
        "raw_insert_eps": round(median(raw)),
        "append_ratio": round(median(ratios), 3),
        "append_cpu_us_per_event": round(median(cpu), 1),
        "raw_insert_cpu_us_per_row": round(median(raw_cpu), 1),
        "raw_same_batches_eps": round(median(batched)),
        "append_ratio_same_batches": round(median(batched_ratios), 3),
        "plain_eventsourcing_eps": round(median(plain)),
        "plain_eventsourcing_ratio": round(
            median([p / r for p, r in zip(plain, raw, strict=True)]), 3
        ),
        "append_events": events,
        "append_mean_event_bytes": round(sum(len(r[3]) for r in rows) / len(rows)),
    }


def bench_append_postgres(work: Path, url: str, articles: int, rounds: int) -> dict[str, Any]:
    import psycopg

    corpus = list(claims_corpus(articles, seed=11))
    eps, raw, ratios = [], [], []
    for r in range(rounds):
        with fresh_database(url) as db_url:
            with open_ledger(work / "pg-append", db_url) as ledger:
                start = time.perf_counter()
                events = sum(1 + x.claims for x in ingest_corpus(ledger, corpus))
                seconds = time.perf_counter() - start
            with psycopg.connect(db_url) as conn:
                rows = conn.execute(
                    "SELECT originator_id, originator_version, topic, state FROM ledger_events"
                    " ORDER BY notification_id"
                ).fetchall()
                conn.execute(
                    "CREATE TABLE raw_events (originator_id uuid, originator_version bigint,"
                    " topic text, state bytea, notification_id bigserial,"
                    " PRIMARY KEY (originator_id, originator_version))"
                )
                conn.commit()
                start = time.perf_counter()
                with conn.cursor() as cur:
                    cur.executemany(
                        "INSERT INTO raw_events (originator_id, originator_version, topic, state)"
                        " VALUES (%s, %s, %s, %s)",
                        rows,
                    )
                conn.commit()
                raw_seconds = time.perf_counter() - start
        eps.append(events / seconds)
        raw.append(len(rows) / raw_seconds)
        ratios.append(eps[-1] / raw[-1])
        log(f"postgres append round {r + 1}: {eps[-1]:,.0f} events/s, raw {raw[-1]:,.0f} rows/s")
    return {
        "append_eps": round(median(eps)),
        "raw_insert_eps": round(median(raw)),
        "append_ratio": round(median(ratios), 3),
        "append_events": events,
    }


class fresh_database:
    """A new, empty PostgreSQL database on the server of `url`, dropped afterwards."""

    def __init__(self, url: str) -> None:
        from urllib.parse import urlparse, urlunparse

        self.admin = url
        self.name = f"ledger_bench_{os.getpid()}_{time.monotonic_ns()}"
        self.url = urlunparse(urlparse(url)._replace(path=f"/{self.name}"))

    def __enter__(self) -> str:
        import psycopg

        with psycopg.connect(self.admin, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{self.name}"')
        return self.url

    def __exit__(self, *exc: object) -> None:
        import psycopg

        with psycopg.connect(self.admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


# rebuild, verify, ingest: in child processes -----------------------------------------------


def child(argv: list[str]) -> None:
    """Run in a child process: prints {"seconds", "peak_rss_mb"} and either "events" and
    "cpu_seconds" (rebuild) or "articles" (ingest)."""
    kind, home = argv[0], Path(argv[1])
    store = os.environ.get("LEDGER_STORE") or None
    if kind == "rebuild":
        from projections.runner import Runner

        with open_ledger(home, store) as ledger:
            start, cpu = time.perf_counter(), time.process_time()
            result = Runner(home / "projections.db").rebuild(ledger)
            seconds = time.perf_counter() - start
        done = {"events": result.applied, "cpu_seconds": time.process_time() - cpu}
    elif kind == "ingest":
        from ledger.cli import main

        sys.argv = ["ledger", "--home", str(home), "ingest", argv[2], "--by", "bench", "--json"]
        out = sys.stdout
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 (the results are not needed)
        start = time.perf_counter()
        try:
            main()
        except SystemExit as e:
            if e.code:
                raise
        seconds = time.perf_counter() - start
        sys.stdout = out
        done = {"articles": len(list(Path(argv[2]).iterdir()))}
    else:
        raise SystemExit(f"unknown child {kind}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_rss_mb": round(peak), **done}))


def run_child(args: list[str], home: Path, store: str | None = None) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, __file__, "--child", *args],
        env=ledger_env(home, store),
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode:
        raise SystemExit(f"child {args[0]} failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def bench_rebuild(home: Path, rounds: int, store: str | None = None) -> dict[str, Any]:
    runs = [run_child(["rebuild", str(home)], home, store) for _ in range(rounds)]
    for r in runs:
        log(
            f"rebuild: {r['events']:,} events in {r['seconds']:.1f} s"
            f" ({r['cpu_seconds']:.1f} s of CPU), peak {r['peak_rss_mb']} MB"
        )
    return {
        "rebuild_eps": round(median([r["events"] / r["seconds"] for r in runs])),
        "rebuild_cpu_us_per_event": round(
            median([r["cpu_seconds"] / r["events"] * 1e6 for r in runs]), 1
        ),
        "rebuild_seconds": round(median([r["seconds"] for r in runs]), 1),
        "peak_rss_mb": max(r["peak_rss_mb"] for r in runs),
        "rebuild_events": runs[0]["events"],
    }


def bench_verify(home: Path, rounds: int) -> dict[str, Any]:
    from ledger.audit import seal

    speeds, cpu = [], []
    with open_ledger(home, None) as ledger:
        for _ in range(rounds):
            start, cpu_start = time.perf_counter(), cpu_seconds()
            with ledger.sealed_log() as sealed:
                result = seal.verify(sealed)
            speeds.append(result.events / (time.perf_counter() - start))
            cpu.append((cpu_seconds() - cpu_start) / result.events * 1e6)
    log(f"verify: {median(speeds):,.0f} events/s, {median(cpu):.2f} µs CPU an event")
    return {"verify_eps": round(median(speeds)), "verify_cpu_us_per_event": round(median(cpu), 2)}


def bench_ingest(work: Path, articles: int, rounds: int) -> dict[str, Any]:
    folder = work / "articles"
    folder.mkdir()
    for doc, _ in claims_corpus(articles, seed=23):
        (folder / Path(doc.source or "x.txt").name).write_text(doc.text, encoding="utf-8")
    speeds = []
    for r in range(rounds):
        home = work / f"ingest-{r}"
        result = run_child(["ingest", str(home), str(folder)], home)
        speeds.append(result["articles"] / result["seconds"])
        log(f"ingest round {r + 1}: {speeds[-1]:,.0f} articles/s")
        shutil.rmtree(home)
    return {"ingest_articles_per_s": round(median(speeds)), "ingest_articles": articles}


# queries -------------------------------------------------------------------------------------


def bench_queries(views: Path, rounds: int) -> dict[str, Any]:
    """The growth and search canned queries; beside them, what Datasette's own pages run:
    the claims table searched (search box) and unfiltered, both newest first."""
    from datasette.utils import escape_fts

    config = Path(__file__).resolve().parent.parent / "projections/datasette/datasette.yaml"
    growth, search = _canned(config, "growth"), _canned(config, "search")
    conn = sqlite3.connect(f"file:{views}?mode=ro", uri=True)
    conn.create_function("escape_fts", 1, escape_fts)
    claims = conn.execute("SELECT count(*) FROM claims").fetchone()[0]
    metrics = [
        row[0]
        for row in conn.execute(
            f"SELECT metric_key FROM metrics ORDER BY metric_key LIMIT {GROWTH_METRICS}"
        )
    ]
    table_search = (
        "SELECT * FROM claims WHERE rowid IN (SELECT rowid FROM claims_fts"
        " WHERE claims_fts MATCH escape_fts(:q)) ORDER BY position DESC LIMIT 101"
    )
    page = "SELECT * FROM claims ORDER BY position DESC LIMIT 101"
    figures = {
        "growth_query_ms": _timed(conn, growth, [{"metric": m} for m in metrics], rounds),
        "search_query_ms": _timed(conn, search, [{"q": q} for q in SEARCHES], rounds),
        "search_table_page_ms": _timed(conn, table_search, [{"q": q} for q in SEARCHES], rounds),
        "claims_table_page_ms": _timed(conn, page, [{}], rounds),
    }
    conn.close()
    log(f"queries over {claims:,} claims: {figures}")
    return {**figures, "query_claims": claims}


def _canned(config: Path, name: str) -> str:
    import yaml

    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    return data["databases"]["projections"]["queries"][name]["sql"]


def _timed(conn: sqlite3.Connection, sql: str, params: list[dict[str, Any]], rounds: int) -> float:
    """Median milliseconds of the query over the parameters, `rounds` times each."""
    times = []
    for _ in range(rounds):
        for p in params:
            start = time.perf_counter()
            conn.execute(sql, p).fetchall()
            times.append((time.perf_counter() - start) * 1000)
    return round(median(times), 2)


# the run -------------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cores": os.cpu_count(),
        "cpu": model,
        "memory_gb": round(memory, 1),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
    }


def run(args: argparse.Namespace) -> dict[str, Any]:
    sizes = QUICK if args.quick else FULL
    if args.articles:
        sizes = {**sizes, "big_articles": args.articles}
    rounds = sizes["rounds"]
    everything = args.only is None
    report: dict[str, Any] = {"mode": "quick" if args.quick else "full", "machine": machine()}
    if args.only:
        report["only"] = args.only
    work = Path(tempfile.mkdtemp(prefix="ledger-bench-", dir=args.workdir))
    try:
        if args.only in (None, "append"):
            report |= bench_append(work, sizes["append_articles"], rounds)
        if args.only in (None, "verify"):
            big = work / "big"
            log(f"building the big ledger: {sizes['big_articles']:,} articles")
            start = time.perf_counter()
            with open_ledger(big, None) as ledger:
                events = fill(ledger, sizes["big_articles"])
            report["big_ledger"] = {
                "events": events,
                "articles": sizes["big_articles"],
                "build_eps": round(events / (time.perf_counter() - start)),
                "events_db_mb": round((big / "events.db").stat().st_size / 2**20),
            }
            if everything:
                report |= bench_rebuild(big, 1 if not args.quick else rounds)
                report["big_ledger"]["projections_db_mb"] = round(
                    (big / "projections.db").stat().st_size / 2**20
                )
            report |= bench_verify(big, rounds)
            if everything:
                report |= bench_queries(big / "projections.db", rounds)
            shutil.rmtree(big)
        if everything:
            report |= bench_ingest(work, sizes["text_articles"], rounds)

        url = args.postgres or os.environ.get("LEDGER_TEST_POSTGRES")
        if url and everything:
            pg = PG_QUICK if args.quick else PG_FULL
            figures = bench_append_postgres(work, url, pg["append_articles"], rounds)
            with fresh_database(url) as db_url:
                home = work / "pg-big"
                with open_ledger(home, db_url) as ledger:
                    fill(ledger, pg["big_articles"])
                figures |= bench_rebuild(home, rounds, db_url)
            report["postgres"] = figures
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report["targets"] = TARGETS
    return report


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        child(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes: under a minute")
    parser.add_argument("--articles", type=int, help="articles in the big ledger (3 events each)")
    parser.add_argument("--postgres", help="a PostgreSQL URL (default $LEDGER_TEST_POSTGRES)")
    parser.add_argument("--workdir", help="where to build the ledgers (default: a temp folder)")
    parser.add_argument(
        "--only", choices=["append", "verify"], help="measure only this (verify: on the big ledger)"
    )
    args = parser.parse_args()
    start = time.perf_counter()
    report = run(args)
    report["bench_seconds"] = round(time.perf_counter() - start, 1)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
