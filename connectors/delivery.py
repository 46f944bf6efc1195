"""Delivering alerts so that each subscriber sees each alert once.

    RoutedAlert ──render──▶ Message ─┐
    HealthAlert ──render──▶ Message ─┴─▶ for each (message id, channel):
        store.deliveries(id) says "delivered"?  ── yes ──▶ skip (a replay or restart sends nothing)
        record "pending" ─▶ send ─▶ record "delivered"  |  "failed" (+ backoff, retry if retryable)

Every attempt is recorded with `store.record_delivery`, so the store always knows what was sent.
The one window left is a crash after a channel accepted a message and before "delivered" was
written: the pair stays "pending" and `retry_undelivered` sends it again, with the same alert id
(`X-Claimwatch-Alert-Id`, the e-mail Message-ID, the Kafka key, the Elasticsearch _id), which is
what lets a receiver drop the duplicate. That is "exactly once as the subscriber sees it".

Health alerts travel through the same channels and the same bookkeeping but are a different
payload ("kind": "health"); their ids are stable per episode (transforms/health.py), so a feed
that fails on every poll is announced once.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Literal

from claimwatch.connectors.channels import Channel, PermanentDeliveryError, RetryLater
from claimwatch.connectors.store import Delivery, Store
from claimwatch.transforms.alert_rules import RoutedAlert
from claimwatch.transforms.alert_text import Message, render_alert, render_health
from claimwatch.transforms.errors import AlertDeliveryError
from claimwatch.transforms.health import HealthAlert
from claimwatch.transforms.models import Alert

log = logging.getLogger(__name__)

DELIVERED = "delivered"
FAILED = "failed"
PENDING = "pending"


@dataclass(frozen=True, slots=True)
class DeliveryOutcome:
    """What happened to one (message, channel) pair in one dispatcher call."""

    alert_id: str
    channel: str
    status: Literal["delivered", "failed", "skipped"]
    attempts: int  # attempts made in this call (0 when skipped)
    error: str | None = None


@dataclass(frozen=True, slots=True)
class DeliveryReport:
    outcomes: tuple[DeliveryOutcome, ...] = ()

    def _with(self, status: str) -> list[DeliveryOutcome]:
        return [o for o in self.outcomes if o.status == status]

    @property
    def delivered(self) -> list[DeliveryOutcome]:
        return self._with("delivered")

    @property
    def failed(self) -> list[DeliveryOutcome]:
        return self._with("failed")

    @property
    def skipped(self) -> list[DeliveryOutcome]:
        return self._with("skipped")

    def __add__(self, other: DeliveryReport) -> DeliveryReport:
        return DeliveryReport(self.outcomes + other.outcomes)


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


class AlertDispatcher:
    """Sends messages to named channels, at most once per (alert, channel) as recorded in store.

    Args:
        store: where delivery state lives (`record_delivery`, `deliveries`, `alerts`).
        channels: channel name -> channel.
        max_attempts: attempts per pair per call; retryable errors only (connection, 5xx, 429).
        backoff: seconds before the second attempt; doubles each time, capped at `max_backoff`.
        clock: the time recorded on each attempt.
        sleep: how to wait between attempts (tests pass a recorder).
    """

    def __init__(
        self,
        store: Store,
        channels: Mapping[str, Channel],
        *,
        max_attempts: int = 3,
        backoff: float = 1.0,
        max_backoff: float = 60.0,
        clock: Callable[[], datetime] = utc_now,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        self._store = store
        self._channels = dict(channels)
        self._max_attempts = max_attempts
        self._backoff = backoff
        self._max_backoff = max_backoff
        self._clock = clock
        self._sleep = sleep

    @property
    def channel_names(self) -> tuple[str, ...]:
        return tuple(self._channels)

    def deliver(self, routed: Iterable[RoutedAlert]) -> DeliveryReport:
        """Deliver claim alerts to their routed channels; already-delivered pairs are skipped.

        Store the alerts (`store.save_alerts`) before calling this, so `retry_undelivered`
        can find them again after a crash.
        """
        outcomes: list[DeliveryOutcome] = []
        for item in routed:
            message = render_alert(item.alert, rule=item.rule)
            outcomes += self._deliver_message(message, item.channels)
        return DeliveryReport(tuple(outcomes))

    def deliver_health(
        self, alerts: Iterable[HealthAlert], channels: Sequence[str]
    ) -> DeliveryReport:
        """Deliver operator alerts; an episode's alert is sent once however often it fires."""
        outcomes: list[DeliveryOutcome] = []
        for alert in alerts:
            outcomes += self._deliver_message(render_health(alert), channels)
        return DeliveryReport(tuple(outcomes))

    def deliver_message(self, message: Message, channels: Sequence[str]) -> DeliveryReport:
        """Deliver an already rendered message (used for test sends and by the two above)."""
        return DeliveryReport(tuple(self._deliver_message(message, channels)))

    def retry_undelivered(self) -> DeliveryReport:
        """Send again every stored claim alert whose delivery is "failed" or "pending".

        Health alerts are not retried here: they are re-evaluated on every check and, while the
        episode lasts, come back with the same id, which retries them then.
        """
        outcomes: list[DeliveryOutcome] = []
        for alert, delivery in undelivered(self._store):
            outcomes += self._deliver_message(render_alert(alert), [delivery.channel])
        return DeliveryReport(tuple(outcomes))

    # -- one pair at a time ---------------------------------------------------------------------

    def _deliver_message(self, message: Message, channels: Sequence[str]) -> list[DeliveryOutcome]:
        states = {d.channel: d for d in self._store.deliveries(message.id)}
        outcomes = []
        for name in dict.fromkeys(channels):
            before = states.get(name)
            if before is not None and before.status == DELIVERED:
                outcomes.append(DeliveryOutcome(message.id, name, "skipped", 0))
                continue
            outcomes.append(self._send(message, name, before.attempts if before else 0))
        return outcomes

    def _send(self, message: Message, name: str, earlier: int) -> DeliveryOutcome:
        channel = self._channels.get(name)
        if channel is None:
            missing = (
                f"no channel named {name!r} is configured (known: {sorted(self._channels)}); "
                "add it under channels: in alerts.yaml or remove it from the rule"
            )
            self._record(message.id, name, FAILED, earlier, missing)
            return DeliveryOutcome(message.id, name, "failed", 0, missing)
        self._record(message.id, name, PENDING, earlier, None)
        error: str | None = None
        for attempt in range(1, self._max_attempts + 1):
            try:
                channel.send(message)
            except PermanentDeliveryError as exc:
                error = str(exc)
                self._record(message.id, name, FAILED, earlier + attempt, error)
                log.warning("alert %s on %s refused: %s", message.id, name, error)
                return DeliveryOutcome(message.id, name, "failed", attempt, error)
            except AlertDeliveryError as exc:
                error = str(exc)
                self._record(message.id, name, FAILED, earlier + attempt, error)
                log.warning(
                    "alert %s on %s attempt %d/%d failed: %s",
                    message.id,
                    name,
                    attempt,
                    self._max_attempts,
                    error,
                )
                if attempt < self._max_attempts:
                    wait = self._backoff * 2 ** (attempt - 1)
                    if isinstance(exc, RetryLater):
                        wait = max(wait, exc.retry_after)  # the receiver knows its own load
                    self._sleep(min(self._max_backoff, wait))
                continue
            self._record(message.id, name, DELIVERED, earlier + attempt, None)
            return DeliveryOutcome(message.id, name, "delivered", attempt, None)
        return DeliveryOutcome(message.id, name, "failed", self._max_attempts, error)

    def _record(
        self, alert_id: str, channel: str, status: str, attempts: int, error: str | None
    ) -> None:
        self._store.record_delivery(
            Delivery(
                alert_id=alert_id,
                channel=channel,
                status=status,
                attempts=attempts,
                last_error=error,
                updated=self._clock(),
            )
        )


def undelivered(store: Store) -> list[tuple[Alert, Delivery]]:
    """Stored claim alerts with a channel whose delivery is not (yet) "delivered"."""
    pending = []
    for alert in store.alerts():
        pending += [(alert, d) for d in store.deliveries(alert.id) if d.status != DELIVERED]
    return pending


def sent_history(store: Store) -> dict[str, datetime]:
    """Last time an alert was delivered per claim key: the `history` select_alerts needs.

    Only delivered alerts count, so an alert held back by a cooldown does not extend it.
    """
    history: dict[str, datetime] = {}
    for alert in store.alerts():
        times = [d.updated for d in store.deliveries(alert.id) if d.status == DELIVERED]
        if times:
            latest = max(times)
            if alert.claim_key not in history or history[alert.claim_key] < latest:
                history[alert.claim_key] = latest
    return history
