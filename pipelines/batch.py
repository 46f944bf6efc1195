"""Bounded slices of the log through the Beam graph, committed only after the store has them.

    log.read_batch ─▶ Beam (ProcessArticles) ─▶ store writes ─▶ log.dead_letter ─▶ log.commit

An unbounded source never advances the watermark on the in-process runner, so the embedded
mode reads from the committed offset to the current end, runs the graph on that slice, and
loops. A crash before commit replays the slice; deterministic ids make the replay a no-op.
"""

from __future__ import annotations

import json
import logging
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import apache_beam as beam
from apache_beam.metrics.metric import MetricsFilter
from apache_beam.utils.shared import Shared
from claimwatch.connectors.log import ArticleLog, DeadLetter, LogBatch
from claimwatch.pipelines.backends import StoreSpec
from claimwatch.pipelines.runners import beam_options
from claimwatch.pipelines.settings import PipelineSettings
from claimwatch.pipelines.stages import NAMESPACE, ProcessArticles
from claimwatch.transforms.records import iso

log = logging.getLogger(__name__)

# One model per process, whichever batch or pipeline asks for it.
_MODEL_HANDLE = Shared()


@dataclass
class RunStats:
    """Counters summed over the batches of one run."""

    batches: int = 0
    records: int = 0
    seconds: float = 0.0
    counters: dict[str, int] = field(default_factory=dict)
    alert_ids: list[str] = field(default_factory=list)
    dead_letters: int = 0

    def add(self, name: str, value: int) -> None:
        self.counters[name] = self.counters.get(name, 0) + value

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
) -> list[DeadLetter]:
    """Run the graph on one slice; returns the dead letters (the caller logs them)."""
    runner, options = beam_options(settings)
    with tempfile.TemporaryDirectory(prefix="claimwatch-batch-") as tmp:
        out = Path(tmp)
        pipeline = beam.Pipeline(runner=runner, options=options)
        alert_ids, dead = (
            pipeline
            | "ReadLogSlice" >> beam.Create(list(batch.records), reshuffle=False)
            | "ProcessArticles"
            >> ProcessArticles(
                store,
                model_handle=_MODEL_HANDLE,
                entity_scope=settings.entity_scope,
                conflict_window_hours=settings.conflict_window_hours,
                detected_at=iso(now) or "",
            )
        )
        _ = alert_ids | "WriteAlertIds" >> beam.io.WriteToText(str(out / "alerts"))
        _ = dead | "WriteDeadLetters" >> beam.io.WriteToText(str(out / "dead"))
        result = pipeline.run()
        result.wait_until_finish()
        for counter in result.metrics().query(MetricsFilter().with_namespace(NAMESPACE))[
            "counters"
        ]:
            stats.add(counter.key.metric.name, int(counter.committed or counter.attempted or 0))
        stats.alert_ids.extend(_lines(out, "alerts"))
        letters = []
        for line in _lines(out, "dead"):
            doc = json.loads(line)
            letters.append(
                DeadLetter(
                    doc["payload"].encode("utf-8"), doc["reason"], doc["partition"], doc["offset"]
                )
            )
        return letters


def drain_log(
    article_log: ArticleLog,
    store: StoreSpec,
    settings: PipelineSettings,
    *,
    clock: Callable[[], datetime],
    progress: Callable[[RunStats, int], None] | None = None,
    should_stop: Callable[[], bool] = lambda: False,
) -> RunStats:
    """Process every committed-to-end slice until the log is drained (or asked to stop)."""
    stats = RunStats()
    while not should_stop():
        batch = article_log.read_batch(settings.consumer, settings.batch_size)
        if not batch.records:
            break
        started = time.perf_counter()
        letters = process_batch(batch, store, settings, now=clock(), stats=stats)
        if letters:
            for letter in letters:
                log.warning("dead letter at offset %s: %s", letter.offset, letter.reason)
            article_log.dead_letter(letters)
            stats.dead_letters += len(letters)
        article_log.commit(settings.consumer, batch)
        stats.batches += 1
        stats.records += len(batch)
        stats.seconds += time.perf_counter() - started
        if progress is not None:
            progress(stats, article_log.lag(settings.consumer))
    return stats


def _lines(directory: Path, prefix: str) -> list[str]:
    lines: list[str] = []
    for path in sorted(directory.glob(f"{prefix}-*")):
        lines.extend(line for line in path.read_text(encoding="utf-8").splitlines() if line)
    return lines
