"""The delivery loop: drains the outbox in the store, so each subscriber sees each alert once.

    pipeline ──(alert + its routed pairs, "pending")──▶ store ──▶ log commit
    DeliveryLoop.deliver_due():
        store.claim_deliveries(now, lease)  ── oldest publication first, leased to this loop
        ──render(alert, its rule)──▶ channel.send ──▶ "delivered"
                                                  └─▶ retryable: still "pending", backoff
                                                  └─▶ refused:   "failed" (listed, re-queueable)

Nothing here depends on which process created an alert: whatever is pending in the store is
delivered by whichever loop claims it, at start-up, on every round of `run`, or by
`claimwatch deliver`. The one window left is a crash after a channel accepted a message and
before "delivered" was written: the lease runs out and the pair is sent again, with the same
alert id (`X-Claimwatch-Alert-Id`, the e-mail Message-ID, the Kafka key, the Elasticsearch _id)
and the same bytes, which is what lets a receiver drop the duplicate.

Health alerts travel through the same channels and bookkeeping but are a different payload
("kind": "health"); their ids are stable per episode (transforms/health.py), so a feed that
fails on every poll is announced once.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from typing import Literal

from claimwatch.connectors.channels import Channel, PermanentDeliveryError, RetryLater
from claimwatch.connectors.store import Delivery, Store
from claimwatch.transforms.alert_rules import RoutedAlert
from claimwatch.transforms.alert_text import Message, render_alert, render_health
from claimwatch.transforms.errors import AlertDeliveryError
from claimwatch.transforms.health import HealthAlert

log = logging.getLogger(__name__)

DELIVERED = "delivered"
FAILED = "failed"
PENDING = "pending"


@dataclass(frozen=True, slots=True)
class DeliveryOutcome:
    """What happened to one (message, channel) pair in one attempt (or why none was made)."""

    alert_id: str
    channel: str
    status: Literal["delivered", "failed", "retry", "waiting", "skipped"]
    attempts: int  # attempts recorded for the pair so far
    error: str | None = None
    not_before: datetime | None = None  # when a "retry" pair is due again


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
        """Refused for good: listed by `alerts --undelivered`, re-queued on request."""
        return self._with("failed")

    @property
    def retrying(self) -> list[DeliveryOutcome]:
        """Attempted and failed for a reason a retry may fix: pending, with a backoff."""
        return self._with("retry")

    @property
    def skipped(self) -> list[DeliveryOutcome]:
        return self._with("skipped")

    def __add__(self, other: DeliveryReport) -> DeliveryReport:
        return DeliveryReport(self.outcomes + other.outcomes)


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def outbox_rows(routed: Iterable[RoutedAlert], *, now: datetime) -> list[Delivery]:
    """The pending pairs a batch stores with its alerts: one per routed alert and channel."""
    return [
        Delivery(
            alert_id=item.alert.id,
            channel=channel,
            status=PENDING,
            attempts=0,
            last_error=None,
            updated=now,
            claim_key=item.alert.claim_key,
            published=item.alert.current.published,
        )
        for item in routed
        for channel in item.channels
    ]


class DeliveryLoop:
    """Claims due pairs from the store's outbox and sends each to its channel.

    Args:
        store: the outbox (`claim_deliveries`, `record_delivery`, `alerts_by_ids`).
        channels: channel name -> channel. A pair whose channel is not configured here waits
            (it may belong to a deliverer started with other options), it is never dropped.
        batch: pairs claimed per round, so one round's work stays bounded.
        lease: how long a claimed pair is this loop's before another may take it over.
        backoff / max_backoff: seconds before the second attempt of a pair, doubling per
            attempt up to the cap; a receiver's Retry-After is honoured up to the cap.
        quick_attempts: attempts per pair that `drain` makes before leaving the rest to later
            rounds (what `run --once` and `deliver --once` wait for).
        clock / sleep: injected so tests control time.
    """

    def __init__(
        self,
        store: Store,
        channels: Mapping[str, Channel],
        *,
        batch: int = 200,
        lease: timedelta = timedelta(minutes=5),
        backoff: float = 1.0,
        max_backoff: float = 300.0,
        quick_attempts: int = 3,
        clock: Callable[[], datetime] = utc_now,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if quick_attempts < 1:
            raise ValueError("quick_attempts must be at least 1")
        self._store = store
        self._channels = dict(channels)
        self._batch = batch
        self._lease = lease
        self._backoff = backoff
        self._max_backoff = max_backoff
        self._quick = quick_attempts
        self._clock = clock
        self._sleep = sleep

    def deliver_due(self) -> DeliveryReport:
        """One round: claim what is due, one attempt per pair, record every outcome.

        Only pairs of this loop's channels are claimed (a pair routed to a channel another
        deliverer has waits for that one, and never blocks these). The round ends early once
        half the lease is gone, giving the rest back, so no pair is sent by this loop after
        another deliverer may have taken it over.
        """
        now = self._clock()
        claimed = self._store.claim_deliveries(
            now, self._lease, self._batch, channels=tuple(self._channels)
        )
        if not claimed:
            return DeliveryReport()
        alerts = {a.id: a for a in self._store.alerts_by_ids([d.alert_id for d in claimed])}
        down: set[str] = set()  # channels that failed retryably in this round
        held: set[tuple[str, str]] = set()  # (channel, key) with an earlier pair not delivered
        outcomes = []
        for pair in claimed:
            alert = alerts.get(pair.alert_id)
            lane = (pair.channel, pair.claim_key)
            if self._clock() - now >= self._lease / 2:
                outcomes.append(self._wait(pair, self._clock(), pair.last_error, backoff=False))
            elif alert is None:
                # Its batch stored the pair first and is still storing the alert.
                outcomes.append(self._wait(pair, now, "the alert is not stored yet"))
                held.add(lane)
            elif pair.channel in down or lane in held:
                # Keep per-key publication order on a channel; don't hammer one that is down.
                outcomes.append(self._wait(pair, now, pair.last_error, backoff=False))
                held.add(lane)
            else:
                message = render_alert(alert, rule=alert.rules[0] if alert.rules else None)
                outcome = self._attempt(message, pair, self._clock())
                outcomes.append(outcome)
                if outcome.status == "retry":
                    down.add(pair.channel)
                if outcome.status != "delivered":
                    held.add(lane)
        return DeliveryReport(tuple(outcomes))

    def drain(self, *, should_stop: Callable[[], bool] = lambda: False) -> DeliveryReport:
        """Rounds until nothing is due; pairs that keep failing get `quick_attempts` tries.

        Between rounds it waits until the first retrying pair is due (its backoff, or the
        receiver's Retry-After), capped at `max_backoff`.
        """
        total = DeliveryReport()
        while not should_stop():
            report = self.deliver_due()
            total += report
            if not report.outcomes:
                break
            retry = [o for o in report.retrying if o.attempts < self._quick]
            if not report.delivered and not retry:
                break  # only waiting pairs: their time is not now
            if retry:
                due = min(o.not_before or self._clock() for o in retry)
                wait = (due - self._clock()).total_seconds()
                self._sleep(min(self._max_backoff, max(0.0, wait)))
        return total

    # -- one pair --------------------------------------------------------------------------

    def _attempt(self, message: Message, pair: Delivery, now: datetime) -> DeliveryOutcome:
        channel = self._channels[pair.channel]
        attempts = pair.attempts + 1
        try:
            channel.send(message)
        except PermanentDeliveryError as exc:
            self._record(pair, FAILED, attempts, str(exc), None)
            log.warning("alert %s on %s refused: %s", pair.alert_id, pair.channel, exc)
            return DeliveryOutcome(pair.alert_id, pair.channel, "failed", attempts, str(exc))
        except AlertDeliveryError as exc:
            wait = self._backoff_for(attempts)
            if isinstance(exc, RetryLater):
                wait = max(wait, exc.retry_after)  # the receiver knows its own load
            wait = min(self._max_backoff, wait)
            due = now + timedelta(seconds=wait)
            self._record(pair, PENDING, attempts, str(exc), due)
            log.warning(
                "alert %s on %s attempt %d failed (retrying in %.0fs): %s",
                pair.alert_id,
                pair.channel,
                attempts,
                wait,
                exc,
            )
            return DeliveryOutcome(pair.alert_id, pair.channel, "retry", attempts, str(exc), due)
        self._record(pair, DELIVERED, attempts, None, None)
        return DeliveryOutcome(pair.alert_id, pair.channel, "delivered", attempts)

    def _wait(
        self, pair: Delivery, now: datetime, reason: str | None, *, backoff: bool = True
    ) -> DeliveryOutcome:
        """Give the claim back: due again after a short wait, attempts unchanged."""
        delay = self._backoff_for(1) if backoff else 0.0
        self._record(pair, PENDING, pair.attempts, reason, now + timedelta(seconds=delay))
        return DeliveryOutcome(pair.alert_id, pair.channel, "waiting", pair.attempts, reason)

    def _backoff_for(self, attempts: int) -> float:
        return float(self._backoff * 2 ** max(0, attempts - 1))

    def _record(
        self,
        pair: Delivery,
        status: str,
        attempts: int,
        error: str | None,
        not_before: datetime | None,
    ) -> None:
        self._store.record_delivery(
            replace(
                pair,
                status=status,
                attempts=attempts,
                last_error=error,
                updated=self._clock(),
                not_before=not_before,
            )
        )


class HealthSender:
    """Operator alerts through the same channels, once per (episode id, channel)."""

    def __init__(
        self,
        store: Store,
        channels: Mapping[str, Channel],
        *,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self._store = store
        self._channels = dict(channels)
        self._clock = clock

    def send(self, alerts: Iterable[HealthAlert], channels: Sequence[str]) -> DeliveryReport:
        outcomes: list[DeliveryOutcome] = []
        for alert in alerts:
            message = render_health(alert)
            states = {d.channel: d for d in self._store.deliveries(message.id)}
            for name in dict.fromkeys(channels):
                before = states.get(name)
                if before is not None and before.status == DELIVERED:
                    outcomes.append(DeliveryOutcome(message.id, name, "skipped", before.attempts))
                    continue
                outcomes.append(self._send(message, name, before.attempts if before else 0))
        return DeliveryReport(tuple(outcomes))

    def _send(self, message: Message, name: str, earlier: int) -> DeliveryOutcome:
        channel = self._channels.get(name)
        status: Literal["delivered", "failed"]
        error: str | None = None
        if channel is None:
            status, error = "failed", f"no channel named {name!r} is configured"
        else:
            try:
                channel.send(message)
                status = "delivered"
            except AlertDeliveryError as exc:
                status, error = "failed", str(exc)
        self._store.record_delivery(
            Delivery(message.id, name, status, earlier + 1, error, self._clock())
        )
        return DeliveryOutcome(message.id, name, status, earlier + 1, error)


def send_direct(
    message: Message, channels: Mapping[str, Channel], names: Sequence[str]
) -> dict[str, str | None]:
    """Send without bookkeeping (the store itself may be what is down); name -> error."""
    results: dict[str, str | None] = {}
    for name in dict.fromkeys(names):
        channel = channels.get(name)
        if channel is None:
            results[name] = f"no channel named {name!r}"
            continue
        try:
            channel.send(message)
            results[name] = None
        except AlertDeliveryError as exc:
            results[name] = str(exc)
    return results
