"""The one front door to alerting: rules, channels, the delivery loop and health checks.

    alerts.yaml ──load_alert_settings──▶ AlertSettings ──build_alert_service(--alert-webhook…)
        ──▶ AlertService
              .rules            plain AlertRules for the pipeline, which routes each alert
                                in event time and stores it with its pending deliveries
              .delivery_loop(store)  drains that outbox (run, deliver, tests)
              .check_health(…)  operator alerts through the same channels

The CLI and the tests build it the same way; nothing here connects until a message is sent.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from claimwatch.connectors.channels import BuildContext, Channel
from claimwatch.connectors.channels.registry import CHANNEL_TYPES
from claimwatch.connectors.channels.webhook import WebhookChannel
from claimwatch.connectors.delivery import DeliveryLoop, DeliveryReport, HealthSender
from claimwatch.connectors.store import Store
from claimwatch.pipelines.alerting.settings import ALL_CHANNELS, AlertSettings
from claimwatch.transforms.alert_rules import AlertRule
from claimwatch.transforms.errors import ConfigError
from claimwatch.transforms.health import FeedStats, HealthAlert, ServiceStatus, check_health

CLI_WEBHOOK_PREFIX = "cli-webhook-"


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass(frozen=True)
class AlertService:
    """Everything that routes and sends alerts, built once per process."""

    settings: AlertSettings
    rules: tuple[AlertRule, ...]
    channels: Mapping[str, Channel]
    health_channels: tuple[str, ...]
    warnings: tuple[str, ...] = field(default_factory=tuple)

    def delivery_loop(
        self,
        store: Store,
        *,
        clock: Callable[[], datetime] = utc_now,
        sleep: Callable[[float], None] = time.sleep,
    ) -> DeliveryLoop:
        d = self.settings.delivery
        return DeliveryLoop(
            store,
            self.channels,
            batch=d.batch,
            lease=timedelta(seconds=d.lease_seconds),
            backoff=d.backoff_seconds,
            max_backoff=d.max_backoff_seconds,
            quick_attempts=d.max_attempts,
            clock=clock,
            sleep=sleep,
        )

    def check_health(
        self,
        store: Store,
        feeds: Iterable[FeedStats],
        services: Iterable[ServiceStatus] = (),
        *,
        now: datetime,
        open_alerts: Sequence[HealthAlert] = (),
    ) -> tuple[list[HealthAlert], DeliveryReport]:
        """Evaluate health and deliver what fires; returns (alerts, report).

        Keep the firing ones and pass them back as `open_alerts` next time, so a recovery
        produces one "recovered" notice.
        """
        if not self.settings.health.enabled:
            return [], DeliveryReport()
        alerts = check_health(
            feeds,
            services,
            now=now,
            thresholds=self.settings.health.thresholds(),
            open_alerts=open_alerts,
        )
        report = HealthSender(store, self.channels).send(alerts, self.health_channels)
        return alerts, report


def build_alert_service(
    settings: AlertSettings,
    *,
    extra_webhooks: Sequence[str] = (),
    webhook_secret: str | None = None,
    base_dir: Path | None = None,
    clients: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
) -> AlertService:
    """Channels (configured + one per `--alert-webhook`) and rules with "*" expanded.

    Args:
        settings: validated alert settings.
        extra_webhooks: URLs from `--alert-webhook`; named "cli-webhook-1", "cli-webhook-2", …
        webhook_secret: `--alert-secret`, the HMAC key for those extra webhooks.
        base_dir: where relative JSONL paths live (the data directory); the cwd when None.
        clients: prebuilt clients by channel type ("kafka", "elasticsearch"), for tests.
        environ: where *_env secrets are read (os.environ when None).
    """
    context = BuildContext(
        base_dir=base_dir,
        environ=os.environ if environ is None else environ,
        clients=dict(clients or {}),
    )
    channels: dict[str, Channel] = {}
    for name, spec in settings.channels.items():
        channels[name] = CHANNEL_TYPES[spec.type].build(name, spec, context)
    warnings: list[str] = []
    for number, url in enumerate(extra_webhooks, start=1):
        if not url.startswith(("http://", "https://")):
            raise ConfigError(f"--alert-webhook {url!r} is not an http(s) URL")
        if not webhook_secret:
            warnings.append(f"--alert-webhook {url} has no --alert-secret: alerts go unsigned")
        name = f"{CLI_WEBHOOK_PREFIX}{number}"
        channels[name] = WebhookChannel(url, name=name, secret=webhook_secret or None)
    names = list(channels)
    health: list[str] = []
    for name in settings.health.channels:
        health += names if name == ALL_CHANNELS else [name]
    return AlertService(
        settings=settings,
        rules=tuple(rule.to_rule(names) for rule in settings.rules),
        channels=channels,
        health_channels=tuple(dict.fromkeys(health)),
        warnings=tuple(warnings),
    )
