"""Consumer groups on the real broker: worker processes split the partitions of one topic, and
join, clean leave and kill -9 rebalance them without losing a record or committing one twice.

Each worker (group_worker.py) logs every batch it processed and which of its records it
committed. Afterwards: every record was processed, and the committed records are exactly the
topic, each once; reprocessing happens only for a batch whose commit the group refused or
whose worker was killed, and those are counted.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from claimwatch.transforms.models import Article

pytestmark = [pytest.mark.integration, pytest.mark.slow]
WORKER = Path(__file__).with_name("group_worker.py")
PARTITIONS = 3
RECORDS = 900


def test_workers_split_partitions_and_rebalance_on_join_leave_and_kill(
    kafka_bootstrap: str,
    topic: str,
    new_log: Callable[..., Any],
    make_article: Callable[..., Article],
    tmp_path: Path,
) -> None:
    new_log(partitions=PARTITIONS).append([make_article(n) for n in range(RECORDS)])
    group = f"{topic}.group"
    spawn = _spawner(kafka_bootstrap, topic, group, tmp_path)
    timings: dict[str, float] = {}
    try:
        a = spawn()
        _wait(lambda: _owned(tmp_path, [a]) == [[0, 1, 2]], "A owns every partition", 30)
        b, c = spawn(), spawn()
        started = time.monotonic()
        _wait(lambda: _split(tmp_path, [a, b, c]), "three members split the partitions", 30)
        timings["join"] = time.monotonic() - started

        b.send_signal(signal.SIGTERM)  # a clean leave
        started = time.monotonic()
        assert b.wait(timeout=30) == 0
        _wait(lambda: _split(tmp_path, [a, c]), "A and C take over B's partitions", 30)
        timings["leave"] = time.monotonic() - started

        c.kill()  # kill -9: no goodbye; the group notices after the session timeout (6 s)
        c.wait(timeout=10)
        started = time.monotonic()
        _wait(lambda: _owned(tmp_path, [a]) == [[0, 1, 2]], "A takes over C's", 40)
        timings["crash"] = time.monotonic() - started

        (tmp_path / "drain").touch()
        assert a.wait(timeout=90) == 0
    finally:
        for proc in spawn.started:
            if proc.poll() is None:
                proc.kill()
                proc.wait()

    batches = _batches(tmp_path)
    everything = {(p, o) for p in range(PARTITIONS) for o in range(_end(new_log, p))}
    assert len(everything) == RECORDS
    processed = Counter((p, o) for b in batches for p, o in b["records"])
    committed = Counter((p, o) for b in batches for p, o in b["committed"])
    assert set(processed) == everything, "a record was never processed"
    assert set(committed) == everything, "a record was never committed"
    assert max(committed.values()) == 1, "a record was committed twice"
    reprocessed = sum(n - 1 for n in processed.values())
    dropped = sum(len(b["records"]) - len(b["committed"]) for b in batches)
    # Reprocessing comes only from refused commits, or from the batch C held when killed.
    assert reprocessed <= dropped + 10 * 2
    print(f"\ngroup rebalance: {timings}, reprocessed {reprocessed}, dropped commits {dropped}")


def _spawner(bootstrap: str, topic: str, group: str, out: Path) -> Any:
    started: list[subprocess.Popen[bytes]] = []

    def spawn() -> subprocess.Popen[bytes]:
        env = {**os.environ, "PYTHONWARNINGS": "ignore::DeprecationWarning"}
        with (out / f"worker-{len(started)}.err").open("wb") as err:
            proc = subprocess.Popen(
                [sys.executable, str(WORKER), bootstrap, topic, group, str(out)],
                env=env,
                stderr=err,
            )
        started.append(proc)
        return proc

    spawn.started = started  # type: ignore[attr-defined]
    return spawn


def _status(out: Path, proc: subprocess.Popen[bytes]) -> dict[str, Any] | None:
    path = out / f"{proc.pid}.status"
    return json.loads(path.read_text()) if path.exists() else None


def _owned(out: Path, procs: list[subprocess.Popen[bytes]]) -> list[list[int]]:
    return [sorted((_status(out, p) or {}).get("owned", [])) for p in procs]


def _split(out: Path, procs: list[subprocess.Popen[bytes]]) -> bool:
    """Every member owns at least one partition, none shared, all covered."""
    owned = _owned(out, procs)
    flat = [p for parts in owned for p in parts]
    return all(owned) and sorted(flat) == list(range(PARTITIONS))


def _wait(condition: Callable[[], bool], what: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:.0f}s waiting until {what}")
        time.sleep(0.1)


def _batches(out: Path) -> list[dict[str, Any]]:
    return [
        json.loads(line)
        for path in sorted(out.glob("*.batches"))
        for line in path.read_text().splitlines()
        if line.strip()
    ]


def _end(new_log: Callable[..., Any], partition: int) -> int:
    from kafka import KafkaConsumer, TopicPartition

    log = new_log(partitions=PARTITIONS)
    consumer = KafkaConsumer(bootstrap_servers=log.bootstrap)
    try:
        tp = TopicPartition(log.topic, partition)
        return int(consumer.end_offsets([tp])[tp])
    finally:
        consumer.close()
