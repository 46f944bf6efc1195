"""End to end on the embedded default: `claimwatch run --once` on generated feeds.

    generated RSS (bench/generate_corpus.py) ─▶ claimwatch run --once --config <feeds>
        (feed parse ─▶ SQLite log ─▶ Beam in-process, batches of 500 ─▶ SQLite store ─▶ alerts)

Timed from outside under /usr/bin/time -v: wall clock from process start to exit (imports,
model load, feed parse and the pipeline) and peak RSS. The `done:` line's own rate (drain
time only, after the feeds are in the log) is kept too. Every run starts from an empty data dir.

    python bench/e2e_embedded.py --sizes 1000,5000 --repeat 3

Prints a table; writes bench/results/e2e_embedded.json.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sqlite3
import statistics
from pathlib import Path
from typing import Any

from common import PYTHON, ensure_corpus, table, time_v, write_result

CW = str(Path(PYTHON).with_name("claimwatch"))
_DONE = re.compile(
    r"done: (\d+) articles in ([\d.]+)s \(([\d.]+)/s\), (\d+) duplicates.*?"
    r"(\d+) new alerts, (\d+) dead letters"
)


def run_size(n: int, repeat: int, work: Path) -> dict[str, Any]:
    corpus = ensure_corpus(Path(f"/tmp/claimwatch-bench/corpus-{n}"), n)
    runs = []
    for i in range(repeat):
        shutil.rmtree(work, ignore_errors=True)
        info = time_v(
            [CW, "run", "--once", "--config", str(corpus / "config.yaml"), "--data-dir", str(work)]
        )
        done = next((m for line in info["stderr_tail"] if (m := _DONE.search(line))), None)
        if done:
            info.update(
                processed=int(done[1]),
                drain_s=float(done[2]),
                drain_articles_per_s=float(done[3]),
                duplicates=int(done[4]),
                alerts=int(done[5]),
                dead_letters=int(done[6]),
            )
        info["articles_per_s"] = round(n / info["wall_s"], 1)
        print(
            f"  {n} articles, run {i + 1}: {info['articles_per_s']}/s wall, "
            f"peak {info.get('peak_rss_mb')} MB, {info.get('stderr_tail', [''])[-1]}",
            flush=True,
        )
        if i == 0:
            info["dedup_vs_generator"] = dedup_check(corpus, work / "store.sqlite3")
            print(f"  dedup against the generator's truth: {info['dedup_vs_generator']}")
        runs.append(info)
    shutil.rmtree(work, ignore_errors=True)
    rates = [r["articles_per_s"] for r in runs if r["returncode"] == 0]
    drains = [r["drain_articles_per_s"] for r in runs if "drain_articles_per_s" in r]
    return {
        "articles": n,
        "runs": runs,
        "articles_per_s": _stats(rates),
        "drain_articles_per_s": _stats(drains),
        "peak_rss_mb": max(r.get("peak_rss_mb", 0) for r in runs),
    }


def dedup_check(corpus: Path, store: Path) -> dict[str, dict[str, int]]:
    """What the store flagged as duplicate, by what the generator made (matched on URL)."""
    kind_by_id = {g["article_id"]: g["kind"] for g in load_gold_list(corpus)}
    kind_by_url = {}
    with (corpus / "articles.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            a = json.loads(line)
            kind_by_url[a["url"]] = kind_by_id.get(a["id"], "?")
    out: dict[str, dict[str, int]] = {}
    with sqlite3.connect(f"file:{store}?mode=ro", uri=True) as con:
        for url, dup in con.execute(
            "SELECT json_extract(doc, '$.url'), duplicate_of FROM articles"
        ):
            row = out.setdefault(kind_by_url.get(url, "unknown"), {"flagged_duplicate": 0, "of": 0})
            row["of"] += 1
            row["flagged_duplicate"] += dup is not None
    return out


def load_gold_list(corpus: Path) -> list[dict[str, Any]]:
    with (corpus / "gold.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def _stats(values: list[float]) -> dict[str, float] | None:
    if not values:
        return None
    return {"median": round(statistics.median(values), 1), "min": min(values), "max": max(values)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="claimwatch run --once, embedded")
    parser.add_argument("--sizes", default="1000,5000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    results = [
        run_size(int(n), args.repeat, Path("/tmp/claimwatch-bench/e2e-data"))
        for n in args.sizes.split(",")
    ]
    rows = []
    for r in results:
        a, d = r["articles_per_s"] or {}, r["drain_articles_per_s"] or {}
        rows.append(
            (
                r["articles"],
                a.get("median"),
                f"{a.get('min')}–{a.get('max')}",
                d.get("median"),
                f"{d.get('min')}–{d.get('max')}",
                r["peak_rss_mb"],
            )
        )
    print(
        table(
            rows,
            (
                "articles",
                "wall articles/s",
                "min–max",
                "drain articles/s",
                "min–max",
                "peak RSS MB",
            ),
        )
    )
    print(f"wrote {write_result('e2e_embedded', {'sizes': results})}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
