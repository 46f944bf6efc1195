"""A feed that keeps failing is announced once, through the same channels as claim alerts."""

import json
from pathlib import Path

from factories import SECRET, WebhookReceiver, claimwatch, closed_port_url


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
