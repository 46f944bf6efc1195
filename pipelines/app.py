"""The main job: poll feeds into the log, drain the log through Beam, deliver alerts, repeat.

    feeds ─poll_feeds─▶ log.append ─mark_seen─▶ drain_log (Beam) ─▶ store ─▶ deliver alerts

Ctrl-C asks for a clean stop: the current batch finishes and commits, nothing is lost; a
second Ctrl-C stops at once (the uncommitted slice is replayed on the next start).
"""

from __future__ import annotations

import logging
import signal
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

from claimwatch.connectors.log import ArticleLog
from claimwatch.pipelines.backends import StoreSpec, log_spec, store_spec
from claimwatch.pipelines.batch import RunStats, drain_log
from claimwatch.pipelines.run_report import batch_reporter
from claimwatch.pipelines.settings import Settings
from claimwatch.transforms.errors import LogUnavailable, StoreUnavailable

if TYPE_CHECKING:
    from claimwatch.pipelines.metrics import Metrics
    from claimwatch.pipelines.progress import ProgressBar

log = logging.getLogger(__name__)


@dataclass
class PollSummary:
    feeds: int = 0
    new_articles: int = 0
    failed_feeds: int = 0
    warnings: int = 0


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


class StopFlag:
    """Set by SIGINT/SIGTERM; a second signal raises KeyboardInterrupt."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def install(self) -> None:
        signal.signal(signal.SIGINT, self._handle)
        signal.signal(signal.SIGTERM, self._handle)

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self._event.is_set():
            raise KeyboardInterrupt
        print("\nstopping after the current batch (Ctrl-C again to stop now)", file=sys.stderr)
        self._event.set()

    def is_set(self) -> bool:
        return self._event.is_set()

    def wait(self, seconds: float) -> bool:
        return self._event.wait(seconds)


def poll_once(
    settings: Settings, article_log: ArticleLog, clock: Callable[[], datetime]
) -> PollSummary:
    """Fetch every feed once and append what is new; mark it seen only after the append."""
    import requests
    from claimwatch.connectors.feed_state import FeedStateStore
    from claimwatch.connectors.feeds import FeedClient
    from claimwatch.connectors.http import HostThrottle
    from claimwatch.connectors.ingest import FeedConfig, ingest_once
    from claimwatch.connectors.pages import PageFetcher

    fetch = settings.fetch
    feeds = [
        FeedConfig(url=f.url, source=f.source, fetch_pages=f.fetch_pages) for f in settings.feeds
    ]
    # Feeds and pages on one host share one politeness budget.
    throttle = HostThrottle(fetch.min_interval_per_host)
    with (
        FeedStateStore(Path(settings.data_dir) / "feeds.sqlite3") as state,
        requests.Session() as session,
    ):
        common = {
            "user_agent": fetch.user_agent,
            "timeout": fetch.timeout_seconds,
            "max_bytes": fetch.max_bytes,
            "throttle": throttle,
        }
        result = ingest_once(
            feeds,
            client=FeedClient(session, **common),  # type: ignore[arg-type]
            pages=PageFetcher(session, **common),  # type: ignore[arg-type]
            state=state,
            log=article_log,
            now=clock,
        )
    for warning in result.warnings:
        log.warning("%s", warning)
    return PollSummary(
        feeds=len(feeds),
        new_articles=len(result.articles),
        failed_feeds=sum(1 for s in result.stats if s.error),
        warnings=len(result.warnings),
    )


def run(
    settings: Settings,
    *,
    once: bool,
    deliver: Callable[[list[str]], None] | None = None,
    after_poll: Callable[[datetime], None] | None = None,
    clock: Callable[[], datetime] = utc_now,
    stop: StopFlag | None = None,
    progress: Callable[[str], None] | None = None,
    metrics: Metrics | None = None,
    bar: ProgressBar | None = None,
) -> RunStats:
    """Poll, process and deliver until stopped (or once). Returns the summed stats.

    `metrics` counts polls, batches, alerts and deliveries; `bar` draws the backlog's
    progress on a terminal in place of the per-batch lines.
    """
    say = progress or (lambda message: None)
    stop = stop or StopFlag()
    Path(settings.data_dir).mkdir(parents=True, exist_ok=True)
    article_log = log_spec(settings).open()
    store = store_spec(settings)
    total = RunStats()
    outage = _Backoff()
    try:
        while True:
            try:
                poll = poll_once(settings, article_log, clock)
                if metrics is not None:
                    metrics.observe_poll(poll)
                say(
                    f"polled {poll.feeds} feeds: {poll.new_articles} new articles"
                    + (f", {poll.failed_feeds} feeds failed" if poll.failed_feeds else "")
                )
                stats = _process(settings, article_log, store, clock, stop, say, metrics, bar)
            except (LogUnavailable, StoreUnavailable) as exc:
                # Nothing was committed past what the store holds: waiting loses nothing.
                if once:
                    raise
                delay = outage.next()
                log.error("%s; retrying in %.0fs", exc, delay)
                say(f"unavailable: {exc}; retrying in {delay:.0f}s")
                if stop.wait(delay):
                    break
                continue
            outage.reset()
            if after_poll is not None:
                after_poll(clock())
            _merge(total, stats)
            if deliver is not None and stats.alert_ids:
                deliver(stats.alert_ids)
            if metrics is not None:
                metrics.observe_stored(store, stats.alert_ids)
            if once or stop.is_set():
                break
            say(f"next poll in {settings.pipeline.poll_interval_seconds:.0f}s (Ctrl-C to stop)")
            if stop.wait(settings.pipeline.poll_interval_seconds):
                break
    finally:
        article_log.close()
    return total


def _process(
    settings: Settings,
    article_log: ArticleLog,
    store: StoreSpec,
    clock: Callable[[], datetime],
    stop: StopFlag,
    say: Callable[[str], None],
    metrics: Metrics | None = None,
    bar: ProgressBar | None = None,
) -> RunStats:
    on_batch = batch_reporter(say, metrics, bar)
    try:
        return drain_log(
            article_log,
            store,
            settings.pipeline,
            clock=clock,
            progress=on_batch,
            should_stop=stop.is_set,
        )
    finally:
        if bar is not None:
            bar.close()


class _Backoff:
    """5 s, 10 s, 20 s … up to 5 minutes between attempts while a service is down."""

    def __init__(self) -> None:
        self._delay = 0.0

    def next(self) -> float:
        self._delay = min(300.0, self._delay * 2 if self._delay else 5.0)
        return self._delay

    def reset(self) -> None:
        self._delay = 0.0


def _merge(total: RunStats, stats: RunStats) -> None:
    total.batches += stats.batches
    total.records += stats.records
    total.seconds += stats.seconds
    total.dead_letters += stats.dead_letters
    total.alert_ids.extend(stats.alert_ids)
    for name, value in stats.counters.items():
        total.add(name, value)
