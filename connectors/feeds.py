"""Feeds: fetch over HTTP (or from disk); parsing lives in feed_parse (re-exported here).

    FeedClient.fetch(url, state) ─FeedFetch(body or not_modified)─▶ read_feed(body) ─▶ entries
        │ conditional GET (ETag / If-Modified-Since), one request for the whole deadline,
        │ capped body, the host's turn shared with pages, errors mapped to FeedError
        └ local paths and file:// URLs are read from disk (the bundled demo works offline)

Feed URLs are the operator's and trusted as written; a redirect off their origin is checked
like any untrusted URL (connectors/http.py).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from email.utils import formatdate
from pathlib import Path

from claimwatch.connectors.feed_parse import parse_feed, read_feed
from claimwatch.connectors.http import PoliteClient, local_path
from claimwatch.transforms.errors import FeedError

__all__ = ["FeedClient", "FeedFetch", "FeedFetchState", "parse_feed", "read_feed"]

log = logging.getLogger(__name__)

FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)
# Large news feeds run to a few hundred kB; 10 MB leaves room for full-text feeds while
# keeping a misconfigured URL (a video, a dump) from filling memory.
DEFAULT_MAX_BYTES = 10 * 1024 * 1024


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
