"""Event-time order for the Kafka log: one backlog order across partitions, the embedded one.

    append:  record timestamp = publication time (ms)
             header claimwatch-order = "<published µs since epoch>:<article id>"
    read:    per partition, offset order (it must be: offsets are committed per partition)
             across partitions, a k-way merge on order_key = (published µs, article id,
             partition, offset), taking the globally earliest max_records

The embedded log is read in append order, and ingest appends each poll sorted by
(published, article id); a Kafka partition holds its share of each poll in that same order,
so the merge of the partitions gives back exactly the embedded order within a poll. The
header carries the full-precision time (a record timestamp is whole milliseconds) and the id
tie-break; records without it (raw appends, other producers) fall back to the record
timestamp and sort before any article of the same millisecond, then by partition and offset.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone

from claimwatch.connectors.log import LogRecord
from claimwatch.transforms.models import Article

ORDER_HEADER = "claimwatch-order"
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)

OrderKey = tuple[int, str, int, int]


@dataclass(frozen=True, slots=True)
class OrderedRecord:
    """A record read ahead, with the key the merge sorts it by."""

    key: OrderKey
    record: LogRecord


def epoch_micros(moment: datetime) -> int:
    """Microseconds since the epoch, exact (no float); naive times are UTC, as in records.iso."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    delta = moment - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def record_timestamp_ms(article: Article) -> int:
    """The Kafka record timestamp: publication time in ms (Kafka refuses negative ones)."""
    return max(0, epoch_micros(article.published) // 1000)


def order_header(article: Article) -> tuple[str, bytes]:
    return ORDER_HEADER, f"{epoch_micros(article.published)}:{article.id}".encode("ascii")


def order_key(
    record: LogRecord, timestamp_ms: int, headers: Sequence[tuple[str, bytes | None]]
) -> OrderKey:
    """Where a record goes in the merged order (see the module docstring)."""
    for name, value in headers:
        if name == ORDER_HEADER and value:
            micros, sep, article_id = value.decode("ascii", "replace").partition(":")
            if sep and micros.lstrip("-").isdigit():
                return int(micros), article_id, record.partition, record.offset
    return timestamp_ms * 1000, "", record.partition, record.offset


def merge_earliest(
    partitions: Iterable[Sequence[OrderedRecord]], max_records: int
) -> list[OrderedRecord]:
    """The first max_records of a k-way merge of per-partition sequences, each kept in order.

    Each input is consumed strictly front to back (heapq.merge compares heads only), so what
    is taken from a partition is always a prefix of it: committing "last taken + 1" per
    partition never skips a record, even where a partition is not sorted by key (two polls).
    """
    taken: list[OrderedRecord] = []
    if max_records <= 0:
        return taken
    for item in heapq.merge(*partitions, key=lambda o: o.key):
        taken.append(item)
        if len(taken) >= max_records:
            break
    return taken
