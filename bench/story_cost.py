"""Story assignment cost per article, and how it holds as the story store grows.

    articles (the shooting-news dev split when present, else the generated corpus)
        ─article_profile─▶ profile                      (timed: "profile")
        ─stories_sharing + assign_in_order + save_stories, one batch per day─▶ (timed: "assign")
    the same probes against a SqliteStore pre-filled with N synthetic stories spread over
    three years (random rare-word terms, so a probe's terms hit few of them, as real names do)

Figures are passed in, as the pipeline does (dedup already extracted them), so their cost is
not counted here. Medians of --repeat runs, in process CPU time (neighbours on a shared
machine move it less than wall time; wall time is printed beside it).

    python bench/story_cost.py --sizes 0,10000,100000 --repeat 3

Prints a table; writes bench/results/story_cost.json.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from common import ROOT, ensure_corpus, load_articles, table, write_result

sys.path.insert(0, str(ROOT))


def probes() -> tuple[str, list[tuple[str, str, str, str, datetime, str]]]:
    """(label, [(id, title, text, source, published, url)]) in publication order."""
    from claimwatch.pipelines.story_eval import DEV_ARTICLES, load_dev

    if (DEV_ARTICLES / "gold.json").is_file():
        dev = load_dev(DEV_ARTICLES)
        rows = [(a.id, a.title, a.text, a.source, a.published, a.url) for a in dev]
        label = f"shooting-news dev ({len(rows)} articles)"
    else:
        corpus = ensure_corpus(Path("/tmp/claimwatch-bench-corpus-1000"), 1000)
        arts = load_articles(corpus)
        rows = [(a.id, a.title, a.text, a.source, a.published, a.url) for a in arts]
        label = f"generated corpus ({len(rows)} articles)"
    return label, sorted(rows, key=lambda r: (r[4], r[0]))


def filler(store: Any, count: int, start: datetime, seed: int = 7) -> None:
    from claimwatch.transforms.stories import Story

    rng = random.Random(seed)
    vocabulary = [f"name{i:06d}" for i in range(200_000)]
    span = timedelta(days=3 * 365).total_seconds()
    batch = []
    for n in range(count):
        seen = start + timedelta(seconds=rng.random() * span)
        terms = tuple((t, round(1 / (i + 1), 6)) for i, t in enumerate(rng.sample(vocabulary, 40)))
        batch.append(
            Story(f"st-fill{n}", f"filler {n}", seen, seen, ("filler",), (f"f{n}",), terms)
        )
        if len(batch) == 5000:
            store.save_stories(batch)
            batch = []
    store.save_stories(batch)


def run_once(rows: list[Any], size: int, rarity: Any) -> dict[str, float]:
    from claimwatch.connectors.sqlite_store import SqliteStore
    from claimwatch.transforms.figures import extract_figures
    from claimwatch.transforms.stories import CANDIDATES, StoryItem, assign_in_order
    from claimwatch.transforms.story_terms import article_profile

    figures = {r[0]: extract_figures(r[2]) for r in rows}
    with tempfile.TemporaryDirectory(prefix="claimwatch-story-bench-") as tmp:
        store = SqliteStore(Path(tmp) / "store.sqlite3")
        try:
            filler(store, size, rows[0][4] - timedelta(days=365))
            started, cpu = time.perf_counter(), time.process_time()
            profiles = {
                r[0]: article_profile(r[1], r[2], figures[r[0]], rarity=rarity) for r in rows
            }
            profile_s, profile_cpu = time.perf_counter() - started, time.process_time() - cpu
            by_day: dict[datetime, list[Any]] = defaultdict(list)
            for r in rows:
                by_day[r[4]].append(r)
            started, cpu = time.perf_counter(), time.process_time()
            for day in sorted(by_day):
                batch = by_day[day]
                items = [StoryItem(r[0], r[1], r[3], r[5], r[4], profiles[r[0]]) for r in batch]
                _, stories = assign_in_order(
                    items,
                    lambda terms, since: store.stories_sharing(terms, since, CANDIDATES),
                    store.stories_of_articles([r[0] for r in batch]),
                    rarity=rarity,
                )
                store.save_stories(stories)
            assign_s, assign_cpu = time.perf_counter() - started, time.process_time() - cpu
        finally:
            store.close()
    n = len(rows)
    return {
        "profile_ms": 1000 * profile_s / n,
        "assign_ms": 1000 * assign_s / n,
        "profile_cpu_ms": 1000 * profile_cpu / n,
        "assign_cpu_ms": 1000 * assign_cpu / n,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0,10000,100000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from claimwatch.transforms.story_terms import Rarity

    started = time.perf_counter()
    rarity = Rarity.load()
    load_s = time.perf_counter() - started
    label, rows = probes()
    results = []
    for size in [int(s) for s in args.sizes.split(",")]:
        runs = [run_once(rows, size, rarity) for _ in range(args.repeat)]
        medians = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
        results.append({"stored_stories": size, **medians, "runs": runs})
    print(f"probes: {label}; rarity table loaded in {load_s:.2f} s (once per process)")
    print(
        table(
            [
                [
                    r["stored_stories"],
                    f"{r['profile_cpu_ms']:.3f}",
                    f"{r['assign_cpu_ms']:.3f}",
                    f"{r['profile_cpu_ms'] + r['assign_cpu_ms']:.3f}",
                    f"{r['profile_ms'] + r['assign_ms']:.3f}",
                ]
                for r in results
            ],
            [
                "stored stories",
                "profile CPU ms/article",
                "assign CPU ms/article",
                "total CPU ms/article",
                "total wall ms/article",
            ],
        )
    )
    write_result(
        "story_cost",
        {"probes": label, "rarity_load_s": load_s, "repeat": args.repeat, "results": results},
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
