"""One polling round over the configured feeds, turning new entries into Articles.

    for each feed:  state.fetch_state ─▶ client.fetch ─▶ parse_feed ─▶ state.unseen
      for each new entry:  feed content is the article?  ─yes─▶ text
                           else fetch_pages?  pages.fetch ─▶ extract_text ─▶ text
                           failed or off:  keep the summary (warned, counted)
                           build_article(entry, text)
    PollResult(articles, stats, warnings, checkpoints)
    caller:  log.append(articles)  then  state.commit(checkpoints)      (ingest_once does both)

Nothing is recorded as seen until the caller commits after the append, so a crash between
the two re-emits entries (the log's dedup absorbs them) rather than losing them. One bad
feed never stops the others: its error is logged, counted and recorded for health checks.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from claimwatch.connectors.feed_state import FeedCheckpoint, FeedStateStore, SeenEntry
from claimwatch.connectors.feeds import FeedClient, parse_feed
from claimwatch.connectors.http import local_path
from claimwatch.connectors.log import ArticleLog
from claimwatch.connectors.pages import PageFetcher, extract_text
from claimwatch.transforms.articles import (
    build_article,
    carries_full_text,
    entry_fingerprint,
    entry_text,
)
from claimwatch.transforms.errors import ExtractionError, FeedError, FetchError
from claimwatch.transforms.models import Article, FeedEntry

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class FeedConfig:
    """One feed to poll, as config/feeds.yaml lists it.

    `url` is an http(s) URL, a file:// URL or a path (resolve relative paths with
    `resolve_feed_location` before building this). `source` defaults to the feed's title.
    """

    url: str
    source: str | None = None
    fetch_pages: bool = True


@dataclass(frozen=True, slots=True)
class FeedStats:
    """What one poll of one feed did."""

    feed_url: str
    fetched: bool = False  # a body came back and parsed
    not_modified: bool = False
    entries: int = 0  # items the feed lists
    new: int = 0  # articles emitted
    full_text: int = 0  # articles whose text came from the feed itself
    pages_fetched: int = 0  # articles whose text came from the page
    page_failures: int = 0  # page fetch or extraction failed: the summary was kept
    errors: int = 0  # the feed failed (1), plus entries dropped for having no text
    error: str | None = None


@dataclass(frozen=True, slots=True)
class PollResult:
    """Articles to append, and the checkpoints to commit once they are in the log."""

    articles: tuple[Article, ...]
    stats: tuple[FeedStats, ...]
    warnings: tuple[str, ...]
    checkpoints: tuple[FeedCheckpoint, ...]

    def stats_for(self, feed_url: str) -> FeedStats | None:
        return next((s for s in self.stats if s.feed_url == feed_url), None)


def resolve_feed_location(url: str, base_dir: Path) -> str:
    """A relative path in a feeds file resolves against the file's folder; URLs are kept."""
    path = local_path(url)
    if path is None or path.is_absolute() or url.startswith("file:"):
        return url
    return str((base_dir / path).resolve())


def poll_feeds(
    feeds: Sequence[FeedConfig],
    *,
    client: FeedClient,
    pages: PageFetcher,
    state: FeedStateStore,
    now: Callable[[], datetime],
) -> PollResult:
    """Fetch every feed once and build Articles for entries not seen before.

    Args:
        feeds: The feeds to poll, in order.
        client: Fetches feed bodies (conditional GET, politeness, size cap).
        pages: Fetches article pages for feeds that carry summaries only.
        state: Per-feed validators and seen fingerprints; only read here, plus failure and
            304 bookkeeping. Commit `PollResult.checkpoints` after appending the articles.
        now: The clock, injected so tests and replays control time.

    Returns:
        The new articles in feed order, per-feed stats, human-readable warnings, and the
        checkpoints that mark these entries seen.
    """
    articles: list[Article] = []
    stats: list[FeedStats] = []
    warnings: list[str] = []
    checkpoints: list[FeedCheckpoint] = []
    for feed in feeds:
        outcome = _poll_one(feed, client=client, pages=pages, state=state, now=now)
        articles.extend(outcome.articles)
        stats.append(outcome.stats)
        warnings.extend(outcome.warnings)
        if outcome.checkpoint is not None:
            checkpoints.append(outcome.checkpoint)
    return PollResult(tuple(articles), tuple(stats), tuple(warnings), tuple(checkpoints))


def ingest_once(
    feeds: Sequence[FeedConfig],
    *,
    client: FeedClient,
    pages: PageFetcher,
    state: FeedStateStore,
    log: ArticleLog,
    now: Callable[[], datetime],
) -> PollResult:
    """poll_feeds, append the articles to the log, then commit the checkpoints.

    If the append raises, nothing is committed and the next poll emits the same entries.
    """
    result = poll_feeds(feeds, client=client, pages=pages, state=state, now=now)
    if result.articles:
        # Publication order across feeds: the pipeline reads the log in slices, and an
        # original must reach dedup before the copies another feed carried in the same poll.
        log.append(sorted(result.articles, key=lambda a: (a.published, a.id)))
    state.commit(result.checkpoints)
    return result


@dataclass(frozen=True, slots=True)
class _FeedOutcome:
    articles: tuple[Article, ...]
    stats: FeedStats
    warnings: tuple[str, ...]
    checkpoint: FeedCheckpoint | None


def _poll_one(
    feed: FeedConfig,
    *,
    client: FeedClient,
    pages: PageFetcher,
    state: FeedStateStore,
    now: Callable[[], datetime],
) -> _FeedOutcome:
    started = now()
    try:
        fetch = client.fetch(feed.url, state.fetch_state(feed.url))
        if fetch.not_modified:
            state.record_not_modified(feed.url, started, source=feed.source)
            return _FeedOutcome((), FeedStats(feed.url, not_modified=True), (), None)
        entries = parse_feed(
            fetch.body, feed_url=feed.url, source=feed.source, content_type=fetch.content_type
        )
    except FeedError as exc:
        message = str(exc)
        logger.warning("feed %s failed: %s", feed.url, message)
        state.record_failure(feed.url, message, started, source=feed.source)
        return _FeedOutcome((), FeedStats(feed.url, errors=1, error=message), (message,), None)

    unique: dict[str, FeedEntry] = {}
    for entry in entries:
        unique.setdefault(entry_fingerprint(entry), entry)  # a feed listing an item twice
    fresh = state.unseen(feed.url, unique)

    articles: list[Article] = []
    seen: list[SeenEntry] = []
    warnings: list[str] = []
    full_text = pages_fetched = page_failures = dropped = 0
    for fingerprint, entry in unique.items():
        if fingerprint not in fresh:
            continue
        content = entry_text(entry)
        published = entry.published
        if carries_full_text(content, entry.summary):
            text = content
            full_text += 1
        elif feed.fetch_pages:
            try:
                page = extract_text(pages.fetch(entry.url), entry.url)
            except (FetchError, ExtractionError) as exc:
                message = f"kept the feed summary for {entry.url}: {exc}"
                logger.warning("%s", message)
                warnings.append(message)
                page_failures += 1
                text = max(content, entry.summary, key=len)
            else:
                text = page.text
                published = published or page.published
                if not entry.title and page.title:
                    entry = replace(entry, title=page.title)
                pages_fetched += 1
        else:
            text = max(content, entry.summary, key=len)
        if not text.strip():
            # Not marked seen: if the feed fills the entry in later, it is picked up then.
            message = f"entry {entry.url} in feed {feed.url} has no text; skipped it"
            logger.warning("%s", message)
            warnings.append(message)
            dropped += 1
            continue
        articles.append(build_article(entry, text, fetched=now(), published=published))
        seen.append(SeenEntry(fingerprint, entry.entry_id, entry.published))

    stats = FeedStats(
        feed.url,
        fetched=True,
        entries=len(entries),
        new=len(articles),
        full_text=full_text,
        pages_fetched=pages_fetched,
        page_failures=page_failures,
        errors=dropped,
    )
    checkpoint = FeedCheckpoint(
        feed_url=feed.url,
        fetched_at=started,
        etag=fetch.etag,
        last_modified=fetch.last_modified,
        entries=tuple(seen),
        source=feed.source or (entries[0].source if entries else None),
    )
    return _FeedOutcome(tuple(articles), stats, tuple(warnings), checkpoint)
