"""Prometheus metrics of `claimwatch run`: the counters, their endpoint, and a real run."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import requests
from claimwatch.connectors.store import Delivery
from claimwatch.pipelines.batch import RunStats
from claimwatch.pipelines.metrics import Metrics, serve_metrics


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def value(metrics: Metrics, name: str, **labels: str) -> float | None:
    return metrics.registry.get_sample_value(name, labels)


def test_batch_watcher_counts_each_batch_once() -> None:
    metrics = Metrics()
    watch = metrics.batch_watcher()
    stats = RunStats()
    for records, seconds, dupes, lag in ((1000, 12.0, 40, 2500), (1000, 30.0, 10, 1500)):
        stats.records += records
        stats.seconds += seconds
        stats.add("articles_duplicate", dupes)
        stats.add("claims_built", 7)
        watch(stats, lag)
    assert value(metrics, "claimwatch_articles_processed_total") == 2000
    assert value(metrics, "claimwatch_articles_duplicate_total") == 50
    assert value(metrics, "claimwatch_claims_built_total") == 14
    assert value(metrics, "claimwatch_log_lag") == 1500
    assert value(metrics, "claimwatch_batch_duration_seconds_count") == 2
    assert value(metrics, "claimwatch_batch_duration_seconds_sum") == 42.0
    # 12 s falls in the 20 s bucket, 30 s in the 30 s one.
    assert value(metrics, "claimwatch_batch_duration_seconds_bucket", le="10.0") == 0
    assert value(metrics, "claimwatch_batch_duration_seconds_bucket", le="20.0") == 1
    assert value(metrics, "claimwatch_batch_duration_seconds_bucket", le="30.0") == 2


def test_deliveries_by_channel_and_outcome_and_registries_apart() -> None:
    at = datetime(2025, 11, 21, tzinfo=timezone.utc)
    one, two = Metrics(), Metrics()
    one.observe_deliveries(
        [
            Delivery("a1", "webhook", "failed", 3, "503", at),
            Delivery("a2", "webhook", "delivered", 1, None, at),
            Delivery("a3", "webhook", "delivered", 1, None, at),
        ]
    )
    assert value(one, "claimwatch_deliveries_total", channel="webhook", outcome="delivered") == 2
    assert value(one, "claimwatch_deliveries_total", channel="webhook", outcome="failed") == 1
    assert value(two, "claimwatch_deliveries_total", channel="webhook", outcome="failed") is None


def test_endpoint_serves_the_text_format() -> None:
    metrics = Metrics()
    metrics.feed_errors.inc(2)
    port = free_port()
    server = serve_metrics(metrics, port)
    try:
        reply = requests.get(f"http://127.0.0.1:{port}/metrics", timeout=10)
    finally:
        server.shutdown()
        server.server_close()
    assert reply.status_code == 200
    assert reply.headers["content-type"].startswith("text/plain")
    assert "claimwatch_feed_errors_total 2.0" in reply.text


def test_run_serves_metrics_while_it_runs(tmp_path: Path) -> None:
    port = free_port()
    cmd = [sys.executable, "-m", "claimwatch.pipelines.cli", "run", "--quiet"]
    proc = subprocess.Popen(
        [*cmd, "--data-dir", str(tmp_path), "--metrics-port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    text = ""
    try:
        deadline = time.monotonic() + 300
        # Alerts and then their deliveries are counted after delivery, the last step of a poll.
        while 'claimwatch_deliveries_total{channel="log",outcome="delivered"}' not in text:
            assert proc.poll() is None, proc.communicate()[1]
            assert time.monotonic() < deadline, text
            time.sleep(1)
            try:
                text = requests.get(f"http://127.0.0.1:{port}/metrics", timeout=5).text
            except requests.ConnectionError:
                continue
    finally:
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    lines = {line.rsplit(" ", 1)[0]: float(line.rsplit(" ", 1)[1]) for line in _samples(text)}
    assert lines["claimwatch_feed_polls_total"] == 4
    assert lines["claimwatch_feed_errors_total"] == 0
    assert lines["claimwatch_articles_polled_total"] == 15
    assert lines["claimwatch_articles_processed_total"] == 15
    assert lines["claimwatch_articles_duplicate_total"] == 2
    assert lines["claimwatch_dead_letters_total"] == 0
    assert lines["claimwatch_log_lag"] == 0
    assert lines["claimwatch_batch_duration_seconds_count"] == 1
    changed = 'claimwatch_claims_changed_total{change="%s",correction="%s"}'
    # 13: Regional Times' repeated injured count on 21 Nov is compared within its story
    # (transforms/story_claims.py) with its own figure of 20 Nov, and is no change.
    assert lines[changed % ("new", "false")] == 13
    assert lines[changed % ("increase", "false")] == 4
    assert lines[changed % ("conflict", "false")] == 1
    assert lines[changed % ("revision", "true")] == 1  # 420 → 412, a correction
    assert lines['claimwatch_deliveries_total{channel="log",outcome="delivered"}'] == 6


def _samples(text: str) -> list[str]:
    return [line for line in text.splitlines() if line and not line.startswith("#")]
