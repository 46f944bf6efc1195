"""The store: articles, extraction results, dedup signatures, claim history and alerts.

Two implementations fill this interface: the embedded SQLite store
(connectors/sqlite_store.py) and Elasticsearch (connectors/es_store.py). Every write is an
upsert keyed by a deterministic id, so replaying a batch overwrites instead of duplicating.

    pipeline ──signatures_matching──▶ dedup decision ──save_signatures
             ──claim_history(key)────▶ compare        ──save_claims / save_alerts
             ──stories_sharing(terms, since)──▶ story assignment ──save_stories
    CLI      ──articles / current_claims / alerts / stories──▶ analysts
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal, Protocol

from claimwatch.transforms.dedup import Signature
from claimwatch.transforms.models import Alert, Article, Claim, Entity, Figure
from claimwatch.transforms.stories import Story


@dataclass(frozen=True, slots=True)
class Extraction:
    """What the pipeline found in one article."""

    article_id: str
    entities: tuple[Entity, ...]
    figures: tuple[Figure, ...]


@dataclass(frozen=True, slots=True)
class Delivery:
    """Delivery state of one alert on one channel: a row of the outbox.

    A pair is stored "pending" together with its alert, before the log is committed; the
    delivery loop claims pending pairs in publication order and marks each "delivered" or
    "failed" (refused for good). While a pair is pending, `not_before` holds either a
    deliverer's lease or the backoff after a failed attempt.
    """

    alert_id: str
    channel: str
    status: str  # "pending" | "delivered" | "failed"
    attempts: int
    last_error: str | None
    updated: datetime
    claim_key: str = ""
    published: datetime | None = None  # the alert's figure publication: the delivery order
    not_before: datetime | None = None


DeadLetterStage = Literal["decode", "dedup", "extract", "claims", "store"]


@dataclass(frozen=True, slots=True)
class StoredDeadLetter:
    """A log record that one stage could not process: the original bytes and why."""

    id: str  # content-derived, so a replayed slice overwrites its own dead letters
    stage: DeadLetterStage
    reason: str
    payload: bytes
    partition: int | None
    offset: int | None
    created: datetime


class Store(Protocol):
    # -- dedup state ----------------------------------------------------------------------
    def signatures_matching(
        self,
        canonical_url: str,
        content_hash: str,
        bands: Sequence[str],
        *,
        limit: int | None = None,
    ) -> list[Signature]:
        """Signatures sharing the canonical URL, the content hash or any LSH band.

        With `limit`, at most that many of the band-sharing ones (those sharing the most
        bands; ties by a stable order), so the cost per lookup stays bounded.
        """
        ...

    def save_signatures(self, signatures: Sequence[Signature]) -> None: ...

    def versions_at(self, canonical_url: str) -> list[tuple[str, str]]:
        """(article id, content hash) of articles stored at this canonical URL."""
        ...

    def signatures_matching_many(
        self, lookups: Sequence[tuple[str, str, Sequence[str]]], *, limit: int
    ) -> list[list[Signature]]:
        """signatures_matching for each (canonical url, content hash, bands), in one round
        trip where the store can: what a slice's dedup needs from the store, read up front."""
        ...

    def versions_at_many(self, canonical_urls: Sequence[str]) -> dict[str, list[tuple[str, str]]]:
        """versions_at for each URL at once."""
        ...

    # -- articles and extraction ----------------------------------------------------------
    def save_articles(self, articles: Sequence[Article]) -> None: ...

    def save_extractions(self, extractions: Sequence[Extraction]) -> None: ...

    def articles(self, limit: int | None = None) -> list[Article]: ...

    def extraction(self, article_id: str) -> Extraction | None: ...

    def recent_articles(self, limit: int) -> list[Article]:
        """The newest articles by publication, newest first (bounded: health checks)."""
        ...

    def extractions(self, article_ids: Sequence[str]) -> list[Extraction]: ...

    # -- claims ---------------------------------------------------------------------------
    def claim_history(self, key: str) -> list[Claim]:
        """Every claim recorded for a key string, oldest publication first."""
        ...

    def claim_histories(self, keys: Sequence[str]) -> dict[str, list[Claim]]:
        """claim_history for each key at once (one round trip where the store can)."""
        ...

    def save_claims(self, claims: Sequence[Claim]) -> None: ...

    def claim_keys(self) -> list[str]: ...

    # -- alerts ---------------------------------------------------------------------------
    def save_alerts(self, alerts: Sequence[Alert]) -> list[Alert]:
        """Store alerts; returns only those not stored before (a replay returns none)."""
        ...

    def alerts(self, limit: int | None = None) -> list[Alert]: ...

    def alerts_by_ids(self, alert_ids: Sequence[str]) -> list[Alert]: ...

    def alerts_for_keys(
        self, keys: Sequence[str], *, published_from: datetime | None = None
    ) -> list[Alert]:
        """Every stored alert of these claim keys (cooldowns are decided against them), or
        only those whose figure was published at or after `published_from`."""
        ...

    # -- the outbox -----------------------------------------------------------------------
    def enqueue_deliveries(self, deliveries: Sequence[Delivery]) -> None:
        """Store pending pairs; a pair already stored (in any state) is left as it is."""
        ...

    def claim_deliveries(
        self,
        now: datetime,
        lease: timedelta,
        limit: int,
        *,
        channels: Sequence[str] | None = None,
    ) -> list[Delivery]:
        """Take up to `limit` pending pairs that are due, oldest publication first.

        Claimed pairs get `not_before = now + lease`, so no other deliverer takes them until
        the lease runs out (a deliverer that died is replaced then). `channels` limits the
        claim to those channels. A pair whose key has an earlier pending pair on the same
        channel that is not due (backing off, or held by another deliverer) is not claimed:
        a key's alerts reach a channel in publication order.
        """
        ...

    def record_delivery(self, delivery: Delivery) -> None: ...

    # -- stories --------------------------------------------------------------------------
    def save_stories(self, stories: Sequence[Story]) -> None:
        """Upsert whole stories; their index terms and member articles follow them."""
        ...

    def stories_sharing(self, terms: Sequence[str], since: datetime, limit: int) -> list[Story]:
        """Stories last seen at or after `since` indexed by any of `terms`, latest first."""
        ...

    def stories_sharing_many(
        self, lookups: Sequence[tuple[Sequence[str], datetime]], limit: int
    ) -> list[list[Story]]:
        """stories_sharing for each (terms, since), in one round trip where the store can."""
        ...

    def stories_of_articles(self, article_ids: Sequence[str]) -> dict[str, str]:
        """Article id → story id, for the articles already in a story."""
        ...

    def stories(self, limit: int | None = None) -> list[Story]:
        """Every story, first seen first."""
        ...

    def deliveries(self, alert_id: str) -> list[Delivery]: ...

    def undelivered(self, limit: int | None = None) -> list[Delivery]:
        """Pairs not delivered (pending or failed), oldest publication first."""
        ...

    # -- dead letters ---------------------------------------------------------------------
    def save_dead_letters(self, letters: Sequence[StoredDeadLetter]) -> None: ...

    def dead_letters(self, limit: int | None = None) -> list[StoredDeadLetter]: ...

    def remove_dead_letters(self, ids: Sequence[str]) -> None: ...

    def close(self) -> None: ...
