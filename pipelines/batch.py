"""Bounded slices of the log through the Beam graph, committed only after the store has them.

    log.read_batch ─▶ Beam (ProcessArticles: the store is its sink, dead letters and the
                     alerts' pending deliveries included) ─▶ log.commit

An unbounded source never advances the watermark on the in-process runner, so the embedded
mode reads from the committed offset to the current end, runs the graph on that slice, and
loops. A crash before commit replays the slice; deterministic ids make the replay a no-op.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

import apache_beam as beam
from apache_beam.metrics.metric import MetricsFilter
from claimwatch.connectors.log import ArticleLog, LogBatch, LogRecord
from claimwatch.pipelines.analysis_pool import active_pool
from claimwatch.pipelines.backends import LogSpec, StoreSpec
from claimwatch.pipelines.runners import beam_options
from claimwatch.pipelines.settings import PipelineSettings
from claimwatch.pipelines.stages import NAMESPACE, ProcessArticles, ReadLogRanges
from claimwatch.transforms.alert_rules import AlertRule
from claimwatch.transforms.errors import RecordError
from claimwatch.transforms.models import Article
from claimwatch.transforms.records import decode_article, iso

log = logging.getLogger(__name__)


@dataclass
class RunStats:
    """Counters summed over the batches of one run."""

    batches: int = 0
    records: int = 0
    seconds: float = 0.0
    counters: dict[str, int] = field(default_factory=dict)

    def add(self, name: str, value: int) -> None:
        self.counters[name] = self.counters.get(name, 0) + value

    @property
    def new_alerts(self) -> int:
        return self.counters.get("alerts_new", 0)

    @property
    def dead_letters(self) -> int:
        return sum(v for k, v in self.counters.items() if k.startswith("dead_letters_"))

    def merge(self, other: RunStats) -> None:
        self.batches += other.batches
        self.records += other.records
        self.seconds += other.seconds
        for name, value in other.counters.items():
            self.add(name, value)

    @property
    def articles_per_second(self) -> float:
        return self.records / self.seconds if self.seconds else 0.0


def process_batch(
    batch: LogBatch,
    store: StoreSpec,
    settings: PipelineSettings,
    *,
    now: datetime,
    stats: RunStats,
    rules: tuple[AlertRule, ...] = (),
    log: LogSpec | None = None,
) -> None:
    """Run the graph on one slice; on return the store holds everything it produced.

    With `log`, the graph reads the slice's offset ranges from the log itself (one range per
    partition, spread over the workers); without it, the records ride in the graph.
    """
    runner, options = beam_options(settings)
    pipeline = beam.Pipeline(runner=runner, options=options)
    if log is not None:
        records = (
            pipeline
            | "LogRanges" >> beam.Create(batch.ranges(), reshuffle=len(batch.ranges()) > 1)
            | "ReadLogRanges" >> beam.ParDo(ReadLogRanges(log))
        )
    else:
        records = pipeline | "ReadLogSlice" >> beam.Create(list(batch.records), reshuffle=False)
    _ = records | "ProcessArticles" >> ProcessArticles(
        store,
        entity_scope=settings.entity_scope,
        conflict_window_hours=settings.conflict_window_hours,
        detected_at=iso(now) or "",
        rules=rules,
    )
    result = pipeline.run()
    result.wait_until_finish()
    for counter in result.metrics().query(MetricsFilter().with_namespace(NAMESPACE))["counters"]:
        stats.add(counter.key.metric.name, int(counter.committed or counter.attempted or 0))


def drain_log(
    article_log: ArticleLog,
    store: StoreSpec,
    settings: PipelineSettings,
    *,
    clock: Callable[[], datetime],
    progress: Callable[[RunStats, int], None] | None = None,
    should_stop: Callable[[], bool] = lambda: False,
    rules: tuple[AlertRule, ...] = (),
    log: LogSpec | None = None,
) -> RunStats:
    """Process every committed-to-end slice until the log is drained (or asked to stop).

    `rules` route each new alert to its channels when it is stored (the outbox): delivery
    is the delivery loop's job, never this one's.
    """
    stats = RunStats()
    pool = active_pool() if settings.runner == "embedded" else None
    # With an analysis pool, read two slices: the pool analyses the second while the graph
    # decides the first; only the first is processed and committed.
    window = settings.batch_size * (2 if pool is not None else 1)
    while not should_stop():
        batch = article_log.read_batch(settings.consumer, window)
        if not batch.records:
            break
        if pool is not None:
            pool.prefetch(_decodable(batch.records))
            batch = batch.head(settings.batch_size)
        started = time.perf_counter()
        process_batch(batch, store, settings, now=clock(), stats=stats, rules=rules, log=log)
        article_log.commit(settings.consumer, batch)
        if pool is not None:
            pool.forget(_decodable(batch.records))
        stats.batches += 1
        stats.records += len(batch)
        stats.seconds += time.perf_counter() - started
        if progress is not None:
            progress(stats, article_log.lag(settings.consumer))
    return stats


def _decodable(records: Iterable[LogRecord]) -> list[Article]:
    """The articles among the records; what cannot be decoded is the graph's dead letter."""
    articles = []
    for record in records:
        try:
            articles.append(decode_article(record.payload))
        except RecordError:
            continue
    return articles
