"""Everything the web app reads: the store's read-only queries and the feed state file.

One store connection per app, used under a lock: an analyst's page views are few, and the
embedded store's single SQLite connection must not be shared by threads at once.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from claimwatch.connectors.feed_state import FeedHealth, FeedStateStore
from claimwatch.connectors.store import Delivery
from claimwatch.connectors.store_reads import DashboardReads, SourceYield
from claimwatch.pipelines.backends import StoreSpec
from claimwatch.pipelines.web.views import ClaimRow, group_claims
from claimwatch.transforms.models import Alert, Article, Claim


@dataclass(frozen=True, slots=True)
class ClaimDetail:
    key: str
    history: tuple[Claim, ...]
    alerts: tuple[Alert, ...]
    articles: dict[str, Article]
    deliveries: dict[str, list[Delivery]]


@dataclass(frozen=True, slots=True)
class FeedsView:
    health: tuple[FeedHealth, ...]
    yields: tuple[SourceYield, ...]
    feed_state_found: bool


class Reader:
    """Read-only access for the pages, the JSON API and /metrics."""

    def __init__(self, spec: StoreSpec, feed_state: Path | None) -> None:
        self.spec = spec
        self.feed_state = feed_state
        self._lock = threading.Lock()
        self._store: DashboardReads | None = None
        # Grouping every claim costs seconds at 10,000 keys; pages reuse the rows until the
        # store's claims change (one cheap query per request tells).
        self._rows: tuple[str, list[ClaimRow]] | None = None

    def _open(self) -> DashboardReads:
        if self._store is None:
            # Both stores implement the read-only queries of connectors/store_reads.py.
            self._store = cast(DashboardReads, self.spec.open())
        return self._store

    def claim_rows(self) -> list[ClaimRow]:
        with self._lock:
            store = self._open()
            version = store.claims_version()
            if self._rows is None or self._rows[0] != version:
                self._rows = (version, group_claims(store.all_claims()))
            return self._rows[1]

    def claim(self, key: str) -> ClaimDetail | None:
        with self._lock:
            store = self._open()
            history = store.claim_history(key)
            if not history:
                return None
            alerts = store.alerts_for_keys([key])
            articles = store.articles_by_id([c.article_id for c in history])
            deliveries = {a.id: store.deliveries(a.id) for a in alerts}
        return ClaimDetail(
            key=key,
            history=tuple(history),
            alerts=tuple(alerts),
            articles={a.id: a for a in articles},
            deliveries=deliveries,
        )

    def alerts(self) -> list[Alert]:
        with self._lock:
            return self._open().alerts()

    def deliveries(self, alert_ids: list[str]) -> dict[str, list[Delivery]]:
        with self._lock:
            store = self._open()
            return {a: store.deliveries(a) for a in alert_ids}

    def feeds(self) -> FeedsView:
        health: list[FeedHealth] = []
        found = self.feed_state is not None and self.feed_state.exists()
        if found and self.feed_state is not None:
            with FeedStateStore(self.feed_state) as state:
                health = state.all_health()
        with self._lock:
            yields = self._open().source_yield()
        return FeedsView(tuple(health), tuple(yields), found)

    def counts(self) -> tuple[dict[str, int], dict[tuple[str, str], int], list[SourceYield]]:
        """Alerts per kind, deliveries per (channel, status), per-source yield: for /metrics."""
        with self._lock:
            store = self._open()
            return store.alert_counts(), store.delivery_counts(), store.source_yield()

    def close(self) -> None:
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None
