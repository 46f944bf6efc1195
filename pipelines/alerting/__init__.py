"""Alerting, in one place: settings, the service (rules, channels, delivery loop), health.

    settings.py  alerts.yaml validated once (no I/O); channel entries by registered type
    service.py   AlertService: rules for the pipeline, the outbox's delivery loop, health
    health.py    feed / log / store health through the same channels, once per episode
    sample.py    the marked sample alert of `claimwatch alerts test-send`

Channels themselves are connectors (connectors/channels/, one module each, listed in
connectors/channels/registry.py); routing and rendering are pure (transforms/alert_rules.py,
transforms/alert_text.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from claimwatch.pipelines.alerting.service import AlertService, build_alert_service
from claimwatch.pipelines.alerting.settings import AlertSettings, load_alert_settings

if TYPE_CHECKING:
    from claimwatch.pipelines.settings import Settings

__all__ = [
    "AlertService",
    "AlertSettings",
    "alert_service_for",
    "build_alert_service",
    "load_alert_settings",
]


def alert_service_for(
    settings: Settings, *, extra_webhooks: Sequence[str] = (), webhook_secret: str | None = None
) -> AlertService:
    """The service a `run` or `deliver` process uses: the same options give the same channels."""
    return build_alert_service(
        load_alert_settings(settings.alerts),
        extra_webhooks=extra_webhooks,
        webhook_secret=webhook_secret,
        base_dir=Path(settings.data_dir),
    )
