"""Fixed cost of one pipeline batch: process_batch on a one-article slice, again and again.

    SqliteLog.append(1 article) ─▶ read_batch ─▶ process_batch (a new Beam pipeline on the
    in-process FnApiRunner, the whole graph, SQLite store) ─▶ commit

The first batch also loads spaCy; the later ones show what every batch pays whatever its size,
which is the floor under publication-to-alert latency in continuous mode.

    python bench/batch_overhead.py --batches 8

Prints a table; writes bench/results/batch_overhead.json.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import time
from datetime import datetime, timezone
from pathlib import Path

from common import table, write_result
from latency import article


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="fixed cost per batch")
    parser.add_argument("--batches", type=int, default=8)
    args = parser.parse_args(argv)
    from claimwatch.connectors.sqlite_log import SqliteLog
    from claimwatch.pipelines.backends import StoreSpec
    from claimwatch.pipelines.batch import RunStats, process_batch
    from claimwatch.pipelines.settings import PipelineSettings

    work = Path("/tmp/claimwatch-bench/batch-overhead")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    log = SqliteLog(work / "log.sqlite3")
    spec = StoreSpec("sqlite", str(work / "store.sqlite3"))
    seconds = []
    for i in range(args.batches):
        log.append([article(i, 100 + 7 * i)])
        batch = log.read_batch("bench", 500)
        started = time.perf_counter()
        process_batch(
            batch, spec, PipelineSettings(), now=datetime.now(timezone.utc), stats=RunStats()
        )
        log.commit("bench", batch)
        seconds.append(time.perf_counter() - started)
    log.close()
    shutil.rmtree(work, ignore_errors=True)
    warm = seconds[1:]
    rows = [
        ("first (loads spaCy)", f"{seconds[0]:.3f}"),
        ("later, median", f"{statistics.median(warm):.3f}"),
        ("later, min–max", f"{min(warm):.3f}–{max(warm):.3f}"),
    ]
    print(table(rows, ("one-article batch", "seconds")))
    result = {
        "seconds": [round(s, 4) for s in seconds],
        "first_s": round(seconds[0], 3),
        "warm_median_s": round(statistics.median(warm), 3),
        "warm_min_s": round(min(warm), 3),
        "warm_max_s": round(max(warm), 3),
    }
    print(f"wrote {write_result('batch_overhead', result)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
