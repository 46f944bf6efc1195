"""The store on Elasticsearch (official client 8.x): the same contract as the SQLite store.

    save_*  ──pure mappers (es_documents), deterministic ids──▶ helpers.streaming_bulk
            ──every item checked; 429/5xx items retried with backoff; the rest raise
              BulkWriteError (a StoreWriteError naming each id)
            ──refresh: at once for indices the pipeline reads back, else before the next read
    reads   ──term queries + search_after on (published, id)──▶ models

    <prefix>articles         one doc per article version      id = article id
    <prefix>signatures       dedup state, bands keyword[]     id = article id
    <prefix>extractions      entities + figures               id = article id
    <prefix>claim-history    every claim                      id = claim id
    <prefix>claims           current value per key            id = sha1(key)
    <prefix>alerts           op_type=create, 409 = known      id = alert id
    <prefix>deliveries       the outbox: per alert and channel id = alert id:channel
                             (claimed with if_seq_no, so two deliverers never take one pair)
    <prefix>dead-letters     records a stage could not process id = content hash
    <prefix>stories          one doc per story, index_terms    id = story id

Mappings live in config/index_templates/*.json (versioned) and are installed as composable
index templates on first use. Text fields use the analyzer `claimwatch_text`, a `standard`
analyzer by default because the integ-test distribution the local stack runs lacks
analysis-common; production clusters can pass analyzer="english".
"""

from __future__ import annotations

import copy
import json
import logging
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime, timedelta
from importlib import resources
from typing import Any

from claimwatch.connectors.es_auth import ElasticsearchAuth
from claimwatch.connectors.es_documents import (
    alert_document,
    article_document,
    claim_history_document,
    current_claim_document,
    dead_letter_document,
    dead_letter_from_document,
    delivery_document,
    delivery_from_document,
    delivery_id,
    extraction_document,
    extraction_from_document,
    key_id,
    signature_document,
    signature_from_document,
    story_document,
)
from claimwatch.connectors.secrets import redact, redact_url
from claimwatch.connectors.store import Delivery, Extraction, StoredDeadLetter
from claimwatch.connectors.store_reads import SourceYield, merge_yield
from claimwatch.transforms.dedup import Signature
from claimwatch.transforms.errors import ConfigError, StoreUnavailable, StoreWriteError
from claimwatch.transforms.models import Alert, Article, Claim
from claimwatch.transforms.records import (
    alert_from_dict,
    article_from_dict,
    claim_from_dict,
    iso,
)
from claimwatch.transforms.stories import Story
from claimwatch.transforms.story_records import story_from_dict
from elasticsearch import ApiError, Elasticsearch, NotFoundError, TransportError, helpers
from pydantic import SecretStr

INDICES = (
    "articles",
    "signatures",
    "extractions",
    "claim-history",
    "claims",
    "alerts",
    "deliveries",
    "dead-letters",
    "stories",
)
RETRYABLE = frozenset({429, 502, 503, 504})
# Indices the pipeline searches while it runs, possibly from several workers: refreshed on
# write. A refresh costs tens of ms, so the others are refreshed only when read (below).
log = logging.getLogger(__name__)

READ_BACK = frozenset({"signatures", "claim-history", "claims", "alerts", "deliveries", "stories"})
_PAGE = 1000
_MSEARCH = 200  # searches per msearch request


# mypy sees claimwatch.* as Any when run on the folders (the package-dir mapping).
class BulkWriteError(StoreWriteError):  # type: ignore[misc,unused-ignore]
    """Documents Elasticsearch rejected after retries; `failures` is (index, id, reason)."""

    def __init__(self, message: str, failures: Sequence[tuple[str, str, str]]) -> None:
        super().__init__(message)
        self.failures = tuple(failures)


_DECODED_STORIES = 4096  # live story versions kept decoded per store instance
# (url, index prefix) whose templates and indices this process has put: see _ensure_indices.
_ENSURED: set[tuple[str, str]] = set()


class ElasticsearchStore:
    """Store on Elasticsearch.

    Args:
        client: an `Elasticsearch` client, or the URL to build one for.
        prefix: prepended to every index and template name (tests use a unique one).
        analyzer: analyzer type for text fields ("standard"; "english" where available).
        replicas: number_of_replicas for new indices (0 suits a single node).
        refresh: refresh after each write to an index the pipeline reads back (signatures,
            claims, alerts, deliveries), so every worker's next read sees it. Articles and
            extractions are only read by people: they are refreshed lazily, before this
            instance's next search of them (ES refreshes every second anyway).
        request_timeout: seconds per request for a client built from a URL.
        max_retries: bulk retries of 429/5xx items; backoff doubles from `backoff` seconds.
        auth: credentials and CA for a client built from a URL; never shown in messages,
            and neither are credentials written into the URL.
    """

    def __init__(
        self,
        client: Elasticsearch | str,
        *,
        prefix: str = "claimwatch-",
        analyzer: str = "standard",
        replicas: int = 0,
        refresh: bool = True,
        request_timeout: float = 10.0,
        max_retries: int = 4,
        backoff: float = 0.5,
        auth: ElasticsearchAuth | None = None,
    ) -> None:
        self._secrets: tuple[SecretStr | str, ...] = auth.secrets() if auth is not None else ()
        if isinstance(client, str):
            self.url = redact_url(client)
            self._secrets += _url_secrets(client)
            self._client = Elasticsearch(
                client,
                request_timeout=request_timeout,
                max_retries=1,
                retry_on_timeout=False,
                **(auth.client_options() if auth is not None else {}),
            )
            self._owns_client = True
        else:
            self.url = _client_url(client)
            self._client = client
            self._owns_client = False
        self.prefix = prefix
        self.analyzer = analyzer
        self.replicas = replicas
        self.refresh = refresh
        self._stale: set[str] = set()  # written here, not refreshed yet
        self.max_retries = max_retries
        self.backoff = backoff
        self._ready = False
        # (id, seq_no, primary_term) → the story decoded: that triple names one exact version.
        self._decoded_stories: dict[tuple[str, int, int], Story] = {}

    def index(self, name: str) -> str:
        return f"{self.prefix}{name}"

    # -- availability ----------------------------------------------------------------------
    def wait_until_available(self, timeout: float = 60.0) -> None:
        """Block until the cluster answers with health yellow or green, or raise."""
        deadline = time.monotonic() + timeout
        last: Exception | None = None
        while True:
            remaining = deadline - time.monotonic()
            try:
                health = self._client.options(
                    request_timeout=max(1.0, min(5.0, remaining))
                ).cluster.health(wait_for_status="yellow", timeout="1s")
                if health.get("status") in ("green", "yellow"):
                    return
            except (TransportError, ApiError) as exc:
                if isinstance(exc, ApiError) and exc.status_code in (401, 403):
                    with self._guard("checking cluster health"):
                        raise  # wrong credentials do not heal by waiting: a ConfigError
                last = exc
            if time.monotonic() >= deadline:
                raise StoreUnavailable(
                    self._redact(
                        f"Elasticsearch at {self.url} not available after {timeout:.0f}s "
                        f"({last}); is it running? try `claimwatch stack up`"
                    )
                ) from last
            time.sleep(0.5)

    # -- dedup state -----------------------------------------------------------------------
    def signatures_matching(
        self,
        canonical_url: str,
        content_hash: str,
        bands: Sequence[str],
        *,
        limit: int | None = None,
    ) -> list[Signature]:
        should: list[dict[str, Any]] = [
            {"term": {"canonical_url": canonical_url}},
            {"term": {"content_hash": content_hash}},
        ]
        by_time = [{"published": "asc"}, {"article_id": "asc"}]
        if bands and limit is not None:
            exact, shared = _candidate_queries(canonical_url, content_hash, bands)
            docs = {d["article_id"]: d for d in self._search("signatures", exact, by_time)}
            for d in self._search("signatures", shared, [{"_score": "desc"}, *by_time], limit):
                docs.setdefault(d["article_id"], d)
            return [signature_from_document(d) for d in docs.values()]
        if bands:
            should.append({"terms": {"bands": list(bands)}})
        query = {"bool": {"should": should, "minimum_should_match": 1}}
        docs_in_order = self._search("signatures", query, by_time)
        return [signature_from_document(d) for d in docs_in_order]

    def signatures_matching_many(
        self, lookups: Sequence[tuple[str, str, Sequence[str]]], *, limit: int
    ) -> list[list[Signature]]:
        by_time = [{"published": "asc"}, {"article_id": "asc"}]
        searches: list[tuple[dict[str, Any], list[dict[str, str]], int]] = []
        for url, digest, bands in lookups:
            exact, shared = _candidate_queries(url, digest, bands)
            searches.append((exact, by_time, _PAGE))
            searches.append((shared, [{"_score": "desc"}, *by_time], limit))
        found = self._msearch("signatures", searches)
        out = []
        for i in range(len(lookups)):
            exact_docs, shared_docs = found[2 * i], found[2 * i + 1]
            if exact_docs is None:  # more exact matches than one page: read them all
                exact_docs = self._search("signatures", searches[2 * i][0], by_time)
            docs = {d["article_id"]: d for d in exact_docs}
            for d in (shared_docs or [])[:limit]:
                docs.setdefault(d["article_id"], d)
            out.append([signature_from_document(d) for d in docs.values()])
        return out

    def versions_at_many(self, canonical_urls: Sequence[str]) -> dict[str, list[tuple[str, str]]]:
        urls = list(dict.fromkeys(canonical_urls))
        sort = [{"published": "asc"}, {"article_id": "asc"}]
        found = self._msearch(
            "signatures", [({"term": {"canonical_url": u}}, sort, _PAGE) for u in urls]
        )
        return {
            url: [(d["article_id"], d["content_hash"]) for d in docs]
            if docs is not None
            else self.versions_at(url)
            for url, docs in zip(urls, found, strict=True)
        }

    def save_signatures(self, signatures: Sequence[Signature]) -> None:
        self._write("signatures", [(s.article_id, signature_document(s)) for s in signatures])

    def versions_at(self, canonical_url: str) -> list[tuple[str, str]]:
        docs = self._search(
            "signatures",
            {"term": {"canonical_url": canonical_url}},
            [{"published": "asc"}, {"article_id": "asc"}],
        )
        return [(d["article_id"], d["content_hash"]) for d in docs]

    # -- articles and extraction -----------------------------------------------------------
    def save_articles(self, articles: Sequence[Article]) -> None:
        self._write("articles", [(a.id, article_document(a)) for a in articles])

    def save_extractions(self, extractions: Sequence[Extraction]) -> None:
        self._write("extractions", [(e.article_id, extraction_document(e)) for e in extractions])

    def articles(self, limit: int | None = None) -> list[Article]:
        docs = self._search(
            "articles", {"match_all": {}}, [{"published": "asc"}, {"id": "asc"}], limit
        )
        return [article_from_dict(d) for d in docs]

    def recent_articles(self, limit: int) -> list[Article]:
        docs = self._search(
            "articles", {"match_all": {}}, [{"published": "desc"}, {"id": "desc"}], limit
        )
        return [article_from_dict(d) for d in docs]

    def extractions(self, article_ids: Sequence[str]) -> list[Extraction]:
        ids = list(dict.fromkeys(article_ids))
        if not ids:
            return []
        with self._guard("reading extractions"):
            if self.index("extractions") in self._stale:
                self._client.indices.refresh(index=self.index("extractions"))
                self._stale.discard(self.index("extractions"))
            found = self._client.mget(index=self.index("extractions"), ids=ids)
        return [extraction_from_document(d["_source"]) for d in found["docs"] if d.get("found")]

    def extraction(self, article_id: str) -> Extraction | None:
        with self._guard("reading an extraction"):
            try:
                found = self._client.get(index=self.index("extractions"), id=article_id)
            except NotFoundError:
                return None
        return extraction_from_document(found["_source"])

    # -- claims ----------------------------------------------------------------------------
    def claim_history(self, key: str) -> list[Claim]:
        docs = self._search(
            "claim-history", {"term": {"key": key}}, [{"published": "asc"}, {"id": "asc"}]
        )
        return [claim_from_dict(d) for d in docs]

    def claim_histories(self, keys: Sequence[str]) -> dict[str, list[Claim]]:
        unique = list(dict.fromkeys(keys))
        sort = [{"published": "asc"}, {"id": "asc"}]
        found = self._msearch(
            "claim-history", [({"term": {"key": k}}, sort, _PAGE) for k in unique]
        )
        return {
            key: [claim_from_dict(d) for d in docs] if docs is not None else self.claim_history(key)
            for key, docs in zip(unique, found, strict=True)
        }

    def save_claims(self, claims: Sequence[Claim]) -> None:
        """Append to the history, then rewrite each touched key's current-value document."""
        self._write(
            "claim-history", [(c.id, claim_history_document(c)) for c in claims], refresh=True
        )
        keys = sorted({c.key.as_string() for c in claims})
        histories = self.claim_histories(keys)  # one round trip, not one per key
        current = [(key_id(k), current_claim_document(k, histories[k])) for k in keys]
        self._write("claims", current)

    def claim_keys(self) -> list[str]:
        return [d["key"] for d in self._search("claims", {"match_all": {}}, [{"key": "asc"}])]

    def current_claim(self, key: str) -> dict[str, Any] | None:
        """The current-value document of a key (latest claim, per-source latest values)."""
        with self._guard("reading a current claim"):
            try:
                found = self._client.get(index=self.index("claims"), id=key_id(key))
            except NotFoundError:
                return None
        return dict(found["_source"])

    # -- alerts ----------------------------------------------------------------------------
    def save_alerts(self, alerts: Sequence[Alert]) -> list[Alert]:
        statuses = self._write(
            "alerts", [(a.id, alert_document(a)) for a in alerts], op_type="create"
        )
        fresh, seen = [], set()
        for alert in alerts:
            if statuses.get(alert.id) == 201 and alert.id not in seen:
                fresh.append(alert)
            seen.add(alert.id)
        return fresh

    def alerts(self, limit: int | None = None) -> list[Alert]:
        docs = self._search(
            "alerts", {"match_all": {}}, [{"published": "asc"}, {"id": "asc"}], limit
        )
        return [alert_from_dict(d) for d in docs]

    def alerts_by_ids(self, alert_ids: Sequence[str]) -> list[Alert]:
        ids = list(dict.fromkeys(alert_ids))
        if not ids:
            return []
        docs = self._search(
            "alerts", {"ids": {"values": ids}}, [{"published": "asc"}, {"id": "asc"}]
        )
        return [alert_from_dict(d) for d in docs]

    def alerts_for_keys(
        self, keys: Sequence[str], *, published_from: datetime | None = None
    ) -> list[Alert]:
        if not keys:
            return []
        query: dict[str, Any] = {"terms": {"claim_key": sorted(set(keys))}}
        if published_from is not None:
            query = {
                "bool": {"filter": [query, {"range": {"published": {"gte": iso(published_from)}}}]}
            }
        docs = self._search("alerts", query, [{"published": "asc"}, {"id": "asc"}])
        return [alert_from_dict(d) for d in docs]

    # -- the outbox ------------------------------------------------------------------------
    def enqueue_deliveries(self, deliveries: Sequence[Delivery]) -> None:
        # op_type=create: a pair already stored (delivered, say) is never reset to pending.
        self._write(
            "deliveries",
            [(delivery_id(d.alert_id, d.channel), delivery_document(d)) for d in deliveries],
            op_type="create",
        )

    def claim_deliveries(
        self,
        now: datetime,
        lease: timedelta,
        limit: int,
        *,
        channels: Sequence[str] | None = None,
    ) -> list[Delivery]:
        only: list[dict[str, Any]] = []
        if channels is not None:
            only = [{"terms": {"channel": list(channels)}}]
        query = {
            "bool": {
                "filter": [{"term": {"status": "pending"}}, *only],
                "should": [
                    {"bool": {"must_not": {"exists": {"field": "not_before"}}}},
                    {"range": {"not_before": {"lte": iso(now)}}},
                ],
                "minimum_should_match": 1,
            }
        }
        sort = [{"published": "asc"}, {"claim_key": "asc"}, {"alert_id": "asc"}]
        with self._guard("claiming deliveries"):
            if self.index("deliveries") in self._stale:  # this instance's own recent records
                self._client.indices.refresh(index=self.index("deliveries"))
                self._stale.discard(self.index("deliveries"))
            response = self._client.search(
                index=self.index("deliveries"),
                query=query,
                sort=sort,
                size=limit,
                seq_no_primary_term=True,
                track_total_hits=False,
            )
            hits = self._in_key_order(response["hits"]["hits"], now)
            if not hits:
                return []
            wanted = {}
            actions = []
            for hit in hits:
                claimed = replace(delivery_from_document(hit["_source"]), not_before=now + lease)
                wanted[hit["_id"]] = claimed
                actions.append(
                    {
                        "_op_type": "index",
                        "_index": self.index("deliveries"),
                        "_id": hit["_id"],
                        "_source": delivery_document(claimed),
                        "if_seq_no": hit["_seq_no"],
                        "if_primary_term": hit["_primary_term"],
                    }
                )
            taken = []
            # A 409 means another deliverer claimed the pair first: it is theirs.
            for _ok, item in helpers.streaming_bulk(
                self._client,
                actions,
                max_retries=0,
                raise_on_error=False,
                raise_on_exception=True,
                refresh="true",
            ):
                info = next(iter(item.values()))
                if int(info.get("status", 0)) < 300:
                    taken.append(wanted[str(info["_id"])])
        return taken

    def _in_key_order(self, hits: list[dict[str, Any]], now: datetime) -> list[dict[str, Any]]:
        """Due pairs less those behind an earlier pair of their key and channel not due yet."""
        keys = sorted({hit["_source"].get("claim_key") or "" for hit in hits})
        blocking = self._search(
            "deliveries",
            {
                "bool": {
                    "filter": [
                        {"term": {"status": "pending"}},
                        {"terms": {"claim_key": keys}},
                        {"range": {"not_before": {"gt": iso(now)}}},
                    ]
                }
            },
            [{"published": "asc"}, {"alert_id": "asc"}],
        )
        first: dict[tuple[str, str], tuple[str, str]] = {}
        for doc in blocking:
            lane = (doc["channel"], doc.get("claim_key") or "")
            first.setdefault(lane, (doc.get("published") or "", doc["alert_id"]))
        kept = []
        for hit in hits:
            doc = hit["_source"]
            block = first.get((doc["channel"], doc.get("claim_key") or ""))
            if block is None or block >= (doc.get("published") or "", doc["alert_id"]):
                kept.append(hit)
        return kept

    def record_delivery(self, delivery: Delivery) -> None:
        doc_id = delivery_id(delivery.alert_id, delivery.channel)
        # Durable at once, visible at the next read: a refresh per pair cost ~20 ms, and every
        # read of this store (claim_deliveries included) refreshes first when it wrote since.
        self._write("deliveries", [(doc_id, delivery_document(delivery))], refresh=False)

    def deliveries(self, alert_id: str) -> list[Delivery]:
        docs = self._search("deliveries", {"term": {"alert_id": alert_id}}, [{"channel": "asc"}])
        return [delivery_from_document(d) for d in docs]

    def undelivered(self, limit: int | None = None) -> list[Delivery]:
        query = {"bool": {"must_not": {"term": {"status": "delivered"}}}}
        sort = [{"published": "asc"}, {"claim_key": "asc"}, {"alert_id": "asc"}]
        docs = self._search("deliveries", query, sort, limit)
        return [delivery_from_document(d) for d in docs]

    def all_deliveries(self) -> list[Delivery]:
        sort = [{"updated": "asc"}, {"alert_id": "asc"}, {"channel": "asc"}]
        return [delivery_from_document(d) for d in self._search("deliveries", None, sort)]

    # -- dead letters ----------------------------------------------------------------------
    def save_dead_letters(self, letters: Sequence[StoredDeadLetter]) -> None:
        self._write("dead-letters", [(d.id, dead_letter_document(d)) for d in letters])

    def dead_letters(self, limit: int | None = None) -> list[StoredDeadLetter]:
        sort = [{"created": "asc"}, {"id": "asc"}]
        docs = self._search("dead-letters", None, sort, limit)
        return [dead_letter_from_document(d) for d in docs]

    def remove_dead_letters(self, ids: Sequence[str]) -> None:
        if not ids:
            return
        # Bulk deletes, not delete_by_query: that needs the reindex module, which the local
        # integ-test distribution lacks.
        actions = [
            {"_op_type": "delete", "_index": self.index("dead-letters"), "_id": i} for i in ids
        ]
        with self._guard("removing dead letters"):
            for _ok, _item in helpers.streaming_bulk(
                self._client, actions, raise_on_error=False, refresh="true"
            ):
                pass

    # -- stories ---------------------------------------------------------------------------
    def save_stories(self, stories: Sequence[Story]) -> None:
        self._write("stories", [(s.id, story_document(s)) for s in stories])

    def stories_sharing(self, terms: Sequence[str], since: datetime, limit: int) -> list[Story]:
        if not terms:
            return []
        query = {
            "bool": {
                "filter": [
                    {"terms": {"index_terms": list(terms)}},
                    {"range": {"last_seen": {"gte": iso(since)}}},
                ]
            }
        }
        docs = self._search("stories", query, [{"last_seen": "desc"}, {"id": "desc"}], limit)
        return [story_from_dict(d) for d in docs]

    def stories_sharing_many(
        self, lookups: Sequence[tuple[Sequence[str], datetime]], limit: int
    ) -> list[list[Story]]:
        # A batch's lookups keep finding the same few live stories: the searches return ids
        # only, and each story is fetched (and decoded) once, not once per lookup finding it.
        sort = [{"last_seen": "desc"}, {"id": "desc"}]
        asked = [(i, terms, since) for i, (terms, since) in enumerate(lookups) if terms]
        found = self._msearch(
            "stories",
            [
                (
                    {
                        "bool": {
                            "filter": [
                                {"terms": {"index_terms": list(terms)}},
                                {"range": {"last_seen": {"gte": iso(since)}}},
                            ]
                        }
                    },
                    sort,
                    limit,
                )
                for _, terms, since in asked
            ],
            source=["id"],
        )
        stories = self._stories_by_id(sorted({d["id"] for docs in found if docs for d in docs}))
        out: list[list[Story]] = [[] for _ in lookups]
        for (i, terms, since), docs in zip(asked, found, strict=True):
            out[i] = (
                [stories[d["id"]] for d in docs if d["id"] in stories]
                if docs is not None
                else self.stories_sharing(terms, since, limit)
            )
        return out

    def _stories_by_id(self, ids: Sequence[str]) -> dict[str, Story]:
        if not ids:
            return {}
        with self._guard("reading stories"):
            found = self._client.mget(index=self.index("stories"), ids=list(ids))
        out: dict[str, Story] = {}
        for doc in found["docs"]:
            if not doc.get("found"):
                continue
            version = (doc["_id"], doc["_seq_no"], doc["_primary_term"])
            story = self._decoded_stories.get(version)
            if story is None:
                if len(self._decoded_stories) >= _DECODED_STORIES:
                    self._decoded_stories.clear()
                story = self._decoded_stories[version] = story_from_dict(doc["_source"])
            out[story.id] = story
        return out

    def stories_of_articles(self, article_ids: Sequence[str]) -> dict[str, str]:
        wanted = set(article_ids)
        if not wanted:
            return {}
        docs = self._search("stories", {"terms": {"article_ids": sorted(wanted)}}, [{"id": "asc"}])
        return {a: d["id"] for d in docs for a in d.get("article_ids") or () if a in wanted}

    def stories(self, limit: int | None = None) -> list[Story]:
        docs = self._search(
            "stories", {"match_all": {}}, [{"first_seen": "asc"}, {"id": "asc"}], limit
        )
        return [story_from_dict(d) for d in docs]

    # -- read-only queries for the web app and /metrics (connectors/store_reads.py) --------
    def all_claims(self) -> list[Claim]:
        sort = [{"key": "asc"}, {"published": "asc"}, {"id": "asc"}]
        return [claim_from_dict(d) for d in self._search("claim-history", None, sort)]

    def claims_version(self) -> str:
        # History documents are only ever added (a replay rewrites one with the same
        # content), so their count and the highest sequence number tell a change.
        with self._guard(f"reading {self.index('claim-history')}"):
            if self.index("claim-history") in self._stale:
                self._client.indices.refresh(index=self.index("claim-history"))
                self._stale.discard(self.index("claim-history"))
            response = self._client.search(
                index=self.index("claim-history"),
                size=1,
                sort=[{"_seq_no": "desc"}],
                seq_no_primary_term=True,
                track_total_hits=True,
                source=False,
            )
        hits = response["hits"]
        top = hits["hits"][0]["_seq_no"] if hits["hits"] else -1
        return f"{hits['total']['value']}:{top}"

    def articles_by_id(self, ids: Sequence[str]) -> list[Article]:
        if not ids:
            return []
        docs = self._search(
            "articles", {"ids": {"values": sorted(set(ids))}}, [{"published": "asc"}, {"id": "asc"}]
        )
        return [article_from_dict(d) for d in docs]

    def source_yield(self) -> list[SourceYield]:
        dupes = {"dupes": {"filter": {"exists": {"field": "duplicate_of"}}}}
        articles = {
            b["key"]: (int(b["doc_count"]), int(b["dupes"]["doc_count"]))
            for b in self._terms("articles", "source", sub=dupes)
        }
        claims = {b["key"]: int(b["doc_count"]) for b in self._terms("claim-history", "source")}
        alerts = {b["key"]: int(b["doc_count"]) for b in self._terms("alerts", "current.source")}
        return merge_yield(articles, claims, alerts)

    def alert_counts(self) -> dict[str, int]:
        return {b["key"]: int(b["doc_count"]) for b in self._terms("alerts", "change")}

    def delivery_counts(self) -> dict[tuple[str, str], int]:
        status = {"status": {"terms": {"field": "status", "size": 100}}}
        return {
            (b["key"], s["key"]): int(s["doc_count"])
            for b in self._terms("deliveries", "channel", sub=status)
            for s in b["status"]["buckets"]
        }

    def _terms(
        self, name: str, field: str, *, sub: dict[str, Any] | None = None
    ) -> list[dict[str, Any]]:
        """Buckets of a terms aggregation (10,000 at most: sources and channels are few)."""
        agg: dict[str, Any] = {"terms": {"field": field, "size": 10_000, "order": {"_key": "asc"}}}
        if sub:
            agg["aggs"] = sub
        with self._guard(f"counting {self.index(name)}"):
            if self.index(name) in self._stale:
                self._client.indices.refresh(index=self.index(name))
                self._stale.discard(self.index(name))
            response = self._client.search(index=self.index(name), size=0, aggs={"by": agg})
        return list(response["aggregations"]["by"]["buckets"])

    def close(self) -> None:
        # Writes made without a refresh (delivery records) become visible to other readers
        # within a second anyway; a store closed right after them makes them visible now.
        if self._stale:
            try:
                self._client.indices.refresh(index=",".join(sorted(self._stale)))
            except (TransportError, ApiError):
                log.debug("refresh on close failed", exc_info=True)
            self._stale.clear()
        if self._owns_client:
            self._client.close()

    # -- internals -------------------------------------------------------------------------
    @contextmanager
    def _guard(self, action: str) -> Iterator[None]:
        try:
            self._ensure_indices()
            yield
        except TransportError as exc:
            # The cluster may come back empty (a new one at the same address): check again then.
            _ENSURED.discard((self.url, self.prefix))
            self._ready = False
            raise StoreUnavailable(
                self._redact(
                    f"cannot reach Elasticsearch at {self.url} while {action}: {exc}; "
                    "is it running? try `claimwatch stack up`"
                )
            ) from exc
        except ApiError as exc:
            if exc.status_code in (401, 403):
                raise ConfigError(
                    self._redact(
                        f"Elasticsearch at {self.url} refused the credentials while {action} "
                        f"({exc.status_code} {_api_reason(exc)}): check elasticsearch.username, "
                        "password_env/password_file or api_key_env/api_key_file"
                    )
                ) from None
            if exc.status_code in RETRYABLE or exc.status_code >= 500:
                raise StoreUnavailable(
                    self._redact(
                        f"Elasticsearch at {self.url} failed while {action} "
                        f"({exc.status_code} {exc.message}); it may be starting or overloaded"
                    )
                ) from exc
            reason = _api_reason(exc)
            hint = ""
            if "analyzer" in reason:
                hint = (
                    f"; analyzer {self.analyzer!r} needs the analysis-common module, "
                    "which the local integ-test distribution lacks: use 'standard' there"
                )
            raise StoreWriteError(
                self._redact(
                    f"Elasticsearch at {self.url} rejected a request while {action}: "
                    f"{exc.status_code} {reason}{hint}"
                )
            ) from exc

    def _redact(self, message: str) -> str:
        return redact(message, self._secrets)

    def _ensure_indices(self) -> None:
        # Once per process and cluster: every slice's DoFns open their own store, and putting
        # ten templates from each cost ~20 requests per store opened.
        if self._ready or (self.url, self.prefix) in _ENSURED:
            self._ready = True
            return
        for name in INDICES:
            body = self._template(name)
            self._client.indices.put_index_template(name=self.index(name), **body)
            if not self._client.indices.exists(index=self.index(name)):
                try:
                    self._client.indices.create(index=self.index(name))
                except ApiError as exc:  # created concurrently by another worker
                    if exc.error != "resource_already_exists_exception":
                        raise
        self._ready = True
        _ENSURED.add((self.url, self.prefix))

    def _template(self, name: str) -> dict[str, Any]:
        path = resources.files("claimwatch.config") / "index_templates" / f"{name}.json"
        body: dict[str, Any] = copy.deepcopy(json.loads(path.read_text(encoding="utf-8")))
        settings = body["template"]["settings"]
        settings["number_of_replicas"] = self.replicas
        settings["analysis"]["analyzer"]["claimwatch_text"]["type"] = self.analyzer
        body["index_patterns"] = [self.index(name)]
        body["priority"] = 200  # above the stack's built-in templates
        return body

    def _write(
        self,
        name: str,
        docs: Sequence[tuple[str, dict[str, Any]]],
        *,
        op_type: str = "index",
        refresh: bool | None = None,
    ) -> dict[str, int]:
        """Bulk-write (id, doc) pairs; returns the final HTTP status per id."""
        if not docs:
            return {}
        index = self.index(name)
        statuses: dict[str, int] = {}
        pending = {doc_id: doc for doc_id, doc in docs}
        failures: list[tuple[str, str, str]] = []
        visible = bool(refresh or (refresh is None and self.refresh and name in READ_BACK))
        # refresh=true on the bulk itself: visible on return, without a second round trip.
        extra: dict[str, Any] = {"refresh": "true"} if visible else {}
        with self._guard(f"writing to {index}"):
            for attempt in range(self.max_retries + 1):
                actions = [
                    {"_op_type": op_type, "_index": index, "_id": i, "_source": d}
                    for i, d in pending.items()
                ]
                retry: dict[str, dict[str, Any]] = {}
                for _ok, item in helpers.streaming_bulk(
                    self._client,
                    actions,
                    chunk_size=500,
                    max_retries=0,
                    raise_on_error=False,
                    raise_on_exception=True,
                    **extra,
                ):
                    info = next(iter(item.values()))
                    doc_id, status = str(info["_id"]), int(info.get("status", 0))
                    statuses[doc_id] = status
                    if status < 300 or (op_type == "create" and status == 409):
                        continue
                    if status in RETRYABLE and attempt < self.max_retries:
                        retry[doc_id] = pending[doc_id]
                    else:
                        failures.append((index, doc_id, _reason(info)))
                if not retry:
                    break
                pending = retry
                time.sleep(self.backoff * 2**attempt)
            if visible:
                self._stale.discard(index)
            else:
                self._stale.add(index)
        if failures:
            listed = "; ".join(f"{i}: {r}" for _, i, r in failures[:20])
            more = f" (and {len(failures) - 20} more)" if len(failures) > 20 else ""
            raise BulkWriteError(
                self._redact(
                    f"Elasticsearch at {self.url} rejected {len(failures)} of {len(docs)} "
                    f"documents for {index}: {listed}{more}"
                ),
                failures,
            )
        return statuses

    def _msearch(
        self,
        name: str,
        searches: Sequence[tuple[dict[str, Any], list[dict[str, str]], int]],
        *,
        source: list[str] | None = None,
    ) -> list[list[dict[str, Any]] | None]:
        """Many searches in few round trips; None for one whose hits fill its size (the caller
        then pages it with _search), so nothing is silently cut off."""
        out: list[list[dict[str, Any]] | None] = []
        index = self.index(name)
        with self._guard(f"searching {index}"):
            if index in self._stale:  # read-your-writes within this instance
                self._client.indices.refresh(index=index)
                self._stale.discard(index)
            for start in range(0, len(searches), _MSEARCH):
                body: list[dict[str, Any]] = []
                chunk = searches[start : start + _MSEARCH]
                for query, sort, size in chunk:
                    body.append({"index": index})
                    search = {"query": query, "sort": sort, "size": size, "track_total_hits": False}
                    if source is not None:
                        search["_source"] = source
                    body.append(search)
                for (_query, _sort, size), response in zip(
                    chunk, self._client.msearch(searches=body)["responses"], strict=True
                ):
                    if "error" in response:
                        raise StoreUnavailable(
                            self._redact(
                                f"Elasticsearch at {self.url} failed a search in {index}: "
                                f"{response['error']}"
                            )
                        )
                    hits = response["hits"]["hits"]
                    full = len(hits) >= size and size == _PAGE
                    out.append(None if full else [hit["_source"] for hit in hits])
        return out

    def _search(
        self,
        name: str,
        query: dict[str, Any] | None,
        sort: list[dict[str, str]],
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """Every matching _source in sort order, paged with search_after."""
        out: list[dict[str, Any]] = []
        after: list[Any] | None = None
        with self._guard(f"searching {self.index(name)}"):
            if self.index(name) in self._stale:  # read-your-writes within this instance
                self._client.indices.refresh(index=self.index(name))
                self._stale.discard(self.index(name))
            while limit is None or len(out) < limit:
                size = _PAGE if limit is None else min(_PAGE, limit - len(out))
                response = self._client.search(
                    index=self.index(name),
                    query=query or {"match_all": {}},
                    sort=sort,
                    size=size,
                    search_after=after,
                    track_total_hits=False,
                )
                hits = response["hits"]["hits"]
                out.extend(hit["_source"] for hit in hits)
                if len(hits) < size:
                    break
                after = hits[-1]["sort"]
        return out


def _candidate_queries(
    canonical_url: str, content_hash: str, bands: Sequence[str]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Same URL or same text (every one), and band-sharing (scored by bands shared)."""
    exact = {
        "bool": {
            "should": [
                {"term": {"canonical_url": canonical_url}},
                {"term": {"content_hash": content_hash}},
            ],
            "minimum_should_match": 1,
        }
    }
    # One constant-score clause per band: the score is the number of bands shared.
    shared = {
        "bool": {
            "should": [
                {"constant_score": {"filter": {"term": {"bands": b}}, "boost": 1.0}} for b in bands
            ],
            "minimum_should_match": 1,
        }
    }
    return exact, shared


def _reason(info: dict[str, Any]) -> str:
    error = info.get("error")
    if isinstance(error, dict):
        return f"{info.get('status')} {error.get('type')}: {error.get('reason')}"
    return f"{info.get('status')} {error}"


def _api_reason(exc: ApiError) -> str:
    """The innermost reason ES gives ("Unknown analyzer type [english]…"), else the message."""
    error = exc.body.get("error") if isinstance(exc.body, dict) else None
    while isinstance(error, dict) and isinstance(error.get("caused_by"), dict):
        error = error["caused_by"]
    if isinstance(error, dict) and error.get("reason"):
        return f"{error.get('type')}: {error['reason']}"
    return str(exc.message)


def _url_secrets(url: str) -> tuple[str, ...]:
    """The password written into a URL (user:password@host), so messages can mask it."""
    userinfo = url.partition("://")[2].partition("/")[0].rpartition("@")[0]
    password = userinfo.partition(":")[2]
    return (password,) if password else ()


def _client_url(client: Elasticsearch) -> str:
    try:
        return redact_url(str(client.transport.node_pool.all()[0].base_url))
    except (AttributeError, IndexError):
        return "the configured Elasticsearch"
