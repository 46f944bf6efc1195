"""The article log: connectors append, the pipeline reads a bounded batch and commits after
its results are stored. Two implementations fill this interface: the embedded SQLite log
(connectors/sqlite_log.py) and Kafka (connectors/kafka_log.py).

    feeds ──append──▶ log ──read_batch──▶ pipeline ──store──▶ commit(batch)
                        └─ dead_letter(payload, reason) for records that cannot be processed
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from claimwatch.transforms.models import Article


@dataclass(frozen=True, slots=True)
class LogRecord:
    """One raw record; `payload` is decoded by the pipeline so bad bytes become dead letters."""

    partition: int
    offset: int
    key: bytes | None
    payload: bytes


@dataclass(frozen=True, slots=True)
class LogRange:
    """One partition's records from `start` up to, not including, `end`: a slice to re-read."""

    partition: int
    start: int
    end: int
    count: int = 0  # records the batch held in it: a re-read that finds fewer is an error


@dataclass(frozen=True, slots=True)
class LogBatch:
    """Records read from the committed position; `next_offsets` is what commit() stores."""

    records: tuple[LogRecord, ...]
    next_offsets: Mapping[int, int] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.records)

    def ranges(self) -> tuple[LogRange, ...]:
        """The batch as one offset range per partition (each partition's records are a
        contiguous run from its committed offset), so a worker can read it from the log."""
        spans: dict[int, tuple[int, int, int]] = {}
        for r in self.records:
            low, high, count = spans.get(r.partition, (r.offset, r.offset, 0))
            spans[r.partition] = (min(low, r.offset), max(high, r.offset), count + 1)
        return tuple(
            LogRange(p, low, high + 1, count) for p, (low, high, count) in sorted(spans.items())
        )

    def head(self, count: int) -> LogBatch:
        """The first `count` records, committing just past each partition's last one taken.

        A read of 2n records cut to its first n is the read of n: each partition's records
        come in offset order, so the first n of a merge depend only on each one's first n.
        """
        if count >= len(self.records):
            return self
        taken = self.records[:count]
        next_offsets: dict[int, int] = {}
        for record in taken:
            next_offsets[record.partition] = max(
                next_offsets.get(record.partition, 0), record.offset + 1
            )
        return LogBatch(records=taken, next_offsets=next_offsets)


@dataclass(frozen=True, slots=True)
class DeadLetter:
    payload: bytes
    reason: str
    partition: int | None = None
    offset: int | None = None


class ArticleLog(Protocol):
    """A durable, ordered, replayable log of articles."""

    def append(self, articles: Sequence[Article]) -> int:
        """Write articles durably; returns how many were written."""
        ...

    def read_batch(self, consumer: str, max_records: int) -> LogBatch:
        """Records from the consumer's committed position on, at most max_records."""
        ...

    def read_range(self, span: LogRange) -> tuple[LogRecord, ...]:
        """The records of one partition in [span.start, span.end), in offset order."""
        ...

    def commit(self, consumer: str, batch: LogBatch) -> None:
        """Mark the batch processed: the next read_batch starts after it."""
        ...

    def dead_letter(self, letters: Sequence[DeadLetter]) -> None:
        """Keep records that could not be processed, with the reason."""
        ...

    def lag(self, consumer: str) -> int:
        """Records appended but not yet committed by the consumer."""
        ...

    def owned_partitions(self, consumer: str) -> tuple[int, ...]:
        """The partitions this reader owns now: all of them, unless it shares a group."""
        ...

    def close(self) -> None: ...
