"""What `claimwatch run` reports after each batch: a progress line or bar, and metrics."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from claimwatch.pipelines.batch import RunStats
    from claimwatch.pipelines.metrics import Metrics
    from claimwatch.pipelines.progress import ProgressBar


def batch_reporter(
    say: Callable[[str], None], metrics: Metrics | None, bar: ProgressBar | None
) -> Callable[[RunStats, int], None]:
    """A drain_log progress callback; the bar (on a terminal) replaces the per-batch lines."""
    watch = metrics.batch_watcher() if metrics is not None else None
    drawing = bar if bar is not None and bar.enabled else None
    if drawing is not None:
        drawing.start()

    def report(stats: RunStats, lag: int) -> None:
        if watch is not None:
            watch(stats, lag)
        if drawing is not None:
            drawing.update(stats.records, stats.records + lag)
            return
        say(
            f"batch {stats.batches}: {stats.records} records processed, {lag} left "
            f"({stats.articles_per_second:.1f} articles/s)"
        )

    return report
