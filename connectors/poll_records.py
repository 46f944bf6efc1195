"""Two tables beside FeedStateStore's: pages to fetch again, and what each feed's last poll did.

    pending_pages   an entry stored with its feed summary because its page failed; tried
                    again on later polls (bounded attempts), and when the page arrives the
                    article gets a new version at the same URL, never a copy
    polls           per feed: last poll time, status, new / skipped / failed counts
                    (`claimwatch feeds` reads it)

Functions over the store's connection, so their writes join its commit transaction.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from typing import Literal

from claimwatch.transforms.models import FeedEntry

SCHEMA = """
CREATE TABLE IF NOT EXISTS pending_pages (
    feed_url TEXT NOT NULL,
    url TEXT NOT NULL,
    entry TEXT NOT NULL,
    published TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt TEXT NOT NULL,
    last_error TEXT,
    PRIMARY KEY (feed_url, url)
);
CREATE TABLE IF NOT EXISTS polls (
    feed_url TEXT PRIMARY KEY,
    at TEXT NOT NULL,
    status TEXT NOT NULL,
    entries INTEGER NOT NULL DEFAULT 0,
    new INTEGER NOT NULL DEFAULT 0,
    skipped INTEGER NOT NULL DEFAULT 0,
    failed INTEGER NOT NULL DEFAULT 0,
    deferred INTEGER NOT NULL DEFAULT 0,
    skip_reasons TEXT NOT NULL DEFAULT '{}',
    error TEXT
);
"""

PollStatus = Literal["ok", "not_modified", "failed", "stopped"]


@dataclass(frozen=True, slots=True)
class PendingPage:
    """An entry whose page is still owed: `published` is the event time its first version
    used, so the page's version sorts where the story belongs."""

    feed_url: str
    entry: FeedEntry
    published: datetime
    attempts: int  # failed tries so far
    next_attempt: datetime
    last_error: str


@dataclass(frozen=True, slots=True)
class PollRecord:
    """What one poll of one feed did."""

    feed_url: str
    at: datetime
    status: PollStatus
    entries: int = 0
    new: int = 0  # articles emitted (first versions and pages that arrived late)
    skipped: int = 0  # items left out, by reason in skip_reasons
    failed: int = 0  # pages that failed (the summary was kept; retried later)
    deferred: int = 0  # entries left for the next poll (stopped, deadline, host backed off)
    skip_reasons: tuple[tuple[str, int], ...] = ()
    error: str | None = None


def _iso(moment: datetime) -> str:
    # One fixed width, microseconds always, so SQLite's text comparison orders them.
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")


def _entry_json(entry: FeedEntry) -> str:
    data = asdict(entry)
    data["published"] = _iso(entry.published) if entry.published else None
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def _entry_from_json(text: str) -> FeedEntry:
    data = json.loads(text)
    published = data.pop("published")
    return FeedEntry(**data, published=datetime.fromisoformat(published) if published else None)


def due_pages(db: sqlite3.Connection, feed_url: str, now: datetime) -> list[PendingPage]:
    rows = db.execute(
        "SELECT feed_url, entry, published, attempts, next_attempt, last_error"
        " FROM pending_pages WHERE feed_url = ? AND next_attempt <= ? ORDER BY published, url",
        (feed_url, _iso(now)),
    ).fetchall()
    return [
        PendingPage(
            feed_url=r[0],
            entry=_entry_from_json(r[1]),
            published=datetime.fromisoformat(r[2]),
            attempts=int(r[3]),
            next_attempt=datetime.fromisoformat(r[4]),
            last_error=r[5] or "",
        )
        for r in rows
    ]


def pending_count(db: sqlite3.Connection, feed_url: str) -> int:
    row = db.execute("SELECT COUNT(*) FROM pending_pages WHERE feed_url = ?", (feed_url,))
    return int(row.fetchone()[0])


def write_pending(
    db: sqlite3.Connection, pending: Sequence[PendingPage], resolved: Iterable[tuple[str, str]]
) -> None:
    db.executemany(
        "DELETE FROM pending_pages WHERE feed_url = ? AND url = ?", [tuple(r) for r in resolved]
    )
    db.executemany(
        "INSERT INTO pending_pages (feed_url, url, entry, published, attempts, next_attempt,"
        " last_error) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(feed_url, url) DO UPDATE SET"
        " entry = excluded.entry, attempts = excluded.attempts,"
        " next_attempt = excluded.next_attempt, last_error = excluded.last_error",
        [
            (
                p.feed_url,
                p.entry.url,
                _entry_json(p.entry),
                _iso(p.published),
                p.attempts,
                _iso(p.next_attempt),
                p.last_error,
            )
            for p in pending
        ],
    )


def write_poll(db: sqlite3.Connection, record: PollRecord) -> None:
    db.execute(
        "INSERT INTO polls (feed_url, at, status, entries, new, skipped, failed, deferred,"
        " skip_reasons, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT(feed_url) DO UPDATE SET at = excluded.at, status = excluded.status,"
        " entries = excluded.entries, new = excluded.new, skipped = excluded.skipped,"
        " failed = excluded.failed, deferred = excluded.deferred,"
        " skip_reasons = excluded.skip_reasons, error = excluded.error",
        (
            record.feed_url,
            _iso(record.at),
            record.status,
            record.entries,
            record.new,
            record.skipped,
            record.failed,
            record.deferred,
            json.dumps(dict(record.skip_reasons), sort_keys=True),
            record.error,
        ),
    )


def read_polls(db: sqlite3.Connection) -> list[PollRecord]:
    rows = db.execute(
        "SELECT feed_url, at, status, entries, new, skipped, failed, deferred, skip_reasons,"
        " error FROM polls ORDER BY feed_url"
    ).fetchall()
    return [
        PollRecord(
            feed_url=r[0],
            at=datetime.fromisoformat(r[1]),
            status=r[2],
            entries=int(r[3]),
            new=int(r[4]),
            skipped=int(r[5]),
            failed=int(r[6]),
            deferred=int(r[7]),
            skip_reasons=tuple(sorted(json.loads(r[8] or "{}").items())),
            error=r[9],
        )
        for r in rows
    ]
