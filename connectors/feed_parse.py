"""Feed bodies to entries: RSS, Atom and RDF through feedparser, JSON Feed by hand. Pure.

    read_feed(body, feed_url) ─sniff─▶ JSON Feed (feed_json) | XML (feedparser)
        ─▶ RawItem per item ─build_entry─▶ ParsedFeed(entries, skipped with reasons)

Golden-tested against tests/data/feeds and run over the feedparser and gofeed corpora.
feedparser is given no base URL on purpose: it would resolve a relative Atom id into a URL
that was never published; links are resolved here, ids never.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urljoin

import feedparser
from claimwatch.connectors.feed_entry import (
    ParsedFeed,
    RawItem,
    SkippedEntry,
    build_entry,
    split,
)
from claimwatch.connectors.feed_json import parse_json_feed
from claimwatch.connectors.feed_text import host_name, plain, struct_time_utc
from claimwatch.transforms.errors import FeedFormatError
from claimwatch.transforms.models import FeedEntry

log = logging.getLogger(__name__)

_XML_DECL = re.compile(rb"^(\s*<\?xml[^>]*?encoding\s*=\s*[\"'])([A-Za-z0-9._-]+)([\"'])", re.I)
_SINGLE_BYTE = frozenset(
    {"iso-8859-1", "latin-1", "latin1", "iso8859-1", "windows-1252", "cp1252", "us-ascii", "ascii"}
)
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)
_ALTERNATE = re.compile(
    r"<link\b[^>]*type=[\"']application/(?:rss|atom)\+xml[\"'][^>]*>", re.I | re.S
)
_HREF = re.compile(r"href=[\"']([^\"']+)[\"']", re.I)


def parse_feed(
    body: bytes,
    *,
    feed_url: str,
    source: str | None = None,
    content_type: str | None = None,
) -> list[FeedEntry]:
    """The entries of `read_feed`, without the skipped items."""
    return list(
        read_feed(body, feed_url=feed_url, source=source, content_type=content_type).entries
    )


def read_feed(
    body: bytes,
    *,
    feed_url: str,
    source: str | None = None,
    content_type: str | None = None,
) -> ParsedFeed:
    """Entries of an RSS, Atom or JSON Feed document, and the items skipped with a reason.

    Args:
        body: The raw bytes as served.
        feed_url: Where the body came from; relative links resolve against it.
        source: The source name to give entries; defaults to the feed's title, else its host.
        content_type: The HTTP Content-Type, when known; its charset is used when the XML
            does not declare one. JSON Feed is recognised from the body itself.

    Returns:
        One FeedEntry per usable item, in feed order (see feed_entry for what is kept).
        Summaries are plain text; full content stays as served (`content_is_html` says which).

    Raises:
        FeedFormatError: The body is empty, an HTML page, or not a feed at all.
    """
    stripped = body.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not stripped:
        raise FeedFormatError(f"feed {feed_url} returned an empty body: is the URL right?")
    # Sniffed, not taken from Content-Type: servers label XML feeds application/json and
    # JSON feeds text/plain often enough that the first byte is the better witness.
    if stripped[:1] in (b"{", b"["):
        return parse_json_feed(stripped, feed_url=feed_url, source=source)
    if _HTML_START.match(stripped):
        raise FeedFormatError(_html_message(stripped, feed_url))

    xml = _fix_declared_encoding(stripped)
    parsed = feedparser.parse(
        xml,
        response_headers={"content-type": _xml_type(xml, content_type)},
        sanitize_html=True,
        resolve_relative_uris=False,
    )
    version = parsed.get("version") or ""
    raw_entries = parsed.get("entries") or []
    if parsed.get("bozo"):
        problem = parsed.get("bozo_exception")
        if not raw_entries:
            if not version and b"<html" in stripped[:2048].lower():
                raise FeedFormatError(_html_message(stripped, feed_url))
            raise FeedFormatError(
                f"feed {feed_url} is not a feed this reader understands ({problem}): "
                "expected RSS, Atom or JSON Feed"
            )
        # Real feeds are often slightly broken (a stray '&', a bad date); feedparser still
        # recovers the items, and losing a day of news over one bad byte is worse.
        log.warning(
            "feed %s is malformed but usable (%s); keeping %d entries",
            feed_url,
            problem,
            len(raw_entries),
        )
    elif not version and not raw_entries:
        raise FeedFormatError(
            f"feed {feed_url} has no RSS, Atom or JSON Feed structure: is this a feed URL?"
        )

    feed_meta: Mapping[str, Any] = parsed.get("feed") or {}
    name = source or plain(str(feed_meta.get("title") or "")) or host_name(feed_url)
    results: list[FeedEntry | SkippedEntry] = []
    for raw in raw_entries:
        results.append(build_entry(_raw_item(raw), feed_url=feed_url, source=name))
    return split(results)


def _get(raw: Mapping[str, Any], key: str) -> Any:
    # dict.get, not FeedParserDict's: that maps a missing updated_parsed to published_parsed
    # with a DeprecationWarning.
    return dict.get(raw, key) if isinstance(raw, dict) else raw.get(key)


def _raw_item(raw: Mapping[str, Any]) -> RawItem:
    # feedparser copies the id into `link` when there is no link element (guidislink); such a
    # link is a URL only when the id is an absolute one, which build_entry decides.
    link = "" if raw.get("guidislink") and not raw.get("links") else str(raw.get("link") or "")
    date_text = _get(raw, "published") or _get(raw, "updated")
    content, content_is_html = _best_content(raw.get("content") or [])
    return RawItem(
        link=link,
        item_id=str(raw.get("id") or raw.get("guid") or ""),
        title=plain(str(raw.get("title") or "")),
        summary=plain(str(raw.get("summary") or "")),
        content=content,
        content_is_html=content_is_html,
        published=struct_time_utc(_get(raw, "published_parsed") or _get(raw, "updated_parsed")),
        date_text=str(date_text) if date_text else None,
        author=plain(str(raw.get("author") or "")) or None,
    )


def _best_content(items: list[Mapping[str, Any]]) -> tuple[str | None, bool]:
    """The longest content block (content:encoded, Atom content), and whether it is HTML."""
    best: tuple[str | None, bool] = (None, False)
    for item in items:
        value = item.get("value") or ""
        if not value.strip():
            continue
        is_html = "html" in (item.get("type") or "text/html")
        if best[0] is None or len(value) > len(best[0]):
            best = (value, is_html)
    return best


def _fix_declared_encoding(body: bytes) -> bytes:
    """Declared latin-1 or cp1252 but the bytes are UTF-8: trust the bytes.

    Valid multi-byte UTF-8 almost never occurs by chance in real latin-1 text (it needs
    pairs like 'Ã©'), while CMSes that stamp latin-1 on UTF-8 output are common.
    """
    match = _XML_DECL.match(body)
    if not match or match.group(2).decode("ascii").lower() not in _SINGLE_BYTE:
        return body
    if body.isascii():
        return body
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return body
    return body[: match.start(2)] + b"utf-8" + body[match.end(2) :]


def _xml_type(body: bytes, content_type: str | None) -> str:
    """The Content-Type to tell feedparser: application/xml lets the XML declaration decide.

    text/xml without a charset would mean US-ASCII under RFC 3023, which no real feed means;
    an HTTP charset is passed on only when the document does not declare its own.
    """
    charset = re.search(r"charset=([\w.-]+)", content_type or "", re.I)
    if charset and not _XML_DECL.match(body):
        return f"application/xml; charset={charset.group(1)}"
    return "application/xml"


def _html_message(body: bytes, feed_url: str) -> str:
    head = body[:65536].decode("utf-8", errors="replace")
    message = f"feed {feed_url} returned HTML, not XML: is this the site's home page?"
    alternates = []
    for tag in _ALTERNATE.findall(head):
        href = _HREF.search(tag)
        if href:
            alternates.append(urljoin(feed_url, href.group(1)))
    if alternates:
        message += " The page advertises these feeds: " + ", ".join(alternates[:3])
    else:
        message += " Look for a feed link (RSS/Atom) on the site and use that URL."
    return message
