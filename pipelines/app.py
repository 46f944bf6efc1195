"""The main job: poll feeds into the log, drain the log through Beam, deliver alerts, repeat.

    feeds ─poll_feeds─▶ log.append ─mark_seen─▶ drain_log (Beam) ─▶ store (+ the outbox)
                                                       delivery thread ─▶ drains the outbox

Delivery is its own loop over what the store holds pending, started first (so whatever an
earlier process left undelivered goes out at start-up) and running beside the pipeline; an
outage of the store or a channel is waited out there, never fatal.

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
from datetime import datetime, timedelta, timezone
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Literal

from claimwatch.connectors.log import ArticleLog
from claimwatch.pipelines.alerting.service import AlertService
from claimwatch.pipelines.alerting.worker import Backoff, DeliveryWorker, drain_outbox
from claimwatch.pipelines.analysis_pool import (
    active_pool,
    effective_workers,
    start_pool,
    stop_pool,
)
from claimwatch.pipelines.backends import StoreSpec, log_spec, store_spec
from claimwatch.pipelines.batch import RunStats, drain_log
from claimwatch.pipelines.run_report import batch_reporter
from claimwatch.pipelines.settings import Settings
from claimwatch.transforms.alert_rules import AlertRule
from claimwatch.transforms.errors import LogUnavailable, StoreUnavailable
from claimwatch.transforms.health import ServiceStatus

if TYPE_CHECKING:
    from claimwatch.pipelines.metrics import Metrics
    from claimwatch.pipelines.progress import ProgressBar

log = logging.getLogger(__name__)

# Feeds list their last few dozen items; an entry absent from its feed for three months is
# not coming back, and if it does, dedup recognises it.
SEEN_RETENTION = timedelta(days=90)


@dataclass
class PollSummary:
    feeds: int = 0
    new_articles: int = 0
    failed_feeds: int = 0
    warnings: int = 0
    skipped_entries: int = 0  # feed items left out (bad URL, id or date), each logged
    page_failures: int = 0  # pages that failed; the summary was kept and the page is owed
    deferred: int = 0  # entries left for the next poll (stopped or past the deadline)
    stopped: bool = False


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
    settings: Settings,
    article_log: ArticleLog,
    clock: Callable[[], datetime],
    stop: Callable[[], bool] | None = None,
) -> PollSummary:
    """Fetch every feed once and append what is new; mark it seen only after the append.

    `stop` (the StopFlag's is_set) ends the poll within about a second, keeping what was
    fetched; so does fetch.poll_deadline_seconds.
    """
    import time

    import requests
    from claimwatch.connectors.address_policy import parse_networks
    from claimwatch.connectors.feed_state import FeedStateStore
    from claimwatch.connectors.feeds import FeedClient
    from claimwatch.connectors.host_gate import HostGate
    from claimwatch.connectors.ingest import FeedConfig, PollLimits, ingest_once
    from claimwatch.connectors.pages import PageFetcher
    from claimwatch.connectors.transport import guard_session

    fetch = settings.fetch
    feeds = [
        FeedConfig(url=f.url, source=f.source, fetch_pages=f.fetch_pages) for f in settings.feeds
    ]
    stopping = threading.Event()
    done = threading.Event()

    def relay() -> None:  # the StopFlag is polled, not shared: it belongs to run()
        while stop is not None and not done.wait(0.05):
            if stop():
                stopping.set()
                return

    relay_thread = threading.Thread(target=relay, name="claimwatch-poll-stop", daemon=True)
    relay_thread.start()
    limits = PollLimits(
        deadline=time.monotonic() + fetch.poll_deadline_seconds,
        workers=fetch.page_workers,
        page_attempts=fetch.page_attempts,
    )
    # Feeds and pages on one host share one politeness budget.
    gate = HostGate(fetch.min_interval_per_host)
    try:
        with (
            FeedStateStore(Path(settings.data_dir) / "feeds.sqlite3") as state,
            requests.Session() as session,
        ):
            guard_session(session, pool_size=fetch.page_workers)
            common = {
                "user_agent": fetch.user_agent,
                "timeout": fetch.timeout_seconds,
                "max_bytes": fetch.max_bytes,
                "gate": gate,
                "allow": parse_networks(fetch.allow_networks),
                "stop": stopping,
                "max_redirects": fetch.max_redirects,
            }
            result = ingest_once(
                feeds,
                client=FeedClient(session, **common),  # type: ignore[arg-type]
                pages=PageFetcher(session, **common),  # type: ignore[arg-type]
                state=state,
                log=article_log,
                now=clock,
                limits=limits,
                parse=pool.parse_feeds if (pool := active_pool()) is not None else None,
            )
            # Keeps the per-round work and the file bounded: see FeedStateStore.prune.
            state.prune(clock() - SEEN_RETENTION)
    finally:
        done.set()
    return PollSummary(
        feeds=len(feeds),
        new_articles=len(result.articles),
        failed_feeds=sum(1 for s in result.stats if s.error and not s.deferred),
        warnings=len(result.warnings),
        skipped_entries=sum(s.skipped for s in result.stats),
        page_failures=sum(s.page_failures for s in result.stats),
        deferred=sum(s.deferred for s in result.stats),
        stopped=stopping.is_set(),
    )


def run(
    settings: Settings,
    *,
    once: bool,
    alerting: AlertService | None = None,
    after_poll: Callable[[datetime, list[ServiceStatus]], None] | None = None,
    clock: Callable[[], datetime] = utc_now,
    stop: StopFlag | None = None,
    progress: Callable[[str], None] | None = None,
    metrics: Metrics | None = None,
    bar: ProgressBar | None = None,
) -> RunStats:
    """Poll, process and deliver until stopped (or once). Returns the summed stats.

    `after_poll(now, services)` runs after every round, with the log's and store's
    reachability (health checks hang there). `metrics` counts polls, batches, alerts and
    deliveries; `bar` draws the backlog's progress on a terminal in place of the per-batch lines.
    """
    say = progress or (lambda message: None)
    stop = stop or StopFlag()
    Path(settings.data_dir).mkdir(parents=True, exist_ok=True)
    store = store_spec(settings)
    rules = alerting.rules if alerting is not None else ()
    worker = None
    if alerting is not None and alerting.channels:
        on_report = metrics.observe_report if metrics is not None else None
        worker = DeliveryWorker(alerting, store, say=say, on_report=on_report).start()
    pool = None
    if settings.pipeline.runner == "embedded":
        workers = effective_workers(settings.pipeline.workers)
        pool = start_pool(workers, settings.pipeline.entity_scope)
        if pool is not None:
            say(f"analysing on {workers} worker processes")
    if settings.pipeline.runner == "embedded":
        from claimwatch.pipelines.resources import warm_up_rarity

        warm_up_rarity()
    total = RunStats()
    outage = Backoff()
    down_since: datetime | None = None
    article_log: ArticleLog | None = None
    try:
        while True:
            try:
                article_log = article_log or log_spec(settings).open()
                poll = poll_once(settings, article_log, clock, stop=stop.is_set)
                if metrics is not None:
                    metrics.observe_poll(poll)
                say(
                    f"polled {poll.feeds} feeds: {poll.new_articles} new articles"
                    + (f", {poll.failed_feeds} feeds failed" if poll.failed_feeds else "")
                    + (f", {poll.skipped_entries} items skipped" if poll.skipped_entries else "")
                )
                stats = _process(
                    settings, article_log, store, clock, stop, say, rules, metrics, bar
                )
            except (LogUnavailable, StoreUnavailable) as exc:
                # Nothing was committed past what the store holds: waiting loses nothing.
                if once:
                    raise
                down_since = down_since or clock()
                if after_poll is not None:
                    after_poll(clock(), [_unreachable(exc, down_since)])
                delay = outage.next()
                log.error("%s; retrying in %.0fs", exc, delay)
                say(f"unavailable: {exc}; retrying in {delay:.0f}s")
                if article_log is not None:
                    _close_log(article_log)
                    article_log = None
                if stop.wait(delay):
                    break
                continue
            outage.reset()
            recovered = [ServiceStatus("log", True), ServiceStatus("store", True)]
            down_since = None
            if after_poll is not None:
                after_poll(clock(), recovered)
            total.merge(stats)
            if once or stop.is_set():
                break
            say(f"next poll in {settings.pipeline.poll_interval_seconds:.0f}s (Ctrl-C to stop)")
            if stop.wait(settings.pipeline.poll_interval_seconds):
                break
    finally:
        if pool is not None:
            stop_pool()
        if worker is not None:
            worker.stop()
        if article_log is not None:
            _close_log(article_log)
    if once and alerting is not None and alerting.channels:
        report = drain_outbox(alerting, store, should_stop=stop.is_set)
        if metrics is not None:
            metrics.observe_report(report)
        if report.outcomes:
            say(
                f"delivered {len(report.delivered)} alert messages"
                + (f", {len(report.retrying)} to retry later" if report.retrying else "")
                + (f", {len(report.failed)} refused" if report.failed else "")
            )
    return total


def _unreachable(exc: Exception, since: datetime) -> ServiceStatus:
    name: Literal["log", "store"] = "log" if isinstance(exc, LogUnavailable) else "store"
    return ServiceStatus(name, False, str(exc), since)


def _close_log(article_log: ArticleLog) -> None:
    try:
        article_log.close()
    except Exception:  # a log that is down may fail to close; the next open starts clean
        log.debug("closing the log failed", exc_info=True)


def _process(
    settings: Settings,
    article_log: ArticleLog,
    store: StoreSpec,
    clock: Callable[[], datetime],
    stop: StopFlag,
    say: Callable[[str], None],
    rules: tuple[AlertRule, ...],
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
            rules=rules,
            progress=on_batch,
            should_stop=stop.is_set,
            log=log_spec(settings),
        )
    finally:
        if bar is not None:
            bar.close()
