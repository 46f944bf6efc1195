"""A batch cut to its head, a batch as offset ranges, and re-reading those ranges."""

from __future__ import annotations

from pathlib import Path

from claimwatch.connectors.log import LogBatch, LogRange, LogRecord
from claimwatch.connectors.sqlite_log import SqliteLog
from factories import article


def _records(*spec: tuple[int, int]) -> tuple[LogRecord, ...]:
    return tuple(LogRecord(p, o, None, f"{p}:{o}".encode()) for p, o in spec)


def test_head_commits_just_past_each_partitions_last_record_taken() -> None:
    batch = LogBatch(_records((0, 5), (1, 9), (0, 6), (2, 3), (1, 10)), {0: 7, 1: 11, 2: 4})
    head = batch.head(3)
    assert [(r.partition, r.offset) for r in head.records] == [(0, 5), (1, 9), (0, 6)]
    assert dict(head.next_offsets) == {0: 7, 1: 10}  # partition 2 untouched: nothing taken


def test_head_of_more_than_the_batch_is_the_batch() -> None:
    batch = LogBatch(_records((0, 1)), {0: 2})
    assert batch.head(10) is batch


def test_ranges_cover_each_partitions_run() -> None:
    batch = LogBatch(_records((1, 9), (0, 5), (1, 10), (0, 6)))
    assert batch.ranges() == (LogRange(0, 5, 7, 2), LogRange(1, 9, 11, 2))
    assert LogBatch(()).ranges() == ()


def test_sqlite_read_range_gives_back_exactly_the_batch(tmp_path: Path) -> None:
    log = SqliteLog(tmp_path / "log.sqlite3")
    try:
        log.append([article(f"a{i}", hours=i) for i in range(10)])
        log.commit("c", log.read_batch("c", 3))
        batch = log.read_batch("c", 4)
        (span,) = batch.ranges()
        assert log.read_range(span) == batch.records
        assert log.read_range(LogRange(0, 1000, 1010)) == ()
    finally:
        log.close()
