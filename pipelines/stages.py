"""Beam stages: thin DoFns over the core, each with a stable label and its own counters.

    records ─DecodeArticles─▶ articles ─DeduplicateArticles─▶ articles(duplicate_of)
        │                                   │ StoreArticles
        │                                   └─originals─ExtractFigures─▶ (article, figures)
        │   ─BuildClaims─▶ (key, claim) ─GroupByKey─▶ DetectClaimChanges ─▶ store: claims,
        │                                             alerts and their pending deliveries
        └─ every stage's dead letters (original bytes, reason, stage) ─StoreDeadLetters─▶ store

The store is the only sink: nothing returns to the driver but counters, so the graph runs the
same on the in-process runner and on a distributed one. One bad record becomes a dead letter
of the stage it failed in; the rest of the slice goes on.

Dedup is decided by one worker per batch (the whole batch under one key): near-duplicates can
match across any pair, and the decision must follow publication order. Claims are grouped by
key so one worker decides per key, against the history the store holds.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from typing import Any

import apache_beam as beam
from apache_beam.metrics.metric import Metrics
from claimwatch.connectors.delivery import outbox_rows
from claimwatch.connectors.log import ArticleLog, LogRange, LogRecord
from claimwatch.connectors.store import DeadLetterStage, Extraction, Store, StoredDeadLetter
from claimwatch.pipelines.analysis_pool import active_pool
from claimwatch.pipelines.backends import LogSpec, StoreSpec
from claimwatch.pipelines.resources import entity_extractor, toll_reader
from claimwatch.pipelines.story_stage import AssignStoriesToBatch, story_group_alerts
from claimwatch.transforms.alert_rules import AlertRule, route_alerts
from claimwatch.transforms.claims import (
    alerts_for_changes,
    claims_from_article,
    detect_changes,
)
from claimwatch.transforms.dedup import MAX_CANDIDATES, dedupe_in_order, signature_for
from claimwatch.transforms.entities import EntityExtractor
from claimwatch.transforms.errors import LogUnavailable, RecordError, StoreWriteError
from claimwatch.transforms.figures import extract_figures, figure_fingerprint
from claimwatch.transforms.models import Alert, Article, Claim, Entity, Figure
from claimwatch.transforms.records import decode_article
from claimwatch.transforms.story_claims import (
    comparison_group,
    is_story_group,
    story_group_history_keys,
)
from claimwatch.transforms.toll import article_toll

log = logging.getLogger(__name__)

NAMESPACE = "claimwatch"
DEAD_LETTER = "dead_letter"


@dataclass(frozen=True, slots=True)
class Origin:
    """Where an article came from in the log: what a later stage's dead letter keeps."""

    partition: int
    offset: int
    payload: bytes


def dead_letter(
    stage: DeadLetterStage, reason: str, origin: Origin, created: datetime
) -> StoredDeadLetter:
    """A dead letter whose id comes from its content, so a replayed slice overwrites it."""
    digest = hashlib.sha1(origin.payload).hexdigest()
    ident = hashlib.sha1(
        f"{stage}|{origin.partition}|{origin.offset}|{digest}".encode()
    ).hexdigest()[:24]
    return StoredDeadLetter(
        ident, stage, reason, origin.payload, origin.partition, origin.offset, created
    )


def _failure(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


def _counter(stage: str) -> Any:
    return Metrics.counter(NAMESPACE, f"dead_letters_{stage}")


Item = tuple[Article, list[Figure], Origin]


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


class ReadLogRanges(beam.DoFn):  # type: ignore[misc]
    """A slice's offset ranges → its records, read from the log by whichever worker runs this.

    The driver hands the graph only (partition, start, end): the records themselves never
    travel inside the pipeline's definition, and on a distributed runner each partition's
    range is read where it is processed.
    """

    def __init__(self, log: LogSpec) -> None:
        self._spec = log
        self._log: ArticleLog | None = None
        self.read = Metrics.counter(NAMESPACE, "records_read")

    def setup(self) -> None:
        self._log = self._spec.open()

    def teardown(self) -> None:
        if self._log is not None:
            self._log.close()

    def process(self, span: LogRange) -> Iterator[LogRecord]:
        assert self._log is not None, "setup() opens the log"
        records = self._log.read_range(span)
        if len(records) < span.count:
            # The wrong log (a relative path on another machine) or a truncated topic: fail
            # the slice, which stays uncommitted, rather than process part of it.
            raise LogUnavailable(
                f"the log gave {len(records)} of the {span.count} records of partition "
                f"{span.partition}, offsets {span.start}..{span.end - 1} ({self._spec.location})"
            )
        self.read.inc(len(records))
        yield from records


class DecodeArticles(beam.DoFn):  # type: ignore[misc]
    """Log record → (Article, Origin); undecodable records go to the dead-letter output."""

    def __init__(self, created: str) -> None:
        self._created = created
        self.decoded = Metrics.counter(NAMESPACE, "articles_decoded")
        self.rejected = _counter("decode")

    def process(self, record: LogRecord) -> Iterator[Any]:
        origin = Origin(record.partition, record.offset, record.payload)
        try:
            article = decode_article(record.payload)
        except RecordError as exc:
            self.rejected.inc()
            created = datetime.fromisoformat(self._created)
            yield beam.pvalue.TaggedOutput(
                DEAD_LETTER, dead_letter("decode", str(exc), origin, created)
            )
            return
        self.decoded.inc()
        yield article, origin


class DecideDuplicates(_StoreDoFn):
    """All articles of the batch, in publication order, against the store and each other."""

    def __init__(self, store: StoreSpec, created: str) -> None:
        super().__init__(store)
        self._created = created
        self.duplicates = Metrics.counter(NAMESPACE, "articles_duplicate")
        self.originals = Metrics.counter(NAMESPACE, "articles_original")
        self.rejected = _counter("dedup")

    def process(self, keyed: tuple[str, Iterable[tuple[Article, Origin]]]) -> Iterator[Any]:
        store = self._store()
        pool = active_pool()
        articles: dict[str, Article] = {}
        origins: dict[str, Origin] = {}
        figures: dict[str, list[Figure]] = {}
        minhashes: dict[str, tuple[int, ...]] = {}
        for article, origin in keyed[1]:
            # Figures are read here once: their fingerprint tells an update from a copy, and
            # the extraction stage reuses them.
            analysis = pool.take(article) if pool is not None else None
            if analysis is not None:
                minhashes[article.id] = analysis.minhash
            try:
                figures[article.id] = (
                    list(analysis.figures) if analysis else extract_figures(article.text)
                )
            except Exception as exc:  # one article's text must not stop the slice
                self.rejected.inc()
                log.exception("figure extraction failed for article %s", article.id)
                created = datetime.fromisoformat(self._created)
                yield beam.pvalue.TaggedOutput(
                    DEAD_LETTER, dead_letter("dedup", _failure(exc), origin, created)
                )
                continue
            articles[article.id] = article
            origins[article.id] = origin
        items = [
            (
                a.id,
                a.canonical_url,
                a.text,
                a.published,
                a.source,
                figure_fingerprint(figures[a.id]),
            )
            for a in articles.values()
        ]
        # What the store holds does not change while the slice is decided (signatures are
        # saved after it), so every lookup is made up front, in one round trip per kind.
        signatures = [signature_for(*item, minhashes.get(item[0])) for item in items]
        stored = store.signatures_matching_many(
            [(sig.canonical_url, sig.content_hash, sig.bands) for sig in signatures],
            limit=MAX_CANDIDATES,
        )
        candidates = {sig.article_id: found for sig, found in zip(signatures, stored, strict=True)}
        versions = store.versions_at_many([a.canonical_url for a in articles.values()])
        results = dedupe_in_order(
            items,
            lambda sig: candidates[sig.article_id],
            lambda url: versions[url],
            minhashes,
            {sig.article_id: sig for sig in signatures},
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
            yield article, figures[article.id], origins[article.id]


class StoreArticles(_StoreDoFn):
    """One store write per batch of articles; documents the store refuses are dead letters."""

    def __init__(self, store: StoreSpec, created: str) -> None:
        super().__init__(store)
        self._created = created
        self.rejected = _counter("store")

    def process(self, items: list[Item]) -> Iterator[Any]:
        refused: dict[str, str] = {}
        try:
            self._store().save_articles([article for article, _, _ in items])
        except StoreWriteError as exc:
            # Only a per-document refusal (a mapping conflict, a document too large) is the
            # record's fault; anything else fails the slice, which is replayed later.
            failures = getattr(exc, "failures", None)
            if not failures:
                raise
            refused = {doc_id: reason for _index, doc_id, reason in failures}
        created = datetime.fromisoformat(self._created)
        for article, found, origin in items:
            if article.id in refused:
                self.rejected.inc()
                reason = f"the store refused the article: {refused[article.id]}"
                yield beam.pvalue.TaggedOutput(
                    DEAD_LETTER, dead_letter("store", reason, origin, created)
                )
            else:
                yield article, found, origin


class ExtractFigures(_StoreDoFn):
    """Entities (spaCy, on figure sentences only) and figures; stored per article."""

    def __init__(self, store: StoreSpec, entity_scope: str, created: str) -> None:
        super().__init__(store)
        self._created = created
        self.rejected = _counter("extract")
        self._scope = entity_scope
        self.figures = Metrics.counter(NAMESPACE, "figures_extracted")
        self.tracked = Metrics.counter(NAMESPACE, "figures_tracked")
        self.no_text = Metrics.counter(NAMESPACE, "articles_without_text")

    def _model(self) -> EntityExtractor:
        # Loaded once per process, on first need: with an analysis pool that has every
        # article, this process never loads one.
        return entity_extractor(self._scope)

    def process(self, items: list[Item]) -> Iterator[Any]:
        pool = active_pool()
        found_by_pool: dict[str, list[Entity]] = {}
        for article, _, _ in items:
            analysis = pool.take(article) if pool is not None else None
            if analysis is not None:
                found_by_pool[article.id] = list(analysis.entities)
        rest = [item for item in items if item[0].id not in found_by_pool]
        ok: list[Item] = []
        entities: list[Any] = []
        if rest:
            ner = self._model()
            try:
                # One spaCy pass over the batch's figure sentences: pipe() amortises the model.
                entities = ner.extract_many([a.text for a, _, _ in rest], [f for _, f, _ in rest])
                ok = list(rest)
            except Exception:  # find the article that breaks it; the others go on
                log.exception("entity extraction failed on a batch; retrying article by article")
                created = datetime.fromisoformat(self._created)
                for item in rest:
                    try:
                        entities += ner.extract_many([item[0].text], [item[1]])
                        ok.append(item)
                    except Exception as exc:
                        self.rejected.inc()
                        yield beam.pvalue.TaggedOutput(
                            DEAD_LETTER, dead_letter("extract", _failure(exc), item[2], created)
                        )
        by_id = {a.id: e for (a, _, _), e in zip(ok, entities, strict=True)} | found_by_pool
        ok = [item for item in items if item[0].id in by_id]
        entities = [by_id[a.id] for a, _, _ in ok]
        self._store().save_extractions(
            [
                Extraction(a.id, tuple(e), tuple(f))
                for (a, f, _), e in zip(ok, entities, strict=True)
            ]
        )
        for article, found, origin in ok:
            if not article.text.strip():
                self.no_text.inc()
            self.figures.inc(len(found))
            self.tracked.inc(sum(1 for f in found if f.metric))
            yield article, found, origin


class BuildClaims(beam.DoFn):  # type: ignore[misc]
    def __init__(self, created: str) -> None:
        self._created = created
        self.claims = Metrics.counter(NAMESPACE, "claims_built")
        self.rejected = _counter("claims")

    def process(self, item: Item) -> Iterator[Any]:
        article, figures, origin = item
        try:
            pool = active_pool()
            analysis = pool.take(article) if pool is not None else None
            toll = (
                analysis.toll
                if analysis
                else article_toll(article.text, figures, fallback=toll_reader())
            )
            claims = claims_from_article(article, figures, toll)
        except Exception as exc:  # one article's figures must not stop the slice
            self.rejected.inc()
            log.exception("building claims failed for article %s", article.id)
            created = datetime.fromisoformat(self._created)
            yield beam.pvalue.TaggedOutput(
                DEAD_LETTER, dead_letter("claims", _failure(exc), origin, created)
            )
            return
        for claim in claims:
            self.claims.inc()
            yield comparison_group(claim), claim


class DetectClaimChanges(_StoreDoFn):
    """Each key's new claims against its stored history; stores the outbox, alerts, claims.

    Takes a batch of keys (each key still whole, from GroupByKey) so the store sees one write
    of each kind per batch, not per key. Alerts are routed here, in event time, against the
    alerts already stored for their keys, and stored with their pending deliveries. The writes
    go outbox, alerts, claims: a crash before the claims are stored replays the same changes,
    so the idempotent writes before them are redone, never skipped.
    """

    def __init__(
        self,
        store: StoreSpec,
        conflict_window_hours: float,
        detected_at: str,
        rules: tuple[AlertRule, ...] = (),
    ) -> None:
        super().__init__(store)
        self._window = timedelta(hours=conflict_window_hours)
        self._detected_at = detected_at
        self._rules = rules
        self.alerts = Metrics.counter(NAMESPACE, "alerts_new")
        self.routed = Metrics.counter(NAMESPACE, "alerts_routed")
        self.pairs = Metrics.counter(NAMESPACE, "deliveries_queued")

    def process(self, batch: list[tuple[str, Iterable[Claim]]]) -> Iterator[str]:
        store = self._store()
        new_claims: list[Claim] = []
        alerts: list[Alert] = []
        groups = [(key, list(claims)) for key, claims in batch]
        # Every history the batch's decisions read, in one round trip: each plain key's own,
        # and for a story group (one event's dated counts) its keys and their sibling days.
        wanted = [key for key, _ in groups if not is_story_group(key)]
        for key, claims in groups:
            if is_story_group(key):
                wanted.extend(story_group_history_keys(claims))
        histories = store.claim_histories(wanted)
        for key, new in groups:
            if is_story_group(key):  # one event's dated counts, compared within their story
                alerts.extend(
                    story_group_alerts(histories.__getitem__, new, self._window, self._detected())
                )
            else:
                alerts.extend(self._alerts(histories[key], new))
            new_claims.extend(new)
        routed = (
            route_alerts(
                alerts,
                self._rules,
                earlier=store.alerts_for_keys(
                    sorted({a.claim_key for a in alerts}), published_from=self._cooling_from(alerts)
                ),
            )
            if alerts and self._rules
            else []
        )
        by_id = {r.alert.id: r.alert for r in routed}
        rows = outbox_rows(routed, now=self._detected())
        store.enqueue_deliveries(rows)
        for alert in store.save_alerts([by_id.get(a.id, a) for a in alerts]):
            self.alerts.inc()
            # Per kind, for the metrics endpoint (pipelines/metrics.py reads these names).
            correction = str(alert.correction).lower()
            Metrics.counter(NAMESPACE, f"alerts_change__{alert.change}__{correction}").inc()
            self.routed.inc(1 if alert.id in by_id else 0)
            yield alert.id
        self.pairs.inc(len(rows))
        store.save_claims(new_claims)

    def _cooling_from(self, alerts: list[Alert]) -> datetime:
        """Only alerts published within the longest cooldown before these can hold them back;
        reading just those keeps routing's cost flat as a key's alerts pile up."""
        longest = max((rule.cooldown for rule in self._rules), default=timedelta(0))
        return min(a.current.published for a in alerts) - longest

    def _detected(self) -> datetime:
        return datetime.fromisoformat(self._detected_at).astimezone(timezone.utc)

    def _alerts(self, history: list[Claim], new: list[Claim]) -> list[Alert]:
        changes = detect_changes(history, new, conflict_window=self._window)
        return alerts_for_changes(changes, [*history, *new], detected_at=self._detected())


class StoreDeadLetters(_StoreDoFn):
    """The dead letters of every stage, one store write per batch."""

    def process(self, letters: list[StoredDeadLetter]) -> Iterator[str]:
        self._store().save_dead_letters(letters)
        for letter in letters:
            log.warning(
                "dead letter (%s) at partition %s offset %s: %s",
                letter.stage,
                letter.partition,
                letter.offset,
                letter.reason,
            )
            yield letter.id


class ProcessArticles(beam.PTransform):  # type: ignore[type-arg]
    """The whole per-batch graph, sinks included; returns (new alert ids, dead-letter ids).

    Both outputs are for tests and counters: everything that matters is in the store.
    """

    def __init__(
        self,
        store: StoreSpec,
        *,
        entity_scope: str,
        conflict_window_hours: float,
        detected_at: str,
        rules: tuple[AlertRule, ...] = (),
    ) -> None:
        super().__init__()
        self._store = store
        self._scope = entity_scope
        self._window = conflict_window_hours
        self._detected_at = detected_at
        self._rules = rules

    def expand(self, records: Any) -> tuple[Any, Any]:
        at = self._detected_at
        decoded = records | "DecodeArticles" >> beam.ParDo(DecodeArticles(at)).with_outputs(
            DEAD_LETTER, main="articles"
        )
        deduped = (
            decoded.articles
            | "KeyBatchForDedup" >> beam.Map(lambda item: ("batch", item))
            | "GroupBatchForDedup" >> beam.GroupByKey()
            | "DeduplicateArticles"
            >> beam.ParDo(DecideDuplicates(self._store, at)).with_outputs(
                DEAD_LETTER, main="articles"
            )
        )
        stored = (
            deduped.articles
            | "Stories" >> AssignStoriesToBatch(self._store)
            | "BatchForStore" >> beam.BatchElements(min_batch_size=8, max_batch_size=256)
            | "StoreArticles"
            >> beam.ParDo(StoreArticles(self._store, at)).with_outputs(DEAD_LETTER, main="articles")
        )
        extracted = (
            stored.articles
            | "KeepOriginals" >> beam.Filter(lambda item: item[0].duplicate_of is None)
            | "BatchForNlp" >> beam.BatchElements(min_batch_size=8, max_batch_size=64)
            | "ExtractFigures"
            >> beam.ParDo(ExtractFigures(self._store, self._scope, at)).with_outputs(
                DEAD_LETTER, main="articles"
            )
        )
        claims = extracted.articles | "BuildClaims" >> beam.ParDo(BuildClaims(at)).with_outputs(
            DEAD_LETTER, main="claims"
        )
        alert_ids = (
            claims.claims
            | "GroupClaimsByKey" >> beam.GroupByKey()
            | "BatchKeys" >> beam.BatchElements(min_batch_size=16, max_batch_size=512)
            | "DetectClaimChanges"
            >> beam.ParDo(DetectClaimChanges(self._store, self._window, at, self._rules))
        )
        dead = (
            (
                decoded[DEAD_LETTER],
                deduped[DEAD_LETTER],
                stored[DEAD_LETTER],
                extracted[DEAD_LETTER],
                claims[DEAD_LETTER],
            )
            | "AllDeadLetters" >> beam.Flatten()
            | "BatchDeadLetters" >> beam.BatchElements(min_batch_size=1, max_batch_size=256)
            | "StoreDeadLetters" >> beam.ParDo(StoreDeadLetters(self._store))
        )
        return alert_ids, dead
