"""Alert rules: filters, thresholds, cooldowns, and what thresholds may never drop."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest
from claimwatch.transforms.alert_rules import (
    AlertRule,
    change_size,
    select_alerts,
    source_count,
)
from claimwatch.transforms.models import Alert, Claim, ClaimKey, SourceValue

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=timezone.utc)


def claim(value: float, *, source: str = "Reuters", quote: str = "", hours_ago: float = 1) -> Claim:
    key = ClaimKey("killed", "palestinians", "gaza")
    return Claim(
        id=f"c-{source}-{value}",
        key=key,
        value=value,
        low=None,
        high=None,
        qualifier="exact",
        source=source,
        url=f"https://{source.lower()}.example/a",
        article_id="a1",
        canonical_url=f"https://{source.lower()}.example/a",
        published=NOW - timedelta(hours=hours_ago),
        quote=quote or f"{value:.0f} people were killed",
        figure_text=f"{value:.0f}",
        start=0,
        end=3,
        cumulative=True,
    )


def alert(
    before: float | None,
    after: float,
    change: str = "increase",
    *,
    correction: bool = False,
    sources: tuple[str, ...] = (),
    key: str = "killed|palestinians|gaza|*",
    metric: str = "killed",
    subject: str = "palestinians",
    quote: str = "",
) -> Alert:
    current = claim(after, quote=quote, hours_ago=0)
    return Alert(
        id=f"alert-{key}-{before}-{after}",
        claim_key=key,
        metric=metric,  # type: ignore[arg-type]
        subject=subject,
        change=change,  # type: ignore[arg-type]
        previous=None if before is None else claim(before, hours_ago=2),
        current=current,
        detected_at=NOW,
        correction=correction,
        sources=tuple(
            SourceValue(s, after, None, None, "exact", NOW, f"https://{s}.example/")
            for s in sources
        ),
    )


BASE = AlertRule(name="all", channels=("hook",))


@pytest.mark.parametrize(
    ("case", "candidate", "rule", "selected"),
    [
        ("plain increase passes the default rule", alert(400, 420), BASE, True),
        ("new claims are quiet by default", alert(None, 400, "new"), BASE, False),
        (
            "new claims pass when asked",
            alert(None, 400, "new"),
            replace(BASE, include_new=True),
            True,
        ),
        ("metric filter drops others", alert(400, 420), replace(BASE, metrics=("injured",)), False),
        ("metric filter keeps its own", alert(400, 420), replace(BASE, metrics=("killed",)), True),
        (
            "subject filter is case-insensitive",
            alert(400, 420),
            replace(BASE, subjects=("Palestinians",)),
            True,
        ),
        ("subject filter drops others", alert(400, 420), replace(BASE, subjects=("x",)), False),
        (
            "keyword matches the quote",
            alert(400, 420, quote="Airstrike on Rafah killed 420"),
            replace(BASE, keywords=("rafah",)),
            True,
        ),
        (
            "keyword missing drops",
            alert(400, 420),
            replace(BASE, keywords=("khan younis",)),
            False,
        ),
        (
            "change kind filter drops",
            alert(400, 420),
            replace(BASE, changes=("decrease",)),
            False,
        ),
        ("abs floor met", alert(400, 420), replace(BASE, min_abs_change=20), True),
        ("abs floor missed", alert(400, 419), replace(BASE, min_abs_change=20), False),
        ("pct floor met", alert(400, 420), replace(BASE, min_pct_change=5), True),
        ("pct floor missed", alert(400, 410), replace(BASE, min_pct_change=5), False),
        (
            "both floors: pct met, abs missed",
            alert(10, 14),
            replace(BASE, min_abs_change=5, min_pct_change=1),
            False,
        ),
        ("from zero is infinite pct", alert(0, 3), replace(BASE, min_pct_change=50), True),
        ("min sources missed", alert(400, 420), replace(BASE, min_sources=2), False),
        (
            "min sources met by two outlets",
            alert(400, 420, sources=("Reuters", "AP")),
            replace(BASE, min_sources=2),
            True,
        ),
        (
            "same outlet spelt twice is one source",
            alert(400, 420, sources=("Reuters", " reuters ")),
            replace(BASE, min_sources=2),
            False,
        ),
        (
            "correction passes every threshold",
            alert(420, 419, "decrease", correction=True),
            replace(BASE, min_abs_change=50, min_pct_change=20, min_sources=3),
            True,
        ),
        (
            "correction passes a rule that follows only increases",
            alert(420, 410, "decrease", correction=True),
            replace(BASE, changes=("increase",)),
            True,
        ),
        (
            "conflict passes every threshold",
            alert(400, 401, "conflict"),
            replace(BASE, min_abs_change=50, min_pct_change=20, min_sources=3),
            True,
        ),
        (
            "correction still respects the metric filter",
            alert(420, 410, "decrease", correction=True),
            replace(BASE, metrics=("money",)),
            False,
        ),
        (
            "plain decrease (not a correction) obeys thresholds",
            alert(420, 419, "decrease"),
            replace(BASE, min_abs_change=5),
            False,
        ),
    ],
)
def test_rule_table(case: str, candidate: Alert, rule: AlertRule, selected: bool) -> None:
    routed = select_alerts([candidate], [rule], history={}, now=NOW)
    assert bool(routed) is selected, case
    if selected:
        assert routed[0].alert is candidate
        assert routed[0].channels == ("hook",)


@pytest.mark.parametrize(
    ("last_sent", "candidate", "selected"),
    [
        (NOW - timedelta(minutes=10), alert(400, 420), False),
        (NOW - timedelta(minutes=31), alert(400, 420), True),
        (None, alert(400, 420), True),
        # Corrections and conflicts ignore the cooldown.
        (NOW - timedelta(minutes=1), alert(420, 410, "decrease", correction=True), True),
        (NOW - timedelta(minutes=1), alert(420, 500, "conflict"), True),
    ],
)
def test_cooldown_per_claim_key(
    last_sent: datetime | None, candidate: Alert, selected: bool
) -> None:
    rule = replace(BASE, cooldown=timedelta(minutes=30))
    history = {} if last_sent is None else {candidate.claim_key: last_sent}
    assert bool(select_alerts([candidate], [rule], history=history, now=NOW)) is selected


def test_within_one_batch_a_cooldown_keeps_the_newest_number_per_key() -> None:
    rule = replace(BASE, cooldown=timedelta(minutes=30))
    newer = replace(alert(420, 450), current=claim(450, hours_ago=0))
    older = replace(alert(400, 420), current=claim(420, hours_ago=1))
    other_key = alert(10, 30, key="injured|palestinians|gaza|*", metric="injured")
    history = {"killed|other|*|*": NOW - timedelta(minutes=1)}
    routed = select_alerts([newer, older, other_key], [rule], history=history, now=NOW)
    assert [r.alert for r in routed] == [newer, other_key]
    # Without a cooldown every change is its own alert.
    assert len(select_alerts([newer, older, other_key], [BASE], history={}, now=NOW)) == 3


def test_a_correction_in_the_same_batch_is_kept_beside_the_newest_change() -> None:
    rule = replace(BASE, cooldown=timedelta(minutes=30))
    increase = alert(400, 420)
    correction = alert(420, 412, "decrease", correction=True)
    routed = select_alerts([increase, correction], [rule], history={}, now=NOW)
    assert [r.alert for r in routed] == [increase, correction]


def test_rule_order_names_the_first_rule_even_when_a_later_one_holds_back() -> None:
    rules = [
        AlertRule(name="slow", channels=("mail",), cooldown=timedelta(hours=1)),
        AlertRule(name="fast", channels=("slack",)),
    ]
    (routed,) = select_alerts([alert(400, 420)], rules, history={}, now=NOW)
    assert (routed.rule, routed.channels) == ("slow", ("mail", "slack"))


def test_several_rules_union_their_channels_and_name_the_first() -> None:
    rules = [
        AlertRule(name="desk", channels=("slack", "mail"), metrics=("killed",)),
        AlertRule(name="archive", channels=("mail", "jsonl")),
        AlertRule(name="money", channels=("finance",), metrics=("money",)),
    ]
    (routed,) = select_alerts([alert(400, 420)], rules, history={}, now=NOW)
    assert routed.rule == "desk"
    assert routed.channels == ("slack", "mail", "jsonl")
    assert routed.matched_rules == ("desk", "archive")


def test_history_is_not_mutated() -> None:
    history = {"x": NOW}
    select_alerts([alert(400, 420)], [BASE], history=history, now=NOW)
    assert history == {"x": NOW}


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [(400, 420, (20, 5.0)), (420, 400, (20, 100 * 20 / 420)), (0, 0, (0, 0.0))],
)
def test_change_size(before: float, after: float, expected: tuple[float, float]) -> None:
    assert change_size(alert(before, after)) == pytest.approx(expected)


def test_change_size_uses_range_midpoints() -> None:
    ranged = replace(alert(10, 20).current, value=None, low=15, high=25, qualifier="range")
    candidate = replace(alert(10, 20), current=ranged)
    assert change_size(candidate) == pytest.approx((10, 100.0))


def test_source_count_falls_back_to_the_claims() -> None:
    candidate = replace(alert(400, 420), previous=claim(400, source="AP"))
    assert source_count(candidate) == 2
