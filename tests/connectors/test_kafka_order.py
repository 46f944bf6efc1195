"""The Kafka log's event-time order: the merge gives the embedded log's order back."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

import pytest
from claimwatch.connectors.kafka_order import (
    OrderedRecord,
    epoch_micros,
    merge_earliest,
    order_header,
    order_key,
    record_timestamp_ms,
)
from claimwatch.connectors.log import LogRecord
from claimwatch.transforms.models import Article

T0 = datetime(2025, 11, 1, 6, 0, tzinfo=timezone.utc)


def article(n: int, published: datetime) -> Article:
    return Article(
        id=f"{(n * 2654435761) % 2**32:08x}",
        url=f"https://news.example/{n}",
        canonical_url=f"http://news.example/{n}",
        source="wire",
        title=f"story {n}",
        text="text",
        published=published,
        fetched=published,
        content_hash=f"h{n}",
        version=1,
    )


def as_partitions(articles: list[Article], partitions: int) -> list[list[OrderedRecord]]:
    """What Kafka holds after one append in (published, id) order, keyed by hash."""
    out: list[list[OrderedRecord]] = [[] for _ in range(partitions)]
    for a in articles:
        p = int(a.id, 16) % partitions
        record = LogRecord(p, len(out[p]), a.id.encode(), a.id.encode())
        out[p].append(OrderedRecord(order_key(record, 0, [order_header(a)]), record))
    return out


@pytest.mark.parametrize(
    ("moment", "micros"),
    [
        (datetime(1970, 1, 1, tzinfo=timezone.utc), 0),
        (datetime(1970, 1, 1, 0, 0, 1, 5, tzinfo=timezone.utc), 1_000_005),
        (datetime(1970, 1, 1, 1), 3_600_000_000),  # naive is UTC
        (datetime(1969, 12, 31, 23, 59, 59, tzinfo=timezone.utc), -1_000_000),
    ],
)
def test_epoch_micros_is_exact(moment: datetime, micros: int) -> None:
    assert epoch_micros(moment) == micros


def test_record_timestamp_is_publication_time_in_ms_never_negative() -> None:
    assert record_timestamp_ms(article(1, T0)) == int(T0.timestamp() * 1000)
    assert record_timestamp_ms(article(1, datetime(1960, 1, 1, tzinfo=timezone.utc))) == 0


def test_merge_of_partitions_is_the_embedded_append_order() -> None:
    rng = random.Random(7)
    # Many share a second, some a microsecond: the id must break those ties.
    stamps = [
        T0 + timedelta(seconds=rng.randrange(50), microseconds=rng.choice([0, 1]))
        for _ in range(400)
    ]
    articles = sorted(
        (article(n, t) for n, t in enumerate(stamps)), key=lambda a: (a.published, a.id)
    )
    parts = as_partitions(articles, 3)
    merged = merge_earliest(parts, 10_000)
    assert [r.record.key for r in merged] == [a.id.encode() for a in articles]


def test_each_batch_takes_the_globally_earliest_and_a_prefix_of_every_partition() -> None:
    articles = sorted(
        (article(n, T0 + timedelta(minutes=n % 37)) for n in range(300)),
        key=lambda a: (a.published, a.id),
    )
    parts = as_partitions(articles, 4)
    order: list[bytes] = []
    while any(parts):
        taken = merge_earliest(parts, 64)
        for p, part in enumerate(parts):
            mine = [t for t in taken if t.record.partition == p]
            assert part[: len(mine)] == mine  # a prefix: committing last + 1 skips nothing
            del part[: len(mine)]
        order.extend(t.record.key for t in taken)
    assert order == [a.id.encode() for a in articles]


def test_unsorted_partitions_keep_their_own_offset_order() -> None:
    # Two polls: the second carries an article published before the first poll's last.
    recs = [
        [
            OrderedRecord((5, "b", 0, 0), LogRecord(0, 0, None, b"")),
            OrderedRecord((1, "a", 0, 1), LogRecord(0, 1, None, b"")),
        ],
        [OrderedRecord((3, "c", 1, 0), LogRecord(1, 0, None, b""))],
    ]
    merged = [(r.record.partition, r.record.offset) for r in merge_earliest(recs, 10)]
    assert merged == [(1, 0), (0, 0), (0, 1)]


def test_records_without_the_header_fall_back_to_the_record_timestamp() -> None:
    record = LogRecord(2, 9, None, b"poison")
    assert order_key(record, 1500, []) == (1_500_000, "", 2, 9)
    assert order_key(record, 1500, [("claimwatch-order", b"garbage")]) == (1_500_000, "", 2, 9)


def test_max_records_bounds_the_merge() -> None:
    parts = as_partitions([article(n, T0) for n in range(10)], 2)
    assert len(merge_earliest(parts, 3)) == 3
    assert merge_earliest(parts, 0) == []
