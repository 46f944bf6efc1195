"""Alert delivery wiring: rules and channels from the alerts file, plus --alert-webhook ones.

    new alert ids ─select_alerts(rules, cooldowns)─▶ AlertDispatcher ─▶ channels
    feed state + service reachability ─check_health─▶ AlertDispatcher.deliver_health

Delivery state lives in the store, so a second `run --once` (or a replay) sends nothing twice,
and failed deliveries are retried at the next round and listed by `alerts --undelivered`.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TextIO

from claimwatch.connectors.channels import Channel
from claimwatch.connectors.delivery import AlertDispatcher, DeliveryReport, sent_history
from claimwatch.connectors.store import Store
from claimwatch.pipelines.alert_settings import (
    AlertSettings,
    build_channels,
    load_alert_settings,
)
from claimwatch.pipelines.alert_settings import test_send as send_test_alert
from claimwatch.pipelines.backends import store_spec
from claimwatch.pipelines.output import ALERT_HEADERS, alert_table_rows, write_table
from claimwatch.pipelines.settings import Settings
from claimwatch.transforms.alert_rules import AlertRule, select_alerts
from claimwatch.transforms.health import FeedStats, HealthAlert, check_health
from claimwatch.transforms.records import parse_iso

log = logging.getLogger(__name__)


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass
class Deliverer:
    """Everything one run needs to route and send alerts."""

    settings: Settings
    alert_settings: AlertSettings
    channels: dict[str, Channel]
    rules: list[AlertRule]
    console: bool

    def dispatcher(self, store: Store) -> AlertDispatcher:
        d = self.alert_settings.delivery
        return AlertDispatcher(
            store,
            self.channels,
            max_attempts=d.max_attempts,
            backoff=d.backoff_seconds,
            max_backoff=d.max_backoff_seconds,
        )

    def __call__(self, alert_ids: list[str]) -> None:
        """Route and send the alerts created in this round; retry earlier failures too."""
        store = store_spec(self.settings).open()
        try:
            wanted = set(alert_ids)
            alerts = [a for a in store.alerts() if a.id in wanted]
            if self.console and alerts:
                print(f"\n{len(alerts)} new alerts:", file=sys.stderr)
                write_table(alert_table_rows(alerts), ALERT_HEADERS, sys.stderr)
            if not self.channels:
                return
            routed = select_alerts(alerts, self.rules, history=sent_history(store), now=utc_now())
            dispatcher = self.dispatcher(store)
            report = dispatcher.deliver(routed) + dispatcher.retry_undelivered()
            _log_report(report)
        finally:
            store.close()

    def check_health(self, feed_state_path: Path, *, now: datetime) -> list[HealthAlert]:
        """Operator alerts from the feed state and the store's reachability."""
        health = self.alert_settings.health
        if not health.enabled:
            return []
        feeds = _feed_stats(feed_state_path)
        open_path = Path(self.settings.data_dir) / "health-open.json"
        alerts = check_health(
            feeds, [], now=now, thresholds=health.thresholds(), open_alerts=_load_open(open_path)
        )
        _save_open(open_path, [a for a in alerts if a.status == "firing"])
        if alerts and self.channels:
            store = store_spec(self.settings).open()
            try:
                channels = [
                    name
                    for name in health.channels
                    for name in (self.channels if name == "*" else [name])
                ]
                _log_report(self.dispatcher(store).deliver_health(alerts, channels))
            finally:
                store.close()
        for alert in alerts:
            log.warning("health: %s", alert.message)
        return alerts


def build_deliverer(
    settings: Settings,
    *,
    extra_webhooks: Sequence[str],
    webhook_secret: str | None,
    console: bool,
) -> Deliverer:
    alert_settings = load_alert_settings(settings.alerts)
    channels = build_channels(
        alert_settings,
        extra_webhooks=extra_webhooks,
        webhook_secret=webhook_secret,
        base_dir=Path(settings.data_dir),
    )
    rules = [r.to_rule(list(channels)) for r in alert_settings.rules]
    return Deliverer(settings, alert_settings, channels, rules, console)


def undelivered_ids(store: Store, alert_ids: Sequence[str]) -> set[str]:
    return {a for a in alert_ids if any(d.status != "delivered" for d in store.deliveries(a))}


def test_send(settings: Settings, webhooks: Sequence[str], secret: str | None, out: TextIO) -> int:
    """Send a marked sample alert to every channel; report each result."""
    alert_settings = load_alert_settings(settings.alerts)
    channels = build_channels(
        alert_settings,
        extra_webhooks=webhooks,
        webhook_secret=secret,
        base_dir=Path(settings.data_dir),
    )
    if not channels:
        out.write("no alert channels are configured (see config/alerts.yaml)\n")
        return 1
    results = send_test_alert(channels)
    for name, error in results.items():
        out.write(f"{name}: {'ok' if error is None else 'FAILED: ' + error}\n")
    return 0 if all(error is None for error in results.values()) else 1


def _feed_stats(path: Path) -> list[FeedStats]:
    if not path.exists():
        return []
    from claimwatch.connectors.feed_state import FeedStateStore

    with FeedStateStore(path) as state:
        out = []
        for h in state.all_health():
            out.append(
                FeedStats(
                    feed_url=h.feed_url,
                    source=h.source or h.feed_url,
                    consecutive_failures=h.consecutive_failures,
                    last_error=h.last_error,
                    last_success=h.last_success,
                    # The start of the current run of failures keys the episode: stable while
                    # the feed keeps failing, so it is announced once, not once per poll.
                    failing_since=h.failing_since,
                    entry_times=tuple(state.seen_times(h.feed_url)),
                )
            )
        return out


def _load_open(path: Path) -> list[HealthAlert]:
    if not path.exists():
        return []
    try:
        docs = json.loads(path.read_text(encoding="utf-8"))
        return [
            HealthAlert(
                **{
                    **d,
                    "detected_at": parse_iso(d["detected_at"]),
                    "since": parse_iso(d.get("since")),
                }
            )
            for d in docs
        ]
    except (ValueError, TypeError, KeyError) as exc:
        log.warning("ignoring unreadable %s: %s", path, exc)
        return []


def _save_open(path: Path, alerts: list[HealthAlert]) -> None:
    def plain(alert: HealthAlert) -> dict[str, Any]:
        doc = asdict(alert)
        doc["detected_at"] = alert.detected_at.isoformat()
        doc["since"] = alert.since.isoformat() if alert.since else None
        return doc

    path.write_text(json.dumps([plain(a) for a in alerts]), encoding="utf-8")


def _log_report(report: DeliveryReport) -> None:
    for outcome in report.failed:
        log.warning(
            "alert %s not delivered to %s after %d attempts: %s",
            outcome.alert_id,
            outcome.channel,
            outcome.attempts,
            outcome.error,
        )
