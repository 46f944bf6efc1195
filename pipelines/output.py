"""How the CLI shows articles, claims and alerts: JSON lines for machines, tables for people."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from claimwatch.transforms.claims import summarise
from claimwatch.transforms.models import Alert, Article, Claim
from claimwatch.transforms.records import (
    alert_to_dict,
    claim_to_dict,
    iso,
    number,
    source_value_to_dict,
)


def article_row(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "url": article.url,
        "canonical_url": article.canonical_url,
        "source": article.source,
        "title": article.title,
        "published": iso(article.published),
        "duplicate_of": article.duplicate_of,
        "duplicate_reason": article.duplicate_reason,
        "version": article.version,
        "story_id": article.story_id,
    }


_CLAIM_FIELDS = (
    "key",
    "metric",
    "subject",
    "place",
    "period",
    "value",
    "low",
    "high",
    "qualifier",
    "source",
    "url",
    "published",
    "quote",
)


def claim_row(claim: Claim, history: Sequence[Claim] = ()) -> dict[str, Any]:
    """The `claimwatch claims` contract: the claim's fields plus the sources' disagreement."""
    full = claim_to_dict(claim)
    row: dict[str, Any] = {name: full[name] for name in _CLAIM_FIELDS}
    summary = summarise(history) if history else None
    if summary is not None:
        row["summary"] = {
            "conservative": number(summary.conservative),
            "best": number(summary.best),
            "low": number(summary.low),
            "high": number(summary.high),
            "sources_disagree": summary.disagree,
            "sources": [source_value_to_dict(s) for s in summary.sources],
        }
    return row


def alert_row(alert: Alert) -> dict[str, Any]:
    return alert_to_dict(alert)


def format_figure(value: Any, low: Any, high: Any, qualifier: str) -> str:
    """'at least 400', '15–20', 'up to 200': how a person reads a figure."""

    def n(x: Any) -> str:
        return f"{number(x):,}" if x is not None else "?"

    if qualifier == "range":
        return f"{n(low)}–{n(high)}"
    shown = value if value is not None else (low if low is not None else high)
    words = {
        "exact": "",
        "at_least": "at least ",
        "more_than": "more than ",
        "up_to": "up to ",
        "less_than": "fewer than ",
        "approximately": "about ",
    }
    return f"{words.get(qualifier, '')}{n(shown)}"


def write_jsonl(rows: Iterable[dict[str, Any]], out: TextIO) -> None:
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")


def write_table(rows: Sequence[Sequence[str]], headers: Sequence[str], out: TextIO) -> None:
    """A plain aligned table; long cells are cut so a row fits a wide terminal."""
    cut = [[_cut(str(c)) for c in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cut]) for i, h in enumerate(headers)]
    out.write("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip() + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for row in cut:
        out.write("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() + "\n")


def _cut(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def alert_table_rows(alerts: Sequence[Alert]) -> list[list[str]]:
    rows = []
    for a in alerts:
        prev = a.previous
        old = format_figure(prev.value, prev.low, prev.high, prev.qualifier) if prev else "—"
        cur = a.current
        new = format_figure(cur.value, cur.low, cur.high, cur.qualifier)
        change = a.change + (" (correction)" if a.correction else "")
        rows.append(
            [
                (iso(cur.published) or "")[:16],
                change,
                a.metric,
                a.subject,
                f"{old} → {new}",
                cur.source
                + (f" (was {prev.source})" if prev and prev.source != cur.source else ""),
                cur.url,
            ]
        )
    return rows


ALERT_HEADERS = ["published", "change", "metric", "subject", "old → new", "source", "link"]


def claim_table_rows(rows: Sequence[dict[str, Any]]) -> list[list[str]]:
    out = []
    for r in rows:
        summary = r.get("summary") or {}
        spread = ""
        if summary.get("sources_disagree"):
            spread = (
                f"low {summary['low']:,} / best {summary['best']:,} / "
                f"high {summary['high']:,} ({len(summary['sources'])} sources)"
            )
        out.append(
            [
                r["metric"],
                r["subject"],
                r["period"] or "",
                format_figure(r["value"], r["low"], r["high"], r["qualifier"]),
                r["source"],
                (r["published"] or "")[:16],
                spread,
            ]
        )
    return out


CLAIM_HEADERS = ["metric", "subject", "period", "current", "source", "published", "disagreement"]
