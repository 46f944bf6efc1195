"""Alert rules: filters, thresholds, cooldowns, and what thresholds may never drop."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest
from claimwatch.transforms.alert_rules import (
    AlertRule,
    change_size,
    route_alerts,
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
    routed = route_alerts([candidate], [rule])
    assert bool(routed) is selected, case
    if selected:
        assert routed[0].alert == replace(candidate, rules=(rule.name,))
        assert routed[0].channels == ("hook",)


def routed_earlier(candidate: Alert, minutes_before: float, rule: str = "all") -> Alert:
    """An alert for the same key, routed by `rule`, whose figure is this much older."""
    published = candidate.current.published - timedelta(minutes=minutes_before)
    return replace(
        candidate,
        id=f"earlier-{minutes_before}",
        current=replace(candidate.current, published=published),
        rules=(rule,),
    )


@pytest.mark.parametrize(
    ("minutes_before", "candidate", "selected"),
    [
        (10, alert(400, 420), False),
        (31, alert(400, 420), True),
        (None, alert(400, 420), True),
        # Corrections and conflicts ignore the cooldown.
        (1, alert(420, 410, "decrease", correction=True), True),
        (1, alert(420, 500, "conflict"), True),
    ],
)
def test_cooldown_per_claim_key_in_publication_time(
    minutes_before: float | None, candidate: Alert, selected: bool
) -> None:
    rule = replace(BASE, cooldown=timedelta(minutes=30))
    earlier = [] if minutes_before is None else [routed_earlier(candidate, minutes_before)]
    assert bool(route_alerts([candidate], [rule], earlier=earlier)) is selected


def test_a_cooldown_counts_only_alerts_the_same_rule_routed() -> None:
    rule = replace(BASE, cooldown=timedelta(minutes=30))
    candidate = alert(400, 420)
    by_other_rule = routed_earlier(candidate, 10, rule="other")
    not_routed = replace(routed_earlier(candidate, 5), rules=())
    assert route_alerts([candidate], [rule], earlier=[by_other_rule, not_routed])


def test_cooldown_decisions_do_not_depend_on_batches_or_input_order() -> None:
    rule = replace(BASE, cooldown=timedelta(minutes=30))
    first = replace(alert(400, 420), id="a1", current=claim(420, hours_ago=1))
    held = replace(alert(420, 430), id="a2", current=claim(430, hours_ago=0.8))
    after = replace(alert(430, 450), id="a3", current=claim(450, hours_ago=0))
    other_key = alert(10, 30, key="injured|palestinians|gaza|*", metric="injured")
    together = route_alerts([after, other_key, held, first], [rule])
    assert [r.alert.id for r in together] == [first.id, after.id, other_key.id]
    # The same alerts decided in two batches, the first batch's routing stored with them.
    batch1 = route_alerts([first, held], [rule])
    batch2 = route_alerts([after, other_key], [rule], earlier=[r.alert for r in batch1])
    assert [r.alert.id for r in batch1 + batch2] == [first.id, after.id, other_key.id]
    # Without a cooldown every change is its own alert.
    assert len(route_alerts([after, held, first, other_key], [BASE])) == 4


def test_a_replay_routes_as_the_first_time() -> None:
    rule = replace(BASE, cooldown=timedelta(minutes=30))
    first = replace(alert(400, 420), id="a1", current=claim(420, hours_ago=1))
    later = replace(alert(420, 450), id="a2", current=claim(450, hours_ago=0))
    once = route_alerts([first, later], [rule])
    # Replayed: both alerts are stored already, with the rules that routed them.
    again = route_alerts([first, later], [rule], earlier=[r.alert for r in once])
    assert again == once


def test_a_correction_is_kept_beside_a_change_inside_the_cooldown() -> None:
    rule = replace(BASE, cooldown=timedelta(minutes=30))
    increase = replace(alert(400, 420), current=claim(420, hours_ago=0.2))
    correction = alert(420, 412, "decrease", correction=True)
    routed = route_alerts([correction, increase], [rule])
    assert [r.alert.id for r in routed] == [increase.id, correction.id]


def test_rule_order_names_the_first_rule_even_when_a_later_one_holds_back() -> None:
    rules = [
        AlertRule(name="slow", channels=("mail",), cooldown=timedelta(hours=1)),
        AlertRule(name="fast", channels=("slack",)),
    ]
    (routed,) = route_alerts([alert(400, 420)], rules)
    assert (routed.rule, routed.channels) == ("slow", ("mail", "slack"))
    assert routed.alert.rules == ("slow", "fast")


def test_several_rules_union_their_channels_and_name_the_first() -> None:
    rules = [
        AlertRule(name="desk", channels=("slack", "mail"), metrics=("killed",)),
        AlertRule(name="archive", channels=("mail", "jsonl")),
        AlertRule(name="money", channels=("finance",), metrics=("money",)),
    ]
    (routed,) = route_alerts([alert(400, 420)], rules)
    assert routed.rule == "desk"
    assert routed.channels == ("slack", "mail", "jsonl")
    assert routed.matched_rules == ("desk", "archive")


def test_the_input_alerts_are_not_mutated() -> None:
    candidate = alert(400, 420)
    route_alerts([candidate], [BASE])
    assert candidate.rules == ()


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
