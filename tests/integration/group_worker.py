"""One consumer-group member as its own process, for test_kafka_group.py (not a test module).

    python group_worker.py BOOTSTRAP TOPIC GROUP OUT_DIR

Loops: read_batch ─▶ "process" (append the batch to OUT_DIR/<pid>.batches) ─▶ commit,
noting whether the commit went through (the log warns with dropped_partitions when the group
refused it). Writes OUT_DIR/<pid>.status (owned partitions) after every round. SIGTERM is a
clean leave (close() sends LeaveGroup); OUT_DIR/drain makes it exit once nothing is left.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import sys
import time
import warnings
from pathlib import Path
from typing import Any

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    from claimwatch.connectors.kafka_log import KafkaLog

BATCH = 10
WORK_SECONDS = 0.25  # per batch: long enough for rebalances to land mid-batch


class Dropped(logging.Handler):
    """Collects the partitions whose offsets the log did not commit."""

    def __init__(self) -> None:
        super().__init__()
        self.partitions: set[int] = set()

    def emit(self, record: logging.LogRecord) -> None:
        self.partitions.update(getattr(record, "dropped_partitions", ()))


def main(bootstrap: str, topic: str, group: str, out: Path) -> int:
    stopping = False

    def stop(signum: int, frame: Any) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    if os.environ.get("CW_WORKER_LOG"):
        logging.basicConfig(level=os.environ["CW_WORKER_LOG"], stream=sys.stderr)
    dropped = Dropped()
    logging.getLogger("claimwatch.connectors.kafka_log").addHandler(dropped)
    log = KafkaLog(
        bootstrap,
        topic=topic,
        membership="group",
        session_timeout=6.0,
        poll_timeout=0.5,
        join_timeout=2.0,
    )
    pid = os.getpid()
    batches = (out / f"{pid}.batches").open("a", encoding="utf-8")
    try:
        while not stopping:
            batch = log.read_batch(group, BATCH)
            _status(out, pid, log.owned_partitions(group))
            if not batch.records:
                if (out / "drain").exists() and log.lag(group) == 0:
                    break
                continue
            time.sleep(WORK_SECONDS)
            dropped.partitions.clear()
            log.commit(group, batch)
            records = [[r.partition, r.offset] for r in batch.records]
            committed = [r for r in records if r[0] not in dropped.partitions]
            batches.write(json.dumps({"records": records, "committed": committed}) + "\n")
            batches.flush()
            os.fsync(batches.fileno())
    finally:
        batches.close()
        log.close()  # leaves the group
        _status(out, pid, (), left=True)
    return 0


def _status(out: Path, pid: int, owned: tuple[int, ...] | list[int], *, left: bool = False) -> None:
    tmp = out / f"{pid}.status.tmp"
    tmp.write_text(json.dumps({"owned": list(owned), "left": left, "at": time.time()}))
    tmp.replace(out / f"{pid}.status")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3], Path(sys.argv[4])))
