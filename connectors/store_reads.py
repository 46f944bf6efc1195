"""Read-only queries the web app and /metrics need beyond the pipeline's Store contract.

Both stores implement them (connectors/sqlite_store.py, connectors/es_store.py) as counts and
scans done by the database, so a page over 10,000 claim keys is one query, not 10,000.

    serve ──all_claims──────────▶ Claims page (grouped by key, summarised, cached while
          ──claims_version──────▶ the version stays the same)
          ──alerts_for_key, articles_by_id──▶ a Claim page's alerts and article titles
          ──source_yield────────▶ Feeds page (articles, duplicates, claims, alerts per source)
          ──alert_counts / delivery_counts──▶ /metrics
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from claimwatch.connectors.store import Store
from claimwatch.transforms.models import Article, Claim


@dataclass(frozen=True, slots=True)
class SourceYield:
    """What one source has given the store."""

    source: str
    articles: int
    duplicates: int
    claims: int
    alerts: int


class DashboardReads(Store, Protocol):
    def all_claims(self) -> list[Claim]:
        """Every claim in the history, ordered by key, then publication time, then id."""
        ...

    def claims_version(self) -> str:
        """Changes whenever a claim is added or rewritten: the web app's cache key."""
        ...

    def articles_by_id(self, ids: Sequence[str]) -> list[Article]:
        """Those of the articles stored, in publication order (unknown ids are left out)."""
        ...

    def source_yield(self) -> list[SourceYield]:
        """Per source, ordered by source name."""
        ...

    def alert_counts(self) -> dict[str, int]:
        """Stored alerts per change kind."""
        ...

    def delivery_counts(self) -> dict[tuple[str, str], int]:
        """Deliveries per (channel, status)."""
        ...


def merge_yield(
    articles: dict[str, tuple[int, int]], claims: dict[str, int], alerts: dict[str, int]
) -> list[SourceYield]:
    """Per-source counts from three group-bys, every source that appears in any of them."""
    names = sorted(set(articles) | set(claims) | set(alerts))
    return [
        SourceYield(
            source=name,
            articles=articles.get(name, (0, 0))[0],
            duplicates=articles.get(name, (0, 0))[1],
            claims=claims.get(name, 0),
            alerts=alerts.get(name, 0),
        )
        for name in names
    ]
