"""Prometheus metrics: live counters of `claimwatch run`, store totals for `claimwatch serve`.

    run ──observe_poll / batch_watcher / observe_alerts / observe_deliveries──▶ Metrics
        ──serve_metrics(port)──▶ GET /metrics (prometheus-client's own HTTP server, a thread)
    serve ──StoreCollector(reader) at scrape time──▶ GET /metrics (the web app's route)

Each Metrics has a registry of its own, never the process-global one, so two in one process
(tests, or run and serve side by side) never share counts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from claimwatch.connectors.delivery import DeliveryReport
from claimwatch.connectors.store import Delivery
from claimwatch.transforms.models import Alert
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, start_http_server
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

if TYPE_CHECKING:
    from claimwatch.pipelines.batch import RunStats
    from claimwatch.pipelines.web.reads import Reader

# A batch of 1,000 articles takes 10-60 s on two cores with spaCy; the buckets span a small
# slice (under a second) to a stalled one (ten minutes).
ALERT_COUNTER = "alerts_change__"
BATCH_BUCKETS = (0.5, 1.0, 2.5, 5.0, 10.0, 20.0, 30.0, 60.0, 120.0, 300.0, 600.0)


class PollResult(Protocol):
    feeds: int
    new_articles: int
    failed_feeds: int


class Metrics:
    """Counters of one `claimwatch run` process (names as Prometheus shows them)."""

    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry or CollectorRegistry(auto_describe=True)
        r = self.registry
        self.feed_polls = Counter("claimwatch_feed_polls", "Feed fetches attempted", registry=r)
        self.feed_errors = Counter(
            "claimwatch_feed_errors", "Feed fetches that failed (network, HTTP, parse)", registry=r
        )
        self.articles_polled = Counter(
            "claimwatch_articles_polled", "New articles appended to the log by polls", registry=r
        )
        self.articles_processed = Counter(
            "claimwatch_articles_processed", "Log records run through the pipeline", registry=r
        )
        self.duplicates = Counter(
            "claimwatch_articles_duplicate", "Articles found to be copies of another", registry=r
        )
        self.dead_letters = Counter(
            "claimwatch_dead_letters", "Log records set aside as dead letters", registry=r
        )
        self.log_lag = Gauge("claimwatch_log_lag", "Log records not processed yet", registry=r)
        self.batch_seconds = Histogram(
            "claimwatch_batch_duration_seconds",
            "Wall time of one log slice through the pipeline and the store",
            buckets=BATCH_BUCKETS,
            registry=r,
        )
        self.claims_built = Counter(
            "claimwatch_claims_built", "Claims recorded (figures with a claim key)", registry=r
        )
        self.claims_changed = Counter(
            "claimwatch_claims_changed",
            "Claim changes that raised an alert, by change kind",
            ["change", "correction"],
            registry=r,
        )
        self.deliveries = Counter(
            "claimwatch_deliveries",
            "Alert deliveries by channel and outcome",
            ["channel", "outcome"],
            registry=r,
        )

    def observe_poll(self, poll: PollResult) -> None:
        self.feed_polls.inc(poll.feeds)
        self.feed_errors.inc(poll.failed_feeds)
        self.articles_polled.inc(poll.new_articles)

    def batch_watcher(self) -> Callable[[RunStats, int], None]:
        """A drain_log progress callback: turns its running totals into per-batch counts."""
        seen = {"records": 0, "seconds": 0.0, "dead": 0, "dupes": 0, "claims": 0}
        seen_alerts: dict[str, int] = {}

        def watch(stats: RunStats, lag: int) -> None:
            now = {
                "records": stats.records,
                "seconds": stats.seconds,
                "dead": stats.dead_letters,
                "dupes": stats.counters.get("articles_duplicate", 0),
                "claims": stats.counters.get("claims_built", 0),
            }
            self.articles_processed.inc(now["records"] - seen["records"])
            self.batch_seconds.observe(now["seconds"] - seen["seconds"])
            self.dead_letters.inc(now["dead"] - seen["dead"])
            self.duplicates.inc(now["dupes"] - seen["dupes"])
            self.claims_built.inc(now["claims"] - seen["claims"])
            self.log_lag.set(lag)
            seen.update(now)
            # The pipeline counts new alerts per kind as alerts_change__<kind>__<correction>.
            for name, value in stats.counters.items():
                if name.startswith(ALERT_COUNTER):
                    change, correction = name[len(ALERT_COUNTER) :].split("__")
                    done = seen_alerts.get(name, 0)
                    self.claims_changed.labels(change, correction).inc(value - done)
                    seen_alerts[name] = value

        return watch

    def observe_alerts(self, alerts: Iterable[Alert]) -> None:
        for alert in alerts:
            self.claims_changed.labels(alert.change, str(alert.correction).lower()).inc()

    def observe_deliveries(self, deliveries: Iterable[Delivery]) -> None:
        for delivery in deliveries:
            self.deliveries.labels(delivery.channel, delivery.status).inc()

    def observe_report(self, report: DeliveryReport) -> None:
        """One delivery round: each attempt's outcome per channel (waiting pairs are not)."""
        for outcome in report.outcomes:
            if outcome.status in ("delivered", "failed", "retry"):
                self.deliveries.labels(outcome.channel, outcome.status).inc()


def serve_metrics(metrics: Metrics, port: int, host: str = "127.0.0.1") -> Any:
    """Serve /metrics on host:port from a daemon thread; returns the server (to shut down)."""
    server, _thread = start_http_server(port, addr=host, registry=metrics.registry)
    return server


class StoreCollector(Collector):
    """What the store and the feed state hold, read at scrape time (for `serve`)."""

    def __init__(self, reader: Reader, log_path: Path | None = None, consumer: str = "") -> None:
        self.reader = reader
        self.log_path = log_path
        self.consumer = consumer

    def collect(self) -> Iterator[Metric]:
        alerts, deliveries, yields = self.reader.counts()
        by_source = {  # SourceYield field: help text
            "articles": "Articles stored",
            "duplicates": "Articles stored as copies of another",
            "claims": "Claims stored",
            "alerts": "Alerts stored, by the source of the new figure",
        }
        for name, text in by_source.items():
            family = GaugeMetricFamily(f"claimwatch_store_{name}", text, labels=["source"])
            for y in yields:
                family.add_metric([y.source], float(getattr(y, name)))
            yield family
        kinds = GaugeMetricFamily(
            "claimwatch_store_alerts_by_change", "Alerts stored, by change kind", labels=["change"]
        )
        for kind, n in sorted(alerts.items()):
            kinds.add_metric([kind], n)
        yield kinds
        sent = GaugeMetricFamily(
            "claimwatch_store_deliveries",
            "Deliveries stored, by channel and status",
            labels=["channel", "status"],
        )
        for (channel, status), n in sorted(deliveries.items()):
            sent.add_metric([channel, status], n)
        yield sent
        yield from self._feeds()
        yield from self._log()

    def _feeds(self) -> Iterator[Metric]:
        failures = GaugeMetricFamily(
            "claimwatch_feed_consecutive_failures",
            "Failed fetches in a row (0: the last fetch worked)",
            labels=["feed", "source"],
        )
        seen = GaugeMetricFamily(
            "claimwatch_feed_entries_seen", "Entries recorded from the feed", labels=["feed"]
        )
        for h in self.reader.feeds().health:
            failures.add_metric([h.feed_url, h.source or ""], h.consecutive_failures)
            seen.add_metric([h.feed_url], h.entries_seen)
        yield failures
        yield seen

    def _log(self) -> Iterator[Metric]:
        if self.log_path is None or not self.log_path.exists():
            return
        from claimwatch.connectors.sqlite_log import SqliteLog

        log = SqliteLog(self.log_path)
        try:
            lag, dead = log.lag(self.consumer), len(log.dead_letters())
        finally:
            log.close()
        yield GaugeMetricFamily("claimwatch_log_lag", "Log records not processed yet", value=lag)
        yield GaugeMetricFamily(
            "claimwatch_log_dead_letters", "Dead letters kept in the log", value=dead
        )
