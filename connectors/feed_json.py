"""JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1), which feedparser does not read."""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from typing import Any

from claimwatch.connectors.feed_entry import (
    ParsedFeed,
    RawItem,
    SkippedEntry,
    build_entry,
    split,
)
from claimwatch.connectors.feed_text import host_name, iso_date, plain
from claimwatch.transforms.errors import FeedFormatError
from claimwatch.transforms.models import FeedEntry

log = logging.getLogger(__name__)

# The spec's version URLs, and the bare numbers some generators write instead.
_VERSIONS = frozenset(
    {
        "https://jsonfeed.org/version/1",
        "https://jsonfeed.org/version/1.1",
        "http://jsonfeed.org/version/1",
        "http://jsonfeed.org/version/1.1",
        "1",
        "1.0",
        "1.1",
    }
)


def parse_json_feed(body: bytes, *, feed_url: str, source: str | None) -> ParsedFeed:
    """Entries of a JSON Feed; items that are not objects or fail checks are skipped."""
    try:
        data = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise FeedFormatError(f"feed {feed_url} looks like JSON but does not parse: {exc}") from exc
    if not isinstance(data, dict):
        raise FeedFormatError(f"feed {feed_url} is JSON but not a JSON Feed (not an object)")
    version = str(data.get("version", "")).strip().rstrip("/")
    if version not in _VERSIONS and "jsonfeed.org/version/1" not in version:
        raise FeedFormatError(
            f"feed {feed_url} is JSON but not a JSON Feed (version {version or 'missing'!r}, "
            "expected https://jsonfeed.org/version/1.1): is this an API endpoint?"
        )
    items = data.get("items")
    if not isinstance(items, list):
        raise FeedFormatError(f"feed {feed_url} is a JSON Feed without an items list")
    name = source or plain(str(data.get("title") or "")) or host_name(feed_url)
    feed_authors = _authors(data)
    results: list[FeedEntry | SkippedEntry] = []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            results.append(SkippedEntry("not_item", f"item {index} is not an object"))
            continue
        results.append(build_entry(_raw(item, feed_authors), feed_url=feed_url, source=name))
    return split(results)


def _raw(item: Mapping[str, Any], feed_authors: str | None) -> RawItem:
    content: str | None
    if item.get("content_html"):
        content, is_html = str(item["content_html"]), True
    elif item.get("content_text"):
        content, is_html = str(item["content_text"]), False
    else:
        content, is_html = None, False
    link = item.get("url") or item.get("external_url") or ""
    date = item.get("date_published") or item.get("date_modified")
    date_text = str(date) if date else None
    return RawItem(
        link=str(link) if isinstance(link, str) else "",
        item_id=_text(item.get("id")),
        title=plain(_text(item.get("title"))),
        summary=plain(_text(item.get("summary"))),
        content=content,
        content_is_html=is_html,
        published=iso_date(date),
        date_text=date_text,
        author=_authors(item) or feed_authors,
    )


def _text(value: Any) -> str:
    # 1.1 says id is a string; 1.0 feeds in the wild use numbers too.
    if isinstance(value, str | int) and not isinstance(value, bool):
        return str(value)
    return ""


def _authors(obj: Mapping[str, Any]) -> str | None:
    authors = obj.get("authors")
    if not isinstance(authors, list):
        single = obj.get("author")  # JSON Feed 1.0
        authors = [single] if isinstance(single, dict) else []
    names = [str(a["name"]) for a in authors if isinstance(a, dict) and a.get("name")]
    return ", ".join(names) or None
