"""Which alerts reach which subscribers: rules are data, selection is a pure function.

    alerts ──route_alerts(rules, earlier routed alerts of the keys)──▶ RoutedAlert(alert, rule,
        channels) ──▶ stored with the alert as pending deliveries (the outbox) ──▶ delivery loop

A rule first *filters* (metrics, subjects, keywords, change kinds, "new" claims) and then applies
*thresholds* (absolute and relative change, independent sources, cooldown per claim key).
Corrections and conflicts pass every threshold: see `_exempt_from_thresholds`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from claimwatch.transforms.models import Alert, ChangeKind, Claim, Metric

# "new" is deliberately absent: the first figure seen for a key is rarely news to anyone and a
# fresh deployment would otherwise page subscribers once per key it discovers.
DEFAULT_CHANGES: tuple[ChangeKind, ...] = ("increase", "decrease", "revision", "conflict")


@dataclass(frozen=True, slots=True)
class AlertRule:
    """One subscription: what to alert on, how big a change must be, and where to send it.

    Empty `metrics`, `subjects` and `keywords` match everything. `min_pct_change` is a percentage
    of the previous value (5.0 means 5 %). Both change floors must be met; 0 switches one off.
    """

    name: str
    channels: tuple[str, ...]
    metrics: tuple[Metric, ...] = ()
    subjects: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    changes: tuple[ChangeKind, ...] = DEFAULT_CHANGES
    min_abs_change: float = 0.0
    min_pct_change: float = 0.0
    min_sources: int = 1
    cooldown: timedelta = timedelta(0)
    include_new: bool = False


@dataclass(frozen=True, slots=True)
class RoutedAlert:
    """An alert that passed a rule, with every channel that wants it (first rule is named)."""

    alert: Alert
    rule: str
    channels: tuple[str, ...]
    matched_rules: tuple[str, ...] = field(default_factory=tuple)


def route_alerts(
    alerts: Iterable[Alert],
    rules: Sequence[AlertRule],
    *,
    earlier: Iterable[Alert] = (),
) -> list[RoutedAlert]:
    """Route each alert to the channels of every rule it passes, in event time only.

    Args:
        alerts: candidate alerts (any order: they are decided in publication order).
        rules: subscriptions; an alert passing several rules goes to the union of their channels
            (each channel once), and the first passing rule is named in the result.
        earlier: alerts already routed for the same keys (their `rules` say by which rules),
            for cooldowns. An alert of `alerts` found there again (a replay) is decided anew
            against the others only, so a replay routes exactly as the first time.

    Returns:
        One RoutedAlert per alert that passed at least one rule, in publication order, each
        with `alert.rules` set to the rules that passed it. A cooldown holds back an alert
        when the same rule routed another alert for the key whose figure was published less
        than the cooldown before this one: publication time, never the clock, so the decision
        is the same whichever process makes it, and however the work was split in batches.
    """
    candidates = sorted({a.id: a for a in alerts}.values(), key=_event_order)
    own = {a.id for a in candidates}
    # (key, rule) -> publication times of the figures already routed by that rule.
    routed_at: dict[tuple[str, str], list[datetime]] = {}
    for alert in earlier:
        if alert.id in own:
            continue
        for rule_name in alert.rules:
            routed_at.setdefault((alert.claim_key, rule_name), []).append(alert.current.published)

    routed = []
    for alert in candidates:
        passing = [
            rule for rule in rules if _passes(alert, rule) and not _cooling(alert, rule, routed_at)
        ]
        if not passing:
            continue
        for rule in passing:
            routed_at.setdefault((alert.claim_key, rule.name), []).append(alert.current.published)
        names = tuple(rule.name for rule in passing)
        routed.append(
            RoutedAlert(
                alert=replace(alert, rules=names),
                rule=names[0],
                channels=tuple(dict.fromkeys(c for rule in passing for c in rule.channels)),
                matched_rules=names,
            )
        )
    return routed


def _event_order(alert: Alert) -> tuple[datetime, str]:
    return alert.current.published, alert.id


def _cooling(
    alert: Alert, rule: AlertRule, routed_at: Mapping[tuple[str, str], Sequence[datetime]]
) -> bool:
    if rule.cooldown <= timedelta(0) or _exempt_from_thresholds(alert):
        return False
    published = alert.current.published
    return any(
        timedelta(0) <= published - earlier < rule.cooldown
        for earlier in routed_at.get((alert.claim_key, rule.name), ())
    )


def matches(alert: Alert, rule: AlertRule) -> bool:
    """The rule's filters alone (no thresholds): is this alert about what the rule follows?"""
    if rule.metrics and alert.metric not in rule.metrics:
        return False
    if rule.subjects and alert.subject.casefold() not in {s.casefold() for s in rule.subjects}:
        return False
    if rule.keywords and not _has_keyword(alert, rule.keywords):
        return False
    if alert.change == "new":
        return rule.include_new
    # A correction arrives as a decrease; a subscriber who only follows increases was told the
    # higher number and must still hear it was taken back.
    return alert.correction or alert.change in rule.changes


def change_size(alert: Alert) -> tuple[float, float] | None:
    """(absolute change, percent of the previous value), or None when either side has no number.

    Percent is infinite when the previous value is 0 and the new one is not.
    """
    if alert.previous is None:
        return None
    before, after = point(alert.previous), point(alert.current)
    if before is None or after is None:
        return None
    delta = abs(after - before)
    if before == 0:
        return delta, (0.0 if delta == 0 else float("inf"))
    return delta, 100.0 * delta / abs(before)


def point(claim: Claim) -> float | None:
    """One number for a claim: its value, else the middle of its range, else its one bound."""
    if claim.value is not None:
        return claim.value
    if claim.low is not None and claim.high is not None:
        return (claim.low + claim.high) / 2
    return claim.low if claim.low is not None else claim.high


def source_count(alert: Alert) -> int:
    """Independent sources reporting the key: distinct source names, case and spacing folded."""
    names = {s.source for s in alert.sources} or {alert.current.source}
    if not alert.sources and alert.previous is not None:
        names.add(alert.previous.source)
    return len({" ".join(name.casefold().split()) for name in names})


def _passes(alert: Alert, rule: AlertRule) -> bool:
    """Filters and size thresholds; the cooldown is `_cooling`'s."""
    if not matches(alert, rule):
        return False
    if _exempt_from_thresholds(alert):
        return True
    if source_count(alert) < rule.min_sources:
        return False
    size = change_size(alert)
    if size is None:
        # "new" claims and bound-only revisions have no size; the filters already chose them.
        return True
    delta, pct = size
    return delta >= rule.min_abs_change and pct >= rule.min_pct_change


def _exempt_from_thresholds(alert: Alert) -> bool:
    # A correction means a number subscribers may already have repeated was wrong, and a
    # conflict means sources disagree about a number people are acting on: both matter however
    # small the difference, however few the sources and however recent the last alert. Dropping
    # them by size would hide exactly the alerts that protect trust in the earlier ones.
    return alert.correction or alert.change == "conflict"


def _has_keyword(alert: Alert, keywords: Sequence[str]) -> bool:
    haystack = " ".join(
        part
        for part in (
            alert.subject,
            alert.current.quote,
            alert.previous.quote if alert.previous else "",
        )
        if part
    ).casefold()
    return any(word.casefold() in haystack for word in keywords)
