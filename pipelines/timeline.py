"""A claim's values over time as an SVG: one line per source, ranges as bars, no plotting deps."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from pathlib import Path

from claimwatch.transforms.claims import point
from claimwatch.transforms.models import Claim

_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2")
W, H, PAD = 760, 360, 60


def render_timeline(history: Sequence[Claim]) -> str:
    claims = [c for c in history if point(c) is not None]
    times = [c.published.timestamp() for c in claims]
    values = [v for c in claims for v in (c.low, c.high, point(c)) if v is not None]
    t0, t1 = min(times), max(times) or 1
    v0, v1 = 0.0, max(values) * 1.1 or 1.0
    t1 = t1 if t1 > t0 else t0 + 1

    def x(t: float) -> float:
        return PAD + (t - t0) / (t1 - t0) * (W - 2 * PAD)

    def y(v: float) -> float:
        return H - PAD - (v - v0) / (v1 - v0) * (H - 2 * PAD)

    key = claims[0].key.as_string() if claims else ""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" '
        'font-family="sans-serif" font-size="12">',
        f'<rect width="{W}" height="{H}" fill="white"/>',
        f'<text x="{PAD}" y="24" font-size="15">{escape(key)}</text>',
        f'<line x1="{PAD}" y1="{H - PAD}" x2="{W - PAD}" y2="{H - PAD}" stroke="#444"/>',
        f'<line x1="{PAD}" y1="{PAD}" x2="{PAD}" y2="{H - PAD}" stroke="#444"/>',
    ]
    for i in range(5):
        v = v0 + (v1 - v0) * i / 4
        parts.append(f'<text x="{PAD - 8}" y="{y(v) + 4:.1f}" text-anchor="end">{v:,.0f}</text>')
    sources = sorted({c.source for c in claims})
    for si, source in enumerate(sources):
        colour = _COLOURS[si % len(_COLOURS)]
        own = [c for c in claims if c.source == source]
        pts = " ".join(f"{x(c.published.timestamp()):.1f},{y(point(c) or 0):.1f}" for c in own)
        parts.append(f'<polyline points="{pts}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for c in own:
            cx, cy = x(c.published.timestamp()), y(point(c) or 0)
            if c.low is not None and c.high is not None and c.low != c.high:
                parts.append(
                    f'<line x1="{cx:.1f}" y1="{y(c.low):.1f}" x2="{cx:.1f}" '
                    f'y2="{y(c.high):.1f}" stroke="{colour}" stroke-width="6" '
                    'opacity="0.3"/>'
                )
            label = escape(f"{c.qualifier.replace('_', ' ')} {point(c):,.0f}")
            parts.append(
                f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="4" fill="{colour}">'
                f"<title>{escape(c.quote)}</title></circle>"
            )
            parts.append(f'<text x="{cx + 6:.1f}" y="{cy - 6:.1f}" fill="{colour}">{label}</text>')
        parts.append(
            f'<text x="{W - PAD + 4}" y="{PAD + 16 * si}" fill="{colour}">{escape(source)}</text>'
        )
    first, last = claims[0].published, claims[-1].published
    parts.append(f'<text x="{PAD}" y="{H - PAD + 20}">{first:%Y-%m-%d %H:%M}</text>')
    parts.append(
        f'<text x="{W - PAD}" y="{H - PAD + 20}" text-anchor="end">{last:%Y-%m-%d %H:%M}</text>'
    )
    parts.append("</svg>")
    return "\n".join(parts)


def write_timeline(history: Sequence[Claim], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_timeline(history), encoding="utf-8")
