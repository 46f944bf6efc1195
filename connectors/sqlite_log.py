"""The embedded article log: an append-only SQLite table with per-consumer committed offsets.

    append() ──▶ records(offset, key, payload) ──read_batch(consumer)──▶ pipeline
                 consumers(name, next_offset)   ◀──commit(consumer, batch)──┘
                 dead_letters(payload, reason)

One partition (0): on one machine a single ordered log is enough, and it keeps replay simple.
WAL mode lets the connector append while the pipeline reads.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Sequence
from pathlib import Path

from claimwatch.connectors.log import DeadLetter, LogBatch, LogRange, LogRecord
from claimwatch.transforms.errors import LogUnavailable
from claimwatch.transforms.models import Article
from claimwatch.transforms.records import encode_article

_SCHEMA = """
CREATE TABLE IF NOT EXISTS records (
    offset INTEGER PRIMARY KEY AUTOINCREMENT,
    key BLOB,
    payload BLOB NOT NULL,
    appended TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE TABLE IF NOT EXISTS consumers (
    name TEXT PRIMARY KEY,
    next_offset INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS dead_letters (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    record_offset INTEGER,
    payload BLOB NOT NULL,
    reason TEXT NOT NULL,
    added TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
"""


def article_key(article: Article) -> bytes:
    """Partition key: versions of one article stay ordered together (Kafka uses the same)."""
    return hashlib.sha1(article.canonical_url.encode("utf-8")).hexdigest().encode("ascii")


class SqliteLog:
    """ArticleLog on a SQLite file."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)
        except sqlite3.Error as exc:
            raise LogUnavailable(
                f"cannot open the embedded log at {self.path}: {exc}; "
                "is the data directory writable?"
            ) from exc

    def append(self, articles: Sequence[Article]) -> int:
        rows = [(article_key(a), encode_article(a)) for a in articles]
        return self.append_raw(rows)

    def append_raw(self, rows: Sequence[tuple[bytes | None, bytes]]) -> int:
        """Append raw (key, payload) records; also how tests write a poison record."""
        with self._transaction():
            self._db.executemany("INSERT INTO records(key, payload) VALUES (?, ?)", rows)
        return len(rows)

    def read_batch(self, consumer: str, max_records: int) -> LogBatch:
        start = self._committed(consumer)
        rows = self._db.execute(
            "SELECT offset, key, payload FROM records WHERE offset >= ? ORDER BY offset LIMIT ?",
            (start, max_records),
        ).fetchall()
        records = tuple(LogRecord(0, int(o), k, bytes(p)) for o, k, p in rows)
        next_offsets = {0: records[-1].offset + 1} if records else {}
        return LogBatch(records=records, next_offsets=next_offsets)

    def read_range(self, span: LogRange) -> tuple[LogRecord, ...]:
        rows = self._db.execute(
            "SELECT offset, key, payload FROM records WHERE offset >= ? AND offset < ? "
            "ORDER BY offset",
            (span.start, span.end),
        ).fetchall()
        return tuple(LogRecord(span.partition, int(o), k, bytes(p)) for o, k, p in rows)

    def commit(self, consumer: str, batch: LogBatch) -> None:
        if not batch.next_offsets:
            return
        with self._transaction():
            self._db.execute(
                "INSERT INTO consumers(name, next_offset) VALUES (?, ?) ON CONFLICT(name) "
                "DO UPDATE SET next_offset = max(next_offset, excluded.next_offset)",
                (consumer, batch.next_offsets[0]),
            )

    def dead_letter(self, letters: Sequence[DeadLetter]) -> None:
        with self._transaction():
            self._db.executemany(
                "INSERT INTO dead_letters(record_offset, payload, reason) VALUES (?, ?, ?)",
                [(d.offset, d.payload, d.reason) for d in letters],
            )

    def dead_letters(self) -> list[DeadLetter]:
        rows = self._db.execute(
            "SELECT record_offset, payload, reason FROM dead_letters ORDER BY id"
        ).fetchall()
        return [DeadLetter(bytes(p), r, 0, o) for o, p, r in rows]

    def lag(self, consumer: str) -> int:
        (end,) = self._db.execute("SELECT coalesce(max(offset), 0) FROM records").fetchone()
        return max(0, int(end) + 1 - self._committed(consumer))

    def owned_partitions(self, consumer: str) -> tuple[int, ...]:
        return (0,)  # one partition, one reader per consumer name

    def close(self) -> None:
        self._db.close()

    def _committed(self, consumer: str) -> int:
        row = self._db.execute(
            "SELECT next_offset FROM consumers WHERE name = ?", (consumer,)
        ).fetchone()
        return int(row[0]) if row else 1  # AUTOINCREMENT offsets start at 1

    def _transaction(self) -> _Transaction:
        return _Transaction(self._db, self.path)


class _Transaction:
    """BEGIN IMMEDIATE … COMMIT, mapping SQLite failures to LogUnavailable."""

    def __init__(self, db: sqlite3.Connection, path: Path) -> None:
        self._db, self._path = db, path

    def __enter__(self) -> None:
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise LogUnavailable(f"embedded log {self._path} is not writable: {exc}") from exc

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None:
            self._db.execute("COMMIT")
        else:
            self._db.execute("ROLLBACK")
