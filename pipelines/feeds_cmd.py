"""`claimwatch feeds`: each feed's last poll, status, new / skipped / failed items, next poll.

Read from the feed state file in the data dir (written by `claimwatch run`); nothing is fetched.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, TextIO

from claimwatch.pipelines.settings import Settings
from claimwatch.transforms.errors import ConfigError


def with_allowed_networks(settings: Settings, cidrs: list[str]) -> Settings:
    """The settings with `--allow-network` ranges added to fetch.allow_networks."""
    from claimwatch.connectors.address_policy import parse_networks

    parse_networks(cidrs)  # a bad range is a ConfigError naming it
    merged = tuple(dict.fromkeys((*settings.fetch.allow_networks, *cidrs)))
    fetch = settings.fetch.model_copy(update={"allow_networks": merged})
    return settings.model_copy(update={"fetch": fetch})


@dataclass(frozen=True, slots=True)
class FeedRow:
    feed_url: str
    source: str | None
    last_poll: datetime | None
    status: str
    new: int
    skipped: int
    skip_reasons: dict[str, int]
    failed: int
    deferred: int
    pages_owed: int
    consecutive_failures: int
    last_error: str | None
    next_poll: datetime | None


def feed_rows(settings: Settings) -> list[FeedRow]:
    """One row per configured feed, plus feeds the state file knows that are no longer listed."""
    from claimwatch.connectors.feed_state import FeedStateStore

    path = Path(settings.data_dir) / "feeds.sqlite3"
    if not path.exists():
        raise ConfigError(
            f"no feed state in {settings.data_dir}: run `claimwatch run --once` first "
            "(or pass the --data-dir it used)"
        )
    interval = timedelta(seconds=settings.pipeline.poll_interval_seconds)
    with FeedStateStore(path) as state:
        polls = {p.feed_url: p for p in state.polls()}
        health = {h.feed_url: h for h in state.all_health()}
        urls = list(dict.fromkeys([f.url for f in settings.feeds] + sorted(polls)))
        rows = []
        for url in urls:
            poll, feed = polls.get(url), health.get(url)
            rows.append(
                FeedRow(
                    feed_url=url,
                    source=feed.source if feed else None,
                    last_poll=poll.at if poll else None,
                    status=poll.status if poll else "never polled",
                    new=poll.new if poll else 0,
                    skipped=poll.skipped if poll else 0,
                    skip_reasons=dict(poll.skip_reasons) if poll else {},
                    failed=poll.failed if poll else 0,
                    deferred=poll.deferred if poll else 0,
                    pages_owed=state.pending_pages(url),
                    consecutive_failures=feed.consecutive_failures if feed else 0,
                    last_error=feed.last_error if feed and feed.consecutive_failures else None,
                    next_poll=poll.at + interval if poll else None,
                )
            )
    return rows


def print_feeds(settings: Settings, fmt: str, out: TextIO) -> int:
    rows = feed_rows(settings)
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(_document(row), ensure_ascii=False) + "\n")
        return 0
    header = ("feed", "last poll", "status", "new", "skipped", "failed", "owed", "next poll")
    table = [header] + [
        (
            _safe(row.source or row.feed_url)[:48],
            _when(row.last_poll),
            _status(row),
            str(row.new),
            _skips(row),
            str(row.failed),
            str(row.pages_owed),
            _when(row.next_poll),
        )
        for row in rows
    ]
    widths = [max(len(line[i]) for line in table) for i in range(len(header))]
    for line in table:
        out.write("  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip())
        out.write("\n")
    for row in rows:
        if row.last_error:
            out.write(f"{_safe(row.feed_url)}: {_safe(row.last_error)}\n")
    return 0


def _document(row: FeedRow) -> dict[str, Any]:
    return {
        "feed_url": row.feed_url,
        "source": row.source,
        "last_poll": row.last_poll.isoformat() if row.last_poll else None,
        "status": row.status,
        "new": row.new,
        "skipped": row.skipped,
        "skip_reasons": row.skip_reasons,
        "failed": row.failed,
        "deferred": row.deferred,
        "pages_owed": row.pages_owed,
        "consecutive_failures": row.consecutive_failures,
        "last_error": row.last_error,
        "next_poll": row.next_poll.isoformat() if row.next_poll else None,
    }


def _status(row: FeedRow) -> str:
    if row.status == "failed" and row.consecutive_failures > 1:
        return f"failed x{row.consecutive_failures}"
    return row.status.replace("_", " ")


def _skips(row: FeedRow) -> str:
    if not row.skipped:
        return "0"
    reasons = ",".join(f"{k}:{v}" for k, v in sorted(row.skip_reasons.items()))
    return f"{row.skipped} ({reasons})"


def _when(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M") if moment else "—"


def _safe(text: str) -> str:
    # Feed titles and errors are outside text: no terminal control sequences through.
    return "".join(ch if ch.isprintable() else "?" for ch in text)
