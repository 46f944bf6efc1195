"""One feed item to one FeedEntry, or a skip with its reason: what RSS, Atom and JSON Feed share.

    RawItem (fields as the parser found them) ─build_entry─▶ FeedEntry | SkippedEntry(reason)

A bad item costs that item only. Reasons are a fixed vocabulary so polls can count them:
    bad_url    a link that is not an http(s) URL (port 99999, "abc", at://, mailto:)
    bad_id     an id too long or holding control characters
    bad_date   a date given but unreadable: a guess would misorder the claim history
    no_text    no link and nothing to read
    not_item   a JSON Feed item that is not an object
An item without a link is kept when it has text: its id comes from the guid, else from its
content, and its `url` is a `urn:claimwatch:entry:` name, never a URL made up from a relative id.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Literal
from urllib.parse import urljoin, urlsplit

from claimwatch.connectors.address_policy import url_refusal
from claimwatch.transforms.models import FeedEntry

SkipReason = Literal["bad_url", "bad_id", "bad_date", "no_text", "not_item"]
SKIP_REASONS: tuple[SkipReason, ...] = ("bad_url", "bad_id", "bad_date", "no_text", "not_item")
LINKLESS_PREFIX = "urn:claimwatch:entry:"
# Ids are compared and stored; a kilobyte-long one is a feed bug, not an identifier.
MAX_ID_CHARS = 2048


@dataclass(frozen=True, slots=True)
class SkippedEntry:
    """An item left out, and why (`reason` is one of SKIP_REASONS)."""

    reason: SkipReason
    detail: str


@dataclass(frozen=True, slots=True)
class RawItem:
    """An item's fields as a parser read them, before any checking."""

    link: str  # "" when the item has none of its own (never derived from the id)
    item_id: str
    title: str
    summary: str
    content: str | None
    content_is_html: bool
    published: datetime | None
    date_text: str | None  # the date as written, when one was given
    author: str | None


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """A feed's entries in feed order, and the items skipped."""

    entries: tuple[FeedEntry, ...]
    skipped: tuple[SkippedEntry, ...]
    # Each entry's content as plain text, where the feed was parsed (a worker process: the
    # HTML-to-text step costs about as much as the parse). Empty: work it out when needed.
    texts: tuple[str, ...] = ()


def is_linkless(url: str) -> bool:
    """True for the urn a linkless entry carries: there is no page to fetch."""
    return url.startswith(LINKLESS_PREFIX)


def build_entry(raw: RawItem, *, feed_url: str, source: str) -> FeedEntry | SkippedEntry:
    """The entry for one item, or why it is skipped."""
    label = raw.title[:80] or raw.item_id[:80] or raw.link[:80] or "(untitled)"
    item_id = raw.item_id.strip()
    if len(item_id) > MAX_ID_CHARS or any(ord(ch) < 32 for ch in item_id):
        return SkippedEntry("bad_id", f"item {label!r} has an unusable id ({len(item_id)} chars)")
    if raw.date_text and raw.published is None:
        return SkippedEntry("bad_date", f"item {label!r} has an unreadable date {raw.date_text!r}")
    link = raw.link.strip()
    if not link and _absolute_http(item_id):
        link = item_id  # RSS guid isPermaLink, JSON Feed id that is a URL
    if link:
        url = _resolve(feed_url, link)
        problem = url_refusal(url) if url is not None else "it is relative to a feed on disk"
        if problem is not None:
            return SkippedEntry("bad_url", f"item {label!r} links to {link!r}: {problem}")
        assert url is not None
        entry_id = item_id or url
    else:
        if not (raw.title.strip() or raw.summary.strip() or (raw.content or "").strip()):
            return SkippedEntry("no_text", f"item {label!r} has no link and no text")
        entry_id = item_id or "sha256:" + _content_digest(raw)
        url = LINKLESS_PREFIX + hashlib.sha256(f"{feed_url}\n{entry_id}".encode()).hexdigest()[:32]
    return FeedEntry(
        feed_url=feed_url,
        source=source,
        url=url,
        title=raw.title,
        summary=raw.summary,
        content=raw.content,
        content_is_html=raw.content_is_html,
        published=raw.published,
        entry_id=entry_id,
        author=raw.author,
    )


def split(results: list[FeedEntry | SkippedEntry]) -> ParsedFeed:
    entries = tuple(r for r in results if isinstance(r, FeedEntry))
    skipped = tuple(r for r in results if isinstance(r, SkippedEntry))
    return ParsedFeed(entries, skipped)


def _absolute_http(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def _resolve(feed_url: str, link: str) -> str | None:
    """The link made absolute against an http(s) feed; None when it cannot be."""
    try:
        if urlsplit(link).scheme:
            return link
        if urlsplit(feed_url).scheme.lower() not in ("http", "https"):
            return None
        return urljoin(feed_url, link)
    except ValueError:  # urlsplit on a malformed [IPv6] host
        return link


def _content_digest(raw: RawItem) -> str:
    said = "\n".join(
        (raw.title, raw.summary, raw.content or "", raw.date_text or "", raw.author or "")
    )
    return hashlib.sha256(said.encode("utf-8")).hexdigest()[:32]
