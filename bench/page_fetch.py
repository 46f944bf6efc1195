"""Page fetch throughput: 200 summary-only items over 50 loopback hosts, each page after 100 ms.

    python bench/page_fetch.py --repeat 3            # the figure in bench/README.md
    python bench/page_fetch.py --workers 1           # one at a time, as before issue 12

Hosts are 127.0.0.2–127.0.0.51 (Linux answers on all of 127.0.0.0/8), the feed is on
127.0.0.1, and page links are opened as `--allow-network 127.0.0.0/8` opens them. The poll
goes through `pipelines.app.poll_once` with the default per-host delay (1 s between request
starts on a host), so 4 pages per host need at least ~3.1 s: at most ~64 pages/s. Each run
also checks the delay was kept: the shortest gap between two requests to one host, as the
servers saw them, must be at least the delay (minus 50 ms of arrival jitter).
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

from common import table, write_result

PARAGRAPH = (
    "The regional health office said on Thursday that 42 people had been treated after the "
    "storm, and that crews were still clearing roads in the north of the province. "
)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64

    def handle_error(self, request: object, client_address: object) -> None:
        pass


def _handler(arrivals: list[float], lock: threading.Lock, delay: float, feed: bytes):  # type: ignore[no-untyped-def]
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            if self.path == "/feed.xml":
                body, kind = feed, "application/rss+xml"
            else:
                with lock:
                    arrivals.append(time.monotonic())
                time.sleep(delay)
                text = f"<h1>Story {self.path}</h1>" + f"<p>{PARAGRAPH * 3}</p>" * 4
                body = f"<html><body><article>{text}</article></body></html>".encode()
                kind = "text/html; charset=utf-8"
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler


@contextlib.contextmanager
def servers(hosts: int, items: int, delay: float) -> Iterator[tuple[str, list[list[float]]]]:
    arrivals: list[list[float]] = [[] for _ in range(hosts)]
    locks = [threading.Lock() for _ in range(hosts)]
    running = []
    ports = []
    for n in range(hosts):
        server = _Server((f"127.0.0.{n + 2}", 0), _handler(arrivals[n], locks[n], delay, b""))
        ports.append(server.server_address[1])
        running.append(server)
    links = [f"http://127.0.0.{i % hosts + 2}:{ports[i % hosts]}/story/{i}" for i in range(items)]
    rss = ['<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Bench</title>']
    for i, link in enumerate(links):
        rss.append(
            f"<item><title>Story {i}</title><link>{escape(link)}</link>"
            "<pubDate>Wed, 19 Nov 2025 11:00:00 GMT</pubDate>"
            "<description>A short summary only.</description></item>"
        )
    rss.append("</channel></rss>")
    feed_server = _Server(
        ("127.0.0.1", 0), _handler([], threading.Lock(), 0, "".join(rss).encode())
    )
    running.append(feed_server)
    threads = [
        threading.Thread(target=s.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        for s in running
    ]
    for thread in threads:
        thread.start()
    try:
        yield f"http://127.0.0.1:{feed_server.server_address[1]}/feed.xml", arrivals
    finally:
        for server in running:
            server.shutdown()
            server.server_close()


def run_once(
    hosts: int, items: int, delay: float, workers: int, interval: float
) -> dict[str, float]:
    from claimwatch.connectors.sqlite_log import SqliteLog
    from claimwatch.pipelines.app import poll_once
    from claimwatch.pipelines.settings import FetchSettings, Settings

    with servers(hosts, items, delay) as (feed, arrivals), tempfile.TemporaryDirectory() as tmp:
        settings = Settings(
            data_dir=Path(tmp),
            feeds=({"url": feed, "fetch_pages": True},),  # type: ignore[arg-type]
            fetch=FetchSettings(
                allow_networks=("127.0.0.0/8",),
                page_workers=workers,
                min_interval_per_host=interval,
            ),
        )
        log = SqliteLog(Path(tmp) / "log.sqlite3")
        started = time.monotonic()
        summary = poll_once(settings, log, lambda: datetime.now(timezone.utc))
        seconds = time.monotonic() - started
        log.close()
    gaps = [b - a for times in arrivals for a, b in itertools.pairwise(sorted(times))]
    return {
        "seconds": seconds,
        "pages": sum(len(t) for t in arrivals),
        "new_articles": summary.new_articles,
        "page_failures": summary.page_failures,
        "pages_per_second": sum(len(t) for t in arrivals) / seconds,
        "min_gap_same_host": min(gaps) if gaps else float("nan"),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--hosts", type=int, default=50)
    parser.add_argument("--items", type=int, default=200)
    parser.add_argument("--delay", type=float, default=0.1, help="seconds each page takes")
    parser.add_argument("--workers", type=int, default=16)
    parser.add_argument("--interval", type=float, default=1.0, help="per-host delay, seconds")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    runs = [
        run_once(args.hosts, args.items, args.delay, args.workers, args.interval)
        for _ in range(args.repeat)
    ]
    rates = [r["pages_per_second"] for r in runs]
    kept = all(r["min_gap_same_host"] >= args.interval - 0.05 for r in runs)
    print(
        table(
            [
                (
                    f"{args.items} pages / {args.hosts} hosts, {args.workers} workers",
                    f"{statistics.median(rates):.1f}",
                    f"{min(rates):.1f}–{max(rates):.1f}",
                    f"{min(r['min_gap_same_host'] for r in runs):.3f}",
                    "yes" if kept else "NO",
                )
            ],
            ("load", "pages/s (median)", "min–max", "min gap same host (s)", "delay kept"),
        )
    )
    write_result(
        "page_fetch" if args.workers != 1 else "page_fetch_one_at_a_time",
        {"args": vars(args), "runs": runs, "median_pages_per_second": statistics.median(rates)},
    )
    ok = all(r["new_articles"] == args.items and r["page_failures"] == 0 for r in runs)
    return 0 if ok and kept else 1


if __name__ == "__main__":
    sys.exit(main())
