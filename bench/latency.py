"""Publication-to-alert latency in continuous mode, on the embedded log and store.

    this script ──SqliteLog.append(article)──▶ log.sqlite3 ◀──drain every poll── `claimwatch run`
         │ t0 = append time                                                     (subprocess)
         └──polls store.sqlite3 every 5 ms for an alert on that article: t1 ───────┘
    latency = t1 - t0, per article; p50 / p95 / max over the samples

`claimwatch run` runs unchanged in its continuous mode, with no feeds and a short poll
interval from a generated config (pipeline.poll_interval_seconds), so the only input is what
this script appends. Each article raises one figure ("at least N people killed in <place>"),
so each one must produce an alert. Arrivals are paced at random (0.2–1.0 s apart), so some
land while a batch is running. Peak RSS of the worker comes from /usr/bin/time -v.

    python bench/latency.py                      # 60 samples, poll interval 0.1 s
    python bench/latency.py --samples 100 --poll 0.5

Prints a table; writes bench/results/latency.json.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import sqlite3
import statistics
import subprocess
import threading
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from common import PYTHON, table, write_result

PLACES = ("Rafah", "Goma", "Kharkiv", "Marib", "Aleppo", "Darfur")


def article(i: int, value: int) -> Any:
    from claimwatch.transforms.articles import build_article
    from claimwatch.transforms.models import FeedEntry

    place = PLACES[i % len(PLACES)]
    now = datetime.now(timezone.utc)
    text = (
        f"At least {value:,} people have been killed in {place} since the fighting began, "
        f"the health ministry said on {now:%A}. Residents said shelling continued overnight.\n\n"
        f"The ministry said hospitals in {place} were short of fuel and medicine. "
        f"Sample {i} of the latency benchmark."
    )
    url = f"https://latency.example/{now:%Y/%m/%d}/{place.lower()}-toll-{i}"
    entry = FeedEntry(
        feed_url="bench:latency",
        source="Latency Wire",
        url=url,
        title=f"{place} toll rises to {value:,}",
        summary=text,
        content=text,
        content_is_html=False,
        published=now,
        entry_id=url,
    )
    return build_article(entry, text, fetched=now)


class AlertWatcher(threading.Thread):
    """Polls the store every 5 ms; records when an alert on each awaited article appears."""

    def __init__(self, db: Path) -> None:
        super().__init__(daemon=True)
        self._db = db
        self.awaited: dict[str, float] = {}  # article id -> append time
        self.seen: dict[str, float] = {}  # article id -> time the alert was first seen
        self._lock = threading.Lock()
        self._halt = threading.Event()

    def expect(self, article_id: str, appended: float) -> None:
        with self._lock:
            self.awaited[article_id] = appended

    def run(self) -> None:
        con: sqlite3.Connection | None = None
        while not self._halt.is_set():
            try:
                con = con or sqlite3.connect(f"file:{self._db}?mode=ro", uri=True, timeout=5)
                rows = con.execute(
                    "SELECT json_extract(doc, '$.current_claim.article_id') FROM alerts"
                ).fetchall()
            except sqlite3.OperationalError:
                rows = []  # the store file or table is not there yet
            now = time.time()
            with self._lock:
                for (article_id,) in rows:
                    if article_id in self.awaited and article_id not in self.seen:
                        self.seen[article_id] = now
            time.sleep(0.005)
        if con is not None:
            con.close()

    def wait(self, article_ids: list[str], timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if all(a in self.seen for a in article_ids):
                    return True
            time.sleep(0.01)
        return False

    def stop(self) -> None:
        self._halt.set()
        self.join()


def run(samples: int, poll: float, work: Path, seed: int) -> dict[str, Any]:
    from claimwatch.connectors.sqlite_log import SqliteLog

    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    config = work / "config.yaml"
    config.write_text(f"pipeline:\n  poll_interval_seconds: {poll}\n", encoding="utf-8")
    data = work / "data"
    timefile = work / "time.txt"
    cw = str(Path(PYTHON).with_name("claimwatch"))
    worker = subprocess.Popen(
        [
            "/usr/bin/time",
            "-v",
            "-o",
            str(timefile),
            cw,
            "run",
            "--quiet",
            "--config",
            str(config),
            "--data-dir",
            str(data),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own group: GNU time ignores SIGINT, claimwatch must get it
    )
    rng = random.Random(seed)
    latencies: list[float] = []
    missed = 0
    err = ""
    try:
        deadline = time.monotonic() + 60
        while not (data / "log.sqlite3").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        log = SqliteLog(data / "log.sqlite3")
        watcher = AlertWatcher(data / "store.sqlite3")
        watcher.start()
        # Warm-up: the first batch loads spaCy and Beam; not a sample.
        first = article(0, 100)
        log.append([first])
        watcher.expect(first.id, time.time())
        if not watcher.wait([first.id], 120):
            raise RuntimeError("no alert for the warm-up article within 120 s")
        value = 100
        ids = []
        for i in range(1, samples + 1):
            value += rng.randint(1, 9)
            a = article(i, value)
            log.append([a])
            watcher.expect(a.id, time.time())
            ids.append(a.id)
            time.sleep(rng.uniform(0.2, 1.0))
        watcher.wait(ids, 60)
        watcher.stop()
        latencies = [watcher.seen[a] - watcher.awaited[a] for a in ids if a in watcher.seen]
        missed = sum(1 for a in ids if a not in watcher.seen)
        log.close()
    finally:
        # A clean stop (the current batch finishes), sent to the worker's own group only.
        os.killpg(worker.pid, signal.SIGINT)
        try:
            _, err = worker.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            _, err = worker.communicate()
    peak = None
    for line in timefile.read_text().splitlines():
        if "Maximum resident set size" in line:
            peak = round(int(line.rsplit(":", 1)[1]) / 1024, 1)
    # The 5 ms store poll makes every sample up to 5 ms late; small against the figures.
    latencies.sort()
    result = {
        "samples": len(latencies),
        "missed": missed,
        "poll_interval_s": poll,
        "p50_s": round(statistics.median(latencies), 3),
        "p95_s": round(latencies[max(0, int(0.95 * len(latencies)) - 1)], 3),
        "max_s": round(latencies[-1], 3),
        "min_s": round(latencies[0], 3),
        "mean_s": round(statistics.mean(latencies), 3),
        "worker_peak_rss_mb": peak,
        "worker_returncode": worker.returncode,
        "worker_stderr_tail": (err or "").strip().splitlines()[-3:],
        "latencies_s": [round(x, 4) for x in latencies],
    }
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="publication-to-alert latency")
    parser.add_argument("--samples", type=int, default=60)
    parser.add_argument("--poll", type=float, default=0.1, help="poll interval, seconds")
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args(argv)
    result = run(args.samples, args.poll, Path("/tmp/claimwatch-bench/latency"), args.seed)
    print(
        table(
            [
                (
                    result["samples"],
                    result["missed"],
                    args.poll,
                    result["p50_s"],
                    result["p95_s"],
                    result["max_s"],
                    result["worker_peak_rss_mb"],
                )
            ],
            ("samples", "missed", "poll s", "p50 s", "p95 s", "max s", "worker peak RSS MB"),
        )
    )
    print(f"wrote {write_result('latency', result)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
