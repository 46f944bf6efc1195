"""A feed that keeps failing is announced once, through the same channels as claim alerts."""

import json
from datetime import timedelta
from pathlib import Path

from claimwatch.connectors.sqlite_store import SqliteStore
from claimwatch.pipelines.alerting import build_alert_service, load_alert_settings
from claimwatch.pipelines.alerting.health import run_health_checks
from claimwatch.transforms.health import ServiceStatus
from factories import SECRET, T0, WebhookReceiver, claimwatch, closed_port_url


def test_failing_feed_gives_one_health_alert_not_one_per_poll(
    tmp_path: Path, webhook: WebhookReceiver
) -> None:
    dead_feed = closed_port_url("/rss.xml")
    for _ in range(5):
        done = claimwatch("run", "--once", "--feed", dead_feed, "--data-dir", str(tmp_path),
                          "--alert-webhook", webhook.url, "--alert-secret", SECRET,
                          timeout=300)  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert "1 feeds failed" in done.stderr
    health = webhook.bodies("health")
    assert len(health) == 1, [r.json for r in webhook.requests]
    assert health[0]["condition"] == "feed_failing" and health[0]["status"] == "firing"
    assert dead_feed in json.dumps(health[0])
    assert all(r.signed for r in webhook.requests)
    assert webhook.bodies("claim") == []


def test_a_store_outage_is_announced_once_and_its_recovery_once(
    tmp_path: Path, webhook: WebhookReceiver
) -> None:
    service = build_alert_service(
        load_alert_settings(), extra_webhooks=[webhook.url], webhook_secret=SECRET,
        base_dir=tmp_path,
    )  # fmt: skip
    down = ServiceStatus("store", False, "cannot reach Elasticsearch", T0)
    for minute in range(3):  # nothing can record the alert: health-open.json remembers it
        now = T0 + timedelta(minutes=minute)
        run_health_checks(service, tmp_path, store=None, services=[down], now=now)
    (firing,) = webhook.bodies("health")
    assert (firing["condition"], firing["status"]) == ("store_unreachable", "firing")
    store = SqliteStore(tmp_path / "store.sqlite3")
    try:
        for minute in range(3, 6):
            now = T0 + timedelta(minutes=minute)
            up = [ServiceStatus("store", True), ServiceStatus("log", True)]
            run_health_checks(service, tmp_path, store=store, services=up, now=now)
    finally:
        store.close()
    assert [b["status"] for b in webhook.bodies("health")] == ["firing", "recovered"]
    assert all(r.signed for r in webhook.requests)
