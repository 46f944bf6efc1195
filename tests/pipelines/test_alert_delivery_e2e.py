"""Alerting end to end: alerts.yaml → AlertService (rules, channels, delivery settings) → the
store's outbox → a real signed-webhook receiver on 127.0.0.1; and the CLI contract of
`claimwatch run --once`, `alerts --undelivered` and `deliver --once`."""

from __future__ import annotations

import json
import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from claimwatch.connectors.channels.registry import CHANNEL_TYPES
from claimwatch.connectors.delivery import outbox_rows
from claimwatch.connectors.sqlite_store import SqliteStore
from claimwatch.pipelines.alerting import (
    AlertService,
    AlertSettings,
    build_alert_service,
    load_alert_settings,
)
from claimwatch.pipelines.alerting.sample import test_send
from claimwatch.pipelines.alerting.worker import Backoff, DeliveryWorker
from claimwatch.pipelines.backends import StoreSpec
from claimwatch.transforms.alert_rules import route_alerts
from claimwatch.transforms.errors import ConfigError
from claimwatch.transforms.health import FeedStats
from claimwatch.transforms.models import Alert
from factories import (
    DEMO_FEED,
    SECRET,
    T0,
    Clock,
    WebhookReceiver,
    claimwatch,
    closed_port_url,
    jsonl_lines,
    toll_alert,
)


def write(tmp_path: Path, text: str, name: str = "alerts.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- settings ---------------------------------------------------------------------------------


def test_bundled_alerts_yaml_loads_with_quiet_new_claims() -> None:
    settings = load_alert_settings()
    assert [r.name for r in settings.rules] == [
        "casualties",
        "hostages-and-detainees",
        "troop-pledges",
        "displacement-and-aid",
    ]
    assert all(not r.include_new and "new" not in r.changes for r in settings.rules)
    assert settings.health.failing_polls == 3
    assert settings.delivery.max_attempts == 3 and settings.delivery.max_backoff_seconds == 60
    assert list(settings.channels) == ["log"] and settings.channels["log"].type == "jsonl"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("rules: [{name: a, channels: [nowhere]}]", r"rules\.a\.channels names \['nowhere'\]"),
        ("rules: [{name: a, channels: ['*'], metrics: [deaths]}]", r"rules\.0\.metrics\.0"),
        ("rules: [{name: a, channels: ['*'], cooldown_minutes: -1}]", r"cooldown_minutes"),
        ("channels: {x: {type: carrier-pigeon}}", r"channels\.x\.type is 'carrier-pigeon'"),
        ("channels: {x: {type: webhook, url: ftp://a}}", r"url: String should match"),
        pytest.param(
            "channels: {x: {type: webhook, url: ftp://a}}",
            r"channels\.x\.url",
            id="channel-error-names-the-channel",
        ),
        ("channels: {x: {type: slack}}", r"exactly one of url or url_env"),
        (
            "channels: {m: {type: email, host: h, sender: a@b.example, recipients: []}}",
            r"recipients",
        ),
        ("channels: {x: {type: console, colour: red}}", r"colour"),
        ("rules: [{name: a, channels: ['*'], colour: red}]", r"rules\.0\.colour"),
        ("health: {channels: [pager]}", r"health\.channels names \['pager'\]"),
        ("delivery: {max_attempts: 0}", r"delivery\.max_attempts"),
        ("rules: [{name: a, channels: ['*']}, {name: a, channels: ['*']}]", r"unique"),
        ("- just\n- a list", r"must be a mapping"),
        ("rules: [unclosed", r"not valid YAML"),
    ],
)
def test_bad_settings_name_the_key(tmp_path: Path, text: str, expected: str) -> None:
    with pytest.raises(ConfigError, match=expected) as caught:
        load_alert_settings(write(tmp_path, text))
    assert str(tmp_path / "alerts.yaml") in str(caught.value)


def test_missing_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_alert_settings(tmp_path / "nope.yaml")


def test_every_registered_channel_type_validates_and_builds_without_io(tmp_path: Path) -> None:
    # Addresses nothing listens on: building must not connect (clients connect on first send).
    examples: dict[str, dict[str, Any]] = {
        "console": {},
        "jsonl": {"path": "out.jsonl"},
        "webhook": {"url": closed_port_url()},
        "slack": {"url_env": "SLACK_URL"},
        "email": {"host": "127.0.0.1", "port": 9, "sender": "a@b.example", "recipients": ["c@d.e"]},
        "kafka": {"bootstrap": "127.0.0.1:9"},
        "elasticsearch": {"url": closed_port_url("")},
    }
    assert set(examples) == set(CHANNEL_TYPES)
    settings = AlertSettings.model_validate(
        {"channels": {kind: {"type": kind, **extra} for kind, extra in examples.items()}}
    )
    service = build_alert_service(
        settings, base_dir=tmp_path, environ={"SLACK_URL": closed_port_url()}
    )
    assert [service.channels[kind].name for kind in examples] == list(examples)
    assert not (tmp_path / "out.jsonl").exists()


def test_secrets_are_secret_and_come_from_the_environment(tmp_path: Path) -> None:
    settings = load_alert_settings(
        write(
            tmp_path,
            "channels:\n"
            "  signed: {type: webhook, url: 'http://127.0.0.1:9/h', secret_env: HOOK_KEY}\n"
            "  inline: {type: webhook, url: 'http://127.0.0.1:9/h', secret: hunter2}\n"
            "  mail: {type: email, host: h, sender: a@b.example, recipients: [c@d.example],\n"
            "         username: desk, password_env: SMTP_PASSWORD}\n",
        )
    )
    assert "hunter2" not in repr(settings)
    with pytest.raises(ConfigError, match=r"channels\.signed\.secret_env names \$HOOK_KEY"):
        build_alert_service(settings, environ={"SMTP_PASSWORD": "p"})
    with pytest.raises(ConfigError, match=r"SMTP_PASSWORD, which is not set") as caught:
        build_alert_service(settings, environ={"HOOK_KEY": "k"})
    assert "hunter2" not in str(caught.value)
    service = build_alert_service(settings, environ={"HOOK_KEY": "k", "SMTP_PASSWORD": "p"})
    assert set(service.channels) == {"signed", "inline", "mail"}


def test_a_signed_secret_from_the_environment_is_what_the_receiver_verifies(
    tmp_path: Path, webhook: WebhookReceiver
) -> None:
    settings = AlertSettings.model_validate(
        {"channels": {"desk": {"type": "webhook", "url": webhook.url, "secret_env": "KEY"}}}
    )
    service = build_alert_service(settings, environ={"KEY": SECRET})
    assert test_send(service.channels, now=T0) == {"desk": None}
    assert [r.signed for r in webhook.requests] == [True]


def test_cli_webhooks_are_added_and_reached_by_star_rules(tmp_path: Path) -> None:
    settings = AlertSettings.model_validate(
        {
            "rules": [
                {"name": "all", "channels": ["*"]},
                {"name": "file-only", "channels": ["file"], "metrics": ["money"]},
            ],
            "channels": {"file": {"type": "jsonl", "path": "out.jsonl"}},
        }
    )
    service = build_alert_service(
        settings,
        extra_webhooks=["http://127.0.0.1:9/a", "http://127.0.0.1:9/b"],
        webhook_secret=SECRET,
        base_dir=tmp_path,
    )
    assert list(service.channels) == ["file", "cli-webhook-1", "cli-webhook-2"]
    assert service.rules[0].channels == ("file", "cli-webhook-1", "cli-webhook-2")
    assert service.rules[1].channels == ("file",)
    assert service.health_channels == ("file", "cli-webhook-1", "cli-webhook-2")
    assert service.warnings == ()
    unsigned = build_alert_service(settings, extra_webhooks=["http://127.0.0.1:9/a"])
    assert any("unsigned" in w for w in unsigned.warnings)
    with pytest.raises(ConfigError, match="not an http"):
        build_alert_service(settings, extra_webhooks=["file:///etc/passwd"])


def test_test_send_reaches_every_channel_marked_as_a_test(
    tmp_path: Path, webhook: WebhookReceiver
) -> None:
    settings = AlertSettings.model_validate(
        {"channels": {"file": {"type": "jsonl", "path": "test.jsonl"}}}
    )
    service = build_alert_service(
        settings,
        extra_webhooks=[webhook.url, closed_port_url()],
        webhook_secret=SECRET,
        base_dir=tmp_path,
    )
    results = test_send(service.channels, now=T0)
    assert results["file"] is None and results["cli-webhook-1"] is None
    assert "cannot reach" in (results["cli-webhook-2"] or "")
    (got,) = webhook.requests
    assert got.signed and got.json["test"] is True and got.json["rule"] == "test-send"
    assert got.json["headline"].startswith("[TEST]")
    line = json.loads((tmp_path / "test.jsonl").read_text())
    assert line["test"] is True and line["text"].startswith("[TEST]")


# -- settings → rules → the outbox → signed webhook, without the CLI --------------------------


def service_for(tmp_path: Path, webhook: WebhookReceiver, text: str | None = None) -> AlertService:
    settings = load_alert_settings(write(tmp_path, text) if text else None)
    return build_alert_service(
        settings, extra_webhooks=[webhook.url], webhook_secret=SECRET, base_dir=tmp_path
    )


def store_routed(store: SqliteStore, service: AlertService, alerts: list[Alert]) -> None:
    """What DetectClaimChanges does with a batch's alerts: route in event time, store both."""
    earlier = store.alerts_for_keys([a.claim_key for a in alerts])
    routed = route_alerts(alerts, service.rules, earlier=earlier)
    store.enqueue_deliveries(outbox_rows(routed, now=T0))
    by_id = {r.alert.id: r.alert for r in routed}
    store.save_alerts([by_id.get(a.id, a) for a in alerts])


def test_bundled_rules_deliver_changes_once_and_keep_new_claims_quiet(
    tmp_path: Path, webhook: WebhookReceiver, clock: Clock
) -> None:
    service = service_for(tmp_path, webhook)
    alerts = [
        toll_alert(1, None, 400),
        toll_alert(2, 400, 420),
        toll_alert(3, 420, 412, change="decrease", correction=True),
    ]
    store = SqliteStore(tmp_path / "store.sqlite")
    try:
        store_routed(store, service, alerts)
        report = service.delivery_loop(store, clock=clock, sleep=clock.sleep).drain()
        assert {o.alert_id for o in report.delivered} == {"alert-2", "alert-3"}
        # Replay: the same alerts routed and stored again send nothing.
        store_routed(store, service, alerts)
        clock.advance(hours=1)
        again = service.delivery_loop(store, clock=clock, sleep=clock.sleep).drain()
        assert not again.outcomes
        assert store.undelivered() == []
    finally:
        store.close()
    assert all(r.signed for r in webhook.requests)
    assert webhook.count_by_id() == {"alert-2": 1, "alert-3": 1}
    increase, correction = webhook.bodies("claim")
    assert increase["headline"] == "Killed — palestinians: at least 400 → at least 420 (increase)"
    assert increase["rule"] == "casualties" and increase["rules"] == ["casualties"]
    assert correction["correction"] is True and correction["headline"].startswith("CORRECTION")
    # The JSONL audit trail got the same two.
    lines = (tmp_path / "alerts.jsonl").read_text().splitlines()
    assert [json.loads(x)["id"] for x in lines] == ["alert-2", "alert-3"]


def test_delivery_settings_drive_the_loop(
    tmp_path: Path, webhook: WebhookReceiver, clock: Clock
) -> None:
    webhook.statuses = [503] * 5
    service = service_for(
        tmp_path,
        webhook,
        "rules: [{name: all, channels: ['*']}]\n"
        "delivery: {max_attempts: 2, backoff_seconds: 0.25, max_backoff_seconds: 0.25}\n",
    )
    store = SqliteStore(tmp_path / "store.sqlite")
    try:
        store_routed(store, service, [toll_alert(1, 400, 420)])
        report = service.delivery_loop(store, clock=clock, sleep=clock.sleep).drain()
        assert [(o.status, o.attempts) for o in report.outcomes] == [("retry", 1), ("retry", 2)]
        assert clock.slept == [0.25]
        (pair,) = store.undelivered()
        assert pair.not_before == clock.now + timedelta(seconds=0.25)  # capped by the setting
    finally:
        store.close()


def test_health_goes_through_the_same_channels_once_per_episode(
    tmp_path: Path, webhook: WebhookReceiver
) -> None:
    service = service_for(tmp_path, webhook)
    store = SqliteStore(tmp_path / "store.sqlite")
    open_alerts: list[Any] = []
    try:
        for poll in range(1, 6):
            stats = FeedStats(
                feed_url="https://feeds.example/rss",
                source="Example",
                consecutive_failures=poll,
                last_success=T0 - timedelta(hours=1),
                last_error="connection refused",
            )
            alerts, _report = service.check_health(
                store, [stats], now=T0 + timedelta(minutes=poll), open_alerts=open_alerts
            )
            open_alerts = [a for a in alerts if a.status == "firing"] or open_alerts
    finally:
        store.close()
    assert [(b["kind"], b["condition"]) for b in webhook.bodies()] == [("health", "feed_failing")]
    assert all(r.signed and r.kind == "health" for r in webhook.requests)


# -- the CLI, as the README promises it --------------------------------------------------------


@pytest.mark.slow
def test_run_once_sends_signed_old_to_new_alerts_and_nothing_the_second_time(
    tmp_path: Path, webhook: WebhookReceiver
) -> None:
    args = ["run", "--once", "--feed", str(DEMO_FEED), "--data-dir", str(tmp_path / "data"),
            "--alert-webhook", webhook.url, "--alert-secret", SECRET]  # fmt: skip
    first = claimwatch(*args)
    assert first.returncode == 0, first.stderr[-3000:]
    claims = [r for r in webhook.accepted() if r.kind == "claim"]
    assert claims, f"no alert reached the webhook; stderr:\n{first.stderr[-3000:]}"
    assert all(r.signed for r in webhook.requests)
    assert all(r.alert_id == r.json["id"] and r.timestamp for r in claims)
    assert set(webhook.count_by_id().values()) == {1}
    killed = [r.json for r in claims if r.json["metric"] == "killed"]
    assert killed, [r.json["headline"] for r in claims]
    body = killed[0]
    assert body["change"] == "increase" and body["rule"] == "casualties"
    sides = [body[side]["value"] or body[side]["low"] for side in ("previous", "current")]
    assert sides == [400, 420]
    assert "400 → at least 420" in body["headline"]
    assert body["current"]["quote"] and body["current"]["url"]

    count = len(webhook.requests)
    second = claimwatch(*args)
    assert second.returncode == 0, second.stderr[-3000:]
    assert len(webhook.requests) == count, [r.json.get("headline") for r in webhook.requests]


def undelivered(config: Path, data: Path) -> list[dict[str, Any]]:
    done = claimwatch("alerts", "--undelivered", "--format", "jsonl",
                      "--config", str(config), "--data-dir", str(data))  # fmt: skip
    assert done.returncode == 0, done.stderr
    return jsonl_lines(done.stdout)


@pytest.mark.slow
def test_a_webhook_that_is_down_keeps_its_alerts_until_a_deliverer_reaches_it(
    tmp_path: Path, webhook: WebhookReceiver
) -> None:
    write(
        tmp_path,
        "rules: [{name: casualties, metrics: [killed], min_abs_change: 5, channels: ['*']}]\n"
        "channels: {log: {type: jsonl, path: alerts.jsonl}}\n"
        "health: {enabled: false}\n"
        # No waiting between quick attempts, so the test does not sleep.
        "delivery: {max_attempts: 2, backoff_seconds: 0}\n",
    )
    config = write(tmp_path, "alerts: alerts.yaml\n", "config.yaml")
    data = tmp_path / "data"
    down = closed_port_url()
    common = ["--config", str(config), "--data-dir", str(data)]
    run = claimwatch("run", "--once", "--feed", str(DEMO_FEED), *common,
                     "--alert-webhook", down, "--alert-secret", SECRET)  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]
    audit = [json.loads(x)["id"] for x in (data / "alerts.jsonl").read_text().splitlines()]
    assert audit, "the audit channel should have been delivered"

    # `alerts --undelivered` lists each pair the webhook did not get, with why.
    rows = undelivered(config, data)
    assert sorted(r["id"] for r in rows) == sorted(audit)
    for row in rows:
        state = row["delivery"]
        assert (state["channel"], state["status"]) == ("cli-webhook-1", "pending")
        assert state["attempts"] >= 1 and "cannot reach" in state["last_error"]
        assert row["rules"] == ["casualties"] and row["metric"] == "killed"
    table = claimwatch("alerts", "--undelivered", *common)
    assert "cli-webhook-1" in table.stdout and "pending" in table.stdout

    # A deliverer without that webhook leaves the pairs waiting: not failed, not lost.
    alone = claimwatch("deliver", "--once", *common)
    assert alone.returncode == 0, alone.stderr
    for row in undelivered(config, data):
        assert row["delivery"]["status"] == "pending"

    # Started with the webhook (now up), it delivers each pair once, signed.
    done = claimwatch("deliver", "--once", *common, "--alert-webhook", webhook.url,
                      "--alert-secret", SECRET)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert f"delivered {len(audit)} alert messages" in done.stderr
    assert webhook.count_by_id() == dict.fromkeys(audit, 1)
    assert all(r.signed for r in webhook.requests)
    assert undelivered(config, data) == []

    # Lose one "delivered" record (a crash after the receiver answered): the next deliverer
    # sends that alert again with the very same bytes, rule included, and nothing else.
    store = SqliteStore(data / "store.sqlite3")
    try:
        (pair,) = [d for d in store.deliveries(audit[0]) if d.channel == "cli-webhook-1"]
        store.record_delivery(replace(pair, status="pending", not_before=None))
    finally:
        store.close()
    again = claimwatch("deliver", "--once", *common, "--alert-webhook", webhook.url,
                       "--alert-secret", SECRET)  # fmt: skip
    assert again.returncode == 0, again.stderr
    first, resent = [r for r in webhook.accepted() if r.alert_id == audit[0]]
    assert resent.body == first.body and resent.json["rule"] == "casualties"
    assert len(webhook.accepted()) == len(audit) + 1


@pytest.mark.slow
def test_refused_alerts_go_out_again_after_the_receiver_is_fixed(
    tmp_path: Path, webhook: WebhookReceiver
) -> None:
    write(
        tmp_path,
        "rules: [{name: casualties, metrics: [killed], min_abs_change: 5, channels: ['*']}]\n"
        "health: {enabled: false}\n",
    )
    config = write(tmp_path, "alerts: alerts.yaml\n", "config.yaml")
    data = tmp_path / "data"
    common = ["--config", str(config), "--data-dir", str(data),
              "--alert-webhook", webhook.url, "--alert-secret", SECRET]  # fmt: skip
    webhook.statuses = [400] * 1000  # a receiver misconfigured: every message refused for good
    run = claimwatch("run", "--once", "--feed", str(DEMO_FEED), *common)
    assert run.returncode == 0, run.stderr[-3000:]
    refused = undelivered(config, data)
    assert refused and {r["delivery"]["status"] for r in refused} == {"failed"}
    webhook.statuses = []  # fixed
    plain = claimwatch("deliver", "--once", *common)
    assert plain.returncode == 0 and not webhook.accepted()  # failed stays failed by itself
    done = claimwatch("deliver", "--once", "--requeue-failed", *common)
    assert done.returncode == 0, done.stderr
    assert f"re-queued {len(refused)} refused alert messages" in done.stderr
    assert webhook.count_by_id() == dict.fromkeys(sorted(r["id"] for r in refused), 1)
    assert undelivered(config, data) == []


def wait_for(condition: Any, seconds: float = 20.0) -> bool:
    """Poll a condition the delivery thread makes true (no timing is asserted)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return bool(condition())


def test_the_delivery_thread_waits_out_a_store_it_cannot_open(
    tmp_path: Path, webhook: WebhookReceiver
) -> None:
    service = service_for(
        tmp_path,
        webhook,
        "rules: [{name: all, channels: ['*']}]\ndelivery: {interval_seconds: 0.05}\n",
    )
    unopenable = tmp_path / "a-directory"  # SQLite cannot open a directory as a database
    unopenable.mkdir()
    worker = DeliveryWorker(
        service, StoreSpec("sqlite", str(unopenable)), backoff=Backoff(first=0.01, cap=0.02)
    ).start()
    try:
        assert wait_for(lambda: worker.totals.outages >= 3)  # still trying: never fatal
    finally:
        worker.stop()
    path = tmp_path / "store.sqlite3"
    store = SqliteStore(path)
    try:
        store_routed(store, service, [toll_alert(1, 400, 420)])
    finally:
        store.close()
    worker = DeliveryWorker(service, StoreSpec("sqlite", str(path))).start()
    try:
        assert wait_for(lambda: webhook.accepted_ids() == ["alert-1"])
    finally:
        worker.stop()
    assert worker.totals.delivered == 1 and worker.totals.outages == 0
    assert webhook.count_by_id() == {"alert-1": 1}
