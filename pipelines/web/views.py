"""What the pages show, computed from stored claims and alerts: pure functions, no I/O."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import groupby, pairwise
from typing import Any, Literal

from claimwatch.connectors.store import Delivery
from claimwatch.transforms.change_size import ChangeSize, change_size
from claimwatch.transforms.claims import same_figure, summarise
from claimwatch.transforms.models import Alert, Claim, ConflictSummary
from claimwatch.transforms.records import iso

Sort = Literal["last_change", "-last_change", "key"]
SORTS: tuple[Sort, ...] = ("last_change", "-last_change", "key")


@dataclass(frozen=True, slots=True)
class ClaimRow:
    """One claim key on the Claims page."""

    key: str
    current: Claim  # the latest figure, whoever gave it
    summary: ConflictSummary
    sources: tuple[str, ...]
    claims: int
    last_change: datetime  # publication time of the latest figure that differed from its
    # predecessor: when the key's current value last moved, repeats of it aside

    @property
    def disagree(self) -> bool:
        return self.summary.disagree


@dataclass(frozen=True, slots=True)
class ClaimFilter:
    metric: str = ""
    subject: str = ""
    place: str = ""
    source: str = ""
    sort: Sort = "last_change"

    def matches(self, row: ClaimRow) -> bool:
        key = row.current.key
        return (
            (not self.metric or key.metric == self.metric)
            and (not self.subject or self.subject.casefold() in key.subject.casefold())
            and (not self.place or self.place.casefold() in (key.place or "").casefold())
            and (not self.source or self.source in row.sources)
        )


@dataclass(frozen=True, slots=True)
class Page:
    number: int  # 1-based
    size: int
    total: int

    @property
    def count(self) -> int:
        return max(1, math.ceil(self.total / self.size))

    @property
    def start(self) -> int:
        return (self.number - 1) * self.size


def group_claims(claims: Iterable[Claim]) -> list[ClaimRow]:
    """One row per key from claims ordered by key, then publication (the store's order)."""
    rows = []
    for key, group in groupby(claims, key=lambda c: c.key.as_string()):
        history = list(group)
        summary = summarise(history)
        assert summary is not None  # a group is never empty
        rows.append(
            ClaimRow(
                key=key,
                current=history[-1],
                summary=summary,
                sources=tuple(sorted({c.source for c in history})),
                claims=len(history),
                last_change=last_change(history),
            )
        )
    return rows


def last_change(history: Sequence[Claim]) -> datetime:
    """When the figure last differed from the one before it (the first claim counts)."""
    moved = history[0].published
    for before, after in pairwise(history):
        if not same_figure(before, after):
            moved = after.published
    return moved


def select(
    rows: Sequence[ClaimRow], wanted: ClaimFilter, page: int, size: int
) -> tuple[list[ClaimRow], Page]:
    """Filter, sort and cut one page; sorting ties break on the key so pages are stable."""
    kept = [r for r in rows if wanted.matches(r)]
    if wanted.sort == "key":
        kept.sort(key=lambda r: r.key)
    else:
        kept.sort(key=lambda r: r.key)
        kept.sort(key=lambda r: r.last_change, reverse=wanted.sort == "last_change")
    count = max(1, math.ceil(len(kept) / size))
    at = Page(number=min(max(1, page), count), size=size, total=len(kept))
    return kept[at.start : at.start + size], at


@dataclass(frozen=True, slots=True)
class AlertRow:
    alert: Alert
    size: ChangeSize | None
    deliveries: tuple[Delivery, ...]


def alert_rows(alerts: Iterable[Alert], deliveries: dict[str, list[Delivery]]) -> list[AlertRow]:
    return [
        AlertRow(a, change_size(a.previous, a.current), tuple(deliveries.get(a.id, ())))
        for a in alerts
    ]


def newest_first(alerts: Iterable[Alert]) -> list[Alert]:
    return sorted(alerts, key=lambda a: (a.current.published, a.id), reverse=True)


def alerts_by_claim(alerts: Iterable[Alert]) -> dict[str, Alert]:
    """Claim id → the alert its figure raised (the history marks corrections with it)."""
    return {a.current.id: a for a in alerts}


def delivery_dict(delivery: Delivery) -> dict[str, Any]:
    return {
        "channel": delivery.channel,
        "status": delivery.status,
        "attempts": delivery.attempts,
        "last_error": delivery.last_error,
        "updated": iso(delivery.updated),
    }
