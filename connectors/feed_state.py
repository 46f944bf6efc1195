"""What claimwatch remembers per feed between polls, in a SQLite file in the data dir.

    poll_feeds ──fetch_state(url)──▶ conditional GET validators (ETag, Last-Modified)
               ──unseen(url, fps)──▶ skip entries already appended to the log
    caller     ──log.append(articles)──▶ commit(checkpoints)   validators + fingerprints
    poll_feeds ──record_failure / record_not_modified──▶ health (failures, last error)
    health alerts ──health() / cadence(url)──▶ "this feed has gone quiet / keeps failing"

Validators and fingerprints are written together, and only by `commit`, which the caller
runs after the log append: a crash in between re-fetches and re-emits (the log's dedup
absorbs the repeat) instead of losing entries behind a 304.

WAL mode; one connection; meant for one process.
"""

from __future__ import annotations

import itertools
import sqlite3
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from types import TracebackType

from claimwatch.connectors import poll_records
from claimwatch.connectors.feeds import FeedFetchState
from claimwatch.connectors.poll_records import PendingPage, PollRecord

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feeds (
    feed_url TEXT PRIMARY KEY,
    source TEXT,
    etag TEXT,
    last_modified TEXT,
    last_success TEXT,
    last_failure TEXT,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    failing_since TEXT,
    last_error TEXT
);
CREATE TABLE IF NOT EXISTS seen (
    feed_url TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    entry_id TEXT NOT NULL,
    published TEXT,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (feed_url, fingerprint)
);
CREATE INDEX IF NOT EXISTS seen_by_time ON seen (feed_url, seen_at);
"""


@dataclass(frozen=True, slots=True)
class SeenEntry:
    """An entry whose article reached the log: its fingerprint and when it was published."""

    fingerprint: str
    entry_id: str
    published: datetime | None


@dataclass(frozen=True, slots=True)
class FeedCheckpoint:
    """What to record for one feed once its new articles are durably in the log."""

    feed_url: str
    fetched_at: datetime
    etag: str | None
    last_modified: str | None
    entries: tuple[SeenEntry, ...]
    source: str | None = None
    pending: tuple[PendingPage, ...] = ()  # pages to try again later (new or updated)
    resolved: tuple[str, ...] = ()  # page URLs no longer owed: fetched, or given up on
    poll: PollRecord | None = None
    touch_validators: bool = True  # False after a 304: keep the validators on record


@dataclass(frozen=True, slots=True)
class FeedHealth:
    feed_url: str
    etag: str | None
    last_modified: str | None
    last_success: datetime | None
    last_failure: datetime | None
    consecutive_failures: int
    last_error: str | None
    entries_seen: int
    last_new_entry: datetime | None  # when a new entry was last recorded (seen time)
    source: str | None = None
    failing_since: datetime | None = None  # first failure of the current streak


@dataclass(frozen=True, slots=True)
class FeedCadence:
    """How often a feed publishes, from the publication times of the entries recorded."""

    feed_url: str
    entries: int
    first: datetime | None
    last: datetime | None
    median_gap: timedelta | None  # None with fewer than two entries

    def overdue(self, now: datetime, factor: float = 4.0) -> bool:
        """True when the feed has been silent for `factor` times its usual gap."""
        if self.last is None or self.median_gap is None or self.median_gap <= timedelta(0):
            return False
        return now - self.last > self.median_gap * factor


def _iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).isoformat()


def _parse(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


class FeedStateStore:
    """Per-feed validators, seen-entry fingerprints, failures and cadence.

    Args:
        path: The SQLite file; its folder is created. ":memory:" works for throwaway use.
    """

    def __init__(self, path: str | Path) -> None:
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        # NORMAL in WAL mode survives a process crash; only a power cut can lose the last
        # commit, which costs a re-emit, never a lost entry.
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)
        self._db.executescript(poll_records.SCHEMA)
        self._migrate()

    # -- reads ----------------------------------------------------------------------------

    def fetch_state(self, feed_url: str) -> FeedFetchState | None:
        """The validators to send on the next fetch, or None if the feed was never read."""
        row = self._db.execute(
            "SELECT etag, last_modified FROM feeds WHERE feed_url = ?", (feed_url,)
        ).fetchone()
        if row is None or (row[0] is None and row[1] is None):
            return None
        return FeedFetchState(etag=row[0], last_modified=row[1])

    def unseen(self, feed_url: str, fingerprints: Iterable[str]) -> set[str]:
        """Those fingerprints not yet committed for this feed."""
        wanted = set(fingerprints)
        if not wanted:
            return set()
        known: set[str] = set()
        items = sorted(wanted)
        for start in range(0, len(items), 500):  # stay under SQLite's parameter limit
            chunk = items[start : start + 500]
            marks = ",".join("?" * len(chunk))
            known.update(
                row[0]
                for row in self._db.execute(
                    f"SELECT fingerprint FROM seen WHERE feed_url = ? AND fingerprint IN ({marks})",
                    (feed_url, *chunk),
                )
            )
        return wanted - known

    def due_pages(self, feed_url: str, now: datetime) -> list[PendingPage]:
        """Pages of this feed owed since an earlier poll and due for another try."""
        return poll_records.due_pages(self._db, feed_url, now)

    def pending_pages(self, feed_url: str) -> int:
        return poll_records.pending_count(self._db, feed_url)

    def polls(self) -> list[PollRecord]:
        """What the last poll of each feed did, for `claimwatch feeds`."""
        return poll_records.read_polls(self._db)

    def record_poll(self, record: PollRecord) -> None:
        """A poll outcome with nothing to commit (a failed feed)."""
        poll_records.write_poll(self._db, record)

    def health(self, feed_url: str) -> FeedHealth | None:
        rows = self._health_rows("WHERE f.feed_url = ?", (feed_url,))
        return rows[0] if rows else None

    def all_health(self) -> list[FeedHealth]:
        return self._health_rows("", ())

    def cadence(self, feed_url: str, *, since: datetime | None = None) -> FeedCadence:
        """Publication times of recorded entries (seen time when the feed gave none)."""
        rows = self._db.execute(
            "SELECT COALESCE(published, seen_at) AS t FROM seen WHERE feed_url = ? ORDER BY t",
            (feed_url,),
        ).fetchall()
        times = [t for (text,) in rows if (t := _parse(text)) is not None]
        if since is not None:
            times = [t for t in times if t >= since]
        gaps = [b - a for a, b in itertools.pairwise(times)]
        median = (
            timedelta(seconds=statistics.median(g.total_seconds() for g in gaps)) if gaps else None
        )
        return FeedCadence(
            feed_url=feed_url,
            entries=len(times),
            first=times[0] if times else None,
            last=times[-1] if times else None,
            median_gap=median,
        )

    def seen_times(self, feed_url: str, *, limit: int = 200) -> list[datetime]:
        """When new entries of this feed were recorded, newest `limit`, oldest first.

        Arrival, not publication, is what tells a feed has gone quiet: a backfilled archive
        full of old dates is not a silent feed.
        """
        rows = self._db.execute(
            "SELECT seen_at FROM seen WHERE feed_url = ? ORDER BY seen_at DESC LIMIT ?",
            (feed_url, limit),
        ).fetchall()
        return sorted(t for (text,) in rows if (t := _parse(text)) is not None)

    # -- writes ---------------------------------------------------------------------------

    def commit(self, checkpoints: Sequence[FeedCheckpoint]) -> None:
        """Record validators and seen entries, in one transaction, after the log append."""
        with self._transaction():
            for cp in checkpoints:
                at = _iso(cp.fetched_at)
                poll_records.write_pending(
                    self._db, cp.pending, [(cp.feed_url, url) for url in cp.resolved]
                )
                if cp.poll is not None:
                    poll_records.write_poll(self._db, cp.poll)
                if not cp.touch_validators:
                    self.record_not_modified(cp.feed_url, cp.fetched_at, source=cp.source)
                    continue
                self._db.execute(
                    "INSERT INTO feeds (feed_url, source, etag, last_modified, last_success,"
                    " consecutive_failures) VALUES (?, ?, ?, ?, ?, 0)"
                    " ON CONFLICT(feed_url) DO UPDATE SET etag = excluded.etag,"
                    " source = COALESCE(excluded.source, source),"
                    " last_modified = excluded.last_modified,"
                    " last_success = excluded.last_success, consecutive_failures = 0,"
                    " failing_since = NULL",
                    (cp.feed_url, cp.source, cp.etag, cp.last_modified, at),
                )
                self._db.executemany(
                    "INSERT OR IGNORE INTO seen (feed_url, fingerprint, entry_id, published,"
                    " seen_at) VALUES (?, ?, ?, ?, ?)",
                    [
                        (cp.feed_url, e.fingerprint, e.entry_id, _iso(e.published), at)
                        for e in cp.entries
                    ],
                )

    mark_seen = commit

    def record_not_modified(
        self, feed_url: str, at: datetime, *, source: str | None = None
    ) -> None:
        """A 304: the feed is healthy and nothing needs recording but the time."""
        self._db.execute(
            "INSERT INTO feeds (feed_url, source, last_success, consecutive_failures)"
            " VALUES (?, ?, ?, 0) ON CONFLICT(feed_url) DO UPDATE SET"
            " source = COALESCE(excluded.source, source), last_success = excluded.last_success,"
            " consecutive_failures = 0, failing_since = NULL",
            (feed_url, source, _iso(at)),
        )

    def record_failure(
        self, feed_url: str, error: str, at: datetime, *, source: str | None = None
    ) -> None:
        """A failed fetch or parse; `failing_since` keeps the start of the streak."""
        self._db.execute(
            "INSERT INTO feeds (feed_url, source, last_failure, failing_since,"
            " consecutive_failures, last_error) VALUES (?, ?, ?, ?, 1, ?)"
            " ON CONFLICT(feed_url) DO UPDATE SET source = COALESCE(excluded.source, source),"
            " last_failure = excluded.last_failure, last_error = excluded.last_error,"
            " failing_since = COALESCE(failing_since, excluded.failing_since),"
            " consecutive_failures = consecutive_failures + 1",
            (feed_url, source, _iso(at), _iso(at), error),
        )

    def prune(self, older_than: datetime) -> int:
        """Forget fingerprints recorded before `older_than`; returns how many.

        Feeds list their last few dozen items, so entries gone from every feed for weeks are
        safe to forget; one that reappears is re-emitted and dedup catches it.
        """
        cursor = self._db.execute("DELETE FROM seen WHERE seen_at < ?", (_iso(older_than),))
        return cursor.rowcount

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> FeedStateStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- internals ------------------------------------------------------------------------

    def _migrate(self) -> None:
        # Files written before these columns existed get them added, empty.
        columns = {row[1] for row in self._db.execute("PRAGMA table_info(feeds)")}
        for name in ("source", "failing_since"):
            if name not in columns:
                self._db.execute(f"ALTER TABLE feeds ADD COLUMN {name} TEXT")

    def _transaction(self) -> _Transaction:
        return _Transaction(self._db)

    def _health_rows(self, where: str, params: tuple[str, ...]) -> list[FeedHealth]:
        rows = self._db.execute(
            "SELECT f.feed_url, f.etag, f.last_modified, f.last_success, f.last_failure,"
            " f.consecutive_failures, f.last_error,"
            " (SELECT COUNT(*) FROM seen s WHERE s.feed_url = f.feed_url),"
            " (SELECT MAX(seen_at) FROM seen s WHERE s.feed_url = f.feed_url),"
            " f.source, f.failing_since"
            f" FROM feeds f {where} ORDER BY f.feed_url",
            params,
        ).fetchall()
        return [
            FeedHealth(
                feed_url=r[0],
                etag=r[1],
                last_modified=r[2],
                last_success=_parse(r[3]),
                last_failure=_parse(r[4]),
                consecutive_failures=int(r[5]),
                last_error=r[6],
                entries_seen=int(r[7]),
                last_new_entry=_parse(r[8]),
                source=r[9],
                failing_since=_parse(r[10]),
            )
            for r in rows
        ]


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any exception."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def __enter__(self) -> None:
        self._db.execute("BEGIN IMMEDIATE")

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._db.execute("COMMIT" if exc_type is None else "ROLLBACK")
