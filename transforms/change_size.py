"""How big a claim change is: the absolute and percent difference between two figures.

Pure: both sides are claims (or None for a first figure). Ranges and bounds are compared by
their `point` (the value, a range's middle, or the known bound), the number the timeline
plots, so a dashboard's "change" agrees with the chart.
"""

from __future__ import annotations

from dataclasses import dataclass

from claimwatch.transforms.claims import point
from claimwatch.transforms.models import Claim


@dataclass(frozen=True, slots=True)
class ChangeSize:
    """new − old, and that as a percentage of old (None when old is 0: no base to divide)."""

    absolute: float
    percent: float | None


def change_size(previous: Claim | None, current: Claim) -> ChangeSize | None:
    """The numeric change from `previous` to `current`; None for a first figure or no number."""
    if previous is None:
        return None
    old, new = point(previous), point(current)
    if old is None or new is None:
        return None
    absolute = new - old
    percent = round(absolute / old * 100.0, 2) if old else None
    return ChangeSize(absolute=absolute, percent=percent)
