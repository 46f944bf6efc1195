"""The same `claimwatch run --once` in process and on Beam's Prism job service.

    generated RSS (1,000 articles) ─▶ claimwatch run --once, embedded log and store, on
        embedded   Beam's in-process runner (the default)
        loopback   Prism, the SDK worker inside claimwatch (runner: portable, LOOPBACK)
        external   Prism, the SDK worker a process of the worker pool (EXTERNAL)

Prism and the worker pool are built/started by deploy/prism.py (on free loopback ports) and
stopped at the end. Runs interleave the modes; each starts from an empty data dir. Reported:
the `done:` line's drain rate (log to store, after the feeds are in the log), wall clock and
peak RSS of the claimwatch process (`/usr/bin/time -v`; the EXTERNAL worker's own memory is
not in it), and whether the stores hold the same articles, duplicates, claims and alerts.

    python bench/portable_e2e.py --articles 1000 --repeat 3

Prints a table; writes bench/results/portable_e2e.json.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sqlite3
import statistics
import tempfile
from pathlib import Path
from typing import Any

from common import PYTHON, ensure_corpus, table, time_v, write_result

CW = str(Path(PYTHON).with_name("claimwatch"))
_DONE = re.compile(r"done: (\d+) articles in ([\d.]+)s \(([\d.]+)/s\), (\d+) duplicates")


def config_for(corpus: Path, mode: str, job: str, workers: str, out: Path) -> Path:
    base = (corpus / "config.yaml").read_text(encoding="utf-8")
    pipeline = {
        "embedded": "",
        "loopback": f"pipeline:\n  runner: portable\n  job_endpoint: {job}\n"
        "  environment: LOOPBACK\n",
        "external": f"pipeline:\n  runner: portable\n  job_endpoint: {job}\n"
        f"  environment: EXTERNAL\n  environment_config: {workers}\n",
    }[mode]
    path = out / f"{mode}.yaml"
    path.write_text(base + pipeline, encoding="utf-8")
    return path


def fingerprint(store: Path) -> dict[str, Any]:
    """What must not depend on the runner: articles with duplicate flags, claims, alert ids."""
    with sqlite3.connect(store) as db:
        articles = db.execute("SELECT id, duplicate_of FROM articles ORDER BY id").fetchall()
        claims = db.execute("SELECT id FROM claims ORDER BY id").fetchall()
        alerts = db.execute("SELECT id FROM alerts ORDER BY id").fetchall()
    return {"articles": articles, "claims": claims, "alerts": alerts}


def main(argv: list[str] | None = None) -> int:
    from claimwatch.deploy.prism import prism_binary, prism_server, worker_pool

    parser = argparse.ArgumentParser(description="claimwatch run --once, in process vs Prism")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--modes", default="embedded,loopback,external")
    args = parser.parse_args(argv)
    modes = args.modes.split(",")
    corpus = ensure_corpus(Path(f"/tmp/claimwatch-bench/corpus-{args.articles}"), args.articles)
    runs: dict[str, list[dict[str, Any]]] = {m: [] for m in modes}
    prints: dict[str, Any] = {}
    with (
        tempfile.TemporaryDirectory(prefix="claimwatch-portable-bench-") as tmp,
        prism_server(prism_binary(), log_dir=Path(tmp)) as job,
        worker_pool(log_dir=Path(tmp)) as workers,
    ):
        for i in range(args.repeat):
            for mode in modes:
                data = Path(tmp) / f"data-{mode}"
                shutil.rmtree(data, ignore_errors=True)
                config = config_for(corpus, mode, job, workers, Path(tmp))
                info = time_v(
                    [CW, "run", "--once", "--config", str(config), "--data-dir", str(data)]
                )
                if info["returncode"] != 0:
                    raise SystemExit(f"{mode} run failed: {info['stderr_tail']}")
                done = next(m for line in info["stderr_tail"] if (m := _DONE.search(line)))
                info.update(drain_s=float(done[2]), drain_per_s=float(done[3]), dupes=int(done[4]))
                info["wall_per_s"] = round(args.articles / info["wall_s"], 1)
                print(f"  run {i + 1} {mode}: {info['stderr_tail'][-1]}", flush=True)
                runs[mode].append(info)
                if i == 0:
                    prints[mode] = fingerprint(data / "store.sqlite3")
    same = {m: prints[m] == prints[modes[0]] for m in modes}
    rows = []
    for mode in modes:
        drain = [r["drain_per_s"] for r in runs[mode]]
        wall = [r["wall_per_s"] for r in runs[mode]]
        rows.append(
            (
                mode,
                statistics.median(drain),
                f"{min(drain)}–{max(drain)}",
                statistics.median(wall),
                f"{min(wall)}–{max(wall)}",
                max(r.get("peak_rss_mb", 0) for r in runs[mode]),
                "yes" if same[mode] else "NO",
            )
        )
    header = ("runner", "drain art/s", "min–max", "wall art/s", "min–max", "peak RSS MB", "same")
    print(table(rows, header))
    counts = {m: {k: len(v) for k, v in prints[m].items()} for m in modes}
    print("store contents:", json.dumps(counts))
    path = write_result(
        "portable_e2e", {"articles": args.articles, "runs": runs, "same": same, "counts": counts}
    )
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
