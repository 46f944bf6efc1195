"""Beam stages: thin DoFns over the core, each with a stable label and its own counters.

    records ─DecodeArticles─▶ articles ─DeduplicateArticles─▶ articles(duplicate_of)
        │ dead letters                      │ StoreArticles
                                            └─originals─ExtractFigures─▶ (article, figures)
    ─BuildClaims─▶ (key, claim) ─GroupByKey─▶ DetectClaimChanges ─▶ new alerts

Dedup is decided by one worker per batch (the whole batch under one key): near-duplicates can
match across any pair, and the decision must follow publication order. Claims are grouped by
key so one worker decides per key, against the history the store holds.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from typing import Any

import apache_beam as beam
from apache_beam.metrics.metric import Metrics
from apache_beam.utils.shared import Shared
from claimwatch.connectors.log import LogRecord
from claimwatch.connectors.store import Extraction, Store
from claimwatch.pipelines.backends import StoreSpec
from claimwatch.pipelines.story_stage import AssignStoriesToBatch
from claimwatch.transforms.claims import claims_from_figures, detect_changes, to_alert
from claimwatch.transforms.dedup import dedupe_in_order
from claimwatch.transforms.entities import EntityExtractor
from claimwatch.transforms.errors import RecordError
from claimwatch.transforms.figures import extract_figures, figure_fingerprint
from claimwatch.transforms.models import Alert, Article, Claim, Figure
from claimwatch.transforms.records import decode_article

NAMESPACE = "claimwatch"
DEAD_LETTER = "dead_letter"


class _StoreDoFn(beam.DoFn):  # type: ignore[misc]
    """A DoFn that opens its own store connection on each worker."""

    def __init__(self, store: StoreSpec) -> None:
        self._spec = store
        self.store: Store | None = None

    def setup(self) -> None:
        self.store = self._spec.open()

    def teardown(self) -> None:
        if self.store is not None:
            self.store.close()

    def _store(self) -> Store:
        assert self.store is not None, "setup() opens the store"
        return self.store


class DecodeArticles(beam.DoFn):  # type: ignore[misc]
    """Log record → Article; undecodable records go to the dead-letter output with why."""

    def __init__(self) -> None:
        self.decoded = Metrics.counter(NAMESPACE, "articles_decoded")
        self.rejected = Metrics.counter(NAMESPACE, "records_dead_lettered")

    def process(self, record: LogRecord) -> Iterator[Any]:
        try:
            article = decode_article(record.payload)
        except RecordError as exc:
            self.rejected.inc()
            yield beam.pvalue.TaggedOutput(
                DEAD_LETTER,
                json.dumps(
                    {
                        "partition": record.partition,
                        "offset": record.offset,
                        "reason": str(exc),
                        "payload": record.payload.decode("utf-8", "replace"),
                    }
                ),
            )
            return
        self.decoded.inc()
        yield article


class DecideDuplicates(_StoreDoFn):
    """All articles of the batch, in publication order, against the store and each other."""

    def __init__(self, store: StoreSpec) -> None:
        super().__init__(store)
        self.duplicates = Metrics.counter(NAMESPACE, "articles_duplicate")
        self.originals = Metrics.counter(NAMESPACE, "articles_original")

    def process(
        self, keyed: tuple[str, Iterable[Article]]
    ) -> Iterator[tuple[Article, list[Figure]]]:
        store = self._store()
        articles = {a.id: a for a in keyed[1]}
        # Figures are read here once: their fingerprint tells an update from a copy, and the
        # extraction stage reuses them.
        figures = {a.id: extract_figures(a.text) for a in articles.values()}
        results = dedupe_in_order(
            [
                (
                    a.id,
                    a.canonical_url,
                    a.text,
                    a.published,
                    a.source,
                    figure_fingerprint(figures[a.id]),
                )
                for a in articles.values()
            ],
            lambda sig: store.signatures_matching(sig.canonical_url, sig.content_hash, sig.bands),
            store.versions_at,
        )
        store.save_signatures([r.signature for r in results if r.duplicate_of is None])
        for result in results:
            (self.duplicates if result.duplicate_of else self.originals).inc()
            article = replace(
                articles[result.article_id],
                duplicate_of=result.duplicate_of,
                duplicate_reason=result.reason,
                version=result.version,
            )
            yield article, figures[article.id]


class StoreArticles(_StoreDoFn):
    """One store write per batch of articles, not per article."""

    def process(
        self, items: list[tuple[Article, list[Figure]]]
    ) -> Iterator[tuple[Article, list[Figure]]]:
        self._store().save_articles([article for article, _ in items])
        yield from items


class ExtractFigures(_StoreDoFn):
    """Entities (spaCy, on figure sentences only) and figures; stored per article."""

    def __init__(self, store: StoreSpec, model_handle: Shared, entity_scope: str) -> None:
        super().__init__(store)
        self._handle = model_handle
        self._scope = entity_scope
        self._ner: EntityExtractor | None = None
        self._holder: _Weak | None = None
        self.figures = Metrics.counter(NAMESPACE, "figures_extracted")
        self.tracked = Metrics.counter(NAMESPACE, "figures_tracked")
        self.no_text = Metrics.counter(NAMESPACE, "articles_without_text")

    def setup(self) -> None:
        super().setup()
        scope = self._scope
        # Shared keeps one loaded model per process across batches and pipelines.
        self._holder = self._handle.acquire(lambda: _Weak(EntityExtractor.load(scope=scope)))
        self._ner = self._holder.it

    def process(
        self, items: list[tuple[Article, list[Figure]]]
    ) -> Iterator[tuple[Article, list[Figure]]]:
        assert self._ner is not None
        articles = [article for article, _ in items]
        figures = [found for _, found in items]
        # One spaCy pass over the whole batch's figure sentences: pipe() amortises the model.
        entities = self._ner.extract_many([a.text for a in articles], figures)
        self._store().save_extractions(
            [
                Extraction(a.id, tuple(e), tuple(f))
                for a, e, f in zip(articles, entities, figures, strict=True)
            ]
        )
        for article, found in zip(articles, figures, strict=True):
            if not article.text.strip():
                self.no_text.inc()
            self.figures.inc(len(found))
            self.tracked.inc(sum(1 for f in found if f.metric))
            yield article, found


class _Weak:
    """Shared needs a weak-referenceable holder; spaCy's Language is not one."""

    def __init__(self, it: EntityExtractor) -> None:
        self.it = it


class BuildClaims(beam.DoFn):  # type: ignore[misc]
    def __init__(self) -> None:
        self.claims = Metrics.counter(NAMESPACE, "claims_built")

    def process(self, item: tuple[Article, list[Figure]]) -> Iterator[tuple[str, Claim]]:
        article, figures = item
        for claim in claims_from_figures(article, figures):
            self.claims.inc()
            yield claim.key.as_string(), claim


class DetectClaimChanges(_StoreDoFn):
    """Each key's new claims against its stored history; stores claims and new alerts.

    Takes a batch of keys (each key still whole, from GroupByKey) so the store sees one
    write of claims and one of alerts per batch, not per key.
    """

    def __init__(self, store: StoreSpec, conflict_window_hours: float, detected_at: str) -> None:
        super().__init__(store)
        self._window = timedelta(hours=conflict_window_hours)
        self._detected_at = detected_at
        self.alerts = Metrics.counter(NAMESPACE, "alerts_new")

    def process(self, batch: list[tuple[str, Iterable[Claim]]]) -> Iterator[str]:
        store = self._store()
        new_claims: list[Claim] = []
        alerts: list[Alert] = []
        for key, claims in batch:
            new = list(claims)
            alerts.extend(self._alerts(store.claim_history(key), new))
            new_claims.extend(new)
        store.save_claims(new_claims)
        for alert in store.save_alerts(alerts):
            self.alerts.inc()
            yield alert.id

    def _alerts(self, history: list[Claim], new: list[Claim]) -> list[Alert]:
        changes = detect_changes(history, new, conflict_window=self._window)
        detected = datetime.fromisoformat(self._detected_at).astimezone(timezone.utc)
        timeline = sorted(
            {c.id: c for c in [*history, *new]}.values(), key=lambda c: (c.published, c.id)
        )
        return [
            to_alert(
                change,
                detected_at=detected,
                history=[
                    c
                    for c in timeline
                    if (c.published, c.id) <= (change.current.published, change.current.id)
                ],
            )
            for change in changes
        ]


class ProcessArticles(beam.PTransform):  # type: ignore[type-arg]
    """The whole per-batch graph; returns (new alert ids, dead letters)."""

    def __init__(
        self,
        store: StoreSpec,
        *,
        model_handle: Shared,
        entity_scope: str,
        conflict_window_hours: float,
        detected_at: str,
    ) -> None:
        super().__init__()
        self._store = store
        self._handle = model_handle
        self._scope = entity_scope
        self._window = conflict_window_hours
        self._detected_at = detected_at

    def expand(self, records: Any) -> tuple[Any, Any]:
        decoded = records | "DecodeArticles" >> beam.ParDo(DecodeArticles()).with_outputs(
            DEAD_LETTER, main="articles"
        )
        articles = (
            decoded.articles
            | "KeyBatchForDedup" >> beam.Map(lambda a: ("batch", a))
            | "GroupBatchForDedup" >> beam.GroupByKey()
            | "DeduplicateArticles" >> beam.ParDo(DecideDuplicates(self._store))
            | "Stories" >> AssignStoriesToBatch(self._store)
            | "BatchForStore" >> beam.BatchElements(min_batch_size=8, max_batch_size=256)
            | "StoreArticles" >> beam.ParDo(StoreArticles(self._store))
        )
        alert_ids = (
            articles
            | "KeepOriginals" >> beam.Filter(lambda item: item[0].duplicate_of is None)
            | "BatchForNlp" >> beam.BatchElements(min_batch_size=8, max_batch_size=64)
            | "ExtractFigures" >> beam.ParDo(ExtractFigures(self._store, self._handle, self._scope))
            | "BuildClaims" >> beam.ParDo(BuildClaims())
            | "GroupClaimsByKey" >> beam.GroupByKey()
            | "BatchKeys" >> beam.BatchElements(min_batch_size=16, max_batch_size=512)
            | "DetectClaimChanges"
            >> beam.ParDo(DetectClaimChanges(self._store, self._window, self._detected_at))
        )
        return alert_ids, decoded[DEAD_LETTER]
