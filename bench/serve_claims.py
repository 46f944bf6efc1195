"""Load time of `claimwatch serve`'s pages with many claim keys in the embedded store.

    SqliteStore ◀─save_claims── N keys × 3 sources (synthetic claims, 3 figures per key)
    claimwatch serve --data-dir (the real command, a subprocess on 127.0.0.1)
        ◀─GET /claims, /claims?metric=…&subject=…, /api/claims, /claims/{key}, /alerts
          one warm-up request, then `--repeat` timed requests each (wall clock, full body)

The Claims page groups and summarises every claim; the rows are cached until the store's
claims change (`claims_version`), so the bench times both: pages served from the cached rows,
and /claims right after a new claim was written (the rows rebuilt from all claims).

    python bench/serve_claims.py --keys 10000 --repeat 3

Prints a table; writes bench/results/serve_claims.json.
"""

from __future__ import annotations

import argparse
import shutil
import socket
import statistics
import subprocess
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from urllib.parse import quote

import requests
from common import PYTHON, table, write_result

METRICS = ("killed", "injured", "displaced", "hostages", "troops", "aid")
SOURCES = ("Wire Service", "Gaza Monitor", "Daily Courier")
SERVE = [PYTHON, "-m", "claimwatch.pipelines.cli", "serve"]


def make_claims(keys: range) -> list[Any]:
    from claimwatch.transforms.models import Claim, ClaimKey

    base = datetime(2025, 1, 1, tzinfo=timezone.utc)
    claims = []
    for k in keys:
        key = ClaimKey(METRICS[k % len(METRICS)], f"subject {k:05d}", f"place {k % 50}")
        for s, source in enumerate(SOURCES):
            value = 100 + k % 400 + 10 * s  # the sources disagree a little
            n = k * len(SOURCES) + s
            claims.append(
                Claim(
                    id=f"claim-{n}",
                    key=key,
                    value=float(value),
                    low=float(value),
                    high=None,
                    qualifier="at_least",
                    source=source,
                    url=f"https://{source.split()[0].lower()}.example/{n}",
                    article_id=f"art-{n}",
                    canonical_url=f"https://{source.split()[0].lower()}.example/{n}",
                    published=base + timedelta(minutes=n),
                    quote=f"At least {value} people were counted in place {k % 50}, it said.",
                    figure_text=f"At least {value}",
                    start=0,
                    end=12,
                    cumulative=True,
                )
            )
    return claims


def build_store(path: Path, keys: int) -> int:
    from claimwatch.connectors.sqlite_store import SqliteStore

    store = SqliteStore(path)
    claims = make_claims(range(keys))
    for start in range(0, len(claims), 5000):
        store.save_claims(claims[start : start + 5000])
    store.close()
    return len(claims)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def timed_get(url: str, repeat: int, before: Callable[[], None] | None = None) -> dict[str, Any]:
    requests.get(url, timeout=120).raise_for_status()  # warm-up: page cache, templates
    seconds, size = [], 0
    for _ in range(repeat):
        if before is not None:
            before()
        started = time.perf_counter()
        reply = requests.get(url, timeout=120)
        seconds.append(time.perf_counter() - started)
        reply.raise_for_status()
        size = len(reply.content)
    return {"seconds": seconds, "median_s": statistics.median(seconds), "bytes": size}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--keys", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/claimwatch-bench-serve"))
    args = parser.parse_args()

    shutil.rmtree(args.work, ignore_errors=True)
    args.work.mkdir(parents=True)
    started = time.perf_counter()
    n_claims = build_store(args.work / "store.sqlite3", args.keys)
    fill_s = time.perf_counter() - started

    port = free_port()
    server = subprocess.Popen(
        [*SERVE, "--data-dir", str(args.work), "--port", str(port)],
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                requests.get(base + "/api/feeds", timeout=5)
                break
            except requests.ConnectionError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("serve did not start") from None
                time.sleep(0.2)
        key = quote("killed|subject 00000|place 0|*", safe="")
        pages = {
            "/claims (first 100 of all keys)": "/claims",
            "/claims?metric=troops&subject=001 (filtered)": "/claims?metric=troops&subject=001",
            "/claims?page=50 (a later page)": "/claims?page=50",
            "/api/claims (JSON, 100 keys)": "/api/claims",
            "/claims/{key} (one key, 3 sources)": f"/claims/{key}",
        }
        results = {name: timed_get(base + path, args.repeat) for name, path in pages.items()}
        # Cold: the pipeline has just committed (one new key), so the rows are rebuilt.
        from claimwatch.connectors.sqlite_store import SqliteStore

        writer = SqliteStore(args.work / "store.sqlite3")
        added = iter(range(args.keys, args.keys + 100))
        results["/claims right after the store changed (rebuilt)"] = timed_get(
            base + "/claims", args.repeat, lambda: writer.save_claims(make_claims([next(added)]))
        )
        writer.close()
    finally:
        server.terminate()
        server.wait(timeout=30)

    rows = [
        (
            name,
            f"{r['median_s'] * 1000:.0f}",
            f"{min(r['seconds']) * 1000:.0f}–{max(r['seconds']) * 1000:.0f}",
            f"{r['bytes'] / 1024:.0f}",
        )
        for name, r in results.items()
    ]
    print(f"{args.keys:,} keys, {n_claims:,} claims (store filled in {fill_s:.1f}s)")
    print(table(rows, ["page", "median ms", "min–max ms", "kB"]))
    path = write_result(
        "serve_claims",
        {"keys": args.keys, "claims": n_claims, "fill_s": round(fill_s, 1), "pages": results},
    )
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
