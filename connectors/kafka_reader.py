"""What a Kafka reader holds between batches: its consumer and the records it read ahead.

poll ──keep()──▶ buffers[partition]: deque of OrderedRecord (not handed out yet)
read_batch takes prefixes of the buffers; handed[partition] = just past the last taken
commit elsewhere moved the offset?  ──▶ forget(partition): re-read from the commit
group rebalance ──RebalanceListener──▶ forget(revoked), generation += 1
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from claimwatch.connectors.kafka_order import OrderedRecord, order_key
from claimwatch.connectors.log import LogRecord
from kafka import KafkaConsumer, TopicPartition
from kafka.consumer.subscription_state import ConsumerRebalanceListener

log = logging.getLogger(__name__)


class Buffers(dict[int, "deque[OrderedRecord]"]):
    """A dict that makes an empty deque for a partition on first use."""

    def __missing__(self, partition: int) -> deque[OrderedRecord]:
        buffer: deque[OrderedRecord] = deque()
        self[partition] = buffer
        return buffer


@dataclass(eq=False)
class ReadAhead:
    """One consumer and what it read ahead: per partition, records not handed out yet.

    `handed[p]` is the offset just past the last record handed out (or where reading started):
    the read-ahead of p is valid while the committed offset of p equals it.
    """

    client: KafkaConsumer
    buffers: Buffers = field(default_factory=Buffers)
    handed: dict[int, int] = field(default_factory=dict)
    fetched: dict[int, int] = field(default_factory=dict)
    generation: int = 0  # bumped by every rebalance callback
    joined: bool = False  # has been given an assignment once (possibly an empty one)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def keep(self, polled: dict[TopicPartition, list[Any]]) -> None:
        with self.lock:
            for tp, messages in polled.items():
                buffer = self.buffers[tp.partition]
                for m in messages:
                    if m.offset < self.fetched.get(tp.partition, -1):
                        continue  # already buffered (a fetch from before a seek)
                    record = LogRecord(tp.partition, m.offset, m.key, m.value)
                    buffer.append(OrderedRecord(order_key(record, m.timestamp, m.headers), record))
                    self.fetched[tp.partition] = m.offset + 1

    def forget(self, partitions: Sequence[int]) -> None:
        with self.lock:
            for p in partitions:
                self.buffers.pop(p, None)
                self.handed.pop(p, None)
                self.fetched.pop(p, None)


# kafka-python is untyped: its listener base class is Any to mypy.
class RebalanceListener(ConsumerRebalanceListener):  # type: ignore[misc]
    """Drops a revoked partition's read-ahead; the next read starts it from its commit."""

    def __init__(self, reader: ReadAhead) -> None:
        self._reader = reader

    def on_partitions_revoked(self, revoked: Sequence[TopicPartition]) -> None:
        self._reader.forget([tp.partition for tp in revoked])
        self._reader.generation += 1
        if revoked:
            log.info("partitions revoked: %s", sorted(tp.partition for tp in revoked))

    def on_partitions_assigned(self, assigned: Sequence[TopicPartition]) -> None:
        self._reader.generation += 1
        self._reader.joined = True
        log.info("partitions assigned: %s", sorted(tp.partition for tp in assigned))
