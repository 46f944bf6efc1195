"""The embedded store: one SQLite file holding everything the pipeline keeps durably.

    articles ─┐                 signatures + signature_bands  (dedup state, LSH band index)
    extractions (entities, figures per article)
    claims (history, one row per claim id, indexed by key and publication time)
    alerts ── deliveries (per alert and channel)
    stories ── story_postings (index term, last_seen, story: candidate lookup) ── story_articles

Every write is an upsert on a deterministic id, so replaying a batch changes nothing.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from claimwatch.connectors.store import Delivery, Extraction, StoredDeadLetter
from claimwatch.connectors.store_reads import SourceYield, merge_yield
from claimwatch.transforms.dedup import Signature, band_hashes
from claimwatch.transforms.errors import StoreUnavailable
from claimwatch.transforms.models import Alert, Article, Claim, Entity
from claimwatch.transforms.records import (
    alert_from_dict,
    alert_to_dict,
    article_from_dict,
    article_to_dict,
    claim_from_dict,
    claim_to_dict,
    figure_from_dict,
    figure_to_dict,
    iso,
    parse_iso,
)
from claimwatch.transforms.stories import Story
from claimwatch.transforms.story_records import story_from_dict, story_to_dict

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, canonical_url TEXT NOT NULL, published TEXT NOT NULL,
    source TEXT NOT NULL, duplicate_of TEXT, doc TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS articles_canonical ON articles(canonical_url);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published);
CREATE TABLE IF NOT EXISTS signatures (
    article_id TEXT PRIMARY KEY, canonical_url TEXT NOT NULL, content_hash TEXT NOT NULL,
    minhash TEXT NOT NULL, published TEXT NOT NULL, source TEXT NOT NULL,
    figures TEXT NOT NULL DEFAULT '[]');
CREATE INDEX IF NOT EXISTS signatures_url ON signatures(canonical_url);
CREATE INDEX IF NOT EXISTS signatures_hash ON signatures(content_hash);
CREATE TABLE IF NOT EXISTS signature_bands (
    band TEXT NOT NULL, article_id TEXT NOT NULL, PRIMARY KEY (band, article_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS extractions (article_id TEXT PRIMARY KEY, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS claims (
    id TEXT PRIMARY KEY, key TEXT NOT NULL, published TEXT NOT NULL, doc TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS claims_key ON claims(key, published);
CREATE TABLE IF NOT EXISTS alerts (
    id TEXT PRIMARY KEY, claim_key TEXT NOT NULL, detected_at TEXT NOT NULL,
    published TEXT NOT NULL, doc TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS alerts_key ON alerts(claim_key, published);
CREATE TABLE IF NOT EXISTS deliveries (
    alert_id TEXT NOT NULL, channel TEXT NOT NULL, status TEXT NOT NULL,
    attempts INTEGER NOT NULL, last_error TEXT, updated TEXT NOT NULL,
    claim_key TEXT NOT NULL DEFAULT '', published TEXT, not_before TEXT,
    PRIMARY KEY (alert_id, channel));
CREATE TABLE IF NOT EXISTS dead_letters (
    id TEXT PRIMARY KEY, stage TEXT NOT NULL, reason TEXT NOT NULL, payload BLOB NOT NULL,
    partition INTEGER, "offset" INTEGER, created TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS stories (
    id TEXT PRIMARY KEY, first_seen TEXT NOT NULL, last_seen TEXT NOT NULL, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS story_postings (
    term TEXT NOT NULL, last_seen TEXT NOT NULL, story_id TEXT NOT NULL,
    PRIMARY KEY (term, last_seen, story_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS story_articles (
    article_id TEXT PRIMARY KEY, story_id TEXT NOT NULL) WITHOUT ROWID;
"""
# Columns added to a table after its first release: (table, column, definition).
_ADDED_COLUMNS = (
    ("deliveries", "claim_key", "TEXT NOT NULL DEFAULT ''"),
    ("deliveries", "published", "TEXT"),
    ("deliveries", "not_before", "TEXT"),
    # The index terms a story's postings were written under, so a save replaces exactly those.
    ("stories", "indexed", "TEXT NOT NULL DEFAULT '[]'"),
)
_INDEXES_ON_ADDED = (
    "CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries(status, published, claim_key)",
)
_DELIVERY_COLUMNS = (
    "alert_id, channel, status, attempts, last_error, updated, claim_key, published, not_before"
)


_DECODED_STORIES = 4096  # live stories kept decoded per store connection


class SqliteStore:
    """Store on a SQLite file (see connectors/store.py for the contract)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._decoded_stories: dict[str, Story] = {}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(
                self.path, timeout=30, isolation_level=None, check_same_thread=False
            )
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)
            self._migrate()
        except (sqlite3.Error, OSError) as exc:
            raise StoreUnavailable(
                f"cannot open the embedded store at {self.path}: {exc}; "
                "is the data directory writable?"
            ) from exc

    def _migrate(self) -> None:
        for table, column, definition in _ADDED_COLUMNS:
            have = {row[1] for row in self._db.execute(f"PRAGMA table_info({table})")}
            if column not in have:
                self._db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {definition}")
        for statement in _INDEXES_ON_ADDED:
            self._db.execute(statement)
        self._migrate_story_terms()

    def _migrate_story_terms(self) -> None:
        """Stores from before story_postings: one table, one B-tree, instead of three."""
        old = self._db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'story_terms'"
        ).fetchone()
        if old is None:
            return
        with self._write():
            self._db.execute(
                "INSERT OR IGNORE INTO story_postings SELECT term, last_seen, story_id "
                "FROM story_terms"
            )
            rows = self._db.execute("SELECT id, doc FROM stories").fetchall()
            self._db.executemany(
                "UPDATE stories SET indexed = ? WHERE id = ?",
                [(json.dumps(json.loads(doc).get("index_terms") or []), i) for i, doc in rows],
            )
            self._db.execute("DROP TABLE story_terms")

    # -- dedup state ----------------------------------------------------------------------
    def signatures_matching(
        self,
        canonical_url: str,
        content_hash: str,
        bands: Sequence[str],
        *,
        limit: int | None = None,
    ) -> list[Signature]:
        if limit is not None and bands:
            return self._signatures_bounded(canonical_url, content_hash, bands, limit)
        marks = ",".join("?" * len(bands)) or "NULL"
        rows = self._db.execute(
            "SELECT article_id, canonical_url, content_hash, minhash, published, source, figures "
            "FROM signatures WHERE canonical_url = ? OR content_hash = ? OR article_id IN "
            f"(SELECT article_id FROM signature_bands WHERE band IN ({marks}))",
            (canonical_url, content_hash, *bands),
        ).fetchall()
        return [_signature(row) for row in rows]

    def _signatures_bounded(
        self, canonical_url: str, content_hash: str, bands: Sequence[str], limit: int
    ) -> list[Signature]:
        # At most 4 x `limit` ids per band, read off the band primary key in id order, so
        # the work stays bounded however many signatures share a band; of those the `limit`
        # sharing the most bands.
        per_band = " UNION ALL ".join(
            "SELECT article_id FROM (SELECT article_id FROM signature_bands WHERE band = ? "
            "ORDER BY article_id LIMIT ?)"
            for _ in bands
        )
        rows = self._db.execute(
            "SELECT article_id, canonical_url, content_hash, minhash, published, source, figures "
            "FROM signatures WHERE canonical_url = ? OR content_hash = ? OR article_id IN "
            f"(SELECT article_id FROM ({per_band}) GROUP BY article_id "
            "ORDER BY COUNT(*) DESC, article_id LIMIT ?)",
            (canonical_url, content_hash, *(x for band in bands for x in (band, 4 * limit)), limit),
        ).fetchall()
        return [_signature(row) for row in rows]

    def save_signatures(self, signatures: Sequence[Signature]) -> None:
        with self._write():
            self._db.executemany(
                "INSERT OR REPLACE INTO signatures VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        s.article_id,
                        s.canonical_url,
                        s.content_hash,
                        json.dumps(list(s.minhash)),
                        iso(s.published),
                        s.source,
                        json.dumps(list(s.figures)),
                    )
                    for s in signatures
                ],
            )
            self._db.executemany(
                "INSERT OR IGNORE INTO signature_bands VALUES (?, ?)",
                [(band, s.article_id) for s in signatures for band in s.bands],
            )

    def signatures_matching_many(
        self, lookups: Sequence[tuple[str, str, Sequence[str]]], *, limit: int
    ) -> list[list[Signature]]:
        return [self.signatures_matching(u, h, b, limit=limit) for u, h, b in lookups]

    def versions_at_many(self, canonical_urls: Sequence[str]) -> dict[str, list[tuple[str, str]]]:
        return {url: self.versions_at(url) for url in dict.fromkeys(canonical_urls)}

    def versions_at(self, canonical_url: str) -> list[tuple[str, str]]:
        rows = self._db.execute(
            "SELECT article_id, content_hash FROM signatures WHERE canonical_url = ? "
            "ORDER BY published, article_id",
            (canonical_url,),
        ).fetchall()
        return [(str(a), str(h)) for a, h in rows]

    # -- articles and extraction ----------------------------------------------------------
    def save_articles(self, articles: Sequence[Article]) -> None:
        with self._write():
            self._db.executemany(
                "INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (
                        a.id,
                        a.canonical_url,
                        iso(a.published),
                        a.source,
                        a.duplicate_of,
                        json.dumps(article_to_dict(a), ensure_ascii=False),
                    )
                    for a in articles
                ],
            )

    def save_extractions(self, extractions: Sequence[Extraction]) -> None:
        with self._write():
            self._db.executemany(
                "INSERT OR REPLACE INTO extractions VALUES (?, ?)",
                [(e.article_id, json.dumps(_extraction_doc(e))) for e in extractions],
            )

    def articles(self, limit: int | None = None) -> list[Article]:
        rows = self._db.execute(
            "SELECT doc FROM articles ORDER BY published, id LIMIT ?", (limit or -1,)
        ).fetchall()
        return [article_from_dict(json.loads(doc)) for (doc,) in rows]

    def recent_articles(self, limit: int) -> list[Article]:
        rows = self._db.execute(
            "SELECT doc FROM articles ORDER BY published DESC, id DESC LIMIT ?", (limit,)
        ).fetchall()
        return [article_from_dict(json.loads(doc)) for (doc,) in rows]

    def extractions(self, article_ids: Sequence[str]) -> list[Extraction]:
        out: list[Extraction] = []
        for chunk in _chunks(list(dict.fromkeys(article_ids))):
            rows = self._db.execute(
                "SELECT article_id, doc FROM extractions WHERE article_id IN "
                f"({','.join('?' * len(chunk))})",
                chunk,
            ).fetchall()
            out += [_extraction(a, json.loads(doc)) for a, doc in rows]
        return out

    def extraction(self, article_id: str) -> Extraction | None:
        row = self._db.execute(
            "SELECT doc FROM extractions WHERE article_id = ?", (article_id,)
        ).fetchone()
        return _extraction(article_id, json.loads(row[0])) if row else None

    # -- claims ---------------------------------------------------------------------------
    def claim_histories(self, keys: Sequence[str]) -> dict[str, list[Claim]]:
        return {key: self.claim_history(key) for key in dict.fromkeys(keys)}

    def claim_history(self, key: str) -> list[Claim]:
        rows = self._db.execute(
            "SELECT doc FROM claims WHERE key = ? ORDER BY published, id", (key,)
        ).fetchall()
        return [claim_from_dict(json.loads(doc)) for (doc,) in rows]

    def save_claims(self, claims: Sequence[Claim]) -> None:
        with self._write():
            self._db.executemany(
                "INSERT OR REPLACE INTO claims VALUES (?, ?, ?, ?)",
                [
                    (
                        c.id,
                        c.key.as_string(),
                        iso(c.published),
                        json.dumps(claim_to_dict(c), ensure_ascii=False),
                    )
                    for c in claims
                ],
            )

    def claim_keys(self) -> list[str]:
        return [k for (k,) in self._db.execute("SELECT DISTINCT key FROM claims ORDER BY key")]

    # -- alerts ---------------------------------------------------------------------------
    def save_alerts(self, alerts: Sequence[Alert]) -> list[Alert]:
        fresh = []
        with self._write():
            for alert in alerts:
                cursor = self._db.execute(
                    "INSERT OR IGNORE INTO alerts VALUES (?, ?, ?, ?, ?)",
                    (
                        alert.id,
                        alert.claim_key,
                        iso(alert.detected_at),
                        iso(alert.current.published),
                        json.dumps(_alert_doc(alert), ensure_ascii=False),
                    ),
                )
                if cursor.rowcount:
                    fresh.append(alert)
        return fresh

    def alerts(self, limit: int | None = None) -> list[Alert]:
        rows = self._db.execute(
            "SELECT doc FROM alerts ORDER BY published, id LIMIT ?", (limit or -1,)
        ).fetchall()
        return [alert_from_dict(json.loads(doc)) for (doc,) in rows]

    def alerts_by_ids(self, alert_ids: Sequence[str]) -> list[Alert]:
        out: list[Alert] = []
        for chunk in _chunks(list(dict.fromkeys(alert_ids))):
            rows = self._db.execute(
                f"SELECT doc FROM alerts WHERE id IN ({','.join('?' * len(chunk))})", chunk
            ).fetchall()
            out += [alert_from_dict(json.loads(doc)) for (doc,) in rows]
        return sorted(out, key=lambda a: (a.current.published, a.id))

    def alerts_for_keys(
        self, keys: Sequence[str], *, published_from: datetime | None = None
    ) -> list[Alert]:
        out: list[Alert] = []
        since = iso(published_from) if published_from is not None else ""
        for chunk in _chunks(sorted(set(keys))):
            rows = self._db.execute(
                f"SELECT doc FROM alerts WHERE claim_key IN ({','.join('?' * len(chunk))}) "
                "AND published >= ? ORDER BY published, id",
                [*chunk, since],
            ).fetchall()
            out += [alert_from_dict(json.loads(doc)) for (doc,) in rows]
        return out

    # -- the outbox -----------------------------------------------------------------------
    def enqueue_deliveries(self, deliveries: Sequence[Delivery]) -> None:
        with self._write():
            self._db.executemany(
                f"INSERT OR IGNORE INTO deliveries ({_DELIVERY_COLUMNS}) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [_delivery_row(d) for d in deliveries],
            )

    def claim_deliveries(
        self,
        now: datetime,
        lease: timedelta,
        limit: int,
        *,
        channels: Sequence[str] | None = None,
    ) -> list[Delivery]:
        due = _fixed(now)
        only = ""
        params: list[Any] = [due, due]
        if channels is not None:
            only = f"AND d.channel IN ({','.join('?' * len(channels)) or 'NULL'}) "
            params += list(channels)
        with self._write():  # BEGIN IMMEDIATE: one deliverer claims at a time
            columns = ", ".join(f"d.{c.strip()}" for c in _DELIVERY_COLUMNS.split(","))
            rows = self._db.execute(
                f"SELECT {columns} FROM deliveries d WHERE d.status = 'pending' "
                "AND (d.not_before IS NULL OR d.not_before <= ?) "
                "AND NOT EXISTS (SELECT 1 FROM deliveries e WHERE e.status = 'pending' "
                "AND e.channel = d.channel AND e.claim_key = d.claim_key "
                "AND e.not_before > ? "
                "AND (e.published < d.published "
                "OR (e.published = d.published AND e.alert_id < d.alert_id))) "
                f"{only}ORDER BY d.published, d.claim_key, d.alert_id, d.channel LIMIT ?",
                (*params, limit),
            ).fetchall()
            claimed = [replace(_delivery(row), not_before=now + lease) for row in rows]
            self._db.executemany(
                "UPDATE deliveries SET not_before = ? WHERE alert_id = ? AND channel = ?",
                [(_fixed(d.not_before), d.alert_id, d.channel) for d in claimed],
            )
        return claimed

    def record_delivery(self, delivery: Delivery) -> None:
        with self._write():
            self._db.execute(
                f"INSERT OR REPLACE INTO deliveries ({_DELIVERY_COLUMNS}) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                _delivery_row(delivery),
            )

    def deliveries(self, alert_id: str) -> list[Delivery]:
        rows = self._db.execute(
            f"SELECT {_DELIVERY_COLUMNS} FROM deliveries WHERE alert_id = ? ORDER BY channel",
            (alert_id,),
        ).fetchall()
        return [_delivery(row) for row in rows]

    def undelivered(self, limit: int | None = None) -> list[Delivery]:
        rows = self._db.execute(
            f"SELECT {_DELIVERY_COLUMNS} FROM deliveries WHERE status != 'delivered' "
            "ORDER BY published, claim_key, alert_id, channel LIMIT ?",
            (limit or -1,),
        ).fetchall()
        return [_delivery(row) for row in rows]

    def all_deliveries(self) -> list[Delivery]:
        rows = self._db.execute(
            f"SELECT {_DELIVERY_COLUMNS} FROM deliveries ORDER BY updated, alert_id, channel"
        ).fetchall()
        return [_delivery(row) for row in rows]

    # -- dead letters ---------------------------------------------------------------------
    def save_dead_letters(self, letters: Sequence[StoredDeadLetter]) -> None:
        with self._write():
            self._db.executemany(
                "INSERT OR REPLACE INTO dead_letters VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (d.id, d.stage, d.reason, d.payload, d.partition, d.offset, iso(d.created))
                    for d in letters
                ],
            )

    def dead_letters(self, limit: int | None = None) -> list[StoredDeadLetter]:
        rows = self._db.execute(
            'SELECT id, stage, reason, payload, partition, "offset", created FROM dead_letters '
            'ORDER BY created, partition, "offset", id LIMIT ?',
            (limit or -1,),
        ).fetchall()
        return [
            StoredDeadLetter(
                id=row[0],
                stage=row[1],
                reason=row[2],
                payload=bytes(row[3]),
                partition=row[4],
                offset=row[5],
                created=parse_iso(row[6]) or datetime.min,
            )
            for row in rows
        ]

    def remove_dead_letters(self, ids: Sequence[str]) -> None:
        with self._write():
            self._db.executemany("DELETE FROM dead_letters WHERE id = ?", [(i,) for i in ids])

    # -- stories --------------------------------------------------------------------------
    def save_stories(self, stories: Sequence[Story]) -> None:
        if not stories:
            return
        ids = [s.id for s in stories]
        with self._write():
            before: dict[str, tuple[str, list[str]]] = {}
            for start in range(0, len(ids), 500):  # SQLite caps bound parameters
                chunk = ids[start : start + 500]
                rows = self._db.execute(
                    "SELECT id, last_seen, indexed FROM stories WHERE id IN "
                    f"({','.join('?' * len(chunk))})",
                    chunk,
                ).fetchall()
                before.update({i: (seen, json.loads(indexed)) for i, seen, indexed in rows})
            stale: list[tuple[str, str, str]] = []
            fresh: list[tuple[str, str, str]] = []
            rows_out = []
            for s in stories:
                seen, terms = iso(s.last_seen) or "", list(s.index_terms())
                old_seen, old_terms = before.get(s.id, ("", []))
                # The centroid moves as articles join: the postings follow the latest one; a
                # posting whose term and time did not change is left where it is.
                keep = set(old_terms) & set(terms) if old_seen == seen else set()
                stale += [(t, old_seen, s.id) for t in old_terms if t not in keep]
                fresh += [(t, seen, s.id) for t in terms if t not in keep]
                doc = json.dumps(story_to_dict(s), ensure_ascii=False)
                rows_out.append((s.id, iso(s.first_seen), seen, doc, json.dumps(terms)))
            self._db.executemany(
                "DELETE FROM story_postings WHERE term = ? AND last_seen = ? AND story_id = ?",
                stale,
            )
            self._db.executemany(
                "INSERT INTO stories (id, first_seen, last_seen, doc, indexed) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET first_seen = "
                "excluded.first_seen, last_seen = excluded.last_seen, doc = excluded.doc, "
                "indexed = excluded.indexed",
                rows_out,
            )
            self._db.executemany("INSERT OR IGNORE INTO story_postings VALUES (?, ?, ?)", fresh)
            self._db.executemany(
                "INSERT OR IGNORE INTO story_articles VALUES (?, ?)",
                [(a, s.id) for s in stories for a in s.article_ids],
            )

    def stories_sharing(self, terms: Sequence[str], since: datetime, limit: int) -> list[Story]:
        if not terms:
            return []
        marks = ",".join("?" * len(terms))
        rows = self._db.execute(
            "SELECT doc FROM stories WHERE id IN (SELECT story_id FROM story_postings "
            f"WHERE term IN ({marks}) AND last_seen >= ?) ORDER BY last_seen DESC, id DESC "
            "LIMIT ?",
            (*terms, iso(since), limit),
        ).fetchall()
        return [self._story(doc) for (doc,) in rows]

    def _story(self, doc: str) -> Story:
        # A live story is a candidate for every article that shares a term with it, and
        # decoding it (figures, terms) cost more than the rest of story assignment. The stored
        # text is the story's exact content, so it is the cache key: an update is a new key.
        story = self._decoded_stories.get(doc)
        if story is None:
            if len(self._decoded_stories) >= _DECODED_STORIES:
                self._decoded_stories.clear()
            story = self._decoded_stories[doc] = story_from_dict(json.loads(doc))
        return story

    def stories_sharing_many(
        self, lookups: Sequence[tuple[Sequence[str], datetime]], limit: int
    ) -> list[list[Story]]:
        # A batch's lookups keep finding the same few live stories: ask for ids per lookup
        # and read each story's document once, not once per lookup that finds it.
        found = [self._story_ids_sharing(terms, since, limit) for terms, since in lookups]
        wanted = sorted({i for ids in found for i in ids})
        docs: dict[str, str] = {}
        for start in range(0, len(wanted), 500):  # SQLite caps bound parameters
            chunk = wanted[start : start + 500]
            rows = self._db.execute(
                f"SELECT id, doc FROM stories WHERE id IN ({','.join('?' * len(chunk))})", chunk
            ).fetchall()
            docs.update({str(i): str(doc) for i, doc in rows})
        return [[self._story(docs[i]) for i in ids] for ids in found]

    def _story_ids_sharing(self, terms: Sequence[str], since: datetime, limit: int) -> list[str]:
        if not terms:
            return []
        marks = ",".join("?" * len(terms))
        rows = self._db.execute(
            "SELECT id FROM stories WHERE id IN (SELECT story_id FROM story_postings "
            f"WHERE term IN ({marks}) AND last_seen >= ?) ORDER BY last_seen DESC, id DESC "
            "LIMIT ?",
            (*terms, iso(since), limit),
        ).fetchall()
        return [str(i) for (i,) in rows]

    def stories_of_articles(self, article_ids: Sequence[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        ids = list(article_ids)
        for start in range(0, len(ids), 500):  # SQLite caps bound parameters
            chunk = ids[start : start + 500]
            rows = self._db.execute(
                "SELECT article_id, story_id FROM story_articles WHERE article_id IN "
                f"({','.join('?' * len(chunk))})",
                chunk,
            ).fetchall()
            out.update({str(a): str(s) for a, s in rows})
        return out

    def stories(self, limit: int | None = None) -> list[Story]:
        rows = self._db.execute(
            "SELECT doc FROM stories ORDER BY first_seen, id LIMIT ?", (limit or -1,)
        ).fetchall()
        return [story_from_dict(json.loads(doc)) for (doc,) in rows]

    # -- read-only queries for the web app and /metrics (connectors/store_reads.py) --------
    def all_claims(self) -> list[Claim]:
        rows = self._db.execute("SELECT doc FROM claims ORDER BY key, published, id").fetchall()
        return [claim_from_dict(json.loads(doc)) for (doc,) in rows]

    def claims_version(self) -> str:
        # INSERT OR REPLACE gives a rewritten row a new rowid, so a rewrite moves MAX too.
        count, top = self._db.execute("SELECT COUNT(*), MAX(rowid) FROM claims").fetchone()
        return f"{count}:{top}"

    def articles_by_id(self, ids: Sequence[str]) -> list[Article]:
        return [article_from_dict(json.loads(doc)) for doc in self._docs_by_id("articles", ids)]

    def source_yield(self) -> list[SourceYield]:
        articles = {
            str(source): (int(total), int(dupes or 0))
            for source, total, dupes in self._db.execute(
                "SELECT source, COUNT(*), SUM(duplicate_of IS NOT NULL) FROM articles "
                "GROUP BY source"
            )
        }
        claims = dict(
            self._db.execute(
                "SELECT json_extract(doc, '$.source'), COUNT(*) FROM claims GROUP BY 1"
            ).fetchall()
        )
        alerts = dict(
            self._db.execute(
                "SELECT json_extract(doc, '$.current.source'), COUNT(*) FROM alerts GROUP BY 1"
            ).fetchall()
        )
        return merge_yield(articles, claims, alerts)

    def alert_counts(self) -> dict[str, int]:
        rows = self._db.execute(
            "SELECT json_extract(doc, '$.change'), COUNT(*) FROM alerts GROUP BY 1 ORDER BY 1"
        ).fetchall()
        return {str(kind): int(n) for kind, n in rows}

    def delivery_counts(self) -> dict[tuple[str, str], int]:
        rows = self._db.execute(
            "SELECT channel, status, COUNT(*) FROM deliveries GROUP BY 1, 2 ORDER BY 1, 2"
        ).fetchall()
        return {(str(c), str(s)): int(n) for c, s, n in rows}

    def _docs_by_id(self, table: str, ids: Sequence[str]) -> list[str]:
        wanted = sorted(set(ids))
        docs: list[str] = []
        for start in range(0, len(wanted), 500):  # stay under SQLite's parameter limit
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            query = f"SELECT doc FROM {table} WHERE id IN ({marks}) ORDER BY published, id"
            docs.extend(doc for (doc,) in self._db.execute(query, chunk))
        return docs

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def _write(self) -> Iterator[None]:
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreUnavailable(f"embedded store {self.path} is not writable: {exc}") from exc
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")


def _signature(row: tuple[Any, ...]) -> Signature:
    minhash = tuple(json.loads(row[3]))
    published = parse_iso(row[4])
    assert published is not None
    figures = tuple(json.loads(row[6]))
    return Signature(
        article_id=row[0],
        canonical_url=row[1],
        content_hash=row[2],
        minhash=minhash,
        bands=band_hashes(minhash, figures),
        published=published,
        source=row[5],
        figures=figures,
    )


def _delivery(row: tuple[Any, ...]) -> Delivery:
    updated = parse_iso(row[5])
    assert updated is not None
    return Delivery(
        row[0],
        row[1],
        row[2],
        int(row[3]),
        row[4],
        updated,
        row[6],
        parse_iso(row[7]),
        parse_iso(row[8]),
    )


def _delivery_row(d: Delivery) -> tuple[Any, ...]:
    return (
        d.alert_id,
        d.channel,
        d.status,
        d.attempts,
        d.last_error,
        iso(d.updated),
        d.claim_key,
        _fixed(d.published),
        _fixed(d.not_before),
    )


def _fixed(moment: datetime | None) -> str | None:
    """UTC with microseconds always: these columns are compared and sorted as text."""
    if moment is None:
        return None
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _chunks(items: list[str], size: int = 500) -> Iterator[list[str]]:
    # SQLite caps bound parameters per statement (999 in older builds).
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _alert_doc(alert: Alert) -> dict[str, Any]:
    doc = alert_to_dict(alert)
    doc["previous_claim"] = claim_to_dict(alert.previous) if alert.previous else None
    doc["current_claim"] = claim_to_dict(alert.current)
    return doc


def _extraction_doc(extraction: Extraction) -> dict[str, Any]:
    return {
        "entities": [
            {"text": e.text, "label": e.label, "start": e.start, "end": e.end}
            for e in extraction.entities
        ],
        "figures": [figure_to_dict(f) for f in extraction.figures],
    }


def _extraction(article_id: str, doc: dict[str, Any]) -> Extraction:
    return Extraction(
        article_id=article_id,
        entities=tuple(Entity(**e) for e in doc["entities"]),
        figures=tuple(figure_from_dict(f) for f in doc["figures"]),
    )
