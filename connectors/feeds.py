"""Feeds: fetch over HTTP (or from disk) and parse RSS, Atom and JSON Feed into FeedEntry.

    FeedClient.fetch(url, state) ─FeedFetch(body or not_modified)─▶ parse_feed(body) ─▶ entries
        │ conditional GET (ETag / If-Modified-Since), streamed read capped at max_bytes,
        │ one hit per host per min_interval, errors mapped to FeedError naming the URL
        └ local paths and file:// URLs are read from disk (the bundled demo works offline)

`parse_feed` is pure and golden-tested against tests/data/feeds. The HTTP helpers
(HostThrottle, get_capped, local_path) live in connectors/http.py, shared with pages.py.
"""

from __future__ import annotations

import calendar
import json
import logging
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import formatdate
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import feedparser
from claimwatch.connectors.http import PoliteClient, local_path
from claimwatch.transforms.articles import html_to_text, looks_like_html
from claimwatch.transforms.errors import FeedError, FeedFormatError
from claimwatch.transforms.models import FeedEntry

log = logging.getLogger(__name__)

FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)
# Large news feeds run to a few hundred kB; 10 MB leaves room for full-text feeds while
# keeping a misconfigured URL (a video, a dump) from filling memory.
DEFAULT_MAX_BYTES = 10 * 1024 * 1024

_XML_DECL = re.compile(rb"^(\s*<\?xml[^>]*?encoding\s*=\s*[\"'])([A-Za-z0-9._-]+)([\"'])", re.I)
_SINGLE_BYTE = frozenset(
    {"iso-8859-1", "latin-1", "latin1", "iso8859-1", "windows-1252", "cp1252", "us-ascii", "ascii"}
)
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)
_ALTERNATE = re.compile(
    r"<link\b[^>]*type=[\"']application/(?:rss|atom)\+xml[\"'][^>]*>", re.I | re.S
)
_HREF = re.compile(r"href=[\"']([^\"']+)[\"']", re.I)


# -- parsing (pure) -------------------------------------------------------------------------


def parse_feed(
    body: bytes,
    *,
    feed_url: str,
    source: str | None = None,
    content_type: str | None = None,
) -> list[FeedEntry]:
    """Entries of an RSS, Atom or JSON Feed document.

    Args:
        body: The raw bytes as served.
        feed_url: Where the body came from; relative links resolve against it.
        source: The source name to give entries; defaults to the feed's title, else its host.
        content_type: The HTTP Content-Type, when known; its charset is used when the XML
            does not declare one. JSON Feed is recognised from the body itself.

    Returns:
        One FeedEntry per item that has a link, in feed order. Summaries are plain text;
        full content stays as served (`content_is_html` says which).

    Raises:
        FeedFormatError: The body is empty, an HTML page, or not a feed at all.
    """
    stripped = body.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not stripped:
        raise FeedFormatError(f"feed {feed_url} returned an empty body: is the URL right?")
    # Sniffed, not taken from Content-Type: servers label XML feeds application/json and
    # JSON feeds text/plain often enough that the first byte is the better witness.
    if stripped[:1] in (b"{", b"["):
        return _parse_json_feed(stripped, feed_url=feed_url, source=source)
    if _HTML_START.match(stripped):
        raise FeedFormatError(_html_message(stripped, feed_url))

    xml = _fix_declared_encoding(stripped)
    parsed = feedparser.parse(
        xml,
        response_headers={
            "content-location": feed_url,
            "content-type": _xml_type(xml, content_type),
        },
        sanitize_html=True,
        resolve_relative_uris=True,
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
    name = source or _plain(feed_meta.get("title") or "") or _host(feed_url)
    entries = []
    for raw in raw_entries:
        entry = _entry_from_feedparser(raw, feed_url=feed_url, source=name)
        if entry is None:
            log.warning("feed %s has an item without a link; skipped it", feed_url)
            continue
        entries.append(entry)
    return entries


def _entry_from_feedparser(
    raw: Mapping[str, Any], *, feed_url: str, source: str
) -> FeedEntry | None:
    link = raw.get("link") or ""
    entry_id = raw.get("id") or raw.get("guid") or ""
    if not link and entry_id.startswith(("http://", "https://")):
        link = entry_id  # RSS guid isPermaLink="true" without a <link>
    if not link:
        return None
    url = urljoin(feed_url, link.strip())
    content, content_is_html = _best_content(raw.get("content") or [])
    return FeedEntry(
        feed_url=feed_url,
        source=source,
        url=url,
        title=_plain(raw.get("title") or ""),
        summary=_plain(raw.get("summary") or ""),
        content=content,
        content_is_html=content_is_html,
        published=_struct_time(raw.get("published_parsed") or raw.get("updated_parsed")),
        entry_id=(entry_id or url).strip(),
        author=_plain(raw.get("author") or "") or None,
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


def _parse_json_feed(body: bytes, *, feed_url: str, source: str | None) -> list[FeedEntry]:
    """JSON Feed 1.0/1.1 (https://jsonfeed.org/version/1.1), which feedparser does not read."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FeedFormatError(f"feed {feed_url} looks like JSON but does not parse: {exc}") from exc
    if not isinstance(data, dict) or "jsonfeed.org" not in str(data.get("version", "")):
        raise FeedFormatError(
            f"feed {feed_url} is JSON but not a JSON Feed (no jsonfeed.org version): "
            "is this an API endpoint rather than a feed?"
        )
    items = data.get("items")
    if not isinstance(items, list):
        raise FeedFormatError(f"feed {feed_url} is a JSON Feed without an items list")
    name = source or _plain(str(data.get("title") or "")) or _host(feed_url)
    feed_authors = _json_authors(data)
    entries = []
    for item in items:
        if not isinstance(item, dict):
            continue
        link = item.get("url") or item.get("external_url") or ""
        item_id = str(item.get("id") or "")
        if not link and item_id.startswith(("http://", "https://")):
            link = item_id
        if not link:
            log.warning("feed %s has an item without a url; skipped it", feed_url)
            continue
        url = urljoin(feed_url, str(link).strip())
        content: str | None
        if item.get("content_html"):
            content, is_html = str(item["content_html"]), True
        elif item.get("content_text"):
            content, is_html = str(item["content_text"]), False
        else:
            content, is_html = None, False
        entries.append(
            FeedEntry(
                feed_url=feed_url,
                source=name,
                url=url,
                title=_plain(str(item.get("title") or "")),
                summary=_plain(str(item.get("summary") or "")),
                content=content,
                content_is_html=is_html,
                published=_iso_date(item.get("date_published") or item.get("date_modified")),
                entry_id=item_id or url,
                author=_json_authors(item) or feed_authors,
            )
        )
    return entries


def _json_authors(obj: Mapping[str, Any]) -> str | None:
    authors = obj.get("authors")
    if not isinstance(authors, list):
        single = obj.get("author")  # JSON Feed 1.0
        authors = [single] if isinstance(single, dict) else []
    names = [str(a["name"]) for a in authors if isinstance(a, dict) and a.get("name")]
    return ", ".join(names) or None


def _iso_date(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment.astimezone(timezone.utc) if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _struct_time(value: time.struct_time | None) -> datetime | None:
    # feedparser normalises every date it understands to a UTC struct_time.
    if value is None:
        return None
    return datetime.fromtimestamp(calendar.timegm(value), tz=timezone.utc)


def _plain(text: str) -> str:
    """Feed text fields as plain text: tags stripped, entities decoded, whitespace folded."""
    text = text.strip()
    if looks_like_html(text) or "&" in text:
        return str(html_to_text(text))
    return " ".join(text.split())


def _host(url: str) -> str:
    parts = urlsplit(url)
    if parts.hostname:
        return parts.hostname.removeprefix("www.")
    return Path(unquote(parts.path or url)).stem or url


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


# -- fetching -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FeedFetchState:
    """What the last successful fetch of a feed said about its version."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True, slots=True)
class FeedFetch:
    """The outcome of one fetch: a body, or `not_modified` with no body."""

    feed_url: str
    not_modified: bool
    body: bytes
    status: int
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None
    final_url: str | None = None  # after redirects; equals feed_url when there were none

    @property
    def state(self) -> FeedFetchState:
        return FeedFetchState(etag=self.etag, last_modified=self.last_modified)


class FeedClient(PoliteClient):
    """Fetches feeds politely: conditional GET, a size cap, one request per host per interval.

    Args:
        session: The requests session to use (injected, so tests and pooling are the caller's).
        user_agent: Sent on every request; names the project and where to read about it.
        timeout: Seconds for the whole request (connect, headers, body, redirects).
        max_bytes: A body larger than this (after decompression) is an error, not a truncation.
        min_interval_per_host: Seconds between two requests to the same host.
        gate: Share one with a PageFetcher so feeds and pages on a host count together.
    """

    default_max_bytes = DEFAULT_MAX_BYTES
    trusted_by_default = True

    def fetch(
        self,
        feed_url: str,
        state: FeedFetchState | None = None,
        *,
        deadline: float | None = None,
    ) -> FeedFetch:
        """Fetch a feed, sending the validators from `state` so an unchanged feed costs a 304.

        Raises:
            FeedError: Unreachable, timed out, an HTTP error status, or larger than max_bytes;
                the message names the URL.
        """
        path = local_path(feed_url)
        if path is not None:
            return self._read_file(feed_url, path, state)
        headers = {"User-Agent": self._user_agent, "Accept": FEED_ACCEPT}
        if state is not None and state.etag:
            headers["If-None-Match"] = state.etag
        if state is not None and state.last_modified:
            headers["If-Modified-Since"] = state.last_modified
        response = self.get(
            feed_url, headers=headers, error=FeedError, what="feed", deadline=deadline
        )
        if response.status == 304:
            return FeedFetch(
                feed_url=feed_url,
                not_modified=True,
                body=b"",
                status=304,
                etag=response.headers.get("etag") or (state.etag if state else None),
                last_modified=response.headers.get("last-modified")
                or (state.last_modified if state else None),
                final_url=response.url,
            )
        return FeedFetch(
            feed_url=feed_url,
            not_modified=False,
            body=response.body,
            status=response.status,
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
            content_type=response.headers.get("content-type"),
            final_url=response.url,
        )

    def _read_file(self, feed_url: str, path: Path, state: FeedFetchState | None) -> FeedFetch:
        try:
            info = path.stat()
            # The file's mtime plays Last-Modified, so an unchanged demo feed is "not modified".
            modified = formatdate(info.st_mtime, usegmt=True)
            if state is not None and state.last_modified == modified:
                return FeedFetch(feed_url, True, b"", 304, last_modified=modified)
            if info.st_size > self._max_bytes:
                raise FeedError(
                    f"feed {feed_url} is {info.st_size} bytes, over the {self._max_bytes}-byte "
                    "limit: raise max_bytes if this file is really a feed"
                )
            body = path.read_bytes()
        except OSError as exc:
            raise FeedError(f"feed {feed_url} cannot be read from disk: {exc}") from exc
        return FeedFetch(feed_url, False, body, 200, last_modified=modified, final_url=feed_url)
