"""Health alerts for operators: is the pipeline still seeing the news it is meant to see?

    FeedStats per feed ─────────┐
    ServiceStatus (log, store) ─┴─ check_health(now, open_alerts) ──▶ HealthAlert
                                                                (firing / recovered)

Each condition has an *episode*: a fact that stays the same for as long as the condition lasts
(the last success before a failure streak, the last entry before a silence, when the store went
down). The alert id is derived from (subject, condition, episode), so a feed that fails on every
poll yields the same id each time and the dispatcher sends it once; a new episode after a recovery
gets a new id. Health alerts never mix with claim alerts: they have their own type and payload.
"""

from __future__ import annotations

import hashlib
import itertools
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Literal

from claimwatch.transforms.records import iso

Condition = Literal[
    "feed_failing",
    "feed_silent",
    "no_text",
    "no_figures",
    "log_unreachable",
    "store_unreachable",
]
Severity = Literal["warning", "critical"]
Status = Literal["firing", "recovered"]


@dataclass(frozen=True, slots=True)
class FeedStats:
    """What the feed-state store knows about one feed at one moment.

    `entry_times` are the first-seen times of recent *new* entries (any order); `last_text_at`
    and `last_figures_at` are the newest article that did yield text / figures (None if never).
    `failing_since` is the first failure of the current streak, if the caller tracks it.
    """

    feed_url: str
    source: str
    consecutive_failures: int = 0
    last_error: str | None = None
    last_success: datetime | None = None
    failing_since: datetime | None = None
    entry_times: tuple[datetime, ...] = ()
    recent_articles: int = 0
    recent_without_text: int = 0
    recent_without_figures: int = 0
    last_text_at: datetime | None = None
    last_figures_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class ServiceStatus:
    """Reachability of the log or the store; `down_since` marks the outage (the episode)."""

    name: Literal["log", "store"]
    reachable: bool
    error: str | None = None
    down_since: datetime | None = None


@dataclass(frozen=True, slots=True)
class HealthThresholds:
    """When a condition fires. Defaults are chosen to page a person rarely and never for noise."""

    # Three in a row: one failure is routine (a timeout, a deploy on the publisher's side), two
    # can be a short outage, three at a typical 5-15 minute poll interval is a real problem.
    failing_polls: int = 3
    # News feeds are bursty: overnight gaps of several hours are normal even for busy wires.
    min_silence: timedelta = timedelta(hours=6)
    # Four median gaps: a feed posting hourly is overdue after 4 h (but min_silence still wins).
    silence_factor: float = 4.0
    # The median gap needs a few gaps to mean anything.
    min_entries_for_cadence: int = 4
    # "Suddenly no text": judged over at least this many recent articles ...
    min_articles: int = 5
    # ... of which at least this share came out empty (1.0 would miss one lucky article).
    empty_ratio: float = 0.8


@dataclass(frozen=True, slots=True)
class HealthAlert:
    """One operator alert; `id` is stable for the whole episode (see the module docstring)."""

    id: str
    condition: Condition
    subject: str  # the feed URL, or "log" / "store"
    source: str | None
    status: Status
    severity: Severity
    message: str
    episode: str
    detected_at: datetime
    since: datetime | None = None


def check_health(
    feeds: Iterable[FeedStats],
    services: Iterable[ServiceStatus] = (),
    *,
    now: datetime,
    thresholds: HealthThresholds = HealthThresholds(),
    open_alerts: Sequence[HealthAlert] = (),
) -> list[HealthAlert]:
    """Firing health alerts, plus one "recovered" notice per open alert whose condition ended.

    Args:
        feeds: per-feed statistics.
        services: reachability of the log and the store.
        now: the current time.
        thresholds: when each condition fires.
        open_alerts: alerts that were firing at the previous check (the caller keeps them,
            e.g. the firing part of the previous result). An open alert whose subject is still
            checked but whose id no longer fires yields a recovery notice with its own stable id.
    """
    feeds = list(feeds)
    services = list(services)
    firing: list[HealthAlert] = []
    for stats in feeds:
        firing.extend(_feed_alerts(stats, now, thresholds))
    for service in services:
        if not service.reachable:
            firing.append(_service_alert(service, now))

    firing_ids = {alert.id for alert in firing}
    checked = {f.feed_url for f in feeds} | {s.name for s in services}
    recovered = [
        recovery(alert, now=now)
        for alert in open_alerts
        if alert.status == "firing" and alert.id not in firing_ids and alert.subject in checked
    ]
    return firing + recovered


def recovery(alert: HealthAlert, *, now: datetime) -> HealthAlert:
    """The one "recovered" notice for a firing alert (same episode, its own stable id)."""
    return HealthAlert(
        id=health_id(alert.subject, alert.condition, alert.episode, "recovered"),
        condition=alert.condition,
        subject=alert.subject,
        source=alert.source,
        status="recovered",
        severity="warning",
        message=f"recovered: {alert.message}",
        episode=alert.episode,
        detected_at=now,
        since=alert.since,
    )


def health_id(subject: str, condition: str, episode: str, status: str = "firing") -> str:
    """Deterministic id for (subject, condition, episode[, status])."""
    digest = hashlib.sha256("\x1f".join((subject, condition, episode, status)).encode("utf-8"))
    return f"health-{digest.hexdigest()[:24]}"


def usual_gap(entry_times: Sequence[datetime]) -> timedelta | None:
    """Median gap between consecutive entries, or None with fewer than two entries."""
    times = sorted(entry_times)
    gaps = [(b - a).total_seconds() for a, b in itertools.pairwise(times)]
    return timedelta(seconds=statistics.median(gaps)) if gaps else None


def silence_limit(entry_times: Sequence[datetime], thresholds: HealthThresholds) -> timedelta:
    """How long a feed may stay quiet: max(min_silence, silence_factor x its median gap)."""
    gap = usual_gap(entry_times)
    if gap is None or len(entry_times) < thresholds.min_entries_for_cadence:
        return thresholds.min_silence
    return max(thresholds.min_silence, gap * thresholds.silence_factor)


def _feed_alerts(stats: FeedStats, now: datetime, limits: HealthThresholds) -> list[HealthAlert]:
    alerts: list[HealthAlert] = []
    if stats.consecutive_failures >= limits.failing_polls:
        start = stats.failing_since or stats.last_success
        last_ok = f"last success {_when(stats.last_success)}"
        alerts.append(
            _alert(
                stats,
                "feed_failing",
                "critical",
                episode=iso(start) or "never-succeeded",
                since=stats.failing_since,
                now=now,
                message=(
                    f"feed {stats.feed_url} ({stats.source}) failed "
                    f"{stats.consecutive_failures} polls in a row ({last_ok}): "
                    f"{stats.last_error or 'no error recorded'}"
                ),
            )
        )
    elif stats.entry_times:
        # A failing feed is also silent; one alert for one cause is enough.
        last_entry = max(stats.entry_times)
        limit = silence_limit(stats.entry_times, limits)
        if now - last_entry > limit:
            alerts.append(
                _alert(
                    stats,
                    "feed_silent",
                    "warning",
                    episode=iso(last_entry) or "",
                    since=last_entry,
                    now=now,
                    message=(
                        f"feed {stats.feed_url} ({stats.source}) has had no new entry for "
                        f"{_duration(now - last_entry)} (last {_when(last_entry)}); "
                        f"its usual limit is {_duration(limit)}"
                    ),
                )
            )
    for condition, empty, last_good, what in (
        ("no_text", stats.recent_without_text, stats.last_text_at, "text"),
        ("no_figures", stats.recent_without_figures, stats.last_figures_at, "figures"),
    ):
        # "Suddenly": the source used to yield this (last_good is known); a source that never
        # did is a configuration matter for a person reading the feed list, not a page.
        if (
            last_good is not None
            and stats.recent_articles >= limits.min_articles
            and empty >= limits.empty_ratio * stats.recent_articles
        ):
            alerts.append(
                _alert(
                    stats,
                    condition,  # type: ignore[arg-type]  # the two literals above
                    "warning",
                    episode=iso(last_good) or "",
                    since=last_good,
                    now=now,
                    message=(
                        f"{empty} of the last {stats.recent_articles} articles from "
                        f"{stats.source} ({stats.feed_url}) yielded no {what}; the last one "
                        f"that did was {_when(last_good)}: has the site changed its layout?"
                    ),
                )
            )
    return alerts


def _service_alert(service: ServiceStatus, now: datetime) -> HealthAlert:
    condition: Condition = "log_unreachable" if service.name == "log" else "store_unreachable"
    return HealthAlert(
        id=health_id(service.name, condition, iso(service.down_since) or "unknown"),
        condition=condition,
        subject=service.name,
        source=None,
        status="firing",
        severity="critical",
        message=(
            f"the {service.name} is unreachable since {_when(service.down_since)}: "
            f"{service.error or 'no error recorded'}"
        ),
        episode=iso(service.down_since) or "unknown",
        detected_at=now,
        since=service.down_since,
    )


def _alert(
    stats: FeedStats,
    condition: Condition,
    severity: Severity,
    *,
    episode: str,
    since: datetime | None,
    now: datetime,
    message: str,
) -> HealthAlert:
    return HealthAlert(
        id=health_id(stats.feed_url, condition, episode),
        condition=condition,
        subject=stats.feed_url,
        source=stats.source,
        status="firing",
        severity=severity,
        message=message,
        episode=episode,
        detected_at=now,
        since=since,
    )


def _when(moment: datetime | None) -> str:
    if moment is None:
        return "never"
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc)
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def _duration(span: timedelta) -> str:
    minutes = int(span.total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    days, hours = divmod(hours, 24)
    if days:
        return f"{days}d {hours}h"
    return f"{hours}h {minutes:02d}m" if hours else f"{minutes}m"


@dataclass(frozen=True, slots=True)
class RecentYield:
    """What a source's most recent articles yielded: the input of no_text / no_figures."""

    recent_articles: int = 0
    recent_without_text: int = 0
    recent_without_figures: int = 0
    last_text_at: datetime | None = None
    last_figures_at: datetime | None = None


def recent_yields(
    articles: Iterable[tuple[str, datetime, bool, bool]], *, per_source: int
) -> dict[str, RecentYield]:
    """Per source, over its `per_source` newest articles: (source, published, text?, figures?).

    `last_text_at` / `last_figures_at` look at every article given, so a source that used to
    yield and suddenly stopped is told from one that never did.
    """
    by_source: dict[str, list[tuple[datetime, bool, bool]]] = {}
    for source, published, has_text, has_figures in articles:
        by_source.setdefault(source, []).append((published, has_text, has_figures))
    out = {}
    for source, items in by_source.items():
        items.sort(key=lambda item: item[0], reverse=True)
        recent = items[:per_source]
        out[source] = RecentYield(
            recent_articles=len(recent),
            recent_without_text=sum(1 for _, text, _ in recent if not text),
            recent_without_figures=sum(1 for _, _, figures in recent if not figures),
            last_text_at=max((p for p, text, _ in items if text), default=None),
            last_figures_at=max((p for p, _, figures in items if figures), default=None),
        )
    return out
