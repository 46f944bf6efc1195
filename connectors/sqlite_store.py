"""The embedded store: one SQLite file holding everything the pipeline keeps durably.

    articles ─┐                 signatures + signature_bands  (dedup state, LSH band index)
    extractions (entities, figures per article)
    claims (history, one row per claim id, indexed by key and publication time)
    alerts ── deliveries (per alert and channel)
    stories ── story_terms (index terms + last_seen: candidate lookup) ── story_articles

Every write is an upsert on a deterministic id, so replaying a batch changes nothing.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from claimwatch.connectors.store import Delivery, Extraction
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
CREATE TABLE IF NOT EXISTS deliveries (
    alert_id TEXT NOT NULL, channel TEXT NOT NULL, status TEXT NOT NULL,
    attempts INTEGER NOT NULL, last_error TEXT, updated TEXT NOT NULL,
    PRIMARY KEY (alert_id, channel));
CREATE TABLE IF NOT EXISTS stories (
    id TEXT PRIMARY KEY, first_seen TEXT NOT NULL, last_seen TEXT NOT NULL, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS story_terms (
    term TEXT NOT NULL, story_id TEXT NOT NULL, last_seen TEXT NOT NULL,
    PRIMARY KEY (term, story_id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS story_terms_recent ON story_terms(term, last_seen);
CREATE INDEX IF NOT EXISTS story_terms_story ON story_terms(story_id);
CREATE TABLE IF NOT EXISTS story_articles (
    article_id TEXT PRIMARY KEY, story_id TEXT NOT NULL) WITHOUT ROWID;
"""


class SqliteStore:
    """Store on a SQLite file (see connectors/store.py for the contract)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(
                self.path, timeout=30, isolation_level=None, check_same_thread=False
            )
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)
        except sqlite3.Error as exc:
            raise StoreUnavailable(
                f"cannot open the embedded store at {self.path}: {exc}; "
                "is the data directory writable?"
            ) from exc

    # -- dedup state ----------------------------------------------------------------------
    def signatures_matching(
        self, canonical_url: str, content_hash: str, bands: Sequence[str]
    ) -> list[Signature]:
        marks = ",".join("?" * len(bands)) or "NULL"
        rows = self._db.execute(
            "SELECT article_id, canonical_url, content_hash, minhash, published, source, figures "
            "FROM signatures WHERE canonical_url = ? OR content_hash = ? OR article_id IN "
            f"(SELECT article_id FROM signature_bands WHERE band IN ({marks}))",
            (canonical_url, content_hash, *bands),
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

    def extraction(self, article_id: str) -> Extraction | None:
        row = self._db.execute(
            "SELECT doc FROM extractions WHERE article_id = ?", (article_id,)
        ).fetchone()
        return _extraction(article_id, json.loads(row[0])) if row else None

    # -- claims ---------------------------------------------------------------------------
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

    def record_delivery(self, delivery: Delivery) -> None:
        with self._write():
            self._db.execute(
                "INSERT OR REPLACE INTO deliveries VALUES (?, ?, ?, ?, ?, ?)",
                (
                    delivery.alert_id,
                    delivery.channel,
                    delivery.status,
                    delivery.attempts,
                    delivery.last_error,
                    iso(delivery.updated),
                ),
            )

    def deliveries(self, alert_id: str) -> list[Delivery]:
        rows = self._db.execute(
            "SELECT alert_id, channel, status, attempts, last_error, updated FROM deliveries "
            "WHERE alert_id = ? ORDER BY channel",
            (alert_id,),
        ).fetchall()
        return [_delivery(row) for row in rows]

    def all_deliveries(self) -> list[Delivery]:
        rows = self._db.execute(
            "SELECT alert_id, channel, status, attempts, last_error, updated FROM deliveries "
            "ORDER BY updated, alert_id, channel"
        ).fetchall()
        return [_delivery(row) for row in rows]

    # -- stories --------------------------------------------------------------------------
    def save_stories(self, stories: Sequence[Story]) -> None:
        if not stories:
            return
        ids = [s.id for s in stories]
        with self._write():
            self._db.executemany(
                "INSERT OR REPLACE INTO stories VALUES (?, ?, ?, ?)",
                [
                    (
                        s.id,
                        iso(s.first_seen),
                        iso(s.last_seen),
                        json.dumps(story_to_dict(s), ensure_ascii=False),
                    )
                    for s in stories
                ],
            )
            # The centroid moves as articles join: the index follows the latest one.
            for start in range(0, len(ids), 500):  # SQLite caps bound parameters
                chunk = ids[start : start + 500]
                self._db.execute(
                    f"DELETE FROM story_terms WHERE story_id IN ({','.join('?' * len(chunk))})",
                    chunk,
                )
            self._db.executemany(
                "INSERT OR REPLACE INTO story_terms VALUES (?, ?, ?)",
                [(t, s.id, iso(s.last_seen)) for s in stories for t in s.index_terms()],
            )
            self._db.executemany(
                "INSERT OR REPLACE INTO story_articles VALUES (?, ?)",
                [(a, s.id) for s in stories for a in s.article_ids],
            )

    def stories_sharing(self, terms: Sequence[str], since: datetime, limit: int) -> list[Story]:
        if not terms:
            return []
        marks = ",".join("?" * len(terms))
        rows = self._db.execute(
            "SELECT doc FROM stories WHERE id IN (SELECT story_id FROM story_terms "
            f"WHERE term IN ({marks}) AND last_seen >= ?) ORDER BY last_seen DESC, id DESC "
            "LIMIT ?",
            (*terms, iso(since), limit),
        ).fetchall()
        return [story_from_dict(json.loads(doc)) for (doc,) in rows]

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
    return Signature(
        article_id=row[0],
        canonical_url=row[1],
        content_hash=row[2],
        minhash=minhash,
        bands=band_hashes(minhash),
        published=published,
        source=row[5],
        figures=tuple(json.loads(row[6])),
    )


def _delivery(row: tuple[Any, ...]) -> Delivery:
    updated = parse_iso(row[5])
    assert updated is not None
    return Delivery(row[0], row[1], row[2], int(row[3]), row[4], updated)


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
