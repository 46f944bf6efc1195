"""Alert settings and delivery end to end: YAML → rules + channels → store-backed dispatcher →
a real signed-webhook receiver on 127.0.0.1, and the `claimwatch run --once` CLI contract."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from claimwatch.connectors.channels.webhook import (
    ALERT_ID_HEADER,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    verify,
)
from claimwatch.connectors.sqlite_store import SqliteStore
from claimwatch.pipelines.alert_settings import (
    AlertSettings,
    build_alerting,
    build_channels,
    load_alert_settings,
    test_send,
)
from claimwatch.transforms.errors import ConfigError
from claimwatch.transforms.health import FeedStats
from claimwatch.transforms.models import Alert, Claim, ClaimKey

REPO = Path(__file__).resolve().parents[2]
DEMO_FEED = REPO / "config" / "demo" / "gaza_monitor.xml"
SECRET = "s3cret"
NOW = datetime(2026, 11, 23, 8, 0, tzinfo=timezone.utc)


@dataclass
class Receiver:
    url: str = ""
    received: list[dict[str, Any]] = field(default_factory=list)

    def bodies(self) -> list[dict[str, Any]]:
        return [r["body"] for r in self.received]


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    """Accepts only correctly signed POSTs (401 otherwise) and records them."""
    receiver = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers["Content-Length"]))
            signed = verify(raw, SECRET, self.headers.get(SIGNATURE_HEADER))
            receiver.received.append(
                {
                    "signed": signed,
                    "alert_id": self.headers.get(ALERT_ID_HEADER),
                    "timestamp": self.headers.get(TIMESTAMP_HEADER),
                    "body": json.loads(raw),
                }
            )
            self.send_response(200 if signed else 401)
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


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "alerts.yaml"
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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("rules: [{name: a, channels: [nowhere]}]", r"rules\.a\.channels names \['nowhere'\]"),
        ("rules: [{name: a, channels: ['*'], metrics: [deaths]}]", r"rules\.0\.metrics\.0"),
        ("rules: [{name: a, channels: ['*'], cooldown_minutes: -1}]", r"cooldown_minutes"),
        ("channels: {x: {type: carrier-pigeon}}", r"channels\.x"),
        ("channels: {x: {type: webhook, url: ftp://a}}", r"channels\.x\.webhook\.url"),
        ("channels: {x: {type: slack}}", r"exactly one of url or url_env"),
        (
            "channels: {m: {type: email, host: h, sender: a@b.example, recipients: []}}",
            r"recipients",
        ),
        ("rules: [{name: a, channels: ['*'], colour: red}]", r"rules\.0\.colour"),
        ("- just\n- a list", r"must be a mapping"),
        ("rules: [unclosed", r"not valid YAML"),
    ],
)
def test_bad_settings_name_the_key(tmp_path: Path, text: str, expected: str) -> None:
    with pytest.raises(ConfigError, match=expected):
        load_alert_settings(write(tmp_path, text))


def test_missing_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_alert_settings(tmp_path / "nope.yaml")


def test_secrets_are_secret_and_come_from_the_environment(tmp_path: Path) -> None:
    settings = load_alert_settings(
        write(
            tmp_path,
            "channels:\n"
            "  signed: {type: webhook, url: 'http://127.0.0.1:9/h', secret_env: HOOK_KEY}\n"
            "  inline: {type: webhook, url: 'http://127.0.0.1:9/h', secret: hunter2}\n",
        )
    )
    assert "hunter2" not in repr(settings)
    with pytest.raises(ConfigError, match=r"HOOK_KEY, which is not set"):
        build_channels(settings, environ={})
    channels = build_channels(settings, environ={"HOOK_KEY": "k"})
    assert set(channels) == {"signed", "inline"}


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
    alerting = build_alerting(
        settings,
        extra_webhooks=["http://127.0.0.1:9/a", "http://127.0.0.1:9/b"],
        webhook_secret=SECRET,
        base_dir=tmp_path,
    )
    assert list(alerting.channels) == ["file", "cli-webhook-1", "cli-webhook-2"]
    assert alerting.rules[0].channels == ("file", "cli-webhook-1", "cli-webhook-2")
    assert alerting.rules[1].channels == ("file",)
    assert alerting.health_channels == ("file", "cli-webhook-1", "cli-webhook-2")
    with pytest.raises(ConfigError, match="not an http"):
        build_channels(settings, extra_webhooks=["file:///etc/passwd"])


def test_test_send_reaches_every_channel_marked_as_a_test(
    tmp_path: Path, receiver: Receiver
) -> None:
    settings = AlertSettings.model_validate(
        {"channels": {"file": {"type": "jsonl", "path": "test.jsonl"}}}
    )
    channels = build_channels(
        settings,
        extra_webhooks=[receiver.url, "http://127.0.0.1:9/closed"],
        webhook_secret=SECRET,
        base_dir=tmp_path,
    )
    results = test_send(channels, now=NOW)
    assert results["file"] is None and results["cli-webhook-1"] is None
    assert "cannot reach" in (results["cli-webhook-2"] or "")
    (got,) = receiver.received
    assert got["signed"] and got["body"]["test"] is True
    assert got["body"]["headline"].startswith("[TEST]")
    line = json.loads((tmp_path / "test.jsonl").read_text())
    assert line["test"] is True and line["text"].startswith("[TEST]")


# -- settings → rules → dispatcher → signed webhook, without the CLI -----------------------------


def claim(value: float, n: int, source: str = "Gaza Monitor") -> Claim:
    return Claim(
        id=f"claim-{n}",
        key=ClaimKey("killed", "Palestinians"),
        value=None,
        low=value,
        high=None,
        qualifier="at_least",
        source=source,
        url=f"https://gazamonitor.example/{n}",
        article_id=f"a{n}",
        canonical_url=f"https://gazamonitor.example/{n}",
        published=NOW - timedelta(days=5 - n),
        quote=f"At least {value:.0f} Palestinians have been killed.",
        figure_text=f"at least {value:.0f}",
        start=0,
        end=10,
        cumulative=True,
    )


def change(n: int, before: float | None, after: float, kind: str, **extra: Any) -> Alert:
    return Alert(
        id=f"alert-{n}",
        claim_key="killed|Palestinians|*|*",
        metric="killed",
        subject="Palestinians",
        change=kind,  # type: ignore[arg-type]
        previous=None if before is None else claim(before, n - 1),
        current=claim(after, n),
        detected_at=NOW,
        **extra,
    )


def test_bundled_rules_deliver_changes_once_and_keep_new_claims_quiet(
    tmp_path: Path, receiver: Receiver
) -> None:
    alerting = build_alerting(
        load_alert_settings(),
        extra_webhooks=[receiver.url],
        webhook_secret=SECRET,
        base_dir=tmp_path,
    )
    alerts = [
        change(1, None, 400, "new"),
        change(2, 400, 420, "increase"),
        change(3, 420, 412, "decrease", correction=True),
    ]
    store = SqliteStore(tmp_path / "store.sqlite")
    try:
        fresh = store.save_alerts(alerts)
        report = alerting.deliver(store, fresh, now=NOW)
        assert {o.alert_id for o in report.delivered} == {"alert-2", "alert-3"}
        # Replay: the store returns nothing new; even re-offering the same alerts sends nothing.
        assert store.save_alerts(alerts) == []
        again = alerting.deliver(store, alerts, now=NOW + timedelta(hours=1))
        assert not again.delivered
    finally:
        store.close()
    assert all(r["signed"] for r in receiver.received)
    assert [r["alert_id"] for r in receiver.received] == ["alert-2", "alert-3"]
    increase, correction = receiver.bodies()
    assert increase["headline"] == ("Killed — Palestinians: at least 400 → at least 420 (increase)")
    assert correction["correction"] is True and correction["headline"].startswith("CORRECTION")
    # The JSONL audit trail got the same two.
    lines = (tmp_path / "alerts.jsonl").read_text().splitlines()
    assert [json.loads(x)["id"] for x in lines] == ["alert-2", "alert-3"]


def test_health_goes_through_the_same_channels_once_per_episode(
    tmp_path: Path, receiver: Receiver
) -> None:
    alerting = build_alerting(
        load_alert_settings(),
        extra_webhooks=[receiver.url],
        webhook_secret=SECRET,
        base_dir=tmp_path,
    )
    store = SqliteStore(tmp_path / "store.sqlite")
    try:
        for poll in range(1, 6):
            stats = FeedStats(
                feed_url="https://feeds.example/rss",
                source="Example",
                consecutive_failures=poll,
                last_success=NOW - timedelta(hours=1),
                last_error="connection refused",
            )
            alerting.check_health(store, [stats], now=NOW + timedelta(minutes=poll))
    finally:
        store.close()
    assert [(b["kind"], b["condition"]) for b in receiver.bodies()] == [("health", "feed_failing")]


# -- the CLI, as the lead's `claimwatch run` promises it -----------------------------------------


def _cli(args: list[str], timeout: float = 600) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).with_name("claimwatch")
    command = (
        [str(script)] if script.exists() else [sys.executable, "-m", "claimwatch.pipelines.cli"]
    )
    return subprocess.run(
        command + args,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
        check=False,
    )


@pytest.mark.slow
def test_run_once_sends_signed_old_to_new_alerts_and_nothing_the_second_time(
    tmp_path: Path, receiver: Receiver
) -> None:
    args = [
        "run",
        "--once",
        "--feed",
        str(DEMO_FEED),
        "--data-dir",
        str(tmp_path / "data"),
        "--alert-webhook",
        receiver.url,
        "--alert-secret",
        SECRET,
    ]
    first = _cli(args)
    assert first.returncode == 0, first.stderr[-3000:]
    claims = [r for r in receiver.received if r["body"].get("kind") == "claim"]
    assert claims, f"no alert reached the webhook; stderr:\n{first.stderr[-3000:]}"
    assert all(r["signed"] for r in receiver.received)
    assert all(r["alert_id"] == r["body"]["id"] and r["timestamp"] for r in claims)
    killed = [r["body"] for r in claims if r["body"]["metric"] == "killed"]
    assert killed, [r["body"]["headline"] for r in claims]
    body = killed[0]
    assert body["change"] == "increase"
    sides = [body[side]["value"] or body[side]["low"] for side in ("previous", "current")]
    assert sides == [400, 420]
    assert "400 → at least 420" in body["headline"]
    assert body["current"]["quote"] and body["current"]["url"]

    count = len(receiver.received)
    second = _cli(args)
    assert second.returncode == 0, second.stderr[-3000:]
    assert len(receiver.received) == count, [r["body"].get("headline") for r in receiver.received]
