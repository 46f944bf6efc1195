"""The delivery loop as a process sees it: rounds over the outbox until stopped.

    start-up ─▶ every round: claim due pairs ─▶ send ─▶ record   (own store connection)
    store down ─▶ back off (5 s … 5 min) and try again; never fatal
    `run --once` / `deliver --once` ─▶ drain(): rounds until nothing is due now

It runs beside the pipeline in `run` (a thread) and alone in `claimwatch deliver`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from claimwatch.connectors.delivery import DeliveryReport
from claimwatch.connectors.store import Store
from claimwatch.pipelines.alerting.service import AlertService
from claimwatch.pipelines.backends import StoreSpec
from claimwatch.transforms.errors import StoreUnavailable

log = logging.getLogger(__name__)


class Backoff:
    """5 s, 10 s, 20 s … up to 5 minutes between attempts while a service is down."""

    def __init__(self, first: float = 5.0, cap: float = 300.0) -> None:
        self._first, self._cap = first, cap
        self._delay = 0.0

    def next(self) -> float:
        self._delay = min(self._cap, self._delay * 2 if self._delay else self._first)
        return self._delay

    def reset(self) -> None:
        self._delay = 0.0


@dataclass
class DeliveryTotals:
    delivered: int = 0
    failed: int = 0
    retried: int = 0
    outages: int = 0

    def add(self, report: DeliveryReport) -> None:
        self.delivered += len(report.delivered)
        self.failed += len(report.failed)
        self.retried += len(report.retrying)


class DeliveryWorker:
    """Runs delivery rounds on its own thread and store connection until `stop()`."""

    def __init__(
        self,
        service: AlertService,
        store: StoreSpec,
        *,
        say: Callable[[str], None] = lambda message: None,
        backoff: Backoff | None = None,
        on_report: Callable[[DeliveryReport], None] | None = None,
    ) -> None:
        self._on_report = on_report
        self._service = service
        self._spec = store
        self._say = say
        self._backoff = backoff or Backoff()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.totals = DeliveryTotals()

    def start(self) -> DeliveryWorker:
        self._thread = threading.Thread(target=self._run, name="claimwatch-delivery", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    def _run(self) -> None:
        store: Store | None = None
        interval = self._service.settings.delivery.interval_seconds
        while not self._stop.is_set():
            try:
                if store is None:
                    store = self._spec.open()
                report = self._service.delivery_loop(store).deliver_due()
                self._backoff.reset()
                self.totals.add(report)
                if self._on_report is not None:
                    self._on_report(report)
                if report.delivered:
                    self._say(f"delivered {len(report.delivered)} alert messages")
                if not report.delivered:
                    self._stop.wait(interval)
            except StoreUnavailable as exc:
                # Nothing is lost: what was not recorded delivered stays pending.
                self.totals.outages += 1
                delay = self._backoff.next()
                log.error("delivery: %s; retrying in %.0fs", exc, delay)
                if store is not None:
                    _close_quietly(store)
                    store = None
                self._stop.wait(delay)
        if store is not None:
            _close_quietly(store)


def drain_outbox(
    service: AlertService, spec: StoreSpec, *, should_stop: Callable[[], bool] = lambda: False
) -> DeliveryReport:
    """Deliver everything due now (with the quick retries); raises StoreUnavailable."""
    store = spec.open()
    try:
        return service.delivery_loop(store).drain(should_stop=should_stop)
    finally:
        _close_quietly(store)


def _close_quietly(store: Store) -> None:
    try:
        store.close()
    except Exception:  # closing a broken connection must not hide why it broke
        log.debug("closing the store failed", exc_info=True)
