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
class LogBatch:
    """Records read from the committed position; `next_offsets` is what commit() stores."""

    records: tuple[LogRecord, ...]
    next_offsets: Mapping[int, int] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.records)


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
