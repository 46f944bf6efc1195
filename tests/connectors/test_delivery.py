"""The delivery loop over a real SQLite outbox and a real signed-webhook receiver on loopback:
backoff, Retry-After, refusals, leases, per-channel state, and nothing sent twice."""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from claimwatch.connectors.channels import Channel
from claimwatch.connectors.channels.jsonl import JsonlChannel
from claimwatch.connectors.channels.webhook import WebhookChannel
from claimwatch.connectors.delivery import DeliveryLoop, HealthSender, outbox_rows
from claimwatch.connectors.sqlite_store import SqliteStore
from claimwatch.transforms.alert_text import Message
from claimwatch.transforms.health import FeedStats, check_health
from claimwatch.transforms.models import Alert, ClaimKey
from factories import (
    SECRET,
    T0,
    Clock,
    WebhookReceiver,
    closed_port_url,
    pending,
    routed,
    serve_webhook,
    toll_alert,
)

LEASE = timedelta(minutes=5)


def hook(receiver: WebhookReceiver, name: str = "hook") -> WebhookChannel:
    return WebhookChannel(receiver.url, name=name, secret=SECRET, timeout=5)


def loop(
    store: SqliteStore, channels: dict[str, Channel], clock: Clock, **kwargs: Any
) -> DeliveryLoop:
    return DeliveryLoop(store, channels, clock=clock, sleep=clock.sleep, lease=LEASE, **kwargs)


def queue(store: SqliteStore, *alerts: Alert, channels: tuple[str, ...] = ("hook",)) -> None:
    """What DetectClaimChanges stores for routed alerts: the pending pairs, then the alerts."""
    store.enqueue_deliveries(outbox_rows([routed(a, *channels) for a in alerts], now=T0))
    store.save_alerts([replace(a, rules=("casualties",)) for a in alerts])


def state(store: SqliteStore, alert: Alert, channel: str = "hook") -> Any:
    return next(d for d in store.deliveries(alert.id) if d.channel == channel)


@pytest.mark.parametrize("webhook", [{"statuses": [500, 500]}], indirect=True)
def test_fails_twice_then_accepts_is_retried_with_backoff_and_delivered(
    sqlite_store: SqliteStore, webhook: WebhookReceiver, clock: Clock
) -> None:
    alert = toll_alert(1, 400, 420)
    queue(sqlite_store, alert)
    report = loop(
        sqlite_store, {"hook": hook(webhook)}, clock, quick_attempts=3, backoff=0.5
    ).drain()
    assert [r.status for r in webhook.requests] == [500, 500, 200]
    assert clock.slept == [0.5, 1.0]  # exponential backoff between attempts
    assert [(o.status, o.attempts) for o in report.outcomes] == [
        ("retry", 1),
        ("retry", 2),
        ("delivered", 3),
    ]
    done = state(sqlite_store, alert)
    assert (done.status, done.attempts, done.last_error) == ("delivered", 3, None)
    assert sqlite_store.undelivered() == []


@pytest.mark.parametrize("webhook", [{"statuses": [503] * 3}], indirect=True)
def test_always_failing_stays_pending_with_a_backoff_and_a_later_round_delivers(
    sqlite_store: SqliteStore, webhook: WebhookReceiver, clock: Clock
) -> None:
    alert = toll_alert(1, 400, 420)
    queue(sqlite_store, alert)
    deliverer = loop(sqlite_store, {"hook": hook(webhook)}, clock, quick_attempts=3, backoff=1.0)
    report = deliverer.drain()
    assert [o.status for o in report.outcomes] == ["retry"] * 3  # retryable: never "failed"
    waiting = state(sqlite_store, alert)
    assert (waiting.status, waiting.attempts) == ("pending", 3)
    assert "503" in (waiting.last_error or "")
    assert waiting.not_before == clock.now + timedelta(seconds=4)  # 1, 2, then 4 s
    assert [(d.alert_id, d.status) for d in sqlite_store.undelivered()] == [(alert.id, "pending")]
    # Not due before its backoff ends: nothing is claimed, nothing is sent.
    clock.advance(seconds=3.9)
    assert deliverer.deliver_due().outcomes == ()
    assert len(webhook.requests) == 3
    # The receiver is back: the next round delivers, and the attempt count keeps growing.
    clock.advance(seconds=0.1)
    assert [o.status for o in deliverer.deliver_due().outcomes] == ["delivered"]
    assert state(sqlite_store, alert).attempts == 4
    assert sqlite_store.undelivered() == []
    assert webhook.accepted_ids() == [alert.id]


@pytest.mark.parametrize(
    ("retry_after", "wait"), [("7", 7.0), ("3600", 60.0), ("soon", 0.5), ("0", 0.5)]
)
def test_retry_after_is_honoured_up_to_the_cap(
    sqlite_store: SqliteStore, clock: Clock, retry_after: str, wait: float
) -> None:
    alert = toll_alert(1, 400, 420)
    queue(sqlite_store, alert)
    with serve_webhook(statuses=[429], retry_after=retry_after) as receiver:
        deliverer = loop(sqlite_store, {"hook": hook(receiver)}, clock, backoff=0.5, max_backoff=60)
        assert [o.status for o in deliverer.deliver_due().outcomes] == ["retry"]
        assert state(sqlite_store, alert).not_before == clock.now + timedelta(seconds=wait)
        clock.advance(seconds=wait - 0.01)
        assert deliverer.deliver_due().outcomes == ()
        clock.advance(seconds=0.01)
        assert [o.status for o in deliverer.deliver_due().outcomes] == ["delivered"]
        assert [r.status for r in receiver.requests] == [429, 200]


@pytest.mark.parametrize("webhook", [{"statuses": [429], "retry_after": "2"}], indirect=True)
def test_a_one_shot_drain_waits_out_a_short_retry_after(
    sqlite_store: SqliteStore, webhook: WebhookReceiver, clock: Clock
) -> None:
    alert = toll_alert(1, 400, 420)
    queue(sqlite_store, alert)
    loop(sqlite_store, {"hook": hook(webhook)}, clock, backoff=0.5, max_backoff=60).drain()
    assert state(sqlite_store, alert).status == "delivered"


@pytest.mark.parametrize("webhook", [{"statuses": [400]}], indirect=True)
def test_client_errors_are_not_retried(
    sqlite_store: SqliteStore, webhook: WebhookReceiver, clock: Clock
) -> None:
    alert = toll_alert(1, 400, 420)
    queue(sqlite_store, alert)
    deliverer = loop(sqlite_store, {"hook": hook(webhook)}, clock)
    report = deliverer.drain()
    assert len(webhook.requests) == 1 and clock.slept == []
    assert [(o.status, o.attempts) for o in report.failed] == [("failed", 1)]
    refused = state(sqlite_store, alert)
    assert refused.status == "failed" and "a retry will not help" in (refused.last_error or "")
    # Refused for good: listed, and no later round tries again by itself.
    assert [(d.alert_id, d.status) for d in sqlite_store.undelivered()] == [(alert.id, "failed")]
    clock.advance(days=1)
    assert deliverer.deliver_due().outcomes == ()
    assert len(webhook.requests) == 1


def test_a_refused_pair_put_back_to_pending_after_a_fix_is_delivered(
    sqlite_store: SqliteStore, webhook: WebhookReceiver, clock: Clock
) -> None:
    alert = toll_alert(1, 400, 420)
    queue(sqlite_store, alert)
    wrong = WebhookChannel(webhook.url, name="hook", secret="not-the-secret")
    loop(sqlite_store, {"hook": wrong}, clock).drain()
    refused = state(sqlite_store, alert)
    assert (refused.status, refused.attempts) == ("failed", 1) and "401" in (
        refused.last_error or ""
    )
    # The operator fixes the secret and re-queues the pair (there is no CLI verb for it yet).
    sqlite_store.record_delivery(replace(refused, status="pending", not_before=None))
    loop(sqlite_store, {"hook": hook(webhook)}, clock).drain()
    assert (state(sqlite_store, alert).status, state(sqlite_store, alert).attempts) == (
        "delivered",
        2,
    )
    assert webhook.accepted_ids() == [alert.id]


def test_replay_and_restart_send_nothing_twice(
    sqlite_store: SqliteStore, webhook: WebhookReceiver, clock: Clock, tmp_path: Path
) -> None:
    alerts = [toll_alert(1, 400, 420), toll_alert(2, 420, 450)]
    queue(sqlite_store, *alerts)
    first = loop(sqlite_store, {"hook": hook(webhook)}, clock).drain()
    assert len(first.delivered) == 2
    # A replayed slice enqueues the same pairs again: a delivered pair is never reset.
    queue(sqlite_store, *alerts)
    assert [d.status for a in alerts for d in sqlite_store.deliveries(a.id)] == ["delivered"] * 2
    assert loop(sqlite_store, {"hook": hook(webhook)}, clock).drain().outcomes == ()
    sqlite_store.close()
    reopened = SqliteStore(tmp_path / "store.sqlite3")
    try:
        clock.advance(hours=1)
        assert loop(reopened, {"hook": hook(webhook)}, clock).drain().outcomes == ()
    finally:
        reopened.close()
    assert webhook.count_by_id() == {"alert-1": 1, "alert-2": 1}


@pytest.mark.parametrize("webhook", [{"statuses": [500, 500, 500]}], indirect=True)
def test_each_channel_is_tracked_separately(
    sqlite_store: SqliteStore, webhook: WebhookReceiver, clock: Clock, tmp_path: Path
) -> None:
    alert = toll_alert(1, 400, 420)
    queue(sqlite_store, alert, channels=("file", "hook"))
    channels: dict[str, Channel] = {
        "hook": hook(webhook),
        "file": JsonlChannel(tmp_path / "alerts.jsonl", name="file"),
    }
    deliverer = loop(sqlite_store, channels, clock, quick_attempts=3)
    deliverer.drain()
    states = {s.channel: (s.status, s.attempts) for s in sqlite_store.deliveries(alert.id)}
    assert states == {"file": ("delivered", 1), "hook": ("pending", 3)}
    clock.advance(minutes=1)
    deliverer.drain()
    # The file got it once; only the webhook was tried again.
    assert len((tmp_path / "alerts.jsonl").read_text().splitlines()) == 1
    assert webhook.accepted_ids() == [alert.id]
    assert {s.channel: s.status for s in sqlite_store.deliveries(alert.id)} == {
        "file": "delivered",
        "hook": "delivered",
    }


def test_a_pair_whose_channel_is_not_configured_waits_and_is_never_failed(
    sqlite_store: SqliteStore, webhook: WebhookReceiver, clock: Clock
) -> None:
    alert = toll_alert(1, 400, 420)
    queue(sqlite_store, alert, channels=("pager",))
    report = loop(sqlite_store, {"hook": hook(webhook)}, clock).drain()
    # A deliverer claims only its own channels: the pair is left alone for one that has it.
    assert report.outcomes == ()
    waiting = state(sqlite_store, alert, "pager")
    assert (waiting.status, waiting.attempts, waiting.not_before) == ("pending", 0, None)
    assert [d.channel for d in sqlite_store.undelivered()] == ["pager"]
    assert webhook.requests == []
    # A deliverer started with that channel delivers it.
    clock.advance(minutes=1)
    later = loop(sqlite_store, {"pager": hook(webhook, "pager")}, clock).drain()
    assert [o.status for o in later.outcomes] == ["delivered"]
    assert webhook.accepted_ids() == [alert.id]


def test_waiting_pairs_do_not_starve_pairs_of_configured_channels(
    sqlite_store: SqliteStore, webhook: WebhookReceiver, clock: Clock
) -> None:
    old = [toll_alert(n, 400, 420 + n, hours=n) for n in (1, 2)]
    queue(sqlite_store, *old, channels=("pager",))  # routed by a run with another channel
    new = toll_alert(3, 430, 450, hours=3)
    queue(sqlite_store, new)
    deliverer = loop(sqlite_store, {"hook": hook(webhook)}, clock, batch=2)
    for _ in range(5):  # five rounds, as the delivery thread runs them
        deliverer.deliver_due()
        clock.advance(seconds=2)
    assert webhook.accepted_ids() == [new.id]


def test_a_pair_stored_before_its_alert_waits_for_it(
    sqlite_store: SqliteStore, webhook: WebhookReceiver, clock: Clock
) -> None:
    alert = toll_alert(1, 400, 420)
    sqlite_store.enqueue_deliveries([pending(alert)])  # its batch has not stored the alert yet
    deliverer = loop(sqlite_store, {"hook": hook(webhook)}, clock)
    assert [o.status for o in deliverer.drain().outcomes] == ["waiting"]
    assert state(sqlite_store, alert).status == "pending" and webhook.requests == []
    sqlite_store.save_alerts([alert])
    clock.advance(seconds=5)
    assert [o.status for o in deliverer.drain().outcomes] == ["delivered"]


@pytest.mark.parametrize("webhook", [{"statuses": [503]}], indirect=True)
def test_a_key_keeps_its_order_on_a_channel_within_a_round(
    sqlite_store: SqliteStore, webhook: WebhookReceiver, clock: Clock, tmp_path: Path
) -> None:
    first, second = toll_alert(1, 400, 420), toll_alert(2, 420, 450)
    other = toll_alert(3, 10, 20, key=ClaimKey("injured", "palestinians"), hours=3)
    queue(sqlite_store, first, second, other)
    report = loop(sqlite_store, {"hook": hook(webhook)}, clock).deliver_due()
    # The first failed; the second of the same key waits rather than overtake it, and the
    # channel is not hammered for the other key either while it is down.
    assert [(o.alert_id, o.status) for o in report.outcomes] == [
        ("alert-1", "retry"),
        ("alert-2", "waiting"),
        ("alert-3", "waiting"),
    ]
    assert len(webhook.requests) == 1
    clock.advance(seconds=1)
    loop(sqlite_store, {"hook": hook(webhook)}, clock).drain()
    assert webhook.accepted_ids() == ["alert-1", "alert-2", "alert-3"]


@pytest.mark.parametrize("webhook", [{"statuses": [503]}], indirect=True)
def test_a_key_keeps_its_order_on_a_channel_across_rounds(
    sqlite_store: SqliteStore, webhook: WebhookReceiver, clock: Clock
) -> None:
    first, second = toll_alert(1, 400, 420), toll_alert(2, 420, 450)
    queue(sqlite_store, first, second)
    deliverer = loop(sqlite_store, {"hook": hook(webhook)}, clock, backoff=10)
    deliverer.deliver_due()  # the first fails and backs off 10 s; the second waits
    clock.advance(seconds=1)
    deliverer.deliver_due()  # the first is not due yet: the second must keep waiting
    assert webhook.accepted_ids() == []


class DiesAfterSending:
    """The process dies after the receiver accepted, before "delivered" is recorded."""

    def __init__(self, channel: WebhookChannel) -> None:
        self.name = channel.name
        self._channel = channel

    def send(self, message: Message) -> None:
        self._channel.send(message)
        raise RuntimeError("killed between send and record")


def test_a_crash_mid_send_leaves_the_pair_leased_then_resends_the_same_bytes(
    sqlite_store: SqliteStore, webhook: WebhookReceiver, clock: Clock
) -> None:
    alert = toll_alert(1, 400, 420)
    queue(sqlite_store, alert)
    with pytest.raises(RuntimeError):
        loop(sqlite_store, {"hook": DiesAfterSending(hook(webhook))}, clock).deliver_due()
    leased = state(sqlite_store, alert)
    assert (leased.status, leased.attempts, leased.not_before) == ("pending", 0, T0 + LEASE)
    assert [d.alert_id for d in sqlite_store.undelivered()] == [alert.id]
    # Another deliverer does not take it while the lease runs …
    replacement = loop(sqlite_store, {"hook": hook(webhook)}, clock)
    clock.advance(minutes=4)
    assert replacement.deliver_due().outcomes == ()
    # … and resends it once the lease has run out: same alert id, same bytes.
    clock.advance(minutes=1)
    assert [o.status for o in replacement.deliver_due().outcomes] == ["delivered"]
    sent, resent = webhook.accepted()
    assert sent.alert_id == resent.alert_id == alert.id
    assert sent.body == resent.body
    assert sent.json["rule"] == "casualties"
    assert state(sqlite_store, alert).status == "delivered"


class TakesMinutes:
    """A receiver that takes `minutes` to answer (the clock moves on); on the `nth` send,
    `meanwhile` runs first: what another deliverer does in the same minutes."""

    def __init__(self, channel: WebhookChannel, clock: Clock, minutes: float, nth: int,
                 meanwhile: Any) -> None:  # fmt: skip
        self.name = channel.name
        self._channel, self._clock, self._minutes = channel, clock, minutes
        self._nth, self._meanwhile, self._sends = nth, meanwhile, 0

    def send(self, message: Message) -> None:
        self._sends += 1
        self._clock.advance(minutes=self._minutes)
        if self._sends == self._nth:
            self._meanwhile()
        self._channel.send(message)


def test_a_round_longer_than_its_lease_sends_no_pair_twice(
    sqlite_store: SqliteStore, webhook: WebhookReceiver, clock: Clock, tmp_path: Path
) -> None:
    keys = [ClaimKey("killed", f"town {n}") for n in range(3)]
    alerts = [toll_alert(n, 10, 20, key=keys[n], hours=n) for n in range(3)]
    queue(sqlite_store, *alerts)
    second = SqliteStore(tmp_path / "store.sqlite3")  # e.g. `claimwatch deliver` beside `run`
    try:
        other = loop(second, {"hook": hook(webhook)}, clock)
        slow = TakesMinutes(hook(webhook), clock, minutes=2, nth=3, meanwhile=other.deliver_due)
        loop(sqlite_store, {"hook": slow}, clock).deliver_due()
        # The slow round gave back what it could not send within half its lease; the next
        # round (this deliverer's or the other's) sends it, once.
        other.deliver_due()
    finally:
        second.close()
    assert webhook.count_by_id() == {a.id: 1 for a in alerts}


def test_a_lost_delivered_record_resends_identical_bytes(
    sqlite_store: SqliteStore, webhook: WebhookReceiver, clock: Clock
) -> None:
    alert = toll_alert(1, 400, 420)
    queue(sqlite_store, alert)
    loop(sqlite_store, {"hook": hook(webhook)}, clock).drain()
    # The "delivered" write was lost (e.g. the store failed over): the pair is pending again.
    sqlite_store.record_delivery(replace(state(sqlite_store, alert), status="pending"))
    clock.advance(hours=2)
    loop(sqlite_store, {"hook": hook(webhook)}, clock).drain()
    sent, resent = webhook.accepted()
    assert resent.body == sent.body and resent.alert_id == sent.alert_id == alert.id
    assert resent.json["rule"] == "casualties" and resent.json["rules"] == ["casualties"]


def test_drain_gives_a_failing_pair_its_quick_attempts_then_returns(
    sqlite_store: SqliteStore, clock: Clock
) -> None:
    alert = toll_alert(1, 400, 420)
    queue(sqlite_store, alert)
    down = WebhookChannel(closed_port_url(), name="hook", timeout=2)
    report = loop(sqlite_store, {"hook": down}, clock, quick_attempts=2, backoff=1).drain()
    assert [(o.status, o.attempts) for o in report.outcomes] == [("retry", 1), ("retry", 2)]
    assert "cannot reach" in (state(sqlite_store, alert).last_error or "")


def test_failing_feed_on_five_polls_sends_exactly_one_health_alert(
    sqlite_store: SqliteStore, webhook: WebhookReceiver, clock: Clock
) -> None:
    sender = HealthSender(sqlite_store, {"hook": hook(webhook)}, clock=clock)
    feed = "https://feeds.example/world.rss"
    last_ok = T0 - timedelta(hours=1)
    open_alerts: list[Any] = []
    for poll in range(1, 6):
        clock.now = T0 + timedelta(minutes=5 * poll)
        stats = FeedStats(
            feed_url=feed,
            source="Example",
            consecutive_failures=poll,
            last_error="HTTP 503",
            last_success=last_ok,
        )
        alerts = check_health([stats], now=clock.now, open_alerts=open_alerts)
        sender.send(alerts, ["hook"])
        open_alerts = [a for a in alerts if a.status == "firing"] or open_alerts
    health = webhook.bodies()
    assert len(health) == 1
    assert health[0]["kind"] == "health" and health[0]["condition"] == "feed_failing"
    assert "failed 3 polls in a row" in health[0]["message"]
    assert all(r.signed for r in webhook.requests)
    # The feed recovers: one "recovered" notice, however many polls follow.
    for poll in range(6, 9):
        clock.now = T0 + timedelta(minutes=5 * poll)
        stats = FeedStats(feed_url=feed, source="Example", last_success=clock.now)
        sender.send(check_health([stats], now=clock.now, open_alerts=open_alerts), ["hook"])
    assert [b["status"] for b in webhook.bodies()] == ["firing", "recovered"]


def test_a_down_kafka_broker_costs_a_round_its_timeout_once_not_per_alert(
    sqlite_store: SqliteStore, clock: Clock
) -> None:
    # The real channel against a loopback port nothing listens on. Before, kafka-python retried
    # the refused bootstrap for 30 s per round and left a thread behind each time.
    from claimwatch.connectors.channels import BuildContext
    from claimwatch.connectors.channels.kafka_topic import KafkaTopicSettings, build

    port = closed_port_url("").rsplit(":", 1)[1]
    settings = KafkaTopicSettings(type="kafka", bootstrap=f"127.0.0.1:{port}", timeout_seconds=1)
    topic = build("alerts-topic", settings, BuildContext())
    alerts = [toll_alert(n, 400, 400 + n, key=ClaimKey("killed", f"place {n}")) for n in (1, 2, 3)]
    queue(sqlite_store, *alerts, channels=("alerts-topic",))
    threads, started = threading.active_count(), time.monotonic()
    report = loop(sqlite_store, {"alerts-topic": topic}, clock).deliver_due()
    took = time.monotonic() - started
    assert [o.status for o in report.outcomes] == ["retry", "waiting", "waiting"]
    assert "Connection refused; is the broker up?" in (report.outcomes[0].error or "")
    assert took < 10, f"one round against a down broker took {took:.1f}s"
    assert len(sqlite_store.undelivered()) == 3  # nothing lost: all three are still pending
    # kafka-python leaves an I/O thread running when its bootstrap times out; none may remain.
    assert threading.active_count() == threads
