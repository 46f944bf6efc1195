"""Dedup cost per article as the signature index grows (embedded store).

    SqliteStore ◀─save_signatures── synthetic signatures (random MinHash, 16 LSH bands each)
        grown in steps: 10k ─▶ 100k ─▶ 1M
    at each size: 500 real articles (a generated corpus) through dedupe_in_order, with
    signatures_matching + versions_at against the store, then save_signatures;
    and signatures_matching alone, per query.

The filler signatures are made directly (not from articles: a million articles would take
hours to generate and hash), with the same shape the store keeps: 64 MinHash values, 16
band hashes, a URL, a content hash. The probe articles are real signatures of real text.

    python bench/dedup_scaling.py                           # 10k, 100k
    python bench/dedup_scaling.py --sizes 10000,100000,1000000

Prints a table; writes bench/results/dedup_scaling.json.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import statistics
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from common import ensure_corpus, load_articles, table, write_result

PROBES = 500


def filler(rng: random.Random, start: int, count: int) -> list[Any]:
    from claimwatch.transforms.dedup import NUM_PERM, Signature, band_hashes

    base = datetime(2025, 1, 1, tzinfo=timezone.utc)
    out = []
    for i in range(start, start + count):
        mh = tuple(rng.getrandbits(61) for _ in range(NUM_PERM))
        out.append(
            Signature(
                article_id=f"fill{i:09d}",
                canonical_url=f"http://filler{i % 97}.example/{i}",
                content_hash=f"{rng.getrandbits(256):064x}",
                minhash=mh,
                bands=band_hashes(mh),
                published=base + timedelta(seconds=i),
                source=f"Filler {i % 16}",
                figures=(f"killed:{i % 500}:None:None",),
            )
        )
    return out


def measure(store: Any, articles: list[Any], fingerprints: dict[str, tuple[str, ...]]) -> dict:
    from claimwatch.transforms.dedup import dedupe_in_order, signature_for

    items = [
        (a.id, a.canonical_url, a.text, a.published, a.source, fingerprints[a.id]) for a in articles
    ]
    started = time.perf_counter()
    results = dedupe_in_order(
        items,
        lambda s: store.signatures_matching(s.canonical_url, s.content_hash, s.bands),
        store.versions_at,
    )
    decided = time.perf_counter() - started
    sigs = [
        signature_for(a.id, a.canonical_url, a.text, a.published, a.source, fingerprints[a.id])
        for a in articles[:200]
    ]
    queries = []
    for s in sigs:
        t = time.perf_counter()
        store.signatures_matching(s.canonical_url, s.content_hash, s.bands)
        store.versions_at(s.canonical_url)
        queries.append(time.perf_counter() - t)
    return {
        "dedupe_ms_per_article": round(1000 * decided / len(articles), 3),
        "lookup_ms_median": round(1000 * statistics.median(queries), 3),
        "lookup_ms_p95": round(1000 * sorted(queries)[int(0.95 * len(queries))], 3),
        "duplicates_found": sum(1 for r in results if r.duplicate_of),
    }


def run(sizes: list[int], corpus: Path, work: Path) -> dict[str, Any]:
    from claimwatch.connectors.sqlite_store import SqliteStore
    from claimwatch.transforms.figures import extract_figures, figure_fingerprint

    articles = load_articles(corpus)
    rng = random.Random(7)
    fingerprints = {a.id: figure_fingerprint(extract_figures(a.text)) for a in articles}
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    store = SqliteStore(work / "store.sqlite3")
    probe_db = sqlite3.connect(work / "store.sqlite3")  # a second connection, read-only use
    plan = probe_db.execute(
        "EXPLAIN QUERY PLAN SELECT article_id FROM signatures WHERE canonical_url = ? OR "
        "content_hash = ? OR article_id IN (SELECT article_id FROM signature_bands WHERE band "
        "IN (?, ?))",
        ("a", "b", "c", "d"),
    ).fetchall()
    probe_db.close()
    rows, points = [], []
    have = 0
    for size in sorted(sizes):
        started = time.perf_counter()
        while have < size:
            chunk = min(20_000, size - have)
            store.save_signatures(filler(rng, have, chunk))
            have += chunk
        load_s = time.perf_counter() - started
        # Fold the filler's WAL into the database first, so the probes pay their own writes
        # and not a checkpoint of everything loaded above.
        with sqlite3.connect(work / "store.sqlite3") as db:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        # Probes: a fresh slice of the corpus at each size, so nothing was saved before.
        k = len(points)
        probe = articles[(k * PROBES) % len(articles) :][:PROBES]
        m = measure(store, probe, fingerprints)
        save_t = time.perf_counter()
        from claimwatch.transforms.dedup import signature_for

        store.save_signatures(
            [
                signature_for(
                    a.id, a.canonical_url, a.text, a.published, a.source, fingerprints[a.id]
                )
                for a in probe
            ]
        )
        m["save_ms_per_article"] = round(1000 * (time.perf_counter() - save_t) / len(probe), 3)
        have += len(probe)
        db_mb = sum(p.stat().st_size for p in work.glob("store.sqlite3*")) / 1e6
        point = {"signatures": size, "load_s": round(load_s, 1), "db_mb": round(db_mb), **m}
        points.append(point)
        per_article = m["dedupe_ms_per_article"] + m["save_ms_per_article"]
        rows.append(
            (
                f"{size:,}",
                m["dedupe_ms_per_article"],
                m["lookup_ms_median"],
                m["lookup_ms_p95"],
                m["save_ms_per_article"],
                f"{1000 / per_article:,.0f}",
                point["db_mb"],
                point["load_s"],
            )
        )
        print(f"  {size:,} signatures: {m}", flush=True)
    store.close()
    print(
        table(
            rows,
            (
                "signatures",
                "dedupe ms/article",
                "lookup ms p50",
                "lookup ms p95",
                "save ms/article",
                "articles/s",
                "db MB",
                "fill s",
            ),
        )
    )
    print("query plan:", [r[-1] for r in plan])
    shutil.rmtree(work, ignore_errors=True)
    return {"probes": PROBES, "points": points, "query_plan": [r[-1] for r in plan]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="dedup cost vs signature index size")
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--corpus", type=Path, default=Path("/tmp/claimwatch-bench/corpus-2000"))
    args = parser.parse_args(argv)
    ensure_corpus(args.corpus, 2000)
    sizes = [int(s) for s in args.sizes.split(",")]
    result = run(sizes, args.corpus, Path("/tmp/claimwatch-bench/dedup-scaling"))
    print(f"wrote {write_result('dedup_scaling', result)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
