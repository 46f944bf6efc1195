"""The dispatcher: retries, recorded attempts, and nothing sent twice across replays/restarts."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from claimwatch.connectors.channels.jsonl import JsonlChannel
from claimwatch.connectors.channels.webhook import SIGNATURE_HEADER, WebhookChannel, verify
from claimwatch.connectors.delivery import AlertDispatcher, sent_history, undelivered
from claimwatch.connectors.sqlite_store import SqliteStore
from claimwatch.transforms.alert_rules import RoutedAlert
from claimwatch.transforms.alert_text import Message
from claimwatch.transforms.health import FeedStats, check_health
from claimwatch.transforms.models import Alert, Claim, ClaimKey

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=timezone.utc)
SECRET = "s3cret"


def make_alert(n: int = 1, before: float = 400, after: float = 420) -> Alert:
    def claim(value: float, hours_ago: int) -> Claim:
        return Claim(
            id=f"c{n}-{value}",
            key=ClaimKey("killed", "palestinians"),
            value=value,
            low=None,
            high=None,
            qualifier="exact",
            source="Wire",
            url="https://wire.example/gaza",
            article_id=f"a{n}",
            canonical_url="https://wire.example/gaza",
            published=NOW - timedelta(hours=hours_ago),
            quote=f"{value:.0f} people were killed",
            figure_text=f"{value:.0f}",
            start=0,
            end=3,
            cumulative=True,
        )

    return Alert(
        id=f"alert-{n}",
        claim_key="killed|palestinians|*|*",
        metric="killed",
        subject="palestinians",
        change="increase",
        previous=claim(before, 2),
        current=claim(after, 0),
        detected_at=NOW,
    )


@dataclass
class Receiver:
    url: str = ""
    statuses: list[int] = field(default_factory=list)
    requests: list[dict[str, Any]] = field(default_factory=list)
    retry_after: str | None = None

    def accepted_ids(self) -> list[str]:
        return [r["id"] for r in self.requests if r["status"] == 200]


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    """Verifies signatures (401 if wrong), answers scripted statuses, then 200."""
    receiver = Receiver()
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            with lock:
                status = receiver.statuses.pop(0) if receiver.statuses else 200
            if not verify(body, SECRET, self.headers.get(SIGNATURE_HEADER)):
                status = 401
            receiver.requests.append(
                {"id": json.loads(body)["id"], "status": status, "body": json.loads(body)}
            )
            self.send_response(status)
            if status == 429 and receiver.retry_after is not None:
                self.send_header("Retry-After", receiver.retry_after)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield receiver
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    store = SqliteStore(tmp_path / "store.sqlite")
    yield store
    store.close()


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


def dispatcher(
    store: SqliteStore, receiver: Receiver, sleeps: list[float], **kwargs: Any
) -> AlertDispatcher:
    return AlertDispatcher(
        store,
        {"hook": WebhookChannel(receiver.url, name="hook", secret=SECRET, timeout=5)},
        clock=kwargs.pop("clock", Clock()),
        sleep=sleeps.append,
        **kwargs,
    )


def routed(alert: Alert, *channels: str) -> RoutedAlert:
    return RoutedAlert(alert=alert, rule="casualties", channels=channels or ("hook",))


def test_fails_twice_then_accepts_is_retried_with_backoff_and_delivered(
    store: SqliteStore, receiver: Receiver
) -> None:
    receiver.statuses = [500, 500]
    sleeps: list[float] = []
    alert = make_alert()
    store.save_alerts([alert])
    report = dispatcher(store, receiver, sleeps, max_attempts=3, backoff=0.5).deliver(
        [routed(alert)]
    )
    assert [r["status"] for r in receiver.requests] == [500, 500, 200]
    assert sleeps == [0.5, 1.0]  # exponential backoff between attempts
    assert [(o.status, o.attempts) for o in report.outcomes] == [("delivered", 3)]
    (state,) = store.deliveries(alert.id)
    assert (state.channel, state.status, state.attempts, state.last_error) == (
        "hook",
        "delivered",
        3,
        None,
    )
    assert undelivered(store) == []


def test_always_failing_is_recorded_failed_listed_and_retried_later(
    store: SqliteStore, receiver: Receiver
) -> None:
    receiver.statuses = [503] * 3
    sleeps: list[float] = []
    alert = make_alert()
    store.save_alerts([alert])
    d = dispatcher(store, receiver, sleeps, max_attempts=3, backoff=1.0)
    report = d.deliver([routed(alert)])
    assert [o.status for o in report.outcomes] == ["failed"]
    (state,) = store.deliveries(alert.id)
    assert state.status == "failed" and state.attempts == 3 and "503" in (state.last_error or "")
    assert [(a.id, dl.channel) for a, dl in undelivered(store)] == [(alert.id, "hook")]
    # The receiver comes back: the retry delivers, and the attempt count keeps growing.
    report = d.retry_undelivered()
    assert [o.status for o in report.outcomes] == ["delivered"]
    assert store.deliveries(alert.id)[0].attempts == 4
    assert undelivered(store) == []
    assert receiver.accepted_ids() == [alert.id]


@pytest.mark.parametrize(("retry_after", "slept"), [("7", 7.0), ("3600", 60.0), ("soon", 0.5)])
def test_retry_after_is_honoured_up_to_the_cap(
    store: SqliteStore, receiver: Receiver, retry_after: str, slept: float
) -> None:
    receiver.statuses, receiver.retry_after = [429], retry_after
    sleeps: list[float] = []
    alert = make_alert()
    store.save_alerts([alert])
    d = dispatcher(store, receiver, sleeps, backoff=0.5, max_backoff=60.0)
    assert [o.status for o in d.deliver([routed(alert)]).outcomes] == ["delivered"]
    assert sleeps == [slept]


def test_client_errors_are_not_retried(store: SqliteStore, receiver: Receiver) -> None:
    receiver.statuses = [400]
    sleeps: list[float] = []
    alert = make_alert()
    store.save_alerts([alert])
    report = dispatcher(store, receiver, sleeps).deliver([routed(alert)])
    assert len(receiver.requests) == 1 and sleeps == []
    assert report.failed[0].attempts == 1
    assert "a retry will not help" in (store.deliveries(alert.id)[0].last_error or "")


def test_replay_and_restart_send_nothing_twice(
    store: SqliteStore, receiver: Receiver, tmp_path: Path
) -> None:
    alerts = [make_alert(1), make_alert(2, 420, 450)]
    store.save_alerts(alerts)
    sleeps: list[float] = []
    first = dispatcher(store, receiver, sleeps).deliver([routed(a) for a in alerts])
    assert len(first.delivered) == 2
    replay = dispatcher(store, receiver, sleeps).deliver([routed(a) for a in alerts])
    assert len(replay.skipped) == 2 and not replay.delivered
    store.close()
    reopened = SqliteStore(tmp_path / "store.sqlite")
    try:
        again = dispatcher(reopened, receiver, sleeps).deliver([routed(a) for a in alerts])
        assert len(again.skipped) == 2
        assert dispatcher(reopened, receiver, sleeps).retry_undelivered().outcomes == ()
    finally:
        reopened.close()
    assert receiver.accepted_ids() == ["alert-1", "alert-2"]


def test_each_channel_is_tracked_separately(
    store: SqliteStore, receiver: Receiver, tmp_path: Path
) -> None:
    receiver.statuses = [500, 500, 500]
    alert = make_alert()
    store.save_alerts([alert])
    sleeps: list[float] = []
    channels = {
        "hook": WebhookChannel(receiver.url, name="hook", secret=SECRET),
        "file": JsonlChannel(tmp_path / "alerts.jsonl", name="file"),
    }
    d = AlertDispatcher(store, channels, max_attempts=3, sleep=sleeps.append)
    d.deliver([routed(alert, "file", "hook")])
    states = {s.channel: s.status for s in store.deliveries(alert.id)}
    assert states == {"file": "delivered", "hook": "failed"}
    d.retry_undelivered()
    # The file got it once; only the webhook was retried.
    assert len((tmp_path / "alerts.jsonl").read_text().splitlines()) == 1
    assert receiver.accepted_ids() == [alert.id]


def test_unknown_channel_is_recorded_with_the_fix(store: SqliteStore, receiver: Receiver) -> None:
    alert = make_alert()
    store.save_alerts([alert])
    report = dispatcher(store, receiver, []).deliver([routed(alert, "pager")])
    assert report.failed[0].channel == "pager"
    assert "add it under channels:" in (store.deliveries(alert.id)[0].last_error or "")


class Crashing:
    """A channel with a bug: the process dies mid-send (not an AlertDeliveryError)."""

    name = "hook"

    def send(self, message: Message) -> None:
        raise RuntimeError("killed mid-send")


def test_a_crash_mid_send_leaves_the_pair_pending_for_retry(
    store: SqliteStore, receiver: Receiver
) -> None:
    alert = make_alert()
    store.save_alerts([alert])
    with pytest.raises(RuntimeError):
        AlertDispatcher(store, {"hook": Crashing()}).deliver([routed(alert)])
    (state,) = store.deliveries(alert.id)
    assert state.status == "pending"
    assert [a.id for a, _ in undelivered(store)] == [alert.id]
    dispatcher(store, receiver, []).retry_undelivered()
    assert store.deliveries(alert.id)[0].status == "delivered"
    assert receiver.accepted_ids() == [alert.id]


def test_sent_history_counts_only_delivered_alerts(store: SqliteStore, receiver: Receiver) -> None:
    clock = Clock()
    sent, held = make_alert(1), replace(make_alert(2), claim_key="injured|x|*|*")
    store.save_alerts([sent, held])
    dispatcher(store, receiver, [], clock=clock).deliver([routed(sent)])
    assert sent_history(store) == {sent.claim_key: NOW}


def test_failing_feed_on_five_polls_sends_exactly_one_health_alert(
    store: SqliteStore, receiver: Receiver
) -> None:
    clock = Clock()
    d = dispatcher(store, receiver, [], clock=clock)
    feed = "https://feeds.example/world.rss"
    last_ok = NOW - timedelta(hours=1)
    open_alerts: list[Any] = []
    for poll in range(1, 6):
        clock.now = NOW + timedelta(minutes=5 * poll)
        stats = FeedStats(
            feed_url=feed,
            source="Example",
            consecutive_failures=poll,
            last_error="HTTP 503",
            last_success=last_ok,
        )
        alerts = check_health([stats], now=clock.now, open_alerts=open_alerts)
        d.deliver_health(alerts, ["hook"])
        open_alerts = [a for a in alerts if a.status == "firing"] or open_alerts
    health = [r["body"] for r in receiver.requests]
    assert len(health) == 1
    assert health[0]["kind"] == "health" and health[0]["condition"] == "feed_failing"
    assert "failed 3 polls in a row" in health[0]["message"]
    # The feed recovers: one "recovered" notice, however many polls follow.
    for poll in range(6, 9):
        clock.now = NOW + timedelta(minutes=5 * poll)
        stats = FeedStats(feed_url=feed, source="Example", last_success=clock.now)
        d.deliver_health(check_health([stats], now=clock.now, open_alerts=open_alerts), ["hook"])
    statuses = [r["body"]["status"] for r in receiver.requests]
    assert statuses == ["firing", "recovered"]
