"""Health checks fed from what the process can see: feed state, the log and the store.

    feeds.sqlite3 (per-feed failures, arrival times) ─┐
    store reachability, log reachability ─────────────┼─▶ check_health ─▶ channels, once per
    health-open.json (what was firing last time) ─────┘                   episode

An unreachable store cannot record deliveries, so that alert goes straight to the channels
(`send_direct`), once per outage, remembered in health-open.json beside the data.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from claimwatch.connectors.delivery import send_direct
from claimwatch.connectors.store import Store
from claimwatch.pipelines.alerting.service import AlertService
from claimwatch.transforms.alert_text import render_health
from claimwatch.transforms.health import (
    FeedStats,
    HealthAlert,
    ServiceStatus,
    check_health,
    recent_yields,
)
from claimwatch.transforms.records import parse_iso

log = logging.getLogger(__name__)


def run_health_checks(
    service: AlertService,
    data_dir: Path,
    *,
    store: Store | None,
    services: list[ServiceStatus],
    now: datetime,
) -> list[HealthAlert]:
    """Check feeds and services, send what fires; `store` None means it is unreachable."""
    if not service.settings.health.enabled:
        return []
    open_path = data_dir / "health-open.json"
    feeds = _feed_stats(data_dir / "feeds.sqlite3")
    opened = _load_open(open_path)
    if store is not None:
        feeds = with_recent_yields(feeds, store)
        alerts, report = service.check_health(store, feeds, services, now=now, open_alerts=opened)
        for outcome in report.failed:
            log.warning(
                "health alert %s not sent to %s: %s",
                outcome.alert_id,
                outcome.channel,
                outcome.error,
            )
    else:
        alerts = check_health(
            feeds,
            services,
            now=now,
            thresholds=service.settings.health.thresholds(),
            open_alerts=opened,
        )
        known = {a.id for a in opened}
        for alert in alerts:
            if alert.id not in known:  # once per episode: nothing can record it in the store
                send_direct(render_health(alert), service.channels, service.health_channels)
    _save_open(open_path, [a for a in alerts if a.status == "firing"])
    for alert in alerts:
        log.warning("health: %s", alert.message)
    return alerts


# Articles looked at per round for the no-text / no-figures checks: bounded whatever the store
# holds; enough for 20 per source over a few dozen sources.
RECENT_ARTICLES = 1000
PER_SOURCE = 20


def with_recent_yields(feeds: list[FeedStats], store: Store) -> list[FeedStats]:
    """Feed stats with what each feed's source recently yielded, from the store."""
    articles = [a for a in store.recent_articles(RECENT_ARTICLES) if a.duplicate_of is None]
    tracked = {
        e.article_id
        for e in store.extractions([a.id for a in articles])
        if any(f.metric for f in e.figures)
    }
    yields = recent_yields(
        ((a.source, a.published, bool(a.text.strip()), a.id in tracked) for a in articles),
        per_source=PER_SOURCE,
    )
    out = []
    for feed in feeds:
        got = yields.get(feed.source)
        if got is None:
            out.append(feed)
            continue
        out.append(
            replace(
                feed,
                recent_articles=got.recent_articles,
                recent_without_text=got.recent_without_text,
                recent_without_figures=got.recent_without_figures,
                last_text_at=got.last_text_at,
                last_figures_at=got.last_figures_at,
            )
        )
    return out


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
