"""Health alerts: each condition, one alert per episode, one recovery notice."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest
from claimwatch.transforms.health import (
    FeedStats,
    HealthThresholds,
    ServiceStatus,
    check_health,
    silence_limit,
    usual_gap,
)

T0 = datetime(2026, 11, 23, 0, 0, tzinfo=timezone.utc)
URL = "https://feeds.example/world.rss"


def hourly(n: int, end: datetime) -> tuple[datetime, ...]:
    return tuple(end - timedelta(hours=i) for i in range(n))


def healthy(now: datetime) -> FeedStats:
    return FeedStats(
        feed_url=URL,
        source="Example",
        last_success=now,
        entry_times=hourly(10, now - timedelta(minutes=20)),
        recent_articles=10,
        last_text_at=now,
        last_figures_at=now,
    )


def test_healthy_feed_raises_nothing() -> None:
    assert check_health([healthy(T0)], [ServiceStatus("store", True)], now=T0) == []


def test_feed_failing_on_five_polls_yields_exactly_one_alert_id() -> None:
    last_ok = T0
    ids = set()
    per_poll = []
    for poll in range(1, 6):
        now = T0 + timedelta(minutes=10 * poll)
        stats = replace(
            healthy(T0),
            consecutive_failures=poll,
            last_error="HTTP 503",
            last_success=last_ok,
            entry_times=hourly(10, T0),
        )
        alerts = [a for a in check_health([stats], now=now) if a.condition == "feed_failing"]
        per_poll.append(len(alerts))
        ids |= {a.id for a in alerts}
    assert per_poll == [0, 0, 1, 1, 1]  # fires from the third failure on ...
    assert len(ids) == 1  # ... always as the same episode
    (alert,) = check_health([replace(stats, consecutive_failures=5)], now=now)
    assert alert.severity == "critical"
    assert "failed 5 polls in a row" in alert.message and "HTTP 503" in alert.message


def test_a_new_failure_streak_is_a_new_episode() -> None:
    first = replace(healthy(T0), consecutive_failures=3, last_success=T0)
    second = replace(first, last_success=T0 + timedelta(hours=2))
    (a,) = check_health([first], now=T0 + timedelta(hours=1))
    (b,) = check_health([second], now=T0 + timedelta(hours=3))
    assert a.id != b.id


def test_failing_threshold_is_configurable() -> None:
    stats = replace(healthy(T0), consecutive_failures=2)
    assert check_health([stats], now=T0, thresholds=HealthThresholds(failing_polls=2))


@pytest.mark.parametrize(
    ("entries", "silent_for", "fires"),
    [
        # Hourly feed: the limit is max(6 h, 4 x 1 h) = 6 h.
        (hourly(10, T0), timedelta(hours=5), False),
        (hourly(10, T0), timedelta(hours=7), True),
        # A feed posting every 3 hours may be quiet for 12 h.
        (tuple(T0 - timedelta(hours=3 * i) for i in range(8)), timedelta(hours=10), False),
        (tuple(T0 - timedelta(hours=3 * i) for i in range(8)), timedelta(hours=13), True),
        # Too few entries to know a cadence: only the 6 h floor applies.
        ((T0, T0 - timedelta(days=2)), timedelta(hours=7), True),
        # No entries at all (a brand-new feed): nothing to compare with.
        ((), timedelta(days=3), False),
    ],
)
def test_silence_relative_to_usual_cadence(
    entries: tuple[datetime, ...], silent_for: timedelta, fires: bool
) -> None:
    stats = replace(healthy(T0), entry_times=entries)
    alerts = check_health([stats], now=T0 + silent_for)
    assert [a.condition for a in alerts] == (["feed_silent"] if fires else [])


def test_silence_limit_and_gap() -> None:
    assert usual_gap(hourly(5, T0)) == timedelta(hours=1)
    assert usual_gap((T0,)) is None
    assert silence_limit(hourly(5, T0), HealthThresholds()) == timedelta(hours=6)
    slow = tuple(T0 - timedelta(hours=2 * i) for i in range(6))
    assert silence_limit(slow, HealthThresholds()) == timedelta(hours=8)


def test_a_failing_feed_is_not_also_reported_silent() -> None:
    stats = replace(healthy(T0), consecutive_failures=4, entry_times=hourly(10, T0))
    alerts = check_health([stats], now=T0 + timedelta(days=1))
    assert [a.condition for a in alerts] == ["feed_failing"]


@pytest.mark.parametrize(
    ("recent", "without_text", "without_figures", "last_text", "expected"),
    [
        (10, 10, 10, T0 - timedelta(days=1), ["no_text", "no_figures"]),
        (10, 8, 0, T0 - timedelta(days=1), ["no_text"]),
        (10, 7, 0, T0 - timedelta(days=1), []),  # below the 80 % share
        (10, 0, 9, T0 - timedelta(days=1), ["no_figures"]),
        (3, 3, 3, T0 - timedelta(days=1), []),  # too few articles to judge
        (10, 10, 0, None, []),  # never had text: not "suddenly"
    ],
)
def test_sudden_loss_of_text_or_figures(
    recent: int,
    without_text: int,
    without_figures: int,
    last_text: datetime | None,
    expected: list[str],
) -> None:
    stats = replace(
        healthy(T0),
        recent_articles=recent,
        recent_without_text=without_text,
        recent_without_figures=without_figures,
        last_text_at=last_text,
        last_figures_at=T0 - timedelta(days=1),
    )
    assert [a.condition for a in check_health([stats], now=T0)] == expected


def test_log_and_store_unreachable() -> None:
    down = T0 - timedelta(minutes=5)
    alerts = check_health(
        [],
        [
            ServiceStatus("log", False, "database is locked", down),
            ServiceStatus("store", False, "connection refused", down),
        ],
        now=T0,
    )
    assert [(a.condition, a.severity) for a in alerts] == [
        ("log_unreachable", "critical"),
        ("store_unreachable", "critical"),
    ]
    later = check_health(
        [], [ServiceStatus("log", False, "still locked", down)], now=T0 + timedelta(hours=1)
    )
    assert later[0].id == alerts[0].id  # same outage, same alert


def test_recovery_yields_one_notice_with_a_stable_id() -> None:
    failing = replace(healthy(T0), consecutive_failures=3)
    (firing,) = check_health([failing], now=T0)
    recovered = check_health([healthy(T0)], now=T0 + timedelta(minutes=10), open_alerts=[firing])
    assert [(a.status, a.condition) for a in recovered] == [("recovered", "feed_failing")]
    again = check_health([healthy(T0)], now=T0 + timedelta(minutes=20), open_alerts=[firing])
    assert again[0].id == recovered[0].id  # the dispatcher sends it once
    assert recovered[0].id != firing.id
    # Still failing: no recovery, the same firing alert.
    still = check_health([failing], now=T0 + timedelta(minutes=10), open_alerts=[firing])
    assert [a.id for a in still] == [firing.id]
    # A feed no longer checked (removed from the config) gets no recovery notice.
    assert check_health([], now=T0, open_alerts=[firing]) == []


def test_recent_yields_count_the_newest_articles_per_source_and_remember_the_last_good() -> None:
    from claimwatch.transforms.health import recent_yields

    t0 = datetime(2026, 11, 1, tzinfo=timezone.utc)
    rows = [("Wire", t0 + timedelta(hours=h), True, h < 3) for h in range(10)]
    rows += [("Herald", t0, False, False)]
    got = recent_yields(rows, per_source=5)
    wire = got["Wire"]
    counts = (wire.recent_articles, wire.recent_without_text, wire.recent_without_figures)
    assert counts == (5, 0, 5)
    assert wire.last_text_at == t0 + timedelta(hours=9)
    assert wire.last_figures_at == t0 + timedelta(hours=2)
    assert got["Herald"].last_text_at is None  # never yielded: not "suddenly"
