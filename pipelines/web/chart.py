"""A claim's timeline as SVG geometry: one series per source, each point linked to its row.

Pure: claims in, coordinates out; the template draws them, so every string reaches the page
through Jinja's escaping and the page needs no JavaScript.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone

from claimwatch.transforms.claims import point
from claimwatch.transforms.models import Claim

# Colour-blind-safe (Okabe–Ito), so sources stay apart for every reader.
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 760, 320, 64, 170, 20, 40


@dataclass(frozen=True, slots=True)
class ChartPoint:
    x: float
    y: float
    anchor: str  # the history row's id
    label: str  # "at least 400"
    quote: str
    published: datetime
    low_y: float | None = None  # a range or bound drawn as a bar
    high_y: float | None = None


@dataclass(frozen=True, slots=True)
class ChartSeries:
    source: str
    colour: str
    points: tuple[ChartPoint, ...]

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)


@dataclass(frozen=True, slots=True)
class Chart:
    width: int
    height: int
    series: tuple[ChartSeries, ...]
    y_ticks: tuple[tuple[float, str], ...]
    x_ticks: tuple[tuple[float, str], ...]
    plot: tuple[float, float, float, float]  # left, top, right, bottom


def timeline_chart(
    history: Sequence[Claim], anchors: Sequence[str], labels: Sequence[str]
) -> Chart | None:
    """Chart of `history` (oldest first); `anchors`/`labels` are per claim, same order."""
    rows = zip(history, anchors, labels, strict=True)
    items = [(c, a, lab) for c, a, lab in rows if point(c) is not None]
    if not items:
        return None
    times = [c.published.timestamp() for c, _, _ in items]
    values = [v for c, _, _ in items for v in (c.low, c.high, point(c)) if v is not None]
    t0, t1 = min(times), max(times)
    t1 = t1 if t1 > t0 else t0 + 3600.0
    # Zoom on the values, not on zero: a toll moving from 400 to 420 must show as a rise.
    low_value, top_value = value_range(values)
    left, top = float(LEFT), float(TOP)
    right, bottom = float(WIDTH - RIGHT), float(HEIGHT - BOTTOM)

    def x(t: float) -> float:
        return left + (t - t0) / (t1 - t0) * (right - left)

    def y(v: float) -> float:
        return bottom - (v - low_value) / (top_value - low_value) * (bottom - top)

    series = []
    for i, source in enumerate(sorted({c.source for c, _, _ in items})):
        points = []
        for c, anchor, label in items:
            if c.source != source:
                continue
            ranged = c.low is not None and c.high is not None and c.low != c.high
            points.append(
                ChartPoint(
                    x=x(c.published.timestamp()),
                    y=y(point(c) or 0.0),
                    anchor=anchor,
                    label=label,
                    quote=c.quote,
                    published=c.published,
                    low_y=y(float(c.low)) if ranged and c.low is not None else None,
                    high_y=y(float(c.high)) if ranged and c.high is not None else None,
                )
            )
        series.append(ChartSeries(source, COLOURS[i % len(COLOURS)], tuple(points)))
    steps = [low_value + (top_value - low_value) * i / 4 for i in range(5)]
    y_ticks = tuple((y(v), f"{v:,.0f}") for v in steps)
    x_ticks = tuple(
        (x(t), datetime.fromtimestamp(t, timezone.utc).strftime("%b %d %H:%M"))
        for t in (t0, (t0 + t1) / 2, t1)
    )
    return Chart(WIDTH, HEIGHT, tuple(series), y_ticks, x_ticks, (left, top, right, bottom))


def value_range(values: Sequence[float]) -> tuple[float, float]:
    """The y axis: the values with half their spread as margin, never below zero."""
    lo, hi = min(values), max(values)
    spread = hi - lo or abs(hi) * 0.2 or 1.0
    return max(0.0, lo - spread * 0.5), hi + spread * 0.5
